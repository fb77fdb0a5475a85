//! What parents forward: each event's own page (its poster and A4 notice linked from it, where
//! its QR codes lead) and the notice itself, a print view. The posters are drawn by the page's
//! script (`static/parents/poster.js`) on the reader's phone, from what the page already
//! shows: nothing per poster is made at build time (a city's 1,500 schools have 20,000
//! micro-course pages; a PNG or even a QR code for each would cost more than the whole build).

use minijinja::context;
use minijinja::value::Serde;

use super::Site;
use super::views::EventView;
use crate::diag::Diagnostic;
use crate::emit::Output;
use crate::emit::print_paths::{event_url, notice_pdf, notice_url, paged_events};

impl Site<'_> {
    /// Each event's page and A4 notice. Two events at the same date and time share a page,
    /// which shows the first (the school's YAML lists them; `school` checks warn of clashes).
    pub(super) fn event_pages(&self) -> Vec<Result<Output, Diagnostic>> {
        let mut out = Vec::new();
        for e in paged_events(&self.school.events) {
            let url = event_url(e);
            let view = EventView::new(e, self.cx.model);
            let notice = notice_url(e);
            let pdf = self.cx.model.config.pdf_links.then(|| notice_pdf(e));
            let pdf_site = pdf.as_ref().map(|p| format!("{}{p}", self.school.path));
            let when = format!(
                "{} {} {}—{}",
                view.date_text, view.weekday, view.start, view.end
            );
            let description = if view.place.is_empty() {
                format!("{when}，{}。", view.kind_name)
            } else {
                format!("{when}，{}，{}。", view.place, view.kind_name)
            };
            let local = context! {
                title => view.topic.clone(), description => description.clone(), nav => "events",
                og_type => "article", event => Serde(&view), notice_url => notice.clone(),
                pdf => pdf.clone(), pdf_site => pdf_site.clone(), when => when.clone(),
            };
            out.push(self.render("parents/event.html", &url, local));
            let local = context! {
                title => view.topic.clone(), description, nav => "events",
                event => Serde(&view), event_url => url.clone(),
                pdf => pdf.clone(), pdf_site, when,
            };
            out.push(self.render("parents/notice.html", &notice, local));
        }
        out
    }
}
