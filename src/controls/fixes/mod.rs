//! What resolves a finding, per finding code, where the control's remediation does not fit.
//!
//! A playbook's remediation says how to satisfy the control from nothing ("Add SECURITY.md"):
//! right for a finding that something is missing, wrong for one that says the thing exists but
//! is empty, malformed or inconsistent. Those findings carry a fix of their own, from this one
//! table, so every report prints a fix that fits what it found.
//! Long: one table of every finding code and its fix, in the order of the kinds; split, it would
//! be several lists that tests/docs.rs and `fix_of` must each walk.

use crate::evidence::Finding;

mod de;
pub use de::FIXES_DE;

/// How a finding code is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// Something required is missing: the control's remediation says how to add it.
    Remediation,
    /// Something exists and is wrong: this says how to correct it.
    Own(&'static str),
}

/// Every finding code a control writes, with how it is resolved. tests/docs.rs keeps this in
/// step with the codes documented in docs/controls/.
pub const FIXES: &[(&str, Fix)] = &[
    ("adr/missing-folder", Fix::Remediation),
    ("adr/too-few", Fix::Remediation),
    (
        "adr/unreadable",
        Fix::Own(
            "Store the record as Markdown or reStructuredText text under the size limit (not binary, not a link, not a Git LFS pointer).",
        ),
    ),
    (
        "adr/invalid-front-matter",
        Fix::Own(
            "Correct the YAML front matter between the `---` lines (quote values that contain `:`, close brackets).",
        ),
    ),
    (
        "adr/missing-status",
        Fix::Own(
            "State the record's status: a `Status` section or line (`Status: Accepted`), or `status:` in the front matter.",
        ),
    ),
    (
        "adr/unknown-status",
        Fix::Own(
            "Write one of the known statuses (proposed, accepted, rejected, deprecated, superseded), or map this one with `status-synonyms` in the playbook.",
        ),
    ),
    (
        "adr/status-not-allowed",
        Fix::Own(
            "Use a status the playbook allows (`statuses`), or agree to allow this one in the playbook.",
        ),
    ),
    (
        "adr/missing-date",
        Fix::Own(
            "Add the date of the decision (`Date: YYYY-MM-DD`, or `date:` in the front matter).",
        ),
    ),
    (
        "adr/invalid-date",
        Fix::Own("Write the date as YYYY-MM-DD (or DD.MM.YYYY) and make it a real calendar day."),
    ),
    (
        "adr/missing-section",
        Fix::Own("Add the missing section to the record (a heading with its text below it)."),
    ),
    (
        "adr/missing-id",
        Fix::Own(
            "Name the record NNNN-slug.md (e.g. 0007-use-postgres.md), or give `id` in its front matter.",
        ),
    ),
    (
        "adr/duplicate-id",
        Fix::Own(
            "Give one of the two records the next free number; keep numbers unique across the log.",
        ),
    ),
    (
        "adr/numbering-gap",
        Fix::Own(
            "Restore the missing records, or keep numbering without gaps (a rejected decision is a record with status rejected, not a deleted file).",
        ),
    ),
    (
        "adr/title-number-mismatch",
        Fix::Own("Make the number in the title match the file name's number."),
    ),
    (
        "adr/superseded-without-replacement",
        Fix::Own(
            "Name the record that replaces it: `Superseded by [NNNN](NNNN-slug.md)` in the Status section.",
        ),
    ),
    (
        "adr/replacement-missing",
        Fix::Own(
            "Point `Superseded by` at a record that exists (a link, a file name or a number), or add that record.",
        ),
    ),
    (
        "adr/broken-link",
        Fix::Own("Point the link at a file that exists in the repository, or remove it."),
    ),
    (
        "adr/supersession-one-way",
        Fix::Own(
            "Record the supersession on both records: `Supersedes` on the newer one, `Superseded by` on the older one.",
        ),
    ),
    (
        "adr/supersession-cycle",
        Fix::Own(
            "Decide which record replaces which, and keep `Superseded by` only on the older one.",
        ),
    ),
    (
        "adr/stale-proposed",
        Fix::Own(
            "Decide the proposal: accept or reject it, or update its date if it is still open on purpose.",
        ),
    ),
    ("approvals/missing", Fix::Remediation),
    (
        "approvals/not-a-member",
        Fix::Own(
            "Have a member of the role approve, or add the approver to the role in the trusted playbook.",
        ),
    ),
    (
        "approvals/unverified",
        Fix::Own(
            "Sign the approval with a key the playbook lists for the approver (`signing-keys` or `allowed-signers`).",
        ),
    ),
    (
        "approvals/wrong-signer",
        Fix::Own("Sign the approval with the approver's own key, as the playbook lists it."),
    ),
    (
        "approvals/bad-signature",
        Fix::Own("Sign the approval again: the signature does not match the signed content."),
    ),
    ("changes/missing-companion", Fix::Remediation),
    (
        "dates/commit-in-future",
        Fix::Own(
            "Check the committer's clock and the reference date (`--as-of`, SOURCE_DATE_EPOCH): the commit is dated after it.",
        ),
    ),
    ("dod/missing", Fix::Remediation),
    (
        "dod/too-few-items",
        Fix::Own(
            "Add checklist items (`- [ ] …`) to the Definition of Done until it has the required number.",
        ),
    ),
    (
        "dod/missing-item",
        Fix::Own("Add a checklist item (`- [ ] …`) that covers the required topic."),
    ),
    ("dod/missing-release-checklist", Fix::Remediation),
    (
        "dod/empty-release-checklist",
        Fix::Own("Fill the release checklist with its items (`- [x] …` once done)."),
    ),
    (
        "dod/unchecked-release-item",
        Fix::Own(
            "Complete the item and tick it (`- [x]`), or record why it does not apply and waive it.",
        ),
    ),
    ("dod/missing-pr-template", Fix::Remediation),
    (
        "dod/pr-template-too-few-items",
        Fix::Own("Add checklist items (`- [ ] …`) to the pull request template."),
    ),
    (
        "dod/unreadable",
        Fix::Own(
            "Store the checklist as Markdown text under the size limit (not binary, not a link, not a Git LFS pointer).",
        ),
    ),
    ("risks/missing", Fix::Remediation),
    (
        "risks/unreadable",
        Fix::Own(
            "Store the register as Markdown or TOML text under the size limit (not binary, not a link, not a Git LFS pointer).",
        ),
    ),
    (
        "risks/invalid",
        Fix::Own(
            "Make the register one table with the columns ID, Title, Likelihood, Impact, Owner, Mitigation, Status, Review (ADR optional), or `[[risk]]` tables in valid TOML; see docs/controls/risks.md.",
        ),
    ),
    (
        "risks/invalid-value",
        Fix::Own(
            "Write likelihood and impact as 1–5 or low, medium, high; the status as open, mitigating, accepted or closed; the review date as YYYY-MM-DD or DD.MM.YYYY.",
        ),
    ),
    (
        "risks/missing-id",
        Fix::Own("Give the risk an id (`R-7`), unique in the register."),
    ),
    (
        "risks/duplicate-id",
        Fix::Own("Give each risk its own id; keep the id of a closed risk rather than reusing it."),
    ),
    (
        "risks/no-score",
        Fix::Own("Rate the risk: likelihood and impact, 1–5 each."),
    ),
    (
        "risks/no-status",
        Fix::Own("State the risk's status: open, mitigating, accepted or closed."),
    ),
    (
        "risks/no-owner",
        Fix::Own("Name who owns the risk: a role of the playbook or a named person."),
    ),
    (
        "risks/no-mitigation",
        Fix::Own("Write what is done about the risk, or accept it by a decision."),
    ),
    (
        "risks/no-review",
        Fix::Own("Set the date of the risk's next review."),
    ),
    (
        "risks/review-overdue",
        Fix::Own("Review the risk and set its next review date."),
    ),
    (
        "risks/red",
        Fix::Own(
            "Reduce the risk below red, or accept it: status accepted and a linked ADR with status accepted; else waive it with a dated waiver.",
        ),
    ),
    (
        "risks/stale",
        Fix::Own("Review the register and commit it with its updated review dates."),
    ),
    ("files/missing", Fix::Remediation),
    ("files/missing-any", Fix::Remediation),
    (
        "files/empty",
        Fix::Own(
            "Write the file's content (an empty file counts as missing), or set `allow-empty = true` for a marker file such as `py.typed`.",
        ),
    ),
    (
        "files/forbidden",
        Fix::Own(
            "Remove the file from the repository (and from its history if it held a secret; rotate that secret).",
        ),
    ),
    (
        "files/private-key",
        Fix::Own(
            "Remove the private key, rotate it (it is compromised once pushed), and keep keys in a secret store.",
        ),
    ),
    (
        "files/key-unjudged",
        Fix::Own(
            "Remove the key store, or keep it only where the playbook allows test data; rotate what it held if it was real.",
        ),
    ),
    (
        "files/content-missing",
        Fix::Own("Add the required content to the file (the pattern names what is expected)."),
    ),
    (
        "files/content-forbidden",
        Fix::Own("Remove or rewrite the matching text."),
    ),
    (
        "files/unreadable",
        Fix::Own(
            "Store the file as text under the size limit (not binary, not a link, not a Git LFS pointer), or leave it out of `content-in`.",
        ),
    ),
    ("freshness/stale", Fix::Remediation),
    ("freshness/stale-commits", Fix::Remediation),
    (
        "freshness/future-date",
        Fix::Own("Correct the date: it lies after the reference date of the check."),
    ),
    ("gate-evidence/missing", Fix::Remediation),
    (
        "gate-evidence/invalid",
        Fix::Own("Store the evidence gonogo wrote for that gate (`-o json=…`), unchanged."),
    ),
    (
        "gate-evidence/edited",
        Fix::Own(
            "Store the evidence exactly as gonogo wrote it: its digest no longer matches its content.",
        ),
    ),
    (
        "gate-evidence/wrong-gate",
        Fix::Own("Store the evidence of the named gate (`--gate NAME -o json=…`) at this path."),
    ),
    (
        "gate-evidence/not-a-commit",
        Fix::Own(
            "Pass the gate on a commit (not `--worktree` or `--staged`) and store that evidence.",
        ),
    ),
    (
        "gate-evidence/not-an-ancestor",
        Fix::Own("Pass the gate again on this branch's history and store the new evidence."),
    ),
    (
        "gate-evidence/other-repository",
        Fix::Own("Store evidence of this repository, not a copy from another one."),
    ),
    (
        "gate-evidence/not-passed",
        Fix::Own("Fix what made the gate NO-GO, pass it, and store the new evidence."),
    ),
    ("ownership/missing", Fix::Remediation),
    (
        "ownership/unreadable",
        Fix::Own("Store CODEOWNERS as a plain text file (not binary, not a link)."),
    ),
    (
        "ownership/invalid-line",
        Fix::Own(
            "Write each owner as @user, @org/team or an e-mail address; the platform skips the whole line otherwise.",
        ),
    ),
    (
        "ownership/duplicate-pattern",
        Fix::Own("Keep one line per pattern: the later line silently overrides the earlier one."),
    ),
    (
        "ownership/unmatched-pattern",
        Fix::Own("Correct the pattern or remove the line: it matches no file."),
    ),
    (
        "ownership/no-owners",
        Fix::Own("Name the owners of the pattern, or remove the line."),
    ),
    ("ownership/low-coverage", Fix::Remediation),
    (
        "ownership/unowned-critical",
        Fix::Own("Add a CODEOWNERS line that gives this critical path an owner."),
    ),
    ("ownership/no-contact", Fix::Remediation),
    (
        "policy/weakened",
        Fix::Own(
            "Have a policy owner approve the change to the playbook, or leave the rules as they are.",
        ),
    ),
    (
        "policy/removed",
        Fix::Own("Restore the playbook: a change may not remove the rules that judge it."),
    ),
    (
        "policy/invalid",
        Fix::Own(
            "Correct the playbook (`gonogo playbook validate`) before the change can be judged by it.",
        ),
    ),
    ("release/nothing-changed", Fix::Remediation),
    ("release/changelog-missing", Fix::Remediation),
    (
        "release/changelog-no-entry",
        Fix::Own("Add a section for this version to the changelog (`## [1.2.0] - YYYY-MM-DD`)."),
    ),
    ("release/checklist-missing", Fix::Remediation),
    ("runbook/missing", Fix::Remediation),
    (
        "runbook/missing-section",
        Fix::Own("Add the missing section (a heading and what to do) to the runbook."),
    ),
    (
        "runbook/empty-section",
        Fix::Own("Write the section's content: what an operator does, step by step."),
    ),
    (
        "runbook/no-owner",
        Fix::Own(
            "Name the runbook's owner: `owner:` in the front matter or a contact under a Contact heading.",
        ),
    ),
    (
        "runbook/missing-review",
        Fix::Own("Record the last review: `last_reviewed_on: YYYY-MM-DD` in the front matter."),
    ),
    (
        "runbook/stale-review",
        Fix::Own("Review the runbook with its owner and update `last_reviewed_on`."),
    ),
    (
        "runbook/invalid-review-metadata",
        Fix::Own(
            "Write `last_reviewed_on` as YYYY-MM-DD and `review_in` as a duration such as `90 days` or `6 months`.",
        ),
    ),
    (
        "runbook/invalid-front-matter",
        Fix::Own("Correct the YAML front matter between the `---` lines."),
    ),
    (
        "runbook/unreadable",
        Fix::Own(
            "Store the runbook as Markdown text under the size limit (not binary, not a link, not a Git LFS pointer).",
        ),
    ),
    ("tests/missing", Fix::Remediation),
    ("tests/untested-module", Fix::Remediation),
    ("tests/low-ratio", Fix::Remediation),
    (
        "tests/untested-change",
        Fix::Own("Change or add the tests of the module together with its sources."),
    ),
    (
        "waivers/expired",
        Fix::Own(
            "Resolve the finding, or renew the waiver with its approver: a new expiry and the reason it still holds.",
        ),
    ),
    (
        "waivers/too-long",
        Fix::Own(
            "Shorten the waiver's validity to what the playbook allows (`[waivers] max-days`).",
        ),
    ),
    (
        "waivers/not-entitled",
        Fix::Own(
            "Have the waiver approved by a member of a role that may waive this level (`may-waive`).",
        ),
    ),
    (
        "waivers/locked",
        Fix::Own("Resolve the finding: the control is locked, and no waiver may accept it."),
    ),
    (
        "waivers/unknown-control",
        Fix::Own("Name a control of the playbook in the waiver, or remove the waiver."),
    ),
    (
        "waivers/created-in-future",
        Fix::Own(
            "Correct the waiver's `created` date: it lies after the reference date of the check.",
        ),
    ),
    ("decision-rights/missing", Fix::Remediation),
    (
        "decision-rights/unreadable",
        Fix::Own(
            "Store the decision rights document as Markdown text under the size limit (not binary, not a link, not a Git LFS pointer).",
        ),
    ),
    (
        "decision-rights/no-table",
        Fix::Own(
            "Add a Markdown table: the first column `Decision` (the decision type), then one column per playbook role with R, A, C or I in each cell.",
        ),
    ),
    (
        "decision-rights/missing-decision",
        Fix::Own("Add a row for the decision type, with exactly one role marked A (Accountable)."),
    ),
    (
        "decision-rights/no-accountable",
        Fix::Own(
            "Mark exactly one role A (Accountable) for the decision type; `A/R` when that role also does the work.",
        ),
    ),
    (
        "decision-rights/many-accountable",
        Fix::Own("Keep A (Accountable) for one role only; mark the others R, C or I."),
    ),
    (
        "decision-rights/unknown-role",
        Fix::Own(
            "Name the column exactly as a role in the playbook's `[roles]`, or add the role there.",
        ),
    ),
    (
        "decision-rights/unknown-letter",
        Fix::Own(
            "Write R, A, C or I (German D, V, M, I), or combinations such as `A/R`; leave the cell empty or `-` for no part.",
        ),
    ),
    (
        "decision-rights/no-escalation",
        Fix::Own(
            "Add a section `Escalation` (`Eskalation`) with an ordered list of roles, first to last (`1. team-lead`).",
        ),
    ),
    (
        "decision-rights/escalation-unknown-role",
        Fix::Own(
            "Name a role of the playbook in the escalation step, or add the role to `[roles]`.",
        ),
    ),
    (
        "decision-rights/escalation-unreachable",
        Fix::Own(
            "Give the role at least one member in the playbook (`members = [\"Name <email>\"]`), so the escalation reaches someone.",
        ),
    ),
    (
        "decision-rights/owner-not-in-role",
        Fix::Own(
            "Name a role or a member of one as the owner, or add the person or team to a role in the playbook: the roles are the one list of who is accountable.",
        ),
    ),
    ("handover/missing", Fix::Remediation),
    (
        "handover/unreadable",
        Fix::Own(
            "Store the handover document as Markdown text under the size limit (not binary, not a link, not a Git LFS pointer).",
        ),
    ),
    (
        "handover/missing-section",
        Fix::Own(
            "Add the section with one of the headings the message names, and say what the receiving team needs to know there.",
        ),
    ),
    (
        "handover/empty-section",
        Fix::Own(
            "Write the section's content below its heading (a placeholder comment does not count).",
        ),
    ),
    (
        "handover/no-contacts",
        Fix::Own(
            "List each contact: a table with Name, Role and Reach columns, or one list item per person (`Ana Lima — Product Owner — ana@example.com`).",
        ),
    ),
    (
        "handover/contact-incomplete",
        Fix::Own(
            "Give every contact a role and a way to reach them: an e-mail, a phone number or a channel (`#ops`).",
        ),
    ),
    (
        "handover/secret",
        Fix::Own(
            "Remove the value and rotate it: it is in the history now. Name where the secret is kept (a vault path, the password manager) and who grants access instead.",
        ),
    ),
];

/// How a finding code is resolved; None for a code this table does not know.
pub fn fix_of(code: &str) -> Option<Fix> {
    FIXES.iter().find(|(c, _)| *c == code).map(|(_, f)| *f)
}

/// Gives each finding its own fix where the code has one and the control set none.
pub fn attach(findings: &mut [Finding]) {
    for f in findings.iter_mut().filter(|f| f.fix.is_none()) {
        if let Some(Fix::Own(text)) = fix_of(&f.code) {
            f.fix = Some(text.to_string());
        }
    }
}

/// The fix of a finding in `german` or English: the table's German twin where `fix` is the
/// table's English text for `code`; anything else (a control's own words) as it is.
pub fn localized<'a>(code: &str, fix: &'a str, german: bool) -> &'a str {
    if !german || !matches!(fix_of(code), Some(Fix::Own(en)) if en == fix) {
        return fix;
    }
    FIXES_DE
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(fix, |(_, de)| de)
}
