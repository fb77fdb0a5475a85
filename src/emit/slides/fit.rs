//! Long content is split over several slides, never shrunk: the type stays the size it has
//! (48 px on a 1920×1080 slide, 24 pt in the .pptx). The cost of a block is the lines it
//! takes at that size; a slide holds [`BUDGET`] lines under its title.

use crate::plan::{Block, Item, Run, text};

use super::deck::Slide;

/// Full-width characters on one line of body text (48 px type, 1700 px wide: 35, less a margin).
pub const CHARS_PER_LINE: f32 = 34.0;
/// Lines of body text under a slide's title.
pub const BUDGET: f32 = 10.5;
/// The lines an image takes.
pub const IMAGE_LINES: f32 = 6.0;

/// Width of a text in full-width characters (Latin letters and digits count half).
pub fn width(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum()
}

/// Lines a text wraps to in a column `chars` wide.
pub fn lines_of(text: &str, chars: f32) -> f32 {
    text.split('\n')
        .map(|l| (width(l) / chars).ceil().max(1.0))
        .sum()
}

/// The lines a block takes, spacing included.
pub fn cost(block: &Block) -> f32 {
    match block {
        Block::Paragraph(runs) => lines_of(&text(runs), CHARS_PER_LINE) + 0.3,
        Block::Heading { runs, .. } => lines_of(&text(runs), CHARS_PER_LINE / 1.15) * 1.15 + 0.3,
        Block::List { items, .. } => items.iter().map(item_cost).sum::<f32>() + 0.3,
        // A quotation is narrower by its border and padding.
        Block::Quote(blocks) => blocks.iter().map(cost).sum::<f32>() * 1.08 + 0.4,
        Block::Table { head, rows } => {
            let widths = columns(head, rows);
            std::iter::once(head)
                .chain(rows)
                .map(|row| row_lines(row, &widths) + 0.3)
                .sum::<f32>()
                + 0.3
        }
        Block::Image { .. } => IMAGE_LINES,
        Block::Code { text, .. } => lines_of(text, CHARS_PER_LINE) + 0.3,
        Block::WritingLine | Block::Rule => 0.5,
    }
}

/// Full-width characters on a line of table text (42 px, 22 pt: a little smaller than body).
pub const TABLE_CHARS: f32 = CHARS_PER_LINE * 1.1;

/// Each column's share of a table's width, by how much its cells hold: a column of short
/// labels stays narrow, a column of sentences gets the room.
pub fn columns(head: &[Vec<Run>], rows: &[Vec<Vec<Run>>]) -> Vec<f32> {
    let n = head.len().max(1);
    let mut want = vec![3.0f32; n];
    for row in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        for (c, cell) in row.iter().enumerate().take(n) {
            let w = text(cell).split('\n').map(width).fold(0.0f32, f32::max) + 2.0;
            want[c] = want[c].max(w.min(TABLE_CHARS));
        }
    }
    let total: f32 = want.iter().sum();
    want.iter().map(|w| w / total).collect()
}

/// The lines of a table row when its columns have the shares `widths`.
pub fn row_lines(row: &[Vec<Run>], widths: &[f32]) -> f32 {
    row.iter()
        .zip(widths)
        .map(|(cell, w)| lines_of(&text(cell), (w * TABLE_CHARS - 1.0).max(2.0)))
        .fold(1.0f32, f32::max)
        * (42.0 / 48.0)
}

fn item_cost(item: &Item) -> f32 {
    let t = crate::plan::blocks_text(&item.blocks);
    lines_of(&t, CHARS_PER_LINE - 1.3) + 0.2
}

/// A slide as one or more slides that each fit; the later ones' titles end in `（续）`.
pub fn split(slide: Slide) -> Vec<Slide> {
    let mut pieces: Vec<Block> = Vec::new();
    for block in &slide.blocks {
        pieces.extend(cut(block));
    }
    let mut pages: Vec<Vec<Block>> = vec![Vec::new()];
    let mut used = 0.0;
    for block in pieces {
        let c = cost(&block);
        let page = pages.last_mut().expect("never empty");
        if !page.is_empty() && used + c > BUDGET {
            pages.push(vec![block]);
            used = c;
        } else {
            page.push(block);
            used += c;
        }
    }
    pages
        .into_iter()
        .enumerate()
        .map(|(i, blocks)| {
            let mut s = slide.clone();
            s.blocks = blocks;
            if i > 0 {
                // The step's notes stay with each of its slides: the teacher reads on.
                s.title = format!("{}（续）", slide.title);
            }
            s
        })
        .collect()
}

/// A block too long for one slide, as pieces that each fit (a list by items, a table by rows
/// with its head repeated, a paragraph by sentences). A block that fits is returned as is.
fn cut(block: &Block) -> Vec<Block> {
    if cost(block) <= BUDGET {
        return vec![block.clone()];
    }
    match block {
        Block::List { start, items } => {
            let mut out = Vec::new();
            let mut chunk: Vec<Item> = Vec::new();
            let mut first = 0u64;
            let mut used = 0.3;
            for item in items {
                let c = item_cost(item);
                if !chunk.is_empty() && used + c > BUDGET {
                    let n = chunk.len() as u64;
                    out.push(Block::List {
                        start: start.map(|s| s + first),
                        items: std::mem::take(&mut chunk),
                    });
                    first += n;
                    used = 0.3;
                }
                used += c;
                chunk.push(item.clone());
            }
            out.push(Block::List {
                start: start.map(|s| s + first),
                items: chunk,
            });
            out
        }
        Block::Table { head, rows } => {
            let mut out = Vec::new();
            let mut chunk = Vec::new();
            for row in rows {
                chunk.push(row.clone());
                let candidate = Block::Table {
                    head: head.clone(),
                    rows: chunk.clone(),
                };
                if chunk.len() > 1 && cost(&candidate) > BUDGET {
                    let last = chunk.pop().expect("two rows");
                    out.push(Block::Table {
                        head: head.clone(),
                        rows: std::mem::take(&mut chunk),
                    });
                    chunk.push(last);
                }
            }
            out.push(Block::Table {
                head: head.clone(),
                rows: chunk,
            });
            out
        }
        Block::Quote(blocks) => {
            let mut out = Vec::new();
            let mut chunk: Vec<Block> = Vec::new();
            for piece in blocks.iter().flat_map(cut) {
                let candidate: Vec<Block> = chunk.iter().cloned().chain([piece.clone()]).collect();
                if !chunk.is_empty() && cost(&Block::Quote(candidate)) > BUDGET {
                    out.push(Block::Quote(std::mem::take(&mut chunk)));
                }
                chunk.push(piece);
            }
            out.push(Block::Quote(chunk));
            out
        }
        Block::Paragraph(runs) => sentences(runs).into_iter().map(Block::Paragraph).collect(),
        other => vec![other.clone()],
    }
}

/// Styled text as pieces of whole sentences that each fit on a slide (a sentence longer than
/// a slide is cut where it fills one).
fn sentences(runs: &[Run]) -> Vec<Vec<Run>> {
    // Room for a paragraph inside a quotation too (narrower, see `cost`).
    let limit = (BUDGET - 2.0) * CHARS_PER_LINE / 1.08;
    // Sentences first, each as runs.
    let mut all: Vec<Vec<Run>> = Vec::new();
    let mut current: Vec<Run> = Vec::new();
    for run in runs {
        let mut piece = String::new();
        for c in run.text.chars() {
            piece.push(c);
            let full = width(&text(&current)) + width(&piece) > limit;
            if matches!(c, '。' | '！' | '？' | '；' | '\n') || full {
                current.push(Run {
                    text: std::mem::take(&mut piece),
                    ..run.clone()
                });
                all.push(std::mem::take(&mut current));
            }
        }
        if !piece.is_empty() {
            current.push(Run {
                text: piece,
                ..run.clone()
            });
        }
    }
    if !current.is_empty() {
        all.push(current);
    }
    // Then as many whole sentences a piece as fit.
    let mut out: Vec<Vec<Run>> = Vec::new();
    let mut used = 0.0;
    for sentence in all {
        let w = width(&text(&sentence));
        match out.last_mut() {
            Some(last) if used + w <= limit => {
                last.extend(sentence);
                used += w;
            }
            _ => {
                out.push(sentence);
                used = w;
            }
        }
    }
    out
}
