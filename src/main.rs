fn main() -> std::process::ExitCode {
    gonogo::cli::main()
}
