#!/usr/bin/env bash
# Runs every fuzz target for a bounded time. Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# cargo-fuzz needs nightly features; on a stable toolchain RUSTC_BOOTSTRAP=1 enables them.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(playbook adr codeowners waivers checklist)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # Seed each corpus from the fixtures, so the fuzzer starts from realistic shapes.
  case "$t" in
    playbook) cp -n ../fixtures/playbooks/*.toml ../fixtures/playbooks/invalid/*.toml ../src/playbook/presets/*.toml "corpus/$t/" 2>/dev/null || true ;;
    adr) find ../fixtures/repos -path '*adr*' -name '*.md' -exec cp -n {} "corpus/$t/" \; 2>/dev/null || true ;;
    codeowners) find ../fixtures/repos -name CODEOWNERS -exec sh -c 'cp -n "$1" "corpus/codeowners/$(echo "$1" | md5sum | cut -c1-8)"' _ {} \; ;;
    checklist) find ../fixtures/repos -iname '*.md' -size -64k -exec sh -c 'cp -n "$1" "corpus/checklist/$(echo "$1" | md5sum | cut -c1-8)"' _ {} \; ;;
  esac
  echo "== $t: ${seconds}s"
  cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 2>&1 \
    | tee "/tmp/fuzz-$t.log" | grep -E '^(#[0-9]+.*(DONE|pulse)|Done|==[0-9]+==|SUMMARY)' || true
  grep -E 'Done [0-9]+ runs' "/tmp/fuzz-$t.log" | tail -1
done
