//! Which trigger words each line of a file holds, found in one pass over the file.
//!
//! Every per-line lint needs some word on a line before it can fire there: a name cue, a
//! round-the-clock claim, a disorder, a word of a list. Scanning the file once per lint and
//! once more per line was most of `check`'s time (callgrind: 1.3 G of 1.7 G instructions on
//! 1,000 lessons). One automaton over every lint's trigger words scans the file once; each
//! lint then looks only at the lines marked with its group.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
    /// `男`, `女`: a sex after a name.
    pub const SEX: Bits = 1 << 13;
    /// `岁`: an age.
    pub const YEARS: Bits = 1 << 14;
    /// `学号`: a student number.
    pub const STUDENT_NO: Bits = 1 << 15;
    /// A grade, a college or a major (`初二`, `大一`, `学院`, `级`).
    pub const GRADE: Bits = 1 << 16;
    /// An opening bracket, full-width or not.
    pub const BRACKET: Bits = 1 << 17;
    /// A note giving the real name: `真名`, `本名`.
    pub const REAL_NAME: Bits = 1 << 18;
    /// An emergency.
    pub const DANGER: Bits = 1 << 7;
    /// A word of the labelling list.
    pub const LABEL_WORD: Bits = 1 << 8;
    /// A phrase of the safe-messaging list.
    pub const SAFE_WORD: Bits = 1 << 9;
}

/// The first bit not taken by [`group`].
pub const FIRST_FREE: u32 = 19;

/// The digits, ASCII and full-width. Lessons are full of them (`5分钟`); a word's end costs
/// the scan nothing more than any other step (see [`Triggers::marks`]).
pub const DIGITS: &[&str] = &[
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "０", "１", "２", "３", "４", "５", "６",
    "７", "８", "９",
];

/// Every trigger word of every group, in one automaton.
pub struct Triggers {
    /// Each byte's class: a column of [`Triggers::trans`].
    classes: [u16; 256],
    /// log2 of the row length (the number of classes, rounded up to a power of two).
    shift: u32,
    /// The next state of each state and class; states are numbered by their row's start.
    trans: Vec<u32>,
    /// The groups of the words that end in each state, by row.
    out: Vec<Bits>,
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

    /// The automaton over the words added. Built once per set of words and kept: `yuxin
    /// serve` makes a linter on every save, and the build is a tenth of a 1,000-lesson
    /// `check`'s scan (callgrind).
    pub fn build(self) -> Arc<Triggers> {
        static LAST: Mutex<Option<Built>> = Mutex::new(None);
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((words, bits, triggers)) = last.as_ref()
            && *words == self.words
            && *bits == self.bits
        {
            return Arc::clone(triggers);
        }
        let triggers = Arc::new(Triggers::new(&self.words, &self.bits));
        *last = Some((self.words, self.bits, Arc::clone(&triggers)));
        triggers
    }
}

/// The last automaton built, with the words and groups it was built from.
type Built = (Vec<String>, Vec<Bits>, Arc<Triggers>);

/// A transition to fill in once the trie is built.
const NONE: u32 = u32::MAX;

impl Triggers {
    /// An Aho-Corasick automaton as a full DFA whose every state holds the groups of the
    /// words ending there, suffixes included (`班` inside `班主任`). Written out rather than
    /// taken from `aho_corasick`: its DFA reports a match through calls per pattern, and on
    /// lesson text, where 孩子, 学生 or a digit end a word every few characters, those calls
    /// cost more than the steps; here a step ORs the state's groups in without a branch.
    fn new(words: &[String], bits: &[Bits]) -> Triggers {
        // Byte classes: each byte some word holds is its own class, every other byte is class
        // 0, which leads back to the start from every state.
        let mut classes = [0u16; 256];
        let mut count = 1usize;
        for w in words {
            for &b in w.as_bytes() {
                if classes[usize::from(b)] == 0 {
                    classes[usize::from(b)] = count as u16;
                    count += 1;
                }
            }
        }
        let shift = count.next_power_of_two().trailing_zeros();
        let stride = 1usize << shift;
        // The trie: state ids are premultiplied by the stride, so a step is one addition.
        let mut trans: Vec<u32> = vec![NONE; stride];
        let mut out: Vec<Bits> = vec![0];
        for (w, &b) in words.iter().zip(bits) {
            let mut s = 0usize;
            for &byte in w.as_bytes() {
                let slot = s + usize::from(classes[usize::from(byte)]);
                s = match trans[slot] {
                    NONE => {
                        let next = trans.len();
                        trans[slot] = next as u32;
                        trans.resize(next + stride, NONE);
                        out.push(0);
                        next
                    }
                    t => t as usize,
                };
            }
            out[s >> shift] |= b;
        }
        // Failure links, breadth first, filling each missing transition with the one of the
        // longest proper suffix that is a state, whose row is complete by then.
        let mut fail = vec![0u32; out.len()];
        let mut queue = std::collections::VecDeque::from([0usize]);
        while let Some(s) = queue.pop_front() {
            for c in 0..stride {
                let via_fail = if s == 0 {
                    0
                } else {
                    trans[fail[s >> shift] as usize + c]
                };
                match trans[s + c] {
                    NONE => trans[s + c] = via_fail,
                    child => {
                        let child = child as usize;
                        fail[child >> shift] = via_fail;
                        out[child >> shift] |= out[via_fail as usize >> shift];
                        queue.push_back(child);
                    }
                }
            }
        }
        Triggers {
            classes,
            shift,
            trans,
            out,
        }
    }

    /// The groups on each of `lines`: `text.lines()`, so no line holds a `\n` (nor a `\r`
    /// before one), and no word either.
    pub fn marks(&self, lines: &[&str]) -> Marks {
        let mut all: Bits = 0;
        let lines = (lines.iter())
            .map(|line| {
                let mut bits: Bits = 0;
                let mut state = 0usize;
                for &b in line.as_bytes() {
                    state = self.trans[state + usize::from(self.classes[usize::from(b)])] as usize;
                    bits |= self.out[state >> self.shift];
                }
                all |= bits;
                bits
            })
            .collect();
        Marks { lines, all }
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
        let marks = triggers.marks(&lines);
        assert!(marks.line(1, 1 | 2), "班 inside 班主任 too");
        assert!(!marks.line_any(2, Bits::MAX));
        assert!(marks.line(3, 1) && !marks.line(3, 2));
        assert!(marks.any(2) && !marks.any(4), "an empty word marks nothing");
        assert!(!marks.line(4, 1), "no such line");
    }
}
