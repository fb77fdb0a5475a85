fn main() -> std::process::ExitCode {
    yuxin::cmd::run()
}
