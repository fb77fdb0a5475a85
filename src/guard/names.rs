//! Paths written into the output folder: each must stay inside it (no `..`, no absolute path,
//! no drive letter, no backslash) and be a file name every system accepts, since a site built
//! on Linux is often copied to a Windows share or unpacked by a school's Windows server.

use std::path::Path;

use crate::diag::{Diagnostic, Span};

/// Why a path cannot be written into the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    Empty,
    /// `.` or `..`.
    Dots(String),
    Absolute,
    /// `C:` or `C:\…`.
    DriveLetter,
    Backslash,
    /// A `/` inside what must be one name.
    Slash,
    Nul,
    /// Control characters and `< > : " | ? *`, which Windows refuses.
    BadChar(char),
    /// CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with or without an extension.
    Reserved(String),
    /// Windows drops a trailing dot or space, so `a.` and `a` would be the same file.
    TrailingDotOrSpace(String),
}

impl Unsafe {
    /// What is wrong, in words an author understands.
    pub fn describe(&self) -> String {
        match self {
            Unsafe::Empty => "路径里有空的部分（连续的 / 或开头结尾的 /）".into(),
            Unsafe::Dots(d) => format!("路径里有 `{d}`，会跳出输出文件夹"),
            Unsafe::Absolute => "是绝对路径，会写到输出文件夹外面".into(),
            Unsafe::DriveLetter => "带有盘符（如 C:），会写到输出文件夹外面".into(),
            Unsafe::Backslash => "含有反斜杠 \\，在 Windows 上会被当成文件夹分隔符".into(),
            Unsafe::Slash => "含有 /，会变成多层文件夹".into(),
            Unsafe::Nul => "含有空字符（NUL）".into(),
            Unsafe::BadChar(c) => format!("含有 Windows 不允许的字符 {c:?}"),
            Unsafe::Reserved(n) => {
                format!("`{n}` 是 Windows 的保留名，这样的文件在 Windows 上无法创建")
            }
            Unsafe::TrailingDotOrSpace(n) => {
                format!("`{n}` 以点或空格结尾，Windows 会把它和去掉结尾的名字当成同一个文件")
            }
        }
    }
}

/// Windows device names, reserved in every folder and with any extension.
const RESERVED: &[&str] = &["con", "prn", "aux", "nul"];

/// Whether `name` (a file or folder name, any case, any extension) is a Windows device name.
pub fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let lower = stem.to_ascii_lowercase();
    if RESERVED.contains(&lower.as_str()) {
        return true;
    }
    let numbered = lower
        .strip_prefix("com")
        .or_else(|| lower.strip_prefix("lpt"));
    numbered.is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
}

/// Checks one file or folder name.
pub fn check_segment(seg: &str) -> Result<(), Unsafe> {
    if seg.is_empty() {
        return Err(Unsafe::Empty);
    }
    if seg == "." || seg == ".." {
        return Err(Unsafe::Dots(seg.into()));
    }
    if seg.contains('\0') {
        return Err(Unsafe::Nul);
    }
    if seg.len() >= 2 && seg.as_bytes()[1] == b':' && seg.as_bytes()[0].is_ascii_alphabetic() {
        return Err(Unsafe::DriveLetter);
    }
    if seg.contains('\\') {
        return Err(Unsafe::Backslash);
    }
    if seg.contains('/') {
        return Err(Unsafe::Slash);
    }
    // A `matches!`, not a search of "<>:\"|?*" per character: this runs on every character of
    // every output path (70,000 names at 1,000 lessons).
    if let Some(c) = seg
        .chars()
        .find(|&c| c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Err(Unsafe::BadChar(c));
    }
    if is_reserved(seg) {
        return Err(Unsafe::Reserved(seg.into()));
    }
    if seg.ends_with('.') || seg.ends_with(' ') {
        return Err(Unsafe::TrailingDotOrSpace(seg.into()));
    }
    Ok(())
}

/// Checks a `/`-separated path relative to the output folder. A trailing `/` (a folder URL)
/// is allowed.
pub fn check_relative(path: &str) -> Result<(), Unsafe> {
    if path.starts_with('/') || path.starts_with('\\') {
        return Err(Unsafe::Absolute);
    }
    let body = path.strip_suffix('/').unwrap_or(path);
    body.split('/').try_for_each(check_segment)
}

/// The last line of defence: whatever made them, no output is written outside the output
/// folder or under a name some system cannot hold. Each problem names the output path.
pub fn check_outputs<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
    paths
        .into_iter()
        .filter_map(|path| {
            check_relative(path).err().map(|why| {
                Diagnostic::error(
                    "unsafe-path",
                    Path::new(&path.replace('\0', "\\0")),
                    Span::file_start(),
                    format!("要写入的输出文件路径不安全：{}", why.describe()),
                )
                .with_hint(
                    "给生成这个文件的源文件、文件夹或主题文件改个名字：只用字母、数字、汉字、- 和 _",
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_refused() {
        for (path, why) in [
            ("../x", Unsafe::Dots("..".into())),
            ("a/../../x", Unsafe::Dots("..".into())),
            ("a/./x", Unsafe::Dots(".".into())),
            ("/etc/passwd", Unsafe::Absolute),
            ("\\\\server\\x", Unsafe::Absolute),
            ("C:\\Windows", Unsafe::DriveLetter),
            ("c:x", Unsafe::DriveLetter),
            ("a\\..\\x", Unsafe::Backslash),
            ("a\0b", Unsafe::Nul),
            ("a//b", Unsafe::Empty),
            ("", Unsafe::Empty),
        ] {
            assert_eq!(check_relative(path), Err(why), "{path:?}");
        }
    }

    #[test]
    fn windows_names_are_refused() {
        for name in [
            "CON",
            "con",
            "nul.txt",
            "Aux.tar.gz",
            "com1",
            "LPT9.png",
            "prn ",
        ] {
            assert!(
                matches!(check_segment(name), Err(Unsafe::Reserved(_))),
                "{name}"
            );
        }
        for name in ["console", "com10", "lpt0", "auxiliary.md", "nullable"] {
            assert_eq!(check_segment(name), Ok(()), "{name}");
        }
        assert!(matches!(
            check_segment("a."),
            Err(Unsafe::TrailingDotOrSpace(_))
        ));
        assert!(matches!(
            check_segment("a "),
            Err(Unsafe::TrailingDotOrSpace(_))
        ));
        assert_eq!(check_segment("a?b"), Err(Unsafe::BadChar('?')));
        assert_eq!(check_segment("../x"), Err(Unsafe::Slash));
        assert_eq!(check_segment("a\u{7}"), Err(Unsafe::BadChar('\u{7}')));
    }

    #[test]
    fn ordinary_outputs_pass() {
        for path in [
            "index.html",
            "primary/developmental/adaptation/hello/index.html",
            "schools/gulou/static/parents.css",
            "parents/",
            ".yuxin-output",
            "课程/说明.pdf",
        ] {
            assert_eq!(check_relative(path), Ok(()), "{path}");
        }
    }

    #[test]
    fn check_outputs_names_the_bad_one() {
        let diags = check_outputs(["ok.html", "../evil.html"]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].file, Path::new("../evil.html"));
        assert!(diags[0].message.contains(".."), "{}", diags[0].message);
    }
}
