//! Code frames: the offending line with its neighbour and a caret underline, aligned by
//! display width so that Chinese text (two columns a character) lines up.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use super::Span;

/// The line of `span` and the one before it, with `^` under the spanned characters.
pub fn code_frame(text: &str, span: Span) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(line) = lines.get(span.line.saturating_sub(1)) else {
        return String::new();
    };
    let gutter = span.line.to_string().len();
    let mut out = format!("{:gutter$} |\n", "");
    if span.line >= 2
        && let Some(prev) = lines.get(span.line - 2)
        && !prev.trim().is_empty()
    {
        let _ = writeln!(out, "{:>gutter$} | {}", span.line - 1, clean(prev));
    }
    let _ = writeln!(out, "{:>gutter$} | {}", span.line, clean(line));
    let (pad, width) = underline(line, span.column, span.len);
    let _ = writeln!(
        out,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(pad),
        "^".repeat(width.max(1))
    );
    out
}

/// Tabs would misalign the caret; a BOM or CR is invisible noise.
fn clean(line: &str) -> String {
    line.trim_start_matches('\u{feff}')
        .trim_end_matches('\r')
        .replace('\t', "    ")
}

fn char_width(c: char) -> usize {
    if c == '\t' { 4 } else { c.width().unwrap_or(0) }
}

/// Display columns before the span, and the span's display width.
fn underline(line: &str, column: usize, len: usize) -> (usize, usize) {
    let chars: Vec<char> = line.trim_start_matches('\u{feff}').chars().collect();
    let start = column.saturating_sub(1).min(chars.len());
    let end = (start + len).min(chars.len());
    let pad = chars[..start].iter().map(|c| char_width(*c)).sum();
    let width = chars[start..end].iter().map(|c| char_width(*c)).sum();
    (pad, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlines_chinese_by_display_width() {
        let frame = code_frame("topic: 环境适用\n", Span::new(1, 8, 4));
        let caret_line = frame.lines().last().unwrap();
        assert_eq!(caret_line, "  |        ^^^^^^^^");
    }

    #[test]
    fn shows_previous_line_for_context() {
        let frame = code_frame("a: 1\nb: [\n", Span::new(2, 4, 1));
        assert!(frame.contains("1 | a: 1"));
        assert!(frame.contains("2 | b: ["));
    }

    #[test]
    fn out_of_range_line_gives_no_frame() {
        assert_eq!(code_frame("x\n", Span::new(9, 1, 1)), "");
    }
}
