//! What a school's copy of a sheet says differently from the teacher site's: the school's
//! contact line, its links and its QR codes. Read by the print page (`page`) when it draws a
//! school's copy; the school emitter (`school`) decides which copies there are.

use super::qr;
use crate::emit::Context;
use crate::model::{Document, HandoutAudience, Kind};
use crate::school::School;

/// `学校联系：心理辅导室（…）；电话 …；周一至周五 8:00—17:00`, or `None` with nothing declared.
pub fn contact_line(school: &School) -> Option<String> {
    let c = &school.contact;
    let mut parts: Vec<String> = Vec::new();
    if let Some(office) = &c.office {
        parts.push(office.clone());
    }
    if let Some(phone) = &c.phone {
        parts.push(format!("电话 {phone}"));
    }
    if let Some(hours) = &c.hours {
        parts.push(hours.clone());
    }
    (!parts.is_empty()).then(|| format!("{}联系：{}", school.name, parts.join("；")))
}

/// A sheet's links for the school's copy: those to pages its microsite carries stay, the
/// others lead to the teacher site.
pub fn links(cx: &Context, school: &School, html: &str, page_url: &str) -> String {
    let carried = |url: &str| {
        cx.model
            .documents
            .iter()
            .any(|d| d.url == url && school.carries(d))
    };
    crate::emit::relink::rewrite(html, page_url, carried, &cx.model.config.base_url)
}

/// The QR code of a sheet in the school's copy: a letter's micro-course on the school's
/// microsite when it carries it, else the letter's own copy there; other sheets lead to the
/// teacher site as on its copies.
pub fn qr(cx: &Context, school: &School, doc: &Document, target: &qr::Target) -> Option<qr::Qr> {
    let model = cx.model;
    if doc.details.handout_audience != Some(HandoutAudience::Parents) {
        return qr::make(&model.config.base_url, target);
    }
    let course = model
        .documents
        .iter()
        .find(|d| d.url == target.url && d.kind == Kind::Microcourse && school.carries(d));
    let target = match course {
        Some(_) => target.clone(),
        None => qr::Target {
            url: super::print_url(doc),
            caption: "扫码在手机上看这封信".into(),
        },
    };
    qr::make(&school.url, &target)
}
