//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and task lists, plus
//! yuxin's own touches: unique heading anchors for Chinese headings, links between documents
//! rewritten to page URLs, writing space for handouts, and quiz blocks.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, html};
use serde::Serialize;

use super::raw_html;
use super::sanitize::HtmlPolicy;
use crate::diag::{Diagnostic, Span};

mod lines;
mod links;
mod space;
mod text;
pub use space::PAGE_BREAK;
mod transform;

use lines::LineIndex;
#[cfg(test)]
use links::percent_decode;
use text::MergeText;
use transform::Transform;

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
///
/// The events stream from the parser through yuxin's touches into the HTML writer. Only a page
/// that may hold raw HTML has its events collected first: the scan for unsafe HTML must see the
/// whole page before the first event is written (a page nested too deep shows its HTML as text).
pub fn render(body: &str, page: &Page) -> Rendered {
    let lines = LineIndex::new(body, page.first_line);
    let events = MergeText::new(Parser::new_ext(body, options()).into_offset_iter(), body);
    let mut html = String::with_capacity(html_capacity(body));
    if !raw_html::may_contain(body) {
        let events = events.inspect(|(e, _)| debug_assert!(!is_raw_html(e), "{e:?}"));
        let mut transform = Transform::new(events, body, page, &lines, Rendered::default());
        html::push_html(&mut html, &mut transform);
        return Rendered {
            html,
            ..transform.finish()
        };
    }
    let mut out = Rendered::default();
    let (events, clean) = check_raw_html(events.collect(), body, page, &lines, &mut out);
    let mut transform = Transform::new(events.into_iter(), body, page, &lines, out);
    html::push_html(&mut html, &mut transform);
    let mut out = transform.finish();
    // Only a page with raw HTML pays for a full HTML parse.
    out.html = if clean { page.html.clean(&html) } else { html };
    out
}

type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

/// Reports the raw HTML in `events` that cleaning will remove, or shows it all as text when it
/// nests too deep to parse; tells whether the page's HTML must be cleaned.
fn check_raw_html<'a>(
    events: Vec<Spanned<'a>>,
    body: &str,
    page: &Page,
    lines: &LineIndex<'_>,
    out: &mut Rendered,
) -> (Vec<Spanned<'a>>, bool) {
    let raw = raw_html::scan(&events, body, page.html);
    if raw.too_deep() && !page.html.unsafe_html {
        let span = lines.span(raw.first, "<");
        let warning = raw_html::too_deep_diagnostic(page.source, span, raw.depth);
        out.diagnostics.push(warning);
        return (raw_html::as_text(events), false);
    }
    for f in &raw.findings {
        let span = lines.span(f.offset, &f.written);
        out.diagnostics.push(f.diagnostic(page.source, span));
    }
    (events, raw.found && !page.html.unsafe_html)
}

fn is_raw_html(event: &Event) -> bool {
    matches!(
        event,
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock)
    )
}

/// Room for a page's HTML, so that it is not copied as it grows: lessons come out about 1.4
/// times their Markdown (measured on the benchmark corpus and the shipped curriculum with
/// `examples/render_bench`); a page with more markup grows once.
fn html_capacity(body: &str) -> usize {
    body.len() + body.len() / 2 + 256
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
    fn task_boxes_are_named_by_their_text() {
        let html = &page_render("- [ ] 同意\n- [x] **不**同意\n  - [ ] 里面\n").html;
        assert!(html.contains(
            "<li><input type=\"checkbox\" disabled aria-labelledby=\"task-a-1\"><span id=\"task-a-1\">同意</span></li>"
        ), "{html}");
        assert!(html.contains(
            "<input type=\"checkbox\" disabled checked aria-labelledby=\"task-a-2\"><span id=\"task-a-2\"><strong>不</strong>同意</span>\n<ul>"
        ), "{html}");
        assert_eq!(html.matches("<span").count(), 3, "{html}");
        assert_eq!(html.matches("</span>").count(), 3, "{html}");
        let loose = &page_render("- [ ] 松散\n\n  第二段\n").html;
        assert!(
            loose.contains("<span id=\"task-a-1\">松散</span></p>"),
            "{loose}"
        );
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
