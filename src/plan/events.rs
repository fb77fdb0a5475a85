//! Markdown events into a body's top-level headings and blocks, in the order written: the
//! first half of reading a plan (the second, in `parse`, makes sections and steps of them).

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Block, Item, Run};
use crate::render::markdown::options;

/// A top-level heading or block, in the order written.
pub enum Top {
    Heading {
        level: u8,
        title: String,
        classes: Vec<String>,
        line: usize,
    },
    Block(Block),
}

/// An open container while events stream in.
enum Frame {
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    Item {
        item: Item,
        /// Text of a tight item, which has no paragraph of its own.
        inline: Vec<Run>,
    },
    Paragraph {
        runs: Vec<Run>,
        images: Vec<(String, String)>,
    },
    Heading {
        level: u8,
        runs: Vec<Run>,
        classes: Vec<String>,
        line: usize,
    },
    Table {
        head: Vec<Vec<Run>>,
        rows: Vec<Vec<Vec<Run>>>,
        row: Vec<Vec<Run>>,
        cell: Vec<Run>,
    },
    Code {
        info: String,
        text: String,
    },
    Image {
        src: String,
        alt: Vec<Run>,
    },
}

pub struct Builder<'a> {
    body: &'a str,
    first_line: usize,
    line_starts: Vec<usize>,
    tops: Vec<Top>,
    stack: Vec<Frame>,
    strong: usize,
    emphasis: usize,
    /// Lists, items and quotations opened beyond [`MAX_NESTING`]: left out of the tree (their
    /// text goes to the deepest one kept), so that no reader of a plan recurses without end.
    flattened: usize,
}

/// How deep lists and quotations nest in a plan; deeper ones keep their text one level up.
pub const MAX_NESTING: usize = 32;

impl<'a> Builder<'a> {
    pub fn new(body: &'a str, first_line: usize) -> Builder<'a> {
        let line_starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Builder {
            body,
            first_line,
            line_starts,
            tops: Vec::new(),
            stack: Vec::new(),
            strong: 0,
            emphasis: 0,
            flattened: 0,
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.first_line + self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn run(mut self) -> Vec<Top> {
        let body = self.body;
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            match event {
                Event::Start(tag) => self.start(tag, range.start),
                Event::End(tag) => self.end(tag),
                Event::Text(t) => self.text(&t, false),
                Event::Code(t) => self.text(&t, true),
                Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t, false),
                Event::Html(h) | Event::InlineHtml(h) => self.text(&strip_tags(&h), false),
                Event::FootnoteReference(name) => self.text(&format!("[{name}]"), false),
                Event::SoftBreak => self.soft_break(),
                Event::HardBreak => self.text("\n", false),
                // `__________` alone is a thematic break to CommonMark, a writing line to us.
                Event::Rule if is_writing_line(&body[range]) => self.block(Block::WritingLine),
                Event::Rule => self.block(Block::Rule),
                Event::TaskListMarker(checked) => {
                    if let Some(Frame::Item { item, .. }) = self.stack.last_mut() {
                        item.checked = Some(checked);
                    }
                }
            }
        }
        self.tops
    }

    fn start(&mut self, tag: Tag, offset: usize) {
        // Inline tags stay in the text of a tight list item: only a block ends it.
        match tag {
            Tag::Strong => return self.strong += 1,
            Tag::Emphasis => return self.emphasis += 1,
            Tag::Link { .. } | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => return,
            // An item of a list kept is kept: its text needs a home.
            Tag::Item if self.flattened > 0 => return self.flattened += 1,
            Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)
                if self.flattened > 0 || self.nesting() >= MAX_NESTING =>
            {
                return self.flattened += 1;
            }
            _ => {}
        }
        self.flush_item_text();
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph {
                runs: Vec::new(),
                images: Vec::new(),
            },
            Tag::Heading { level, classes, .. } => Frame::Heading {
                level: heading_level(level),
                runs: Vec::new(),
                classes: classes.iter().map(|c| c.to_string()).collect(),
                line: self.line(offset),
            },
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => Frame::Quote(Vec::new()),
            Tag::List(start) => Frame::List {
                start,
                items: Vec::new(),
            },
            Tag::Item => Frame::Item {
                item: Item::default(),
                inline: Vec::new(),
            },
            Tag::Table(_) => Frame::Table {
                head: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                cell: Vec::new(),
            },
            Tag::CodeBlock(kind) => Frame::Code {
                info: match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                },
                text: String::new(),
            },
            Tag::Image { dest_url, .. } => Frame::Image {
                src: dest_url.to_string(),
                alt: Vec::new(),
            },
            _ => return,
        };
        self.stack.push(frame);
    }

    /// Lists and quotations open around the current point.
    fn nesting(&self) -> usize {
        self.stack
            .iter()
            .filter(|f| matches!(f, Frame::List { .. } | Frame::Quote(_)))
            .count()
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Strong => return self.strong = self.strong.saturating_sub(1),
            TagEnd::Emphasis => return self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::TableCell => return self.table_cell_end(),
            TagEnd::TableHead | TagEnd::TableRow => return self.table_row_end(tag),
            TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition
                if self.flattened > 0 =>
            {
                return self.flattened -= 1;
            }
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::CodeBlock
            | TagEnd::Image => {}
            _ => return,
        }
        self.flush_item_text();
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Paragraph { runs, images } => self.block(paragraph(runs, images)),
            Frame::Heading {
                level,
                runs,
                classes,
                line,
            } => {
                if self.stack.is_empty() {
                    let title = super::text(&runs);
                    self.tops.push(Top::Heading {
                        level,
                        title: title.trim().to_string(),
                        classes,
                        line,
                    });
                } else {
                    self.block(Block::Heading { level, runs });
                }
            }
            Frame::Quote(blocks) => self.block(Block::Quote(blocks)),
            Frame::List { start, items } => self.block(Block::List { start, items }),
            Frame::Item { item, .. } => {
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(item);
                }
            }
            Frame::Table { head, rows, .. } => self.block(Block::Table { head, rows }),
            Frame::Code { info, text } => self.block(Block::Code { info, text }),
            Frame::Image { src, alt } => self.image_end(src, alt),
        }
    }

    fn table_cell_end(&mut self) {
        if let Some(Frame::Table { row, cell, .. }) = self.stack.last_mut() {
            row.push(std::mem::take(cell));
        }
    }

    fn table_row_end(&mut self, tag: TagEnd) {
        if let Some(Frame::Table {
            head, rows, row, ..
        }) = self.stack.last_mut()
        {
            let row = std::mem::take(row);
            if tag == TagEnd::TableHead {
                *head = row;
            } else {
                rows.push(row);
            }
        }
    }

    /// An image's alt text goes into the text around it; a paragraph that is one image alone
    /// becomes [`Block::Image`] when it ends.
    fn image_end(&mut self, src: String, alt: Vec<Run>) {
        let alt_text = super::text(&alt);
        if let Some(Frame::Paragraph { images, .. }) = self.stack.last_mut() {
            images.push((src, alt_text));
        }
        for run in alt {
            self.push_run(run);
        }
    }

    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            None => self.tops.push(Top::Block(block)),
            Some(Frame::Quote(blocks)) => blocks.push(block),
            Some(Frame::Item { item, .. }) => item.blocks.push(block),
            // A block can only close inside a container; anything else keeps its text.
            Some(_) => {
                let text = block.text();
                self.text(&text, false);
            }
        }
    }

    /// A tight list item's text becomes a paragraph before a nested block starts.
    fn flush_item_text(&mut self) {
        if let Some(Frame::Item { item, inline }) = self.stack.last_mut()
            && !inline.is_empty()
        {
            item.blocks.push(Block::Paragraph(std::mem::take(inline)));
        }
    }

    fn soft_break(&mut self) {
        // Chinese lines join without a space; other text keeps one.
        let cjk_before = self
            .inline_target()
            .and_then(|runs| runs.last())
            .and_then(|r| r.text.chars().last())
            .is_some_and(|c| !c.is_ascii());
        self.text(if cjk_before { "" } else { " " }, false);
    }

    fn text(&mut self, text: &str, code: bool) {
        if let Some(Frame::Code { text: t, .. }) = self.stack.last_mut() {
            t.push_str(text);
            return;
        }
        let run = Run {
            text: text.to_string(),
            strong: self.strong > 0,
            emphasis: self.emphasis > 0,
            code,
        };
        if self.inline_target().is_none() {
            // Inline text outside any paragraph (raw HTML at the top): a paragraph of its own.
            if !text.trim().is_empty() {
                let run = Run {
                    text: text.trim().to_string(),
                    ..run
                };
                self.block(Block::Paragraph(vec![run]));
            }
            return;
        }
        self.push_run(run);
    }

    fn push_run(&mut self, run: Run) {
        let Some(runs) = self.inline_target() else {
            return;
        };
        match runs.last_mut() {
            Some(last)
                if (last.strong, last.emphasis, last.code)
                    == (run.strong, run.emphasis, run.code) =>
            {
                last.text.push_str(&run.text)
            }
            _ if run.text.is_empty() => {}
            _ => runs.push(run),
        }
    }

    fn inline_target(&mut self) -> Option<&mut Vec<Run>> {
        match self.stack.last_mut()? {
            Frame::Paragraph { runs, .. } | Frame::Heading { runs, .. } => Some(runs),
            Frame::Item { inline, .. } => Some(inline),
            Frame::Table { cell, .. } => Some(cell),
            Frame::Image { alt, .. } => Some(alt),
            Frame::Quote(_) | Frame::List { .. } | Frame::Code { .. } => None,
        }
    }
}

fn paragraph(runs: Vec<Run>, images: Vec<(String, String)>) -> Block {
    let text = super::text(&runs);
    if let [(src, alt)] = images.as_slice()
        && text.trim() == alt.trim()
    {
        return Block::Image {
            src: src.clone(),
            alt: alt.clone(),
        };
    }
    if is_writing_line(&text) {
        return Block::WritingLine;
    }
    Block::Paragraph(runs)
}

/// Ten or more underscores alone (see docs/authoring.md, "Writing space").
fn is_writing_line(text: &str) -> bool {
    let trimmed = text.trim();
    trimmed.len() >= 10 && trimmed.bytes().all(|b| b == b'_')
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Raw HTML as its text: tags dropped, `<br>` a line break.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        if tag.starts_with("br") {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}
