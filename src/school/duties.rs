//! `parent-school`: the plan's minimum for each school's parents. A 家长会 every term and a
//! 家长学校 session every school year, over the terms its events cover (a school that has
//! planned only this term is asked only about this term). Warned at the school's file.

use super::{Event, EventKind, School};
use crate::diag::{Diagnostic, Severity, Span};

/// A school year's term: (year it starts in September, 1 or 2).
type Term = (u16, u8);

/// September to January is the first term; February to August the second.
fn term_of(e: &Event) -> Term {
    let (y, m) = (e.date.year, e.date.month);
    match m {
        9..=12 => (y, 1),
        1 => (y - 1, 1),
        _ => (y - 1, 2),
    }
}

fn name(t: Term) -> String {
    let (y, n) = t;
    format!(
        "{y}—{} 学年第{}学期",
        y + 1,
        if n == 1 { "一" } else { "二" }
    )
}

pub fn check(school: &School, at: Span) -> Vec<Diagnostic> {
    let warn = |message: String, hint: &str| {
        let mut d = Diagnostic::error("parent-school", &school.file, at, message).with_hint(hint);
        d.severity = Severity::Warning;
        d
    };
    let (Some(first), Some(last)) = (
        school.events.iter().map(term_of).min(),
        school.events.iter().map(term_of).max(),
    ) else {
        return vec![warn(
            format!("{}还没有安排家长会和家长学校", school.name),
            "在 events: 里至少写每学期一次 kind: 家长会、每学年一次 kind: 家长学校（日期、时间、主题）",
        )];
    };
    let mut out = Vec::new();
    let mut term = first;
    while term <= last {
        let meets = school
            .events
            .iter()
            .any(|e| term_of(e) == term && e.kind == EventKind::Meeting);
        if !meets {
            out.push(warn(
                format!(
                    "{}在{}没有安排家长会（行动计划要求每学期至少一次）",
                    school.name,
                    name(term)
                ),
                "在 events: 里加一场 kind: 家长会，写上日期、时间和主题",
            ));
        }
        term = if term.1 == 1 {
            (term.0, 2)
        } else {
            (term.0 + 1, 1)
        };
    }
    for year in first.0..=last.0 {
        let session = school
            .events
            .iter()
            .any(|e| term_of(e).0 == year && e.kind == EventKind::Session);
        if !session {
            out.push(warn(
                format!(
                    "{}在 {year}—{} 学年没有安排家长学校（行动计划要求每学年至少一次）",
                    school.name,
                    year + 1
                ),
                "在 events: 里加一次 kind: 家长学校，写上日期、时间和主题",
            ));
        }
    }
    out
}
