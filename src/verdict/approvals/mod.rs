//! The gate's approval rule, a built-in result with the reserved id `approvals`: each role the
//! gate names needs a verified approval by one of its members. An `Approved-by:` trailer is
//! verified only when the commit or annotated tag carrying it is signed by a key the policy
//! lists for that member; a merge request review the CI fetched itself (`--approvals FILE`)
//! is verified by the CI. Anything else is reported as unverified and does not count, unless
//! the playbook says `[approvals] accept-unsigned = true`.

pub mod allowed_signers;
pub mod reviews;
pub mod ssh;

use ssh_key::public::KeyData;

use crate::controls::Outcome;
use crate::evidence::messages::{Arg, args};
use crate::evidence::{ControlResult, EvidenceItem, Finding};
use crate::playbook::roles::is_member;
use crate::playbook::schema::{Member, Role};
use crate::playbook::{Gate, Level, Playbook};
use crate::snapshot::{Carrier, Snapshot};
use crate::verdict::result_parts;

use crate::playbook::parse_signing_key;
pub use allowed_signers::AllowedSigner;
pub use reviews::{Platform, Reviews};

/// `[approvals] allowed-signers` as read from where the policy comes from.
#[derive(Debug, Clone)]
pub struct AllowedSignersFile {
    /// Repository-relative path, as the playbook names it.
    pub name: String,
    pub text: String,
}

/// What one approval claim is worth for one member.
#[derive(Debug, Clone)]
enum Judgement {
    /// Signed by a key listed for the member; says which key and where it is listed.
    Verified(String),
    /// Nothing proves who wrote it (no signature, one gonogo does not verify, no key listed).
    Unverified(String),
    /// A valid signature, but by a key that is not the member's.
    WrongSigner(String),
    /// A signature that is malformed or does not match the content.
    BadSignature(String),
}

/// The keys the policy lists for the members of the playbook's roles.
struct Trust<'a> {
    members: Vec<(&'a Member, Vec<KeyData>)>,
    signers: Vec<AllowedSigner>,
    /// The allowed signers file's name.
    file: Option<String>,
    as_of: Option<jiff::Timestamp>,
}

/// One person may be listed in several roles: by e-mail when both have one, else by name.
fn same_person(a: &Member, b: &Member) -> bool {
    match (&a.email, &b.email) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => a.name.eq_ignore_ascii_case(&b.name),
    }
}

impl Trust<'_> {
    /// Every `signing-keys` entry of the person, in whichever role it is listed.
    fn keys_of<'s>(&'s self, member: &'s Member) -> impl Iterator<Item = &'s KeyData> {
        self.members
            .iter()
            .filter(move |(m, _)| same_person(m, member))
            .flat_map(|(_, k)| k)
    }

    fn listed_lines<'s>(&'s self, member: &'s Member) -> impl Iterator<Item = &'s AllowedSigner> {
        self.signers
            .iter()
            .filter(move |s| member.email.as_deref().is_some_and(|e| s.names(e)))
    }

    /// The member whose keys hold `key`, for naming the signer.
    fn owner(&self, key: &KeyData) -> Option<&Member> {
        self.members
            .iter()
            .find(|(m, keys)| {
                keys.contains(key) || self.listed_lines(m).any(|s| s.key.key_data() == key)
            })
            .map(|(m, _)| *m)
    }

    fn judge(&self, carrier: &Carrier, proof: &ssh::Proof, member: &Member) -> Judgement {
        let what = carrier.source.split(' ').next().unwrap_or("object");
        let key = match proof {
            ssh::Proof::Unsigned => {
                return Judgement::Unverified(format!("the {what} is not signed"));
            }
            ssh::Proof::Unsupported(why) => {
                return Judgement::Unverified(format!("the {what} is signed, but {why}"));
            }
            ssh::Proof::Bad(why) => return Judgement::BadSignature(why.clone()),
            ssh::Proof::Valid(key) => key,
        };
        let print = ssh::fingerprint(key);
        if self.keys_of(member).any(|k| k == key) {
            return Judgement::Verified(format!(
                "SSH signature by {}'s key {print} (`signing-keys`)",
                member.name
            ));
        }
        let file = self.file.as_deref().unwrap_or("allowed signers");
        let mut refused = None;
        for line in self
            .listed_lines(member)
            .filter(|s| s.key.key_data() == key)
        {
            match line.refuses(self.as_of) {
                None => {
                    return Judgement::Verified(format!(
                        "SSH signature by {}'s key {print} ({file} line {})",
                        member.name, line.line
                    ));
                }
                Some(why) => {
                    refused = Some(format!(
                        "{file} line {} lists {print} for {}, but {why}",
                        line.line, member.name
                    ))
                }
            }
        }
        if let Some(why) = refused {
            return Judgement::Unverified(why);
        }
        match self.owner(key) {
            Some(other) if !same_person(other, member) => Judgement::WrongSigner(format!(
                "the {what} is signed by the key of {} ({print}), not by {}",
                other.name, member.name
            )),
            _ if self.keys_of(member).next().is_none()
                && self.listed_lines(member).next().is_none() =>
            {
                Judgement::Unverified(format!(
                    "the {what} is signed by {print}, but no signing key is listed for {}",
                    member.name
                ))
            }
            _ => Judgement::WrongSigner(format!(
                "the {what} is signed by {print}, which is not a key of {}",
                member.name
            )),
        }
    }
}

/// One claim that a member of a required role approved, and what it is worth.
struct Claim<'a> {
    role: &'a Role,
    path: String,
    excerpt: String,
    judgement: Judgement,
}

/// What approvals are judged with besides the playbook and the snapshot: the allowed signers
/// file read from the policy's tree, and the merge request's reviews (`--approvals`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub allowed_signers: Option<&'a AllowedSignersFile>,
    pub reviews: Option<&'a Reviews>,
}

/// The `approvals` result of a gate that names roles.
pub fn result(
    playbook: &Playbook,
    gate: &Gate,
    snapshot: &Snapshot,
    inputs: Inputs<'_>,
    as_of: Option<jiff::Timestamp>,
) -> ControlResult {
    let roles: Vec<&Role> = gate
        .approvals
        .iter()
        .filter_map(|r| playbook.role(r))
        .collect();
    let outcome =
        evaluate(playbook, &roles, gate, snapshot, inputs, as_of).unwrap_or_else(|e| Outcome {
            error: Some(e),
            ..Outcome::default()
        });
    let mut r = result_parts(
        "approvals",
        "approvals",
        Level::Must,
        format!(
            "The `{}` gate is approved by: {}",
            gate.name,
            gate.approvals.join(", ")
        ),
        format!("gate:{}", gate.name),
        outcome,
    );
    r.remediation = Some(format!(
        "sign the release commit or an annotated tag carrying `Approved-by: Name <email>` with a key listed for a member of {} (`signing-keys`, `[approvals] allowed-signers`), or pass the merge request's reviews with `--approvals FILE`",
        gate.approvals.join(", ")
    ));
    r.de = Some(crate::evidence::Texts {
        title: Some(format!(
            "Das Quality Gate `{}` ist freigegeben von: {}",
            gate.name,
            gate.approvals.join(", ")
        )),
        rationale: None,
        remediation: Some(format!(
            "Den Release-Commit oder einen annotierten Tag mit `Approved-by: Name <E-Mail>` signieren, mit einem Schlüssel, der für ein Mitglied von {} hinterlegt ist (`signing-keys`, `[approvals] allowed-signers`), oder die Reviews des Merge Requests mit `--approvals DATEI` übergeben",
            gate.approvals.join(", ")
        )),
    });
    r
}

fn evaluate(
    playbook: &Playbook,
    roles: &[&Role],
    gate: &Gate,
    snapshot: &Snapshot,
    inputs: Inputs<'_>,
    as_of: Option<jiff::Timestamp>,
) -> Result<Outcome, String> {
    let mut outcome = Outcome::default();
    let policy = &playbook.approvals;
    let trust = trust(playbook, inputs, as_of, &mut outcome)?;
    let carriers = snapshot
        .approval_carriers()
        .map_err(|e| format!("approvals cannot be read: {e}"))?;
    let mut claims: Vec<Claim> = Vec::new();
    for carrier in &carriers {
        let approvals: Vec<_> = carrier
            .trailers
            .iter()
            .filter(|t| t.key.eq_ignore_ascii_case(policy.trailer()))
            .collect();
        if approvals.is_empty() {
            continue;
        }
        let proof = ssh::prove(carrier.signature.as_ref());
        for a in approvals {
            let mut named = false;
            for role in roles {
                for member in role.members.iter().filter(|m| is_member(m, &a.value)) {
                    named = true;
                    claims.push(Claim {
                        role,
                        path: carrier.source.clone(),
                        excerpt: format!("{}: {}", a.key, a.value),
                        judgement: trust.judge(carrier, &proof, member),
                    });
                }
            }
            if !named {
                outcome.findings.push(Finding::say(
                    "approvals/not-a-member",
                    args([
                        ("trailer", (&a.key).into()),
                        ("who", (&a.value).into()),
                        ("source", (&a.source).into()),
                        (
                            "roles",
                            Arg::AnyOf {
                                any_of: gate.approvals.clone(),
                            },
                        ),
                    ]),
                ));
            }
        }
    }
    // Reviews of members that do not count: (role, excerpt, why).
    let mut not_counted: Vec<(&Role, String, String)> = Vec::new();
    if let Some(reviews) = inputs.reviews {
        review_claims(roles, reviews, snapshot, &mut claims, &mut not_counted);
    }

    for role in roles {
        let counts = |c: &Claim| match &c.judgement {
            Judgement::Verified(_) => true,
            Judgement::Unverified(_) | Judgement::WrongSigner(_) => policy.accept_unsigned,
            Judgement::BadSignature(_) => false,
        };
        let mine: Vec<&Claim> = claims
            .iter()
            .filter(|c| std::ptr::eq(c.role, *role))
            .collect();
        let approved = mine.iter().any(|c| counts(c));
        for c in &mine {
            let (code, label, reason) = match &c.judgement {
                Judgement::Verified(how) => {
                    outcome.evidence.push(item(
                        c,
                        format!("approval by role `{}`, verified: {how}", role.name),
                    ));
                    continue;
                }
                Judgement::Unverified(r) => ("approvals/unverified", "unverified", r),
                Judgement::WrongSigner(r) => ("approvals/wrong-signer", "wrong signer", r),
                Judgement::BadSignature(r) => ("approvals/bad-signature", "bad signature", r),
            };
            let why = format!("{label}: {reason}");
            if counts(c) {
                outcome.evidence.push(item(c, format!(
                    "approval by role `{}`, accepted unsigned (`[approvals] accept-unsigned = true`); {why}",
                    role.name
                )));
                continue;
            }
            outcome.evidence.push(item(
                c,
                format!("{why}; does not count for role `{}`", role.name),
            ));
            // A bad signature is always a finding; other unproven claims only when they leave
            // the role without an approval.
            if !approved || code == "approvals/bad-signature" {
                outcome.findings.push(Finding::say_as(
                    code,
                    "approvals/unverified",
                    args([
                        ("claim", (&c.excerpt).into()),
                        ("source", (&c.path).into()),
                        ("role", (&role.name).into()),
                        ("reason", reason.to_string().into()),
                    ]),
                ));
            }
        }
        let mut why: Vec<&str> = Vec::new();
        for (_, excerpt, w) in not_counted
            .iter()
            .filter(|(r, _, _)| std::ptr::eq(*r, *role))
        {
            outcome.evidence.push(EvidenceItem {
                path: inputs.reviews.map(|r| r.name.clone()).unwrap_or_default(),
                blob: None,
                line: None,
                excerpt: Some(excerpt.clone()),
                note: Some(format!("{w}; does not count for role `{}`", role.name)),
            });
            why.push(w);
        }
        let unproven = mine
            .iter()
            .any(|c| !matches!(c.judgement, Judgement::Verified(_)));
        if !approved && !unproven {
            let key = match (inputs.reviews.is_some(), why.is_empty()) {
                (false, true) => "approvals/missing",
                (true, true) => "approvals/missing#reviews",
                (false, false) => "approvals/missing#why",
                (true, false) => "approvals/missing#reviews-why",
            };
            outcome.findings.push(Finding::say(
                key,
                args([
                    ("role", (&role.name).into()),
                    ("why", why.join("; ").into()),
                ]),
            ));
        }
    }
    Ok(outcome)
}

/// Reviews of members of the required roles: an approval of the checked commit is verified by
/// the CI that fetched it; any other latest review is said and does not count.
fn review_claims<'a>(
    roles: &[&'a Role],
    reviews: &Reviews,
    snapshot: &Snapshot,
    claims: &mut Vec<Claim<'a>>,
    not_counted: &mut Vec<(&'a Role, String, String)>,
) {
    let checked = snapshot.subject.commit.as_deref();
    let platform = reviews.platform;
    for review in &reviews.reviews {
        for role in roles {
            let account = |m: &Member| match platform {
                Platform::GitHub => m.github.clone(),
                Platform::GitLab => m.gitlab.clone(),
            };
            for member in role
                .members
                .iter()
                .filter(|m| account(m).is_some_and(|a| a.eq_ignore_ascii_case(&review.account)))
            {
                let on = review.commit.as_deref().map(crate::support::short);
                let excerpt = match (&on, &review.submitted_at) {
                    (Some(c), Some(t)) => {
                        format!("{} by @{} on {c} at {t}", review.state, review.account)
                    }
                    (Some(c), None) => format!("{} by @{} on {c}", review.state, review.account),
                    _ => format!("{} by @{}", review.state, review.account),
                };
                let refusal = if review.state != "APPROVED" {
                    Some(format!(
                        "the latest review by @{} is {}",
                        review.account, review.state
                    ))
                } else if platform == Platform::GitHub && review.commit.as_deref() != checked {
                    Some(format!(
                        "@{} approved {}, not the checked commit",
                        review.account,
                        on.unwrap_or("no commit")
                    ))
                } else {
                    None
                };
                match refusal {
                    None => claims.push(Claim {
                        role,
                        path: reviews.name.clone(),
                        excerpt,
                        judgement: Judgement::Verified(format!(
                            "{} review by {}, fetched by the CI ({} SHA-256 {})",
                            platform.label(),
                            member.name,
                            reviews.name,
                            &reviews.sha256[..12]
                        )),
                    }),
                    Some(why) => not_counted.push((role, excerpt, why)),
                }
            }
        }
    }
}

/// Reads the trusted keys: each member's `signing-keys` and the allowed signers file.
fn trust<'a>(
    playbook: &'a Playbook,
    inputs: Inputs<'_>,
    as_of: Option<jiff::Timestamp>,
    outcome: &mut Outcome,
) -> Result<Trust<'a>, String> {
    let members = playbook
        .roles
        .iter()
        .flat_map(|r| &r.members)
        .map(|m| {
            let keys = m
                .signing_keys
                .iter()
                .filter_map(|k| parse_signing_key(k.get_ref()).ok())
                .map(|k| k.key_data().clone())
                .collect();
            (m, keys)
        })
        .collect();
    let (signers, file) = match &playbook.approvals.allowed_signers {
        None => (Vec::new(), None),
        Some(path) => {
            let file = inputs
                .allowed_signers
                .filter(|f| f.name == *path)
                .ok_or_else(|| format!("the allowed signers file `{path}` named by `[approvals] allowed-signers` does not exist"))?;
            let signers = allowed_signers::parse(&file.text)
                .map_err(|e| format!("the allowed signers file `{path}` cannot be read: {e}"))?;
            outcome.evidence.push(EvidenceItem {
                path: path.clone(),
                blob: None,
                line: None,
                excerpt: None,
                note: Some(format!(
                    "allowed signers, {} key(s), SHA-256 {}",
                    signers.len(),
                    crate::support::sha256_hex(file.text.as_bytes())
                )),
            });
            (signers, Some(path.clone()))
        }
    };
    Ok(Trust {
        members,
        signers,
        file,
        as_of,
    })
}

fn item(c: &Claim, note: String) -> EvidenceItem {
    EvidenceItem {
        path: c.path.clone(),
        blob: None,
        line: None,
        excerpt: Some(c.excerpt.clone()),
        note: Some(note),
    }
}
