//! What can be printed, and the PDFs a build makes of it: every kit and each of its parts,
//! every lesson (its 教案), every training session and every module's 学时证明. Pages link a PDF
//! through a marked block that the PDF step keeps only when the PDF is in the output (see
//! [`crate::pdf::cache`]), so a link never points at a missing file.

use serde::Serialize;

use super::{Printable, Shape, handouts, is_kit, kind_name, printables};
pub use crate::emit::print_paths::{certificate_pdf, pdf_url, print_url};
use crate::model::{Bundle, Curriculum, Kind};
use crate::school::School;

/// One PDF a build makes: from the print view at `html` to `pdf` (both site-relative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfJob {
    pub html: String,
    pub pdf: String,
    pub title: String,
    /// The documents (by URL) whose `print-overflow` this PDF reports: a part's own print
    /// view reports it, a kit's view only for its plan.
    pub owns: Vec<String>,
    /// The pages (site-relative files) whose PDF links point here.
    pub linked_from: Vec<String>,
}

/// Every PDF of a build: one per print view of the teacher site, each module's 学时证明,
/// then each school's own copies of its letters and kits.
pub fn pdf_jobs(model: &Curriculum, schools: &[School]) -> Vec<PdfJob> {
    let mut jobs: Vec<PdfJob> = printables(model)
        .into_iter()
        .map(|p| job(model, &p))
        .collect();
    for module in crate::training::modules(model) {
        let url = format!("{}certificate/", module.doc.url);
        jobs.push(PdfJob {
            html: format!("{url}index.html"),
            pdf: certificate_pdf(&url),
            title: format!("学时证明 · {}", module.doc.title),
            owns: Vec::new(),
            linked_from: vec![format!("{url}index.html")],
        });
    }
    let all = printables(model);
    for school in schools {
        for p in &all {
            let doc = &model.documents[p.index];
            if super::school::is_schools(model, school, doc) {
                let view = format!("{}{}index.html", school.path, print_url(doc));
                jobs.push(PdfJob {
                    html: view.clone(),
                    pdf: format!("{}{}", school.path, pdf_url(doc)),
                    title: format!("{} · {}", school.short_name, doc.title),
                    // The teacher site's copy reports the fit.
                    owns: Vec::new(),
                    linked_from: vec![view],
                });
            }
        }
    }
    jobs.extend(notice_jobs(schools));
    jobs
}

/// Each school event's A4 notice (a print view of the microsite, `school_site/share.rs`),
/// once per page: two events at one date and time share it.
fn notice_jobs(schools: &[School]) -> Vec<PdfJob> {
    use crate::emit::print_paths::{event_url, notice_pdf, notice_url, paged_events};
    schools
        .iter()
        .flat_map(|school| {
            paged_events(&school.events).into_iter().map(|e| {
                let html = format!("{}{}index.html", school.path, notice_url(e));
                PdfJob {
                    linked_from: vec![
                        format!("{}{}index.html", school.path, event_url(e)),
                        html.clone(),
                    ],
                    html,
                    pdf: format!("{}{}", school.path, notice_pdf(e)),
                    title: format!("{} · 通知：{}", school.short_name, e.topic),
                    owns: Vec::new(),
                }
            })
        })
        .collect()
}

fn job(model: &Curriculum, p: &Printable) -> PdfJob {
    let doc = &model.documents[p.index];
    let view = format!("{}index.html", print_url(doc));
    PdfJob {
        html: view.clone(),
        pdf: pdf_url(doc),
        title: doc.title.clone(),
        owns: vec![doc.url.clone()],
        linked_from: vec![format!("{}index.html", doc.url), view],
    }
}

/// What a document's page shows to print it: the links of the "打印/下载" box.
#[derive(Debug, Clone, Serialize)]
pub struct PrintLinks {
    /// Site-relative, like every URL templates get.
    pub url: String,
    pub label: &'static str,
    /// The document's PDF, when this build may link one (kept only if it is made).
    pub pdf: Option<String>,
    /// The file name a download is saved under: the Chinese title.
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
    let shape = super::shape(model, doc)?;
    let pdf = model.config.pdf_links.then(|| pdf_url(doc));
    let pdf_name = format!("{}.pdf", file_safe(&doc.title));
    let kit = match doc.bundle {
        Bundle::Part { index } if doc.kind == Kind::Handout => {
            Some(&model.documents[index]).filter(|k| is_kit(model, k))
        }
        _ => None,
    };
    let label = match shape {
        Shape::Kit => "打印整套材料",
        Shape::Part => "打印这份材料",
        Shape::Lesson => "打印教案",
        Shape::Session => "打印讲义",
    };
    let parts = if shape == Shape::Kit {
        handouts(model, doc)
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
            .collect()
    } else {
        Vec::new()
    };
    Some(PrintLinks {
        url: print_url(doc),
        label,
        pdf,
        pdf_name,
        kit_url: kit.map(print_url),
        parts,
    })
}

/// A title as a file name: characters no file system accepts become `-`.
pub fn file_safe(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_drop_reserved_characters() {
        assert_eq!(file_safe("家长信：a/b?"), "家长信：a-b-");
    }

    #[test]
    fn certificates_are_named_after_their_module() {
        assert_eq!(
            certificate_pdf("training/crisis/certificate/"),
            "training/crisis/certificate/crisis-certificate.pdf"
        );
    }
}
