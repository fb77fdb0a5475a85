//! The words a phrase rule cannot match without, read from its regular expression: a line
//! that holds no word of one of them cannot match, and is never searched.
//!
//! A clause is a list of words such that every match contains at least one of them; a rule
//! needs a word of each of its clauses. Worked out from the parsed expression, not written
//! by hand, so a rule added to `patterns.yaml` is prefiltered correctly without more data.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Classes of more characters than this are not a useful clause (`[^，。]`, `\p{Han}`).
const SMALL_CLASS: usize = 16;

/// At most this many clauses per rule, the most selective: each takes one of the file scan's
/// 128 bits. A clause of common words (孩子, 吃, 家长) marks most lines alone, but a line
/// rarely holds a word of each of three or four clauses; and a word costs the scan nothing
/// however often it occurs (see `marks::Triggers::marks`), so no clause is left out for being
/// common.
const MOST: usize = 4;

/// The clauses of `pattern`, most selective first; empty when none can be found (the rule
/// then runs on every line).
#[cfg(test)]
pub fn clauses(pattern: &str) -> Vec<Vec<String>> {
    regex_syntax::parse(pattern).map_or(Vec::new(), |hir| clauses_of(&hir))
}

/// [`clauses`] of an expression already parsed.
pub fn clauses_of(hir: &Hir) -> Vec<Vec<String>> {
    let mut all = all_of(hir);
    all.sort_by_key(|c| std::cmp::Reverse(selectivity(c)));
    all.dedup();
    all.truncate(MOST);
    all
}

/// Longer words are rarer: a clause is as selective as its shortest word, then as few words.
fn selectivity(clause: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = clause.iter().map(String::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(clause.len()))
}

/// The clauses of each branch of an alternation that take part in the product (see
/// [`all_of`]), and the most clauses the product keeps: enough for the rules' few branches.
const PER_BRANCH: usize = 2;
const PRODUCT: usize = 16;

/// Clauses that must all hold: each part of a sequence is needed.
fn all_of(hir: &Hir) -> Vec<Vec<String>> {
    match hir.kind() {
        HirKind::Concat(parts) => parts.iter().flat_map(all_of).collect(),
        HirKind::Capture(c) => all_of(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => all_of(&r.sub),
        HirKind::Alternation(alts) => product(alts),
        _ => any_of(hir).into_iter().collect(),
    }
}

/// The clauses of `A|B`: a match is a match of one branch, so it holds a word of each clause
/// of that branch; for any choice of one clause per branch, it holds a word of their union.
/// `不要(?:告诉)…(?:家长|学校)|不需要…转介` needs a word of 不要/不需要 besides one of
/// 家长/学校/转介, where one clause per branch could only say the latter (on most lines).
fn product(alts: &[Hir]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for alt in alts {
        let mut clauses = all_of(alt);
        if clauses.is_empty() {
            // A branch that needs no word: the alternation needs none either.
            return Vec::new();
        }
        clauses.sort_by_key(|c| std::cmp::Reverse(selectivity(c)));
        clauses.truncate(PER_BRANCH);
        out = (out.iter())
            .flat_map(|union| {
                clauses.iter().map(move |c| {
                    let mut words = union.clone();
                    words.extend(c.iter().filter(|w| !union.contains(w)).cloned());
                    words
                })
            })
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(selectivity(c)));
        out.truncate(PRODUCT);
    }
    out
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
            [vec!["多动症", "自闭"], vec!["他", "她"], vec!["就是", "是"]],
            "common words too: a line rarely holds one of each"
        );
        assert_eq!(clauses("a(?:b|c)d(?:e|f)g").len(), MOST, "at most MOST");
        assert_eq!(
            clauses("(?:女生|男生)[^，]{0,3}(?:不行|不如)"),
            [vec!["女生", "男生"], vec!["不行", "不如"]]
        );
    }

    #[test]
    fn alternatives_pool_their_words_and_optional_parts_need_nothing() {
        assert_eq!(
            clauses("有点儿?(?:自闭|多动)|(?:自闭|多动)儿")[0],
            ["自闭", "多动"],
            "each branch needs one of them"
        );
        assert_eq!(
            clauses("不要(?:告诉|通知)(?:家长|学校)|不需要转介"),
            [
                vec!["不要", "不需要转介"],
                vec!["告诉", "通知", "不需要转介"]
            ],
            "one clause of each branch (its two most selective), in every combination"
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
