#!/usr/bin/env bash
# Runs the fuzz targets, one after the other, each for a bounded time.
#
#   fuzz/run.sh                 every target, 600 s each
#   fuzz/run.sh TARGET [SECONDS]
#   FUZZ_JOBS=2 fuzz/run.sh …   libFuzzer workers per target (default 1)
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and cargo-fuzz, installed on
# first use into ~/.cargo (`cargo install cargo-fuzz --locked`). Corpora start from the
# repository's fixtures and grow in fuzz/corpus/TARGET; crashes land in fuzz/artifacts/TARGET
# (both ignored by git). A crash exits non-zero: turn it into a regression test (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")"

all=(playbook playbook_tree waivers evidence tree names codeowners adr checklist)
if [ $# -gt 0 ] && [ "$1" != "all" ]; then targets=("$1"); else targets=("${all[@]}"); fi
seconds=${2:-600}
jobs=${FUZZ_JOBS:-1}

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
toolchain=(+nightly)
rustup run nightly rustc --version >/dev/null 2>&1 || { echo "fuzz/run.sh: needs the nightly toolchain" >&2; exit 2; }

# Copies files into a corpus folder under a name derived from their path (names repeat).
seed() {
  local dir=$1; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    local size
    size=$(wc -c <"$f")
    [ "$size" -le 65536 ] || continue
    cp -n "$f" "$dir/seed-$(printf '%s' "$f" | sha1sum | cut -c1-12)" 2>/dev/null || true
  done
}

# A corpus entry of several files: `%%% PATH` lines start a file (see fuzz_targets/common.rs).
seed_tree() {
  local dir=$1 repo=$2
  mkdir -p "$dir"
  local out
  out="$dir/seed-tree-$(printf '%s' "$repo" | sha1sum | cut -c1-12)"
  [ -e "$out" ] && return 0
  (cd "$repo" && find . -type f -size -16k ! -path './.git/*' | sed 's|^\./||' | sort | head -40 |
    while read -r p; do printf '%%%%%% %s\n' "$p"; cat "$p"; printf '\n'; done) >"$out"
}

for t in "${targets[@]}"; do
  corpus="corpus/$t"
  mkdir -p "$corpus"
  case "$t" in
    playbook) seed "$corpus" ../fixtures/playbooks/*.toml ../fixtures/playbooks/invalid/*.toml ../src/playbook/presets/*.toml ;;
    playbook_tree)
      seed "$corpus" ../fixtures/playbooks/*.toml ../fixtures/playbooks/invalid/*.toml
      for d in ../fixtures/repos/*/; do [ -f "$d/gonogo.toml" ] && seed_tree "$corpus" "$d"; done ;;
    waivers) seed "$corpus" $(find ../fixtures -name 'waivers*.toml') ;;
    evidence)
      seed "$corpus" $(find ../fixtures ../tests -name '*.json' -size -64k | grep -v schema)
      # Real evidence of a few fixtures (plain folders), when a gonogo binary is built.
      bin=$(ls ../target/release/gonogo ../target/debug/gonogo 2>/dev/null | head -1 || true)
      if [ -n "$bin" ]; then
        for d in compliant conditions missing-must report-demo adr-pitfalls ownership-github-bad; do
          [ -e "$corpus/seed-evidence-$d" ] || "$bin" check "../fixtures/repos/$d" -o json \
            >"$corpus/seed-evidence-$d" 2>/dev/null || true
        done
      fi ;;
    tree) for d in ../fixtures/repos/*/; do seed_tree "$corpus" "$d"; done ;;
    names) seed "$corpus" ../fixtures/repos/compliant/README.md ;;
    codeowners) seed "$corpus" $(find ../fixtures -name CODEOWNERS) ;;
    adr) seed "$corpus" $(find ../fixtures/repos -path '*adr*' \( -name '*.md' -o -name '*.rst' \)) ;;
    checklist) seed "$corpus" $(find ../fixtures/repos -iname '*.md') ;;
    *) echo "fuzz/run.sh: unknown target $t (targets: ${all[*]})" >&2; exit 2 ;;
  esac
  echo "== $t: ${seconds}s, $(ls "$corpus" | wc -l) corpus entries"
  log="target/fuzz-$t.log"
  mkdir -p target
  max_len=65536
  [ "$t" != tree ] || max_len=16384 # a whole tree per input: keep each run short
  parallel=()
  [ "$jobs" -le 1 ] || parallel=(-jobs="$jobs" -workers="$jobs")
  status=0
  cargo "${toolchain[@]}" fuzz run "$t" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -max_len="$max_len" \
    "${parallel[@]}" -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::new_units_added|SUMMARY)|Done [0-9]+ runs|panicked at' "$log" | sort -u || true
  if [ "$status" -ne 0 ]; then
    echo "== $t FAILED (exit $status); see fuzz/$log and fuzz/artifacts/$t/" >&2
    exit "$status"
  fi
done
