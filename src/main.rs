// mimalloc: a build allocates and frees many small strings and values from every thread at
// once (template values, Markdown events); the system allocator spent a tenth of the build's
// time on them and fragmented the heap across threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    yuxin::cmd::run()
}
