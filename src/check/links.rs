//! `broken-anchor`: a link's `#fragment` names a heading that exists on the target page.
//! Missing files are `broken-link`, reported while rendering; anchors need every page's
//! headings, so they are checked here, once all pages are rendered.

use std::collections::HashMap;
use std::path::Path;

use super::raise;
use crate::diag::Diagnostic;
use crate::model::Curriculum;
use crate::render::markdown::Rendered;

pub fn check(model: &Curriculum, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let by_source: HashMap<&Path, usize> = model
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.source.as_path(), i))
        .collect();
    let mut out = Vec::new();
    for (i, (doc, r)) in model.documents.iter().zip(rendered).enumerate() {
        if doc.allow.iter().any(|a| a == "broken-anchor") {
            continue;
        }
        for link in &r.anchors {
            let target = match &link.target {
                None => i,
                Some(path) => match by_source.get(path.as_path()) {
                    Some(&t) => t,
                    None => continue, // an attachment: nothing to look into
                },
            };
            let headings = &rendered[target].headings;
            if headings.iter().any(|h| h.id == link.id) {
                continue;
            }
            let titles: Vec<&str> = headings
                .iter()
                .filter(|h| h.level >= 2)
                .map(|h| h.text.as_str())
                .take(12)
                .collect();
            let page = &model.documents[target].title;
            let hint = if titles.is_empty() {
                format!("《{page}》没有小标题；去掉 # 后面的部分")
            } else {
                format!("《{page}》的小标题有：{}", titles.join("、"))
            };
            out.push(raise(
                "broken-anchor",
                &doc.source,
                link.span,
                format!("链接 {} 指向的小标题在《{page}》里找不到", link.written),
                hint,
            ));
        }
    }
    out
}
