fn main() -> std::process::ExitCode {
    gonogo::diagnostics::install_panic_report();
    // Controls run on rayon's threads: give them room beyond the 2 MiB default for parsers the
    // depth limits (`gonogo::support::limits`) do not reach. Fails only if a pool exists already.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(32 << 20)
        .build_global();
    match std::panic::catch_unwind(gonogo::commands::main) {
        Ok(code) => code,
        // The hook has printed the report; a panic is never a decision.
        Err(_) => std::process::ExitCode::from(gonogo::diagnostics::EXIT_ERROR),
    }
}
