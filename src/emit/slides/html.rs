//! The HTML deck: one self-contained file (the theme's `slides/deck.html` with its CSS and
//! JS inlined, images as `data:` URLs) that runs from a USB stick with no network.

use std::fmt::Write;

use crate::plan::{Block, Run};

use super::deck::{Deck, Slide, SlideKind};

/// The theme's deck template and the CSS and JS it inlines.
pub struct Parts<'a> {
    pub template: &'a str,
    pub style: &'a str,
    pub script: &'a str,
}

/// The whole deck. `image` turns an image's `src` into a `data:` URL, or `None` when it
/// cannot be embedded (the slide then shows its description).
pub fn deck(
    deck: &Deck,
    lang: &str,
    parts: &Parts,
    image: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut slides = String::new();
    let total = deck.slides.len();
    for (i, slide) in deck.slides.iter().enumerate() {
        write_slide(&mut slides, slide, i + 1, total, image);
    }
    let title = esc(&deck.title);
    fill(
        parts.template,
        &[
            ("lang", &esc(lang)),
            ("title", &title),
            ("style", parts.style),
            ("script", parts.script),
            ("slides", &slides),
        ],
    )
}

/// Replaces each `{{ key }}` of the template (and only of the template: a value holding
/// `{{ … }}` is left alone).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        let key = rest[open + 2..open + close].trim();
        out.push_str(&rest[..open]);
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    out
}

fn write_slide(
    out: &mut String,
    slide: &Slide,
    n: usize,
    total: usize,
    image: &dyn Fn(&str) -> Option<String>,
) {
    let kind = match slide.kind {
        SlideKind::Title => "title",
        SlideKind::Content if slide.blocks.is_empty() => "content bare",
        SlideKind::Content => "content",
        SlideKind::Help => "help",
    };
    let minutes = slide.minutes.map(|m| m.to_string()).unwrap_or_default();
    let _ = writeln!(
        out,
        "<section class=\"slide {kind}\" data-group=\"{}\" data-minutes=\"{minutes}\" aria-label=\"第 {n} 页\">",
        slide.group
    );
    match slide.kind {
        SlideKind::Title => {
            let _ = writeln!(out, "<h1>{}</h1>", esc(&slide.title));
            if !slide.subtitle.is_empty() {
                let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", esc(&slide.subtitle));
            }
        }
        _ if !slide.title.is_empty() => {
            let _ = writeln!(out, "<h2>{}</h2>", esc(&slide.title));
        }
        _ => {}
    }
    if !slide.blocks.is_empty() {
        out.push_str("<div class=\"body\">\n");
        for block in &slide.blocks {
            write_block(out, block, image);
        }
        out.push_str("</div>\n");
    }
    if !slide.notes.is_empty() {
        out.push_str("<aside class=\"notes\">");
        for line in slide.notes.lines().filter(|l| !l.trim().is_empty()) {
            let _ = write!(out, "<p>{}</p>", esc(line));
        }
        out.push_str("</aside>\n");
    }
    let _ = writeln!(
        out,
        "<footer class=\"num\">{n} / {total}</footer>\n</section>"
    );
}

fn write_runs(out: &mut String, runs: &[Run]) {
    for run in runs {
        let mut t = esc(&run.text).into_owned();
        if t.contains('\n') {
            t = t.replace('\n', "<br>");
        }
        let (open, close) = match (run.strong, run.emphasis, run.code) {
            (_, _, true) => ("<code>", "</code>"),
            (true, true, _) => ("<strong><em>", "</em></strong>"),
            (true, _, _) => ("<strong>", "</strong>"),
            (_, true, _) => ("<em>", "</em>"),
            _ => ("", ""),
        };
        out.push_str(open);
        out.push_str(&t);
        out.push_str(close);
    }
}

fn write_block(out: &mut String, block: &Block, image: &dyn Fn(&str) -> Option<String>) {
    match block {
        Block::Paragraph(runs) => {
            out.push_str("<p>");
            write_runs(out, runs);
            out.push_str("</p>\n");
        }
        Block::Heading { runs, .. } => {
            out.push_str("<h3>");
            write_runs(out, runs);
            out.push_str("</h3>\n");
        }
        Block::List { start, items } => {
            match start {
                Some(1) => out.push_str("<ol>\n"),
                Some(n) => {
                    let _ = writeln!(out, "<ol start=\"{n}\">");
                }
                None => out.push_str("<ul>\n"),
            }
            for item in items {
                out.push_str("<li>");
                match item.checked {
                    Some(true) => out.push_str("☑ "),
                    Some(false) => out.push_str("☐ "),
                    None => {}
                }
                // A single paragraph stays inline in its item.
                match item.blocks.as_slice() {
                    [Block::Paragraph(runs)] => write_runs(out, runs),
                    blocks => blocks.iter().for_each(|b| write_block(out, b, image)),
                }
                out.push_str("</li>\n");
            }
            out.push_str(if start.is_some() {
                "</ol>\n"
            } else {
                "</ul>\n"
            });
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote>\n");
            blocks.iter().for_each(|b| write_block(out, b, image));
            out.push_str("</blockquote>\n");
        }
        Block::Table { head, rows } => {
            out.push_str("<table>\n<colgroup>");
            for w in super::fit::columns(head, rows) {
                let _ = write!(out, "<col style=\"width:{:.1}%\">", w * 100.0);
            }
            out.push_str("</colgroup>\n<thead><tr>");
            for cell in head {
                out.push_str("<th>");
                write_runs(out, cell);
                out.push_str("</th>");
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    out.push_str("<td>");
                    write_runs(out, cell);
                    out.push_str("</td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Code { text, .. } => {
            let _ = writeln!(out, "<pre>{}</pre>", esc(text.trim_end()));
        }
        Block::Image { src, alt } => match image(src) {
            Some(data) => {
                let _ = writeln!(
                    out,
                    "<figure><img src=\"{}\" alt=\"{}\">{}</figure>",
                    esc(&data),
                    esc(alt),
                    caption(alt)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<figure class=\"missing\"><p>［图片：{}］</p></figure>",
                    esc(alt)
                );
            }
        },
        Block::WritingLine | Block::Rule => {}
    }
}

/// Text as HTML text or attribute value.
fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn caption(alt: &str) -> String {
    if alt.trim().is_empty() {
        String::new()
    } else {
        format!("<figcaption>{}</figcaption>", esc(alt))
    }
}
