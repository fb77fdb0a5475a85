//! A fast path for the front matter nearly every document has: a block mapping of plain keys
//! to one-line scalars, flow lists (`grades: [一年级, 二年级]`), block lists of scalars
//! (`- "情绪管理"`) and nested mappings (`objectives:` with 认知/情感/行为).
//!
//! It builds exactly the tree serde-saphyr builds, values and spans alike, and returns `None`
//! for anything else or anything it is not sure of: the full parser then reads the text as
//! before, errors and their messages included. Why: at 10,000 lessons serde-saphyr was 12 % of
//! a build's CPU, and this reads the common case several times faster.
//! `tests/yaml_fast_path.rs` and the `front_matter` fuzz target check it against serde-saphyr.

use super::{Node, Value};
use crate::diag::Span;

/// Root mapping → nested mapping → list; anything deeper goes to serde-saphyr.
const MAX_DEPTH: usize = 3;
/// Far under serde-saphyr's budget ([`super::MAX_NODES`]): what the budget refuses, the fast
/// path never accepts.
const MAX_NODES: usize = 10_000;
/// Keys of one mapping: duplicates are looked for pair by pair, so this bounds that work.
const MAX_KEYS: usize = 128;
/// YAML limits an implicit key to 1024 characters; long keys are left to serde-saphyr.
const MAX_KEY_BYTES: usize = 256;

/// The tree serde-saphyr would build for `text` (whose first line is line `first_line` of
/// its file), or `None` when `text` is outside the subset read here.
pub fn parse(text: &str, first_line: usize) -> Option<Node> {
    if !plain_characters(text.as_bytes()) {
        return None;
    }
    let lines: Vec<Line> = (first_line..)
        .zip(text.split('\n'))
        .filter_map(|(no, text)| {
            let indent = text.len() - text.trim_start_matches(' ').len();
            let rest = &text[indent..];
            (!rest.is_empty() && !rest.starts_with('#')).then_some(Line { no, indent, text })
        })
        .collect();
    if lines.first()?.indent != 0 {
        return None;
    }
    let mut parser = Parser {
        lines,
        pos: 0,
        nodes: 0,
    };
    let root = parser.map(0, 1)?;
    (parser.pos == parser.lines.len()).then_some(root)
}

/// No tab, control character, BOM, non-character or Unicode line break anywhere: each has
/// rules of its own in YAML.
fn plain_characters(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let next = |n: usize| bytes.get(i + n).copied().unwrap_or(0);
        let bad = match bytes[i] {
            b'\n' | 0x20..=0x7e => false,
            0x00..=0x1f | 0x7f => true,
            // U+0080..U+009F: C1 controls, NEL among them.
            0xc2 => next(1) < 0xa0,
            // U+2028, U+2029: line and paragraph separators.
            0xe2 => next(1) == 0x80 && matches!(next(2), 0xa8 | 0xa9),
            // U+FEFF (BOM), U+FFFE, U+FFFF.
            0xef => matches!((next(1), next(2)), (0xbb, 0xbf) | (0xbf, 0xbe | 0xbf)),
            _ => false,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

/// A line that is neither blank nor only a comment.
#[derive(Clone, Copy)]
struct Line<'a> {
    /// Line number in the file.
    no: usize,
    /// Leading spaces.
    indent: usize,
    text: &'a str,
}

impl Line<'_> {
    fn content(&self) -> &str {
        &self.text[self.indent..]
    }
    fn is_item(&self) -> bool {
        let c = self.content();
        c == "-" || c.starts_with("- ")
    }
    fn span(&self, byte: usize, len: usize) -> Span {
        Span::new(self.no, self.text[..byte].chars().count() + 1, len)
    }
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    nodes: usize,
}

impl Parser<'_> {
    fn node(&mut self, value: Value, span: Span) -> Option<Node> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(Node { value, span })
    }

    fn next_indent(&self) -> Option<usize> {
        self.lines.get(self.pos).map(|l| l.indent)
    }

    /// A block mapping whose keys stand at `indent`, from the current line on.
    fn map(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let span = Span::new(self.lines.get(self.pos)?.no, indent + 1, 0);
        let mut pairs: Vec<(Node, Node)> = Vec::new();
        while let Some(line) = self.lines.get(self.pos).copied() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, after_colon) = self.key(&line)?;
            // serde-saphyr reports duplicates (in Chinese, see `super::message`): leave them to it.
            if pairs.len() == MAX_KEYS || pairs.iter().any(|(k, _)| k.value == key.value) {
                return None;
            }
            self.pos += 1;
            let value = self.map_value(&line, after_colon, depth)?;
            pairs.push((key, value));
        }
        self.node(Value::Map(pairs), span)
    }

    /// `key:` at the start of `line`'s content: the key, and the byte just after the colon.
    fn key(&mut self, line: &Line) -> Option<(Node, usize)> {
        let content = line.content();
        let colon = content.find(':')?;
        let key = &content[..colon];
        let after = &content[colon + 1..];
        if !(after.is_empty() || after.starts_with(' '))
            || key.len() > MAX_KEY_BYTES
            || key.ends_with(' ')
            || key.contains(['#', '[', ']', '{', '}', ','])
        {
            return None;
        }
        // Only text keys: `1:`, `yes:` or `~:` are left to serde-saphyr.
        let value = classify(key).filter(|v| matches!(v, Value::Str(_)))?;
        let span = Span::new(line.no, line.indent + 1, key.chars().count());
        let node = self.node(value, span)?;
        Some((node, line.indent + colon + 1))
    }

    /// The value of the key on `line` whose colon ends before byte `after_colon`.
    fn map_value(&mut self, line: &Line, after_colon: usize, depth: usize) -> Option<Node> {
        let rest = &line.text[after_colon..];
        let value = rest.trim_start_matches(' ');
        if value.is_empty() || value.starts_with('#') {
            return self.block_value(line, after_colon, depth);
        }
        let start = after_colon + (rest.len() - value.len());
        let node = self.inline(line, start, true)?;
        // A more indented line next continues a multi-line scalar (or is an error).
        if self.next_indent().is_some_and(|i| i > line.indent) {
            return None;
        }
        Some(node)
    }

    /// Nothing after `key:` on its line: a list or mapping on the next lines, or null.
    fn block_value(&mut self, line: &Line, after_colon: usize, depth: usize) -> Option<Node> {
        match self.lines.get(self.pos).copied() {
            Some(next) if next.indent > line.indent => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                if next.is_item() {
                    self.seq(next.indent, false)
                } else {
                    self.map(next.indent, depth + 1)
                }
            }
            Some(next) if next.indent == line.indent && next.is_item() => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.seq(next.indent, true)
            }
            // serde-saphyr places an empty value on the colon.
            _ => self.node(Value::Null, line.span(after_colon - 1, 0)),
        }
    }

    /// A block list of scalars whose dashes stand at `indent`; `indentless` when the dashes
    /// stand at the indent of the key they belong to.
    fn seq(&mut self, indent: usize, indentless: bool) -> Option<Node> {
        let first_line = self.lines.get(self.pos)?.no;
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.pos).copied() {
            if line.indent != indent || !line.is_item() {
                break;
            }
            self.pos += 1;
            let rest = &line.text[indent + 1..];
            let item = rest.trim_start_matches(' ');
            // Empty items and nested lists are left to serde-saphyr.
            if item.is_empty() || item.starts_with(['#', '[']) {
                return None;
            }
            let start = indent + 1 + (rest.len() - item.len());
            items.push(self.inline(&line, start, false)?);
            if self.next_indent().is_some_and(|i| i > indent) {
                return None;
            }
        }
        // In an indented list, a line at the dashes' indent that is not an item is an error.
        if !indentless && self.next_indent() == Some(indent) {
            return None;
        }
        // serde-saphyr places an indentless list at its first item, an indented one at its
        // first dash.
        let span = match items.first() {
            Some(item) if indentless => Span {
                len: 0,
                ..item.span
            },
            _ => Span::new(first_line, indent + 1, 0),
        };
        self.node(Value::Seq(items), span)
    }

    /// A one-line value from byte `start` of `line` to the end of the line (or a comment).
    fn inline(&mut self, line: &Line, start: usize, flow_allowed: bool) -> Option<Node> {
        let text = line.text;
        match text.as_bytes()[start] {
            b'"' | b'\'' => {
                let (value, end) = quoted(text, start)?;
                if !is_comment(&text[end..]) {
                    return None;
                }
                let span = line.span(start, text[start..end].chars().count());
                self.node(Value::Str(value), span)
            }
            b'[' if flow_allowed => self.flow_seq(line, start),
            _ => {
                let raw = &text[start..];
                let raw = raw.find(" #").map_or(raw, |i| &raw[..i]);
                let raw = raw.trim_end_matches(' ');
                if raw.contains(": ") || raw.ends_with(':') {
                    return None;
                }
                let value = classify(raw)?;
                self.node(value, line.span(start, raw.chars().count()))
            }
        }
    }

    /// `[a, "b", 'c']` on one line, of scalars only.
    fn flow_seq(&mut self, line: &Line, start: usize) -> Option<Node> {
        let text = line.text;
        let bytes = text.as_bytes();
        let span = line.span(start, 1);
        // Columns counted on from the bracket's, not from the line's start for each item: a
        // long list stays linear.
        let mut columns = Columns {
            text,
            byte: start,
            column: span.column,
        };
        let mut items = Vec::new();
        let mut i = skip_spaces(bytes, start + 1);
        loop {
            if *bytes.get(i)? == b']' {
                break;
            }
            let (value, len, end) = flow_item(text, i)?;
            let item_span = Span::new(line.no, columns.at(i), len);
            items.push(self.node(value, item_span)?);
            i = skip_spaces(bytes, end);
            match *bytes.get(i)? {
                b',' => i = skip_spaces(bytes, i + 1),
                b']' => break,
                _ => return None,
            }
        }
        if !is_comment(&text[i + 1..]) {
            return None;
        }
        self.node(Value::Seq(items), span)
    }
}

/// The column of a byte of a line, for bytes asked in increasing order.
struct Columns<'a> {
    text: &'a str,
    byte: usize,
    column: usize,
}

impl Columns<'_> {
    fn at(&mut self, byte: usize) -> usize {
        self.column += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.column
    }
}

/// One item of a flow list at byte `start`: its value, length in characters, and the byte
/// after it.
fn flow_item(text: &str, start: usize) -> Option<(Value, usize, usize)> {
    if matches!(text.as_bytes()[start], b'"' | b'\'') {
        let (value, end) = quoted(text, start)?;
        return Some((Value::Str(value), text[start..end].chars().count(), end));
    }
    let end = start + text[start..].find([',', ']'])?;
    let raw = text[start..end].trim_end_matches(' ');
    if raw.contains(['[', '{', '}', ':', '#']) {
        return None;
    }
    Some((classify(raw)?, raw.chars().count(), end))
}

fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// What may follow a value on its line: spaces, then perhaps a comment after a space.
fn is_comment(rest: &str) -> bool {
    let after = rest.trim_start_matches(' ');
    after.is_empty() || (after.len() < rest.len() && after.starts_with('#'))
}

/// A quoted scalar opening at byte `start` and closing on the same line: its value and the
/// byte after the closing quote. Double-quoted escapes other than `\"`, `\\`, `\/`, `\n` and
/// `\t` are left to serde-saphyr.
fn quoted(text: &str, start: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let quote = bytes[start];
    let mut value = String::new();
    let mut from = start + 1;
    let mut i = from;
    loop {
        let b = *bytes.get(i)?;
        if b == quote {
            value.push_str(&text[from..i]);
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                value.push('\'');
                i += 2;
                from = i;
                continue;
            }
            return Some((value, i + 1));
        }
        if b == b'\\' && quote == b'"' {
            value.push_str(&text[from..i]);
            value.push(match *bytes.get(i + 1)? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'n' => '\n',
                b't' => '\t',
                _ => return None,
            });
            i += 2;
            from = i;
            continue;
        }
        i += 1;
    }
}

/// A plain scalar's value as serde-saphyr resolves it for an untyped target: null, YAML 1.1
/// booleans, integers, floats, else text. `None` for spellings left to serde-saphyr: those
/// starting with a YAML indicator, and numbers other than plain decimals.
fn classify(s: &str) -> Option<Value> {
    let text = || Some(Value::Str(s.to_string()));
    match *s.as_bytes().first()? {
        0x80.. => text(),
        b'a'..=b'z' | b'A'..=b'Z' => match s {
            "null" | "Null" | "NULL" => Some(Value::Null),
            _ if s.eq_ignore_ascii_case("null") => None,
            _ => match boolean(s) {
                Some(b) => Some(Value::Bool(b)),
                None => text(),
            },
        },
        b'~' if s.len() == 1 => Some(Value::Null),
        b'0'..=b'9' => {
            if is_int(s) {
                s.parse().ok().map(Value::Int)
            } else if is_float(s) {
                s.parse().ok().map(Value::Float)
            } else if is_date(s) || !s.bytes().all(maybe_numeric) {
                text()
            } else {
                None
            }
        }
        b'-' if is_int(&s[1..]) && &s[1..] != "0" => s.parse().ok().map(Value::Int),
        _ => None,
    }
}

/// serde-saphyr's YAML 1.1 booleans, in any case.
fn boolean(s: &str) -> Option<bool> {
    let is = |w: &str| s.eq_ignore_ascii_case(w);
    if is("true") || is("yes") || is("y") || is("on") {
        Some(true)
    } else if is("false") || is("no") || is("n") || is("off") {
        Some(false)
    } else {
        None
    }
}

/// `0` or a decimal without leading zero that fits an `i64`.
fn is_int(s: &str) -> bool {
    s == "0" || (digits(s, 1, 18) && !s.starts_with('0'))
}

/// `1.5`, `0.25`: decimal digits around one point.
fn is_float(s: &str) -> bool {
    s.split_once('.').is_some_and(|(int, frac)| {
        (int == "0" || (digits(int, 1, 15) && !int.starts_with('0'))) && digits(frac, 1, 15)
    })
}

/// `2023-10-02`, which serde-saphyr keeps as text.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

fn digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A byte of some number spelling (radix prefixes, hex digits, exponents, `_`, signs, `inf`):
/// a scalar made of these alone may be a number to serde-saphyr.
fn maybe_numeric(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-')
}

#[cfg(test)]
mod tests;
