//! YAML parsed into a tree that remembers where every key and value stands, so that every
//! problem in a front matter or config can be reported at its own line and column, all of them
//! in one run, instead of serde's first-error-wins.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Span;

pub mod fast;
pub mod fullwidth;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A YAML value and its place in the file (absolute line, not counted from the front matter).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of value this is, in words an author knows.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "空值",
            Value::Bool(_) => "true/false",
            Value::Int(_) => "整数",
            Value::Float(_) => "小数",
            Value::Str(_) => "文字",
            Value::Seq(_) => "列表",
            Value::Map(_) => "键值表",
        }
    }

    /// Plain JSON, for `extra:` data handed to templates as it is.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(pairs) => J::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.scalar_text(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// A scalar as text (a key may be written as a number or true/false).
    pub fn scalar_text(&self) -> String {
        match &self.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
            Value::Seq(_) | Value::Map(_) => String::new(),
        }
    }
}

/// A YAML syntax error: serde-saphyr's message without its trailing position, and the place.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    /// How to fix it, when the error knows better than [`syntax_hint`]'s common causes.
    pub hint: Option<String>,
}

impl SyntaxError {
    /// The hint to show: the error's own, or the common causes.
    pub fn hint(&self) -> String {
        self.hint
            .clone()
            .unwrap_or_else(|| syntax_hint().to_string())
    }
}

/// Parses `text`, whose first line is line `first_line` of its file: the common simple front
/// matter by [`fast::parse`], the rest (and every error) by serde-saphyr. Full-width
/// punctuation where YAML needs ASCII is an error of its own first ([`fullwidth::scan`]).
pub fn parse(text: &str, first_line: usize) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(empty(first_line));
    }
    if let Some(slip) = fullwidth::scan(text, first_line) {
        return Err(SyntaxError {
            message: slip.message,
            span: slip.span,
            hint: Some(slip.hint),
        });
    }
    match fast::parse(text, first_line) {
        Some(node) => Ok(node),
        None => parse_with_saphyr(text, first_line),
    }
}

/// [`parse`] without the fast path, against which the fast path is tested.
pub fn parse_with_saphyr(text: &str, first_line: usize) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(empty(first_line));
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options()) {
        Ok(tree) => Ok(convert(tree, first_line - 1)),
        Err(err) => {
            let span = err.location().map_or(Span::new(first_line, 1, 0), |loc| {
                Span::new(
                    loc.line() as usize + first_line - 1,
                    loc.column() as usize,
                    1,
                )
            });
            Err(SyntaxError {
                message: message(&err),
                span,
                hint: None,
            })
        }
    }
}

fn empty(first_line: usize) -> Node {
    Node {
        value: Value::Map(Vec::new()),
        span: Span::new(first_line, 1, 0),
    }
}

/// How much YAML yuxin reads from one front matter or settings file. A real one has tens of
/// keys a few levels deep; these bounds keep a hostile one (an alias bomb, "billion laughs",
/// or a deeply nested list) to milliseconds and kilobytes, with a located error.
pub const MAX_DEPTH: usize = 32;
pub const MAX_NODES: usize = 50_000;
/// Values copied in by aliases (`*name`), counted in parser events, over the whole file.
pub const MAX_ALIAS_EVENTS: usize = 10_000;

/// serde-saphyr's options for every YAML yuxin reads: duplicate keys are errors, and the
/// budget above instead of the library's defaults (which allow a million replayed events).
pub fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_events = 4 * MAX_NODES;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_recorded_anchor_events = MAX_ALIAS_EVENTS;
    budget.max_recorded_anchor_bytes = 16 * 1024 * 1024;
    budget.max_total_scalar_bytes = 16 * 1024 * 1024;
    budget.max_merge_keys = 1_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::Error;
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    options.alias_limits.max_replay_stack_depth = MAX_DEPTH;
    options
}

/// What went wrong, in Chinese for what authors (and hostile files) run into; the library's
/// own words, without the trailing position, for the rarer rest.
pub fn message(err: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let limit = || {
        format!(
            "内容超出了 yuxin 读取 YAML 的上限（最多嵌套 {MAX_DEPTH} 层、{MAX_NODES} 个值，别名 `*` 展开后最多 {MAX_ALIAS_EVENTS} 项）"
        )
    };
    let mut inner = err;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = inner {
        inner = error;
    }
    match inner {
        E::DuplicateMappingKey { key: Some(k), .. } => format!("键 `{k}` 写了不止一次"),
        E::DuplicateMappingKey { key: None, .. } => "同一个键写了不止一次".to_string(),
        E::Budget {
            breach: B::Depth { depth },
            ..
        } => format!("嵌套太深（{depth} 层，最多 {MAX_DEPTH} 层）"),
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => limit(),
        other => {
            let full = other.to_string();
            let english = strip_position(&full);
            if english.starts_with("tabs disallowed") {
                format!("缩进里有 Tab 字符（YAML 只能用空格缩进）：{english}")
            } else {
                english.to_string()
            }
        }
    }
}

/// What a typed serde-saphyr error says, taken apart for a diagnostic: where, the message
/// without its trailing position, and the key when the error is about an unknown or a
/// missing key.
pub struct SerdeError {
    pub span: Span,
    pub message: String,
    pub unknown_key: Option<String>,
    pub missing_key: Option<String>,
}

impl SerdeError {
    pub fn new(err: &serde_saphyr::Error) -> SerdeError {
        let span = err.location().map_or(Span::file_start(), |l| {
            Span::new(l.line() as usize, l.column() as usize, 1)
        });
        let message = message(err);
        let quoted = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|m| m.split('`').next())
                .map(str::to_string)
        };
        SerdeError {
            span,
            unknown_key: quoted("unknown field `"),
            missing_key: quoted("missing field `"),
            message,
        }
    }
}

/// "是不是想写 `x`？可用的…：a（甲）、b（乙）" for an unknown key among `keys` (key, Chinese).
pub fn unknown_key_hint(key: &str, keys: &[(&str, &str)], what: &str) -> String {
    let list: Vec<String> = keys.iter().map(|(k, l)| format!("{k}（{l}）")).collect();
    match crate::diag::suggest(key, keys.iter().map(|(k, _)| *k)) {
        Some(s) => format!("是不是想写 `{s}`？可用的{what}：{}", list.join("、")),
        None => format!("可用的{what}：{}", list.join("、")),
    }
}

fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => message[..i].trim_end(),
        None => message.trim_end(),
    }
}

fn convert(spanned: Spanned<Raw>, line_offset: usize) -> Node {
    let loc = spanned.referenced;
    let span = Span::new(
        loc.line() as usize + line_offset,
        loc.column() as usize,
        loc.span().len() as usize,
    );
    let value = match spanned.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|i| convert(i, line_offset)).collect()),
        Raw::Map(pairs) => Value::Map(
            pairs
                .into_iter()
                .map(|(k, v)| (convert(k, line_offset), convert(v, line_offset)))
                .collect(),
        ),
    };
    Node { value, span }
}

/// The shape serde-saphyr fills, with a location on every node through `Spanned`.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut pairs = Vec::new();
        while let Some(pair) = map.next_entry()? {
            pairs.push(pair);
        }
        Ok(Raw::Map(pairs))
    }
}

/// What usually makes YAML unreadable, for a syntax error's hint.
pub fn syntax_hint() -> &'static str {
    "常见原因：冒号后面少了空格；缩进用了 Tab（请用空格）；含冒号或以 [ { * & 开头的文字要加引号；列表括号没有配对"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(pairs) => pairs,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn keys_and_values_carry_absolute_positions() {
        let node = parse("title: 你好\nduration: 40\n", 2).unwrap();
        let pairs = map(&node);
        assert_eq!(pairs[0].0.span, Span::new(2, 1, 5));
        assert_eq!(pairs[0].1.value, Value::Str("你好".into()));
        assert_eq!(pairs[1].0.span.line, 3);
        assert_eq!(pairs[1].1.value, Value::Int(40));
        assert_eq!(pairs[1].1.span.column, 11);
    }

    #[test]
    fn syntax_errors_are_located_in_the_file() {
        let err = parse("title: a\nfoo: [1, 2\nbar: 3\n", 2).unwrap_err();
        assert_eq!(err.span.line, 4);
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse("a: 1\na: 2\n", 2).unwrap_err();
        assert_eq!(err.span.line, 3);
        assert!(
            err.message.contains("键 `a` 写了不止一次"),
            "{}",
            err.message
        );
    }

    #[test]
    fn alias_bombs_stop_at_the_budget_with_a_place() {
        let mut yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_string();
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let err = parse(&yaml, 2).unwrap_err();
        assert!(err.message.contains("上限"), "{}", err.message);
        assert!(err.span.line >= 3, "{:?}", err.span);
        // A few aliases, as authors use them, are fine.
        parse("a: &x [1, 2]\nb: *x\nc: *x\n", 2).unwrap();
    }

    #[test]
    fn deep_nesting_stops_at_the_budget() {
        let err = parse(&format!("a: {}", "[".repeat(5_000)), 1).unwrap_err();
        assert_eq!(err.span.line, 1);
        let block: String = (0..100)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        let err = parse(&block, 1).unwrap_err();
        assert!(err.message.contains("嵌套太深"), "{}", err.message);
    }

    #[test]
    fn tabs_are_named_in_chinese() {
        let err = parse("tags:\n\t- x\n", 2).unwrap_err();
        assert!(err.message.contains("Tab"), "{}", err.message);
        assert_eq!(err.span.line, 3);
    }

    #[test]
    fn empty_text_is_an_empty_map() {
        assert_eq!(map(&parse("  \n", 2).unwrap()).len(), 0);
    }
}
