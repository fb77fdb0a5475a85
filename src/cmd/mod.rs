//! The command line: a thin layer that parses arguments and calls the pipeline.

mod build;
mod check;
mod init;
mod new;
mod pdf;
mod report;
mod school;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::{Diagnostic, Severity};

/// Exit codes (DESIGN.md): 0 ok, 1 content errors, 2 usage or I/O errors.
pub const OK: u8 = 0;
pub const CONTENT_ERROR: u8 = 1;
pub const USAGE_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "yuxin",
    version,
    about = "育心：把 Markdown 心理健康教育课程生成教案网站、班会材料、培训模块和家长学校"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 构建网站到 public/
    Build(build::Args),
    /// 检查内容，报告所有问题
    Check(check::Args),
    /// 本地预览：边写边看，保存后浏览器自动刷新
    Serve(serve::Args),
    /// 新建一篇文档（教案、班会、培训、微课、页面）
    New(new::Args),
    /// 课程覆盖报告：覆盖、课型、班会、培训课时
    Report(report::Args),
    /// 新建一个项目
    Init(init::Args),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Writes a command's result to stdout. A reader that stops early (`yuxin check --format json
/// | head`) closes the pipe: that is not an error, and `println!` would panic on it.
pub fn stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::New(args) => new::run(args),
        Command::Report(args) => report::run(args),
        Command::Init(args) => init::run(args),
    };
    ExitCode::from(code)
}

/// A problem with how the command was called or with the machine (an argument, a folder, a
/// file it could not write), not with the project's content: exit code [`USAGE_ERROR`].
fn usage(lint: &'static str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::general(Severity::Error, lint, message)
}

/// Prints a problem that stops the command and returns [`USAGE_ERROR`].
fn fail(problem: &Diagnostic) -> u8 {
    eprint!("{}", problem.render_human(None));
    USAGE_ERROR
}

/// `--root`, or the nearest folder upward holding `yuxin.yaml`.
fn find_root(explicit: Option<PathBuf>) -> Result<PathBuf, u8> {
    if let Some(root) = explicit {
        if root.join(crate::config::FILE_NAME).is_file() {
            return Ok(root);
        }
        return Err(fail(
            &usage("usage", format!("{} 里没有 yuxin.yaml", root.display()))
                .with_hint("--root 要指向项目文件夹（有 yuxin.yaml 的那个）"),
        ));
    }
    let cwd = std::env::current_dir()
        .map_err(|e| fail(&usage("io", format!("无法读取当前文件夹：{e}"))))?;
    match cwd
        .ancestors()
        .find(|d| d.join(crate::config::FILE_NAME).is_file())
    {
        Some(root) => Ok(root.to_path_buf()),
        None => Err(fail(
            &usage(
                "usage",
                format!("在 {} 及其上级文件夹里都没有找到 yuxin.yaml", cwd.display()),
            )
            .with_hint("进入项目文件夹再运行，或用 --root 指明；新项目用 `yuxin init 文件夹`"),
        )),
    }
}

/// Prints diagnostics to stderr with code frames taken from `sources` (or read from disk).
fn print_diagnostics(
    root: &Path,
    diags: &[Diagnostic],
    sources: &std::collections::HashMap<PathBuf, String>,
) {
    for d in diags {
        // A whole-file problem shows no code frame: do not read the file (it may be a link
        // out of the project, or a device that never ends). Borrowed: cloning a large source
        // for each of its diagnostics is quadratic.
        let whole_file = d.span == crate::diag::Span::file_start();
        let text = sources
            .get(&d.file)
            .map(|t| std::borrow::Cow::Borrowed(t.as_str()))
            .or_else(|| {
                if whole_file {
                    return None;
                }
                // Bounded: the file may be the one refused for its size.
                crate::load::read_text(root, &d.file)
                    .ok()
                    .map(std::borrow::Cow::Owned)
            });
        eprintln!("{}", d.render_human(text.as_deref()));
    }
}

fn tally(diags: &[Diagnostic]) -> String {
    let errors = crate::diag::count(diags, Severity::Error);
    let warnings = crate::diag::count(diags, Severity::Warning);
    format!("{errors} 个错误，{warnings} 个警告")
}
