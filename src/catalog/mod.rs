//! The curriculum catalog: stages, topics, lesson forms, training forms and audiences.
//!
//! It is data, not code: the plan's catalog is embedded as YAML and a project extends or
//! replaces it in `yuxin.yaml`. Only the five stages and two tracks are types, because the
//! folder layout is built on them; everything else is looked up by id, Chinese name or alias.

mod ids;

use serde::{Deserialize, Serialize};

pub use ids::{Stage, Track};

/// The plan's catalog, compiled in.
pub const DEFAULT_YAML: &str = include_str!("default.yaml");

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MinuteRange {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StageInfo {
    pub id: Stage,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The usual length of a lesson at this stage.
    pub duration: MinuteRange,
}

/// 年级: a grade of a stage. The catalog lists them in teaching order (小班 … 大四), which is
/// the order of the grade pages; `id` is the grade page's URL segment.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub stage: Stage,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub track: Track,
    /// Stages where this topic is an emphasis (developmental) or a problem area that applies
    /// (remedial); empty means every stage.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// The name parents see on the school microsites, in everyday words (情绪困扰, not the
    /// plan's 情绪障碍); the plan's name when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_name: Option<String>,
}

impl Topic {
    /// The name for parents: `parent_name`, or the plan's name.
    pub fn parent_name(&self) -> &str {
        self.parent_name.as_deref().unwrap_or(&self.name)
    }

    pub fn applies_to(&self, stage: Stage) -> bool {
        self.stages.is_empty() || self.stages.contains(&stage)
    }
}

/// Anything that can be named by id, Chinese name or alias.
pub trait Named {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
    fn aliases(&self) -> &[String];
    /// `id（中文名）`, the way messages and hints show an entry.
    fn label(&self) -> String {
        format!("{}（{}）", self.id(), self.name())
    }
}

macro_rules! named {
    ($t:ty) => {
        impl Named for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn name(&self) -> &str {
                &self.name
            }
            fn aliases(&self) -> &[String] {
                &self.aliases
            }
        }
    };
}
named!(Entry);
named!(Topic);
named!(Grade);

impl Named for StageInfo {
    fn id(&self) -> &str {
        self.id.id()
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub stages: Vec<StageInfo>,
    /// In teaching order, stage by stage.
    #[serde(default)]
    pub grades: Vec<Grade>,
    pub topics: Vec<Topic>,
    pub forms: Vec<Entry>,
    pub training_forms: Vec<Entry>,
    pub audiences: Vec<Entry>,
}

/// A failed look-up: what was asked for, the closest entry if one is close, and every option.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub suggestion: Option<String>,
    pub options: Vec<String>,
}

impl Miss {
    /// "是不是想写 …？可选：…", ready to be a diagnostic's hint.
    pub fn hint(&self) -> String {
        let options = self.options.join("、");
        match &self.suggestion {
            Some(s) => format!("是不是想写 {s}？可选的有：{options}"),
            None => format!("可选的有：{options}"),
        }
    }
}

/// Finds an entry by id, Chinese name or alias (ids case-insensitively).
pub fn find<'a, T: Named>(items: &'a [T], input: &str) -> Result<&'a T, Miss> {
    let input = input.trim();
    lookup(items, input).ok_or_else(|| {
        let names = items
            .iter()
            .flat_map(|e| std::iter::once(e.id()).chain(std::iter::once(e.name())));
        let suggestion = crate::diag::suggest(input, names)
            .and_then(|hit| items.iter().find(|e| e.id() == hit || e.name() == hit))
            .map(Named::label);
        Miss {
            suggestion,
            options: items.iter().map(Named::label).collect(),
        }
    })
}

/// The entry `input` names, without [`find`]'s suggestions for a miss: for look-ups that
/// expect misses (a document's free-text grades, asked once per grade page), where working out
/// the nearest name each time would cost more than the whole look-up.
fn lookup<'a, T: Named>(items: &'a [T], input: &str) -> Option<&'a T> {
    let input = input.trim();
    items.iter().find(|e| {
        e.id().eq_ignore_ascii_case(input)
            || e.name() == input
            || e.aliases().iter().any(|a| a == input)
    })
}

impl Default for Catalog {
    fn default() -> Self {
        serde_saphyr::from_str(DEFAULT_YAML).expect("the built-in catalog is valid YAML")
    }
}

impl Catalog {
    pub fn stage(&self, stage: Stage) -> &StageInfo {
        self.stages
            .iter()
            .find(|s| s.id == stage)
            .expect("every stage is in the catalog (checked when it is loaded)")
    }

    pub fn find_stage(&self, input: &str) -> Result<Stage, Miss> {
        find(&self.stages, input).map(|s| s.id)
    }

    pub fn topic(&self, input: &str) -> Result<&Topic, Miss> {
        find(&self.topics, input)
    }

    pub fn topic_by_id(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn form(&self, input: &str) -> Result<&Entry, Miss> {
        find(&self.forms, input)
    }

    pub fn training_form(&self, input: &str) -> Result<&Entry, Miss> {
        find(&self.training_forms, input)
    }

    pub fn audience(&self, input: &str) -> Result<&Entry, Miss> {
        find(&self.audiences, input)
    }

    /// The grade a document's `grades:` entry names (name, alias or id), if the catalog has it.
    pub fn grade(&self, input: &str) -> Option<&Grade> {
        lookup(&self.grades, input)
    }

    /// Where `grade` is in teaching order (its place in the list).
    pub fn grade_order(&self, grade: &Grade) -> usize {
        (self.grades.iter())
            .position(|g| g.id == grade.id)
            .unwrap_or(usize::MAX)
    }

    /// Topics that are emphases or problem areas at `stage` on `track`, in catalog order.
    pub fn topics_for(&self, stage: Stage, track: Track) -> impl Iterator<Item = &Topic> {
        self.topics
            .iter()
            .filter(move |t| t.track == track && t.applies_to(stage))
    }

    /// Overlays `patch` on this catalog: entries with a known id replace it, new ids are added
    /// at the end. With `replace`, each list given in the patch replaces the built-in list.
    pub fn apply(&mut self, patch: CatalogPatch) -> Result<(), String> {
        let replace = patch.replace;
        merge(&mut self.topics, patch.topics, replace, |t| t.id.clone());
        merge(&mut self.forms, patch.forms, replace, |e| e.id.clone());
        merge(
            &mut self.training_forms,
            patch.training_forms,
            replace,
            |e| e.id.clone(),
        );
        merge(&mut self.audiences, patch.audiences, replace, |e| {
            e.id.clone()
        });
        merge(&mut self.grades, patch.grades, replace, |g| g.id.clone());
        // Stages are the folder layout: they can be renamed and re-timed, never removed.
        merge(&mut self.stages, patch.stages, false, |s| {
            s.id.id().to_string()
        });
        self.validate()
    }

    fn validate(&self) -> Result<(), String> {
        for stage in Stage::ALL {
            if !self.stages.iter().any(|s| s.id == stage) {
                return Err(format!("目录里缺少学段 {}", stage.id()));
            }
        }
        for (i, g) in self.grades.iter().enumerate() {
            let segment = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
            if g.id.is_empty() || !g.id.chars().all(segment) {
                return Err(format!(
                    "年级 {} 的 id `{}` 要用小写字母、数字和连字符（它是年级页的网址）",
                    g.name, g.id
                ));
            }
            if self.grades[..i].iter().any(|o| o.id == g.id) {
                return Err(format!("年级 id `{}` 重复了", g.id));
            }
        }
        for s in &self.stages {
            if s.duration.min > s.duration.max {
                return Err(format!("学段 {} 的时长 min 大于 max", s.id.id()));
            }
        }
        Ok(())
    }
}

fn merge<T>(base: &mut Vec<T>, patch: Option<Vec<T>>, replace: bool, key: impl Fn(&T) -> String) {
    let Some(patch) = patch else { return };
    if replace {
        *base = patch;
        return;
    }
    for item in patch {
        match base.iter_mut().find(|b| key(b) == key(&item)) {
            Some(slot) => *slot = item,
            None => base.push(item),
        }
    }
}

/// The `catalog:` section of `yuxin.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogPatch {
    /// Replace the built-in lists instead of extending them.
    #[serde(default)]
    pub replace: bool,
    pub stages: Option<Vec<StageInfo>>,
    pub topics: Option<Vec<Topic>>,
    pub forms: Option<Vec<Entry>>,
    pub training_forms: Option<Vec<Entry>>,
    pub audiences: Option<Vec<Entry>>,
    pub grades: Option<Vec<Grade>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_catalog_has_the_plan() {
        let c = Catalog::default();
        assert_eq!(c.stages.len(), 5);
        assert_eq!(c.forms.len(), 9);
        let remedial = c
            .topics
            .iter()
            .filter(|t| t.track == Track::Remedial)
            .count();
        assert_eq!(remedial, 11);
        for stage in Stage::ALL {
            assert_eq!(
                c.topics_for(stage, Track::Developmental).count(),
                4,
                "{stage:?}"
            );
        }
    }

    #[test]
    fn every_topic_has_a_name_for_parents_without_clinical_words() {
        let c = Catalog::default();
        for t in &c.topics {
            let name = t.parent_name.as_deref();
            assert!(name.is_some_and(|n| !n.is_empty()), "{}", t.id);
            let clinical = ["障碍", "偏差", "不良", "沉迷", "问题"];
            assert!(
                !clinical.iter().any(|w| t.parent_name().contains(w)),
                "{}",
                t.id
            );
        }
        let find = |id: &str| c.topic_by_id(id).unwrap().parent_name();
        assert_eq!(find("emotional-disorders"), "情绪困扰");
        assert_eq!(find("school-adjustment"), "适应新学校");
        assert_eq!(find("internet-addiction"), "手机和网络");
    }

    #[test]
    fn looks_up_by_id_chinese_name_and_alias() {
        let c = Catalog::default();
        assert_eq!(c.find_stage("primary"), Ok(Stage::Primary));
        assert_eq!(c.find_stage("小学"), Ok(Stage::Primary));
        assert_eq!(c.find_stage("中职"), Ok(Stage::Senior));
        assert_eq!(c.topic("环境适应").unwrap().id, "adaptation");
        assert_eq!(c.topic("Adaptation").unwrap().id, "adaptation");
        assert_eq!(c.topic("义和利").unwrap().id, "justice-and-interest");
        assert_eq!(c.form("角色扮演").unwrap().id, "role-play");
        assert_eq!(c.audience("班主任").unwrap().id, "head-teacher");
        assert_eq!(c.audience("心理委员").unwrap().id, "peer-helper");
        assert_eq!(c.grade("初二").unwrap().id, "grade-8");
        assert_eq!(c.grade("八年级").unwrap().stage, Stage::Junior);
        assert_eq!(c.grade("高一").unwrap().stage, Stage::Senior);
        assert!(c.grade("全年级").is_none());
        let order = |n: &str| c.grade_order(c.grade(n).unwrap());
        assert!(order("大班") < order("一年级") && order("九年级") < order("高一"));
        assert!(order("高三") < order("大一"));
    }

    #[test]
    fn misses_suggest_the_closest_entry() {
        let c = Catalog::default();
        let miss = c.form("角色扮").unwrap_err();
        assert_eq!(miss.suggestion.as_deref(), Some("role-play（角色扮演）"));
        assert_eq!(miss.options.len(), 9);
        let miss = c.find_stage("primery").unwrap_err();
        assert_eq!(miss.suggestion.as_deref(), Some("primary（小学）"));
        assert!(c.topic("天文学").unwrap_err().suggestion.is_none());
    }

    #[test]
    fn patches_extend_or_replace() {
        let mut c = Catalog::default();
        let patch: CatalogPatch = serde_saphyr::from_str(
            "forms:\n  - { id: game, name: 游戏 }\n  - { id: debate, name: 辩论 }\n",
        )
        .unwrap();
        c.apply(patch).unwrap();
        assert_eq!(c.forms.len(), 10);
        assert_eq!(c.form("game").unwrap().name, "游戏");
        assert_eq!(c.form("辩论").unwrap().id, "debate");

        let patch: CatalogPatch =
            serde_saphyr::from_str("replace: true\nforms:\n  - { id: debate, name: 辩论 }\n")
                .unwrap();
        c.apply(patch).unwrap();
        assert_eq!(c.forms.len(), 1);
        assert_eq!(c.topics.len(), 27, "lists not in the patch stay");
    }
}
