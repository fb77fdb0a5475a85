//! The report as a terminal table: plain text, aligned by display width (Chinese characters
//! take two columns).

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::Report;
use crate::model::format_hours;

/// `text` padded with spaces to `width` terminal columns.
fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// `text` right-aligned in `width` columns.
fn rpad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let t = &report.totals;
    let _ = writeln!(out, "{} · 课程覆盖报告\n", report.title);
    let _ = writeln!(
        out,
        "共 {} 篇文档：教案 {}，主题班会 {}，家长微课 {}，培训模块 {}（{} 课时）。覆盖格 {} 个，缺口 {} 个{}。\n",
        t.documents,
        t.lessons,
        t.class_meetings,
        t.microcourses,
        t.training_modules,
        format_hours(t.training_hours),
        t.cells,
        t.gaps,
        not_applicable(t.not_applicable)
    );
    coverage(report, &mut out);
    forms(report, &mut out);
    class_meetings(report, &mut out);
    hours(report, &mut out);
    let _ = writeln!(out, "\n六、各年级各学期（教学进度表见 grades/<年级>/）");
    out.push_str(&super::grades::lines(&report.grades, &report.empty_grades));
    out
}

fn coverage(report: &Report, out: &mut String) {
    let _ = writeln!(
        out,
        "一、覆盖：各学段的发展性重点和补救性领域（缺口 = 没有教案也没有班会）"
    );
    for stage in &report.coverage {
        let _ = writeln!(
            out,
            "\n【{}】缺口 {} / {}{}",
            stage.stage.name,
            stage.gaps,
            stage.cells.len() - stage.not_applicable,
            not_applicable(stage.not_applicable)
        );
        let _ = writeln!(
            out,
            "  {}{}{}{}{}",
            pad("主题", 34),
            rpad("教案", 6),
            rpad("班会", 6),
            rpad("微课", 6),
            rpad("培训", 6)
        );
        for c in &stage.cells {
            let name = format!("{}（{}）", c.topic.name, c.track.name());
            let n = &c.counts;
            let _ = writeln!(
                out,
                "  {}{}{}{}{}{}",
                pad(&name, 34),
                rpad(&n.lessons.to_string(), 6),
                rpad(&n.class_meetings.to_string(), 6),
                rpad(&n.microcourses.to_string(), 6),
                rpad(&n.training.to_string(), 6),
                match (c.gap, c.applicable) {
                    (true, _) => "  ← 缺口",
                    (false, false) => "  （不适用）",
                    _ => "",
                }
            );
        }
    }
}

/// "，另有 4 格不适用" when the catalog leaves areas out at a stage.
fn not_applicable(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("，另有 {n} 格不适用")
    }
}

fn forms(report: &Report, out: &mut String) {
    let _ = writeln!(out, "\n二、课型使用（教案和班会）");
    let mut head = format!("  {}", pad("课型", 14));
    for c in &report.coverage {
        head.push_str(&rpad(&c.stage.name, 11));
    }
    head.push_str(&rpad("合计", 7));
    let _ = writeln!(out, "{head}");
    for f in &report.forms {
        let mut line = format!("  {}", pad(&f.form.name, 14));
        for c in &report.coverage {
            line.push_str(&rpad(
                &f.by_stage
                    .get(c.stage.id.as_str())
                    .copied()
                    .unwrap_or(0)
                    .to_string(),
                11,
            ));
        }
        line.push_str(&rpad(&f.total.to_string(), 7));
        let _ = writeln!(out, "{line}");
    }
}

fn class_meetings(report: &Report, out: &mut String) {
    let _ = writeln!(out, "\n三、主题班会：各学段每学期");
    let _ = writeln!(
        out,
        "  {}{}{}{}{}",
        pad("学段", 12),
        rpad("第一学期", 10),
        rpad("第二学期", 10),
        rpad("未写学期", 10),
        rpad("合计", 6)
    );
    for c in &report.class_meetings {
        let _ = writeln!(
            out,
            "  {}{}{}{}{}",
            pad(&c.stage.name, 12),
            rpad(&c.first.to_string(), 10),
            rpad(&c.second.to_string(), 10),
            rpad(&c.unspecified.to_string(), 10),
            rpad(&c.total.to_string(), 6)
        );
    }
}

fn hours(report: &Report, out: &mut String) {
    let _ = writeln!(
        out,
        "\n四、教师培训课时（按对象；目标为行动计划的每年要求）"
    );
    let _ = writeln!(
        out,
        "  {}{}{}{}  达标",
        pad("对象", 12),
        rpad("模块", 6),
        rpad("课时", 8),
        rpad("目标", 8),
    );
    for h in &report.hours {
        let target = h.target.map_or("—".to_string(), format_hours);
        let met = match h.met {
            Some(true) => "✓",
            Some(false) => "✗ 未达标",
            None => "",
        };
        let _ = writeln!(
            out,
            "  {}{}{}{}  {met}",
            pad(&h.audience.name, 12),
            rpad(&h.modules.to_string(), 6),
            rpad(&format_hours(h.hours), 8),
            rpad(&target, 8),
        );
    }
    let _ = writeln!(out, "\n五、学时台账（对照年度培训要求）");
    for line in crate::training::ledger::summary_lines(&report.ledger) {
        let _ = writeln!(out, "  {line}");
    }
}
