//! The commands' own lines in English: `scan`, `portfolio`, `hook`, `controls`, `playbook`.

pub(super) const EN: &[(&str, &str)] = &[
    ("cmd.error", "error: {text}"),
    ("cmd.warning", "warning: {text}"),
    ("cmd.cannot-write", "cannot write {path}: {why}"),
    ("cmd.cannot-create", "cannot create {path}: {why}"),
    ("cmd.cannot-read", "cannot read {path}: {why}"),
    ("cmd.wrote", "wrote {path}"),
    (
        "check.output-no-file",
        "`-o {spec}`: give a file after `=`, or write `-o {name}` for standard output",
    ),
    (
        "check.output-unknown",
        "`-o {spec}`: unknown format `{name}`; formats: {formats}",
    ),
    (
        "check.in-toto",
        "an in-toto statement attests a commit; this check was of {mode} state, not of a commit (check HEAD or --rev)",
    ),
    (
        "check.step-summary",
        "cannot append to GITHUB_STEP_SUMMARY ({path}): {why}",
    ),
    (
        "diff.formats",
        "`gonogo diff` writes `human` or `json`, not `{format}`",
    ),
    ("scan.not-a-folder", "{path} is not a folder"),
    (
        "scan.none-found",
        "no git repository below {root} (looked {depth} folders deep; see --max-depth)",
    ),
    (
        "scan.out-inside",
        "the output folder {out} is inside {repo}, a repository this scan checks; pass --out a folder outside the scanned repositories",
    ),
    ("scan.not-checked-error", "{name} could not be checked:"),
    ("scan.not-checked", "NOT CHECKED"),
    ("scan.reused", " (reused)"),
    (
        "scan.evidence-changed",
        "its evidence file changed during the scan",
    ),
    ("scan.did-not-finish", "the check did not finish"),
    ("scan.skipped-reason", "not checked: {why}"),
    ("scan.shard", " of {found} (shard {label})"),
    (
        "scan.summary-one",
        "1 repository{shard}: {go} GO, {conditions} GO WITH CONDITIONS, {no_go} NO-GO, {skipped} not checked, {reused} reused{fetched}; wrote {path}",
    ),
    (
        "scan.summary",
        "{n} repositories{shard}: {go} GO, {conditions} GO WITH CONDITIONS, {no_go} NO-GO, {skipped} not checked, {reused} reused{fetched}; wrote {path}",
    ),
    ("portfolio.skipped", "skipped {source}: {why}"),
    (
        "portfolio.no-evidence",
        "none of the given paths holds gonogo evidence",
    ),
    ("portfolio.title", "Governance portfolio"),
    ("portfolio.repositories", "Repositories"),
    ("portfolio.oldest", "Oldest open findings"),
    (
        "portfolio.expiring",
        "Waivers about to expire (within {days} days)",
    ),
    ("portfolio.trends", "Trends"),
    ("portfolio.not-included", "Not included"),
    ("portfolio.none", "None."),
    (
        "portfolio.last-change",
        "Last change: {regressed} regressed, {improved} improved, {new} new and {resolved} resolved findings.",
    ),
    (
        "portfolio.totals",
        "{repositories} repositories{rows} from {reports} reports{as_of}",
    ),
    ("portfolio.totals-rows", " ({n} repository × gate rows)"),
    ("portfolio.totals-as-of", ", as of {date}"),
    (
        "portfolio.decisions",
        "GO: {go} · GO WITH CONDITIONS: {conditions} · NO-GO: {no_go}{skipped}",
    ),
    ("portfolio.decisions-skipped", " · skipped: {n}"),
    (
        "portfolio.passed",
        "must controls passed: {must} · should controls passed: {should}",
    ),
    (
        "portfolio.open",
        "open findings: {n} · waivers expiring within {days} days: {waivers}",
    ),
    (
        "portfolio.trend",
        "{sequence} ({direction}; +{new} / -{resolved} findings)",
    ),
    ("portfolio.better", "better"),
    ("portfolio.worse", "worse"),
    ("portfolio.unchanged", "unchanged"),
    (
        "portfolio.repositories-columns",
        "Repository|Gate|Decision|Must passed|Should passed|Open findings|Oldest open (days)|Expiring waivers|Trend|Commit|Date",
    ),
    (
        "portfolio.findings-columns",
        "Age (days)|Since|Repository|Control|Level|Code|Path|Message",
    ),
    (
        "portfolio.waivers-columns",
        "Expires|Days left|Repository|Waiver|Control|Approved by|Ticket",
    ),
    ("portfolio.filter", "Filter"),
    ("portfolio.decision", "Decision"),
    ("portfolio.all", "all"),
    ("portfolio.previous", "previous"),
    ("portfolio.next", "next"),
    ("portfolio.of", "of"),
    ("portfolio.sort", "sort"),
    (
        "portfolio.first-rows",
        "The first {page} of {total} rows; all rows are in the CSV and JSON formats.",
    ),
    (
        "hook.not-a-repository",
        "{path} is not in a git repository: {why}",
    ),
    ("hook.not-a-gate", "`{gate}` is not a gate name"),
    (
        "hook.foreign",
        "{hook} exists and was not written by gonogo; remove it, or run `gonogo hook install{flags} --force` to keep it as {chained} and run it before gonogo",
    ),
    (
        "hook.chained-exists",
        "{chained} exists already; gonogo keeps only one earlier hook — merge the two by hand",
    ),
    ("hook.cannot-move", "cannot move {from} to {to}: {why}"),
    ("hook.cannot-chmod", "cannot make {path} executable: {why}"),
    ("hook.cannot-remove", "cannot remove {path}: {why}"),
    (
        "hook.installed-commit",
        "installed {hook} (gate `{gate}`; `git commit --no-verify` skips it once)",
    ),
    (
        "hook.installed-push",
        "installed {hook} (gate `{gate}`; `git push --no-verify` skips it once)",
    ),
    (
        "hook.kept-commit",
        "the earlier hook is kept as {chained} and runs first; its failure stops the commit",
    ),
    (
        "hook.kept-push",
        "the earlier hook is kept as {chained} and runs first; its failure stops the push",
    ),
    (
        "hook.not-ours",
        "{hook} was not written by gonogo; left as it is",
    ),
    ("hook.none", "no {name} hook in {dir}; nothing to do"),
    (
        "hook.restored",
        "removed gonogo's {name} hook; restored the earlier hook {hook}",
    ),
    ("hook.removed", "removed {hook}"),
    (
        "hook.script-header",
        "written by `gonogo hook install`; `gonogo hook uninstall` removes it.",
    ),
    (
        "hook.script-checks-commit",
        "Checks the index at gate `{gate}`: NO-GO (exit 1) or an error (exit 2) stops the commit;",
    ),
    (
        "hook.script-checks-push",
        "Checks HEAD at gate `{gate}`: NO-GO (exit 1) or an error (exit 2) stops the push;",
    ),
    (
        "hook.script-skip",
        "`git {verb} --no-verify` skips this hook once.",
    ),
    (
        "hook.script-missing",
        "gonogo is not on PATH{where}; the check was SKIPPED.",
    ),
    ("hook.script-nor-at", "nor at"),
    (
        "hook.script-install",
        "install it (cargo install --path <gonogo checkout>) or remove $0.",
    ),
    (
        "show.listing",
        "Evidence stored on {commit} under {ref}: {n} gate(s)",
    ),
    (
        "show.listing-footer",
        "Show one with `gonogo show {rev} --gate NAME`.",
    ),
    ("show.no-decision", "(no decision)"),
    (
        "show.several-gates",
        "the note on {rev} holds {n} gates ({gates}); choose one with --gate NAME to render it as {format}, or list them with -f human or -f json",
    ),
    (
        "show.repository",
        "cannot open the repository at {path}: {why}",
    ),
    ("show.revision", "cannot resolve `{rev}`: {why}"),
    (
        "show.missing",
        "no gonogo evidence is stored for {rev} under {ref}",
    ),
    (
        "show.missing-hint",
        "store it with `gonogo check --rev {rev} --note`",
    ),
    (
        "show.no-such-gate",
        "the note on {rev} holds no evidence of gate `{gate}`; it holds {stored}",
    ),
    (
        "show.no-such-gate-hint",
        "store it with `gonogo check --rev {rev} --gate {gate} --note`, or show one of the gates stored",
    ),
    (
        "show.invalid",
        "the note on {rev} is not gonogo evidence: {why}",
    ),
    (
        "init.no-preset",
        "there is no preset `{preset}`; presets: {presets}",
    ),
    ("init.exists", "{path} exists; use --force to overwrite it"),
    (
        "init.wrote",
        "wrote {path} (extends preset:{preset}) and {schema} (for editors)",
    ),
    (
        "init.next",
        "next: `gonogo playbook validate`, `gonogo check` (the merge gate), `gonogo hook install`",
    ),
    ("controls.parameters", "parameters:"),
    ("controls.parameter", "{name} ({type}, default {default})"),
    ("controls.codes", "finding codes:"),
    (
        "controls.common",
        "Every control also takes: id, kind, level (must|should|may), title, rationale, remediation, tags,\napplies-if, only-if-changed, fresh-within, fresh-within-commits. See docs/playbook.md.",
    ),
    (
        "playbook.valid",
        "valid: {name} ({title}): {controls}, {gates}",
    ),
    ("playbook.controls-one", "1 control"),
    ("playbook.controls", "{n} controls"),
    ("playbook.gates-one", "1 gate"),
    ("playbook.gates", "{n} gates"),
    ("playbook.waivers-valid-one", "valid: {file} (1 waiver)"),
    ("playbook.waivers-valid", "valid: {file} ({n} waivers)"),
    (
        "playbook.no-signers",
        "`[approvals] allowed-signers` names {file}, which does not exist",
    ),
    (
        "playbook.no-playbook",
        "no playbook here (gonogo.toml or .gonogo/playbook.toml); name one, or a tests file with --cases",
    ),
    (
        "playbook.no-tests-file",
        "there is no tests file {file}; write one (see docs/playbook-tests.md) or name it with --cases",
    ),
    ("playbook.case-pass", "PASS  {name}"),
    ("playbook.case-fail", "FAIL  {name}"),
    ("playbook.cases", "{passed} passed, {failed} failed"),
];
