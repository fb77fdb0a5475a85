//! yuxin's touches on the event stream, as an iterator between the parser and the HTML writer:
//! heading ids and anchors, writing space, quiz blocks, counting and link rewriting. Most
//! events pass straight through; the few that become several wait in a queue.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::lines::LineIndex;
use super::text::{blanks, count_text, has_blank, is_writing_line, plain_text};
use super::{Heading, Page, Rendered, links};
use crate::render::escape::{escape, escape_cow};
use crate::render::{quiz, raw_html};
use crate::slug::{slugify, unique_by};

pub(super) struct Transform<'a, 'p, I> {
    events: I,
    body: &'a str,
    page: &'p Page<'p>,
    lines: &'p LineIndex<'a>,
    /// Everything but the HTML, which the writer makes from this iterator.
    out: Rendered,
    /// Events made from one input event, waiting their turn.
    queue: VecDeque<Event<'a>>,
    /// A heading's inner events, kept for the next heading.
    heading: Vec<Event<'a>>,
    /// Task-list check boxes so far, for their labels' ids.
    tasks: usize,
    /// A task item's label `<span>` is open until its text ends.
    task_open: bool,
}

impl<'a, 'p, I: Iterator<Item = (Event<'a>, Range<usize>)>> Transform<'a, 'p, I> {
    /// `out` may already hold diagnostics; those found here follow them.
    pub(super) fn new(
        events: I,
        body: &'a str,
        page: &'p Page<'p>,
        lines: &'p LineIndex<'a>,
        out: Rendered,
    ) -> Self {
        Transform {
            events,
            body,
            page,
            lines,
            out,
            queue: VecDeque::new(),
            heading: Vec::new(),
            tasks: 0,
            task_open: false,
        }
    }

    /// What was found while the events went through.
    pub(super) fn finish(self) -> Rendered {
        self.out
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        range: Range<usize>,
    ) {
        let mut inner = std::mem::take(&mut self.heading);
        for (e, _) in self.events.by_ref() {
            if matches!(e, Event::End(TagEnd::Heading(_))) {
                break;
            }
            inner.push(e);
        }
        let text = plain_text(&inner);
        count_text(&text, &mut self.out);
        let slug = match id {
            Some(explicit) => explicit.to_string(),
            None => slugify(&text),
        };
        // The page's ids so far are its headings'.
        let headings = &self.out.headings;
        let id = unique_by(slug, |s| headings.iter().any(|h| h.id == s));
        // Events hold their strings boxed: a copy made to measure is boxed without a resize.
        let event_id = CowStr::from(id.clone());
        let anchor = (level != HeadingLevel::H1).then(|| anchor(&id));
        self.out.headings.push(Heading {
            level: level as u8,
            id,
            text,
        });
        for e in &mut inner {
            links::rewrite(e, self.page, self.lines, range.start, &mut self.out);
        }
        let attrs = if self.page.html.unsafe_html || attrs.is_empty() {
            attrs
        } else {
            let span_of = |key: &str| self.lines.span(range.start, key);
            let file = self.page.source;
            raw_html::heading_attrs(attrs, level, file, span_of, &mut self.out.diagnostics)
        };
        self.queue.push_back(Event::Start(Tag::Heading {
            level,
            id: Some(event_id),
            classes,
            attrs,
        }));
        self.queue.extend(inner.drain(..));
        self.queue.extend(anchor);
        self.queue.push_back(Event::End(TagEnd::Heading(level)));
        self.heading = inner;
    }

    /// A fenced `answer` or `quiz` block, whose text is yuxin's own markup.
    fn special_block(&mut self, info: &str, range: Range<usize>) -> Event<'a> {
        let mut code = String::new();
        for (e, _) in self.events.by_ref() {
            match e {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let first_line = self.lines.line_of(range.start) + 1;
        let mut words = info.split_whitespace();
        let html = match words.next() {
            Some("quiz") => {
                let (html, diags) = quiz::render(&code, self.page.source, first_line);
                self.out.diagnostics.extend(diags);
                html
            }
            Some("draw") => super::space::draw_box(code.trim(), words.next()),
            Some("stickers") => super::space::stickers(code.trim(), words.next(), words.next()),
            _ => {
                let n: usize = words
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(3)
                    .clamp(1, 40);
                answer_box(code.trim(), n)
            }
        };
        Event::Html(html.into())
    }

    /// A paragraph starting with `✂`: a line to cut along, with the paragraph's text on it.
    fn cut_line(&mut self, range: Range<usize>) -> Event<'a> {
        let text = self.body[range].trim().trim_start_matches('✂').trim();
        let html = format!(
            "<div class=\"cut-line\" role=\"separator\"><span>✂ {}</span></div>\n",
            escape(text)
        );
        for (e, _) in self.events.by_ref() {
            if matches!(e, Event::End(TagEnd::Paragraph)) {
                break;
            }
        }
        Event::Html(html.into())
    }
}

impl<'a, 'p, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Transform<'a, 'p, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(queued) = self.queue.pop_front() {
                return Some(queued);
            }
            let (mut event, range) = self.events.next()?;
            if self.task_open && ends_task_text(&event) {
                self.task_open = false;
                self.queue.push_back(event);
                return Some(Event::InlineHtml("</span>".into()));
            }
            match event {
                Event::TaskListMarker(checked) => {
                    self.tasks += 1;
                    self.task_open = true;
                    return Some(task_box(self.page.url, self.tasks, checked));
                }
                Event::Text(text) => {
                    let underscore = count_text(&text, &mut self.out);
                    if !underscore || !has_blank(&text) {
                        return Some(Event::Text(text));
                    }
                    blanks(&text, &mut self.queue);
                }
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                    let (page, lines) = (self.page, self.lines);
                    links::rewrite(&mut event, page, lines, range.start, &mut self.out);
                    return Some(event);
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => self.heading(level, id, classes, attrs, range),
                Event::Rule if is_writing_line(&self.body[range.clone()]) => {
                    self.queue.push_back(Event::Html("\n".into()));
                    return Some(Event::Html(
                        r#"<div class="write-line" aria-hidden="true"></div>"#.into(),
                    ));
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if is_special_block(&info) =>
                {
                    return Some(self.special_block(&info, range));
                }
                Event::Start(Tag::Paragraph)
                    if self.body[range.clone()].trim_start().starts_with('✂') =>
                {
                    return Some(self.cut_line(range));
                }
                Event::Start(Tag::Paragraph)
                    if super::space::is_page_break(&self.body[range.clone()]) =>
                {
                    for (e, _) in self.events.by_ref() {
                        if matches!(e, Event::End(TagEnd::Paragraph)) {
                            break;
                        }
                    }
                    return Some(Event::Html(super::space::PAGE_BREAK.into()));
                }
                other => return Some(other),
            }
        }
    }
}

/// The `#` link after a heading, for copying a link to the section.
fn anchor<'a>(id: &str) -> Event<'a> {
    const START: &str = r##"<a class="anchor" href="#"##;
    // Not indexed: a search excerpt would show the `#`.
    const END: &str = r#"" aria-label="本节链接" data-pagefind-ignore>#</a>"#;
    let id = escape_cow(id);
    let mut html = String::with_capacity(START.len() + id.len() + END.len());
    html.push_str(START);
    html.push_str(&id);
    html.push_str(END);
    Event::InlineHtml(html.into())
}

/// A task item's check box, named by its text (axe `label`): the text follows in a `<span>`
/// that the box points to, closed by `ends_task_text`. The id holds the page's last URL
/// segment: a kit's print view puts its parts on one page.
fn task_box<'a>(url: &str, n: usize, checked: bool) -> Event<'a> {
    let checked = if checked { " checked" } else { "" };
    let page = url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let id = match page {
        "" => format!("task-{n}"),
        page => format!("task-{}-{n}", escape(page)),
    };
    Event::InlineHtml(
        format!(
            "<input type=\"checkbox\" disabled{checked} aria-labelledby=\"{id}\"><span id=\"{id}\">"
        )
        .into(),
    )
}

/// Does `event` end the text of a task item (its paragraph or item ends, or a block starts)?
fn ends_task_text(event: &Event) -> bool {
    match event {
        Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Rule => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::List(_)
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::Heading { .. }
                | Tag::HtmlBlock
        ),
        _ => false,
    }
}

fn is_special_block(info: &str) -> bool {
    matches!(
        info.split_whitespace().next(),
        Some("answer" | "quiz" | "draw" | "stickers")
    )
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
