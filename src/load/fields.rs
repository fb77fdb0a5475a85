//! Front-matter fields: which keys each kind has, what type each takes, and the typed values.
//!
//! Every key is checked, and every problem becomes a located diagnostic, so that an author
//! sees all mistakes of a file at once.

use std::path::Path;

use crate::catalog::{Catalog, Entry, Miss};
use crate::diag::{Diagnostic, Span, suggest};
use crate::load::yaml::{Node, Value};
use crate::model::{Date, Details, HandoutAudience, Kind, Objectives, Ref, Semester};

use Kind::*;

pub struct Field {
    pub key: &'static str,
    /// The Chinese name, shown next to the key in every message: `duration（时长）`.
    pub label: &'static str,
    /// Kinds that have this key; empty means all.
    pub kinds: &'static [Kind],
}

pub const FIELDS: &[Field] = &[
    Field {
        key: "title",
        label: "标题",
        kinds: &[],
    },
    Field {
        key: "kind",
        label: "类型",
        kinds: &[],
    },
    Field {
        key: "topic",
        label: "主题",
        kinds: &[],
    },
    Field {
        key: "summary",
        label: "摘要",
        kinds: &[],
    },
    Field {
        key: "tags",
        label: "标签",
        kinds: &[],
    },
    Field {
        key: "date",
        label: "日期",
        kinds: &[],
    },
    Field {
        key: "draft",
        label: "草稿",
        kinds: &[],
    },
    Field {
        key: "weight",
        label: "排序",
        kinds: &[],
    },
    Field {
        key: "allow",
        label: "忽略检查",
        kinds: &[],
    },
    Field {
        key: "extra",
        label: "扩展",
        kinds: &[],
    },
    Field {
        key: "form",
        label: "形式",
        kinds: &[Lesson, ClassMeeting, Training],
    },
    Field {
        key: "grades",
        label: "年级",
        kinds: &[Lesson, ClassMeeting, Microcourse],
    },
    Field {
        key: "duration",
        label: "时长",
        kinds: &[Lesson, ClassMeeting],
    },
    Field {
        key: "objectives",
        label: "教学目标",
        kinds: &[Lesson, ClassMeeting, Training],
    },
    Field {
        key: "semester",
        label: "学期",
        kinds: &[ClassMeeting],
    },
    Field {
        key: "audience",
        label: "对象",
        kinds: &[Handout, Training],
    },
    Field {
        key: "hours",
        label: "课时",
        kinds: &[Training],
    },
    Field {
        key: "minutes",
        label: "时长",
        kinds: &[Microcourse],
    },
    Field {
        key: "video",
        label: "视频",
        kinds: &[Microcourse],
    },
    Field {
        key: "pages",
        label: "限页",
        kinds: &[Lesson, ClassMeeting, Handout, Training],
    },
];

impl Field {
    pub fn applies_to(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
    fn label(&self) -> String {
        format!("{}（{}）", self.key, self.label)
    }
}

fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// `key（中文）` for a known key.
pub fn label(key: &str) -> String {
    field(key).map_or_else(|| key.to_string(), Field::label)
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
    let Some((_, value)) = pairs.iter().find(|(k, _)| k.as_str() == Some("kind")) else {
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
    for (key, value) in pairs {
        let name = key.scalar_text();
        match reader.check_key(&name, key.span) {
            Ok(()) => {
                if let Err(d) = reader.read_value(&name, value, &mut fm) {
                    diags.push(d);
                }
            }
            Err(d) => diags.push(d),
        }
    }
    fm
}

struct Reader<'a> {
    kind: Kind,
    catalog: &'a Catalog,
    file: &'a Path,
}

type Res<T> = Result<T, Diagnostic>;

impl Reader<'_> {
    fn check_key(&self, name: &str, span: Span) -> Res<()> {
        let span = Span {
            len: name.chars().count(),
            ..span
        };
        if let Some(f) = field(name) {
            if f.applies_to(self.kind) {
                return Ok(());
            }
            let owners: Vec<String> = f.kinds.iter().map(|k| k.label()).collect();
            return Err(Diagnostic::error(
                "unknown-key",
                self.file,
                span,
                format!("{} 不适用于 {}", f.label(), self.kind.label()),
            )
            .with_hint(format!(
                "它只用于 {}；如果类型写错了，请改 kind；自由数据请放在 extra: 下",
                owners.join("、")
            )));
        }
        let allowed: Vec<&Field> = FIELDS.iter().filter(|f| f.applies_to(self.kind)).collect();
        let by_label = allowed.iter().find(|f| f.label == name);
        let close = suggest(name, allowed.iter().map(|f| f.key)).and_then(field);
        let list: Vec<String> = allowed.iter().map(|f| f.label()).collect();
        let hint = match by_label.copied().or(close) {
            Some(f) => format!(
                "是不是想写 `{}`？{} 可用的字段：{}",
                f.label(),
                self.kind.label(),
                list.join("、")
            ),
            None => format!(
                "{} 可用的字段：{}；自由数据请放在 extra: 下",
                self.kind.label(),
                list.join("、")
            ),
        };
        Err(Diagnostic::error(
            "unknown-key",
            self.file,
            span,
            format!("未知的字段 `{name}`"),
        )
        .with_hint(hint))
    }

    fn read_value(&self, key: &str, v: &Node, fm: &mut FrontMatter) -> Res<()> {
        // `summary:` with nothing after it (as scaffolds write it) means "not set yet".
        if v.value == Value::Null {
            return Ok(());
        }
        match key {
            "title" => fm.title = Some(self.text(key, v)?),
            "kind" => {} // read before everything else
            "topic" => {
                let name = self.text(key, v)?;
                let topic = self
                    .catalog
                    .topic(&name)
                    .map_err(|m| self.miss(key, v, &m))?;
                fm.topic = Some((
                    Ref {
                        id: topic.id.clone(),
                        name: topic.name.clone(),
                    },
                    v.span,
                ));
            }
            "summary" => fm.summary = Some(self.text(key, v)?),
            "tags" => fm.tags = self.texts(key, v)?,
            "date" => fm.date = Some(self.date(key, v)?),
            "draft" => fm.draft = self.boolean(key, v)?,
            "weight" => fm.weight = self.integer(key, v)?,
            "allow" => fm.allow = self.texts(key, v)?,
            "extra" => fm.extra = self.map(key, v)?,
            "form" => fm.details.form = Some(self.form(key, v)?),
            "grades" => fm.details.grades = self.texts(key, v)?,
            "duration" => fm.details.duration = Some(self.minutes(key, v)?),
            "objectives" => fm.details.objectives = Some(self.objectives(key, v)?),
            "semester" => fm.details.semester = Some(self.semester(key, v)?),
            "audience" if self.kind == Handout => {
                fm.details.handout_audience = Some(self.handout_audience(key, v)?)
            }
            "audience" => fm.details.audiences = self.audiences(key, v)?,
            "hours" => fm.details.hours = Some(self.hours(key, v)?),
            "minutes" => fm.details.minutes = Some(self.minutes(key, v)?),
            "video" => fm.details.video = Some(self.text(key, v)?),
            "pages" => fm.details.pages = Some(self.pages(key, v)?),
            _ => unreachable!("check_key lets only known keys through"),
        }
        Ok(())
    }

    fn wrong(&self, key: &str, v: &Node, expected: &str, example: &str) -> Diagnostic {
        let shown = match &v.value {
            Value::Seq(_) | Value::Map(_) | Value::Null => v.type_name().to_string(),
            _ => format!("{} `{}`", v.type_name(), v.scalar_text()),
        };
        Diagnostic::error(
            "front-matter-type",
            self.file,
            v.span,
            format!("{} 应是{expected}，这里是{shown}", label(key)),
        )
        .with_hint(format!("例如 `{key}: {example}`"))
    }

    fn miss(&self, key: &str, v: &Node, miss: &Miss) -> Diagnostic {
        Diagnostic::error(
            "unknown-catalog-entry",
            self.file,
            v.span,
            format!("{} 的值 `{}` 不在目录里", label(key), v.scalar_text()),
        )
        .with_hint(format!(
            "{}；也可以在 yuxin.yaml 的 catalog: 里添加",
            miss.hint()
        ))
    }

    fn text(&self, key: &str, v: &Node) -> Res<String> {
        match &v.value {
            Value::Str(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Value::Int(_) | Value::Float(_) => Ok(v.scalar_text()),
            _ => Err(self.wrong(key, v, "一段文字", example_text(key))),
        }
    }

    fn texts(&self, key: &str, v: &Node) -> Res<Vec<String>> {
        match &v.value {
            Value::Seq(items) => items
                .iter()
                .filter(|i| i.value != Value::Null)
                .map(|i| self.text(key, i))
                .collect(),
            Value::Null => Ok(Vec::new()),
            _ => self.text(key, v).map(|s| vec![s]),
        }
    }

    fn boolean(&self, key: &str, v: &Node) -> Res<bool> {
        match v.value {
            Value::Bool(b) => Ok(b),
            _ => Err(self.wrong(key, v, " true 或 false", "true")),
        }
    }

    fn integer(&self, key: &str, v: &Node) -> Res<i64> {
        match v.value {
            Value::Int(i) => Ok(i),
            _ => Err(self.wrong(key, v, "整数", "10")),
        }
    }

    fn minutes(&self, key: &str, v: &Node) -> Res<u32> {
        let n = match &v.value {
            Value::Int(i) => u32::try_from(*i).ok().filter(|n| *n > 0),
            Value::Str(s) => s
                .trim()
                .trim_end_matches("分钟")
                .trim()
                .parse()
                .ok()
                .filter(|n| *n > 0),
            _ => None,
        };
        n.ok_or_else(|| self.wrong(key, v, "分钟数（正整数）", "40"))
    }

    /// A number of printed A4 pages, 1 to 50.
    fn pages(&self, key: &str, v: &Node) -> Res<u32> {
        let n = match &v.value {
            Value::Int(i) => u32::try_from(*i).ok().filter(|n| (1..=50).contains(n)),
            _ => None,
        };
        n.ok_or_else(|| self.wrong(key, v, "页数（1 到 50 的整数）", "1"))
    }

    fn hours(&self, key: &str, v: &Node) -> Res<f64> {
        let n = match &v.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Str(s) => s.trim().trim_end_matches("课时").trim().parse().ok(),
            _ => None,
        };
        n.filter(|n| *n > 0.0 && n.is_finite())
            .ok_or_else(|| self.wrong(key, v, "课时数（正数，可以是 0.5）", "2"))
    }

    fn date(&self, key: &str, v: &Node) -> Res<Date> {
        let text = v.scalar_text();
        Date::parse(&text).ok_or_else(|| self.wrong(key, v, " YYYY-MM-DD 格式的日期", "2025-09-01"))
    }

    fn map(&self, key: &str, v: &Node) -> Res<serde_json::Value> {
        match &v.value {
            Value::Map(_) => Ok(v.to_json()),
            Value::Null => Ok(serde_json::Value::Object(Default::default())),
            _ => Err(self.wrong(key, v, "键值表", "{ 教材: 福建教育出版社 }")),
        }
    }

    fn form(&self, key: &str, v: &Node) -> Res<Ref> {
        let name = self.text(key, v)?;
        let found = if self.kind == Training {
            self.catalog.training_form(&name)
        } else {
            self.catalog.form(&name)
        };
        found.map(to_ref).map_err(|m| self.miss(key, v, &m))
    }

    fn audiences(&self, key: &str, v: &Node) -> Res<Vec<Ref>> {
        let items: Vec<&Node> = match &v.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![v],
        };
        items
            .into_iter()
            .map(|item| {
                let name = self.text(key, item)?;
                self.catalog
                    .audience(&name)
                    .map(to_ref)
                    .map_err(|m| self.miss(key, item, &m))
            })
            .collect()
    }

    fn handout_audience(&self, key: &str, v: &Node) -> Res<HandoutAudience> {
        match self.text(key, v)?.as_str() {
            "students" | "学生" => Ok(HandoutAudience::Students),
            "parents" | "家长" => Ok(HandoutAudience::Parents),
            _ => Err(self.wrong(key, v, " students（学生）或 parents（家长）", "parents")),
        }
    }

    fn semester(&self, key: &str, v: &Node) -> Res<Semester> {
        Semester::parse(&self.text(key, v)?).ok_or_else(|| {
            self.wrong(
                key,
                v,
                " first（第一学期/秋季）或 second（第二学期/春季）",
                "first",
            )
        })
    }

    fn objectives(&self, key: &str, v: &Node) -> Res<Objectives> {
        match &v.value {
            Value::Map(pairs) => {
                let (mut cognitive, mut affective, mut behavioral) = (None, None, None);
                for (k, value) in pairs {
                    let slot = match k.scalar_text().as_str() {
                        "认知" | "认知目标" | "cognitive" => &mut cognitive,
                        "情感" | "情感目标" | "affective" => &mut affective,
                        "行为" | "行为目标" | "behavioral" | "behavioural" => &mut behavioral,
                        other => {
                            return Err(Diagnostic::error("front-matter-type", self.file, k.span, format!(
                                "{} 里的 `{other}` 不是目标维度", label(key)
                            ))
                            .with_hint("目标维度是 认知、情感、行为（或 cognitive、affective、behavioral）；其他写法请用列表"));
                        }
                    };
                    let text = self.texts(key, value)?.join("；");
                    *slot = (!text.is_empty()).then_some(text);
                }
                Ok(Objectives::Domains {
                    cognitive,
                    affective,
                    behavioral,
                })
            }
            Value::Seq(_) | Value::Str(_) => Ok(Objectives::List {
                items: self.texts(key, v)?,
            }),
            _ => Err(self.wrong(
                key,
                v,
                "认知/情感/行为三个维度或一个列表",
                "{ 认知: …, 情感: …, 行为: … }",
            )),
        }
    }
}

fn to_ref(e: &Entry) -> Ref {
    Ref {
        id: e.id.clone(),
        name: e.name.clone(),
    }
}

fn example_text(key: &str) -> &'static str {
    match key {
        "title" => "认识新朋友",
        "topic" => "环境适应",
        "form" => "游戏辅导",
        "grades" => "[一年级, 二年级]",
        "tags" => "[新生适应, 同伴交往]",
        "video" => "video.mp4",
        _ => "…",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn read_str(text: &str, kind: Kind) -> (FrontMatter, Vec<Diagnostic>) {
        let node = yaml::parse(text, 2).unwrap();
        let mut diags = Vec::new();
        let fm = read(
            &node,
            kind,
            &Catalog::default(),
            Path::new("x.md"),
            &mut diags,
        );
        (fm, diags)
    }

    #[test]
    fn reads_a_full_lesson() {
        let (fm, diags) = read_str(
            "title: 认识新朋友\ntopic: 环境适应\nform: 游戏辅导\ngrades: [一年级]\nduration: 40\n\
             objectives:\n  认知: 知道\n  情感: 愿意\n  行为: 能够\ntags: a\ndate: 2025-09-01\nweight: 3\n",
            Lesson,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.title.as_deref(), Some("认识新朋友"));
        assert_eq!(fm.topic.unwrap().0.id, "adaptation");
        assert_eq!(fm.details.form.unwrap().id, "game");
        assert_eq!(fm.details.duration, Some(40));
        assert_eq!(fm.tags, vec!["a"]);
        assert_eq!(fm.weight, 3);
        assert!(matches!(
            fm.details.objectives,
            Some(Objectives::Domains {
                cognitive: Some(_),
                ..
            })
        ));
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let (_, diags) = read_str(
            "title: t\nduraton: 40\nform: 角色扮\nhours: 2\ndate: 2025-13-01\n",
            Lesson,
        );
        let lines: Vec<(usize, &str)> = diags.iter().map(|d| (d.span.line, d.lint)).collect();
        assert_eq!(
            lines,
            vec![
                (3, "unknown-key"),
                (4, "unknown-catalog-entry"),
                (5, "unknown-key"),
                (6, "front-matter-type")
            ]
        );
        assert!(diags[0].hint.as_ref().unwrap().contains("duration（时长）"));
        assert!(
            diags[1]
                .hint
                .as_ref()
                .unwrap()
                .contains("role-play（角色扮演）")
        );
        assert!(diags[2].message.contains("hours（课时）"));
    }

    #[test]
    fn chinese_key_names_point_to_the_english_key() {
        let (_, diags) = read_str("标题: 你好\n", Lesson);
        assert!(
            diags[0]
                .hint
                .as_ref()
                .unwrap()
                .starts_with("是不是想写 `title（标题）`")
        );
    }

    #[test]
    fn wrong_types_name_key_and_example() {
        let (_, diags) = read_str("title: t\nduration: 四十\n", Lesson);
        assert_eq!(
            diags[0].message,
            "duration（时长） 应是分钟数（正整数），这里是文字 `四十`"
        );
        assert_eq!(diags[0].hint.as_deref(), Some("例如 `duration: 40`"));
    }

    #[test]
    fn training_forms_and_audiences() {
        let (fm, diags) = read_str(
            "title: t\nform: 演练\naudience: [班主任, all-staff]\nhours: 0.5\n",
            Training,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.details.form.unwrap().id, "drill");
        assert_eq!(fm.details.audiences.len(), 2);
        assert_eq!(fm.details.hours, Some(0.5));
    }

    #[test]
    fn empty_values_mean_not_set() {
        let (fm, diags) = read_str(
            "title: t\nsummary:\nobjectives:\n  认知:\n  情感: 愿意\ntags: [a, ~]\n",
            Lesson,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.summary, None);
        assert_eq!(fm.tags, vec!["a"]);
        assert_eq!(
            fm.details.objectives,
            Some(Objectives::Domains {
                cognitive: None,
                affective: Some("愿意".into()),
                behavioral: None
            })
        );
    }

    #[test]
    fn front_matter_must_be_a_map() {
        let (_, diags) = read_str("- a\n- b\n", Lesson);
        assert_eq!(diags[0].lint, "front-matter");
    }
}
