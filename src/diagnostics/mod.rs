//! Errors for people: miette diagnostics rendered with every quoted text escaped (`safe`), the
//! exit codes (`exit`), and the report a panic prints. Every layer may use this module.

pub mod exit;
pub mod safe;

use std::io::IsTerminal;

pub use exit::{EXIT_ERROR, EXIT_GO, EXIT_NO_GO};

/// A panic prints a short report (version, where, how to file it) instead of a backtrace wall;
/// `main` turns it into exit code 2. `RUST_BACKTRACE=1` still shows the backtrace.
pub fn install_panic_report() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let message = crate::support::escape::text(&message);
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: gonogo {} hit an internal error{place}: {message}\n\
             This is a bug in gonogo, not in your repository or playbook. Please report it with the\n\
             command you ran and this message (issue tracker of the gonogo repository).\n\
             No decision was made (exit code 2).",
            env!("CARGO_PKG_VERSION")
        );
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            eprintln!("{}", std::backtrace::Backtrace::force_capture());
        }
    }));
}

pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints a diagnostic to stderr with miette's graphical handler; returns exit code 2.
pub fn report(diagnostic: &dyn miette::Diagnostic) -> u8 {
    eprint!("{}", render_diagnostic(diagnostic, stderr_color()));
    EXIT_ERROR
}

pub fn render_diagnostic(diagnostic: &dyn miette::Diagnostic, color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    // Messages quote names and values from the repository: shown escaped, like the reports.
    if handler
        .render_report(&mut out, &safe::Safe::new(diagnostic))
        .is_err()
    {
        out = format!(
            "error: {}\n",
            crate::support::escape::text(&diagnostic.to_string())
        );
    }
    out
}
