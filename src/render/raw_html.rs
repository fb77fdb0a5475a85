//! Raw HTML in Markdown: find it (only then is a page cleaned) and tell the author, at the
//! tag, what the cleaning removes and how to keep what they meant.
//!
//! The cleaning itself is ammonia's ([`super::sanitize`]); this scanner only explains it, with
//! the same policy tables, so a tag it misreads can cost a message but never safety.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};

use super::sanitize::{self, HtmlPolicy, IframeRefusal};
use crate::diag::{Diagnostic, Span};

mod tag;

#[cfg(test)]
use tag::decode_entities;
pub(super) use tag::{StartTag, parse_start_tag};

/// The lint id of every message about unsafe HTML or URLs in a body.
pub const LINT: &str = "unsafe-html";

/// One part of a tag that the cleaning removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    /// `<script>`, `<style>`: the element and everything in it.
    Element(String),
    /// A tag not on the list (`<object>`, `<form>`): the tag goes, its text stays.
    Tag(String),
    /// An attribute not on the list; `on…` handlers among them.
    Attribute(String),
    /// A URL attribute with a refused scheme (`javascript:`, `data:`).
    Url {
        attribute: String,
        scheme: String,
    },
    /// A `style` property not on the list.
    Style(String),
    Iframe(IframeRefusal),
}

/// A tag with something removed, by byte offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    /// The tag's first line as written, for the underline.
    pub written: String,
    pub removed: Vec<Removed>,
}

/// Deeper than this (Markdown and raw HTML together), a page's raw HTML is shown as text
/// instead of parsed: an HTML5 parse takes time quadratic in the depth, and browsers flatten
/// trees this deep anyway (Chromium at 512).
pub const MAX_DEPTH: usize = 512;

/// What a body's raw HTML holds.
#[derive(Debug, Default)]
pub struct RawHtml {
    /// Whether there is any raw HTML (only then is the page cleaned).
    pub found: bool,
    /// The first raw HTML's offset in the body.
    pub first: usize,
    /// How deep elements nest at most, counting Markdown's and raw HTML's (an estimate: end
    /// tags an author may leave out, like `</p>` and `</li>`, are not counted either way).
    pub depth: usize,
    /// What cleaning removes (nothing is looked for under `unsafe_html`).
    pub findings: Vec<Finding>,
}

impl RawHtml {
    pub fn too_deep(&self) -> bool {
        self.found && self.depth > MAX_DEPTH
    }
}

/// Whether `body` may hold raw HTML: every kind CommonMark knows (tags, end tags, comments,
/// declarations, processing instructions, CDATA) starts with `<` and a letter, `/`, `!` or
/// `?`. A body without one has no raw HTML events and needs no [`scan`].
pub fn may_contain(body: &str) -> bool {
    let bytes = body.as_bytes();
    body.match_indices('<').any(|(i, _)| {
        bytes
            .get(i + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
    })
}

/// Finds raw HTML and what cleaning it removes. Looks into the raw-HTML events only, so a
/// plain document costs one pass over its events.
pub fn scan(events: &[(Event<'_>, Range<usize>)], body: &str, policy: &HtmlPolicy) -> RawHtml {
    let mut raw = RawHtml::default();
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(Tag::HtmlBlock) => {}
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !matches!(event, Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_)) {
            raw.depth = raw.depth.max(depth);
            continue;
        }
        if !raw.found {
            raw.found = true;
            raw.first = range.start;
        }
        if let Some(text) = body.get(range.clone()) {
            let mut findings = Vec::new();
            scan_fragment(
                text,
                range.start,
                policy,
                &mut findings,
                &mut depth,
                &mut raw.depth,
            );
            if !policy.unsafe_html {
                raw.findings.extend(findings);
            }
        }
    }
    raw
}

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose end tag may be left out: the parser closes them, so they do not nest.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "rp", "rt",
];

fn counts_for_depth(name: &str) -> bool {
    !VOID.contains(&name) && !OPTIONAL_END.contains(&name)
}

/// The warning for a page whose raw HTML is shown as text because it nests too deep.
pub fn too_deep_diagnostic(file: &Path, span: Span, depth: usize) -> Diagnostic {
    Diagnostic::warning(
        LINT,
        file,
        span,
        format!(
            "这一页的 HTML 标签嵌套了约 {depth} 层，超过 {MAX_DEPTH} 层：页面里的原始 HTML 都按文字显示"
        ),
    )
    .with_hint("检查是否有没闭合的标签（如 <div> 少了 </div>）；嵌套不要太深")
}

/// Elements whose content the HTML parser reads as text: tags inside them are not tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "iframe", "textarea", "title", "xmp", "noembed", "noframes", "noscript",
];

fn scan_fragment(
    text: &str,
    base: usize,
    policy: &HtmlPolicy,
    out: &mut Vec<Finding>,
    depth: &mut usize,
    max_depth: &mut usize,
) {
    let mut i = 0;
    while let Some(rel) = text[i..].find('<') {
        let at = i + rel;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            i = at + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if let Some(name) = rest.strip_prefix("</") {
            let name: String = name
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if counts_for_depth(&name.to_ascii_lowercase()) {
                *depth = depth.saturating_sub(1);
            }
            i = at + 2;
            continue;
        }
        let Some(tag) = parse_start_tag(rest) else {
            i = at + 1;
            continue;
        };
        if counts_for_depth(&tag.name) {
            *depth += 1;
            *max_depth = (*max_depth).max(*depth);
        }
        let removed = check(&tag, policy);
        if !removed.is_empty() {
            let written = rest[..tag.len].lines().next().unwrap_or("").to_string();
            out.push(Finding {
                offset: base + at,
                written,
                removed,
            });
        }
        i = at + tag.len;
        if RAW_TEXT.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            i += find_ignore_case(&text[i..], &close).unwrap_or(text.len() - i);
        }
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn check(tag: &StartTag, policy: &HtmlPolicy) -> Vec<Removed> {
    let name = tag.name.as_str();
    if sanitize::REMOVED_WITH_CONTENT.contains(&name) {
        return vec![Removed::Element(tag.name.clone())];
    }
    if !sanitize::tag_allowed(name) {
        return vec![Removed::Tag(tag.name.clone())];
    }
    let mut removed = Vec::new();
    for (attr, value) in &tag.attributes {
        if !sanitize::attribute_allowed(name, attr, value) {
            removed.push(Removed::Attribute(attr.clone()));
        } else if name == "iframe" && attr == "src" {
            if let Err(refusal) = policy.iframe_src(value) {
                removed.push(Removed::Iframe(refusal));
            }
        } else if sanitize::is_url_attribute(name, attr) && !sanitize::url_allowed(value) {
            removed.push(Removed::Url {
                attribute: attr.clone(),
                scheme: crate::urls::scheme(value).unwrap_or_default(),
            });
        } else if attr == "style" {
            removed.extend(style_removals(value));
        }
    }
    if name == "iframe" && !tag.attributes.iter().any(|(a, _)| a == "src") {
        removed.push(Removed::Iframe(IframeRefusal::NotHttps));
    }
    removed
}

fn style_removals(style: &str) -> impl Iterator<Item = Removed> + '_ {
    style
        .split(';')
        .filter_map(|decl| decl.split_once(':'))
        .map(|(prop, _)| prop.trim().to_ascii_lowercase())
        .filter(|prop| !prop.is_empty() && !sanitize::STYLE_PROPERTIES.contains(&prop.as_str()))
        .map(Removed::Style)
}

impl Removed {
    /// What went, as a teacher reads it.
    fn describe(&self) -> String {
        match self {
            Removed::Element(tag) => format!("<{tag}> 及其中的内容"),
            Removed::Tag(tag) => format!("<{tag}> 标签（其中的文字保留）"),
            Removed::Attribute(a) if a.starts_with("on") => format!("事件属性 {a}"),
            Removed::Attribute(a) => format!("属性 {a}"),
            Removed::Url { attribute, scheme } => format!("{attribute} 里的 {scheme}: 地址"),
            Removed::Style(p) => format!("style 里的 {p}"),
            Removed::Iframe(IframeRefusal::Host(h)) => {
                format!("来自 {h} 的 <iframe>（这个网站不在 video_hosts 里）")
            }
            Removed::Iframe(IframeRefusal::NotHttps) => {
                "<iframe>（地址不是 https:// 开头）".to_string()
            }
        }
    }
}

impl Finding {
    /// The warning for this tag, at `span`.
    pub fn diagnostic(&self, file: &Path, span: Span) -> Diagnostic {
        let parts: Vec<String> = self.removed.iter().map(Removed::describe).collect();
        Diagnostic::warning(
            LINT,
            file,
            span,
            format!(
                "原始 HTML 里有不安全的内容，构建时已删除：{}",
                parts.join("、")
            ),
        )
        .with_hint(hint(&self.removed))
    }
}

fn hint(removed: &[Removed]) -> String {
    let mut hint = String::new();
    for r in removed {
        match r {
            Removed::Iframe(IframeRefusal::Host(h)) => hint.push_str(&format!(
                "确认 {h} 可靠后，在 yuxin.yaml 里加上 video_hosts: [{h}]（它的子域名也算）；"
            )),
            Removed::Iframe(IframeRefusal::NotHttps) => {
                hint.push_str("嵌入视频的地址要写完整，以 https:// 开头；")
            }
            Removed::Url { .. } => {
                hint.push_str("链接和图片只能用 http(s)、mailto、tel 地址或相对路径；")
            }
            _ => {}
        }
    }
    hint.push_str(
        "删掉这部分，或改用 Markdown 写；如果项目信任所有作者，可以在 yuxin.yaml 里写 unsafe_html: true 关闭清理",
    );
    hint
}

/// A Markdown link or image to a refused scheme (`[x](javascript:…)`): it is emptied.
pub fn link_diagnostic(file: &Path, span: Span, dest: &str) -> Diagnostic {
    let scheme = crate::urls::scheme(dest).unwrap_or_default();
    Diagnostic::warning(
        LINT,
        file,
        span,
        format!("链接地址 `{dest}` 用了不安全的 {scheme}: 协议，构建时已去掉这个地址"),
    )
    .with_hint("链接和图片只能用 http(s)、mailto、tel 地址或相对路径（图片放在文档旁边，写文件名）")
}

/// Raw HTML shown as the text it is, for a page too deep to parse.
pub fn as_text(events: Vec<(Event<'_>, Range<usize>)>) -> Vec<(Event<'_>, Range<usize>)> {
    events
        .into_iter()
        .map(|(e, r)| match e {
            Event::Html(t) | Event::InlineHtml(t) => (Event::Text(t), r),
            e => (e, r),
        })
        .collect()
}

/// Heading attributes (`## 标题 {key=value}`) the HTML policy keeps; each other one is
/// dropped with a warning at `span_of(key)`, as raw HTML's are. `style` goes too: a page
/// without raw HTML is not cleaned, so its CSS would not be filtered.
pub fn heading_attrs<'a>(
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    level: HeadingLevel,
    file: &Path,
    span_of: impl Fn(&str) -> Span,
    out: &mut Vec<Diagnostic>,
) -> Vec<(CowStr<'a>, Option<CowStr<'a>>)> {
    let tag = format!("{level}");
    attrs
        .into_iter()
        .filter(|(key, value)| {
            let key = key.to_ascii_lowercase();
            let value = value.as_deref().unwrap_or("");
            let keep = sanitize::attribute_allowed(&tag, &key, value) && key != "style";
            if !keep {
                out.push(heading_attribute_diagnostic(file, span_of(&key), &key));
            }
            keep
        })
        .collect()
}

/// A heading attribute (`## 标题 {onclick=…}`) the policy does not keep: it is dropped.
fn heading_attribute_diagnostic(file: &Path, span: Span, attr: &str) -> Diagnostic {
    Diagnostic::warning(
        LINT,
        file,
        span,
        format!("小标题的属性 `{attr}` 不安全，构建时已删除"),
    )
    .with_hint("小标题后的 {…} 里只写 #id 和 .class（或 title、lang、data-… 属性）")
}

#[cfg(test)]
#[path = "raw_html_tests.rs"]
mod tests;
