//! Full-width punctuation where YAML needs ASCII: what a Chinese input method types when the
//! author forgets to switch it off. A full-width colon (`title：情绪小怪兽`), full-width spaces
//! (U+3000) as indentation or after a colon, Chinese quotes used as YAML quotes
//! (`title: “情绪小怪兽”`) and full-width commas in a flow list (`[一年级，二年级]`).
//!
//! serde-saphyr either reads such a line as something else (a title with the quotes in it, one
//! list item `一年级，二年级`) or fails with an English message on the next line ("mapping
//! values are not allowed in this context"). [`scan`] finds the slip at its own line and
//! column first, says in Chinese what was typed and what to type, and writes out the fixed
//! line when the intent is plain.
//!
//! It reads lines, not YAML: it is deliberately narrow so that prose never trips it. A `：`
//! counts only where a key's colon stands (a short word at the start of a line, not inside a
//! list item of Chinese text, not on a line continuing a multi-line value); block scalars
//! (`|`, `>`) and comments are skipped.

use crate::diag::Span;

/// A slip found: where, what was typed and what to type (`message`), and the fixed line or
/// what to do (`hint`).
#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    pub span: Span,
    pub message: String,
    pub hint: String,
}

const FULL_COLON: char = '：';
const FULL_SPACE: char = '\u{3000}';
const FULL_COMMA: char = '，';
const IDEOGRAPHIC_COMMA: char = '、';

/// The first slip in `text`, whose first line is line `first_line` of its file.
pub fn scan(text: &str, first_line: usize) -> Option<Slip> {
    // Each of these characters starts with byte E2 (quotes), E3 (U+3000, 、) or EF (：，);
    // YAML in ASCII has none, and one byte pass decides.
    if !text.bytes().any(|b| matches!(b, 0xe2 | 0xe3 | 0xef)) {
        return None;
    }
    let mut state = State::default();
    (first_line..)
        .zip(text.split('\n'))
        .find_map(|(no, line)| state.line(no, line))
}

/// What the lines before tell about the next one.
#[derive(Default)]
struct State {
    /// Inside a block scalar (`|`, `>`) whose key stands at this indent: lines more indented
    /// than it are text.
    block: Option<usize>,
    /// The previous line ended in a value (plain, quoted or a flow list), at this indent: a
    /// more indented line continues that value.
    plain: Option<usize>,
}

impl State {
    fn line(&mut self, no: usize, line: &str) -> Option<Slip> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            return None;
        }
        if let Some(key_indent) = self.block {
            if indent > key_indent {
                return None;
            }
            self.block = None;
        }
        let continues = self.plain.is_some_and(|at| indent > at);
        let at = |byte: usize| Span::new(no, line[..byte].chars().count() + 1, 1);
        // On a line continuing a value, a full-width space is text (a paragraph's indent).
        if rest.starts_with(FULL_SPACE) && !continues {
            return Some(full_space_indent(at(indent)));
        }
        // List markers: `- ` (or `-` and a full-width space, itself a slip).
        let mut start = indent;
        let mut item = false;
        while line[start..].starts_with('-') {
            let after = &line[start + 1..];
            if after.starts_with(FULL_SPACE) {
                return Some(after_dash(at(start + 1), line, start));
            }
            if !after.starts_with(' ') {
                break;
            }
            item = true;
            start += 1 + (after.len() - after.trim_start_matches(' ').len());
        }
        let (slip, value) = if continues && !item {
            (None, None)
        } else {
            self.key_and_value(line, start, item, &at)
        };
        if slip.is_some() {
            return slip;
        }
        let value_start = match value {
            Some(v) => v,
            None if item => start,
            None => {
                self.plain = if continues { self.plain } else { Some(indent) };
                return None;
            }
        };
        let value = line[value_start..].trim_end();
        self.plain = None;
        if value.starts_with(['|', '>']) {
            self.block = Some(indent);
        } else if !value.is_empty() && !value.starts_with(['#', '&', '!']) {
            // A more indented line after a value continues it: a plain or quoted scalar
            // over several lines, or a flow list.
            self.plain = Some(indent);
        }
        quotes(value, value_start, line, &at).or_else(|| flow_commas(value, value_start, line, &at))
    }

    /// A key's colon at `start`: a slip with it, or the byte where its value starts.
    fn key_and_value(
        &self,
        line: &str,
        start: usize,
        item: bool,
        at: &impl Fn(usize) -> Span,
    ) -> (Option<Slip>, Option<usize>) {
        // A key is at most 20 characters (80 bytes): only the head of a line is looked at, so
        // that a long line of prose costs nothing more.
        let content = head(&line[start..], 84);
        let ascii = key_colon(content);
        let full = content[..ascii.unwrap_or(content.len())].find(FULL_COLON);
        match (ascii, full) {
            (ascii, Some(f)) if ascii.is_none_or(|a| f < a) && is_key(&content[..f], item) => {
                let colon = start + f;
                (Some(full_colon(at(colon), line, colon)), None)
            }
            (Some(a), _) if is_key(&content[..a], item) => {
                let colon = start + a;
                let after = &line[colon + 1..];
                if after.starts_with(FULL_SPACE) {
                    return (Some(space_after_colon(at(colon + 1), line, colon)), None);
                }
                let value = colon + 1 + (after.len() - after.trim_start_matches(' ').len());
                (None, Some(value))
            }
            _ => (None, None),
        }
    }
}

/// The first `max` bytes of `text`, or fewer to end on a character.
fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The byte of the first `:` in `content` that ends a key: followed by a space, a full-width
/// space or the end of the line.
fn key_colon(content: &str) -> Option<usize> {
    content.match_indices(':').map(|(i, _)| i).find(|&i| {
        let after = &content[i + 1..];
        after.is_empty() || after.starts_with([' ', FULL_SPACE])
    })
}

/// Whether `word` reads as a mapping key: a short word, no quotes or brackets; in a list
/// item, where Chinese text with a `：` is common, only an ASCII key such as `name`.
fn is_key(word: &str, item: bool) -> bool {
    let n = word.chars().count();
    if n == 0 || n > 20 || word.contains([' ', FULL_SPACE]) {
        return false;
    }
    if word.starts_with([
        '"', '\'', '“', '‘', '[', '{', '#', '&', '*', '!', '|', '>', '?',
    ]) {
        return false;
    }
    !item
        || word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn full_space_indent(span: Span) -> Slip {
    Slip {
        message: format!(
            "第 {} 行第 {} 列的缩进用了全角空格（中文输入法的空格 `　`），YAML 只认半角空格",
            span.line, span.column
        ),
        span,
        hint: "把行首的全角空格删掉，改用半角空格缩进（和同一级的其他行对齐，通常是两个半角空格）"
            .into(),
    }
}

fn after_dash(span: Span, line: &str, dash: usize) -> Slip {
    let fixed = format!(
        "{}- {}",
        &line[..dash],
        line[dash + 1..].trim_start_matches([' ', FULL_SPACE])
    );
    Slip {
        message: format!(
            "第 {} 行第 {} 列的 `-` 后面是全角空格，请改成半角空格：`{}`",
            span.line,
            span.column,
            fixed.trim()
        ),
        span,
        hint: "列表的每一项写作 `- 内容`：短横线后面跟一个半角空格".into(),
    }
}

fn full_colon(span: Span, line: &str, colon: usize) -> Slip {
    let key = line[..colon].trim_start();
    let value = line[colon + FULL_COLON.len_utf8()..].trim_matches([' ', FULL_SPACE]);
    let prefix = &line[..colon];
    // With another colon later on the line, which one ends the key is not plain.
    let plain = !value.contains([FULL_COLON, ':']);
    let message = if value.is_empty() {
        format!(
            "第 {} 行第 {} 列的 `：` 是全角冒号，请改成半角 `:`：`{key}:`",
            span.line, span.column
        )
    } else if plain {
        format!(
            "第 {} 行第 {} 列的 `：` 是全角冒号，请改成半角 `:` 并在后面加一个空格：`{}: {value}`",
            span.line,
            span.column,
            prefix.trim_start()
        )
    } else {
        format!(
            "第 {} 行第 {} 列的 `：` 是全角冒号，键后面的冒号要用半角 `:` 并在后面加一个空格",
            span.line, span.column
        )
    };
    Slip {
        message,
        span,
        hint: "中文输入法打出的是全角冒号 `：`；键和值之间要用英文半角冒号 `:`，后面跟一个空格。值里的全角冒号不用改".into(),
    }
}

fn space_after_colon(span: Span, line: &str, colon: usize) -> Slip {
    let value = line[colon + 1..].trim_start_matches([' ', FULL_SPACE]);
    Slip {
        message: format!(
            "第 {} 行第 {} 列冒号后面是全角空格（`　`），请改成半角空格：`{}: {value}`",
            span.line,
            span.column,
            line[..colon].trim_start()
        ),
        span,
        hint: "键和值之间是一个半角冒号 `:` 加一个半角空格；切换到英文输入法再打空格".into(),
    }
}

/// A value wrapped in Chinese quotes: YAML keeps them as text, so the title would show them.
fn quotes(value: &str, start: usize, line: &str, at: &impl Fn(usize) -> Span) -> Option<Slip> {
    let (open, close) = match value.chars().next()? {
        '“' => ('“', '”'),
        '‘' => ('‘', '’'),
        _ => return None,
    };
    let inner = value[open.len_utf8()..].strip_suffix(close)?;
    if inner.contains([open, close]) || inner.is_empty() {
        return None;
    }
    let span = at(start);
    let before = line[..start].trim_start();
    let quote = if inner.contains('"') { '\'' } else { '"' };
    Some(Slip {
        message: format!(
            "第 {} 行第 {} 列的 `{open}` `{close}` 是中文引号，YAML 不把它们当引号，它们会成为内容的一部分；要加引号请用半角引号：`{before}{quote}{inner}{quote}`",
            span.line, span.column
        ),
        span,
        hint: format!(
            "多数值不用加引号，直接写 `{before}{inner}`；如果中文引号本来就是内容，在外面再加一对半角引号：`{before}'{value}'`"
        ),
    })
}

/// A flow list (`[一年级，二年级]`) whose items are parted by full-width commas or 顿号.
fn flow_commas(value: &str, start: usize, line: &str, at: &impl Fn(usize) -> Span) -> Option<Slip> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    if inner.contains(['"', '\'', '[', '{']) {
        return None;
    }
    let (i, c) = inner
        .char_indices()
        .find(|(_, c)| matches!(*c, FULL_COMMA | IDEOGRAPHIC_COMMA))?;
    let span = at(start + 1 + i);
    let items: Vec<&str> = inner
        .split([',', FULL_COMMA, IDEOGRAPHIC_COMMA])
        .map(|s| s.trim_matches([' ', FULL_SPACE]))
        .collect();
    let what = if c == FULL_COMMA {
        "全角逗号"
    } else {
        "顿号"
    };
    Some(Slip {
        message: format!(
            "第 {} 行第 {} 列的 `{c}` 是{what}，方括号列表里的各项要用半角逗号加空格分开：`{}[{}]`",
            span.line,
            span.column,
            line[..start].trim_start(),
            items.join(", ")
        ),
        span,
        hint: "中文输入法打出的 `，` `、` 在列表里不算分隔符，整串会成为一项；请用英文半角逗号 `,`"
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(text: &str) -> Slip {
        scan(text, 2).unwrap_or_else(|| panic!("no slip in {text:?}"))
    }

    #[test]
    fn a_full_width_colon_after_a_key() {
        let s = slip("title：情绪小怪兽\nkind: lesson\n");
        assert_eq!(s.span, Span::new(2, 6, 1));
        assert_eq!(
            s.message,
            "第 2 行第 6 列的 `：` 是全角冒号，请改成半角 `:` 并在后面加一个空格：`title: 情绪小怪兽`"
        );
        let s = slip("objectives:\n  认知：知道情绪\n");
        assert_eq!(s.span, Span::new(3, 5, 1));
        assert!(s.message.contains("`认知: 知道情绪`"), "{}", s.message);
        assert!(
            slip("grades：\n  - 一年级\n")
                .message
                .ends_with("`grades:`")
        );
    }

    #[test]
    fn full_width_spaces_as_indent_or_after_a_colon() {
        let s = slip("objectives:\n　认知: 知道\n");
        assert_eq!(s.span, Span::new(3, 1, 1));
        assert!(s.message.contains("全角空格"), "{}", s.message);
        let s = slip("title:　情绪小怪兽\n");
        assert_eq!(s.span, Span::new(2, 7, 1));
        assert!(s.message.ends_with("`title: 情绪小怪兽`"), "{}", s.message);
        let s = slip("tags:\n  -　情绪\n");
        assert_eq!(s.span, Span::new(3, 4, 1));
    }

    #[test]
    fn chinese_quotes_around_a_value() {
        let s = slip("title: “情绪小怪兽”\n");
        assert_eq!(s.span, Span::new(2, 8, 1));
        assert!(
            s.message.contains("`title: \"情绪小怪兽\"`"),
            "{}",
            s.message
        );
        assert!(slip("tags:\n  - ‘自我’\n").message.contains("中文引号"));
    }

    #[test]
    fn full_width_commas_in_a_flow_list() {
        let s = slip("grades: [一年级，二年级]\n");
        assert_eq!(s.span, Span::new(2, 13, 1));
        assert!(
            s.message.ends_with("`grades: [一年级, 二年级]`"),
            "{}",
            s.message
        );
        assert!(slip("年级: [一年级、二年级]\n").message.contains("顿号"));
    }

    #[test]
    fn prose_is_left_alone() {
        for ok in [
            "title: 目标：认识情绪\nsummary: 他说“你好”，我们笑了。\n",
            "tags: [情绪, 压力]\nsummary: “双减”背景下的课\n",
            "objectives:\n  - 认知：知道情绪有很多种\n  - 行为：学会一种方法\n",
            "summary: |\n  第一段：这里可以写全角冒号\n  　　全角空格缩进的段落\nkind: lesson\n",
            "summary: 很长的一段话\n  续行：仍然是摘要\n",
            "summary: \"引号里的长句\n  目标：仍然是摘要\"\n",
            "grades: [一年级,\n  二年级]\ntags: [a]\n",
            "summary: 第一段\n  　　全角空格开头的续行\n",
            "# 注释：随便写\ntitle: a # 行尾注释：也可以\n",
            "title: '“情绪小怪兽”'\n",
        ] {
            assert_eq!(scan(ok, 2), None, "{ok:?}");
        }
    }
}
