//! The templates `gonogo fix` writes, English and German, embedded in the binary: each with
//! the path it is written to in either language and the placeholders it fills.

use crate::playbook::Language;

/// One template: its name, where it goes in each language, and its text in each.
#[derive(Debug)]
pub struct Template {
    pub name: &'static str,
    pub path_en: &'static str,
    pub path_de: &'static str,
    pub en: &'static str,
    pub de: &'static str,
}

impl Template {
    pub fn path(&self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.path_en,
            Language::De => self.path_de,
        }
    }

    pub fn text(&self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.en,
            Language::De => self.de,
        }
    }
}

macro_rules! template {
    ($name:literal, $en_path:literal, $de_path:literal, $file:literal) => {
        Template {
            name: $name,
            path_en: $en_path,
            path_de: $de_path,
            en: include_str!(concat!("../../templates/scaffold/en/", $file)),
            de: include_str!(concat!("../../templates/scaffold/de/", $file)),
        }
    };
}

/// Templates for `files` controls: one is chosen when its path matches a glob the control
/// requires. `{stage}` templates are listed once per test stage.
pub const FILES: &[Template] = &[
    template!("readme", "README.md", "README.md", "readme.md"),
    template!("license", "LICENSE", "LICENSE", "license.txt"),
    template!("security", "SECURITY.md", "SECURITY.md", "security.md"),
    template!("changelog", "CHANGELOG.md", "CHANGELOG.md", "changelog.md"),
    template!(
        "contributing",
        "CONTRIBUTING.md",
        "CONTRIBUTING.md",
        "contributing.md"
    ),
    template!(
        "architecture",
        "docs/architecture.md",
        "docs/architecture.md",
        "architecture.md"
    ),
    template!(
        "access",
        "docs/access.md",
        "docs/berechtigungen.md",
        "access.md"
    ),
    template!(
        "secrets-rotation",
        "docs/secrets-rotation.md",
        "docs/secret-rotierung.md",
        "secrets-rotation.md"
    ),
    template!(
        "restore-record",
        "docs/restore-tests/{today}.md",
        "docs/wiederherstellungstests/{today}.md",
        "restore-record.md"
    ),
    template!(
        "test-concept",
        "docs/test/test-concept.md",
        "docs/test/testkonzept.md",
        "test-concept.md"
    ),
    template!(
        "integration-test-specification",
        "docs/test/integration-test-specification.md",
        "docs/test/integrationstest-spezifikation.md",
        "test-specification.md"
    ),
    template!(
        "integration-test-report",
        "docs/test/integration-test-report.md",
        "docs/test/integrationstest-abschlussbericht.md",
        "test-report.md"
    ),
    template!(
        "system-test-specification",
        "docs/test/system-test-specification.md",
        "docs/test/systemtest-spezifikation.md",
        "test-specification.md"
    ),
    template!(
        "system-test-report",
        "docs/test/system-test-report.md",
        "docs/test/systemtest-abschlussbericht.md",
        "test-report.md"
    ),
    template!(
        "acceptance-test-specification",
        "docs/test/acceptance-test-specification.md",
        "docs/test/abnahmetest-spezifikation.md",
        "test-specification.md"
    ),
    template!(
        "acceptance-test-report",
        "docs/test/acceptance-test-report.md",
        "docs/test/abnahmetest-abschlussbericht.md",
        "test-report.md"
    ),
    template!(
        "priorities",
        "docs/priorities.md",
        "docs/priorities.md",
        "priorities.md"
    ),
    template!("risks", "docs/risks.md", "docs/risks.md", "risks.md"),
    template!(
        "assumptions",
        "docs/assumptions.md",
        "docs/annahmen.md",
        "assumptions.md"
    ),
    template!(
        "handover",
        "docs/handover.md",
        "docs/uebergabe.md",
        "handover.md"
    ),
    template!(
        "decision-rights",
        "docs/decision-rights.md",
        "docs/decision-rights.md",
        "decision-rights.md"
    ),
];

/// Templates a control kind asks for by itself, not by a glob.
pub const ADR: Template = template!(
    "adr",
    "docs/adr/0001-record-architecture-decisions.md",
    "docs/adr/0001-architekturentscheidungen-festhalten.md",
    "adr.md"
);
pub const RUNBOOK: Template = template!(
    "runbook",
    "docs/runbooks/backup-restore.md",
    "docs/runbooks/sicherung-wiederherstellung.md",
    "runbook.md"
);
pub const DOD: Template = template!(
    "definition-of-done",
    "docs/definition-of-done.md",
    "docs/definition-of-done.md",
    "dod.md"
);
pub const PR_TEMPLATE: Template = template!(
    "pull-request-template",
    ".github/pull_request_template.md",
    ".github/pull_request_template.md",
    "pr-template.md"
);

/// The repository's own playbook: its text is the starter `gonogo init` writes.
pub const PLAYBOOK: Template = Template {
    name: "playbook",
    path_en: "gonogo.toml",
    path_de: "gonogo.toml",
    en: "",
    de: "",
};

/// The template of this name.
pub fn named(name: &str) -> Option<&'static Template> {
    FILES.iter().find(|t| t.name == name)
}

/// The stage a test document template speaks of, in the language.
pub fn stage(name: &str, lang: Language) -> &'static str {
    let stage = name.split('-').next().unwrap_or("");
    match (stage, lang) {
        ("integration", Language::En) => "Integration",
        ("integration", Language::De) => "Integrationstest",
        ("system", Language::En) => "System",
        ("system", Language::De) => "Systemtest",
        ("acceptance", Language::En) => "Acceptance",
        ("acceptance", Language::De) => "Abnahmetest",
        _ => "",
    }
}

/// `text` with each `{key}` of `values` replaced.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}
