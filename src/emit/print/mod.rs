//! Print views: a page per kit (a class meeting, or a lesson with handouts) that gathers the
//! plan and every handout and letter as A4 sheets, and a page per handout for printing it
//! alone. No site chrome; each sheet starts a new page and carries a QR code to its online
//! page. `yuxin build --pdf` turns each kit's view into a PDF (see [`crate::pdf`]).

mod qr;
mod sheet;

use minijinja::value::Serde;
use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;

use super::summary::Summary;
use super::{Context, Emitter, Output};
use crate::diag::Diagnostic;
use crate::model::{Bundle, Curriculum, Document, HandoutAudience, Kind, Objectives};
use crate::urls::{relative, root_prefix};
pub use qr::{is_absolute as base_url_is_absolute, svg as qr_svg};
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
            .map(|p| cx.keep(print_page(cx, p)))
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
        let in_bundle = |d: &crate::model::Document| {
            d.place != crate::model::Place::Training
                && !matches!(d.bundle, crate::model::Bundle::None)
        };
        crate::emit::change::all_or_nothing(change.reaches(cx, in_bundle, &["print.html"]), || {
            self.emit(cx)
        })
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

/// A document with a print view: a kit (its plan and handouts) or a single handout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printable {
    /// The document whose page it belongs to.
    pub index: usize,
    /// The documents printed, in order: the plan first, then the handouts by weight.
    pub sheets: Vec<usize>,
    pub is_kit: bool,
}

/// Every print view of the site, kits first in URL order, then single handouts.
pub fn printables(model: &Curriculum) -> Vec<Printable> {
    let kits = model
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| is_kit(model, d))
        .map(|(i, d)| Printable {
            index: i,
            sheets: std::iter::once(i).chain(handouts(model, d)).collect(),
            is_kit: true,
        });
    let singles = model
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == Kind::Handout)
        .map(|(i, _)| Printable {
            index: i,
            sheets: vec![i],
            is_kit: false,
        });
    kits.chain(singles).collect()
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

/// The print view of a document's page, site-relative.
pub fn print_url(doc: &Document) -> String {
    format!("{}print/", doc.url)
}

/// The kit's PDF, beside its print view, named after the kit's folder.
pub fn pdf_url(doc: &Document) -> String {
    let name = doc.url.split('/').rfind(|s| !s.is_empty()).unwrap_or("kit");
    format!("{}{name}.pdf", print_url(doc))
}

/// One PDF a build makes: from the print view at `html` to `pdf` (both site-relative paths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfJob {
    pub html: String,
    pub pdf: String,
    pub title: String,
}

/// The PDFs of a `--pdf` build: one per kit.
pub fn pdf_jobs(model: &Curriculum) -> Vec<PdfJob> {
    printables(model)
        .into_iter()
        .filter(|p| p.is_kit)
        .map(|p| {
            let doc = &model.documents[p.index];
            PdfJob {
                html: format!("{}index.html", print_url(doc)),
                pdf: pdf_url(doc),
                title: doc.title.clone(),
            }
        })
        .collect()
}

/// What a document's page shows to print it: the links of the "打印/下载" box.
#[derive(Debug, Clone, Serialize)]
pub struct PrintLinks {
    /// Site-relative, like every URL templates get.
    pub url: String,
    pub label: &'static str,
    /// The kit's PDF, when this build makes PDFs.
    pub pdf: Option<String>,
    /// The file name a download is saved under: the kit's Chinese title.
    pub pdf_name: String,
    /// For a handout: the print view of its whole kit.
    pub kit_url: Option<String>,
    /// For a kit: each handout with its own print view.
    pub parts: Vec<PrintPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrintPart {
    pub title: String,
    pub kind_name: &'static str,
    pub url: String,
    pub print_url: String,
}

/// The print box of the document at `index`, when it has a print view.
pub fn links(model: &Curriculum, index: usize) -> Option<PrintLinks> {
    let doc = &model.documents[index];
    let kit = if doc.kind == Kind::Handout {
        match doc.bundle {
            Bundle::Part { index } => Some(&model.documents[index]).filter(|k| is_kit(model, k)),
            _ => None,
        }
    } else if is_kit(model, doc) {
        Some(doc)
    } else {
        return None;
    };
    let pdf = kit.filter(|_| model.config.pdf).map(pdf_url);
    let pdf_name = kit.map_or_else(String::new, |k| format!("{}.pdf", file_safe(&k.title)));
    if doc.kind == Kind::Handout {
        return Some(PrintLinks {
            url: print_url(doc),
            label: "打印这份材料",
            pdf,
            pdf_name,
            kit_url: kit.map(print_url),
            parts: Vec::new(),
        });
    }
    let parts = handouts(model, doc)
        .into_iter()
        .map(|i| {
            let d = &model.documents[i];
            PrintPart {
                title: d.title.clone(),
                kind_name: kind_name(d),
                url: d.url.clone(),
                print_url: print_url(d),
            }
        })
        .collect();
    Some(PrintLinks {
        url: print_url(doc),
        label: "打印整套材料",
        pdf,
        pdf_name,
        kit_url: None,
        parts,
    })
}

/// A title as a file name: characters no file system accepts become `-`.
fn file_safe(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c => c,
        })
        .collect()
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
        _ => "教案",
    }
}

/// A sheet as the template sees it.
#[derive(Debug, Serialize)]
struct SheetView {
    id: String,
    role: Role,
    size: BodySize,
    kind_name: &'static str,
    title: String,
    /// Stage, grades and the kit it belongs to, for the small line above the title.
    context: String,
    fields: Vec<&'static str>,
    facts: Option<Summary>,
    objectives: Option<Objectives>,
    content: String,
    slip: Option<String>,
    qr: Option<qr::Qr>,
}

fn print_page(cx: &Context, p: &Printable) -> Result<Output, Diagnostic> {
    let model = cx.model;
    let doc = &model.documents[p.index];
    let url = print_url(doc);
    let kit = if p.is_kit {
        Some(doc)
    } else {
        match doc.bundle {
            Bundle::Part { index } => Some(&model.documents[index]),
            _ => None,
        }
    };
    let size = student_size(kit.unwrap_or(doc));
    let sheets: Vec<SheetView> = p
        .sheets
        .iter()
        .map(|&i| sheet_view(cx, i, kit, &url))
        .collect();
    let pdf = (p.is_kit && model.config.pdf).then(|| relative(&url, &pdf_url(doc)));
    let c = &model.config;
    let local = context! {
        site => context! { title => c.title.clone(), language => c.language.clone(), hotlines => Value::from(Serde(&c.hotlines)) },
        root => root_prefix(&url),
        title => doc.title.clone(),
        back => relative(&url, &doc.url),
        kit_print => kit.filter(|_| !p.is_kit).map(|k| relative(&url, &print_url(k))),
        pdf,
        pdf_name => format!("{}.pdf", file_safe(&doc.title)),
        size_pt => size.points(),
        qr_missing => !qr::is_absolute(&c.base_url),
        sheets => Value::from(Serde(sheets)),
    };
    let tmpl = cx
        .env
        .get_template("print.html")
        .map_err(|e| cx.theme.error(&e))?;
    crate::stats::template();
    let html = tmpl.render(local).map_err(|e| cx.theme.error(&e))?;
    Ok(Output::new(format!("{url}index.html"), html))
}

fn sheet_view(cx: &Context, index: usize, kit: Option<&Document>, page_url: &str) -> SheetView {
    let model = cx.model;
    let doc = &model.documents[index];
    let role = match (doc.kind, doc.details.handout_audience) {
        (Kind::Handout, Some(HandoutAudience::Parents)) => Role::Letter,
        (Kind::Handout, _) => Role::Handout,
        _ => Role::Plan,
    };
    let html = sheet::rebase(&cx.rendered[index].html, &doc.url, page_url);
    let (kept, slip) = sheet::split_reply_slip(&html);
    let kit_doc = kit.filter(|k| k.url != doc.url);
    let target = qr::target(model, doc, kit_doc);
    SheetView {
        id: doc
            .url
            .split('/')
            .rfind(|s| !s.is_empty())
            .unwrap_or("sheet")
            .to_string(),
        role,
        size: match role {
            Role::Handout => student_size(kit_doc.unwrap_or(doc)),
            // Plans and letters are read by adults.
            Role::Plan | Role::Letter => BodySize::Normal,
        },
        kind_name: kind_name(doc),
        title: doc.title.clone(),
        context: context_line(model, doc, kit_doc),
        fields: sheet::header_fields(role, kept),
        facts: (role == Role::Plan).then(|| Summary::new(doc, &model.catalog)),
        objectives: doc.details.objectives.clone(),
        content: if role == Role::Letter {
            sheet::mark_signature(kept)
        } else {
            kept.to_string()
        },
        slip: slip.map(str::to_string),
        qr: qr::make(&model.config.base_url, &target),
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
    fn class_meetings_and_handouts_have_print_views_plain_lessons_do_not() {
        let m = model(&[
            (
                "curricula/primary/developmental/social/meeting.md",
                "---\ntitle: 班会\nkind: class-meeting\n---\n",
            ),
            (
                "curricula/primary/developmental/social/lesson.md",
                "---\ntitle: 课\n---\n",
            ),
        ]);
        let p = printables(&m);
        assert_eq!(p.len(), 1);
        assert!(p[0].is_kit);
        assert_eq!(m.documents[p[0].index].title, "班会");
        assert_eq!(
            pdf_jobs(&m),
            [PdfJob {
                html: "primary/developmental/social/meeting/print/index.html".into(),
                pdf: "primary/developmental/social/meeting/print/meeting.pdf".into(),
                title: "班会".into(),
            }]
        );
        assert!(links(&m, p[0].index).is_some());
        let lesson = m.documents.iter().position(|d| d.title == "课").unwrap();
        assert!(links(&m, lesson).is_none());
    }

    #[test]
    fn file_names_drop_reserved_characters() {
        assert_eq!(file_safe("家长信：a/b?"), "家长信：a-b-");
    }
}
