#!/usr/bin/env python3
"""Turns bench/run.sh's hyperfine JSON and peak-memory files into the Markdown results table."""
import argparse
import json
import os

ap = argparse.ArgumentParser()
ap.add_argument("out")
for k in ("files", "commits", "sizes", "seed", "governance", "cores", "cpu", "git", "hyperfine",
          "tags", "refs", "only"):
    ap.add_argument("--" + k, default="")
a = ap.parse_args()


def load(name):
    path = os.path.join(a.out, name + ".json")
    if not os.path.exists(path):
        return None
    return {r["command"]: r for r in json.load(open(path))["results"]}


def mem(name):
    path = os.path.join(a.out, name + ".mem")
    try:
        return int(open(path).read().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        return None


def ms(r):
    return f"{r['median'] * 1000:,.0f} ms ± {r['stddev'] * 1000:,.0f}"


def verdict(ok):
    return "**met**" if ok else "**missed**"


rows = []
targets = []


def row(section, what, r, base=None, target=None, label=None):
    ratio = ""
    if base is not None:
        ratio = f"{r['median'] / base['median']:.2f}×"
    rows.append(f"| {section} | {what} | {ms(r)} | {ratio} | {target or ''} |")




def ref_scale():
    """The ref-scale table: the previous-release search among many tags."""
    runs = {g: load(f"tags-g{g}") for g in (0, 1)}
    if not any(runs.values()):
        return
    tags, refs = int(a.tags or 0), int(a.refs or 0)
    print()
    print(f"Ref scale: {tags:,} release tags (a linear history, one tag per commit), "
          f"{refs:,} refs in all; `gonogo check --rev TAG` with a `release` control that "
          f"needs the previous release:")
    print()
    print("| release checked | no commit-graph | with commit-graph | target |")
    print("|---|---|---|---|")
    for label, name in (
        (f"newest (`v1.{tags - 1}.0`)", "gonogo check --rev newest"),
        (f"middle (`v1.{tags // 2}.0`)", "gonogo check --rev middle"),
        (f"early (`v1.{tags // 200}.0`)", "gonogo check --rev early"),
        ("`git tag --merged` (middle), for comparison", "git tag --merged (middle)"),
    ):
        cells = [ms(runs[g][name]) if runs[g] else "?" for g in (0, 1)]
        target = "" if name.startswith("git") else "< 1 s"
        print(f"| {label} | {cells[0]} | {cells[1]} | {target} |")
        if not name.startswith("git"):
            worst = max(runs[g][name]["median"] for g in (0, 1) if runs[g])
            targets.append((f"previous release, {label.split(' ')[0]} of {tags:,} tags, < 1 s",
                            worst, 1.0, False, "s"))
    m = mem("mem-tags")
    if m is not None:
        print()
        print(f"Peak RSS of the middle check: {m:,.0f} MiB.")


def growth():
    """The growth table, and the linearity and large-size memory targets."""
    print()
    print("Growth (history: files / 10 commits, except the main repository; from 1,000,000 files"
          " the index is read from the tree without a checkout):")
    print()
    print("| files | git ls-tree + cat-file | gonogo check | ratio | gonogo per 1,000 files | peak RSS |")
    print("|---|---|---|---|---|---|")
    per = []
    for n in a.sizes.split():
        g = load(f"growth-{n}")
        if not g:
            continue
        floor = g["git ls-tree + cat-file --batch"]
        c = g["gonogo check (bench playbook)"]
        m = mem(f"mem-growth-{n}")
        per.append(c["median"] * 1000 / (int(n) / 1000))
        peak = f"{m:,.0f} MiB" if m is not None else "?"
        print(f"| {int(n):,} | {ms(floor)} | {ms(c)} | {c['median'] / floor['median']:.2f}× | "
              f"{per[-1]:.2f} ms | {peak} |")
        if int(n) >= 1_000_000 and m is not None:
            targets.append((f"peak memory ≤ 200 MiB at {int(n):,} files", m, 200.0))
    if len(per) >= 2:
        targets.append(("cost linear in files (per-file cost of the largest ≤ 1.5× the middle one)",
                        per[-1] / per[len(per) // 2], 1.5))


if a.only == "growth":
    print(f"Machine: {a.cores} cores ({a.cpu}); {a.git}; {a.hyperfine}.")
    growth()
    print()
    print("Targets:")
    print()
    for t in targets:
        unit = " MiB" if "memory" in t[0] else "×"
        print(f"- {t[0]}: {t[1]:.2f}{unit} — {verdict(t[1] <= t[2])}")
    raise SystemExit(0)

if a.only == "tags":
    print(f"Machine: {a.cores} cores ({a.cpu}); {a.git}; {a.hyperfine}.")
    ref_scale()
    print()
    print("Targets:")
    print()
    for name, value, limit, _, unit in targets:
        print(f"- {name}: {value:.2f} {unit} — {verdict(value <= limit)}")
    raise SystemExit(0)

files = int(a.files)
print(f"Machine: {a.cores} cores ({a.cpu}); {a.git}; {a.hyperfine}.")
print(f"Main repository: {files:,} files, {int(a.commits):,} commits, seed {a.seed}; "
      f"{int(a.governance):,} governance files (ADRs, runbooks, DoD, CODEOWNERS, …).")
print()
print("| scenario | command | median wall time | ratio | target |")
print("|---|---|---|---|---|")


def r_(x, y):
    return x["median"] / y["median"]


head = load("head")
wt = load("worktree")
alint = wt.get("alint check") if wt else None
if head:
    floor = head["git ls-tree + cat-file --batch"]
    row("HEAD", "`git ls-files` (for comparison)", head["git ls-files"], floor)
    row("HEAD", "floor: `git ls-tree -r HEAD` + `git cat-file --batch` (governance files)", floor, floor)
    g = head["gonogo check (bench playbook)"]
    row("HEAD", "`gonogo check` (bench playbook)", g, floor, "≤ 1.3×")
    targets.append(("HEAD check ≤ 1.3× git ls-tree + cat-file", r_(g, floor), 1.3))
    d = head["gonogo check (preset:delivery)"]
    row("HEAD", "`gonogo check -p preset:delivery`", d, floor, "≤ 1.5×")
    targets.append(("preset:delivery ≤ 1.5× git ls-tree + cat-file", r_(d, floor), 1.5))
if wt:
    floor = wt["git status + reads"]
    row("worktree", "floor: `git status` + reading the governance files from disk", floor, floor)
    w = wt["gonogo check --worktree"]
    row("worktree", "`gonogo check --worktree`", w, floor, "≤ 1.5×")
    targets.append(("worktree check ≤ 1.5× git status + reads", r_(w, floor), 1.5))
    if alint:
        row("alint", "`alint check` (work tree, bench/alint.yml; see below what it leaves out)",
            alint, floor)
        g = wt["gonogo check (bench playbook)"]
        rows.append(f"| alint | gonogo check (HEAD) is faster than alint by | "
                    f"{r_(alint, g):.2f}× | | ≥ 3× |")
        rows.append(f"| alint | gonogo check --worktree is faster than alint by | "
                    f"{r_(alint, w):.2f}× | | ≥ 3× |")
        targets.append(("≥ 3× faster than alint, HEAD", r_(alint, g), 3.0, True))
        targets.append(("≥ 3× faster than alint, worktree", r_(alint, w), 3.0, True))
change = load("change")
if change:
    floor = change["git diff --name-only + cat-file --batch"]
    row("change (50 files)", "floor: `git diff --name-only main...feature` + `cat-file --batch`", floor, floor)
    g = change["gonogo check --rev feature --base main"]
    row("change (50 files)", "`gonogo check --rev feature --base main`", g, floor, "≤ 1.5×")
    targets.append(("change mode ≤ 1.5× git diff --name-only + cat-file", r_(g, floor), 1.5))
fresh = load("fresh")
if fresh:
    floor = fresh["git log --name-only"]
    row("freshness", f"`git log --name-only` ({int(a.commits):,} commits)", floor, floor)
    plain = fresh["gonogo check (bench playbook)"]
    f = fresh["gonogo check + freshness"]
    row("freshness", "`gonogo check` with `fresh-within` on every governance file", f, floor, "≤ 1.5×")
    targets.append(("freshness ≤ 1.5× git log --name-only", r_(f, floor), 1.5))
    walk = dict(f)
    walk["median"] = f["median"] - plain["median"]
    walk["stddev"] = (f["stddev"] ** 2 + plain["stddev"] ** 2) ** 0.5
    row("freshness", "of which the history walk (difference to the check without freshness)", walk, floor)
rl = load("repolinter")
if rl:
    r = rl["repolinter 0.12.0 lint"]
    g = rl["gonogo check (bench playbook)"]
    row("repolinter", "`repolinter lint` (file-existence ruleset, bench/repolinter.json)", r, g)
    rows.append(f"| repolinter | gonogo is faster by | {r_(r, g):.1f}× | | |")
print("\n".join(rows))

print()
print("Peak memory (max RSS, `/usr/bin/time -f %M`), main repository:")
print()
print("| command | peak RSS |")
print("|---|---|")
worst = 0.0
for name, label in (
    ("mem-head", "`gonogo check` (bench playbook)"),
    ("mem-delivery", "`gonogo check -p preset:delivery`"),
    ("mem-worktree", "`gonogo check --worktree`"),
    ("mem-change", "`gonogo check --rev feature --base main`"),
    ("mem-fresh", "`gonogo check` + freshness"),
    ("mem-gitlog", "`git log --name-only` (for comparison)"),
    ("mem-alint", "`alint check` (for comparison)"),
):
    m = mem(name)
    if m is not None:
        print(f"| {label} | {m:,.0f} MiB |")
        if name not in ("mem-gitlog", "mem-alint"):
            worst = max(worst, m)
targets.append((f"peak memory ≤ 40 MiB (target at 100,000 files; measured at {files:,})",
                worst, 40.0))

growth()

ref_scale()

print()
print("Targets:")
print()
for t in targets:
    name, value, limit = t[0], t[1], t[2]
    at_least = len(t) > 3 and t[3]
    ok = value >= limit if at_least else value <= limit
    unit = " MiB" if "memory" in name else "×"
    if len(t) > 4:
        unit = " " + t[4]
    print(f"- {name}: {value:.2f}{unit} — {verdict(ok)}")
