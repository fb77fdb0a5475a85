//! Each school's own copies: when schools are declared, each school's microsite carries the
//! print views (and, with `--pdf`, the PDFs) of the parent letters and the kits of its stages,
//! with the school's name filled in, its contact and hotlines, and QR codes that open the
//! same page on its microsite. The teacher site's copies keep the blanks.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::{Printable, Shape, page::print_page, printables, shape};
use crate::diag::Diagnostic;
use crate::emit::{Context, Emitter, Output};
use crate::model::{Curriculum, Document, HandoutAudience, Kind};
use crate::school::School;

/// The copies of every school, or (`yuxin serve`, after a school's file changed) of some.
pub struct SchoolPrints {
    only: Option<BTreeSet<String>>,
}

impl SchoolPrints {
    pub fn all() -> SchoolPrints {
        SchoolPrints { only: None }
    }
}

impl Emitter for SchoolPrints {
    fn name(&self) -> &'static str {
        "school-prints"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let all = printables(cx.model);
        // Every school's copies in one parallel pass: a school has only a few of them.
        let own: Vec<(&School, &Printable)> = cx
            .schools
            .iter()
            .filter(|school| {
                self.only
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&school.id))
            })
            .flat_map(|school| {
                all.iter()
                    .filter(|p| is_schools(cx.model, school, &cx.model.documents[p.index]))
                    .map(move |p| (school, p))
            })
            .collect();
        let mut results: Vec<Result<Option<Output>, Diagnostic>> = own
            .par_iter()
            .map(|(school, p)| cx.keep(print_page(cx, p, Some(school))))
            .collect();
        let with_copies: std::collections::HashSet<&str> =
            own.iter().map(|(s, _)| s.id.as_str()).collect();
        results.extend(stylesheets(cx, &with_copies));
        let mut outputs = Vec::new();
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(o) => outputs.extend(o),
                Err(d) => errors.push(d),
            }
        }
        if errors.is_empty() {
            Ok(outputs)
        } else {
            errors.dedup();
            Err(errors)
        }
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &crate::emit::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        let printed = |d: &Document| shape(cx.model, d).is_some();
        if change.reaches(cx, printed, &["print.html"]) {
            return Some(self.emit(cx));
        }
        if change.schools.is_empty() {
            return Some(Ok(Vec::new()));
        }
        let only = SchoolPrints {
            only: Some(change.schools.clone()),
        };
        Some(only.emit(cx))
    }
}

/// Whether `doc`'s print view has a copy on `school`'s microsite: a kit or a parent letter of
/// one of its stages.
pub fn is_schools(model: &Curriculum, school: &School, doc: &Document) -> bool {
    let of_its_stage = doc.stage().is_some_and(|s| school.stages.contains(&s));
    let letter = doc.details.handout_audience == Some(HandoutAudience::Parents);
    of_its_stage
        && match shape(model, doc) {
            Some(Shape::Kit) => true,
            Some(Shape::Part) => doc.kind == Kind::Handout && letter,
            _ => false,
        }
}

/// The print stylesheet in the `static/` of each school with copies, beside its parent-site
/// styles: read once, written in the first one's folder and linked into the others'.
fn stylesheets(
    cx: &Context,
    with_copies: &std::collections::HashSet<&str>,
) -> Vec<Result<Option<Output>, Diagnostic>> {
    const CSS: &str = "static/print.css";
    let mut schools = cx
        .schools
        .iter()
        .filter(|s| with_copies.contains(s.id.as_str()));
    let Some(first) = schools.next() else {
        return Vec::new();
    };
    let css = match cx.theme.static_files() {
        Ok(files) => files.get("print.css").cloned().unwrap_or_default(),
        Err(d) => return vec![Err(d)],
    };
    let from = format!("{}{CSS}", first.path);
    let mut out = vec![cx.keep(Ok(Output::new(from.clone(), css.clone())))];
    out.extend(schools.map(|school| cx.keep_copy(&from, &css, format!("{}{CSS}", school.path))));
    out
}
