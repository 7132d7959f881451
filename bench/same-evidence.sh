#!/usr/bin/env bash
# Checks that two gonogo binaries write byte-identical evidence on a bench repository in every
# mode: HEAD, preset:delivery, --worktree, --rev feature --base main, --staged. Used before and
# after each performance change (docs/performance.md).
#
#   bench/same-evidence.sh OLD_GONOGO NEW_GONOGO [REPO]   # REPO: a `gonogo-bench gen` output
set -euo pipefail
OLD=$(realpath "$1") NEW=$(realpath "$2")
REPO=${3:-/tmp/gonogo-bench/repo-10000-5000-s1}
PLAYBOOK=$(cd "$(dirname "$0")" && pwd)/playbook.toml
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export SOURCE_DATE_EPOCH=1700000000
cd "$REPO"
status=0
for mode in head delivery worktree change staged; do
  case $mode in
    head) args=(check -p "$PLAYBOOK") ;;
    delivery) args=(check -p preset:delivery) ;;
    worktree) args=(check --worktree -p "$PLAYBOOK") ;;
    change) args=(check --rev feature --base main -p "$PLAYBOOK") ;;
    staged) args=(check --staged -p "$PLAYBOOK") ;;
  esac
  "$OLD" "${args[@]}" -f json > "$OUT/old-$mode.json" || true
  "$NEW" "${args[@]}" -f json > "$OUT/new-$mode.json" || true
  if cmp -s "$OUT/old-$mode.json" "$OUT/new-$mode.json"; then
    echo "$mode: identical"
  else
    echo "$mode: DIFFERENT"; status=1
  fi
done
exit $status
