//! A curriculum document as the rest of the pipeline sees it: typed, validated, placed.

use std::path::PathBuf;

use serde::Serialize;

use crate::catalog::{Stage, Track};

/// What a document is. Decides its front-matter keys, its default template and its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Lesson,
    ClassMeeting,
    Handout,
    Training,
    Microcourse,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Lesson,
        Kind::ClassMeeting,
        Kind::Handout,
        Kind::Training,
        Kind::Microcourse,
        Kind::Page,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Lesson => "lesson",
            Kind::ClassMeeting => "class-meeting",
            Kind::Handout => "handout",
            Kind::Training => "training",
            Kind::Microcourse => "microcourse",
            Kind::Page => "page",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Lesson => "教案",
            Kind::ClassMeeting => "主题班会",
            Kind::Handout => "学习单",
            Kind::Training => "培训",
            Kind::Microcourse => "家长微课",
            Kind::Page => "页面",
        }
    }

    pub fn label(self) -> String {
        format!("{}（{}）", self.id(), self.name())
    }

    pub fn parse(input: &str) -> Option<Kind> {
        let input = input.trim();
        let alias = match input {
            "班会" | "主题心理班会" | "心理班会" => Some(Kind::ClassMeeting),
            "家长信" | "活动单" | "讲义" => Some(Kind::Handout),
            "微课" => Some(Kind::Microcourse),
            "教师培训" | "培训模块" | "培训专题" => Some(Kind::Training),
            _ => None,
        };
        alias.or_else(|| {
            Kind::ALL
                .into_iter()
                .find(|k| k.id().eq_ignore_ascii_case(input) || k.name() == input)
        })
    }

    /// Kinds that need a stage (and so a `curricula/<stage>/<track>/` folder).
    pub fn needs_stage(self) -> bool {
        matches!(
            self,
            Kind::Lesson | Kind::ClassMeeting | Kind::Handout | Kind::Microcourse
        )
    }
}

/// Where a document lives in the project, which decides its section of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "section", rename_all = "lowercase")]
pub enum Place {
    /// `curricula/<stage>/<track>/…`
    Curriculum { stage: Stage, track: Track },
    /// `curricula/training/…`
    Training,
    /// `content/…`
    Content,
}

/// A catalog entry a document refers to, resolved: the id for URLs, the name for people.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Ref {
    pub id: String,
    pub name: String,
}

/// A calendar date, checked when read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`, with a real month and day.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: u16 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// 教学目标: the three domains of the national guidelines, or a plain list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "style", rename_all = "lowercase")]
pub enum Objectives {
    Domains {
        cognitive: Option<String>,
        affective: Option<String>,
        behavioral: Option<String>,
    },
    List {
        items: Vec<String>,
    },
}

impl Objectives {
    /// For the three-domain form: each domain's Chinese name and text, in the order of the
    /// national guidelines (认知, 情感, 行为); `None` for a plain list.
    pub fn domains(&self) -> Option<[(&'static str, Option<&str>); 3]> {
        match self {
            Objectives::Domains {
                cognitive,
                affective,
                behavioral,
            } => Some([
                ("认知", cognitive.as_deref()),
                ("情感", affective.as_deref()),
                ("行为", behavioral.as_deref()),
            ]),
            Objectives::List { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semester {
    First,
    Second,
}

impl Semester {
    pub fn parse(input: &str) -> Option<Semester> {
        match input.trim() {
            "first" | "第一学期" | "上学期" | "秋季" | "秋季学期" => {
                Some(Semester::First)
            }
            "second" | "第二学期" | "下学期" | "春季" | "春季学期" => {
                Some(Semester::Second)
            }
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Semester::First => "第一学期（秋季）",
            Semester::Second => "第二学期（春季）",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HandoutAudience {
    Students,
    Parents,
}

/// Fields that only some kinds have; the rest of the document is shared.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Details {
    pub form: Option<Ref>,
    pub grades: Vec<String>,
    /// Minutes of a lesson or class meeting.
    pub duration: Option<u32>,
    pub objectives: Option<Objectives>,
    pub semester: Option<Semester>,
    /// Teaching week of the semester (`week:`, 1–30): the order of a grade's 教学进度表.
    pub week: Option<u32>,
    /// Handout readers; `None` for other kinds.
    pub handout_audience: Option<HandoutAudience>,
    /// Training audiences.
    pub audiences: Vec<Ref>,
    /// 课时 of a training module or session.
    pub hours: Option<f64>,
    /// Minutes in one 课时 of a training module or session (`period:`); `None` means
    /// the session's module decides, else [`DEFAULT_PERIOD`].
    pub period: Option<u32>,
    /// Minutes of a micro-course.
    pub minutes: Option<u32>,
    pub video: Option<String>,
    /// Printed pages the document must fit on (`pages:`), for its print view and PDF.
    pub pages: Option<u32>,
}

/// Its role in a bundle (a folder with `index.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "role", rename_all = "lowercase")]
pub enum Bundle {
    /// Not in a bundle.
    None,
    /// The bundle's `index.md`; `parts` are indices into the curriculum's documents.
    Index { parts: Vec<usize> },
    /// Another `.md` in the bundle; `index` is the bundle's `index.md`.
    Part { index: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Relative to the project root, e.g. `curricula/primary/developmental/x.md`.
    pub source: PathBuf,
    pub kind: Kind,
    pub place: Place,
    pub title: String,
    pub topic: Option<Ref>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub date: Option<Date>,
    pub draft: bool,
    pub weight: i64,
    pub allow: Vec<String>,
    pub extra: serde_json::Value,
    pub details: Details,
    /// Markdown after the front matter (and after a leading `# title` used as the title).
    /// Emptied once rendered (`pipeline::analyse`): the rendered HTML stands for it after that.
    pub body: String,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
    /// The page's path under the site root, `/`-separated, ending in `/`; empty for the root.
    pub url: String,
    pub bundle: Bundle,
}

impl Document {
    pub fn stage(&self) -> Option<Stage> {
        match self.place {
            Place::Curriculum { stage, .. } => Some(stage),
            _ => None,
        }
    }

    /// The stage as id and name (the catalog's, which a project may rename).
    pub fn stage_ref(&self, catalog: &crate::catalog::Catalog) -> Option<Ref> {
        self.stage().map(|s| Ref {
            id: s.id().into(),
            name: catalog.stage(s).name.clone(),
        })
    }

    pub fn track_ref(&self) -> Option<Ref> {
        self.track().map(|t| Ref {
            id: t.id().into(),
            name: t.name().into(),
        })
    }

    pub fn track(&self) -> Option<Track> {
        match self.place {
            Place::Curriculum { track, .. } => Some(track),
            _ => None,
        }
    }
}

/// Minutes in a 课时 when a training module does not say (`period:`): a school lesson.
pub const DEFAULT_PERIOD: u32 = 45;

/// Hours (课时) as people write them: `1.5`, `2` (no trailing `.0`), rounded to two places.
pub fn format_hours(h: f64) -> String {
    let text = format!("{h:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("2024/09/01"), None);
    }

    #[test]
    fn kinds_parse_by_id_and_chinese() {
        assert_eq!(Kind::parse("class-meeting"), Some(Kind::ClassMeeting));
        assert_eq!(Kind::parse("班会"), Some(Kind::ClassMeeting));
        assert_eq!(Kind::parse("微课"), Some(Kind::Microcourse));
        assert_eq!(Kind::parse("essay"), None);
    }
}
