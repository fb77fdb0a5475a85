//! Text-level touches: counting for reading time, fill-in blanks and writing lines.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event};

use super::Rendered;

/// Adds `text`'s Chinese characters and other words (runs of letters and digits) to `out`, and
/// tells whether the text has an underscore (so that [`blanks`] need not look again).
///
/// Called on every text event, so it avoids the Unicode tables for what Chinese text is made
/// of: ASCII, CJK ideographs and Chinese punctuation are classified by range; only other
/// characters ask `char::is_alphanumeric`. Counts are the same as asking it for every
/// character (see the tests).
pub(super) fn count_text(text: &str, out: &mut Rendered) -> bool {
    let bytes = text.as_bytes();
    let (mut cjk, mut words, mut in_word, mut underscore) = (0, 0, false, false);
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        let class = match lead {
            0..0x80 => {
                i += 1;
                underscore |= lead == b'_';
                if lead.is_ascii_alphanumeric() {
                    Class::Alphanumeric
                } else {
                    Class::Other
                }
            }
            // U+5000–U+9FFF: CJK ideographs all, most of what a Chinese text is made of; and
            // U+4000–U+4FFF but for U+4DC0–U+4DFF (Yijing hexagrams, second byte B7).
            0xE5..=0xE9 => {
                i += 3;
                Class::Cjk
            }
            0xE4 if bytes.get(i + 1) != Some(&0xB7) => {
                i += 3;
                Class::Cjk
            }
            _ => {
                // `i` is always at a character boundary: every arm steps over whole characters.
                let c = text[i..].chars().next().unwrap_or_default();
                i += c.len_utf8();
                classify(u32::from(c))
            }
        };
        match class {
            Class::Cjk => {
                cjk += 1;
                in_word = false;
            }
            Class::Alphanumeric => {
                words += usize::from(!in_word);
                in_word = true;
            }
            Class::Other => in_word = false,
        }
    }
    out.cjk_chars += cjk;
    out.words += words;
    underscore
}

enum Class {
    Cjk,
    Alphanumeric,
    Other,
}

fn classify(code: u32) -> Class {
    if is_cjk_code(code) {
        Class::Cjk
    } else if is_punctuation(code) {
        Class::Other
    } else if char::from_u32(code).is_some_and(char::is_alphanumeric) {
        Class::Alphanumeric
    } else {
        Class::Other
    }
}

/// General punctuation (`“”—…`), the punctuation of CJK Symbols and Punctuation (`。、《》`,
/// not `々〇`) and of Halfwidth and Fullwidth Forms (`，：！（）`, not `Ａ１`): none of it is
/// alphanumeric.
fn is_punctuation(code: u32) -> bool {
    matches!(
        code,
        0x2000..=0x206F
            | 0x3000..=0x3004
            | 0x3008..=0x3020
            | 0x302A..=0x3030
            | 0x3036..=0x3037
            | 0x303D..=0x303F
            | 0xFF00..=0xFF0F
            | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65
    )
}

fn is_cjk_code(code: u32) -> bool {
    matches!(code, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

/// A line of ten or more underscores (a thematic break to CommonMark) is a writing line.
pub(super) fn is_writing_line(source: &str) -> bool {
    let s = source.trim();
    s.len() >= 10 && s.chars().all(|c| c == '_')
}

/// Whether `text` has a run of four or more underscores: a fill-in blank.
pub(super) fn has_blank(text: &str) -> bool {
    text.contains("____")
}

/// Runs of four or more underscores inside text (`姓名：______`) become fill-in blanks: the
/// pieces go to `queue`. Only for text where [`has_blank`] holds.
pub(super) fn blanks<'a>(text: &str, queue: &mut VecDeque<Event<'a>>) {
    let mut rest: &str = text;
    while let Some(start) = rest.find("____") {
        let run = rest[start..].chars().take_while(|c| *c == '_').count();
        if start > 0 {
            queue.push_back(Event::Text(rest[..start].to_string().into()));
        }
        let width = (run as f32 * 0.6).clamp(3.0, 30.0);
        queue.push_back(Event::InlineHtml(
            format!("<span class=\"blank\" style=\"width:{width:.1}em\"></span>").into(),
        ));
        rest = &rest[start + run..];
    }
    if !rest.is_empty() {
        queue.push_back(Event::Text(rest.to_string().into()));
    }
}

/// A heading's text, as the reader sees it.
pub(super) fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let trimmed = text.trim();
    if trimmed.len() == text.len() {
        text
    } else {
        trimmed.to_string()
    }
}

/// Consecutive text events joined as one, so that `______` (six events to the parser, which
/// splits text at every possible emphasis delimiter) can be seen as one blank. Texts that lie
/// side by side in the body are joined without a copy.
pub(super) struct MergeText<'a, I: Iterator> {
    events: std::iter::Peekable<I>,
    body: &'a str,
}

impl<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>> MergeText<'a, I> {
    pub(super) fn new(events: I, body: &'a str) -> Self {
        MergeText {
            events: events.peekable(),
            body,
        }
    }

    /// Where `s` lies in the body, if it is a slice of it.
    fn place(&self, s: &str) -> Option<std::ops::Range<usize>> {
        let start = (s.as_ptr() as usize).checked_sub(self.body.as_ptr() as usize)?;
        let end = start + s.len();
        (end <= self.body.len()).then_some(start..end)
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>> Iterator for MergeText<'a, I> {
    type Item = (Event<'a>, std::ops::Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, mut range) = self.events.next()?;
        let Event::Text(first) = event else {
            return Some((event, range));
        };
        if !matches!(self.events.peek(), Some((Event::Text(_), _))) {
            return Some((Event::Text(first), range));
        }
        // Joined so far: a slice of the body while the pieces are adjacent there, else a copy.
        let mut slice = match &first {
            CowStr::Borrowed(s) => self.place(s),
            _ => None,
        };
        let mut owned: Option<String> = None;
        while let Some((Event::Text(next), next_range)) =
            self.events.next_if(|(e, _)| matches!(e, Event::Text(_)))
        {
            range.end = next_range.end;
            let follows = match (&slice, &next) {
                (Some(s), CowStr::Borrowed(n)) => self.place(n).filter(|n| n.start == s.end),
                _ => None,
            };
            if let (Some(s), Some(n)) = (&mut slice, follows) {
                s.end = n.end;
                continue;
            }
            let joined = owned.get_or_insert_with(|| match slice.take() {
                Some(s) => self.body[s].to_string(),
                None => first.to_string(),
            });
            joined.push_str(&next);
        }
        let text = match (owned, slice) {
            (Some(joined), _) => CowStr::from(joined),
            (None, Some(s)) => CowStr::Borrowed(&self.body[s]),
            (None, None) => first,
        };
        Some((Event::Text(text), range))
    }
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
