//! `gonogo init`: write a commented starter playbook.

use super::*;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write gonogo.toml.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The preset the starter playbook extends.
    #[arg(long, default_value = "default")]
    pub preset: String,
    /// Overwrite an existing gonogo.toml.
    #[arg(long)]
    pub force: bool,
}

pub fn init(args: InitArgs) -> u8 {
    let Some(text) = starter_playbook(&args.preset) else {
        eprintln!(
            "error: there is no preset `{}`; presets: {}",
            args.preset,
            crate::playbook::PRESETS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        );
        return EXIT_ERROR;
    };
    let target = args.path.join("gonogo.toml");
    if target.exists() && !args.force {
        eprintln!(
            "error: {} exists; use --force to overwrite it",
            target.display()
        );
        return EXIT_ERROR;
    }
    if let Err(e) = std::fs::write(&target, text) {
        eprintln!("error: cannot write {}: {e}", target.display());
        return EXIT_ERROR;
    }
    println!(
        "wrote {} (extends preset:{})",
        target.display(),
        args.preset
    );
    println!("next: edit it, then run `gonogo playbook validate` and `gonogo check`");
    EXIT_GO
}

/// A commented starter playbook that extends a preset.
pub fn starter_playbook(preset: &str) -> Option<String> {
    crate::playbook::preset_text(preset)?;
    Some(format!(
        r#"# gonogo playbook — the guardrails and go/no-go criteria agreed for this repository.
# Reference: docs/playbook.md. Check it with `gonogo playbook validate`.

[playbook]
name = "My service"
version = "0.1.0"
owner = "platform-team"
# language = "de"               # texts for people: "en" or "de"
# Start from an embedded preset; the controls below add to or override its controls by id.
extends = ["preset:{preset}"]
# disable = ["codeowners"]      # switch off an inherited control

# A control: id (stable), kind (see `gonogo controls`), level (must | should | may).
[[control]]
id = "changelog"
kind = "files"
level = "should"
title = "Changes are recorded in a changelog"
rationale = "Reviewers and auditors read what changed per release."
remediation = "Add CHANGELOG.md (see https://keepachangelog.com)."
tags = ["release"]
require = ["{{CHANGELOG,CHANGES,HISTORY}}{{,.md}}"]
case-insensitive = true

# No secrets or key material in the repository.
# [[control]]
# id = "no-private-keys"
# kind = "files"
# level = "must"
# title = "No private keys are committed"
# forbid = ["**/*.pem", "**/id_rsa"]

# Gates pick controls by id, `tag:NAME`, or `*`.
[gates.merge]
description = "Before a merge request is merged"
controls = ["*"]
exclude = ["tag:release"]

[gates.release]
description = "Before a release is shipped"
controls = ["*"]
"#
    ))
}
