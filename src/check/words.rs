//! Word lints: `labelling` (stigmatising words, with a neutral alternative) and
//! `safe-messaging` (method details of self-harm, flagged for review). The lists are data:
//! `words.yaml`, patched in `yuxin.yaml`. Hotline claims are in `hotlines.rs`.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::marks::{Builder, Marks, group};
use super::raise;
use super::text::{File, counter_examples, span_at};
use crate::config::lints::{LabelWord, LintsConfig};
use crate::diag::Diagnostic;
use crate::model::{Document, Kind};

const BUILT_IN: &str = include_str!("words.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lists {
    pub labelling: Vec<LabelWord>,
    pub safe_messaging: Vec<String>,
    /// All labelling words in one automaton, longest match first: each line is scanned once
    /// instead of once per word (the per-word search was a third of a 10k-lesson build).
    #[serde(skip)]
    labelling_finder: Option<AhoCorasick>,
    /// All safe-messaging phrases; overlapping matches, as each phrase is its own finding.
    #[serde(skip)]
    safe_finder: Option<AhoCorasick>,
}

impl Lists {
    /// The built-in lists with the project's words added (or instead, with `replace`).
    pub fn new(config: &LintsConfig) -> Lists {
        let mut lists: Lists =
            serde_saphyr::from_str(BUILT_IN).expect("the built-in word lists are valid YAML");
        let patch = &config.words;
        if patch.replace {
            lists.labelling.clear();
            lists.safe_messaging.clear();
        }
        for w in &patch.labelling {
            lists.labelling.retain(|b| b.word != w.word);
            lists.labelling.push(w.clone());
        }
        lists
            .safe_messaging
            .extend(patch.safe_messaging.iter().cloned());
        // Longest first, so that 问题学生 is reported rather than a shorter word inside it.
        lists
            .labelling
            .sort_by_key(|w| std::cmp::Reverse(w.word.len()));
        lists.labelling_finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(lists.labelling.iter().map(|w| w.word.as_str()))
            .ok();
        lists.safe_finder = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&lists.safe_messaging)
            .ok();
        lists
    }

    /// Adds both lists' words to the file scan's triggers.
    pub fn triggers(&self, builder: &mut Builder) {
        builder.add(group::LABEL_WORD, self.labelling.iter().map(|w| &w.word));
        builder.add(group::SAFE_WORD, &self.safe_messaging);
    }
}

pub fn check(doc: &Document, lists: &Lists, file: &File, marks: &Marks, out: &mut Vec<Diagnostic>) {
    let facing_students_or_parents = doc.kind != Kind::Training;
    // Most files hold none of the words (the file scan says): no line is looked at.
    let labelling = (lists.labelling_finder.as_ref())
        .filter(|_| facing_students_or_parents && marks.any(group::LABEL_WORD));
    let safe = (lists.safe_finder.as_ref()).filter(|_| marks.any(group::SAFE_WORD));
    if labelling.is_none() && safe.is_none() {
        return;
    }
    for &(n, line) in file.prose() {
        if !marks.line_any(n, group::LABEL_WORD | group::SAFE_WORD) {
            continue;
        }
        let quoted = counter_examples(line);
        let exempt = |at: usize| quoted.iter().any(|r| r.contains(&at));
        let labelling = labelling.filter(|_| marks.line_any(n, group::LABEL_WORD));
        let safe = safe.filter(|_| marks.line_any(n, group::SAFE_WORD));
        if let Some(finder) = labelling {
            for m in finder.find_iter(line) {
                let (at, word) = (m.start(), &line[m.range()]);
                if exempt(at) {
                    continue;
                }
                let w = &lists.labelling[m.pattern().as_usize()];
                out.push(raise(
                    "labelling",
                    &doc.source,
                    span_at(n, line, at, word),
                    format!("“{word}”是贴标签的说法"),
                    format!(
                        "改用中性的说法：{}；若是有意举出的反面说法，用 ~~{word}~~ 标出",
                        w.instead
                    ),
                ));
            }
        }
        if let Some(finder) = safe {
            for m in finder.find_overlapping_iter(line) {
                let (at, p) = (m.start(), &line[m.range()]);
                if exempt(at) {
                    continue;
                }
                out.push(raise(
                    "safe-messaging",
                    &doc.source,
                    span_at(n, line, at, p),
                    format!("“{p}”涉及自伤或自杀的具体方式，请人工复核"),
                    "只说“伤害自己的想法或行为”，不描述方式、工具和过程；复核后确需保留，在 front matter 写 `allow: [safe-messaging]`",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lists_load_and_patches_apply() {
        let mut config = LintsConfig::default();
        let lists = Lists::new(&config);
        assert!(lists.labelling.iter().any(|w| w.word == "差生"));
        assert!(lists.safe_messaging.iter().any(|w| w == "割腕"));
        config.words.replace = true;
        config.words.labelling.push(LabelWord {
            word: "笨".into(),
            instead: "慢".into(),
        });
        let lists = Lists::new(&config);
        assert_eq!(lists.labelling.len(), 1);
        assert!(lists.safe_messaging.is_empty());
    }
}
