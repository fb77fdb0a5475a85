//! Reading one front-matter value as the type its key takes (text, list, minutes, hours, date,
//! a catalog entry, objectives…), or a diagnostic naming the key, the type found and an example.

use std::path::Path;

use super::{example, label};
use crate::catalog::{Catalog, Entry, Miss};
use crate::diag::Diagnostic;
use crate::load::yaml::{Node, Value};
use crate::model::{Date, HandoutAudience, Kind, Objectives, Ref, Semester};

/// Reads the values of one file's front matter, for a document of `kind`.
pub(super) struct Reader<'a> {
    pub(super) kind: Kind,
    pub(super) catalog: &'a Catalog,
    pub(super) file: &'a Path,
}

pub(super) type Res<T> = Result<T, Diagnostic>;

impl Reader<'_> {
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

    pub(super) fn text(&self, key: &str, v: &Node) -> Res<String> {
        match &v.value {
            Value::Str(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Value::Int(_) | Value::Float(_) => Ok(v.scalar_text()),
            _ => Err(self.wrong(key, v, "一段文字", example(key))),
        }
    }

    pub(super) fn texts(&self, key: &str, v: &Node) -> Res<Vec<String>> {
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

    pub(super) fn boolean(&self, key: &str, v: &Node) -> Res<bool> {
        match v.value {
            Value::Bool(b) => Ok(b),
            _ => Err(self.wrong(key, v, " true 或 false", "true")),
        }
    }

    pub(super) fn integer(&self, key: &str, v: &Node) -> Res<i64> {
        match v.value {
            Value::Int(i) => Ok(i),
            _ => Err(self.wrong(key, v, "整数", "10")),
        }
    }

    /// A teaching week of a semester, 1 to 30.
    pub(super) fn week(&self, key: &str, v: &Node) -> Res<u32> {
        let n = match &v.value {
            Value::Int(i) => u32::try_from(*i).ok().filter(|n| (1..=30).contains(n)),
            Value::Str(s) => s
                .trim()
                .trim_start_matches('第')
                .trim_end_matches('周')
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=30).contains(n)),
            _ => None,
        };
        n.ok_or_else(|| self.wrong(key, v, "教学周（1 到 30 的整数，如 3 表示第3周）", "3"))
    }

    /// A number of printed A4 pages, 1 to 50.
    pub(super) fn pages(&self, key: &str, v: &Node) -> Res<u32> {
        let n = match &v.value {
            Value::Int(i) => u32::try_from(*i).ok().filter(|n| (1..=50).contains(n)),
            _ => None,
        };
        n.ok_or_else(|| self.wrong(key, v, "页数（1 到 50 的整数）", "1"))
    }

    pub(super) fn minutes(&self, key: &str, v: &Node) -> Res<u32> {
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

    /// Minutes in one 课时 of a training module (`period: 60`, also `60分钟`), 10 to 120.
    pub(super) fn period(&self, key: &str, v: &Node) -> Res<u32> {
        let n = match &v.value {
            Value::Int(i) => u32::try_from(*i).ok(),
            Value::Str(s) => s.trim().trim_end_matches("分钟").trim().parse().ok(),
            _ => None,
        };
        n.filter(|n| (10..=120).contains(n)).ok_or_else(|| {
            self.wrong(
                key,
                v,
                "每课时的分钟数（10 到 120 的整数，不写时按 45 分钟算）",
                "60",
            )
        })
    }

    pub(super) fn hours(&self, key: &str, v: &Node) -> Res<f64> {
        let n = match &v.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Str(s) => s.trim().trim_end_matches("课时").trim().parse().ok(),
            _ => None,
        };
        n.filter(|n| *n > 0.0 && n.is_finite())
            .ok_or_else(|| self.wrong(key, v, "课时数（正数，可以是 0.5）", "2"))
    }

    pub(super) fn date(&self, key: &str, v: &Node) -> Res<Date> {
        let text = v.scalar_text();
        Date::parse(&text).ok_or_else(|| self.wrong(key, v, " YYYY-MM-DD 格式的日期", "2025-09-01"))
    }

    pub(super) fn map(&self, key: &str, v: &Node) -> Res<serde_json::Value> {
        match &v.value {
            Value::Map(_) => Ok(v.to_json()),
            Value::Null => Ok(serde_json::Value::Object(Default::default())),
            _ => Err(self.wrong(key, v, "键值表", "{ 教材: 福建教育出版社 }")),
        }
    }

    pub(super) fn form(&self, key: &str, v: &Node) -> Res<Ref> {
        let name = self.text(key, v)?;
        let found = if self.kind == Kind::Training {
            self.catalog.training_form(&name)
        } else {
            self.catalog.form(&name)
        };
        found.map(to_ref).map_err(|m| self.miss(key, v, &m))
    }

    pub(super) fn audiences(&self, key: &str, v: &Node) -> Res<Vec<Ref>> {
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

    pub(super) fn handout_audience(&self, key: &str, v: &Node) -> Res<HandoutAudience> {
        match self.text(key, v)?.as_str() {
            "students" | "学生" => Ok(HandoutAudience::Students),
            "parents" | "家长" => Ok(HandoutAudience::Parents),
            _ => Err(self.wrong(key, v, " students（学生）或 parents（家长）", "parents")),
        }
    }

    pub(super) fn semester(&self, key: &str, v: &Node) -> Res<Semester> {
        Semester::parse(&self.text(key, v)?).ok_or_else(|| {
            self.wrong(
                key,
                v,
                " first（第一学期/秋季）或 second（第二学期/春季）",
                "first",
            )
        })
    }

    pub(super) fn objectives(&self, key: &str, v: &Node) -> Res<Objectives> {
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

    pub(super) fn topic(&self, key: &str, v: &Node) -> Res<Ref> {
        let name = self.text(key, v)?;
        let topic = self
            .catalog
            .topic(&name)
            .map_err(|m| self.miss(key, v, &m))?;
        Ok(Ref {
            id: topic.id.clone(),
            name: topic.name.clone(),
        })
    }
}

fn to_ref(e: &Entry) -> Ref {
    Ref {
        id: e.id.clone(),
        name: e.name.clone(),
    }
}
