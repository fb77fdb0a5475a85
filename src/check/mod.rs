//! Check: the plan's duties as lints, run on the model once every body is rendered.
//!
//! Each lint has a stable id, a default severity and a one-line description ([`LINTS`]).
//! `yuxin.yaml` sets any lint to `error`, `warning` or `off` under `lints:`; a file silences a
//! lint for itself with `allow: [id]` in its front matter. Word lists are data
//! (`words.yaml`), extended or replaced under `lints:` too.

mod config;
mod factors;
mod hotlines;
mod links;
mod marks;
mod minutes;
mod patterns;
mod privacy;
mod structure;
pub mod text;
mod words;

pub use config::validate;

use crate::config::lints::{Level, LintsConfig};
use crate::diag::{Diagnostic, Severity};
use crate::model::Curriculum;
use crate::render::markdown::Rendered;

/// A rule: its id (used in `allow:` and `lints:`), default severity and what it checks.
pub struct Lint {
    pub id: &'static str,
    pub default: Severity,
    pub description: &'static str,
}

const fn lint(id: &'static str, default: Severity, description: &'static str) -> Lint {
    Lint {
        id,
        default,
        description,
    }
}

/// Every configurable lint. Ids are stable: authors write them in `allow:` and `yuxin.yaml`.
pub const LINTS: &[Lint] = &[
    lint(
        "broken-link",
        Severity::Warning,
        "链接、图片或附件指向的文件不存在",
    ),
    lint(
        "broken-anchor",
        Severity::Warning,
        "链接里 # 后面的小标题在目标页面上不存在",
    ),
    lint(
        "remedial-referral",
        Severity::Error,
        "补救性教育的教案、班会和微课要写明转介办法和援助热线",
    ),
    lint(
        "minutes-sum",
        Severity::Warning,
        "教学过程/活动过程各环节的分钟数加起来等于 duration",
    ),
    lint(
        "stage-duration",
        Severity::Warning,
        "时长符合学段的常规课时（目录里的 duration）",
    ),
    lint(
        "objectives",
        Severity::Warning,
        "教案和班会写明教学目标（认知、情感、行为）",
    ),
    lint(
        "privacy",
        Severity::Error,
        "不出现身份证号、手机号、电子邮箱和“班级＋真实姓名”",
    ),
    lint(
        "labelling",
        Severity::Warning,
        "面向学生和家长的文字不用贴标签的词",
    ),
    lint(
        "safe-messaging",
        Severity::Warning,
        "不描述自伤、自杀的具体方法（需要人工复核）",
    ),
    lint(
        "training-hours",
        Severity::Error,
        "培训模块写的课时等于各专题课时之和，专题都写了课时",
    ),
    lint(
        "unsafe-html",
        Severity::Warning,
        "原始 HTML 和链接里不安全的内容（脚本、事件属性、javascript: 链接、不在 video_hosts 里的 iframe）构建时会删除",
    ),
    lint(
        "hotline-24h",
        Severity::Warning,
        "电话号码旁不写“24小时”“全天候”“随时”，除非该热线在 yuxin.yaml 里配置为 hours_24: true",
    ),
    lint(
        "parent-school",
        Severity::Warning,
        "每所学校每学期至少一次家长会、每学年至少一次家长学校",
    ),
    lint(
        "hotline-emergency",
        Severity::Warning,
        "有生命危险的紧急情况写 110、120，而不是只给心理援助热线",
    ),
    lint(
        "print-overflow",
        Severity::Warning,
        "学习单、家长信和教案打印时不多出几行占一页纸，也不超过 pages: 要求的页数（yuxin build --pdf 检查）",
    ),
];

pub fn find(id: &str) -> Option<&'static Lint> {
    LINTS.iter().find(|l| l.id == id)
}

/// Runs the lints across documents over the model and applies the project's settings to
/// `diagnostics` (which already holds the load, render and per-file lint problems, see
/// [`Linter`]): levels from `yuxin.yaml`, then each file's `allow:`.
pub fn run(model: &Curriculum, rendered: &[Rendered], diagnostics: &mut Vec<Diagnostic>) {
    let settings = &model.config.lints;
    diagnostics.extend(links::check(model, rendered));
    settle(settings, diagnostics);
}

/// The per-file lints, run by the pipeline on each file right after its body is rendered (in
/// the same parallel pass), so that a file's text can be dropped at once when nothing points
/// into it. Needs only the project's settings and catalog, not the other documents.
pub struct Linter<'a> {
    model: &'a Curriculum,
    lists: words::Lists,
    patterns: &'static patterns::Patterns,
    /// Every per-line lint's trigger words, found in one scan of each file.
    triggers: std::sync::Arc<marks::Triggers>,
    privacy_on: bool,
}

impl<'a> Linter<'a> {
    pub fn new(model: &'a Curriculum) -> Self {
        let lists = words::Lists::new(&model.config.lints);
        let patterns = patterns::Patterns::built_in();
        let mut builder = marks::Builder::default();
        privacy::triggers(&mut builder);
        hotlines::triggers(&mut builder);
        lists.triggers(&mut builder);
        patterns.triggers(&mut builder);
        Linter {
            model,
            lists,
            patterns,
            triggers: builder.build(),
            privacy_on: model.config.lints.level("privacy") != Some(Level::Off),
        }
    }

    /// The problems in `doc`, whose file's text is `source`; `allow:` applied.
    pub fn lint(&self, doc: &crate::model::Document, source: &str) -> Vec<Diagnostic> {
        let hotlines = &self.model.config.hotlines;
        let file = text::File::new(source);
        let marks = self.triggers.marks(&file.lines);
        let mut out = Vec::new();
        structure::check(doc, self.model, &file, &mut out);
        if self.privacy_on {
            privacy::check(doc, hotlines, &file, &marks, &mut out);
        }
        words::check(doc, &self.lists, &file, &marks, &mut out);
        hotlines::check(doc, hotlines, &file, &marks, &mut out);
        let on = |id: &str| self.model.config.lints.level(id) != Some(Level::Off);
        self.patterns.check(doc, &file, &marks, on, &mut out);
        out.retain(|d| !doc.allow.iter().any(|a| a == d.lint));
        out.extend(unknown_allows(doc, &file));
        out
    }
}

/// `allow: [privcy]` would silence nothing: say so, with the closest id.
fn unknown_allows(doc: &crate::model::Document, file: &text::File) -> Vec<Diagnostic> {
    doc.allow
        .iter()
        .filter(|a| find(a).is_none())
        .map(|a| {
            let ids = LINTS.iter().map(|l| l.id);
            let list: Vec<&str> = ids.clone().collect();
            let hint = match crate::diag::suggest(a, ids) {
                Some(s) => format!("是不是想写 `{s}`？可以忽略的检查：{}", list.join("、")),
                None => format!("可以忽略的检查：{}", list.join("、")),
            };
            Diagnostic::warning(
                "unknown-lint",
                &doc.source,
                file.key("allow").unwrap_or(file.title()),
                format!("allow: 里的 `{a}` 不是一个检查的名字，什么也不会忽略"),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Applies `lints:` levels: `off` drops a lint, `error`/`warning` set its severity. Every
/// diagnostic goes through it before anyone asks whether there are errors.
pub fn settle(settings: &LintsConfig, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain_mut(|d| match settings.level(d.lint) {
        Some(Level::Off) => false,
        Some(Level::Error) => {
            d.severity = Severity::Error;
            true
        }
        Some(Level::Warning) => {
            d.severity = Severity::Warning;
            true
        }
        None => true,
    });
}

/// An automaton over `words` as a full DFA, without a prefilter: Chinese words share their
/// first bytes, so the prefilter's rare-byte search stops every few characters and costs more
/// than it skips (callgrind: a third of the name lint's instructions), while a DFA's
/// transition per byte is the fastest scan left.
fn dfa<I, P>(words: I) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .prefilter(false)
        .build(words)
}

/// A diagnostic of lint `id` at its default severity.
fn raise(
    id: &'static str,
    file: &std::path::Path,
    span: crate::diag::Span,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Diagnostic {
    let severity = find(id).map_or(Severity::Warning, |l| l.default);
    Diagnostic {
        severity,
        ..Diagnostic::error(id, file, span, message)
    }
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = LINTS.iter().map(|l| l.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), LINTS.len());
        for id in ids {
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{id}"
            );
        }
    }
}
