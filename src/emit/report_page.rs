//! `/report/`: the coverage report as a page of the teacher site (see [`crate::report`]).

use minijinja::{Value, context};

use super::{Context, Emitter, Output};
use crate::diag::Diagnostic;
use crate::report::{Report, html};

pub struct ReportPage;

impl Emitter for ReportPage {
    fn name(&self) -> &'static str {
        "report-page"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let report = Report::new(cx.model);
        let content = Value::from_safe_string(html::fragment(&report));
        let local = context! { title => "课程覆盖报告", content };
        super::page::page(cx, "report.html", "report/index.html", "report/", local)
            .map(|o| vec![o])
            .map_err(|d| vec![d])
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &super::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        // The report counts front matter only: a body edit changes nothing in it.
        let reached = change.lists != super::Lists::None
            || change.statics
            || cx.theme.uses("report.html", &change.templates);
        super::change::all_or_nothing(reached, || self.emit(cx))
    }
}
