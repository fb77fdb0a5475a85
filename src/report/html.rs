//! The report as HTML: one A4 landscape sheet with the heatmap, the hours chart and two small
//! tables. The same fragment is the `/report/` page of the teacher site and the body of
//! `yuxin report --format html`.

use std::fmt::Write as _;

use super::{Report, svg};
use crate::model::format_hours;
use crate::render::escape::escape;

/// Styles of the sheet, scoped to `.report-sheet`; the named page prints it A4 landscape
/// without changing how other pages print.
const STYLE: &str = "<style>
@page report-a4 { size: A4 landscape; margin: 8mm; }
.report-sheet { page: report-a4; }
.report-sheet h1 { margin: .2em 0; font-size: 1.5rem; }
.report-sheet h2 { font-size: 1rem; margin: .6em 0 .3em; }
.report-sheet .report-totals { margin: 0 0 .4em; color: #444; }
.report-ledger { margin: .2rem 0 0; padding-left: 1.1rem; font-size: .8rem; }
.report-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: .4rem 1.2rem; align-items: start; }
.report-sheet svg { max-width: 100%; height: auto; display: block; }
.report-coverage { grid-column: 1 / -1; }
.report-sheet table { border-collapse: collapse; font-size: .85rem; width: 100%; }
.report-sheet th, .report-sheet td { border: 1px solid #ccc; padding: .15em .4em; text-align: right; }
.report-sheet th:first-child, .report-sheet td:first-child { text-align: left; }
.report-sheet td.zero { color: #aaa; }
.report-sheet .gaps { text-align: left; font-size: .8rem; }
.report-grades td:nth-child(-n+4) { white-space: nowrap; }
.report-grades td.gaps { min-width: 16em; }
.report-sheet .report-note { font-size: .8rem; color: #555; margin-top: .4em; }
@media screen and (max-width: 800px) {
  .report-grid { grid-template-columns: minmax(0, 1fr); }
  .report-scroll { overflow-x: auto; }
  .report-scroll svg { max-width: none; }
}
@media print {
  .report-sheet { font-size: 9pt; }
  .report-sheet h1 { font-size: 15pt; }
  .report-sheet h2 { font-size: 10.5pt; }
  .report-sheet table { font-size: 8.5pt; }
  .report-sheet, .report-grid, .report-sheet section { break-inside: avoid; }
}
</style>";

/// The sheet: title, totals, charts and tables.
pub fn fragment(report: &Report) -> String {
    let t = &report.totals;
    let mut s = String::from("<div class=\"report-sheet\">");
    s.push_str(STYLE);
    let _ = write!(
        s,
        "<h1>{} · 课程覆盖报告</h1><p class=\"report-totals\">教案 {} 篇 · 主题班会 {} 个 · 家长微课 {} 个 · 培训模块 {} 个（{} 课时） · 覆盖格 {} 个，<strong>缺口 {} 个</strong>{}</p>",
        escape(&report.title),
        t.lessons,
        t.class_meetings,
        t.microcourses,
        t.training_modules,
        format_hours(t.training_hours),
        t.cells,
        t.gaps,
        if t.not_applicable > 0 {
            format!("，另有 {} 格不适用", t.not_applicable)
        } else {
            String::new()
        }
    );
    s.push_str("<div class=\"report-grid\">");
    let _ = write!(
        s,
        "<section class=\"report-coverage\"><h2>一、覆盖：各学段的发展性重点和补救性领域（教案＋班会篇数）</h2><div class=\"report-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"覆盖热力图，可左右滚动\">{}</div></section>",
        svg::heatmap(report)
    );
    let _ = write!(
        s,
        "<section class=\"report-meetings\"><h2>二、主题班会（各学段每学期）</h2>{}</section>",
        meetings_table(report)
    );
    let _ = write!(
        s,
        "<section class=\"report-hours\"><h2>三、教师培训课时（虚线为行动计划的每年目标）</h2>{}{}</section>",
        svg::hours_chart(report),
        ledger_list(report)
    );
    let _ = write!(
        s,
        "<section class=\"report-forms\"><h2>四、课型使用（教案和班会）</h2>{}</section>",
        forms_table(report)
    );
    s.push_str("</div>");
    let _ = write!(
        s,
        "<section class=\"report-grades\"><h2>五、各年级各学期（教案 · 班会 · 分钟；教学进度表见各年级页）</h2><div class=\"report-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"各年级各学期，可左右滚动\">{}</div></section>",
        grades_table(report)
    );
    s.push_str("<p class=\"report-note\">缺口：该学段该主题既没有教案也没有主题班会。不适用：目录说明该补救性领域不涉及这个学段（例如幼儿园的性心理障碍），不算缺口。培训不分学段，按主题计入每个学段。培训按模块的课时合计，一个模块面向多类对象时分别计入。</p></div>");
    s
}

/// The training targets that are not met, one line each (the whole ledger is on /training/).
fn ledger_list(report: &Report) -> String {
    let short: Vec<&crate::training::ledger::Row> =
        report.ledger.iter().filter(|r| !r.met).collect();
    if short.is_empty() {
        return "<p class=\"report-ledger\">学时台账：各项年度培训要求均已达到。</p>".into();
    }
    let mut s = String::from("<ul class=\"report-ledger\">");
    for r in short {
        let _ = write!(
            s,
            "<li>✗ {}：已有 {}，还差 {}</li>",
            escape(&r.name),
            escape(&r.actual_text),
            escape(&r.short_text)
        );
    }
    s.push_str("</ul>");
    s
}

fn num_cell(n: usize) -> String {
    if n == 0 {
        "<td class=\"zero\">0</td>".into()
    } else {
        format!("<td>{n}</td>")
    }
}

fn meetings_table(report: &Report) -> String {
    let mut s = String::from(
        "<table><thead><tr><th>学段</th><th>第一学期</th><th>第二学期</th><th>未写学期</th><th>合计</th></tr></thead><tbody>",
    );
    for c in &report.class_meetings {
        let _ = write!(
            s,
            "<tr><td>{}</td>{}{}{}{}</tr>",
            escape(&c.stage.name),
            num_cell(c.first),
            num_cell(c.second),
            num_cell(c.unspecified),
            num_cell(c.total)
        );
    }
    s.push_str("</tbody></table>");
    s
}

/// One row per grade: each semester's lessons, class meetings and minutes, then its gaps.
fn grades_table(report: &Report) -> String {
    if report.grades.is_empty() {
        return "<p>还没有写明年级（grades）的教案或班会。</p>".into();
    }
    let mut s = String::from(
        "<table><thead><tr><th>年级</th><th>第一学期</th><th>第二学期</th><th>未分学期</th><th class=\"gaps\">缺口</th></tr></thead><tbody>",
    );
    for g in &report.grades {
        let _ = write!(s, "<tr><td>{}</td>", escape(&g.grade.name));
        for id in ["first", "second", "unspecified"] {
            match g.terms.iter().find(|t| t.semester == id) {
                Some(t) if t.lessons + t.class_meetings > 0 => {
                    let _ = write!(
                        s,
                        "<td>{} · {} · {}</td>",
                        t.lessons, t.class_meetings, t.minutes
                    );
                }
                Some(_) => s.push_str("<td class=\"zero\">0</td>"),
                None => s.push_str("<td class=\"zero\">—</td>"),
            }
        }
        let _ = write!(s, "<td class=\"gaps\">{}</td></tr>", escape(&short_gaps(g)));
    }
    s.push_str("</tbody></table>");
    if !report.empty_grades.is_empty() {
        let _ = write!(
            s,
            "<p>还没有任何内容的年级：{}</p>",
            escape(&report.empty_grades.join("、"))
        );
    }
    s
}

/// A grade's gaps in a few words, for the table: `第一学期无班会；2 篇未排周次；未覆盖：…`.
fn short_gaps(g: &super::grades::GradeReport) -> String {
    let mut parts = Vec::new();
    for t in g.terms.iter().filter(|t| t.semester != "unspecified") {
        let mut missing = Vec::new();
        if t.lessons == 0 {
            missing.push("无教案");
        }
        if t.class_meetings == 0 {
            missing.push("无班会");
        }
        if !missing.is_empty() {
            let term = if t.semester == "first" {
                "第一学期"
            } else {
                "第二学期"
            };
            parts.push(format!("{term}{}", missing.join("、")));
        }
    }
    if let Some(t) = g.terms.iter().find(|t| t.semester == "unspecified") {
        let n = t.lessons + t.class_meetings + t.microcourses;
        parts.push(format!("{n} 篇未写学期"));
    }
    let unscheduled: usize = g.terms.iter().map(|t| t.unscheduled).sum();
    if unscheduled > 0 {
        parts.push(format!("{unscheduled} 篇未排周次"));
    }
    if !g.uncovered.is_empty() {
        let names: Vec<&str> = g.uncovered.iter().map(|r| r.name.as_str()).collect();
        parts.push(format!("未覆盖：{}", names.join("、")));
    }
    parts.join("；")
}

fn forms_table(report: &Report) -> String {
    let mut s = String::from("<table><thead><tr><th>课型</th>");
    for stage in &report.coverage {
        let _ = write!(s, "<th>{}</th>", escape(&stage.stage.name));
    }
    s.push_str("<th>合计</th></tr></thead><tbody>");
    for f in &report.forms {
        let _ = write!(s, "<tr><td>{}</td>", escape(&f.form.name));
        for st in &report.coverage {
            let id = st.stage.id.as_str();
            s.push_str(&num_cell(f.by_stage.get(id).copied().unwrap_or(0)));
        }
        let _ = write!(s, "{}</tr>", num_cell(f.total));
    }
    s.push_str("</tbody></table>");
    s
}

/// A whole HTML document, for `yuxin report --format html`: no site around it, no external
/// file, printable as it is.
pub fn standalone(report: &Report, language: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · 课程覆盖报告</title>\n<meta name=\"generator\" content=\"yuxin\">\n<style>body {{ font-family: system-ui, \"PingFang SC\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", sans-serif; margin: 1rem; color: #222; }}</style>\n</head>\n<body>\n{}\n</body>\n</html>\n",
        escape(language),
        escape(&report.title),
        fragment(report)
    )
}
