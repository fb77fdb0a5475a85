//! Front-matter fields: which keys each kind has, what type each takes, and the typed values.
//!
//! [`FIELDS`] is the one table of keys: a key's Chinese name, the kinds that have it, the
//! example a hint shows, and how its value is read (`values` holds the typed readers). Every
//! key is checked, and every problem becomes a located diagnostic, so that an author sees all
//! mistakes of a file at once.
//!
//! A key may be written in English or in Chinese: its Chinese name (`label`) and the other
//! names in [`ALIASES`] work as the key itself (`标题: 认识新朋友`), so that a teacher never
//! has to switch the input method inside a front matter. [`resolve`] finds the field a name
//! stands for; `时长` is `duration` for lessons and class meetings and `minutes` for
//! micro-courses. Writing one key twice under two names is an error naming both lines.

#[cfg(test)]
mod tests;
mod values;

use std::path::Path;

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Span, suggest};
use crate::load::yaml::{Node, Value};
use crate::model::{Date, Details, Kind, Ref};
use values::{Reader, Res};

use Kind::*;

/// Reads a key's value (not null) into the front matter.
type Read = fn(&Reader, &str, &Node, &mut FrontMatter) -> Res<()>;

pub struct Field {
    pub key: &'static str,
    /// The Chinese name, shown next to the key in every message: `duration（时长）`.
    pub label: &'static str,
    /// Kinds that have this key; empty means all.
    pub kinds: &'static [Kind],
    /// The value a hint shows when a text was expected: `例如 `title: 认识新朋友``.
    example: &'static str,
    read: Read,
}

const fn field(
    key: &'static str,
    label: &'static str,
    kinds: &'static [Kind],
    example: &'static str,
    read: Read,
) -> Field {
    Field {
        key,
        label,
        kinds,
        example,
        read,
    }
}

/// Every kind.
const ALL: &[Kind] = &[];

/// Every front-matter key, in the order hints list them.
pub const FIELDS: &[Field] = &[
    field("title", "标题", ALL, "认识新朋友", |r, k, v, fm| {
        fm.title = Some(r.text(k, v)?);
        Ok(())
    }),
    // Read before every other key, as it decides which keys are allowed (see `read_kind`).
    field("kind", "类型", ALL, "…", |_, _, _, _| Ok(())),
    field("topic", "主题", ALL, "环境适应", |r, k, v, fm| {
        fm.topic = Some((r.topic(k, v)?, v.span));
        Ok(())
    }),
    field("summary", "摘要", ALL, "…", |r, k, v, fm| {
        fm.summary = Some(r.text(k, v)?);
        Ok(())
    }),
    field(
        "tags",
        "标签",
        ALL,
        "[新生适应, 同伴交往]",
        |r, k, v, fm| {
            fm.tags = r.texts(k, v)?;
            Ok(())
        },
    ),
    field("date", "日期", ALL, "…", |r, k, v, fm| {
        fm.date = Some(r.date(k, v)?);
        Ok(())
    }),
    field("draft", "草稿", ALL, "…", |r, k, v, fm| {
        fm.draft = r.boolean(k, v)?;
        Ok(())
    }),
    field("weight", "排序", ALL, "…", |r, k, v, fm| {
        fm.weight = r.integer(k, v)?;
        Ok(())
    }),
    field("allow", "忽略检查", ALL, "…", |r, k, v, fm| {
        fm.allow = r.texts(k, v)?;
        Ok(())
    }),
    field("extra", "扩展", ALL, "…", |r, k, v, fm| {
        fm.extra = r.map(k, v)?;
        Ok(())
    }),
    field(
        "form",
        "形式",
        &[Lesson, ClassMeeting, Training],
        "游戏辅导",
        |r, k, v, fm| {
            fm.details.form = Some(r.form(k, v)?);
            Ok(())
        },
    ),
    field(
        "grades",
        "年级",
        &[Lesson, ClassMeeting, Microcourse],
        "[一年级, 二年级]",
        |r, k, v, fm| {
            fm.details.grades = r.texts(k, v)?;
            Ok(())
        },
    ),
    field(
        "duration",
        "时长",
        &[Lesson, ClassMeeting],
        "…",
        |r, k, v, fm| {
            fm.details.duration = Some(r.minutes(k, v)?);
            Ok(())
        },
    ),
    field(
        "objectives",
        "教学目标",
        &[Lesson, ClassMeeting, Training],
        "…",
        |r, k, v, fm| {
            fm.details.objectives = Some(r.objectives(k, v)?);
            Ok(())
        },
    ),
    field(
        "semester",
        "学期",
        &[Lesson, ClassMeeting, Microcourse],
        "first",
        |r, k, v, fm| {
            fm.details.semester = Some(r.semester(k, v)?);
            Ok(())
        },
    ),
    // The teaching week a plan is taught in; it orders a grade's semester (教学进度表).
    field(
        "week",
        "周次",
        &[Lesson, ClassMeeting, Microcourse],
        "3",
        |r, k, v, fm| {
            fm.details.week = Some(r.week(k, v)?);
            Ok(())
        },
    ),
    // A handout's audience is students or parents; a training module's, catalog entries.
    field(
        "audience",
        "对象",
        &[Handout, Training],
        "…",
        |r, k, v, fm| {
            if r.kind == Handout {
                fm.details.handout_audience = Some(r.handout_audience(k, v)?);
            } else {
                fm.details.audiences = r.audiences(k, v)?;
            }
            Ok(())
        },
    ),
    field("hours", "课时", &[Training], "…", |r, k, v, fm| {
        fm.details.hours = Some(r.hours(k, v)?);
        Ok(())
    }),
    // How long one 课时 of a training module is; hour targets convert 课时 with it.
    field(
        "period",
        "每课时分钟",
        &[Training],
        "60",
        |r, k, v, fm| {
            fm.details.period = Some(r.period(k, v)?);
            Ok(())
        },
    ),
    field("minutes", "时长", &[Microcourse], "…", |r, k, v, fm| {
        fm.details.minutes = Some(r.minutes(k, v)?);
        Ok(())
    }),
    field(
        "video",
        "视频",
        &[Microcourse],
        "video.mp4",
        |r, k, v, fm| {
            fm.details.video = Some(r.text(k, v)?);
            Ok(())
        },
    ),
    field(
        "pages",
        "限页",
        &[Lesson, ClassMeeting, Handout, Training],
        "1",
        |r, k, v, fm| {
            fm.details.pages = Some(r.pages(k, v)?);
            Ok(())
        },
    ),
];

/// Chinese names a key may also be written as, besides its `label`: the words teachers use
/// for it (课题 for a lesson's title, 课型 for its form).
pub const ALIASES: &[(&str, &[&str])] = &[
    ("title", &["课题"]),
    ("form", &["课型"]),
    ("objectives", &["目标"]),
];

impl Field {
    pub fn applies_to(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
    fn label(&self) -> String {
        format!("{}（{}）", self.key, self.label)
    }
    /// The Chinese names beyond `label`.
    fn aliases(&self) -> &'static [&'static str] {
        ALIASES
            .iter()
            .find(|(k, _)| *k == self.key)
            .map_or(&[], |(_, a)| a)
    }
    /// Every name the key may be written as: the English key, then its Chinese names.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone {
        [self.key, self.label]
            .into_iter()
            .chain(self.aliases().iter().copied())
    }
    /// `form（形式/课型）`: the key with all its Chinese names, for the list of keys in a hint.
    fn all_names(&self) -> String {
        let chinese: Vec<&str> = self.names().skip(1).collect();
        format!("{}（{}）", self.key, chinese.join("/"))
    }
}

fn find(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// The field `name` stands for in a document of `kind`: an English key, or one of its
/// Chinese names. A Chinese name two keys share (时长) is the one `kind` has; when `kind` has
/// neither, the first, so that the message can say the key does not apply.
pub fn resolve(name: &str, kind: Kind) -> Option<&'static Field> {
    if let Some(f) = find(name) {
        return Some(f);
    }
    let mut named = FIELDS
        .iter()
        .filter(|f| f.names().skip(1).any(|n| n == name));
    let first = named.clone().next()?;
    Some(named.find(|f| f.applies_to(kind)).unwrap_or(first))
}

/// Every name of the key `key` (`duration`, `时长`), for finding its line in a file's text;
/// empty when it is no front-matter key.
pub fn names(key: &str) -> Vec<&'static str> {
    find(key).map_or_else(Vec::new, |f| f.names().collect())
}

/// `key（中文）` for a known key.
pub fn label(key: &str) -> String {
    find(key).map_or_else(|| key.to_string(), Field::label)
}

/// The example value of a known key, for a hint (`…` when it has none).
fn example(key: &str) -> &'static str {
    find(key).map_or("…", |f| f.example)
}

/// The typed front matter of one file.
#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub topic: Option<(Ref, Span)>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub date: Option<Date>,
    pub draft: bool,
    pub weight: i64,
    pub allow: Vec<String>,
    pub extra: serde_json::Value,
    pub details: Details,
}

/// The `kind:` of a front matter, read before the other keys because it decides which keys
/// are allowed. `Err` is already reported.
pub fn read_kind(root: &Node, file: &Path) -> Result<Option<(Kind, Span)>, Diagnostic> {
    let Value::Map(pairs) = &root.value else {
        return Ok(None);
    };
    let is_kind = |k: &Node| {
        k.as_str()
            .and_then(|n| resolve(n, Kind::Page))
            .is_some_and(|f| f.key == "kind")
    };
    let Some((_, value)) = pairs.iter().find(|(k, _)| is_kind(k)) else {
        return Ok(None);
    };
    let text = value.as_str().unwrap_or_default();
    match Kind::parse(text) {
        Some(kind) => Ok(Some((kind, value.span))),
        None => {
            let options: Vec<String> = Kind::ALL.iter().map(|k| k.label()).collect();
            let ids = Kind::ALL.iter().map(|k| k.id());
            let mut hint = format!("可选的有：{}", options.join("、"));
            if let Some(s) = suggest(text, ids) {
                hint = format!("是不是想写 `{s}`？{hint}");
            }
            Err(Diagnostic::error(
                "unknown-kind",
                file,
                value.span,
                format!(
                    "{} 的值 `{}` 不是已知的文档类型",
                    label("kind"),
                    value.scalar_text()
                ),
            )
            .with_hint(hint))
        }
    }
}

/// Reads every key of `root` for a document of `kind`. Problems go to `diags`; the fields
/// that were fine are still filled in, so later checks see as much as possible.
pub fn read(
    root: &Node,
    kind: Kind,
    catalog: &Catalog,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let mut fm = FrontMatter {
        extra: serde_json::Value::Object(Default::default()),
        ..Default::default()
    };
    let pairs = match &root.value {
        Value::Map(pairs) => pairs.as_slice(),
        Value::Null => &[],
        _ => {
            diags.push(
                Diagnostic::error(
                    "front-matter",
                    file,
                    root.span,
                    format!(
                        "front matter 应是一组“键: 值”（键值表），这里却是{}",
                        root.type_name()
                    ),
                )
                .with_hint("每行写一个字段，例如 `title: 认识新朋友`"),
            );
            return fm;
        }
    };
    let reader = Reader {
        kind,
        catalog,
        file,
    };
    // The keys read so far, by field: the name written and where, for a key written twice.
    let mut seen: Vec<(&'static str, String, Span)> = Vec::new();
    for (key, value) in pairs {
        let name = key.scalar_text();
        let read = check_key(kind, file, &name, key.span).and_then(|f| {
            if let Some((_, first, at)) = seen.iter().find(|(k, ..)| *k == f.key) {
                return Err(written_twice(file, f, (first, *at), (&name, key.span)));
            }
            seen.push((f.key, name.clone(), key.span));
            // `summary:` with nothing after it (as scaffolds write it) means "not set yet".
            if value.value == Value::Null {
                return Ok(());
            }
            (f.read)(&reader, f.key, value, &mut fm)
        });
        if let Err(d) = read {
            diags.push(d);
        }
    }
    fm
}

/// The field `name` is, when a document of `kind` may have it; else why not, with the keys it
/// may have.
fn check_key(kind: Kind, file: &Path, name: &str, span: Span) -> Res<&'static Field> {
    let span = Span {
        len: name.chars().count(),
        ..span
    };
    if let Some(f) = resolve(name, kind) {
        if f.applies_to(kind) {
            return Ok(f);
        }
        let owners: Vec<String> = f.kinds.iter().map(|k| k.label()).collect();
        return Err(Diagnostic::error(
            "unknown-key",
            file,
            span,
            format!("{} 不适用于 {}", f.label(), kind.label()),
        )
        .with_hint(format!(
            "它只用于 {}；如果类型写错了，请改 kind；自由数据请放在 extra: 下",
            owners.join("、")
        )));
    }
    let allowed: Vec<&Field> = FIELDS.iter().filter(|f| f.applies_to(kind)).collect();
    let close = suggest(name, allowed.iter().flat_map(|f| f.names()));
    let list: Vec<String> = allowed.iter().map(|f| f.all_names()).collect();
    let hint = match close.and_then(|s| Some((s, resolve(s, kind)?))) {
        Some((s, f)) => format!(
            "是不是想写 {}？{} 可用的字段：{}",
            if s == f.key {
                format!("`{}`", f.label())
            } else {
                format!("`{s}`（{}）", f.key)
            },
            kind.label(),
            list.join("、")
        ),
        None => format!(
            "{} 可用的字段：{}；自由数据请放在 extra: 下",
            kind.label(),
            list.join("、")
        ),
    };
    Err(
        Diagnostic::error("unknown-key", file, span, format!("未知的字段 `{name}`"))
            .with_hint(hint),
    )
}

/// The same key written twice, under two of its names (`title` and `标题`).
fn written_twice(
    file: &Path,
    f: &Field,
    (first, first_at): (&str, Span),
    (again, at): (&str, Span),
) -> Diagnostic {
    Diagnostic::error(
        "duplicate-key",
        file,
        Span {
            len: again.chars().count(),
            ..at
        },
        format!(
            "{} 写了两次：第 {} 行写作 `{first}`，第 {} 行又写作 `{again}`",
            f.label(),
            first_at.line,
            at.line
        ),
    )
    .with_hint(format!(
        "英文名和中文名是同一个字段，只能写一次：删掉第 {} 行或第 {} 行",
        first_at.line, at.line
    ))
}
