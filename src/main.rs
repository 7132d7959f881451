fn main() -> std::process::ExitCode {
    gonogo::cli::install_panic_report();
    match std::panic::catch_unwind(gonogo::cli::main) {
        Ok(code) => code,
        // The hook has printed the report; a panic is never a decision.
        Err(_) => std::process::ExitCode::from(gonogo::cli::EXIT_ERROR),
    }
}
