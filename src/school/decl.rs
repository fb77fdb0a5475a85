//! School declarations as written: a `schools:` list in `yuxin.yaml` and one file per school in
//! `schools/*.yaml`. Values that need checking keep their place in the file (`Spanned`), so
//! [`super::resolve`] can point at the exact line and column.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::config::Hotline;
use crate::diag::{Diagnostic, Span};
use crate::load::yaml;

/// A school as declared.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolDecl {
    pub id: Spanned<String>,
    pub name: String,
    /// A short name for tight spaces (the browser tab, the calendar); defaults to `name`.
    #[serde(default)]
    pub short_name: Option<String>,
    pub stages: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub contact: Contact,
    /// A few words from the school to its families, shown on the home page.
    #[serde(default)]
    pub intro: Option<String>,
    /// Local lines, shown beside the site's (national) hotlines.
    #[serde(default)]
    pub hotlines: Vec<Hotline>,
    /// Show the site's hotlines (12356 by default) too; on unless turned off.
    #[serde(default = "yes")]
    pub national_hotline: bool,
    #[serde(default)]
    pub logo: Option<Spanned<String>>,
    #[serde(default)]
    pub color: Option<Spanned<String>>,
    /// Output folder inside a full build; `schools/<id>/` by default.
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// Where the microsite is published, when not at `base_url` + `path`.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub events: Vec<EventDecl>,
}

fn yes() -> bool {
    true
}

/// How families reach the school about their child's wellbeing.
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who or where, e.g. 心理辅导室（行政楼三层）.
    #[serde(default)]
    pub office: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// When someone is there, e.g. 周一至周五 8:00—17:00.
    #[serde(default)]
    pub hours: Option<String>,
}

/// A parent meeting or parent-school session as declared.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDecl {
    pub date: Spanned<String>,
    /// `19:00-20:30`, in Beijing time (Asia/Shanghai).
    pub time: Spanned<String>,
    pub topic: String,
    #[serde(default)]
    pub place: String,
    /// `家长会` (meeting) or `家长学校` (session).
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// Stages it is for; all the school's stages when left out.
    #[serde(default)]
    pub stages: Vec<Spanned<String>>,
    /// A content page with the plan, e.g. `content/parent-meetings/first-term.md`.
    #[serde(default)]
    pub page: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The keys of a school, with their Chinese labels, for "unknown key" hints.
pub const SCHOOL_KEYS: &[(&str, &str)] = &[
    ("id", "编号"),
    ("name", "校名"),
    ("short_name", "简称"),
    ("stages", "学段"),
    ("address", "地址"),
    ("contact", "联系方式"),
    ("intro", "致家长"),
    ("hotlines", "本地热线"),
    ("national_hotline", "显示全国热线"),
    ("logo", "校徽"),
    ("color", "主题色"),
    ("path", "输出位置"),
    ("url", "网址"),
    ("events", "活动"),
];

pub const EVENT_KEYS: &[(&str, &str)] = &[
    ("date", "日期"),
    ("time", "时间"),
    ("topic", "主题"),
    ("place", "地点"),
    ("kind", "类型"),
    ("stages", "学段"),
    ("page", "方案页面"),
    ("note", "备注"),
];

/// A declaration and the file it is in.
pub struct Declared {
    pub decl: SchoolDecl,
    pub file: PathBuf,
}

#[derive(Deserialize)]
struct SchoolsOnly {
    #[serde(default)]
    schools: Vec<SchoolDecl>,
}

/// The `schools:` list of `yuxin.yaml` (whose other keys `Config` reads).
pub fn from_config(text: &str, file: &Path) -> Result<Vec<Declared>, Diagnostic> {
    let only: SchoolsOnly =
        serde_saphyr::from_str_with_options(text, yaml::options()).map_err(|e| error(&e, file))?;
    Ok(only
        .schools
        .into_iter()
        .map(|decl| Declared {
            decl,
            file: file.to_path_buf(),
        })
        .collect())
}

/// One `schools/<file>.yaml`: a single school.
pub fn from_file(text: &str, file: &Path) -> Result<Declared, Diagnostic> {
    if let Err(e) = yaml::parse(text, 1) {
        return Err(Diagnostic::error(
            "yaml-syntax",
            file,
            e.span,
            format!("YAML 写法有误：{}", e.message),
        )
        .with_hint(e.hint()));
    }
    let decl =
        serde_saphyr::from_str_with_options(text, yaml::options()).map_err(|e| error(&e, file))?;
    Ok(Declared {
        decl,
        file: file.to_path_buf(),
    })
}

/// A serde error as a located diagnostic, with a did-you-mean for unknown keys.
fn error(err: &serde_saphyr::Error, file: &Path) -> Diagnostic {
    let e = crate::load::yaml::SerdeError::new(err);
    let mut diag = Diagnostic::error(
        "school",
        file,
        e.span,
        format!("学校设置有误：{}", e.message),
    )
    .with_hint("学校要写 id、name、stages；活动要写 date、time、topic。参见 docs/schools.md");
    if let Some(key) = &e.unknown_key {
        // Event keys and school keys do not overlap much; pick the list the key is closest to.
        let keys = if crate::diag::suggest(key, EVENT_KEYS.iter().map(|(k, _)| *k)).is_some()
            && crate::diag::suggest(key, SCHOOL_KEYS.iter().map(|(k, _)| *k)).is_none()
        {
            EVENT_KEYS
        } else {
            SCHOOL_KEYS
        };
        diag.message = format!("学校设置里有未知的项 `{key}`");
        diag.hint = Some(crate::load::yaml::unknown_key_hint(key, keys, "项"));
    } else if let Some(key) = &e.missing_key {
        let label = SCHOOL_KEYS
            .iter()
            .chain(EVENT_KEYS)
            .find(|(k, _)| k == key)
            .map_or("", |(_, l)| *l);
        diag.message = format!("学校设置缺少 `{key}`（{label}）");
        diag.hint = Some(format!("在这一项下面加上 `{key}: …`"));
    }
    diag
}

/// Where a spanned value is, as a span that underlines it.
pub fn span_of<T>(s: &Spanned<T>, len: usize) -> Span {
    Span::new(
        s.referenced.line() as usize,
        s.referenced.column() as usize,
        len,
    )
}

/// The span of a spanned string, underlining all of it.
pub fn span_str(s: &Spanned<String>) -> Span {
    span_of(s, s.value.chars().count().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_event_key_is_located_with_suggestion() {
        let text = "id: a\nname: 甲\nstages: [primary]\nevents:\n  - date: 2026-09-01\n    time: \"19:00-20:00\"\n    topic: t\n    plase: 礼堂\n";
        let err = from_file(text, Path::new("schools/a.yaml")).err().unwrap();
        assert_eq!(err.span.line, 8, "{err:?}");
        assert!(err.hint.unwrap().contains("place"));
    }

    #[test]
    fn missing_name_is_reported_in_chinese() {
        let err = from_file("id: a\nstages: [primary]\n", Path::new("schools/a.yaml"))
            .err()
            .unwrap();
        assert!(err.message.contains("name"), "{}", err.message);
        assert!(err.message.contains("校名"), "{}", err.message);
    }

    #[test]
    fn config_list_keeps_lines() {
        let text = "title: t\nschools:\n  - id: a\n    name: 甲\n    stages: [小学]\n";
        let list = from_config(text, Path::new("yuxin.yaml")).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].decl.id.referenced.line(), 3);
    }
}
