//! One print view: its sheets laid out for the template, for the teacher site or for one
//! school's own copies.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use super::sheet::{self, BodySize, Role};
use super::{
    Printable, context_line, file_safe, is_kit, kind_name, pdf_url, print_url, qr, school_copy,
    student_size,
};
use crate::diag::Diagnostic;
use crate::emit::summary::Summary;
use crate::emit::{Context, Output};
use crate::model::{Bundle, Document, HandoutAudience, Kind, Objectives};
use crate::school::School;
use crate::urls::{relative, root_prefix};

/// A sheet as the template sees it.
#[derive(Debug, Serialize)]
struct SheetView {
    id: String,
    /// The document's page, site-relative: how the PDF step names the sheet.
    url: String,
    /// The smallest type the fitting may use, in points.
    min_pt: f32,
    /// The pages it must fit on: `pages:`, or 2 for a 正面/背面 pair.
    pages: Option<u32>,
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

/// The print view of `p`: the teacher site's, or `school`'s own copy (its name filled in, its
/// contact and hotlines, QR codes to its microsite), written under the school's folder.
pub(super) fn print_page(
    cx: &Context,
    p: &Printable,
    school: Option<&School>,
) -> Result<Output, Diagnostic> {
    let model = cx.model;
    let doc = &model.documents[p.index];
    let url = print_url(doc);
    let kit = if p.is_kit {
        Some(doc)
    } else {
        match doc.bundle {
            Bundle::Part { index } => Some(&model.documents[index])
                .filter(|k| doc.kind == Kind::Handout || is_kit(model, k)),
            _ => None,
        }
    };
    let size = student_size(kit.unwrap_or(doc));
    let sheets: Vec<SheetView> = p
        .sheets
        .iter()
        .map(|&i| sheet_view(cx, i, kit, &url, school))
        .collect();
    let prefix = school.map_or("", |s| s.path.as_str());
    let pdf_site = model
        .config
        .pdf_links
        .then(|| format!("{prefix}{}", pdf_url(doc)));
    let hotlines = school.map_or(&model.config.hotlines, |s| &s.hotlines);
    let pdf = model
        .config
        .pdf_links
        .then(|| relative(&url, &pdf_url(doc)));
    let c = &model.config;
    let local = context! {
        site => context! { title => c.title.clone(), language => c.language.clone(), hotlines => Value::from(Serde(hotlines)) },
        school => school.map(|s| context! { name => s.name.clone(), contact => school_copy::contact_line(s) }),
        root => root_prefix(&url),
        title => doc.title.clone(),
        back => match school {
            // The school's microsite carries no teacher pages: back to its home.
            Some(_) => root_prefix(&url),
            None => relative(&url, &doc.url),
        },
        kit_print => kit.filter(|k| !p.is_kit && is_kit(model, k)).map(|k| relative(&url, &print_url(k))),
        pdf,
        pdf_site,
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
    Ok(Output::new(format!("{prefix}{url}index.html"), html))
}

fn sheet_view(
    cx: &Context,
    index: usize,
    kit: Option<&Document>,
    page_url: &str,
    school: Option<&School>,
) -> SheetView {
    let model = cx.model;
    let doc = &model.documents[index];
    let role = match (doc.kind, doc.details.handout_audience) {
        (Kind::Handout, Some(HandoutAudience::Parents)) => Role::Letter,
        (Kind::Handout, _) => Role::Handout,
        (Kind::Training, _) => Role::Session,
        _ => Role::Plan,
    };
    let html = sheet::rebase(&cx.rendered[index].html, &doc.url, page_url);
    let html = match school {
        Some(s) => school_copy::links(cx, s, &html, page_url),
        None => html,
    };
    let two_sided = (role == Role::Handout)
        .then(|| sheet::two_sided(&html))
        .flatten();
    let is_two_sided = two_sided.is_some();
    let html = two_sided.unwrap_or(html);
    let (kept, slip) = sheet::split_reply_slip(&html);
    let kit_doc = kit.filter(|k| k.url != doc.url);
    let target = qr::target(model, doc, kit_doc);
    let size = match role {
        Role::Handout => student_size(kit_doc.unwrap_or(doc)),
        // Plans, letters and training are read by adults.
        Role::Plan | Role::Letter | Role::Session => BodySize::Normal,
    };
    SheetView {
        url: doc.url.clone(),
        min_pt: sheet::min_points(role, size, kit_doc.unwrap_or(doc).stage()),
        pages: doc.details.pages.or(is_two_sided.then_some(2)),
        id: doc
            .url
            .split('/')
            .rfind(|s| !s.is_empty())
            .unwrap_or("sheet")
            .to_string(),
        role,
        size,
        kind_name: kind_name(doc),
        title: doc.title.clone(),
        context: context_line(model, doc, kit_doc),
        fields: sheet::header_fields(role, kept)
            .into_iter()
            .filter(|f| school.is_none() || *f != "学校")
            .collect(),
        facts: matches!(role, Role::Plan | Role::Session)
            .then(|| Summary::new(doc, &model.catalog)),
        objectives: doc.details.objectives.clone(),
        content: if role == Role::Letter {
            sheet::mark_signature(kept)
        } else {
            kept.to_string()
        },
        slip: slip.map(str::to_string),
        qr: match school {
            Some(s) => school_copy::qr(cx, s, doc, &target),
            None => qr::make(&model.config.base_url, &target),
        },
    }
}
