//! One way to report a problem: a [`Diagnostic`] names a file and a place in it, says what is
//! wrong and how to fix it. Loading, checking, building and (later) serve's overlay all use it.

mod frame;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use frame::code_frame;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a file: 1-based line and column (in characters), and how many characters to
/// underline. A whole-file problem points at 1:1 with a zero length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

impl Span {
    pub fn new(line: usize, column: usize, len: usize) -> Self {
        Span { line, column, len }
    }
    /// The start of a file, for problems with the file as a whole (its path, its encoding).
    pub fn file_start() -> Self {
        Span::new(1, 1, 0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the project root, with `/` separators, as the author sees it.
    pub file: PathBuf,
    pub span: Span,
    pub severity: Severity,
    /// Stable id of the rule, e.g. `unknown-key`, usable in `allow:`.
    pub lint: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(lint: &'static str, file: &Path, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            span,
            severity: Severity::Error,
            lint,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        lint: &'static str,
        file: &Path,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(lint, file, span, message)
        }
    }

    /// A problem with the command itself (an argument, a port, the terminal), not with a file
    /// of the project: it names no place, and [`render_human`](Self::render_human) shows no
    /// location line.
    pub fn general(severity: Severity, lint: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: PathBuf::new(),
            span: Span::default(),
            severity,
            lint,
            message: message.into(),
            hint: None,
        }
    }

    /// Whether this names no file (see [`general`](Self::general)).
    pub fn is_general(&self) -> bool {
        self.file.as_os_str().is_empty() && self.span == Span::default()
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col`, the form editors and terminals turn into a link.
    pub fn location(&self) -> String {
        format!(
            "{}:{}:{}",
            display_path(&self.file),
            self.span.line,
            self.span.column
        )
    }

    /// The human form: a headline, the location, a code frame from `source` when the file
    /// could be read, and the hint. A [`general`](Self::general) problem is a headline
    /// without the lint id, and the hint.
    pub fn render_human(&self, source: Option<&str>) -> String {
        let label = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        if self.is_general() {
            let mut out = format!("{label}：{}\n", self.message);
            if let Some(hint) = &self.hint {
                let _ = writeln!(out, "  = 提示：{hint}");
            }
            return out;
        }
        let mut out = format!(
            "{label}[{}]: {}\n  --> {}\n",
            self.lint,
            self.message,
            self.location()
        );
        if let Some(text) = source
            && self.span.line > 0
            && self.span != Span::file_start()
        {
            out.push_str(&code_frame(text, self.span));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = 提示：{hint}");
        }
        out
    }
}

/// Paths in messages always use `/`, whatever the platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: usize,
    column: usize,
    severity: Severity,
    lint: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// `--format json`: an array with one object per diagnostic.
pub fn to_json(diags: &[Diagnostic]) -> String {
    let rows: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            file: display_path(&d.file),
            line: d.span.line,
            column: d.span.column,
            severity: d.severity,
            lint: d.lint,
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("diagnostics serialise")
}

/// Sorted by file, then place, so output is stable whatever order the threads finished in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.file, a.span, &a.message).cmp(&(&b.file, b.span, &b.message)));
}

/// At most this many problems are listed for one file (see [`cap_per_file`]).
pub const MAX_PER_FILE: usize = 100;

/// Keeps the first `max` diagnostics of each file (of sorted `diags`) and replaces the rest
/// with one that says how many were left out: a hostile or broken file (100,000 broken links)
/// must not bury the report, or take minutes to print. The summary is an error when any left
/// out was, so the exit code stays the same.
pub fn cap_per_file(diags: &mut Vec<Diagnostic>, max: usize) {
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diags.len().min(4096));
    let mut dropped: Option<(usize, Severity)> = None;
    let mut shown = 0;
    for d in std::mem::take(diags) {
        if kept.last().is_some_and(|k| k.file != d.file) {
            flush_dropped(&mut kept, &mut dropped, max);
            shown = 0;
        }
        if shown < max {
            shown += 1;
            kept.push(d);
        } else {
            let (n, severity) = dropped.get_or_insert((0, Severity::Warning));
            *n += 1;
            *severity = (*severity).max(d.severity);
        }
    }
    flush_dropped(&mut kept, &mut dropped, max);
    *diags = kept;
}

fn flush_dropped(kept: &mut Vec<Diagnostic>, dropped: &mut Option<(usize, Severity)>, max: usize) {
    let (Some((n, severity)), Some(last)) = (dropped.take(), kept.last()) else {
        return;
    };
    let file = last.file.clone();
    kept.push(Diagnostic {
        severity,
        ..Diagnostic::error(
            "too-many-problems",
            &file,
            Span::file_start(),
            format!("这个文件还有 {n} 个问题没有列出（每个文件最多列出 {max} 个）"),
        )
        .with_hint("先改好上面列出的问题，再运行 yuxin check 看其余的")
    });
}

pub fn count(diags: &[Diagnostic], severity: Severity) -> usize {
    diags.iter().filter(|d| d.severity == severity).count()
}

/// "Did you mean": the closest candidate when it is close enough to be a likely typo.
pub fn suggest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&input_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| {
            let longest = input.chars().count().max(c.chars().count());
            *distance <= (longest / 3).max(1)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_spellings_only() {
        let keys = ["title", "duration", "objectives", "grades"];
        assert_eq!(suggest("duraton", keys), Some("duration"));
        assert_eq!(suggest("Titel", keys), Some("title"));
        assert_eq!(suggest("colour", keys), None);
        assert_eq!(
            suggest("环境适用", ["环境适应", "认知生命"]),
            Some("环境适应")
        );
    }

    #[test]
    fn a_general_problem_names_no_place() {
        let d = Diagnostic::general(Severity::Error, "usage", "端口 1111 已被占用")
            .with_hint("用 --port 换一个端口");
        assert!(d.is_general());
        assert_eq!(
            d.render_human(None),
            "错误：端口 1111 已被占用\n  = 提示：用 --port 换一个端口\n"
        );
        let w = Diagnostic::general(Severity::Warning, "serve", "无法打开浏览器");
        assert_eq!(w.render_human(Some("ignored")), "警告：无法打开浏览器\n");
    }

    #[test]
    fn human_form_has_location_frame_and_hint() {
        let d = Diagnostic::error(
            "unknown-key",
            Path::new("a/b.md"),
            Span::new(2, 1, 7),
            "未知字段",
        )
        .with_hint("是不是想写 duration");
        let text = d.render_human(Some("---\nduraton: 40\n---\n"));
        assert!(text.contains("a/b.md:2:1"), "{text}");
        assert!(text.contains("2 | duraton: 40"), "{text}");
        assert!(text.contains("^^^^^^^"), "{text}");
        assert!(text.contains("提示：是不是想写 duration"), "{text}");
    }

    #[test]
    fn many_problems_in_one_file_are_capped_keeping_errors_counted() {
        let at = |file: &str, line, severity| Diagnostic {
            severity,
            ..Diagnostic::warning("x", Path::new(file), Span::new(line, 1, 1), "m")
        };
        let mut diags: Vec<Diagnostic> =
            (1..=5).map(|l| at("a.md", l, Severity::Warning)).collect();
        diags.push(at("a.md", 6, Severity::Error));
        diags.push(at("b.md", 1, Severity::Warning));
        cap_per_file(&mut diags, 3);
        let summary: Vec<_> = diags
            .iter()
            .map(|d| (d.file.to_str().unwrap(), d.lint))
            .collect();
        assert_eq!(
            summary,
            [
                ("a.md", "x"),
                ("a.md", "x"),
                ("a.md", "x"),
                ("a.md", "too-many-problems"),
                ("b.md", "x")
            ]
        );
        assert_eq!(diags[3].severity, Severity::Error);
        assert!(
            diags[3].message.contains("还有 3 个问题"),
            "{}",
            diags[3].message
        );
    }

    #[test]
    fn json_has_the_documented_fields() {
        let d = Diagnostic::warning("x", Path::new("f.md"), Span::new(3, 4, 1), "m");
        let v: serde_json::Value = serde_json::from_str(&to_json(&[d])).unwrap();
        let o = &v[0];
        assert_eq!(o["file"], "f.md");
        assert_eq!(o["line"], 3);
        assert_eq!(o["column"], 4);
        assert_eq!(o["severity"], "warning");
        assert_eq!(o["lint"], "x");
        assert_eq!(o["message"], "m");
        assert!(o["hint"].is_null());
    }
}
