//! A write that failed, as the author needs to hear it: what went wrong (disk full,
//! read-only, no permission), at which path, that the previous output is untouched, and what
//! to do about it.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Span};

/// An I/O error with the path it happened at (std's errors do not carry one).
#[derive(Debug)]
pub struct PathError {
    pub path: PathBuf,
    pub source: io::Error,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.path.display(), self.source)
    }
}

impl std::error::Error for PathError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// `e`, remembering `path`; the kind is kept so callers can still match on it.
pub fn with_path(e: io::Error, path: &Path) -> io::Error {
    if e.get_ref().is_some_and(|r| r.is::<PathError>()) {
        return e;
    }
    io::Error::new(
        e.kind(),
        PathError {
            path: path.to_path_buf(),
            source: e,
        },
    )
}

/// Runs an I/O step on `path`, naming the path in its error.
pub fn at<T>(path: &Path, step: impl FnOnce(&Path) -> io::Result<T>) -> io::Result<T> {
    step(path).map_err(|e| with_path(e, path))
}

/// What kind of failure it was, in words, and how to fix that kind.
fn explain(kind: io::ErrorKind) -> (&'static str, &'static str) {
    match kind {
        io::ErrorKind::StorageFull => (
            "磁盘已满",
            "清理输出文件夹所在的磁盘（构建时需要再放得下一份完整的网站），或用 --out 换到空间足够的磁盘",
        ),
        io::ErrorKind::ReadOnlyFilesystem => (
            "所在的磁盘是只读的",
            "换一个可写的输出文件夹（--out），或把这块磁盘重新以可写方式挂载；U 盘请检查写保护开关",
        ),
        io::ErrorKind::PermissionDenied => (
            "没有写入权限",
            "用有权限的账号运行，或改一下输出文件夹和它上一级文件夹的权限，或用 --out 换一个自己的文件夹",
        ),
        _ => (
            "写入失败",
            "检查输出文件夹所在的磁盘是否可用、是否被别的程序占用，再重新构建",
        ),
    }
}

/// The diagnostic for a failed write of the output folder `out`.
pub fn diagnostic(out: &Path, e: &io::Error) -> Diagnostic {
    let (what, fix) = explain(e.kind());
    let (path, cause) = match e.get_ref().and_then(|r| r.downcast_ref::<PathError>()) {
        Some(p) => (p.path.clone(), p.source.to_string()),
        None => (out.to_path_buf(), e.to_string()),
    };
    Diagnostic::error(
        "io",
        out,
        Span::file_start(),
        format!(
            "无法写入输出文件夹：{what}，写 {} 时失败（{cause}）",
            path.display()
        ),
    )
    .with_hint(format!(
        "上一次构建的输出 {} 没有改动，未完成的临时文件已删除。{fix}",
        out.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_kind_path_and_fix() {
        let e = with_path(
            io::Error::new(io::ErrorKind::StorageFull, "No space left on device"),
            Path::new("/mnt/.public.tmp-1/a/index.html"),
        );
        let d = diagnostic(Path::new("/mnt/public"), &e);
        assert!(d.message.contains("磁盘已满"), "{}", d.message);
        assert!(d.message.contains("/mnt/.public.tmp-1/a/index.html"));
        let hint = d.hint.unwrap();
        assert!(hint.contains("没有改动") && hint.contains("清理"), "{hint}");
    }

    #[test]
    fn each_kind_has_its_words() {
        for (kind, words) in [
            (io::ErrorKind::ReadOnlyFilesystem, "只读"),
            (io::ErrorKind::PermissionDenied, "没有写入权限"),
            (io::ErrorKind::Other, "写入失败"),
        ] {
            let d = diagnostic(Path::new("out"), &io::Error::new(kind, "x"));
            assert!(d.message.contains(words), "{}", d.message);
            assert!(d.message.contains("out"));
        }
    }

    #[test]
    fn the_first_path_is_kept() {
        let e = with_path(io::Error::other("x"), Path::new("inner"));
        let e = with_path(e, Path::new("outer"));
        let p = e.get_ref().unwrap().downcast_ref::<PathError>().unwrap();
        assert_eq!(p.path, Path::new("inner"));
    }
}
