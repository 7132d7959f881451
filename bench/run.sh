#!/usr/bin/env bash
# gonogo benchmark: gonogo against git itself and against repolinter, side by side, on
# synthetic monorepos from `gonogo-bench gen`. Writes a Markdown table with ratios to stdout
# and into docs/performance.md (between the results markers).
#
#   bench/run.sh              # full run: 100k files / 50k commits, growth at 10k, 100k, 300k
#   QUICK=1 bench/run.sh      # a few minutes: 10k files / 5k commits, growth at 2k, 10k, 30k
#
# Environment (all optional): FILES, COMMITS (the main repository), SIZES (growth, space
# separated), SEED, RUNS (hyperfine runs per command), DATA (where repositories are generated,
# default /tmp/gonogo-bench), NO_INSTALL=1 (do not apt-get/npm/pip install), NO_REPOLINTER=1,
# NO_ALINT=1,
# NO_DOC=1 (leave docs/performance.md alone), TAGS / REFS (the ref-scale repository: release tags,
# refs in all; default 10000 / 100000), ONLY=tags (only the ref-scale scenario), ONLY=growth (only
# the growth table, e.g. SIZES="10000 100000 1000000" for linearity up to a million files), PROFILE (the cargo
# profile of gonogo, default release; `profiling` keeps symbols for perf record and callgrind).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [[ "${QUICK:-0}" == 1 ]]; then
  FILES=${FILES:-10000} COMMITS=${COMMITS:-5000} SIZES=${SIZES:-"2000 10000 30000"} RUNS=${RUNS:-5}
else
  FILES=${FILES:-100000} COMMITS=${COMMITS:-50000} SIZES=${SIZES:-"10000 100000 300000"} RUNS=${RUNS:-10}
fi
SEED=${SEED:-1}
DATA=${DATA:-/tmp/gonogo-bench}
OUT=${OUT:-$DATA/results}
mkdir -p "$DATA" "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.mem

say() { printf '==> %s\n' "$*" >&2; }

# --- tools ----------------------------------------------------------------------------------
apt_install() {
  [[ "${NO_INSTALL:-0}" == 1 ]] && { echo "missing: $*" >&2; exit 1; }
  say "installing $* (apt-get)"
  if [[ $(id -u) == 0 ]]; then apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null; fi
}
command -v hyperfine >/dev/null || apt_install hyperfine
[[ -x /usr/bin/time ]] || apt_install time
command -v python3 >/dev/null || apt_install python3
command -v git >/dev/null || apt_install git
REPOLINTER=""
if [[ "${NO_REPOLINTER:-0}" != 1 ]]; then
  RL_PREFIX="$DATA/repolinter"
  if [[ ! -x "$RL_PREFIX/node_modules/.bin/repolinter" ]]; then
    command -v npm >/dev/null || apt_install npm
    say "installing repolinter 0.12.0 (npm) into $RL_PREFIX"
    npm install --silent --no-audit --no-fund --prefix "$RL_PREFIX" repolinter@0.12.0 >/dev/null
  fi
  REPOLINTER="$RL_PREFIX/node_modules/.bin/repolinter"
fi

ALINT=""
if [[ "${NO_ALINT:-0}" != 1 ]]; then
  AL_PREFIX="$DATA/alint"
  if [[ ! -x "$AL_PREFIX/bin/alint" ]]; then
    [[ "${NO_INSTALL:-0}" == 1 ]] && { echo "missing: alint" >&2; exit 1; }
    python3 -m venv "$AL_PREFIX" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$AL_PREFIX"; }
    say "installing alint 0.20.1 (pip) into $AL_PREFIX"
    "$AL_PREFIX/bin/pip" install --quiet alint==0.20.1 >/dev/null
  fi
  ALINT="$AL_PREFIX/bin/alint"
fi

PROFILE=${PROFILE:-release}
say "building gonogo ($PROFILE) and the generator (bench/gen)"
cargo build --profile "$PROFILE" --quiet -p gonogo --bin gonogo
cargo build --release --quiet -p gonogo-bench
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
BIN="$TARGET_DIR/release"
GONOGO="$TARGET_DIR/$PROFILE/gonogo"
PLAYBOOK="$ROOT/bench/playbook.toml"
ALINT_YML="$ROOT/bench/alint.yml"
FRESH="$ROOT/bench/playbook-fresh.toml"

# --- repositories (reused while files, commits, seed and generator are the same) ------------
GEN_ID=$(cat "$ROOT"/bench/gen/src/*.rs | sha256sum | cut -c1-12)
repo() { # files commits [no-checkout] -> path
  local dir="$DATA/repo-$1-$2-s$SEED${3:+-nc}"
  local stamp="$1 $2 $SEED $GEN_ID${3:+ no-checkout}"
  if [[ ! -f "$dir/.bench-stamp" || "$(cat "$dir/.bench-stamp")" != "$stamp" ]]; then
    say "generating $1 files, $2 commits in $dir"
    if [[ -n "${3:-}" ]]; then
      # No work tree (a million files would take gigabytes): the index as a checkout leaves
      # it, read from the tree, for checks of HEAD.
      "$BIN/gonogo-bench" gen --out "$dir" --files "$1" --commits "$2" --seed "$SEED" --no-checkout >&2
      git -C "$dir" read-tree main
    else
      "$BIN/gonogo-bench" gen --out "$dir" --files "$1" --commits "$2" --seed "$SEED" >&2
    fi
    git -C "$dir" repack -a -d -q
    echo "$stamp" > "$dir/.bench-stamp"
    echo ".bench-stamp" >> "$dir/.git/info/exclude"
  fi
  echo "$dir"
}

governance_list() { # repo rev -> file of "rev:path" lines for git cat-file --batch
  git -C "$1" ls-tree -r --name-only "$2" \
    | grep -E '^docs/adr/|/RUNBOOK\.md$|^DEFINITION_OF_DONE\.md$|^\.github/|^(CHANGELOG|SECURITY|CONTRIBUTING)\.md$' \
    | sed "s|^|$2:|"
}

shell_bench() { # like bench, but through a shell (pipes and redirections)
  local name=$1 dir=$2 runs=$3 warmup=$4; shift 4
  say "hyperfine: $name"
  (cd "$dir" && hyperfine --style none --runs "$runs" --warmup "$warmup" -i \
      --export-json "$OUT/$name.json" "$@" >&2)
}

peak() { # name dir cmd... -> $OUT/name.mem (max RSS in KiB)
  local name=$1 dir=$2; shift 2
  (cd "$dir" && /usr/bin/time -f "%M" -o "$OUT/$name.mem" "$@" >/dev/null 2>&1) || true
}

# 6. Growth: the same check of HEAD on repositories of growing size (history: files / 10
# commits); from 1,000,000 files without a work tree. `ONLY=growth` runs only this scenario.
FRUNS=$(( RUNS > 5 ? 5 : RUNS ))
growth() {
  for n in $SIZES; do
    if [[ "$n" == "$FILES" && -z "${ONLY:-}" ]]; then dir=$MAIN
    elif (( n >= 1000000 )); then dir=$(repo "$n" $(( n / 10 )) no-checkout)
    else dir=$(repo "$n" $(( n / 10 ))); fi
    governance_list "$dir" HEAD > "$OUT/gov-$n.txt"
    shell_bench "growth-$n" "$dir" "$FRUNS" 1 \
      -n "git ls-tree + cat-file --batch" "git ls-tree -r HEAD >/dev/null && git cat-file --batch <'$OUT/gov-$n.txt' >/dev/null" \
      -n "gonogo check (bench playbook)" "'$GONOGO' check -p '$PLAYBOOK' -q"
    peak "mem-growth-$n" "$dir" "$GONOGO" check -p "$PLAYBOOK" -q
  done
}
if [[ "${ONLY:-}" == growth ]]; then
  growth
  python3 "$ROOT/bench/report.py" "$OUT" --sizes "$SIZES" --only growth \
    --cores "$(nproc)" --cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" \
    --git "$(git --version)" --hyperfine "$(hyperfine --version)"
  exit 0
fi

# 7. Ref scale: the previous-release search among TAGS release tags and REFS refs, for the
# newest, a middle and an early release; without and with a commit-graph file. The floor is git
# listing the merged tags in version order (the same question, answered by git).
TAGS=${TAGS:-10000} REFS=${REFS:-100000}
tags_repo() { # graph(0|1) -> path
  local dir="$DATA/tags-$TAGS-$REFS-g$1"
  local stamp="$TAGS $REFS $1 $GEN_ID"
  if [[ ! -f "$dir/.bench-stamp" || "$(cat "$dir/.bench-stamp")" != "$stamp" ]]; then
    say "generating $TAGS release tags, $REFS refs in $dir"
    "$BIN/gonogo-bench" tags --out "$dir" --tags "$TAGS" --refs "$REFS" >&2
    git -C "$dir" repack -a -d -q
    if [[ "$1" == 1 ]]; then git -C "$dir" commit-graph write --reachable; fi
    echo "$stamp" > "$dir/.bench-stamp"
    echo ".bench-stamp" >> "$dir/.git/info/exclude"
  fi
  echo "$dir"
}
NEWEST="v1.$(( TAGS - 1 )).0" MIDDLE="v1.$(( TAGS / 2 )).0" EARLY="v1.$(( TAGS / 200 )).0"
for graph in 0 1; do
  dir=$(tags_repo "$graph")
  shell_bench "tags-g$graph" "$dir" "$RUNS" 1 \
    -n "git tag --merged (middle)" "git tag --merged '$MIDDLE' --sort=-v:refname >/dev/null" \
    -n "gonogo check --rev newest" "'$GONOGO' check --rev '$NEWEST' -q" \
    -n "gonogo check --rev middle" "'$GONOGO' check --rev '$MIDDLE' -q" \
    -n "gonogo check --rev early" "'$GONOGO' check --rev '$EARLY' -q"
done
peak mem-tags "$(tags_repo 0)" "$GONOGO" check --rev "$MIDDLE" -q
if [[ "${ONLY:-}" == tags ]]; then
  python3 "$ROOT/bench/report.py" "$OUT" --tags "$TAGS" --refs "$REFS" --only tags \
    --cores "$(nproc)" --cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" \
    --git "$(git --version)" --hyperfine "$(hyperfine --version)"
  exit 0
fi

MAIN=$(repo "$FILES" "$COMMITS")
governance_list "$MAIN" main > "$OUT/gov-head.txt"
governance_list "$MAIN" feature > "$OUT/gov-feature.txt"
GOVN=$(wc -l < "$OUT/gov-head.txt")

# 1. Full check of HEAD vs git listing the tree and reading the same governance files.
sed 's|^main:||' "$OUT/gov-head.txt" > "$OUT/gov-head-paths.txt"
shell_bench head "$MAIN" "$RUNS" 2 \
  -n "git ls-files" "git ls-files >/dev/null" \
  -n "git ls-tree + cat-file --batch" "git ls-tree -r HEAD >/dev/null && git cat-file --batch <'$OUT/gov-head.txt' >/dev/null" \
  -n "gonogo check (bench playbook)" "'$GONOGO' check -p '$PLAYBOOK' -q" \
  -n "gonogo check (preset:delivery)" "'$GONOGO' check -p preset:delivery -q"

# 1b. The work tree: git status plus reading the governance files from disk, gonogo --worktree
# and alint (which only reads the work tree) on the shared ruleset (bench/alint.yml).
ALINT_CMD=()
[[ -n "$ALINT" ]] && ALINT_CMD=(-n "alint check" "'$ALINT' check -c '$ALINT_YML' -q . >/dev/null")
shell_bench worktree "$MAIN" "$RUNS" 2 \
  -n "git status + reads" "git status --porcelain >/dev/null && xargs cat <'$OUT/gov-head-paths.txt' >/dev/null" \
  -n "gonogo check --worktree" "'$GONOGO' check --worktree -p '$PLAYBOOK' -q" \
  -n "gonogo check (bench playbook)" "'$GONOGO' check -p '$PLAYBOOK' -q" \
  "${ALINT_CMD[@]}"

# 2. Change mode: a 50-file merge request.
shell_bench change "$MAIN" "$RUNS" 2 \
  -n "git diff --name-only + cat-file --batch" "git diff --name-only main...feature >/dev/null && git cat-file --batch <'$OUT/gov-feature.txt' >/dev/null" \
  -n "gonogo check --rev feature --base main" "'$GONOGO' check --rev feature --base main -p '$PLAYBOOK' -q"

# 3. Freshness of every governance file over the whole history.
shell_bench fresh "$MAIN" "$FRUNS" 1 \
  -n "git log --name-only" "git log --name-only --format=%H main >/dev/null" \
  -n "gonogo check (bench playbook)" "'$GONOGO' check -p '$PLAYBOOK' -q" \
  -n "gonogo check + freshness" "'$GONOGO' check -p '$FRESH' -q"

# 4. repolinter on the equivalent file-existence ruleset.
if [[ -n "$REPOLINTER" ]]; then
  shell_bench repolinter "$MAIN" 3 1 \
    -n "gonogo check (bench playbook)" "'$GONOGO' check -p '$PLAYBOOK' -q" \
    -n "repolinter 0.12.0 lint" "'$REPOLINTER' lint . -r '$ROOT/bench/repolinter.json' >/dev/null"
fi

# 5. Peak memory on the main repository.
peak mem-head "$MAIN" "$GONOGO" check -p "$PLAYBOOK" -q
peak mem-delivery "$MAIN" "$GONOGO" check -p preset:delivery -q
peak mem-worktree "$MAIN" "$GONOGO" check --worktree -p "$PLAYBOOK" -q
peak mem-change "$MAIN" "$GONOGO" check --rev feature --base main -p "$PLAYBOOK" -q
peak mem-fresh "$MAIN" "$GONOGO" check -p "$FRESH" -q
peak mem-gitlog "$MAIN" git log --name-only --format=%H main
[[ -n "$ALINT" ]] && peak mem-alint "$MAIN" "$ALINT" check -c "$ALINT_YML" -q .

growth

python3 "$ROOT/bench/report.py" "$OUT" \
  --files "$FILES" --commits "$COMMITS" --sizes "$SIZES" --seed "$SEED" --governance "$GOVN" \
  --tags "$TAGS" --refs "$REFS" \
  --cores "$(nproc)" --cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" \
  --git "$(git --version)" --hyperfine "$(hyperfine --version)" > "$OUT/results.md"
cat "$OUT/results.md"
if [[ "${NO_DOC:-0}" != 1 ]]; then
  python3 - "$ROOT/docs/performance.md" "$OUT/results.md" <<'PY'
import sys
doc, res = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- results:begin -->", "<!-- results:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + begin + "\n" + res + end + tail)
PY
  say "docs/performance.md updated"
fi
