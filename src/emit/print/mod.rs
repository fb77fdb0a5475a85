//! Print views: a page per kit (a class meeting, or a lesson with handouts) that gathers the
//! plan and every handout and letter as A4 sheets, and a page per handout for printing it
//! alone. No site chrome; each sheet starts a new page and carries a QR code to its online
//! page. `yuxin build --pdf` turns each kit's view into a PDF (see [`crate::pdf`]).

mod jobs;
mod page;
mod qr;
mod school;
mod school_copy;
mod sheet;

use rayon::prelude::*;

use super::{Context, Emitter, Output};
use crate::diag::Diagnostic;
use crate::model::{Bundle, Curriculum, Document, HandoutAudience, Kind};
use jobs::file_safe;
pub use jobs::{
    PdfJob, PrintLinks, PrintPart, certificate_pdf, links, pdf_jobs, pdf_url, print_url,
};
use page::print_page;
pub use qr::{is_absolute as base_url_is_absolute, svg as qr_svg};
pub use school::SchoolPrints;
pub use sheet::{BodySize, Role};

pub struct PrintViews;

impl Emitter for PrintViews {
    fn name(&self) -> &'static str {
        "print-views"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let printables = printables(cx.model);
        let results: Vec<Result<Option<Output>, Diagnostic>> = printables
            .par_iter()
            .map(|p| cx.keep(print_page(cx, p, None)))
            .collect();
        let mut errors = clashes(cx.model, &printables);
        let mut outputs = Vec::new();
        for r in results {
            match r {
                Ok(o) => outputs.extend(o),
                Err(d) => errors.push(d),
            }
        }
        errors.dedup();
        if errors.is_empty() {
            Ok(outputs)
        } else {
            Err(errors)
        }
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &crate::emit::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        use crate::emit::change::Lists;
        let printed = |d: &crate::model::Document| shape(cx.model, d).is_some();
        if !change.reaches(cx, printed, &["print.html"]) {
            return Some(Ok(Vec::new()));
        }
        // An edit redoes the print views holding the documents it touched (and, for a
        // micro-course, the letters whose QR code names it); anything wider, all of them.
        let docs = &cx.model.documents;
        let touched: std::collections::BTreeSet<usize> = match &change.lists {
            Lists::All => return Some(self.emit(cx)),
            Lists::None => change.documents.clone(),
            Lists::Containing(set) => change.documents.union(set).copied().collect(),
        };
        if change.statics || !change.templates.is_empty() {
            return Some(self.emit(cx));
        }
        let letters = touched.iter().any(|&i| docs[i].kind == Kind::Microcourse);
        let is_letter =
            |i: &usize| docs[*i].details.handout_audience == Some(HandoutAudience::Parents);
        let outputs: Result<Vec<_>, Diagnostic> = printables(cx.model)
            .iter()
            .filter(|p| {
                p.sheets
                    .iter()
                    .any(|i| {
                        let kit = matches!(docs[*i].bundle, Bundle::Part { index } if touched.contains(&index));
                        touched.contains(i) || kit || (letters && is_letter(i))
                    })
            })
            .map(|p| cx.keep(print_page(cx, p, None)))
            .filter_map(Result::transpose)
            .collect();
        Some(outputs.map_err(|d| vec![d]))
    }
}

/// A document whose page would sit where a print view goes (a part called `print.md`).
fn clashes(model: &Curriculum, printables: &[Printable]) -> Vec<Diagnostic> {
    let urls: std::collections::HashSet<String> = printables
        .iter()
        .map(|p| print_url(&model.documents[p.index]))
        .collect();
    model
        .documents
        .iter()
        .filter(|d| urls.contains(&d.url))
        .map(|d| {
            Diagnostic::error(
                "print-url",
                &d.source,
                crate::diag::Span::file_start(),
                format!("这篇文档的网址 {} 和打印页的网址重了", d.url),
            )
            .with_hint("print/ 留给打印页用：给这个文件（或文件夹）换个名字")
        })
        .collect()
}

/// A document with a print view: a kit (its plan and handouts), a single part, a lesson's
/// 教案 or a training session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printable {
    /// The document whose page it belongs to.
    pub index: usize,
    /// The documents printed, in order: the plan first, then the handouts by weight.
    pub sheets: Vec<usize>,
    pub is_kit: bool,
}

/// What a print view holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A class meeting, or a lesson with handouts: the plan, then every part.
    Kit,
    /// A handout or letter alone.
    Part,
    /// A lesson's 教案 alone.
    Lesson,
    /// A training session.
    Session,
}

/// The print view a document has, if any.
pub fn shape(model: &Curriculum, doc: &Document) -> Option<Shape> {
    if is_kit(model, doc) {
        return Some(Shape::Kit);
    }
    match (doc.kind, &doc.bundle) {
        (Kind::Handout, _) => Some(Shape::Part),
        (Kind::Lesson, _) if doc.stage().is_some() => Some(Shape::Lesson),
        (Kind::Training, Bundle::Part { .. }) => Some(Shape::Session),
        _ => None,
    }
}

/// Every print view of the site, in document order.
pub fn printables(model: &Curriculum) -> Vec<Printable> {
    model
        .documents
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let shape = shape(model, d)?;
            let is_kit = shape == Shape::Kit;
            let sheets = if is_kit {
                std::iter::once(i).chain(handouts(model, d)).collect()
            } else {
                vec![i]
            };
            Some(Printable {
                index: i,
                sheets,
                is_kit,
            })
        })
        .collect()
}

/// A class meeting is always a kit; a lesson is one when its bundle holds handouts.
fn is_kit(model: &Curriculum, doc: &Document) -> bool {
    doc.stage().is_some()
        && (doc.kind == Kind::ClassMeeting
            || (doc.kind == Kind::Lesson && !handouts(model, doc).is_empty()))
}

/// The handouts of a bundle, in list order (weight, then title).
fn handouts(model: &Curriculum, doc: &Document) -> Vec<usize> {
    let Bundle::Index { parts } = &doc.bundle else {
        return Vec::new();
    };
    let mut parts: Vec<usize> = parts
        .iter()
        .copied()
        .filter(|&i| model.documents[i].kind == Kind::Handout)
        .collect();
    parts.sort_by(|&a, &b| {
        let (a, b) = (&model.documents[a], &model.documents[b]);
        (a.weight, &a.title, &a.url).cmp(&(b.weight, &b.title, &b.url))
    });
    parts
}

/// What a teacher calls the sheet: a student handout is named by its title when that says
/// which kind it is (活动单, 情绪卡片, 案例卡), else 学习单.
fn kind_name(doc: &Document) -> &'static str {
    const HANDOUTS: [&str; 4] = ["活动单", "情绪卡片", "案例卡", "学习单"];
    match (doc.kind, doc.details.handout_audience) {
        (Kind::Handout, Some(HandoutAudience::Parents)) => "家长信",
        (Kind::Handout, _) => HANDOUTS
            .into_iter()
            .find(|k| doc.title.contains(k))
            .unwrap_or("学习单"),
        (Kind::ClassMeeting, _) => "班会方案",
        (Kind::Training, _) => "培训讲义",
        _ => "教案",
    }
}

fn student_size(readers: &Document) -> BodySize {
    BodySize::for_readers(readers.stage(), &readers.details.grades)
}

/// `小学 · 四年级 · 《吵架以后，我们怎么和好》`: who the sheet is for and where it belongs.
fn context_line(model: &Curriculum, doc: &Document, kit: Option<&Document>) -> String {
    let readers = kit.unwrap_or(doc);
    let mut parts = Vec::new();
    if let Some(stage) = readers.stage() {
        parts.push(model.catalog.stage(stage).name.clone());
    }
    if !readers.details.grades.is_empty() {
        parts.push(readers.details.grades.join("、"));
    }
    match kit {
        Some(k) => parts.push(format!("《{}》{}", k.title, kind_name(doc))),
        None => parts.push(kind_name(doc).to_string()),
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fixture::test_model as model;

    #[test]
    fn a_page_where_a_print_view_goes_is_an_error() {
        let m = model(&[
            (
                "curricula/primary/developmental/social/kit.md",
                "---\ntitle: 班会\nkind: class-meeting\n---\n",
            ),
            (
                "curricula/primary/developmental/social/kit/print.md",
                "---\ntitle: 打印\n---\n",
            ),
        ]);
        let errors = clashes(&m, &printables(&m));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].file.ends_with("kit/print.md"));
        assert!(errors[0].message.contains("打印页"));
    }

    #[test]
    fn a_letter_leads_to_the_micro_course_for_its_grades_on_its_stage_and_topic() {
        let course = |grades: &str, weight: i32| {
            format!(
                "---\ntitle: 微课{grades}\nkind: microcourse\ngrades: [{grades}]\nweight: {weight}\n---\n"
            )
        };
        let (lower, upper) = (course("一年级", 1), course("四年级", 2));
        let m = model(&[
            (
                "curricula/primary/developmental/social/letter.md",
                "---\ntitle: 信\nkind: handout\naudience: parents\n---\n",
            ),
            (
                "curricula/primary/developmental/social/meeting.md",
                "---\ntitle: 班会\nkind: class-meeting\ngrades: [四年级]\n---\n",
            ),
            (
                "curricula/primary/developmental/social/sheet.md",
                "---\ntitle: 学习单\nkind: handout\n---\n",
            ),
            ("curricula/primary/developmental/social/a.md", &lower),
            ("curricula/primary/developmental/social/b.md", &upper),
            ("curricula/junior/developmental/communication/c.md", &upper),
        ]);
        let doc = |url: &str| m.documents.iter().find(|d| d.url.ends_with(url)).unwrap();
        let target = qr::target(&m, doc("social/letter/"), Some(doc("social/meeting/")));
        assert_eq!(
            qr::target(&m, doc("social/letter/"), None).url,
            "primary/developmental/social/a/",
            "without a kit's grades, the first in list order"
        );
        assert_eq!(target.url, "primary/developmental/social/b/");
        assert_eq!(target.caption, "扫码看家长微课《微课四年级》");
        let sheet = qr::target(&m, doc("social/sheet/"), None);
        assert_eq!(sheet.url, "primary/developmental/social/sheet/");
    }

    #[test]
    fn every_lesson_kit_part_and_training_session_has_a_print_view_and_a_pdf() {
        let m = model(&[
            (
                "curricula/primary/developmental/social/meeting/index.md",
                "---\ntitle: 班会\nkind: class-meeting\n---\n",
            ),
            (
                "curricula/primary/developmental/social/meeting/sheet.md",
                "---\ntitle: 学习单\n---\n",
            ),
            (
                "curricula/primary/developmental/social/lesson.md",
                "---\ntitle: 课\n---\n",
            ),
            ("content/about.md", "---\ntitle: 关于\n---\n"),
        ]);
        let p = printables(&m);
        let titles: Vec<(&str, bool)> = p
            .iter()
            .map(|p| (m.documents[p.index].title.as_str(), p.is_kit))
            .collect();
        assert_eq!(titles.len(), 3, "{titles:?}");
        assert!(titles.contains(&("班会", true)));
        assert!(titles.contains(&("学习单", false)));
        assert!(titles.contains(&("课", false)));
        let jobs = pdf_jobs(&m, &[]);
        let lesson = jobs.iter().find(|j| j.title == "课").unwrap();
        assert_eq!(
            lesson.pdf,
            "primary/developmental/social/lesson/print/lesson.pdf"
        );
        assert_eq!(lesson.owns, ["primary/developmental/social/lesson/"]);
        assert!(
            lesson
                .linked_from
                .contains(&"primary/developmental/social/lesson/index.html".to_string())
        );
        let i = m.documents.iter().position(|d| d.title == "课").unwrap();
        assert_eq!(links(&m, i).unwrap().label, "打印教案");
        let about = m.documents.iter().position(|d| d.title == "关于").unwrap();
        assert!(links(&m, about).is_none());
    }
}
