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
