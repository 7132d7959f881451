//! `gonogo hook install|uninstall`: a git hook for repositories that do not use the pre-commit
//! framework. The hook is a small POSIX sh script carrying a marker line; gonogo never replaces
//! a hook without that marker unless told to (`--force`), and then keeps it and runs it first.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::commands::{EXIT_ERROR, EXIT_GO, LangArg};
use crate::render::i18n::{Language, t, tf};

/// A path for a message.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The first comment line of every hook gonogo writes; its presence means "ours".
pub const MARKER: &str = "# gonogo hook v1";
/// Suffix of a hook that `--force` kept: `pre-commit` → `pre-commit.gonogo-chained`.
pub const CHAINED_SUFFIX: &str = ".gonogo-chained";

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write a git hook that runs `gonogo check` (pre-commit: the index; pre-push: HEAD).
    Install(InstallArgs),
    /// Remove gonogo's hook and put back a hook that `install --force` kept.
    Uninstall(UninstallArgs),
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    /// The repository (any folder inside it).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Install the pre-push hook (checks HEAD) instead of the pre-commit hook (checks the index).
    #[arg(long)]
    pub pre_push: bool,
    /// The gate the hook decides. Default: `commit` when the repository's playbook defines it
    /// (pre-commit only), else `merge`.
    #[arg(short, long, value_name = "NAME")]
    pub gate: Option<String>,
    /// Replace a hook gonogo did not write: it is kept as `<hook>.gonogo-chained` and runs first.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub lang: LangArg,
}

#[derive(Debug, Args)]
pub struct UninstallArgs {
    /// The repository (any folder inside it).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Remove the pre-push hook instead of the pre-commit hook.
    #[arg(long)]
    pub pre_push: bool,
    #[command(flatten)]
    pub lang: LangArg,
}

pub fn run(command: HookCommand) -> u8 {
    let (result, lang) = match command {
        HookCommand::Install(args) => {
            let lang = args.lang.resolve();
            (install(&args, lang), lang)
        }
        HookCommand::Uninstall(args) => {
            let lang = args.lang.resolve();
            (uninstall(&args.path, hook_name(args.pre_push), lang), lang)
        }
    };
    match result {
        // Paths come from `core.hooksPath` and the file system: shown escaped.
        Ok(message) => {
            println!("{}", crate::support::escape::block(&message));
            EXIT_GO
        }
        Err(message) => {
            let text = crate::support::escape::block(&message);
            eprintln!("{}", tf(lang, "cmd.error", &[("text", &text)]));
            EXIT_ERROR
        }
    }
}

fn hook_name(pre_push: bool) -> &'static str {
    if pre_push { "pre-push" } else { "pre-commit" }
}

/// The folder git runs hooks from: `core.hooksPath` when set (relative to the worktree root, as
/// git reads it), else `hooks` in the common git dir, which linked worktrees share.
pub fn hooks_dir(repo: &git2::Repository) -> PathBuf {
    let configured = repo
        .config()
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok());
    match configured {
        Some(p) if p.is_absolute() => p,
        Some(p) => repo.workdir().unwrap_or_else(|| repo.commondir()).join(p),
        None => repo.commondir().join("hooks"),
    }
}

/// Whether a hook file is one gonogo wrote.
pub fn is_ours(text: &str) -> bool {
    text.lines().take(3).any(|l| l.starts_with(MARKER))
}

fn open(path: &Path, lang: Language) -> Result<git2::Repository, String> {
    git2::Repository::discover(path).map_err(|e| {
        tf(
            lang,
            "hook.not-a-repository",
            &[("path", &shown(path)), ("why", e.message())],
        )
    })
}

/// "cannot read PATH: WHY" and its kin.
fn io_error(lang: Language, key: &'static str, path: &Path, e: std::io::Error) -> String {
    tf(
        lang,
        key,
        &[("path", &shown(path)), ("why", &e.to_string())],
    )
}

/// `commit` when the repository's playbook defines that gate, else `merge`.
fn default_gate(repo: &git2::Repository, pre_push: bool) -> String {
    if !pre_push {
        let choice = crate::playbook::choose(None, repo.workdir());
        if crate::playbook::load(&choice, &crate::controls::REGISTRY)
            .is_ok_and(|p| p.gate(crate::playbook::starter::HOOK_GATE).is_some())
        {
            return crate::playbook::starter::HOOK_GATE.into();
        }
    }
    "merge".into()
}

fn install(args: &InstallArgs, lang: Language) -> Result<String, String> {
    let repo = open(&args.path, lang)?;
    let name = hook_name(args.pre_push);
    let dir = hooks_dir(&repo);
    let hook = dir.join(name);
    let chained = dir.join(format!("{name}{CHAINED_SUFFIX}"));
    let gate = args
        .gate
        .clone()
        .unwrap_or_else(|| default_gate(&repo, args.pre_push));
    if gate.is_empty() || gate.contains(['\'', '\n', '\r']) {
        return Err(tf(lang, "hook.not-a-gate", &[("gate", &gate)]));
    }
    std::fs::create_dir_all(&dir).map_err(|e| io_error(lang, "cmd.cannot-create", &dir, e))?;
    let mut kept = false;
    match std::fs::read(&hook) {
        Ok(bytes) if is_ours(&String::from_utf8_lossy(&bytes)) => {}
        Ok(_) if !args.force => {
            return Err(tf(
                lang,
                "hook.foreign",
                &[
                    ("hook", &shown(&hook)),
                    ("flags", if args.pre_push { " --pre-push" } else { "" }),
                    ("chained", &shown(&chained)),
                ],
            ));
        }
        Ok(_) => {
            if chained.exists() {
                return Err(tf(
                    lang,
                    "hook.chained-exists",
                    &[("chained", &shown(&chained))],
                ));
            }
            std::fs::rename(&hook, &chained).map_err(|e| {
                tf(
                    lang,
                    "hook.cannot-move",
                    &[
                        ("from", &shown(&hook)),
                        ("to", &shown(&chained)),
                        ("why", &e.to_string()),
                    ],
                )
            })?;
            kept = true;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(lang, "cmd.cannot-read", &hook, e)),
    }
    let fallback = std::env::current_exe().ok();
    let mut text = script_in(name, &gate, fallback.as_deref(), lang);
    // `--lang` named at install time is the hook's language for the check's output too.
    if let Some(explicit) = args.lang.lang {
        let code = crate::render::i18n::code(explicit);
        text = text.replace(
            &format!("--gate '{gate}'\n"),
            &format!("--gate '{gate}' --lang {code}\n"),
        );
    }
    std::fs::write(&hook, text).map_err(|e| io_error(lang, "cmd.cannot-write", &hook, e))?;
    make_executable(&hook, lang)?;
    let (installed, kept_key) = if args.pre_push {
        ("hook.installed-push", "hook.kept-push")
    } else {
        ("hook.installed-commit", "hook.kept-commit")
    };
    let mut message = tf(lang, installed, &[("hook", &shown(&hook)), ("gate", &gate)]);
    if kept || chained.exists() {
        message.push('\n');
        message.push_str(&tf(lang, kept_key, &[("chained", &shown(&chained))]));
    }
    Ok(message)
}

fn uninstall(path: &Path, name: &str, lang: Language) -> Result<String, String> {
    let repo = open(path, lang)?;
    let dir = hooks_dir(&repo);
    let hook = dir.join(name);
    let chained = dir.join(format!("{name}{CHAINED_SUFFIX}"));
    match std::fs::read(&hook) {
        Ok(bytes) if is_ours(&String::from_utf8_lossy(&bytes)) => {}
        Ok(_) => {
            return Err(tf(lang, "hook.not-ours", &[("hook", &shown(&hook))]));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(tf(
                lang,
                "hook.none",
                &[("name", name), ("dir", &shown(&dir))],
            ));
        }
        Err(e) => return Err(io_error(lang, "cmd.cannot-read", &hook, e)),
    }
    std::fs::remove_file(&hook).map_err(|e| io_error(lang, "hook.cannot-remove", &hook, e))?;
    if chained.exists() {
        std::fs::rename(&chained, &hook).map_err(|e| {
            tf(
                lang,
                "hook.cannot-move",
                &[
                    ("from", &shown(&chained)),
                    ("to", &shown(&hook)),
                    ("why", &e.to_string()),
                ],
            )
        })?;
        return Ok(tf(
            lang,
            "hook.restored",
            &[("name", name), ("hook", &shown(&hook))],
        ));
    }
    Ok(tf(lang, "hook.removed", &[("hook", &shown(&hook))]))
}

#[cfg(unix)]
fn make_executable(path: &Path, lang: Language) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| io_error(lang, "hook.cannot-chmod", path, e))
}

#[cfg(not(unix))]
fn make_executable(_: &Path, _: Language) -> Result<(), String> {
    Ok(())
}

/// Quotes a string for POSIX sh.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The hook script in English. `fallback` is the gonogo that installed it, used when none is
/// on PATH.
pub fn script(name: &str, gate: &str, fallback: Option<&Path>) -> String {
    script_in(name, gate, fallback, Language::En)
}

/// The hook script with its comments and printed lines in `lang`.
pub fn script_in(name: &str, gate: &str, fallback: Option<&Path>, lang: Language) -> String {
    let (checks, args, verb) = if name == "pre-push" {
        ("hook.script-checks-push", "check --quiet", "push")
    } else {
        (
            "hook.script-checks-commit",
            "check --staged --quiet",
            "commit",
        )
    };
    let header = t(lang, "hook.script-header");
    let checks = tf(lang, checks, &[("gate", gate)]);
    let skip = tf(lang, "hook.script-skip", &[("verb", verb)]);
    // Printed by sh inside double quotes: `$0` and `${gonogo:+…}` are meant; nothing else may
    // expand, so a catalogue text never runs a command.
    let plain = |key| t(lang, key).replace(['`', '"', '\\', '$'], "'");
    let missing = plain("hook.script-missing").replace(
        "{where}",
        &format!("${{gonogo:+ {} $gonogo}}", plain("hook.script-nor-at")),
    );
    let install = t(lang, "hook.script-install").replace(['`', '"', '\\'], "'");
    let fallback = fallback
        .map(|p| sh_quote(&p.to_string_lossy()))
        .unwrap_or_else(|| "''".into());
    format!(
        r#"#!/bin/sh
{MARKER} ({name}) — {header}
# {checks}
# {skip}
chained="$(dirname "$0")/{name}{CHAINED_SUFFIX}"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi
if command -v gonogo >/dev/null 2>&1; then
    gonogo=gonogo
else
    gonogo={fallback}
    if [ -z "$gonogo" ] || [ ! -x "$gonogo" ]; then
        echo "gonogo hook: {missing}" >&2
        echo "gonogo hook: {install}" >&2
        exit 0
    fi
fi
exec "$gonogo" {args} --gate '{gate}'
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_is_marked_and_quotes_the_fallback() {
        let s = script("pre-commit", "merge", Some(Path::new("/opt/it's/gonogo")));
        assert!(s.starts_with("#!/bin/sh\n# gonogo hook v1 (pre-commit)"));
        assert!(is_ours(&s));
        assert!(s.contains(r"gonogo='/opt/it'\''s/gonogo'"));
        assert!(s.contains("exec \"$gonogo\" check --staged --quiet --gate 'merge'"));
        let p = script("pre-push", "merge", None);
        assert!(p.contains("exec \"$gonogo\" check --quiet --gate 'merge'"));
        assert!(p.contains("pre-push.gonogo-chained"));
        assert!(!is_ours("#!/bin/sh\nexec make lint\n"));
    }
}
