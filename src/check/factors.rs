//! The words a phrase rule cannot match without, read from its regular expression: a line
//! that holds no word of one of them cannot match, and is never searched.
//!
//! A clause is a list of words such that every match contains at least one of them; a rule
//! needs a word of each of its clauses. Worked out from the parsed expression, not written
//! by hand, so a rule added to `patterns.yaml` is prefiltered correctly without more data.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Classes of more characters than this are not a useful clause (`[^，。]`, `\p{Han}`).
const SMALL_CLASS: usize = 16;

/// At most this many clauses per rule: the two most selective rule out nearly every line.
const MOST: usize = 2;

/// A clause after the first must have no word shorter than this many bytes (two Chinese
/// characters): a clause of single characters (他, 是) rules out few lines, and each of its
/// many matches costs the file scan time.
const RARE: usize = 6;

/// The clauses of `pattern`, most selective first; empty when none can be found (the rule
/// then runs on every line).
pub fn clauses(pattern: &str) -> Vec<Vec<String>> {
    let Ok(hir) = regex_syntax::parse(pattern) else {
        return Vec::new();
    };
    let mut all = all_of(&hir);
    all.sort_by_key(|c| std::cmp::Reverse(selectivity(c)));
    let mut kept = 0;
    all.retain(|c| {
        kept += 1;
        kept == 1 || (kept <= MOST && selectivity(c).0 >= RARE)
    });
    all
}

/// Longer words are rarer: a clause is as selective as its shortest word, then as few words.
fn selectivity(clause: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = clause.iter().map(String::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(clause.len()))
}

/// Clauses that must all hold: each part of a sequence is needed.
fn all_of(hir: &Hir) -> Vec<Vec<String>> {
    match hir.kind() {
        HirKind::Concat(parts) => parts.iter().flat_map(all_of).collect(),
        HirKind::Capture(c) => all_of(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => all_of(&r.sub),
        _ => any_of(hir).into_iter().collect(),
    }
}

/// One clause: words of which every match contains one.
fn any_of(hir: &Hir) -> Option<Vec<String>> {
    let clause = match hir.kind() {
        HirKind::Literal(lit) => vec![String::from_utf8(lit.0.to_vec()).ok()?],
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.ranges().iter().try_fold(Vec::new(), |mut acc, r| {
                acc.extend(r.start()..=r.end());
                (acc.len() <= SMALL_CLASS).then_some(acc)
            })?;
            chars.into_iter().map(String::from).collect()
        }
        HirKind::Capture(c) => any_of(&c.sub)?,
        HirKind::Repetition(r) if r.min >= 1 => any_of(&r.sub)?,
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(any_of)
            .max_by_key(|c| selectivity(c))?,
        HirKind::Alternation(alts) => {
            let mut words = Vec::new();
            for alt in alts {
                words.extend(any_of(alt)?);
            }
            words
        }
        _ => return None,
    };
    (!clause.is_empty() && clause.iter().all(|w| !w.is_empty())).then_some(clause)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_needs_a_word_of_each_part() {
        assert_eq!(
            clauses("(?:他|她)[^，。]{0,6}?(?:就是|是)(?:多动症|自闭)"),
            [vec!["多动症", "自闭"]],
            "a second clause of single characters is not worth its matches"
        );
        assert_eq!(
            clauses("(?:女生|男生)[^，]{0,3}(?:不行|不如)"),
            [vec!["女生", "男生"], vec!["不行", "不如"]]
        );
    }

    #[test]
    fn alternatives_pool_their_words_and_optional_parts_need_nothing() {
        assert_eq!(
            clauses("有点儿?(?:自闭|多动)|(?:自闭|多动)儿"),
            [vec!["有点", "自闭", "多动"]]
        );
        assert!(clauses("(?:^|[^要])?x?").is_empty());
        assert!(clauses("a|[^，]").is_empty(), "one side needs no word");
    }

    #[test]
    fn small_classes_are_words_large_ones_are_not() {
        assert_eq!(
            clauses("[0-9]{2,}"),
            [vec!["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]]
        );
        assert!(clauses(r"\p{Han}").is_empty());
    }
}
