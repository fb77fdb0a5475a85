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
    /// Each byte's class: a column of a row of the table.
    classes: [u16; 256],
    table: Table,
}

/// The transitions, one row of `stride` entries per state. An entry is the next state's row
/// start above the index of that state's set of groups in `groups` (see [`Entry`]): the step
/// and the groups come from one load, and the sets (176 for the built-in words) are a few
/// kilobytes that stay in L1, where a `u128` per state was 64 KB beside the 2 MB table.
enum Table {
    /// The built-in words: 4,000 states of 106 classes, and their sets, fit in 32 bits.
    Narrow {
        trans: Vec<u32>,
        groups: Box<[Bits; 256]>,
    },
    /// Word lists in `yuxin.yaml` long enough that they do not.
    Wide { trans: Vec<u64>, groups: Vec<Bits> },
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
        Triggers::with_width(words, bits, false)
    }

    /// [`Triggers::new`], with the wide table whether or not the narrow one would do (tests).
    fn with_width(words: &[String], bits: &[Bits], wide: bool) -> Triggers {
        let (classes, stride) = byte_classes(words);
        // The trie, as rows of premultiplied next states. Sized once for the most states the
        // words can make, so that the 2 MB table is neither copied as it grows nor faulted in
        // twice (only the rows written are touched).
        let most = 1 + words.iter().map(String::len).sum::<usize>();
        let mut trans: Vec<u32> = Vec::with_capacity(most * stride);
        trans.resize(stride, NONE);
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
            out[s / stride] |= b;
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
                    trans[fail[s / stride] as usize + c]
                };
                match trans[s + c] {
                    NONE => trans[s + c] = via_fail,
                    child => {
                        let child = child as usize;
                        fail[child / stride] = via_fail;
                        out[child / stride] |= out[via_fail as usize / stride];
                        queue.push_back(child);
                    }
                }
            }
        }
        // The distinct sets of groups (176 for the built-in words), the empty one first.
        let mut groups: Vec<Bits> = vec![0];
        let mut index: HashMap<Bits, u64> = HashMap::from([(0, 0)]);
        let group_of: Vec<u64> = (out.iter())
            .map(|&o| {
                *index.entry(o).or_insert_with(|| {
                    groups.push(o);
                    (groups.len() - 1) as u64
                })
            })
            .collect();
        let entry = |t: u32, bits: u32| (u64::from(t) << bits) | group_of[t as usize / stride];
        let narrow = groups.len() <= 1 << u32::GROUP_BITS
            && (trans.len() as u64) < 1 << (u32::BITS - u32::GROUP_BITS);
        let table = if narrow && !wide {
            for t in &mut trans {
                *t = entry(*t, u32::GROUP_BITS) as u32;
            }
            let mut all = Box::new([0; 256]);
            all[..groups.len()].copy_from_slice(&groups);
            Table::Narrow { trans, groups: all }
        } else {
            let trans = trans.iter().map(|&t| entry(t, u64::GROUP_BITS)).collect();
            Table::Wide { trans, groups }
        };
        Triggers { classes, table }
    }

    /// The groups on each of `lines`: `text.lines()`, so no line holds a `\n` (nor a `\r`
    /// before one), and no word either.
    pub fn marks(&self, lines: &[&str]) -> Marks {
        let mut marks = vec![0; lines.len()];
        match &self.table {
            Table::Narrow { trans, groups } => self.scan(trans, &**groups, lines, &mut marks),
            Table::Wide { trans, groups } => self.scan(trans, &groups[..], lines, &mut marks),
        }
        let all = marks.iter().fold(0, |all, m| all | m);
        Marks { lines: marks, all }
    }

    /// Marks `lines` as two runs of about as many bytes, stepped in turn: a step waits for
    /// the table load of the one before, and two independent runs keep the core busy through
    /// that wait (a third gains little). 10,000 lessons: 3.0 -> 2.0 ns a byte, alone on a core.
    fn scan<E, G>(&self, trans: &[E], groups: &G, lines: &[&str], marks: &mut [Bits])
    where
        E: Entry,
        G: std::ops::Index<usize, Output = Bits> + ?Sized,
    {
        let total: usize = lines.iter().map(|l| l.len()).sum();
        let mut seen = 0;
        let half = lines
            .iter()
            .position(|l| {
                seen += l.len();
                seen * 2 > total
            })
            .map_or(lines.len(), |i| i + 1);
        let (lines_a, lines_b) = lines.split_at(half);
        let (marks_a, marks_b) = marks.split_at_mut(half);
        let mut a = Run::new(lines_a, marks_a);
        let mut b = Run::new(lines_b, marks_b);
        let step = |state: &mut usize, found: &mut Bits, byte: u8| {
            let e = trans[*state + usize::from(self.classes[usize::from(byte)])];
            *state = e.state();
            *found |= groups[e.groups()];
        };
        while !a.rest.is_empty() && !b.rest.is_empty() {
            let n = a.rest.len().min(b.rest.len());
            let (mut sa, mut ga, mut sb, mut gb) = (a.state, a.groups, b.state, b.groups);
            for (&x, &y) in a.rest[..n].iter().zip(&b.rest[..n]) {
                step(&mut sa, &mut ga, x);
                step(&mut sb, &mut gb, y);
            }
            (a.state, a.groups, b.state, b.groups) = (sa, ga, sb, gb);
            a.advance(n);
            b.advance(n);
        }
        for run in [&mut a, &mut b] {
            while !run.rest.is_empty() {
                let (mut s, mut g) = (run.state, run.groups);
                for &x in run.rest {
                    step(&mut s, &mut g, x);
                }
                (run.state, run.groups) = (s, g);
                run.advance(run.rest.len());
            }
        }
    }

    /// The groups on each line, one line after another: what [`Triggers::marks`] must equal.
    #[cfg(test)]
    fn marks_one_by_one(&self, lines: &[&str]) -> Vec<Bits> {
        let step = |state: usize, byte: u8| -> (usize, Bits) {
            let class = usize::from(self.classes[usize::from(byte)]);
            match &self.table {
                Table::Narrow { trans, groups } => (
                    trans[state + class].state(),
                    groups[trans[state + class].groups()],
                ),
                Table::Wide { trans, groups } => (
                    trans[state + class].state(),
                    groups[trans[state + class].groups()],
                ),
            }
        };
        (lines.iter())
            .map(|line| {
                let (mut state, mut found) = (0, 0);
                for &b in line.as_bytes() {
                    let (next, groups) = step(state, b);
                    state = next;
                    found |= groups;
                }
                found
            })
            .collect()
    }
}

/// Each byte some word holds is its own class, every other byte is class 0, which leads back
/// to the start from every state. Returns the classes and their number. Bytes that start a
/// character come first and UTF-8 continuation bytes after them: a state between two
/// characters is only ever looked up at the first kind and a state inside one at the second,
/// so each state's columns in use sit together in fewer cache lines.
fn byte_classes(words: &[String]) -> ([u16; 256], usize) {
    let mut used = [false; 256];
    for w in words {
        for &b in w.as_bytes() {
            used[usize::from(b)] = true;
        }
    }
    let continuation = |b: usize| b & 0xC0 == 0x80;
    let order = (0..256)
        .filter(|&b| !continuation(b))
        .chain((0..256).filter(|&b| continuation(b)));
    let mut classes = [0u16; 256];
    let mut count = 1;
    for b in order.filter(|&b| used[b]) {
        classes[b] = count;
        count += 1;
    }
    (classes, usize::from(count))
}

/// An entry of [`Table`]: the next state's row start above `GROUP_BITS` bits of the index of
/// its set of groups. Both halves come out with a fixed shift or a truncation, and a narrow
/// entry's index, a byte, needs no bounds check in the 256 sets: the scan's loop is 30
/// instructions for two bytes, where a mask and a shift by a count held in a register made 38.
trait Entry: Copy {
    const GROUP_BITS: u32;
    fn state(self) -> usize;
    fn groups(self) -> usize;
}

impl Entry for u32 {
    const GROUP_BITS: u32 = 8;
    fn state(self) -> usize {
        (self >> Self::GROUP_BITS) as usize
    }
    fn groups(self) -> usize {
        usize::from(self as u8)
    }
}

impl Entry for u64 {
    const GROUP_BITS: u32 = 32;
    fn state(self) -> usize {
        (self >> Self::GROUP_BITS) as usize
    }
    fn groups(self) -> usize {
        self as u32 as usize
    }
}

/// The lines left to one run of [`Triggers::scan`], with its state in the line at hand.
struct Run<'t, 'm> {
    lines: std::slice::Iter<'t, &'t str>,
    marks: std::slice::IterMut<'m, Bits>,
    /// The bytes of the line at hand not yet stepped; empty once every line is marked.
    rest: &'t [u8],
    /// Where the line at hand's groups go.
    mark: Option<&'m mut Bits>,
    state: usize,
    groups: Bits,
}

impl<'t, 'm> Run<'t, 'm> {
    fn new(lines: &'t [&'t str], marks: &'m mut [Bits]) -> Self {
        let mut run = Run {
            lines: lines.iter(),
            marks: marks.iter_mut(),
            rest: &[],
            mark: None,
            state: 0,
            groups: 0,
        };
        run.next_line();
        run
    }

    /// Steps past `n` bytes of the line at hand; at its end, marks it and moves on.
    fn advance(&mut self, n: usize) {
        self.rest = &self.rest[n..];
        if self.rest.is_empty() {
            if let Some(mark) = self.mark.take() {
                *mark = self.groups;
            }
            self.state = 0;
            self.groups = 0;
            self.next_line();
        }
    }

    /// Moves to the next line with any bytes; empty lines keep their empty marks.
    fn next_line(&mut self) {
        for (line, mark) in self.lines.by_ref().zip(self.marks.by_ref()) {
            if !line.is_empty() {
                self.rest = line.as_bytes();
                self.mark = Some(mark);
                return;
            }
        }
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

    /// A line's groups are those of the words it contains, whichever way the table is built
    /// and however the lines split between the scan's two runs.
    #[test]
    fn marks_are_the_groups_of_the_words_each_line_contains() {
        let alphabet = [
            "班", "主", "任", "同", "学", "1", "２", "a", " ", "（", "é", "号", "\r",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let text = |len: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
            (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
        };
        let words: Vec<String> = (0..40).map(|_| text(1 + next(4), &mut next)).collect();
        let bits: Vec<Bits> = (0..40).map(|i| 1 << (i % 128)).collect();
        for wide in [false, true] {
            let triggers = Triggers::with_width(&words, &bits, wide);
            assert_eq!(matches!(triggers.table, Table::Wide { .. }), wide);
            for _ in 0..200 {
                let lines: Vec<String> = (0..next(9)).map(|_| text(next(30), &mut next)).collect();
                let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                let expected: Vec<Bits> = (lines.iter())
                    .map(|l| {
                        (words.iter().zip(&bits))
                            .filter(|(w, _)| l.contains(w.as_str()))
                            .fold(0, |all, (_, b)| all | b)
                    })
                    .collect();
                let marks = triggers.marks(&lines);
                assert_eq!(marks.lines, expected, "{lines:?}");
                assert_eq!(triggers.marks_one_by_one(&lines), expected);
                assert_eq!(marks.all, expected.iter().fold(0, |a, b| a | b));
            }
        }
    }
}
