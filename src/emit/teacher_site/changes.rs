//! The teacher site's incremental emit: only the pages a [`Change`] can reach. Which pages
//! those are follows the full emit in `teacher_site/mod.rs`: a document's own page, the index
//! pages that list it, and the pages made from a changed template.

use std::collections::HashSet;

use rayon::prelude::*;

use super::section::Section;
use super::sections::sections;
use super::{document_page, home_page, not_found_page, search, section_page};
use crate::catalog::{Stage, Track};
use crate::diag::Diagnostic;
use crate::emit::{Change, Context, Lists, Output, gather};
use crate::load::path::CONTENT_PREFIX;
use crate::model::Curriculum;

pub(super) fn emit(cx: &Context, change: &Change) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let uses = |top: &str| !change.templates.is_empty() && cx.theme.uses(top, &change.templates);
    let all_documents = uses("document.html");
    let all_sections = uses("section.html") || change.lists == Lists::All;
    // The home page lists the schools' microsites, with their event counts.
    let home = uses("home.html") || change.lists != Lists::None || !change.schools.is_empty();
    let not_found = uses("404.html");
    let search_page = uses("search.html") || change.lists != Lists::None;
    if !all_documents
        && !all_sections
        && !home
        && !not_found
        && !search_page
        && change.documents.is_empty()
    {
        return Ok(Vec::new());
    }
    let docs = &cx.model.documents;
    let section_urls = section_urls(cx.model);
    // The documents whose entries in lists changed, and those whose text is a section's intro.
    let listed: HashSet<&str> = match &change.lists {
        Lists::Containing(set) => set.iter().map(|&i| docs[i].url.as_str()).collect(),
        _ => HashSet::new(),
    };
    let intros: HashSet<&str> = change
        .documents
        .iter()
        .map(|&i| docs[i].url.as_str())
        .filter(|u| section_urls.contains(*u))
        .collect();
    // Building every section's lists is the costly part: skip it for a body-only edit.
    let sections = if all_sections || !listed.is_empty() || !intros.is_empty() {
        sections(cx)
    } else {
        Vec::new()
    };
    let chosen: Vec<Section> = sections
        .into_iter()
        .filter(|s| all_sections || intros.contains(s.url.as_str()) || lists_any(s, &listed))
        .collect();
    let pages: Vec<usize> = if all_documents {
        (0..docs.len()).collect()
    } else {
        change.documents.iter().copied().collect()
    };
    let pages: Vec<usize> = pages
        .into_iter()
        .filter(|&i| !section_urls.contains(&docs[i].url))
        .collect();
    let neighbours = cx.model.neighbours();
    let mut results: Vec<Result<Output, Diagnostic>> = pages
        .par_iter()
        .map(|&i| document_page(cx, i, neighbours[i]))
        .collect();
    results.extend(
        chosen
            .into_par_iter()
            .map(|s| section_page(cx, s))
            .collect::<Vec<_>>(),
    );
    if home {
        results.push(home_page(cx));
    }
    if not_found {
        results.push(not_found_page(cx));
    }
    if search_page {
        results.push(search::search_page(cx, &section_urls));
    }
    // No search index: `yuxin serve` makes none (see `TeacherSite::emit`).
    gather(results)
}

/// The URLs of the pages [`sections`] makes, without making them: a document at one of them
/// is that section's introduction, not a page of its own.
pub(super) fn section_urls(model: &Curriculum) -> HashSet<String> {
    let mut urls = HashSet::new();
    for stage in Stage::ALL {
        urls.insert(format!("{}/", stage.id()));
        for track in Track::ALL {
            urls.insert(format!("{}/{}/", stage.id(), track.id()));
        }
    }
    urls.extend(
        model
            .catalog
            .topics
            .iter()
            .map(|t| format!("topics/{}/", t.id)),
    );
    urls.extend(
        model
            .catalog
            .forms
            .iter()
            .map(|f| format!("forms/{}/", f.id)),
    );
    for fixed in ["topics/", "forms/", super::meetings::URL] {
        urls.insert(fixed.to_string());
    }
    urls.insert(format!("{CONTENT_PREFIX}/"));
    urls
}

fn lists_any(section: &Section, urls: &HashSet<&str>) -> bool {
    let groups = (section.groups.iter()).chain(section.parts.iter().flat_map(|p| p.groups.iter()));
    !urls.is_empty() && { groups }
        .any(|g| g.items.iter().any(|item| urls.contains(item.url.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::Rendered;
    use crate::render::templates::Theme;

    #[test]
    fn section_urls_are_those_of_the_sections() {
        let model = crate::load::fixture::test_model(&[
            ("content/index.md", "---\ntitle: 家长学校\n---\n欢迎\n"),
            (
                "curricula/primary/developmental/adaptation/a.md",
                "---\ntitle: 甲\nform: 团体辅导\n---\n",
            ),
            ("curricula/senior/remedial/b.md", "---\ntitle: 乙\n---\n"),
            ("curricula/training/t/index.md", "---\ntitle: 培训\n---\n"),
        ]);
        let rendered: Vec<Rendered> = model
            .documents
            .iter()
            .map(|_| Rendered::default())
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = Theme::new(root, None).unwrap();
        let env = theme.environment();
        let cx = Context {
            root,
            model: &model,
            rendered: &rendered,
            theme: &theme,
            env: &env,
            assets: &[],
            schools: &[],
            site: Default::default(),
            summaries: Default::default(),
            sink: None,
        };
        let made: HashSet<String> = sections(&cx).into_iter().map(|s| s.url).collect();
        assert_eq!(section_urls(&model), made);
    }
}
