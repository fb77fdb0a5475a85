//! The 主题班会 index (`class-meetings/`): every class-meeting kit, by stage, then by semester
//! (第一学期, 第二学期, and 未标学期 last for a kit that names none).

use std::sync::Arc;

use super::section::{Group, Part, Section, crumbs, listed};
use crate::catalog::Stage;
use crate::emit::Context;
use crate::model::{Document, Kind, Semester};

/// The index's URL.
pub(super) const URL: &str = "class-meetings/";

/// The index page: a part per stage that has kits (its anchor is the stage's id).
pub(super) fn section(cx: &Context) -> Section {
    let model = cx.model;
    let kits = |stage: Stage| (model.in_stage(stage)).filter(|d| d.kind == Kind::ClassMeeting);
    let parts: Vec<Arc<Part>> = (model.config.served_stages().iter())
        .map(|&stage| {
            let name = &model.catalog.stage(stage).name;
            let url = Some(format!("{}/", stage.id()));
            Part::new(stage.id(), name, url, by_semester(cx, kits(stage)))
        })
        .filter(|p| p.count > 0)
        .map(Arc::new)
        .collect();
    let total: usize = parts.iter().map(|p| p.count).sum();
    let intro = (total > 0).then(|| {
        format!(
            "<p>各学段的主题心理班会，共 {total} 套。每套有班会方案，多数附学习单和致家长的一封信，都可以直接打印。</p>"
        )
    });
    Section {
        title: Kind::ClassMeeting.name().into(),
        url: URL.into(),
        intro,
        // The page's own parts are its links (`section.html` lists them when there are two
        // or more).
        links: Vec::new(),
        groups: Vec::new(),
        parts,
        breadcrumbs: crumbs(&[]),
    }
}

/// `kits` in groups by semester, first and second, then those that name none; empty groups
/// are left out.
pub(super) fn by_semester<'m>(
    cx: &Context<'m>,
    kits: impl Iterator<Item = &'m Document>,
) -> Vec<Arc<Group>> {
    let kits: Vec<&Document> = kits.collect();
    [Some(Semester::First), Some(Semester::Second), None]
        .into_iter()
        .map(|semester| Group {
            title: semester.map_or("未标学期", Semester::name).into(),
            url: None,
            items: listed(
                cx,
                kits.iter()
                    .copied()
                    .filter(|d| d.details.semester == semester),
            ),
        })
        .filter(|g| !g.items.is_empty())
        .map(Arc::new)
        .collect()
}
