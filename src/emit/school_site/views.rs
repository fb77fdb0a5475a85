//! What the parent theme's templates see: a school, its events and its courses as plain
//! serialisable views.

use serde::Serialize;

use crate::catalog::Stage;
use crate::config::Hotline;
use crate::model::{Curriculum, Date, Kind};
use crate::school::{Contact, Event, School};

use super::time::weekday;
use crate::emit::summary::Summary;

#[derive(Debug, Serialize)]
pub struct SchoolView {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub stage_names: String,
    pub address: String,
    pub contact: Contact,
    pub intro: Option<String>,
    pub hotlines: Vec<Hotline>,
    pub color: String,
    pub tint: String,
    /// Site-root-relative file of the logo.
    pub logo: String,
    /// Site-root-relative file of the square PNG badge of share cards (`og:image`).
    pub share_image: &'static str,
    pub url: String,
}

impl SchoolView {
    pub fn new(school: &School, model: &Curriculum, logo: String) -> SchoolView {
        SchoolView {
            id: school.id.clone(),
            name: school.name.clone(),
            short_name: school.short_name.clone(),
            stage_names: stage_names(model, &school.stages),
            address: school.address.clone(),
            contact: school.contact.clone(),
            intro: school.intro.clone(),
            hotlines: school.hotlines.clone(),
            color: school.color.to_string(),
            tint: school.color.tint().to_string(),
            logo,
            share_image: super::badge::FILE,
            url: school.url.clone(),
        }
    }
}

pub use crate::emit::print_paths::event_anchor;

pub fn stage_names(model: &Curriculum, stages: &[Stage]) -> String {
    stages
        .iter()
        .map(|&s| model.catalog.stage(s).name.clone())
        .collect::<Vec<_>>()
        .join("、")
}

#[derive(Debug, Serialize)]
pub struct EventView {
    /// Anchor on the calendar page.
    pub anchor: String,
    /// Its own page (poster, A4 notice), microsite-relative.
    pub url: String,
    pub date: String,
    pub date_text: String,
    pub month: u8,
    pub day: u8,
    pub weekday: &'static str,
    pub start: String,
    pub end: String,
    pub topic: String,
    pub place: String,
    pub kind_name: &'static str,
    pub stage_names: String,
    pub page: Option<String>,
    pub note: Option<String>,
    /// Over by the build date (Beijing); the page's script corrects it as days pass.
    pub past: bool,
}

const WEEKDAYS: [&str; 7] = [
    "星期日",
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
];

impl EventView {
    pub fn new(e: &Event, model: &Curriculum) -> EventView {
        EventView {
            anchor: event_anchor(e),
            url: crate::emit::print_paths::event_url(e),
            date: e.date.to_string(),
            date_text: format!("{}年{}月{}日", e.date.year, e.date.month, e.date.day),
            month: e.date.month,
            day: e.date.day,
            weekday: WEEKDAYS[weekday(e.date)],
            start: e.start.to_string(),
            end: e.end.to_string(),
            topic: e.topic.clone(),
            place: e.place.clone(),
            kind_name: e.kind.name(),
            stage_names: stage_names(model, &e.stages),
            page: e.page.clone(),
            note: e.note.clone(),
            past: false,
        }
    }
}

/// Events of one month, for the calendar page.
#[derive(Debug, Serialize)]
pub struct Month {
    pub title: String,
    /// `2026-10`, for the page's script that regroups the events as days pass.
    pub key: String,
    /// Every event of this group is over (the 已结束 part of the page).
    pub past: bool,
    pub events: Vec<EventView>,
}

/// The calendar page's months as of the build date (Beijing): upcoming events first, month
/// by month, then the past ones, most recent first, each marked 已结束. The page's script
/// redoes this with the reader's own date; this order is what a reader without it sees.
pub fn months(events: &[Event], model: &Curriculum) -> Vec<Month> {
    months_as_of(
        events,
        model,
        super::time::today_beijing(super::time::now_epoch()),
    )
}

pub fn months_as_of(events: &[Event], model: &Curriculum, today: Date) -> Vec<Month> {
    let (past, upcoming): (Vec<&Event>, Vec<&Event>) = events.iter().partition(|e| e.date < today);
    let mut sorted = upcoming;
    sorted.sort_by_key(|e| (e.date, e.start.to_string()));
    let mut out = group(&sorted, model, false);
    let mut past = past;
    past.sort_by_key(|e| std::cmp::Reverse((e.date, e.start.to_string())));
    out.extend(group(&past, model, true));
    out
}

/// Consecutive events of one month as one `Month`.
fn group(events: &[&Event], model: &Curriculum, past: bool) -> Vec<Month> {
    let mut out: Vec<Month> = Vec::new();
    for e in events {
        let key = format!("{:04}-{:02}", e.date.year, e.date.month);
        if out.last().is_none_or(|m| m.key != key) {
            out.push(Month {
                title: format!("{}年{}月", e.date.year, e.date.month),
                key,
                past,
                events: Vec::new(),
            });
        }
        if let Some(m) = out.last_mut() {
            let mut view = EventView::new(e, model);
            view.past = past;
            m.events.push(view);
        }
    }
    out
}

/// The next `n` events from `today`; the last ones when the term is over.
pub fn upcoming(events: &[Event], today: Date, n: usize) -> &[Event] {
    let first = events.iter().position(|e| e.date >= today);
    match first {
        Some(i) => &events[i..(i + n).min(events.len())],
        None => &events[events.len().saturating_sub(n)..],
    }
}

/// Micro-courses of one stage.
#[derive(Debug, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub title: String,
    pub items: Vec<Summary>,
}

pub fn course_groups(model: &Curriculum, school: &School) -> Vec<Group> {
    school
        .stages
        .iter()
        .map(|&stage| Group {
            id: stage.id(),
            title: format!("{}家长微课", model.catalog.stage(stage).name),
            items: model
                .sorted(
                    model
                        .in_stage(stage)
                        .filter(|d| d.kind == Kind::Microcourse),
                )
                .into_iter()
                .map(|d| Summary::new(d, &model.catalog))
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}

/// A round badge with the school's first character, for schools without a logo file.
pub fn badge_svg(school: &School) -> String {
    let letter: String = school
        .short_name
        .chars()
        .next()
        .map(|c| crate::render::escape::escape(&c.to_string()))
        .unwrap_or_default();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="31" fill="#fff"/><circle cx="32" cy="32" r="27" fill="{c}"/><circle cx="32" cy="32" r="23" fill="none" stroke="#fff" stroke-width="1.5"/><text x="32" y="42" font-size="28" font-weight="700" text-anchor="middle" fill="#fff" font-family="sans-serif">{letter}</text></svg>"##,
        c = school.color
    )
}
