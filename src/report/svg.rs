//! The report's two charts, drawn as inline SVG by our own code: the coverage heatmap and the
//! training-hours bar chart. No script, no external font or file: they print as they show.

use std::fmt::Write as _;

use super::{Cell, Report};
use crate::catalog::Track;
use crate::model::format_hours;
use crate::render::escape::escape;

const LABEL_W: usize = 64;
const CELL_W: usize = 46;
const CELL_H: usize = 36;
const HEAD_H: usize = 150;
/// How far the 45° column headers reach right of their column.
const HEAD_SLANT: usize = 110;

/// A column of the heatmap: the n-th developmental emphasis of each stage (they differ by
/// stage), or one remedial area (the same at every stage).
enum Column {
    Emphasis(usize),
    Area { id: String, name: String },
}

fn columns(report: &Report) -> Vec<Column> {
    let emphases = report
        .coverage
        .iter()
        .map(|s| {
            s.cells
                .iter()
                .filter(|c| c.track == Track::Developmental)
                .count()
        })
        .max()
        .unwrap_or(0);
    let mut cols: Vec<Column> = (0..emphases).map(Column::Emphasis).collect();
    for stage in &report.coverage {
        for c in stage.cells.iter().filter(|c| c.track == Track::Remedial) {
            let known = cols
                .iter()
                .any(|k| matches!(k, Column::Area { id, .. } if *id == c.topic.id));
            if !known {
                cols.push(Column::Area {
                    id: c.topic.id.clone(),
                    name: c.topic.name.clone(),
                });
            }
        }
    }
    cols
}

fn fill(cell: &Cell) -> (&'static str, &'static str) {
    if !cell.applicable && cell.for_students == 0 {
        return ("#eeeeee", "#555555");
    }
    match cell.for_students {
        0 => ("#fde2e1", "#a61b1b"),
        1 => ("#d6efd9", "#1d4d26"),
        2 => ("#97d3a2", "#123d1b"),
        _ => ("#3f9a52", "#ffffff"),
    }
}

/// The coverage matrix: a row per stage, a column per emphasis or area, colour by how many
/// lessons and class meetings there are; a gap is pink with a red border and "缺".
pub fn heatmap(report: &Report) -> String {
    let cols = columns(report);
    let emphases = cols
        .iter()
        .filter(|c| matches!(c, Column::Emphasis(_)))
        .count();
    // Room on the right for the last angled header.
    let width = LABEL_W + cols.len() * CELL_W + HEAD_SLANT;
    let height = HEAD_H + report.coverage.len() * CELL_H + 34;
    let mut s = format!(
        "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"heatmap-title\" font-family=\"sans-serif\">\
<title id=\"heatmap-title\">覆盖热力图：各学段每个发展性重点和补救性领域的教案与班会数量</title>"
    );
    let x0 = LABEL_W;
    let dev_w = emphases * CELL_W;
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"16\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"bold\">发展性教育（各学段重点）</text>\
<text x=\"{}\" y=\"16\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"bold\">补救性教育（问题领域）</text>",
        x0 + dev_w / 2,
        x0 + dev_w + (cols.len() - emphases) * CELL_W / 2
    );
    for (i, col) in cols.iter().enumerate() {
        let cx = x0 + i * CELL_W + CELL_W / 2;
        let label = match col {
            Column::Emphasis(n) => format!("重点{}", n + 1),
            Column::Area { name, .. } => name.clone(),
        };
        let _ = write!(
            s,
            "<text transform=\"translate({} {}) rotate(-45)\" font-size=\"13\">{}</text>",
            cx - 4,
            HEAD_H - 6,
            escape(&label)
        );
    }
    for (r, stage) in report.coverage.iter().enumerate() {
        let y = HEAD_H + r * CELL_H;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\" font-weight=\"bold\">{}</text>",
            LABEL_W - 6,
            y + CELL_H / 2 + 4,
            escape(&stage.stage.name)
        );
        let dev: Vec<&Cell> = stage
            .cells
            .iter()
            .filter(|c| c.track == Track::Developmental)
            .collect();
        for (i, col) in cols.iter().enumerate() {
            let cell = match col {
                Column::Emphasis(n) => dev.get(*n).copied(),
                Column::Area { id, .. } => stage.cells.iter().find(|c| c.topic.id == *id),
            };
            let x = x0 + i * CELL_W;
            match cell {
                Some(c) => draw_cell(
                    &mut s,
                    x,
                    y,
                    c,
                    &stage.stage.name,
                    matches!(col, Column::Emphasis(_)),
                ),
                None => {
                    let _ = write!(
                        s,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"{CELL_W}\" height=\"{CELL_H}\" fill=\"#f3f3f3\" stroke=\"#fff\"/>"
                    );
                }
            }
        }
    }
    legend(&mut s, HEAD_H + report.coverage.len() * CELL_H + 12);
    s.push_str("</svg>");
    s
}

fn draw_cell(s: &mut String, x: usize, y: usize, c: &Cell, stage: &str, named: bool) {
    let (bg, fg) = fill(c);
    let n = &c.counts;
    let stroke = if c.gap { "#c0392b" } else { "#ffffff" };
    let tip = format!(
        "{stage} · {}：教案 {}，班会 {}，家长微课 {}，培训 {}{}",
        c.topic.name,
        n.lessons,
        n.class_meetings,
        n.microcourses,
        n.training,
        match (c.gap, c.applicable) {
            (true, _) => "（缺口）",
            (false, false) => "（该学段不适用）",
            _ => "",
        }
    );
    let _ = write!(
        s,
        "<g class=\"cell{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{bg}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
        match (c.gap, c.applicable) {
            (true, _) => " gap",
            (false, false) => " na",
            _ => "",
        },
        escape(&tip),
        x + 1,
        y + 1,
        CELL_W - 2,
        CELL_H - 2,
        if c.gap { 1.5 } else { 1.0 },
    );
    let mid = x + CELL_W / 2;
    let value = if c.gap {
        "缺".to_string()
    } else if !c.applicable && c.for_students == 0 {
        "不适用".to_string()
    } else {
        c.for_students.to_string()
    };
    let size = if value.chars().count() > 2 { 10 } else { 13 };
    if named {
        let short: String = c.topic.name.chars().take(4).collect();
        let _ = write!(
            s,
            "<text x=\"{mid}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{fg}\">{}</text>\
<text x=\"{mid}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{fg}\">{value}</text>",
            y + 15,
            escape(&short),
            y + 30
        );
    } else {
        let _ = write!(
            s,
            "<text x=\"{mid}\" y=\"{}\" font-size=\"{size}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{fg}\">{value}</text>",
            y + CELL_H / 2 + 5
        );
    }
    s.push_str("</g>");
}

fn legend(s: &mut String, y: usize) {
    let items = [
        ("#fde2e1", "缺口：没有教案或班会"),
        ("#d6efd9", "1 篇"),
        ("#97d3a2", "2 篇"),
        ("#3f9a52", "3 篇及以上"),
        ("#eeeeee", "不适用：该学段不涉及"),
    ];
    let mut x = LABEL_W;
    for (color, label) in items {
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"14\" fill=\"{color}\" stroke=\"#999\" stroke-width=\"0.5\"/>\
<text x=\"{}\" y=\"{}\" font-size=\"11\">{label}</text>",
            x + 18,
            y + 11
        );
        x += 28 + label.chars().count() * 11;
    }
}

/// Training hours per audience as horizontal bars, with the target as a dashed mark.
pub fn hours_chart(report: &Report) -> String {
    const LABEL: usize = 76;
    const BAR: usize = 300;
    const ROW: usize = 26;
    let rows = &report.hours;
    let max = rows
        .iter()
        .map(|h| h.hours.max(h.target.unwrap_or(0.0)))
        .fold(1.0_f64, f64::max);
    let width = LABEL + BAR + 120;
    let height = rows.len() * ROW + 12;
    let mut s = format!(
        "<svg class=\"hours-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"hours-title\" font-family=\"sans-serif\">\
<title id=\"hours-title\">各培训对象的课时与目标</title>"
    );
    let scale = |h: f64| (h / max * BAR as f64).round() as usize;
    for (i, h) in rows.iter().enumerate() {
        let y = 6 + i * ROW;
        let w = scale(h.hours);
        let color = match h.met {
            Some(false) => "#d9822b",
            _ => "#2f7d6d",
        };
        let target = h
            .target
            .map_or(String::new(), |t| format!(" / 目标 {}", format_hours(t)));
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>\
<rect x=\"{LABEL}\" y=\"{y}\" width=\"{BAR}\" height=\"18\" fill=\"#f1f1f1\"/>\
<rect class=\"bar\" x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"18\" fill=\"{color}\"><title>{} 课时</title></rect>\
<text x=\"{}\" y=\"{}\" font-size=\"11\">{} 课时{target}</text>",
            LABEL - 6,
            y + 13,
            escape(&h.audience.name),
            format_hours(h.hours),
            LABEL + BAR + 6,
            y + 13,
            format_hours(h.hours),
        );
        if let Some(t) = h.target {
            let tx = LABEL + scale(t);
            let _ = write!(
                s,
                "<line class=\"target\" x1=\"{tx}\" y1=\"{}\" x2=\"{tx}\" y2=\"{}\" stroke=\"#222\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
                y - 2,
                y + 20
            );
        }
    }
    s.push_str("</svg>");
    s
}
