//! Grade pages: `grades/` lists every grade that has a document, stage by stage; each grade's
//! page (`grades/<id>/`) lists its lessons, class-meeting kits and micro-courses by semester in
//! teaching order, with its 教学进度表 ([`schedule`]) as a table, a page that prints on one A4
//! sheet (`grades/<id>/schedule/`) and a Word file ([`word`]).

mod schedule;
mod word;

use std::sync::Arc;

use minijinja::{Value, context};
use serde::Serialize;

use super::lazy::lazy_list;
use super::page::{page, ser};
use super::view::Crumb;
use super::{Change, Context, Emitter, Lists, Output, gather};
use crate::catalog::Grade;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Kind, in_year};
use schedule::Schedule;

pub struct GradePages;

/// Where a grade's pages and files are, site-relative.
pub fn grade_url(grade: &Grade) -> String {
    format!("grades/{}/", grade.id)
}

fn schedule_url(grade: &Grade) -> String {
    format!("grades/{}/schedule/", grade.id)
}

fn docx_url(grade: &Grade) -> String {
    format!("grades/{}/{}-schedule.docx", grade.id, grade.id)
}

/// `四年级心理健康教育教学进度表`: the printed title and the Word file's name.
fn schedule_title(grade: &Grade) -> String {
    format!("{}心理健康教育教学进度表", grade.name)
}

impl Emitter for GradePages {
    fn name(&self) -> &'static str {
        "grade-pages"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let model = cx.model;
        let grades = model.grades_in_use();
        let mut results = vec![index_page(cx, &grades)];
        for grade in grades {
            let schedule = Schedule::new(model, grade);
            results.push(grade_page(cx, grade, &schedule));
            results.push(schedule_page(cx, grade, &schedule));
            results.push(word_file(cx, grade, &schedule));
        }
        gather(results)
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        // Grade pages show front matter only (a body edit changes none of them); a change of
        // a document's grades is a full rebuild in serve.
        let shown = |d: &crate::model::Document| in_year(d.kind) && !d.details.grades.is_empty();
        let listed = match &change.lists {
            Lists::None => false,
            Lists::All => true,
            Lists::Containing(set) => set.iter().any(|&i| shown(&cx.model.documents[i])),
        };
        let reached = listed
            || change.statics
            || ["grade.html", "grades.html", "schedule.html"]
                .iter()
                .any(|t| cx.theme.uses(t, &change.templates));
        super::change::all_or_nothing(reached, || self.emit(cx))
    }
}

#[derive(Debug, Serialize)]
struct GradeLink {
    id: String,
    name: String,
    url: String,
    count: usize,
}

#[derive(Debug, Serialize)]
struct StageGrades {
    id: &'static str,
    name: String,
    grades: Vec<GradeLink>,
}

fn index_page(cx: &Context, grades: &[&Grade]) -> Result<Output, Diagnostic> {
    let model = cx.model;
    let stages: Vec<StageGrades> = (model.config.served_stages().iter())
        .map(|&s| StageGrades {
            id: s.id(),
            name: model.catalog.stage(s).name.clone(),
            grades: (grades.iter())
                .filter(|g| g.stage == s)
                .map(|g| GradeLink {
                    id: g.id.clone(),
                    name: g.name.clone(),
                    url: grade_url(g),
                    count: model.in_grade(g).count(),
                })
                .collect(),
        })
        .filter(|s| !s.grades.is_empty())
        .collect();
    let local = context! { title => "各年级教学安排", stages => ser(stages) };
    page(cx, "grades.html", "grades/index.html", "grades/", local)
}

fn crumbs(cx: &Context, grade: &Grade, here: bool) -> Vec<Crumb> {
    let stage = grade.stage;
    let mut out = vec![
        Crumb {
            title: "首页".into(),
            url: String::new(),
        },
        Crumb {
            title: cx.model.catalog.stage(stage).name.clone(),
            url: format!("{}/", stage.id()),
        },
    ];
    if !here {
        out.push(Crumb {
            title: grade.name.clone(),
            url: grade_url(grade),
        });
    }
    out
}

fn grade_page(cx: &Context, grade: &Grade, schedule: &Schedule) -> Result<Output, Diagnostic> {
    let model = cx.model;
    let terms: Vec<Value> = (model.grade_terms(grade).iter())
        .map(|t| {
            let groups: Vec<Value> = [Kind::Lesson, Kind::ClassMeeting, Kind::Microcourse]
                .into_iter()
                .map(|k| {
                    let items: Vec<Arc<_>> =
                        t.of(k).map(|d| cx.summaries.of(model, d)).collect();
                    context! { title => k.name(), kind => k.id(), items => lazy_list(&items) }
                })
                .collect();
            let minutes: u32 = t.docs.iter().filter_map(|d| d.details.duration).sum();
            let rows = (schedule.terms.iter())
                .find(|s| s.id == t.id())
                .map(|s| ser(&s.rows));
            context! { id => t.id(), name => t.name(), groups, minutes, rows, count => t.docs.len() }
        })
        .collect();
    let url = grade_url(grade);
    let local = context! {
        title => grade.name.clone(),
        grade => context! { id => grade.id.clone(), name => grade.name.clone(), stage => model.catalog.stage(grade.stage).name.clone() },
        terms,
        schedule_url => schedule_url(grade),
        docx_url => docx_url(grade),
        docx_name => format!("{}.docx", schedule_title(grade)),
        breadcrumbs => ser(crumbs(cx, grade, true)),
    };
    page(cx, "grade.html", &format!("{url}index.html"), &url, local)
}

fn schedule_page(cx: &Context, grade: &Grade, schedule: &Schedule) -> Result<Output, Diagnostic> {
    let url = schedule_url(grade);
    let local = context! {
        title => schedule_title(grade),
        schedule => ser(schedule),
        grade_url => grade_url(grade),
        docx_url => docx_url(grade),
        docx_name => format!("{}.docx", schedule_title(grade)),
        rows => schedule.row_count(),
        breadcrumbs => ser(crumbs(cx, grade, false)),
    };
    page(
        cx,
        "schedule.html",
        &format!("{url}index.html"),
        &url,
        local,
    )
}

fn word_file(cx: &Context, grade: &Grade, schedule: &Schedule) -> Result<Output, Diagnostic> {
    let path = docx_url(grade);
    word::docx(schedule, &schedule_title(grade), &cx.model.config.base_url)
        .map(|bytes| Output::new(path.clone(), bytes))
        .map_err(|e| {
            Diagnostic::general(
                Severity::Error,
                "docx",
                format!("写不出教学进度表 {path}：{e}"),
            )
            .with_hint("这是内部错误：请把这条消息报告给 yuxin 的维护者")
        })
}
