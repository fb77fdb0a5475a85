//! Byte offsets in a body to file lines and columns, for messages.

use std::cell::OnceCell;

use crate::diag::Span;

/// Byte offsets in the body to file lines. The line starts are found on the first question:
/// most pages have nothing to report, and need no line numbers at all.
pub(super) struct LineIndex<'a> {
    text: &'a str,
    starts: OnceCell<Vec<usize>>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str, first_line: usize) -> Self {
        LineIndex {
            text,
            starts: OnceCell::new(),
            first_line,
        }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The index of the line `offset` is on, from 0.
    fn line_index(&self, offset: usize) -> usize {
        self.starts()
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.line_index(offset) + self.first_line
    }

    /// The place of `needle` at or after `offset`, falling back to `offset` itself.
    pub(super) fn span(&self, offset: usize, needle: &str) -> Span {
        let line_idx = self.line_index(offset);
        let line_start = self.starts()[line_idx];
        let at = self
            .text
            .get(offset..)
            .and_then(|rest| rest.find(needle))
            .map_or(offset, |i| offset + i);
        let column = self
            .text
            .get(line_start..at)
            .map_or(0, |t| t.chars().count())
            + 1;
        Span::new(line_idx + self.first_line, column, needle.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_the_first_line() {
        let lines = LineIndex::new("一\n二三 [x](y)\n", 5);
        assert_eq!(lines.line_of(0), 5);
        assert_eq!(lines.line_of(4), 6);
        assert_eq!(lines.span(4, "(y)"), Span::new(6, 7, 3));
        assert_eq!(lines.span(4, "missing"), Span::new(6, 1, 7));
    }
}
