//! `gonogo hook install|uninstall`: a git hook for repositories that do not use the pre-commit
//! framework. The hook is a small POSIX sh script carrying a marker line; gonogo never replaces
//! a hook without that marker unless told to (`--force`), and then keeps it and runs it first.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::commands::{EXIT_ERROR, EXIT_GO};

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
}

#[derive(Debug, Args)]
pub struct UninstallArgs {
    /// The repository (any folder inside it).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Remove the pre-push hook instead of the pre-commit hook.
    #[arg(long)]
    pub pre_push: bool,
}

pub fn run(command: HookCommand) -> u8 {
    let result = match command {
        HookCommand::Install(args) => install(&args),
        HookCommand::Uninstall(args) => uninstall(&args.path, hook_name(args.pre_push)),
    };
    match result {
        // Paths come from `core.hooksPath` and the file system: shown escaped.
        Ok(message) => {
            println!("{}", crate::support::escape::block(&message));
            EXIT_GO
        }
        Err(message) => {
            eprintln!("error: {}", crate::support::escape::block(&message));
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

fn open(path: &Path) -> Result<git2::Repository, String> {
    git2::Repository::discover(path).map_err(|e| {
        format!(
            "{} is not in a git repository: {}",
            path.display(),
            e.message()
        )
    })
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

fn install(args: &InstallArgs) -> Result<String, String> {
    let repo = open(&args.path)?;
    let name = hook_name(args.pre_push);
    let dir = hooks_dir(&repo);
    let hook = dir.join(name);
    let chained = dir.join(format!("{name}{CHAINED_SUFFIX}"));
    let gate = args
        .gate
        .clone()
        .unwrap_or_else(|| default_gate(&repo, args.pre_push));
    if gate.is_empty() || gate.contains(['\'', '\n', '\r']) {
        return Err(format!("`{gate}` is not a gate name"));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut kept = false;
    match std::fs::read(&hook) {
        Ok(bytes) if is_ours(&String::from_utf8_lossy(&bytes)) => {}
        Ok(_) if !args.force => {
            return Err(format!(
                "{} exists and was not written by gonogo; remove it, or run `gonogo hook install{} --force` \
                 to keep it as {} and run it before gonogo",
                hook.display(),
                if args.pre_push { " --pre-push" } else { "" },
                chained.display()
            ));
        }
        Ok(_) => {
            if chained.exists() {
                return Err(format!(
                    "{} exists already; gonogo keeps only one earlier hook — merge the two by hand",
                    chained.display()
                ));
            }
            std::fs::rename(&hook, &chained).map_err(|e| {
                format!(
                    "cannot move {} to {}: {e}",
                    hook.display(),
                    chained.display()
                )
            })?;
            kept = true;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read {}: {e}", hook.display())),
    }
    let fallback = std::env::current_exe().ok();
    let text = script(name, &gate, fallback.as_deref());
    std::fs::write(&hook, text).map_err(|e| format!("cannot write {}: {e}", hook.display()))?;
    make_executable(&hook)?;
    let mut message = format!(
        "installed {} (gate `{gate}`; `git {} --no-verify` skips it once)",
        hook.display(),
        if args.pre_push { "push" } else { "commit" }
    );
    if kept || chained.exists() {
        message.push_str(&format!(
            "\nthe earlier hook is kept as {} and runs first; its failure stops the {}",
            chained.display(),
            if args.pre_push { "push" } else { "commit" }
        ));
    }
    Ok(message)
}

fn uninstall(path: &Path, name: &str) -> Result<String, String> {
    let repo = open(path)?;
    let dir = hooks_dir(&repo);
    let hook = dir.join(name);
    let chained = dir.join(format!("{name}{CHAINED_SUFFIX}"));
    match std::fs::read(&hook) {
        Ok(bytes) if is_ours(&String::from_utf8_lossy(&bytes)) => {}
        Ok(_) => {
            return Err(format!(
                "{} was not written by gonogo; left as it is",
                hook.display()
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(format!(
                "no {name} hook in {}; nothing to do",
                dir.display()
            ));
        }
        Err(e) => return Err(format!("cannot read {}: {e}", hook.display())),
    }
    std::fs::remove_file(&hook).map_err(|e| format!("cannot remove {}: {e}", hook.display()))?;
    if chained.exists() {
        std::fs::rename(&chained, &hook).map_err(|e| {
            format!(
                "cannot move {} back to {}: {e}",
                chained.display(),
                hook.display()
            )
        })?;
        return Ok(format!(
            "removed gonogo's {name} hook; restored the earlier hook {}",
            hook.display()
        ));
    }
    Ok(format!("removed {}", hook.display()))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("cannot make {} executable: {e}", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), String> {
    Ok(())
}

/// Quotes a string for POSIX sh.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The hook script. `fallback` is the gonogo that installed it, used when none is on PATH.
pub fn script(name: &str, gate: &str, fallback: Option<&Path>) -> String {
    let (what, args, verb) = if name == "pre-push" {
        ("HEAD", "check --quiet", "push")
    } else {
        ("the index", "check --staged --quiet", "commit")
    };
    let fallback = fallback
        .map(|p| sh_quote(&p.to_string_lossy()))
        .unwrap_or_else(|| "''".into());
    format!(
        r#"#!/bin/sh
{MARKER} ({name}) — written by `gonogo hook install`; `gonogo hook uninstall` removes it.
# Checks {what} at gate `{gate}`: NO-GO (exit 1) or an error (exit 2) stops the {verb};
# `git {verb} --no-verify` skips this hook once.
chained="$(dirname "$0")/{name}{CHAINED_SUFFIX}"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi
if command -v gonogo >/dev/null 2>&1; then
    gonogo=gonogo
else
    gonogo={fallback}
    if [ -z "$gonogo" ] || [ ! -x "$gonogo" ]; then
        echo "gonogo hook: gonogo is not on PATH${{gonogo:+ nor at $gonogo}}; the check was SKIPPED." >&2
        echo "gonogo hook: install it (cargo install --path <gonogo checkout>) or remove $0." >&2
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
