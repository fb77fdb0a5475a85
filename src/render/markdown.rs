//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and task lists, plus
//! yuxin's own touches: unique heading anchors for Chinese headings, links between documents
//! rewritten to page URLs, writing space for handouts, and quiz blocks.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use serde::Serialize;

use super::sanitize::{self, HtmlPolicy};
use super::{quiz, raw_html, urls};
use crate::diag::{Diagnostic, Span};
use crate::slug::{slugify, unique};

/// Where each source file (document or asset) ends up, keyed by its path relative to the root.
pub type LinkMap = HashMap<PathBuf, String>;

/// What the renderer needs to know about the page it renders.
pub struct Page<'a> {
    /// The Markdown file, relative to the project root.
    pub source: &'a Path,
    /// The page's URL, relative to the site root.
    pub url: &'a str,
    /// The file line where `body` starts, so that messages point into the file.
    pub first_line: usize,
    pub links: &'a LinkMap,
    /// Every file of the project's content folders, loaded or not: a link to a file that
    /// exists but failed to load is not reported again as broken.
    pub files: &'a HashSet<PathBuf>,
    /// What raw HTML and link schemes the page may keep.
    pub html: &'a HtmlPolicy,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Chinese characters plus other words, for reading time.
    pub cjk_chars: usize,
    pub words: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Links with a `#fragment`, for the anchor check once every page's headings are known.
    pub anchors: Vec<AnchorLink>,
}

/// A link to a heading: on this page (`target` is `None`) or on the document at `target`.
#[derive(Debug, Clone, PartialEq)]
pub struct AnchorLink {
    pub target: Option<PathBuf>,
    /// The heading id the link will point to after rewriting.
    pub id: String,
    /// The link as written, for messages.
    pub written: String,
    pub span: Span,
}

impl Rendered {
    /// Minutes to read, at 300 Chinese characters or 200 other words a minute; at least 1.
    pub fn reading_minutes(&self) -> usize {
        let minutes = self.cjk_chars as f64 / 300.0 + self.words as f64 / 200.0;
        (minutes.ceil() as usize).max(1)
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body` (the Markdown after the front matter) for `page`.
pub fn render(body: &str, page: &Page) -> Rendered {
    let lines = LineIndex::new(body, page.first_line);
    let mut out = Rendered::default();
    let events = merge_text(Parser::new_ext(body, options()).into_offset_iter());
    let mut raw = raw_html::scan(&events, body, page.html);
    let events = if raw.too_deep() && !page.html.unsafe_html {
        let span = lines.span(raw.first, "<");
        let warning = raw_html::too_deep_diagnostic(page.source, span, raw.depth);
        out.diagnostics.push(warning);
        raw.found = false;
        raw_html::as_text(events)
    } else {
        for f in std::mem::take(&mut raw.findings) {
            let span = lines.span(f.offset, &f.written);
            out.diagnostics.push(f.diagnostic(page.source, span));
        }
        events
    };
    let events = transform(events, body, page, &lines, &mut out);
    html::push_html(&mut out.html, events.into_iter());
    // Only a page with raw HTML pays for a full HTML parse.
    if raw.found && !page.html.unsafe_html {
        out.html = page.html.clean(&out.html);
    }
    out
}

fn transform<'a>(
    events: Vec<(Event<'a>, std::ops::Range<usize>)>,
    body: &'a str,
    page: &Page,
    lines: &LineIndex<'_>,
    out: &mut Rendered,
) -> Vec<Event<'a>> {
    let mut result = Vec::with_capacity(events.len());
    let mut seen_ids = HashSet::new();
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                for (e, _) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
                let text = plain_text(&inner);
                count_text(&text, out);
                let id = match id {
                    Some(explicit) => unique(explicit.to_string(), &mut seen_ids),
                    None => unique(slugify(&text), &mut seen_ids),
                };
                out.headings.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    text: text.clone(),
                });
                let inner = rewrite_links(inner, page, lines, range.start, out);
                let attrs = if page.html.unsafe_html {
                    attrs
                } else {
                    let span_of = |key: &str| lines.span(range.start, key);
                    let file = page.source;
                    raw_html::heading_attrs(attrs, level, file, span_of, &mut out.diagnostics)
                };
                result.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id.clone())),
                    classes,
                    attrs,
                }));
                result.extend(inner);
                if level != HeadingLevel::H1 {
                    result.push(Event::InlineHtml(
                        format!(
                            r##"<a class="anchor" href="#{}" aria-label="本节链接">#</a>"##,
                            escape(&id)
                        )
                        .into(),
                    ));
                }
                result.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Rule if is_writing_line(&body[range.clone()]) => {
                result.push(Event::Html(
                    r#"<div class="write-line" aria-hidden="true"></div>"#.into(),
                ));
                result.push(Event::Html("\n".into()));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if is_special_block(&info) =>
            {
                let mut code = String::new();
                for (e, _) in iter.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let first_line = lines.line_of(range.start) + 1;
                let html = special_block(&info, &code, first_line, page, out);
                result.push(Event::Html(html.into()));
            }
            Event::Start(Tag::Paragraph) if body[range.clone()].trim_start().starts_with('✂') => {
                let text = body[range.clone()].trim().trim_start_matches('✂').trim();
                let html = format!(
                    "<div class=\"cut-line\" role=\"separator\"><span>✂ {}</span></div>\n",
                    escape(text)
                );
                for (e, _) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Paragraph)) {
                        break;
                    }
                }
                result.push(Event::Html(html.into()));
            }
            Event::Text(text) => {
                count_text(&text, out);
                result.extend(blanks(text));
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let rewritten = rewrite_links(vec![event], page, lines, range.start, out);
                result.extend(rewritten);
            }
            other => result.push(other),
        }
    }
    result
}

/// Joins adjacent text events: the parser splits text at every possible emphasis delimiter,
/// so `______` arrives as six events and could not be seen as one blank.
fn merge_text<'a>(
    events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> Vec<(Event<'a>, std::ops::Range<usize>)> {
    let mut out: Vec<(Event<'a>, std::ops::Range<usize>)> = Vec::new();
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
        {
            let mut joined = prev.to_string();
            joined.push_str(next);
            *prev = joined.into();
            prev_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

fn is_special_block(info: &str) -> bool {
    matches!(info.split_whitespace().next(), Some("answer" | "quiz"))
}

fn special_block(
    info: &str,
    code: &str,
    first_line: usize,
    page: &Page,
    out: &mut Rendered,
) -> String {
    let mut words = info.split_whitespace();
    match words.next() {
        Some("quiz") => {
            let (html, diags) = quiz::render(code, page.source, first_line);
            out.diagnostics.extend(diags);
            html
        }
        _ => {
            let n: usize = words
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(3)
                .clamp(1, 40);
            answer_box(code.trim(), n)
        }
    }
}

/// A framed box with `lines` ruled lines, and an optional prompt above them.
fn answer_box(prompt: &str, lines: usize) -> String {
    let mut html = String::from("<div class=\"answer-box\">");
    if !prompt.is_empty() {
        html.push_str(&format!(
            "<p class=\"answer-prompt\">{}</p>",
            escape(prompt)
        ));
    }
    for _ in 0..lines {
        html.push_str("<div class=\"write-line\" aria-hidden=\"true\"></div>");
    }
    html.push_str("</div>\n");
    html
}

/// A line of ten or more underscores (a thematic break to CommonMark) is a writing line.
fn is_writing_line(source: &str) -> bool {
    let s = source.trim();
    s.len() >= 10 && s.chars().all(|c| c == '_')
}

/// Runs of four or more underscores inside text (`姓名：______`) become fill-in blanks.
fn blanks(text: CowStr<'_>) -> Vec<Event<'_>> {
    if !text.contains("____") {
        return vec![Event::Text(text)];
    }
    let mut events = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find("____") {
        let run = rest[start..].chars().take_while(|c| *c == '_').count();
        if start > 0 {
            events.push(Event::Text(rest[..start].to_string().into()));
        }
        let width = (run as f32 * 0.6).clamp(3.0, 30.0);
        events.push(Event::InlineHtml(
            format!("<span class=\"blank\" style=\"width:{width:.1}em\"></span>").into(),
        ));
        rest = &rest[start + run..];
    }
    if !rest.is_empty() {
        events.push(Event::Text(rest.to_string().into()));
    }
    events
}

fn rewrite_links<'a>(
    events: Vec<Event<'a>>,
    page: &Page,
    lines: &LineIndex<'_>,
    offset: usize,
    out: &mut Rendered,
) -> Vec<Event<'a>> {
    events
        .into_iter()
        .map(|mut event| {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                &mut event
            {
                if !page.html.unsafe_html && !sanitize::url_allowed(dest_url) {
                    let span = lines.span(offset, dest_url);
                    out.diagnostics
                        .push(raw_html::link_diagnostic(page.source, span, dest_url));
                    *dest_url = CowStr::from("");
                } else if let Some(href) = resolve(dest_url, page, lines, offset, out) {
                    *dest_url = CowStr::from(href);
                }
            }
            event
        })
        .collect()
}

/// The page-relative URL for a relative link to a project file; `None` leaves it as written.
fn resolve(
    dest: &str,
    page: &Page,
    lines: &LineIndex<'_>,
    offset: usize,
    out: &mut Rendered,
) -> Option<String> {
    if let Some(f) = dest.strip_prefix('#') {
        note_anchor(None, f, dest, lines.span(offset, dest), out);
        return Some(format!("#{}", fragment(f)));
    }
    if dest.is_empty() || dest.starts_with('/') || dest.contains("://") || dest.contains(':') {
        return None;
    }
    let (path_part, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path_part = percent_decode(path_part);
    let target = join(page.source.parent().unwrap_or(Path::new("")), &path_part);
    match page.links.get(&target) {
        Some(url) => {
            let mut href = urls::relative(page.url, url);
            if let Some(f) = frag {
                note_anchor(Some(&target), f, dest, lines.span(offset, dest), out);
                href.push('#');
                href.push_str(&fragment(f));
            }
            Some(href)
        }
        None if page.files.contains(&target) => None,
        None => {
            out.diagnostics.push(
                Diagnostic::warning(
                    "broken-link",
                    page.source,
                    lines.span(offset, dest),
                    format!("链接指向的文件不存在：{dest}"),
                )
                .with_hint(format!(
                    "按本文件所在文件夹写相对路径，例如 `../主题/文件.md`；这里解析为 {}",
                    crate::diag::display_path(&target)
                )),
            );
            None
        }
    }
}

fn note_anchor(target: Option<&Path>, f: &str, dest: &str, span: Span, out: &mut Rendered) {
    if !f.is_empty() {
        out.anchors.push(AnchorLink {
            target: target.map(Path::to_path_buf),
            id: fragment(f),
            written: dest.to_string(),
            span,
        });
    }
}

/// A fragment written in Chinese (`#教学过程`) becomes the heading's pinyin id.
fn fragment(f: &str) -> String {
    let decoded = percent_decode(f);
    let slug = slugify(&decoded);
    if slug.is_empty() { decoded } else { slug }
}

/// `a/b` + `../c.md` → `a/c.md`, without touching the file system.
fn join(base: &Path, rel: &str) -> PathBuf {
    let mut parts: Vec<String> = base
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    for piece in rel.split(['/', '\\']) {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p.to_string()),
        }
    }
    parts.iter().collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(b: Option<&u8>) -> Option<u8> {
    (*b? as char).to_digit(16).map(|d| d as u8)
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

fn count_text(text: &str, out: &mut Rendered) {
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            out.cjk_chars += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                out.words += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

pub fn escape(text: &str) -> String {
    escape_cow(text).into_owned()
}

/// [`escape`] without a copy when there is nothing to escape (most text in templates). The
/// characters escaped are ASCII, so the text is copied in runs between them, not a char at a
/// time.
pub fn escape_cow(text: &str) -> std::borrow::Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = text.as_bytes().iter().position(special) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for (i, b) in text.bytes().enumerate().skip(first) {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Byte offsets in the body to file lines.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            first_line,
        }
    }
    fn line_of(&self, offset: usize) -> usize {
        let idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        idx + self.first_line
    }

    /// The place of `needle` at or after `offset`, falling back to `offset` itself.
    fn span(&self, offset: usize, needle: &str) -> Span {
        let line_idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let line_start = self.starts[line_idx];
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
#[path = "markdown_safety_tests.rs"]
mod safety_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn page_render(body: &str) -> Rendered {
        super::safety_tests::render_with(body, &HtmlPolicy::default())
    }

    #[test]
    fn chinese_headings_get_unique_pinyin_ids() {
        let r = page_render("## 教学过程\n\n## 教学过程\n\n### Step {#custom}\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["jiao-xue-guo-cheng", "jiao-xue-guo-cheng-1", "custom"]
        );
        assert!(
            r.html.contains(r#"<h2 id="jiao-xue-guo-cheng">"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn links_between_documents_are_rewritten() {
        let r = page_render(
            "[下一课](./b.md#教学过程) ![图](img/x.png) [外链](https://example.org/a.md)\n",
        );
        assert!(
            r.html
                .contains(r#"href="../../../primary/developmental/b/#jiao-xue-guo-cheng""#),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(r#"src="../../../primary/developmental/img/x.png""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"href="https://example.org/a.md""#));
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn links_with_fragments_are_noted_for_the_anchor_check() {
        let r = page_render("[本页](#教学过程)\n\n[别页](./b.md#目标) [图](img/x.png)\n");
        let noted: Vec<(Option<&str>, &str, usize)> = r
            .anchors
            .iter()
            .map(|a| {
                (
                    a.target.as_deref().and_then(Path::to_str),
                    a.id.as_str(),
                    a.span.line,
                )
            })
            .collect();
        assert_eq!(
            noted,
            [
                (None, "jiao-xue-guo-cheng", 5),
                (Some("curricula/primary/developmental/b.md"), "mu-biao", 7),
            ]
        );
    }

    #[test]
    fn broken_links_are_reported_at_their_line() {
        let r = page_render("text\n\n[缺](./missing.md)\n");
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].span, Span::new(7, 5, 12));
        assert_eq!(r.diagnostics[0].lint, "broken-link");
    }

    #[test]
    fn writing_space() {
        let r = page_render(
            "姓名：________ 班级：______\n\n__________\n\n```answer 2\n你的想法：\n```\n\n✂ 请沿虚线剪下\n",
        );
        assert_eq!(r.html.matches("class=\"blank\"").count(), 2, "{}", r.html);
        assert_eq!(
            r.html.matches("class=\"write-line\"").count(),
            3,
            "{}",
            r.html
        );
        assert!(r.html.contains("<p class=\"answer-prompt\">你的想法：</p>"));
        assert!(r.html.contains(
            "<div class=\"cut-line\" role=\"separator\"><span>✂ 请沿虚线剪下</span></div>"
        ));
        assert!(!r.html.contains("<hr"));
    }

    #[test]
    fn extensions_are_on() {
        let r =
            page_render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n[^1]: n\n\n- [ ] 同意\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("type=\"checkbox\""));
    }

    #[test]
    fn percent_decoding_is_safe_on_any_input() {
        assert_eq!(percent_decode("%E6%95%99.md"), "教.md");
        assert_eq!(percent_decode("%教%"), "%教%");
        assert_eq!(percent_decode("a%2"), "a%2");
    }

    #[test]
    fn reading_time_counts_chinese_characters() {
        let r = page_render(&"字".repeat(900));
        assert_eq!(r.cjk_chars, 900);
        assert_eq!(r.reading_minutes(), 3);
    }
}
