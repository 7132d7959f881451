#!/usr/bin/env bash
# gonogo benchmark: `gonogo portfolio` over a fleet of evidence files (issue 21, point 5).
#
#   bench/portfolio.sh                 # 10,000 and 100,000 files
#   SIZES="1000" bench/portfolio.sh    # other sizes
#
# One real evidence report is made by `gonogo check` on a fixture (a git repository built from
# fixtures/repos/$FIXTURE at run time), then a small Python program writes N variants of it,
# one per repository, spread over $SHARDS shard folders as a sharded scan leaves them: another
# remote URL, commit, date and decision, findings dated differently. Nothing is committed; the
# data lives in $DATA (default /dev/shm/gonogo-portfolio-bench: 100,000 files take 1.4 GB, kept in memory
# rather than on a small disk).
#
# Environment (all optional): SIZES (space separated), SHARDS (default 64), HISTORY (every
# HISTORY-th repository also gets an older report, so trends and diffs are part of the run;
# 0 = one report per repository, the default), FIXTURE (default report-demo), FORMAT (default
# html), BIN (a gonogo binary; default: built here with the release profile and
# CARGO_PROFILE_RELEASE_LTO=off, which only shortens the build), DATA.
# Prints one Markdown table row per size: files, seconds (wall), max RSS.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"10000 100000"}
SHARDS=${SHARDS:-64}
HISTORY=${HISTORY:-0}
FIXTURE=${FIXTURE:-report-demo}
FORMAT=${FORMAT:-html}
DATA=${DATA:-/dev/shm/gonogo-portfolio-bench}
mkdir -p "$DATA"

if [[ -z "${BIN:-}" ]]; then
  (cd "$ROOT" && CARGO_PROFILE_RELEASE_LTO=off cargo build --release -q)
  BIN="$ROOT/target/release/gonogo"
fi

# --- one real report -------------------------------------------------------------------------
SEED="$DATA/seed.json"
if [[ ! -s "$SEED" ]]; then
  REPO="$DATA/seed-repo"
  rm -rf "$REPO" && cp -r "$ROOT/fixtures/repos/$FIXTURE" "$REPO"
  git -C "$REPO" init -q -b main
  git -C "$REPO" add -A
  GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
    git -C "$REPO" -c user.name=bench -c user.email=bench@example.com commit -q -m seed
  (cd "$REPO" && "$BIN" check -o "json=$SEED" >/dev/null) || true
  [[ -s "$SEED" ]] || { echo "no evidence from gonogo check" >&2; exit 1; }
fi

# --- N variants --------------------------------------------------------------------------------
generate() { # N DIR
  python3 - "$SEED" "$1" "$2" "$SHARDS" "$HISTORY" <<'PY'
import copy, datetime, hashlib, json, os, sys
seed_path, n, out, shards, history = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
seed = json.load(open(seed_path))
seed.pop("digest", None)  # the variants are no longer the checked report
base = datetime.datetime(2026, 3, 31, 12, 0, 0)
decisions = ["GO", "GO_WITH_CONDITIONS", "NO_GO"]
for s in range(shards):
    os.makedirs(os.path.join(out, f"shard-{s:03}"), exist_ok=True)
def write(i, age_days, suffix):
    e = copy.deepcopy(seed)
    commit = hashlib.sha1(f"{i}/{suffix}".encode()).hexdigest()
    e["subject"]["remote"] = f"https://git.example.com/group-{i % 97}/repo-{i}.git"
    e["subject"]["root"] = f"/builds/group-{i % 97}/repo-{i}"
    e["subject"]["commit"] = commit
    when = base - datetime.timedelta(days=(i * 7) % 60 + age_days, minutes=i % 1440)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    e["generated_at"] = stamp
    if e.get("as_of"):
        e["as_of"] = stamp
    e["decision"] = decisions[(i + len(suffix)) % 3]
    for c in e.get("controls", []):
        for f in c.get("findings", []):
            if i % 5 == 0 and f.get("fingerprint"):
                f["fingerprint"] = f["fingerprint"][:-4] + f"{i % 4096:04x}"
    with open(os.path.join(out, f"shard-{i % shards:03}", f"repo-{i}{suffix}.json"), "w") as fh:
        json.dump(e, fh, indent=2)
for i in range(n):
    write(i, 0, "")
    if history and i % history == 0:
        write(i, 30, "-old")
PY
}

echo "| files | seconds | max RSS (MiB) |"
echo "|---:|---:|---:|"
for n in $SIZES; do
  DIR="$DATA/evidence-$n-h$HISTORY"
  if [[ ! -f "$DIR/.done" ]]; then
    rm -rf "$DIR" && generate "$n" "$DIR" && touch "$DIR/.done"
  fi
  files=$(find "$DIR" -name '*.json' | wc -l)
  /usr/bin/time -v "$BIN" portfolio "$DIR" --format "$FORMAT" -o "$DATA/portfolio-$n.$FORMAT" \
    2> "$DATA/time-$n.txt" || { cat "$DATA/time-$n.txt" >&2; exit 1; }
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DATA/time-$n.txt")
  secs=$(awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<< "$wall")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DATA/time-$n.txt")
  printf '| %s | %.1f | %d |\n' "$files" "$secs" "$((rss / 1024))"
done
