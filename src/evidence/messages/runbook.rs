//! Messages of the `runbook` control and its reasons.

use super::Message;

pub const MESSAGES: &[Message] = &[
    Message {
        key: "runbook/service",
        en: "service `{name}`",
        de: "Dienst `{name}`",
    },
    Message {
        key: "runbook/service#dir",
        en: "service `{name}` ({dir})",
        de: "Dienst `{name}` ({dir})",
    },
    Message {
        key: "runbook/missing#no-folder",
        en: "{service} has no folder, and every `runbook` template needs `{service_dir}`",
        de: "{service} hat keinen Ordner, und jede `runbook`-Vorlage braucht `{service_dir}`",
    },
    Message {
        key: "runbook/missing#service",
        en: "{service} has no runbook; expected {paths}",
        de: "{service} hat kein Runbook; erwartet wird {paths}",
    },
    Message {
        key: "runbook/missing#paths",
        en: "no runbook matches {globs}",
        de: "kein Runbook passt auf {globs}",
    },
    Message {
        key: "runbook/looked-in",
        en: "in {places}",
        de: "in {places}",
    },
    Message {
        key: "runbook/looked-in#discover",
        en: "in {places}, nor as a Markdown file named `*runbook*` or with a `Runbook` heading",
        de: "in {places} sowie nach Markdown-Dateien namens `*runbook*` oder mit einer Überschrift `Runbook`",
    },
    Message {
        key: "runbook/looked-in#discover-sections",
        en: "in {places}, nor as a Markdown file named `*runbook*`, with a `Runbook` heading or with the sections {sections}",
        de: "in {places} sowie nach Markdown-Dateien namens `*runbook*`, mit einer Überschrift `Runbook` oder mit den Abschnitten {sections}",
    },
    Message {
        key: "runbook/nothing-runs",
        en: "nothing here runs (no Dockerfile, Containerfile, compose file, Kubernetes manifest, Helm chart, Procfile, serverless, Terraform or CloudFormation file) and no runbook was found {looked}",
        de: "hier läuft nichts (kein Dockerfile, Containerfile, keine Compose-Datei, kein Kubernetes-Manifest, Helm-Chart oder Procfile, keine Serverless-, Terraform- oder CloudFormation-Datei) und es wurde kein Runbook gefunden (gesucht {looked})",
    },
    Message {
        key: "runbook/nothing-runs#not-counted",
        en: "nothing here runs (no Dockerfile, Containerfile, compose file, Kubernetes manifest, Helm chart, Procfile, serverless, Terraform or CloudFormation file) and no runbook was found {looked}; not counted: {files} (see the evidence)",
        de: "hier läuft nichts (kein Dockerfile, Containerfile, keine Compose-Datei, kein Kubernetes-Manifest, Helm-Chart oder Procfile, keine Serverless-, Terraform- oder CloudFormation-Datei) und es wurde kein Runbook gefunden (gesucht {looked}); nicht gezählt: {files} (siehe Nachweise)",
    },
    Message {
        key: "runbook/missing#runs-one",
        en: "{path} runs something, but no runbook was found {looked}",
        de: "{path} bringt etwas in Betrieb, aber es wurde kein Runbook gefunden (gesucht {looked})",
    },
    Message {
        key: "runbook/missing#runs",
        en: "{paths} run something, but no runbook was found {looked}",
        de: "{paths} bringen etwas in Betrieb, aber es wurde kein Runbook gefunden (gesucht {looked})",
    },
    Message {
        key: "runbook/missing#runs-more",
        en: "{paths} and {more} more file(s) run something, but no runbook was found {looked}",
        de: "{paths} und {more} weitere Datei(en) bringen etwas in Betrieb, aber es wurde kein Runbook gefunden (gesucht {looked})",
    },
    Message {
        key: "runbook/no-as-of",
        en: "review dates cannot be checked without an as-of date: check a git commit or set SOURCE_DATE_EPOCH",
        de: "Review-Termine können ohne Stichtag nicht geprüft werden: einen Git-Commit prüfen oder SOURCE_DATE_EPOCH setzen",
    },
    Message {
        key: "runbook/invalid-front-matter",
        en: "the front matter is not valid YAML ({why}); owner and review were not checked",
        de: "der Front Matter ist kein gültiges YAML ({why}); Verantwortliche und Review wurden nicht geprüft",
    },
    Message {
        key: "runbook/missing-section",
        en: "no `{section}` section",
        de: "kein Abschnitt `{section}`",
    },
    Message {
        key: "runbook/missing-section#aliases",
        en: "no `{section}` section (nor {aliases})",
        de: "kein Abschnitt `{section}` (auch nicht {aliases})",
    },
    Message {
        key: "runbook/empty-section",
        en: "the `{section}` section is empty",
        de: "der Abschnitt `{section}` ist leer",
    },
    Message {
        key: "runbook/no-owner",
        en: "no owner named: no {keys} in the front matter and no e-mail, @handle or link under a {sections} heading",
        de: "keine Verantwortlichen genannt: kein {keys} im Front Matter und keine E-Mail-Adresse, kein @Handle und kein Link unter einer Überschrift {sections}",
    },
    Message {
        key: "runbook/missing-review",
        en: "no `last_reviewed_on` in the front matter",
        de: "kein `last_reviewed_on` im Front Matter",
    },
    Message {
        key: "runbook/invalid-review-metadata#date",
        en: "`last_reviewed_on: {value}` is not a date (YYYY-MM-DD)",
        de: "`last_reviewed_on: {value}` ist kein Datum (JJJJ-MM-TT)",
    },
    Message {
        key: "runbook/invalid-review-metadata#duration",
        en: "`review_in: {value}` is not a duration ({why}); write e.g. `6 months`",
        de: "`review_in: {value}` ist keine Dauer ({why}); z. B. `6 months` schreiben",
    },
    Message {
        key: "runbook/stale-review",
        en: "last reviewed {reviewed}; a review every {every} was due {due} (as of {today})",
        de: "zuletzt geprüft am {reviewed}; ein Review alle {every} war am {due} fällig (Stand {today})",
    },
];
