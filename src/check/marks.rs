//! Which trigger words each line of a file holds, found in one pass over the file.
//!
//! Every per-line lint needs some word on a line before it can fire there: a name cue, a
//! round-the-clock claim, a disorder, a word of a list. Scanning the file once per lint and
//! once more per line was most of `check`'s time (callgrind: 1.3 G of 1.7 G instructions on
//! 1,000 lessons). One automaton over every lint's trigger words scans the file once; each
//! lint then looks only at the lines marked with its group.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

/// One bit per group of trigger words.
pub type Bits = u128;

/// The groups of the lints written in code; the phrase rules and word lists take the bits
/// after [`FIRST_FREE`].
pub mod group {
    use super::Bits;
    /// Words around a real-looking name: 岁, 同学, 姓名, 年级, …
    pub const NAME: Bits = 1 << 0;
    /// A real-name note, an age, a student number, a grade: a name's details.
    pub const NAME_DETAIL: Bits = 1 << 10;
    /// A cue before a name: 我叫, 姓名：.
    pub const NAME_CUE: Bits = 1 << 11;
    /// A title after a name: 同学, 小朋友.
    pub const NAME_TITLE: Bits = 1 << 12;
    /// WeChat and QQ cues.
    pub const SOCIAL: Bits = 1 << 1;
    /// Words that start a home address.
    pub const HOME: Bits = 1 << 2;
    /// `班`: a class, before a name.
    pub const CLASS: Bits = 1 << 3;
    /// `@`: an e-mail address.
    pub const AT: Bits = 1 << 4;
    /// A digit, ASCII or full-width.
    pub const DIGIT: Bits = 1 << 5;
    /// A claim of round-the-clock service.
    pub const CLAIM: Bits = 1 << 6;
    /// An emergency.
    pub const DANGER: Bits = 1 << 7;
    /// A word of the labelling list.
    pub const LABEL_WORD: Bits = 1 << 8;
    /// A phrase of the safe-messaging list.
    pub const SAFE_WORD: Bits = 1 << 9;
}

/// The first bit not taken by [`group`].
pub const FIRST_FREE: u32 = 13;

/// The full-width digits. ASCII digits are marked by a byte count instead of the automaton:
/// lessons are full of them (`5分钟`), and a match costs far more than a byte.
pub const WIDE_DIGITS: &[&str] = &["０", "１", "２", "３", "４", "５", "６", "７", "８", "９"];

/// Every trigger word of every group, in one automaton.
pub struct Triggers {
    finder: Option<DFA>,
    /// The groups of each word, by pattern id.
    bits: Vec<Bits>,
}

/// Collects the groups' words; a word in several groups is one pattern with all their bits.
#[derive(Default)]
pub struct Builder {
    words: Vec<String>,
    bits: Vec<Bits>,
    index: HashMap<String, usize>,
}

impl Builder {
    /// Adds `words` to the groups `bits`. An empty word would mark every line: it is left out,
    /// and so the group it is in must not rely on it.
    pub fn add<I, S>(&mut self, bits: Bits, words: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for w in words {
            let w = w.as_ref();
            if w.is_empty() {
                continue;
            }
            match self.index.get(w) {
                Some(&i) => self.bits[i] |= bits,
                None => {
                    self.index.insert(w.to_string(), self.words.len());
                    self.words.push(w.to_string());
                    self.bits.push(bits);
                }
            }
        }
        self
    }

    pub fn build(self) -> Triggers {
        // Standard semantics: a state holds every word ending there, overlapping ones too
        // (`班` inside `班主任`), so each word marks its line. A full DFA stepped byte by byte
        // (see `Triggers::marks`): Chinese words share their first bytes, so a prefilter
        // skips little, and the search iterators cost more per match than the step.
        let finder = DFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&self.words)
            .ok();
        Triggers {
            finder,
            bits: self.bits,
        }
    }
}

impl Triggers {
    /// The groups on each of `lines`: `text.lines()`.
    pub fn marks(&self, text: &str, lines: &[&str]) -> Marks {
        let mut marks = Marks {
            lines: vec![0; lines.len()],
            all: 0,
        };
        let Some(dfa) = &self.finder else {
            return marks;
        };
        let Ok(mut state) = dfa.start_state(Anchored::No) else {
            return marks;
        };
        // `lines` are `text` split at each `\n` (a `\r` before it stays out of the line, and
        // no word holds either), so a line's marks are the bits seen up to its `\n`.
        let mut line = 0;
        let mut bits: Bits = 0;
        for &b in text.as_bytes() {
            if b == b'\n' {
                if let Some(slot) = marks.lines.get_mut(line) {
                    *slot |= bits;
                }
                marks.all |= bits;
                line += 1;
                bits = 0;
                continue;
            }
            if b.is_ascii_digit() {
                bits |= group::DIGIT;
            }
            state = dfa.next_state(Anchored::No, state, b);
            if dfa.is_special(state) && dfa.is_match(state) {
                for i in 0..dfa.match_len(state) {
                    bits |= self.bits[dfa.match_pattern(state, i).as_usize()];
                }
            }
        }
        if let Some(slot) = marks.lines.get_mut(line) {
            *slot |= bits;
        }
        marks.all |= bits;
        marks
    }
}

/// The groups each line of a file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Marks {
    lines: Vec<Bits>,
    all: Bits,
}

impl Marks {
    /// Every group on every line: what a lint sees when nothing is ruled out (unit tests of
    /// one lint, which test its logic; the prefilter is tested against the corpus).
    #[cfg(test)]
    pub fn everything(lines: usize) -> Marks {
        Marks {
            lines: vec![Bits::MAX; lines],
            all: Bits::MAX,
        }
    }

    /// Whether line `n` (1-based) holds a word of each group in `bits`.
    pub fn line(&self, n: usize, bits: Bits) -> bool {
        n.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .is_some_and(|&l| l & bits == bits)
    }

    /// Whether line `n` (1-based) holds a word of any group in `bits`.
    pub fn line_any(&self, n: usize, bits: Bits) -> bool {
        n.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .is_some_and(|&l| l & bits != 0)
    }

    /// Whether the file holds a word of each group in `bits` (not necessarily on one line).
    pub fn all(&self, bits: Bits) -> bool {
        self.all & bits == bits
    }

    /// Whether the file holds a word of any group in `bits`.
    pub fn any(&self, bits: Bits) -> bool {
        self.all & bits != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_marked_with_the_groups_of_its_words() {
        let mut b = Builder::default();
        b.add(1, ["班", "同学"]).add(2, ["班主任"]).add(4, [""]);
        let triggers = b.build();
        let text = "班主任说\n没有\r\n同学们好";
        let lines: Vec<&str> = text.lines().collect();
        let marks = triggers.marks(text, &lines);
        assert!(marks.line(1, 1 | 2), "班 inside 班主任 too");
        assert!(!marks.line_any(2, Bits::MAX));
        assert!(marks.line(3, 1) && !marks.line(3, 2));
        assert!(marks.any(2) && !marks.any(4), "an empty word marks nothing");
        assert!(!marks.line(4, 1), "no such line");
    }
}
