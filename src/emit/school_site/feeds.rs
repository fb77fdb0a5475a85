//! A school's machine-readable files: the events as iCalendar (RFC 5545), an Atom feed of
//! news, `sitemap.xml` and `robots.txt`.

use std::fmt::Write as _;

use crate::model::{Curriculum, Date};
use crate::render::escape::escape;
use crate::school::{Event, School};

use super::time::utc_stamp;
use super::views::{event_anchor, stage_names};

/// Asia/Shanghai: UTC+8 all year since 1991, so one STANDARD rule describes it.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nX-LIC-LOCATION:Asia/Shanghai\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// TEXT value escaping (RFC 5545 §3.3.11).
pub fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1), with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn local(date: Date, clock: crate::school::Clock) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00",
        date.year, date.month, date.day, clock.hour, clock.minute
    )
}

/// The school's events as one calendar that phones import or subscribe to.
pub fn ics(school: &School, model: &Curriculum, epoch: i64) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//yuxin//parent school//ZH".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{}家长学校", school.short_name))
        ),
        "X-WR-TIMEZONE:Asia/Shanghai".into(),
    ] {
        out.push_str(&fold(&line));
    }
    out.push_str(VTIMEZONE);
    let stamp = utc_stamp(epoch);
    for (i, e) in school.events.iter().enumerate() {
        out.push_str(&event(school, model, e, i, &stamp));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn event(school: &School, model: &Curriculum, e: &Event, i: usize, stamp: &str) -> String {
    let stages = stage_names(model, &e.stages);
    let mut description = format!("{}（{}）", e.kind.name(), stages);
    if let Some(note) = &e.note {
        description.push('\n');
        description.push_str(note);
    }
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!(
            "UID:{}-{}-{}@yuxin",
            school.id,
            local(e.date, e.start),
            i + 1
        ),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;TZID=Asia/Shanghai:{}", local(e.date, e.start)),
        format!("DTEND;TZID=Asia/Shanghai:{}", local(e.date, e.end)),
        format!("SUMMARY:{}", ics_text(&e.topic)),
    ];
    if !e.place.is_empty() {
        lines.push(format!("LOCATION:{}", ics_text(&e.place)));
    }
    if let Some(page) = &e.page {
        description.push_str(&format!("\n方案：{}{page}", school.url));
        lines.push(format!("URL:{}{page}", school.url));
    }
    lines.push(format!("DESCRIPTION:{}", ics_text(&description)));
    lines.push(format!("CATEGORIES:{}", ics_text(e.kind.name())));
    lines.push("END:VEVENT".into());
    lines.iter().map(|l| fold(l)).collect()
}

fn rfc3339(date: Date, clock: Option<crate::school::Clock>) -> String {
    let (h, m) = clock.map_or((0, 0), |c| (c.hour, c.minute));
    format!("{date}T{h:02}:{m:02}:00+08:00")
}

/// One feed entry.
pub struct Entry {
    pub title: String,
    /// Site-root-relative.
    pub url: String,
    /// Site-root-relative and permanent: the same page or event keeps its id across builds.
    pub id: String,
    pub updated: String,
    pub summary: String,
}

/// Entries: dated pages (news) and the events, newest first.
pub fn entries(
    school: &School,
    model: &Curriculum,
    pages: &[&crate::model::Document],
) -> Vec<Entry> {
    let mut out: Vec<(String, Entry)> = Vec::new();
    for d in pages {
        if let Some(date) = d.date {
            out.push((
                rfc3339(date, None),
                Entry {
                    title: d.title.clone(),
                    url: d.url.clone(),
                    id: d.url.clone(),
                    updated: rfc3339(date, None),
                    summary: d.summary.clone().unwrap_or_default(),
                },
            ));
        }
    }
    for e in &school.events {
        let when = rfc3339(e.date, Some(e.start));
        let stages = stage_names(model, &e.stages);
        let anchor = format!("events/#{}", event_anchor(e));
        out.push((
            when.clone(),
            Entry {
                title: format!("{}：{}", e.kind.name(), e.topic),
                url: e.page.clone().unwrap_or_else(|| anchor.clone()),
                id: anchor,
                updated: when,
                summary: format!(
                    "{}年{}月{}日 {}—{}，{}。对象：{}家长。",
                    e.date.year, e.date.month, e.date.day, e.start, e.end, e.place, stages
                ),
            },
        ));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0));
    out.into_iter().map(|(_, e)| e).collect()
}

/// Atom 1.0 (RFC 4287).
pub fn atom(school: &School, entries: &[Entry]) -> String {
    let base = &school.url;
    let updated = entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00+08:00");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n<title>{}家长学校</title>\n<subtitle>家长会、家长学校讲座和新文章</subtitle>\n<link rel=\"alternate\" type=\"text/html\" href=\"{b}\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{b}feed.xml\"/>\n<id>{b}</id>\n<updated>{updated}</updated>\n<author><name>{}</name></author>\n",
        escape(&school.name),
        escape(&school.name),
        b = escape(base),
    );
    for e in entries {
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{b}{u}\"/>\n<id>{b}{id}</id>\n<updated>{}</updated>\n<summary>{}</summary>\n</entry>\n",
            escape(&e.title),
            e.updated,
            escape(&e.summary),
            b = escape(base),
            u = escape(&e.url),
            id = escape(&e.id),
        );
    }
    out.push_str("</feed>\n");
    out
}

/// Every page of the microsite, absolute.
pub fn sitemap(school: &School, urls: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        let _ = writeln!(
            out,
            "<url><loc>{}{}</loc></url>",
            escape(&school.url),
            escape(u)
        );
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(school: &School) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        school.url
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folding_keeps_characters_whole() {
        let line = format!("SUMMARY:{}", "家长会".repeat(20));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }
}
