#!/usr/bin/env bash
# gonogo against hand-counted ground truth (docs/accuracy/ground-truth.toml): runs gonogo on
# every listed repository, at the listed commit, with the default playbook and with
# preset:delivery, and prints per-repository results and precision/recall per control kind as
# Markdown. docs/accuracy.md says how to get the clones.
#
#   bench/accuracy.sh CLONES            # CLONES/<name> is a clone of each listed repository
#
# Environment (optional): GONOGO (the binary, default target/release/gonogo), TRUTH (the ground
# truth file), OUT (where evidence files go, default /tmp/gonogo-accuracy), NO_RUN=1 (score the
# evidence files already in OUT, e.g. of an older binary, without checking again).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLONES=${1:?usage: bench/accuracy.sh CLONES_FOLDER}
GONOGO=${GONOGO:-$ROOT/target/release/gonogo}
TRUTH=${TRUTH:-$ROOT/docs/accuracy/ground-truth.toml}
OUT=${OUT:-/tmp/gonogo-accuracy}
mkdir -p "$OUT"

AS_OF=$(python3 -c 'import sys,tomllib; print(tomllib.load(open(sys.argv[1],"rb"))["as_of"])' "$TRUTH")
[[ "${NO_RUN:-0}" == 1 ]] || python3 -c 'import sys,tomllib
for r in tomllib.load(open(sys.argv[1],"rb"))["repo"]: print(r["name"], r["commit"])' "$TRUTH" |
  while read -r name commit; do
    repo=$CLONES/$name
    if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
      echo "missing: $repo does not hold $commit" >&2
      continue
    fi
    # Exit codes 1 and 2 are decisions here (NO-GO, a control in ERROR), not failures.
    "$GONOGO" check "$repo" --rev "$commit" --as-of "$AS_OF" --format json \
      >"$OUT/$name.default.json" 2>"$OUT/$name.default.err" || true
    "$GONOGO" check "$repo" --rev "$commit" --as-of "$AS_OF" -p preset:delivery --format json \
      >"$OUT/$name.delivery.json" 2>"$OUT/$name.delivery.err" || true
  done

python3 - "$TRUTH" "$OUT" <<'EOF'
import json, os, re, sys, tomllib

truth = tomllib.load(open(sys.argv[1], "rb"))
out = sys.argv[2]
BROKEN = re.compile(r"^(\S+) links to (.+), which does not exist")


def load(name, preset):
    path = os.path.join(out, f"{name}.{preset}.json")
    return json.load(open(path)) if os.path.exists(path) else None


def control(evidence, kind=None, cid=None):
    for c in evidence["controls"]:
        if (kind and c["kind"] == kind) or (cid and c["id"] == cid):
            return c
    return None


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def sets(self, got, want):
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    def one(self, got, want):
        self.sets({1} if got else set(), {1} if want else set())

    def cells(self):
        p = f"{self.tp / (self.tp + self.fp):.2f}" if self.tp + self.fp else "–"
        r = f"{self.tp / (self.tp + self.fn):.2f}" if self.tp + self.fn else "–"
        return f"{self.tp} | {self.fp} | {self.fn} | {p} | {r}"


kinds = {k: Score() for k in (
    "adr: records found", "adr: status read", "adr: broken links", "adr: findings (default playbook)",
    "tests: tests found", "runbook: missing runbook reported", "runbook: runbook found",
    "ownership: CODEOWNERS problem reported")}
rows = []
for repo in truth["repo"]:
    name = repo["name"]
    default, delivery = load(name, "default"), load(name, "delivery")
    if default is None or delivery is None:
        rows.append(f"| {name} | not checked | | | | | | |")
        continue
    adr = control(default, kind="adr")
    want = repo["adr"]["records"]
    got = {r["path"]: r.get("status") or "none" for r in (adr.get("records") or [])}
    kinds["adr: records found"].sets(set(got), set(want))
    got_status = set(got.items())
    kinds["adr: status read"].sets(got_status, set(want.items()))
    status_ok = len(got_status & set(want.items()))
    broken = set()
    for f in adr["findings"]:
        m = BROKEN.match(f["message"]) if f["code"] == "adr/broken-link" else None
        if m:
            broken.add((m.group(1), m.group(2)))
    kinds["adr: broken links"].sets(broken, {tuple(b) for b in repo["adr"]["broken_links"]})
    findings = {(f["code"], f["path"]) for f in adr["findings"]}
    kinds["adr: findings (default playbook)"].sets(findings, {tuple(f) for f in repo["adr"]["findings"]})

    tests = control(default, kind="tests")
    kinds["tests: tests found"].one(tests["status"] == "PASS", repo["tests"]["present"])

    runbook = control(delivery, kind="runbook")
    rb = repo["runbook"]
    kinds["runbook: missing runbook reported"].one(
        any(f["code"] == "runbook/missing" for f in runbook["findings"]),
        rb["runs_something"] and not rb["present"])
    # Found: the control names a runbook in its evidence (it may still FAIL on its sections).
    found = runbook["status"] == "PASS" or any(
        (e.get("note") or "").startswith("runbook ") for e in runbook.get("evidence") or [])
    kinds["runbook: runbook found"].one(found, rb["present"])

    owners = control(default, kind="ownership")
    co = repo["codeowners"]
    kinds["ownership: CODEOWNERS problem reported"].one(
        owners["status"] == "FAIL", not (co["present"] and co["valid"]))

    rows.append(
        f"| {name} | {len(got)} / {len(want)} | {status_ok} / {len(want)} | "
        f"{len(broken)} / {len(repo['adr']['broken_links'])} | {tests['status']} "
        f"({'present' if repo['tests']['present'] else 'absent'}) | {runbook['status']} "
        f"({'runbook' if rb['present'] else 'runs, no runbook' if rb['runs_something'] else 'nothing runs'}) | "
        f"{owners['status']} | {default['decision']} / {delivery['decision']} |")

print("| repository | ADRs found / counted | statuses right / counted | broken links found / counted "
      "| tests (reader) | runbooks, delivery (reader) | CODEOWNERS | decision default / delivery |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
print("\n".join(rows))
print()
print("| control kind | TP | FP | FN | precision | recall |")
print("| --- | --- | --- | --- | --- | --- |")
for k, s in kinds.items():
    print(f"| {k} | {s.cells()} |")
EOF
