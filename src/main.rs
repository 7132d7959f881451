fn main() -> std::process::ExitCode {
    // One malloc arena for all threads (glibc gives each thread its own, up to 8 per core): what
    // the main thread freed is then reused by the controls on rayon's threads instead of every
    // arena growing on its own. At 100,000 files the peak is 7-8 MiB lower (about 48 -> 40 MiB
    // for a HEAD check); the shared arena's lock costs a change-mode check about 4 % (12 ms).
    // Only for `check`: a scan checks several repositories at once, whose threads would then
    // wait on the one arena's lock (a forced scan of 50 repositories took 22 % longer).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .is_some_and(|command| command == "check")
    {
        // SAFETY: sets one tunable of the C allocator, before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
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
