//! Where print views and their PDFs live: shared by the print emitter (which writes them), the
//! document pages and the training emitter (which link them).

use crate::model::Document;

/// The print view of a document's page, site-relative.
pub fn print_url(doc: &Document) -> String {
    format!("{}print/", doc.url)
}

/// The last segment of a site-relative URL.
fn last_segment(url: &str) -> &str {
    url.split('/').rfind(|s| !s.is_empty()).unwrap_or("print")
}

/// A document's PDF, beside its print view, named after its folder or file.
pub fn pdf_url(doc: &Document) -> String {
    format!("{}{}.pdf", print_url(doc), last_segment(&doc.url))
}

/// The 学时证明 of a training module (its URL ends in `certificate/`) as a PDF.
pub fn certificate_pdf(certificate_url: &str) -> String {
    let module = certificate_url
        .trim_end_matches('/')
        .trim_end_matches("certificate")
        .trim_end_matches('/');
    format!("{certificate_url}{}-certificate.pdf", last_segment(module))
}

/// An event's own page on its school's microsite (`events/e-20261015-1900/`), where its poster
/// and its A4 notice are linked and its QR codes lead.
pub fn event_url(e: &crate::school::Event) -> String {
    format!("events/{}/", event_anchor(e))
}

/// The events of a school that have a page (and a notice) of their own: two at the same date
/// and start time would share one URL, so the first of them stands for both. The microsite's
/// pages and the notices' PDF jobs both take this list, so that every PDF has its page.
pub fn paged_events(events: &[crate::school::Event]) -> Vec<&crate::school::Event> {
    let mut seen = std::collections::HashSet::new();
    events
        .iter()
        .filter(|e| seen.insert(event_url(e)))
        .collect()
}

/// The A4 notice of an event, a print view beside its page.
pub fn notice_url(e: &crate::school::Event) -> String {
    format!("{}notice/", event_url(e))
}

/// The notice's PDF (with `--pdf`), named after the event's anchor.
pub fn notice_pdf(e: &crate::school::Event) -> String {
    format!("{}{}.pdf", notice_url(e), event_anchor(e))
}

/// The calendar page's anchor for an event: `e-20261015-1900`.
pub fn event_anchor(e: &crate::school::Event) -> String {
    format!(
        "e-{:04}{:02}{:02}-{:02}{:02}",
        e.date.year, e.date.month, e.date.day, e.start.hour, e.start.minute
    )
}
