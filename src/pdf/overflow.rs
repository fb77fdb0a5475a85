//! `print-overflow`: a printed part that still spills past its pages after tightening, reported
//! at the end of its file (where the lines to cut are) with how many lines spill.

use std::path::Path;

use super::SheetFit;
use super::cache::Manifest;
use crate::config::lints::Level;
use crate::diag::{Diagnostic, Severity, Span};
use crate::emit::print::PdfJob;
use crate::model::Curriculum;

pub const LINT: &str = "print-overflow";

/// The warnings of every sheet that still spills, each from the one PDF that owns it (a part's
/// own print view, else its kit's), with the project's level and the file's `allow:` applied.
pub fn diagnostics(
    model: &Curriculum,
    root: &Path,
    jobs: &[PdfJob],
    made: &Manifest,
) -> Vec<Diagnostic> {
    let severity = match model.config.lints.level(LINT) {
        Some(Level::Off) => return Vec::new(),
        Some(Level::Error) => Severity::Error,
        _ => Severity::Warning,
    };
    let mut out = Vec::new();
    for job in jobs {
        let Some(entry) = made.get(&job.pdf) else {
            continue;
        };
        for sheet in entry.printed.sheets.iter().filter(|s| s.spill > 0) {
            if !job.owns.contains(&sheet.url) {
                continue;
            }
            let Some(doc) = model.documents.iter().find(|d| d.url == sheet.url) else {
                continue;
            };
            if doc.allow.iter().any(|a| a == LINT) {
                continue;
            }
            let text = std::fs::read_to_string(root.join(&doc.source)).unwrap_or_default();
            let mut d = warning(&doc.source, &text, &doc.title, sheet, doc.details.pages);
            d.severity = severity;
            out.push(d);
        }
    }
    out
}

/// The warning for one sheet of the file `source` (whose text is `text`).
pub fn warning(
    source: &Path,
    text: &str,
    title: &str,
    sheet: &SheetFit,
    asked: Option<u32>,
) -> Diagnostic {
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .last()
        .map_or(1, |(i, _)| i + 1);
    let want = match asked {
        Some(n) => format!(" pages: {n} 要求的 {n} 页"),
        None => format!(" {} 页", sheet.target),
    };
    let message = format!(
        "《{title}》打印出来要 {} 页，比{want}多出约 {} 行；收紧行距、答题线和字号之后还是放不下",
        sheet.natural, sheet.spill
    );
    let hint = format!(
        "删掉或缩短约 {} 行：合并短段落、减少答题框的行数（```answer 3```）、压缩表格或列表；\
         内容本来就需要多一页时，可以用单独一行的 `【换页】` 分页{}，或在 allow: 里写 {LINT}",
        sheet.spill,
        if asked.is_some() {
            "、放宽 pages:"
        } else {
            "、用 pages: 写明页数"
        }
    );
    Diagnostic::warning(LINT, source, Span::new(line, 1, 0), message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(natural: u32, target: u32, spill: u32) -> SheetFit {
        SheetFit {
            url: "a/".into(),
            natural,
            pages: natural,
            target,
            level: 0,
            dropped: 0,
            spill,
        }
    }

    #[test]
    fn the_warning_sits_at_the_last_line_and_says_how_much_to_cut() {
        let text = "---\ntitle: 单\n---\n\n正文\n\n最后一行\n\n";
        let d = warning(Path::new("a.md"), text, "单", &sheet(2, 1, 3), None);
        assert_eq!(d.lint, "print-overflow");
        assert_eq!(d.span.line, 7);
        assert!(
            d.message.contains("2 页") && d.message.contains("1 页"),
            "{}",
            d.message
        );
        assert!(d.message.contains("约 3 行"), "{}", d.message);
        assert!(d.hint.as_deref().unwrap().contains("约 3 行"));
        let asked = warning(Path::new("a.md"), text, "单", &sheet(3, 2, 30), Some(2));
        assert!(asked.message.contains("pages: 2"), "{}", asked.message);
    }
}
