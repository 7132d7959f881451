//! Whether a repository runs something, and so needs a runbook: container images, compose
//! files, Kubernetes manifests, Helm charts, Procfiles, serverless, Terraform and CloudFormation
//! configuration. A Dockerfile in a documentation folder (a site preview) and a Dockerfile that
//! copies nothing of the repository (an image of software published elsewhere, such as a CLI)
//! do not count. Asked only when a control found no runbook, so its reads cost nothing on a
//! repository with runbooks.

use crate::snapshot::{Content, Snapshot};

/// How many YAML files are read at most to tell Kubernetes manifests, likely folders first.
const YAML_READ_LIMIT: usize = 200;

/// Folders of tests, fixtures and examples: what they hold is not what the repository runs.
const NOT_RUN: &[&str] = &[
    "test",
    "tests",
    "testdata",
    "fixtures",
    "__fixtures__",
    "example",
    "examples",
    "samples",
];

/// Folder names where Kubernetes manifests usually are: their YAML is read first.
const MANIFEST_FOLDERS: &[&str] = &[
    "k8s",
    "kubernetes",
    "kube",
    "manifests",
    "deploy",
    "deployment",
    "deployments",
    "kustomize",
    "overlays",
    "base",
    "infra",
    "ops",
    "cloudformation",
    "cfn",
];

/// Documentation folders: a Dockerfile there serves or builds the documentation.
const DOCS: &[&str] = &["docs", "doc", "documentation"];

/// A file that makes the repository run something, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Artefact {
    pub(super) path: String,
    pub(super) what: String,
}

/// What a file is by its name alone, if it runs something.
fn by_name(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    // `Dockerfile.prod` is an image; `Dockerfile.md` is a page about one.
    let document = [".md", ".markdown", ".rst", ".txt", ".adoc"]
        .iter()
        .any(|e| lower.ends_with(e));
    if document {
        None
    } else if lower == "dockerfile"
        || lower.starts_with("dockerfile.")
        || lower.ends_with(".dockerfile")
    {
        Some("Dockerfile")
    } else if lower == "containerfile" || lower.starts_with("containerfile.") {
        Some("Containerfile")
    } else if yaml && (lower.starts_with("docker-compose") || lower.starts_with("compose.")) {
        Some("compose file")
    } else if name == "Chart.yaml" {
        Some("Helm chart")
    } else if lower == "kustomization.yaml" || lower == "kustomization.yml" {
        Some("Kubernetes kustomization")
    } else if name == "Procfile" || name.starts_with("Procfile.") {
        Some("Procfile")
    } else if lower.starts_with("serverless.")
        && [".yml", ".yaml", ".json", ".ts", ".js"]
            .iter()
            .any(|e| lower.ends_with(e))
    {
        Some("serverless configuration")
    } else if lower.ends_with(".tf") || lower.ends_with(".tf.json") {
        Some("Terraform configuration")
    } else {
        None
    }
}

fn folders(path: &str) -> impl Iterator<Item = &str> {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    dir.split('/').filter(|p| !p.is_empty())
}

fn is_not_run(path: &str) -> bool {
    folders(path).any(|f| f.starts_with('.') || NOT_RUN.iter().any(|n| f.eq_ignore_ascii_case(n)))
}

/// Why a container image file does not count as something the repository runs, if it does not:
/// it lies in a documentation folder, or it copies nothing of the repository (no `COPY` or `ADD`
/// but from another build stage). Content that cannot be read counts.
fn image_not_run(snap: &Snapshot, path: &str) -> Option<&'static str> {
    if folders(path).any(|f| DOCS.iter().any(|d| f.eq_ignore_ascii_case(d))) {
        return Some("a container image in a documentation folder, which serves the documentation");
    }
    let Content::Text(text) = snap.read(path) else {
        return None;
    };
    let copies = text.lines().any(|line| {
        let mut words = line.split_whitespace();
        let instruction = words.next().unwrap_or_default();
        (instruction.eq_ignore_ascii_case("COPY") || instruction.eq_ignore_ascii_case("ADD"))
            && !words.any(|w| w.to_ascii_lowercase().starts_with("--from"))
    });
    (!copies).then_some(
        "a container image that copies nothing of this repository (no `COPY` or `ADD`): it packages software published elsewhere",
    )
}

/// A CloudFormation (or SAM) template: `AWSTemplateFormatVersion:` at the start of a line, or a
/// top-level `Resources:` with an `AWS::` resource type.
fn is_cloudformation(text: &str) -> bool {
    let mut resources = false;
    let mut aws_type = false;
    for line in text.lines() {
        if line.starts_with("AWSTemplateFormatVersion:") {
            return true;
        }
        resources |= line.trim_end() == "Resources:";
        if let Some(value) = line.trim_start().strip_prefix("Type:") {
            aws_type |= value.trim().trim_matches(['"', '\'']).starts_with("AWS::");
        }
    }
    resources && aws_type
}

/// The kind of a Kubernetes manifest: `apiVersion:` and `kind:` at the start of a line.
fn manifest_kind(text: &str) -> Option<&str> {
    let mut has_api = false;
    let mut kind = None;
    for line in text.lines() {
        if line.starts_with("apiVersion:") {
            has_api = true;
        } else if let Some(value) = line.strip_prefix("kind:") {
            kind.get_or_insert(value.trim().trim_matches(['"', '\'']));
        }
    }
    kind.filter(|k| has_api && !k.is_empty())
}

/// Every file that runs something, in path order, named files before manifests read; and the
/// container image files that do not count, each with why.
pub(super) fn artefacts(snap: &Snapshot) -> (Vec<Artefact>, Vec<Artefact>) {
    let mut found = Vec::new();
    let mut not_counted = Vec::new();
    let mut yaml: Vec<&str> = Vec::new();
    let mut charts: Vec<String> = Vec::new();
    for path in snap
        .paths()
        .filter(|p| !is_not_run(p) && !super::discovery::is_foreign(p))
    {
        if let Some(what) = by_name(path) {
            if matches!(what, "Dockerfile" | "Containerfile")
                && let Some(why) = image_not_run(snap, path)
            {
                not_counted.push(Artefact {
                    path: path.to_string(),
                    what: why.to_string(),
                });
                continue;
            }
            if what == "Helm chart" {
                charts.push(path.rsplit_once('/').map_or("", |(d, _)| d).to_string());
            }
            found.push(Artefact {
                path: path.to_string(),
                what: what.to_string(),
            });
        } else {
            let lower = path.to_ascii_lowercase();
            if lower.ends_with(".yml") || lower.ends_with(".yaml") {
                yaml.push(path);
            }
        }
    }
    // A chart's templates are the chart, already named; they are no plain YAML either.
    yaml.retain(|path| {
        !charts.iter().any(|chart| {
            let prefix = if chart.is_empty() {
                "templates/".to_string()
            } else {
                format!("{chart}/templates/")
            };
            path.starts_with(&prefix)
        })
    });
    let likely = |path: &str| {
        folders(path).any(|f| MANIFEST_FOLDERS.iter().any(|m| f.eq_ignore_ascii_case(m)))
    };
    yaml.sort_by_key(|path| (!likely(path), path.matches('/').count(), *path));
    for path in yaml.into_iter().take(YAML_READ_LIMIT) {
        let Content::Text(text) = snap.read(path) else {
            continue;
        };
        if let Some(kind) = manifest_kind(&text) {
            found.push(Artefact {
                path: path.to_string(),
                what: format!("Kubernetes manifest (`kind: {kind}`)"),
            });
        } else if is_cloudformation(&text) {
            found.push(Artefact {
                path: path.to_string(),
                what: "CloudFormation template".to_string(),
            });
        }
    }
    (found, not_counted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_run_something() {
        for (path, what) in [
            ("Dockerfile", "Dockerfile"),
            ("api/Dockerfile.prod", "Dockerfile"),
            ("build/api.dockerfile", "Dockerfile"),
            ("Containerfile", "Containerfile"),
            ("docker-compose.override.yml", "compose file"),
            ("compose.yaml", "compose file"),
            ("charts/api/Chart.yaml", "Helm chart"),
            ("k8s/kustomization.yaml", "Kubernetes kustomization"),
            ("Procfile", "Procfile"),
            ("serverless.yml", "serverless configuration"),
            ("infra/main.tf", "Terraform configuration"),
        ] {
            assert_eq!(by_name(path), Some(what), "{path}");
        }
        for path in [
            "composer.json",
            "docs/Dockerfile.md",
            "values.yaml",
            "tfvars.txt",
        ] {
            assert_eq!(by_name(path), None, "{path}");
        }
    }

    #[test]
    fn tests_examples_and_dot_folders_do_not_run() {
        assert!(is_not_run("tests/integration/Dockerfile"));
        assert!(is_not_run("examples/docker-compose.yml"));
        assert!(is_not_run(".github/workflows/ci.yml"));
        assert!(!is_not_run("Dockerfile"));
        assert!(!is_not_run("deploy/k8s/app.yaml"));
    }

    #[test]
    fn cloudformation_templates_by_version_or_aws_resources() {
        assert!(is_cloudformation(
            "---\nDescription: App\nAWSTemplateFormatVersion: 2010-09-09\n"
        ));
        assert!(is_cloudformation(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: 'AWS::Serverless::Function'\n"
        ));
        assert!(!is_cloudformation(
            "Resources:\n  - name: docs\n    Type: page\n"
        ));
        assert!(!is_cloudformation("Type: AWS::S3::Bucket\n"));
    }

    #[test]
    fn manifests_need_api_version_and_kind_at_the_start_of_a_line() {
        let manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n";
        assert_eq!(manifest_kind(manifest), Some("Deployment"));
        let multi =
            "---\napiVersion: v1\nkind: \"Service\"\n---\napiVersion: v1\nkind: ConfigMap\n";
        assert_eq!(manifest_kind(multi), Some("Service"));
        assert_eq!(manifest_kind("kind: Deployment\n"), None);
        assert_eq!(
            manifest_kind("spec:\n  apiVersion: v1\n  kind: Pod\n"),
            None
        );
    }
}
