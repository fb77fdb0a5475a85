//! A grade's 教学进度表: per semester, one row per lesson in teaching order, with the
//! class-meeting kit of the same week beside it; a kit whose week has no lesson gets a row of
//! its own. Plans without `week:` come after the dated ones, as 未排周次. The grade page, the
//! printable page and the Word table all show these rows.

use serde::Serialize;

use crate::catalog::Grade;
use crate::emit::classroom;
use crate::model::{Curriculum, Document, Kind, Term};

/// The week column of a plan without `week:`.
pub const UNSCHEDULED: &str = "未排周次";

#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub grade: String,
    pub stage: String,
    pub terms: Vec<TermRows>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermRows {
    /// `first`, `second` or `unspecified`.
    pub id: &'static str,
    pub name: &'static str,
    pub rows: Vec<Row>,
}

/// A link to a document: its title and site-relative URL.
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub week: Option<u32>,
    /// `第 3 周`, or [`UNSCHEDULED`].
    pub week_text: String,
    /// 课题: the plan's title (the kit's, on a row of its own).
    pub title: String,
    /// The plan's page.
    pub url: String,
    /// 主题/侧重点: the plan's topic.
    pub emphasis: Option<String>,
    /// 课型: the lesson form, or 主题班会 for a kit's own row.
    pub form: Option<String>,
    pub minutes: Option<u32>,
    /// The class-meeting kits of this week.
    pub kits: Vec<Linked>,
    /// The plan's Word 教案 and slide deck, when it has them.
    pub docx: Option<String>,
    pub deck: Option<String>,
}

impl Schedule {
    pub fn new(model: &Curriculum, grade: &Grade) -> Schedule {
        let terms = (model.grade_terms(grade).iter())
            .map(|t| TermRows {
                id: t.id(),
                name: t.name(),
                rows: rows(t),
            })
            .filter(|t| !t.rows.is_empty() || t.id != "unspecified")
            .collect();
        Schedule {
            grade: grade.name.clone(),
            stage: model.catalog.stage(grade.stage).name.clone(),
            terms,
        }
    }

    pub fn row_count(&self) -> usize {
        self.terms.iter().map(|t| t.rows.len()).sum()
    }
}

fn rows(term: &Term) -> Vec<Row> {
    let lessons: Vec<&Document> = term.of(Kind::Lesson).collect();
    let kits: Vec<&Document> = term.of(Kind::ClassMeeting).collect();
    // A kit sits beside the first lesson of its week; without one it is a row of its own.
    let beside = |kit: &Document| {
        kit.details.week.is_some() && lessons.iter().any(|l| l.details.week == kit.details.week)
    };
    let mut weeks_shown = std::collections::HashSet::new();
    let mut out = Vec::new();
    for d in term.docs.iter().copied() {
        let kits_here = match d.kind {
            Kind::Lesson => match d.details.week {
                Some(week) if weeks_shown.insert(week) => (kits.iter())
                    .filter(|k| k.details.week == Some(week))
                    .map(|k| linked(k))
                    .collect(),
                _ => Vec::new(),
            },
            Kind::ClassMeeting if !beside(d) => vec![linked(d)],
            _ => continue,
        };
        out.push(row(d, kits_here));
    }
    out
}

fn linked(d: &Document) -> Linked {
    Linked {
        title: d.title.clone(),
        url: d.url.clone(),
    }
}

fn row(d: &Document, kits: Vec<Linked>) -> Row {
    let files = classroom::links(d);
    let form = match d.kind {
        Kind::ClassMeeting => Some(d.kind.name().to_string()),
        _ => d.details.form.as_ref().map(|f| f.name.clone()),
    };
    Row {
        week: d.details.week,
        week_text: d
            .details
            .week
            .map_or_else(|| UNSCHEDULED.to_string(), |w| format!("第 {w} 周")),
        title: d.title.clone(),
        url: d.url.clone(),
        emphasis: d.topic.as_ref().map(|t| t.name.clone()),
        form,
        minutes: d.details.duration,
        kits,
        docx: files.as_ref().and_then(|f| f.docx.clone()),
        deck: files.and_then(|f| f.deck),
    }
}
