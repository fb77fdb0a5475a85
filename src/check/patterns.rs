//! Phrase rules: the careless sentences a word list cannot catch (`他就是多动症`, `单亲家庭的
//! 孩子都缺爱`, `从阳台跳下去`, `保证不告诉任何人`, `不需要转介`). The rules are data
//! (`patterns.yaml`): a regular expression over one line, named word sets, and an `unless`
//! that clears a line explaining or negating the phrase on purpose.

use std::collections::BTreeMap;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::marks::{self, Bits, Builder, Marks};
use super::raise;
use super::text::{File, counter_examples, span_at};
use crate::diag::Diagnostic;
use crate::model::{Document, Kind};

const BUILT_IN: &str = include_str!("patterns.yaml");

/// The lazy DFA's cache per pattern and thread. The rules' bounded gaps (`[^，。]{0,6}`) over
/// Chinese alternations make many states; with the default 2 MB the cache filled and was
/// rebuilt over and over (measured: 17 times the instructions of `check` without the rules).
const DFA_CACHE: usize = 64 << 20;

fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .dfa_size_limit(DFA_CACHE)
        .build()
        .map_err(|e| e.to_string())
}

/// A rule's expression, compiled the first time a line needs it. Most files hold no rule's
/// words (the file scan rules them out), and compiling every rule up front cost 71 M
/// instructions per process (callgrind), before any file was read and on one thread.
struct Lazy {
    source: String,
    regex: std::sync::OnceLock<Regex>,
}

impl Lazy {
    /// The caller checks the syntax (a broken rule still fails when the rules are read);
    /// `built_in_rules_compile` compiles every rule.
    fn new(source: String) -> Lazy {
        Lazy {
            source,
            regex: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> &Regex {
        self.regex
            .get_or_init(|| compile(&self.source).expect("the built-in patterns compile"))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    sets: BTreeMap<String, Vec<String>>,
    rules: Vec<RuleData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleData {
    lint: String,
    pattern: String,
    #[serde(default)]
    unless: Option<String>,
    message: String,
    hint: String,
}

struct Rule {
    lint: &'static str,
    pattern: Lazy,
    /// The words the pattern cannot match without, one clause each, and the bits they mark.
    clauses: Vec<(Vec<String>, Bits)>,
    /// All of those bits: a line must hold each for the rule to be tried on it.
    needs: Bits,
    unless: Option<Lazy>,
    message: String,
    hint: String,
}

/// Every rule, compiled once per build.
pub struct Patterns {
    rules: Vec<Rule>,
}

impl Patterns {
    /// The built-in rules, compiled once per process: `yuxin serve` lints again on every save,
    /// and parsing the YAML and compiling the rules costs about 0.2 G instructions (measured
    /// with callgrind: a tenth of a 1,000-lesson `check`).
    pub fn built_in() -> &'static Patterns {
        static BUILT_IN_RULES: std::sync::OnceLock<Patterns> = std::sync::OnceLock::new();
        BUILT_IN_RULES.get_or_init(Patterns::compile_built_in)
    }

    fn compile_built_in() -> Patterns {
        let data: Data =
            serde_saphyr::from_str(BUILT_IN).expect("the built-in patterns are valid YAML");
        Patterns::compile(data).expect("the built-in patterns compile")
    }

    fn compile(data: Data) -> Result<Patterns, String> {
        let expand = |p: &str| -> Result<String, String> {
            let mut out = p.to_string();
            for (name, words) in &data.sets {
                out = out.replace(&format!("{{{name}}}"), &words.join("|"));
            }
            // `{0,6}` is a count and `\p{Han}` a class: only `{name}` is a set.
            let unknown = out.match_indices('{').map(|(i, _)| i).find(|&i| {
                out[i + 1..].starts_with(|c: char| c.is_alphabetic()) && !out[..i].ends_with("\\p")
            });
            match unknown {
                Some(i) => Err(format!("unknown set in `{}`", &out[i..])),
                None => Ok(out),
            }
        };
        let mut rules = Vec::new();
        let mut bit = marks::FIRST_FREE;
        for r in &data.rules {
            let lint = super::find(&r.lint)
                .ok_or(format!("unknown lint {}", r.lint))?
                .id;
            let expanded = expand(&r.pattern)?;
            // Past the last bit, a rule is tried on every line: slower, never wrong.
            let mut clauses = Vec::new();
            let hir = regex_syntax::parse(&expanded).map_err(|e| e.to_string())?;
            for words in super::factors::clauses_of(&hir) {
                if bit < Bits::BITS {
                    clauses.push((words, 1 << bit));
                    bit += 1;
                }
            }
            let needs = clauses.iter().fold(0, |all, c| all | c.1);
            let unless = match &r.unless {
                Some(u) => {
                    regex_syntax::parse(u).map_err(|e| e.to_string())?;
                    Some(Lazy::new(u.clone()))
                }
                None => None,
            };

            rules.push(Rule {
                lint,
                pattern: Lazy::new(expanded),
                clauses,
                needs,
                unless,
                message: r.message.clone(),
                hint: r.hint.clone(),
            });
        }
        Ok(Patterns { rules })
    }

    /// Adds each rule's clauses to the file scan's triggers.
    pub fn triggers(&self, builder: &mut Builder) {
        for (words, bit) in self.rules.iter().flat_map(|r| &r.clauses) {
            builder.add(*bit, words);
        }
    }

    /// Runs the rules on the prose of `file`. `on(lint)` tells whether a lint is on; `marks`
    /// are the file's words found by the triggers [`Patterns::triggers`] added.
    pub fn check(
        &self,
        doc: &Document,
        file: &File,
        marks: &Marks,
        on: impl Fn(&str) -> bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let rules: Vec<&Rule> = (self.rules.iter())
            .filter(|r| on(r.lint))
            // Training is for adults about children: naming a disorder there is the subject.
            .filter(|r| !(r.lint == "labelling" && doc.kind == Kind::Training))
            .filter(|r| marks.all(r.needs))
            .collect();
        if rules.is_empty() {
            return;
        }
        for &(n, line) in file.prose() {
            // Worked out only for a line some rule matches: most lines, none does.
            let quoted = std::cell::OnceCell::new();
            for rule in &rules {
                if !marks.line(n, rule.needs) {
                    continue;
                }
                let Some(m) = rule.pattern.get().find(line) else {
                    continue;
                };
                // One finding of a lint a line is enough, whichever rule or word list made it.
                let said = out.iter().any(|d| d.lint == rule.lint && d.span.line == n);
                if said
                    || (quoted.get_or_init(|| counter_examples(line)).iter())
                        .any(|r: &std::ops::Range<usize>| r.contains(&m.start()))
                    || rule.unless.as_ref().is_some_and(|u| u.get().is_match(line))
                {
                    continue;
                }
                let found = m.as_str();
                out.push(raise(
                    rule.lint,
                    &doc.source,
                    span_at(n, line, m.start(), found),
                    rule.message.replace("{found}", found),
                    rule.hint.clone(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lints the rules raise on one line of a lesson.
    fn lints(line: &str) -> Vec<&'static str> {
        let patterns = Patterns::built_in();
        let text = format!("---\ntitle: 课\n---\n\n{line}\n");
        let doc = crate::load::fixture::test_document(&text);
        let mut out = Vec::new();
        let file = File::new(&text);
        let marks = Marks::everything(file.lines.len());
        patterns.check(&doc, &file, &marks, |_| true, &mut out);
        out.iter().map(|d| d.lint).collect()
    }

    #[test]
    fn built_in_rules_compile() {
        let rules = &Patterns::built_in().rules;
        assert!(!rules.is_empty());
        for rule in rules {
            compile(&rule.pattern.source).expect("pattern compiles");
            if let Some(u) = &rule.unless {
                compile(&u.source).expect("unless compiles");
            }
        }
    }

    #[test]
    fn careless_lines() {
        for (line, lint) in [
            ("他就是多动症，根本坐不住。", "labelling"),
            ("这孩子有点自闭，不爱说话。", "labelling"),
            ("父母离异的孩子心理都不健康。", "labelling"),
            ("单亲家庭的孩子都缺爱。", "labelling"),
            ("他是从家里阳台跳下去的，当场就没了。", "safe-messaging"),
            ("她吞了一整瓶安眠药。", "safe-messaging"),
            ("请有过自杀想法的同学举手。", "safe-messaging"),
            ("你说的话老师保证不告诉任何人。", "safe-messaging"),
            (
                "这种情况不需要转介，班主任自己处理就行。",
                "remedial-referral",
            ),
            ("这件事不用告诉心理老师。", "remedial-referral"),
        ] {
            assert_eq!(lints(line), [lint], "{line}");
        }
    }

    #[test]
    fn careful_lines() {
        for line in [
            "如果你有伤害自己的想法，请告诉信任的大人或拨打 12356。",
            "不要急着说孩子是多动症，可以请医生评估。",
            "有人说“单亲家庭的孩子都缺爱”，这是偏见。",
            "父母离异的孩子可能需要更多陪伴。",
            "不要在阳台上跳来跳去。",
            "老师会为你保密；但如果你有危险，老师必须告诉能保护你的人。",
            "发现风险时，当天告诉心理老师和班主任，并按流程转介。",
            "如果有过伤害自己的想法，课后可以单独找老师说说。",
            "留守儿童是学校重点关爱的群体。",
        ] {
            assert!(lints(line).is_empty(), "{line}: {:?}", lints(line));
        }
    }
}
