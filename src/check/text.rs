//! A document's source text as lints read it: lines with their numbers, front-matter keys,
//! and the places an author marked as counter-examples.

use std::ops::Range;

use crate::diag::Span;

/// The normalised text of one Markdown file.
pub struct File<'a> {
    /// The whole text, for searches that can rule out a lint for the file at once.
    pub text: &'a str,
    pub lines: Vec<&'a str>,
    /// 1-based line of the closing `---` of the front matter; 0 when there is none.
    front_end: usize,
    /// [`File::prose`], worked out once: three lints read it.
    prose: std::cell::OnceCell<Vec<(usize, &'a str)>>,
}

impl<'a> File<'a> {
    pub fn new(text: &'a str) -> File<'a> {
        let lines = lines(text);
        let front_end = if lines.first().is_some_and(|l| l.trim_end() == "---") {
            lines
                .iter()
                .skip(1)
                .position(|l| matches!(l.trim_end(), "---" | "..."))
                .map_or(0, |i| i + 2)
        } else {
            0
        };
        File {
            text,
            lines,
            front_end,
            prose: std::cell::OnceCell::new(),
        }
    }

    /// Whether a line after the front matter holds `needle` (reads the file, not the
    /// document's body, which is freed once rendered).
    pub fn body_contains(&self, needle: &str) -> bool {
        self.lines
            .get(self.front_end..)
            .unwrap_or(&[])
            .iter()
            .any(|l| l.contains(needle))
    }

    /// `(line number, text)` of every line, 1-based.
    pub fn numbered(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.lines.iter().enumerate().map(|(i, l)| (i + 1, *l))
    }

    /// The body's lines outside fenced code blocks (quiz and answer blocks included: they
    /// are text readers see), with their numbers.
    pub fn body(&self) -> Vec<(usize, &'a str)> {
        let mut fence: Option<&str> = None;
        let mut out = Vec::new();
        for (n, line) in self.numbered().skip(self.front_end) {
            let t = line.trim_start();
            let marker = if t.starts_with("```") {
                Some("```")
            } else if t.starts_with("~~~") {
                Some("~~~")
            } else {
                None
            };
            match (fence, marker) {
                (None, Some(m)) => {
                    let info = t.trim_start_matches(m).trim();
                    let prose = info.starts_with("quiz") || info.starts_with("answer");
                    fence = Some(if prose { "prose" } else { m });
                    continue;
                }
                (Some(_), Some(_)) => {
                    fence = None;
                    continue;
                }
                _ => {}
            }
            if fence.is_none() || fence == Some("prose") {
                out.push((n, line));
            }
        }
        out
    }

    /// What readers see: the `title:` and `summary:` lines of the front matter, then the body.
    pub fn prose(&self) -> &[(usize, &'a str)] {
        // The keys' names, looked up once per process rather than twice per front-matter line
        // of every file (a Vec each time: half of this function's instructions, callgrind).
        static SHOWN: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        let names = SHOWN.get_or_init(|| {
            let mut names = crate::load::fields::names("title");
            names.extend(crate::load::fields::names("summary"));
            names
        });
        self.prose.get_or_init(|| {
            let shown = (1..self.front_end)
                .filter(|&i| {
                    let line = self.lines[i];
                    (names.iter()).any(|n| line.strip_prefix(n).is_some_and(|r| r.starts_with(':')))
                })
                .map(|i| (i + 1, self.lines[i]));
            shown.chain(self.body()).collect()
        })
    }

    /// The span of a top-level front-matter key (`duration:`), when it is there.
    /// The key may be written under any of its names (`duration:` or `时长:`).
    pub fn key(&self, key: &str) -> Option<Span> {
        (1..self.front_end).find_map(|i| {
            key_name(self.lines[i], key).map(|n| Span::new(i + 1, 1, n.chars().count()))
        })
    }

    /// Where to point at a problem with the document as a whole: its `title:` line.
    pub fn title(&self) -> Span {
        self.key("title").unwrap_or(Span::new(1, 1, 0))
    }
}

/// The name `line` writes the front-matter key `key` under, when the line starts with it.
fn key_name(line: &str, key: &str) -> Option<&'static str> {
    crate::load::fields::names(key)
        .into_iter()
        .find(|n| line.strip_prefix(n).is_some_and(|r| r.starts_with(':')))
}

/// The byte ranges of `~~struck~~` text on a line: an author's counter-example ("don't say
/// this"), which renders crossed out and is not flagged by the word lints.
pub fn struck(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Most lines have no `~` at all: a byte search is much cheaper than a substring search.
    if !line.contains('~') {
        return out;
    }
    let mut rest = 0;
    while let Some(open) = line[rest..].find("~~") {
        let start = rest + open + 2;
        match line[start..].find("~~") {
            Some(close) => {
                out.push(start..start + close);
                rest = start + close + 2;
            }
            None => break,
        }
    }
    out
}

/// Phrases that introduce what not to say: quoted text after them is a counter-example.
const NOT_TO_SAY: &[&str] = &[
    "不说",
    "不把",
    "避免",
    "不要",
    "别说",
    "不称",
    "不叫",
    "禁止",
    "切忌",
    "而不是",
    "有人说",
    "常听到",
    "误区",
    "不当",
    "不用“",
    "不用\"",
    "不再说",
    "叫你",
    "叫他",
    "叫她",
    "被叫",
    "被人叫",
    "骂你",
    "骂他",
    "骂她",
    "喊你",
    "称为",
    "说你是",
    "外号",
    "起绰号",
    "不贴",
    "不给",
    "说自己是",
    "自称",
    "不能定义",
];

/// The byte ranges of an author's counter-examples on a line: `~~struck~~` text, and text in
/// quotes after a phrase like 避免说 or 不把 (`不说“他是刺头”`).
pub fn counter_examples(line: &str) -> Vec<Range<usize>> {
    let mut out = struck(line);
    let Some(cue) = NOT_TO_SAY.iter().filter_map(|c| line.find(c)).min() else {
        return out;
    };
    let mut rest = cue;
    while let Some(open) = line[rest..].find(['“', '"', '「']) {
        let start = rest + open + line[rest + open..].chars().next().map_or(1, char::len_utf8);
        match line[start..].find(['”', '"', '」']) {
            Some(close) => {
                out.push(start..start + close);
                let closing = line[start + close..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                rest = start + close + closing;
            }
            None => break,
        }
    }
    out
}

/// 1-based column (in characters) of byte offset `at` in `line`.
pub fn column(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

/// The span of `needle` found at byte `at` of `line`, on line `n`.
pub fn span_at(n: usize, line: &str, at: usize, needle: &str) -> Span {
    Span::new(n, column(line, at), needle.chars().count())
}

/// `text.lines()`, found with the `memchr` crate's vector search for `\n`: the standard
/// library's is a word at a time, and every file's lines are split once more here.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 32);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        out.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        // The last line has no `\n`, so a `\r` at its end is its own, as for `str::lines`.
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "a\r\r\n",
            "\r\n",
            "甲\n\n乙\r\n丙\r",
        ] {
            assert_eq!(lines(text), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn keys_titles_and_body_lines() {
        let f = File::new(
            "---\ntitle: 甲\nduration: 40\n---\n正文\n```\ncode 1\n```\n```quiz\n? 问\n```\n",
        );
        assert_eq!(f.key("duration"), Some(Span::new(3, 1, 8)));
        assert_eq!(f.title(), Span::new(2, 1, 5));
        assert_eq!(f.key("objectives"), None);
        let body: Vec<usize> = f.body().iter().map(|(n, _)| *n).collect();
        assert_eq!(body, [5, 10]);
        let prose: Vec<usize> = f.prose().iter().map(|(n, _)| *n).collect();
        assert_eq!(prose, [2, 5, 10]);
    }

    #[test]
    fn quoted_counter_examples_after_a_cue() {
        let line = "不说“他就是不合群”“他是刺头”，不给孩子贴标签";
        let ranges = counter_examples(line);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&line[ranges[1].clone()], "他是刺头");
        assert!(counter_examples("他说“你是刺头”").is_empty());
        let two = "不要说“你就是个差生”，而要说“这道题我们再试一次”。";
        assert_eq!(counter_examples(two).len(), 2);
    }

    #[test]
    fn struck_text_is_found() {
        let line = "避免说：~~差生~~、~~问题学生~~，~~未闭合";
        let ranges = struck(line);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&line[ranges[0].clone()], "差生");
        assert_eq!(&line[ranges[1].clone()], "问题学生");
        assert_eq!(column(line, line.find("差生").unwrap()), 7);
    }
}
