//! Crashes and injected faults.
//!
//! A panic in one emitter (a bug in yuxin, not in the content) is caught and becomes an
//! `internal-error` diagnostic naming the emitter, so the build stops before anything is
//! written and the previous output stays as it was.
//!
//! Debug builds (`cargo build`, `cargo test`) also read `YUXIN_FAULT`, a comma-separated list
//! of faults to inject, so the tests can exercise every failure on any machine, root or not:
//!
//! - `write-fail:N:full|readonly|denied`: the Nth file write of the build fails with a full
//!   disk, a read-only file system or a permission error;
//! - `write-hang:N`: the Nth file write never returns (a test then kills the process);
//! - `swap-hang`: hangs after the old output was moved aside, before the new one is moved in;
//! - `panic:EMITTER`: the emitter named `EMITTER` (e.g. `teacher-site`) panics, from a worker
//!   thread as a real bug in a parallel emitter would; `panic:analyse` panics while analysing.
//!
//! Release builds ignore the variable: the hooks compile to nothing.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

use crate::diag::{Diagnostic, Span};

/// The environment variable debug builds read their faults from.
pub const ENV: &str = "YUXIN_FAULT";

/// One injected fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    FailWrite { nth: usize, kind: WriteFault },
    HangWrite { nth: usize },
    HangSwap,
    Panic { stage: String },
}

/// The failure an injected write error imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFault {
    Full,
    ReadOnly,
    Denied,
}

impl WriteFault {
    fn error(self) -> io::Error {
        let (kind, text) = match self {
            WriteFault::Full => (io::ErrorKind::StorageFull, "No space left on device"),
            WriteFault::ReadOnly => (io::ErrorKind::ReadOnlyFilesystem, "Read-only file system"),
            WriteFault::Denied => (io::ErrorKind::PermissionDenied, "Permission denied"),
        };
        io::Error::new(kind, format!("{text} (injected by {ENV})"))
    }
}

/// Reads a `YUXIN_FAULT` value; unknown items are ignored.
pub fn parse(text: &str) -> Vec<Fault> {
    text.split(',')
        .filter_map(|item| {
            let parts: Vec<&str> = item.trim().split(':').collect();
            match parts.as_slice() {
                ["write-fail", n, kind] => Some(Fault::FailWrite {
                    nth: n.parse().ok()?,
                    kind: match *kind {
                        "full" => WriteFault::Full,
                        "readonly" => WriteFault::ReadOnly,
                        "denied" => WriteFault::Denied,
                        _ => return None,
                    },
                }),
                ["write-hang", n] => Some(Fault::HangWrite {
                    nth: n.parse().ok()?,
                }),
                ["swap-hang"] => Some(Fault::HangSwap),
                ["panic", stage] => Some(Fault::Panic {
                    stage: stage.to_string(),
                }),
                _ => None,
            }
        })
        .collect()
}

#[cfg(debug_assertions)]
fn faults() -> &'static [Fault] {
    static FAULTS: std::sync::OnceLock<Vec<Fault>> = std::sync::OnceLock::new();
    FAULTS.get_or_init(|| std::env::var(ENV).map(|v| parse(&v)).unwrap_or_default())
}

#[cfg(not(debug_assertions))]
fn faults() -> &'static [Fault] {
    &[]
}

fn hang() -> ! {
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

/// Files written so far, for `write-fail:N` and `write-hang:N`.
static WRITES: AtomicUsize = AtomicUsize::new(0);

/// Writes one file of a build; an error names the path (see [`super::write_error`]).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let n = WRITES.fetch_add(1, Ordering::SeqCst) + 1;
    for fault in faults() {
        match fault {
            Fault::FailWrite { nth, kind } if *nth == n => {
                return Err(super::write_error::with_path(kind.error(), path));
            }
            Fault::HangWrite { nth } if *nth == n => hang(),
            _ => {}
        }
    }
    std::fs::write(path, bytes).map_err(|e| super::write_error::with_path(e, path))
}

/// Called between the two renames of the swap.
pub fn swap_point() {
    if faults().contains(&Fault::HangSwap) {
        hang();
    }
}

/// Panics (from a rayon worker) when the faults ask for it at `stage`.
fn inject_panic(stage: &str) {
    let wanted = faults()
        .iter()
        .any(|f| matches!(f, Fault::Panic { stage: s } if s == stage));
    if wanted {
        use rayon::prelude::*;
        (0..4).into_par_iter().for_each(|i| {
            if i == 3 {
                panic!("{ENV}: injected panic in {stage}");
            }
        });
    }
}

/// How many [`catch`]es are running: while any is, panics are recorded instead of printed
/// (they are reported as a Chinese diagnostic instead).
static CATCHING: AtomicUsize = AtomicUsize::new(0);
/// The last caught panic's message and place.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.load(Ordering::SeqCst) == 0 {
                return previous(info);
            }
            let message = payload_text(info.payload());
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(format!("{message}（{place}）"));
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知的崩溃".into())
}

/// Runs `stage` (an emitter's name, or `analyse`), turning a panic into an `internal-error`
/// diagnostic that names the stage and asks for a bug report.
pub fn catch<T>(stage: &str, run: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    install_hook();
    CATCHING.fetch_add(1, Ordering::SeqCst);
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        inject_panic(stage);
        run()
    }));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| {
        let detail = LAST_PANIC
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| payload_text(payload.as_ref()));
        crash(stage, &detail)
    })
}

/// [`catch`] for an emitter: a crash is one more error of the build.
pub fn emitter<T>(
    name: &str,
    run: impl FnOnce() -> Result<T, Vec<Diagnostic>>,
) -> Result<T, Vec<Diagnostic>> {
    catch(name, run).unwrap_or_else(|d| Err(vec![d]))
}

fn crash(stage: &str, detail: &str) -> Diagnostic {
    Diagnostic::error(
        "internal-error",
        Path::new(&format!("<{stage}>")),
        Span::file_start(),
        format!("内部错误：yuxin 的「{stage}」部分崩溃了：{detail}"),
    )
    .with_hint(format!(
        "这是 yuxin 的程序错误，不是你的内容写错了。上一次构建的输出没有改动。请把这段信息（以及 `yuxin --version` 和触发它的文件）报告给维护者；在修好之前，可以暂时移走最近改动的文件再试。阶段：{stage}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_fault_list() {
        assert_eq!(
            parse("write-fail:3:full, write-hang:7,swap-hang,panic:assets,bogus,write-fail:x:full"),
            vec![
                Fault::FailWrite {
                    nth: 3,
                    kind: WriteFault::Full
                },
                Fault::HangWrite { nth: 7 },
                Fault::HangSwap,
                Fault::Panic {
                    stage: "assets".into()
                },
            ]
        );
    }

    #[test]
    fn a_panic_becomes_a_diagnostic_naming_the_stage() {
        let d = catch("teacher-site", || -> u8 {
            use rayon::prelude::*;
            (0..8)
                .into_par_iter()
                .for_each(|i| assert!(i < 7, "boom {i}"));
            0
        })
        .unwrap_err();
        assert_eq!(d.lint, "internal-error");
        assert!(d.message.contains("teacher-site"), "{}", d.message);
        assert!(d.message.contains("boom 7"), "{}", d.message);
        assert!(d.hint.unwrap().contains("报告"));
    }

    #[test]
    fn no_panic_passes_through() {
        assert_eq!(catch("x", || 5).unwrap(), 5);
        assert_eq!(emitter("x", || Ok::<_, Vec<Diagnostic>>(1)).unwrap(), 1);
    }
}
