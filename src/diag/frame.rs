//! Code frames: the offending line with its neighbour and a caret underline, aligned by
//! display width so that Chinese text (two columns a character) lines up.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use super::Span;

/// At most this many characters of a line are shown: a frame of a minified or pasted line
/// of megabytes would drown the message.
const WINDOW: usize = 120;

/// The line of `span` and the one before it, with `^` under the spanned characters.
pub fn code_frame(text: &str, span: Span) -> String {
    let skip = span.line.saturating_sub(2);
    let mut near = text.lines().skip(skip);
    let (prev, line) = if span.line >= 2 {
        (near.next(), near.next())
    } else {
        (None, near.next())
    };
    let Some(line) = line.filter(|_| span.line >= 1) else {
        return String::new();
    };
    let gutter = span.line.to_string().len();
    let mut out = format!("{:gutter$} |\n", "");
    if let Some(prev) = prev
        && !prev.trim().is_empty()
    {
        let (prev, _) = window(prev, 1);
        let _ = writeln!(out, "{:>gutter$} | {}", span.line - 1, clean(&prev));
    }
    let (line, column) = window(line, span.column);
    let _ = writeln!(out, "{:>gutter$} | {}", span.line, clean(&line));
    let (pad, width) = underline(&line, column, span.len);
    let _ = writeln!(
        out,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(pad),
        "^".repeat(width.max(1))
    );
    out
}

/// A long line cut to [`WINDOW`] characters around `column` (marked with `…` where cut),
/// and the column within the cut line.
fn window(line: &str, column: usize) -> (String, usize) {
    if line.len() <= WINDOW {
        return (line.to_string(), column);
    }
    let count = line.chars().count();
    if count <= WINDOW {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WINDOW / 2).min(count - WINDOW);
    let mut cut: String = line.chars().skip(start).take(WINDOW).collect();
    let mut column = column - start;
    if start > 0 {
        cut.insert(0, '…');
        column += 1;
    }
    if start + WINDOW < count {
        cut.push('…');
    }
    (cut, column)
}

/// Tabs would misalign the caret; a BOM or CR is invisible noise; other control characters
/// (NUL, escape sequences) must not reach the terminal.
fn clean(line: &str) -> String {
    line.trim_start_matches('\u{feff}')
        .trim_end_matches('\r')
        .chars()
        .map(|c| match c {
            '\t' => "    ".to_string(),
            c if c.is_control() => '\u{fffd}'.to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn char_width(c: char) -> usize {
    match c {
        '\t' => 4,
        c if c.is_control() => 1,
        c => c.width().unwrap_or(0),
    }
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
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}坏{}", "a".repeat(5000), "b".repeat(5000));
        let frame = code_frame(&line, Span::new(1, 5001, 1));
        assert!(frame.len() < 600, "{}", frame.len());
        let shown = frame.lines().nth(1).unwrap();
        let caret = frame.lines().last().unwrap();
        assert!(
            shown.starts_with("1 | …a") && shown.ends_with("b…"),
            "{shown}"
        );
        let at = shown.find('坏').unwrap();
        assert_eq!(caret.find('^').unwrap(), shown[..at].chars().count());
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let frame = code_frame("a\0b\x1b[31mc\n", Span::new(1, 2, 1));
        assert!(!frame.contains(['\0', '\x1b']), "{frame:?}");
        assert!(frame.contains("a\u{fffd}b\u{fffd}[31mc"), "{frame:?}");
    }

    #[test]
    fn out_of_range_line_gives_no_frame() {
        assert_eq!(code_frame("x\n", Span::new(9, 1, 1)), "");
    }
}
