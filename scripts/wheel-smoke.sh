#!/usr/bin/env bash
# Builds gonogo's Python wheel for this machine (maturin, pyproject.toml), installs it into a
# fresh virtual environment and runs the installed `gonogo` on fixture repositories: GO on
# fixtures/repos/compliant (exit 0), NO-GO on fixtures/repos/missing-must (exit 1).
# Needs python3 (with venv and pip), git and a Rust toolchain; installs maturin itself into a
# virtual environment of its own. Run by .ci/run.
#
#   scripts/wheel-smoke.sh
#
# Environment (optional): WORK (a folder for the virtual environments and the wheel; default a
# temporary one, removed at the end), CARGO_TARGET_DIR (default: the workspace's target/, so the
# release build is shared with `cargo build --release`), MATURIN_VERSION (default 1.16.0).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MATURIN_VERSION=${MATURIN_VERSION:-1.16.0}
if [ -z "${WORK:-}" ]; then
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
say() { printf 'wheel-smoke: %s\n' "$*"; }
fail() { printf 'wheel-smoke: FAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$(now)"; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || fail "no version in Cargo.toml"

# 1. maturin, in a virtual environment of its own.
t=$(now)
python3 -m venv "$WORK/maturin"
"$WORK/maturin/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin==$MATURIN_VERSION"
say "maturin $MATURIN_VERSION installed in $(since "$t")"

# 2. The wheel for this machine (a release build of gonogo).
t=$(now)
rm -rf "$WORK/dist"
"$WORK/maturin/bin/maturin" build --release --locked --quiet --out "$WORK/dist"
wheels=("$WORK"/dist/gonogo-"$version"-*.whl)
[ -f "${wheels[0]}" ] || fail "maturin wrote no gonogo-$version wheel into $WORK/dist"
[ "${#wheels[@]}" -eq 1 ] || fail "more than one wheel: ${wheels[*]}"
wheel=${wheels[0]}
say "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB) in $(since "$t")"
# Binary only: the wheel holds the gonogo executable and its metadata, no Python package.
python3 - "$wheel" <<'PY' || fail "the wheel holds more than the gonogo binary"
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
scripts = [n for n in names if ".data/scripts/" in n]
other = [n for n in names if ".data/scripts/" not in n and ".dist-info/" not in n]
assert [s.rsplit("/", 1)[1] for s in scripts] == ["gonogo"], scripts
assert other == [], other
PY

# 3. A fresh virtual environment with the wheel, as `pip install gonogo` does it (no index).
t=$(now)
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
say "installed the wheel into a fresh virtual environment in $(since "$t")"
gonogo="$WORK/venv/bin/gonogo"
[ -x "$gonogo" ] || fail "the wheel installed no $gonogo"
got=$("$gonogo" --version)
[ "$got" = "gonogo $version" ] || fail "gonogo --version says '$got', not 'gonogo $version'"

# 4. A check of fixture repositories with the installed binary.
fixture_repo() { # fixture name -> a git repository with the fixture committed
    local dir="$WORK/repos/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp -R "fixtures/repos/$1/." "$dir/"
    find "$dir" -name .gitkeep -delete
    (
        cd "$dir"
        export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
        export GIT_AUTHOR_NAME=Fixture GIT_AUTHOR_EMAIL=fixture@example.com
        export GIT_COMMITTER_NAME=Fixture GIT_COMMITTER_EMAIL=fixture@example.com
        git init -q -b main
        git add -A
        git commit -q -m "Initial commit"
    )
    echo "$dir"
}
check() { # fixture expected-exit expected-text
    local repo status=0 out
    repo=$(fixture_repo "$1")
    out=$(cd "$repo" && NO_COLOR=1 "$gonogo" check 2>&1) || status=$?
    [ "$status" -eq "$2" ] || fail "gonogo check on $1 exited $status, not $2:
$out"
    case "$out" in
        *"$3"*) ;;
        *) fail "gonogo check on $1 does not say '$3':
$out" ;;
    esac
    say "gonogo check on fixtures/repos/$1: exit $status, '$3'"
}
check compliant 0 'Decision: gate `merge`: GO'
check missing-must 1 'Decision: gate `merge`: NO-GO'
say "passed"
