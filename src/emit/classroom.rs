//! The classroom files beside a plan's page: which documents get a Word 教案, an HTML slide
//! deck (课件) and a .pptx, where they are written, and the links a page shows to them.
//!
//! Shared by the Word and slide emitters (they write the files) and the teacher site (it links
//! them), so that the three agree on every path without importing each other.

use serde::Serialize;

use crate::model::{Bundle, Document, Kind, Place};

/// Which classroom files a document gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wants {
    pub docx: bool,
    pub deck: bool,
}

/// Lessons, class-meeting plans and training sessions get a Word file and a deck; a kit's
/// handouts and letters get a Word file (schools edit them before printing). A training
/// module's own page is a syllabus, not a plan: it gets neither.
pub fn wants(doc: &Document) -> Wants {
    let plan = match doc.kind {
        Kind::Lesson | Kind::ClassMeeting => true,
        Kind::Training => doc.place == Place::Training && matches!(doc.bundle, Bundle::Part { .. }),
        _ => false,
    };
    let handout = doc.kind == Kind::Handout;
    Wants {
        docx: plan || handout,
        deck: plan,
    }
}

/// The last part of a page's URL (`…/hello-new-school/` → `hello-new-school`): the stem of
/// its classroom files, so a file saved from a USB stick still says which lesson it is.
fn stem(doc: &Document) -> &str {
    doc.url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("index")
}

/// `…/hello-new-school/hello-new-school.docx`, site-relative like every URL.
pub fn docx_path(doc: &Document) -> String {
    format!("{}{}.docx", doc.url, stem(doc))
}

/// `…/hello-new-school/hello-new-school-slides.html`: one self-contained file.
pub fn deck_path(doc: &Document) -> String {
    format!("{}{}-slides.html", doc.url, stem(doc))
}

/// `…/hello-new-school/hello-new-school.pptx`.
pub fn pptx_path(doc: &Document) -> String {
    format!("{}{}.pptx", doc.url, stem(doc))
}

/// The links of a page's "课堂用" box; `None` when the document has no classroom files.
#[derive(Debug, Clone, Serialize)]
pub struct ClassroomLinks {
    pub docx: Option<String>,
    /// The name a download is saved under: the document's Chinese title.
    pub docx_name: String,
    /// `下载 Word 教案` for a plan, `下载 Word 版` for a handout or letter.
    pub docx_label: &'static str,
    pub deck: Option<String>,
    pub pptx: Option<String>,
    pub pptx_name: String,
}

pub fn links(doc: &Document) -> Option<ClassroomLinks> {
    let wants = wants(doc);
    if !wants.docx && !wants.deck {
        return None;
    }
    let name = crate::slug::file_name(&doc.title);
    Some(ClassroomLinks {
        docx: wants.docx.then(|| docx_path(doc)),
        docx_name: format!("{name}.docx"),
        docx_label: if wants.deck {
            "下载 Word 教案"
        } else {
            "下载 Word 版"
        },
        deck: wants.deck.then(|| deck_path(doc)),
        pptx: wants.deck.then(|| pptx_path(doc)),
        pptx_name: format!("{name}.pptx"),
    })
}
