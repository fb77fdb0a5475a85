//! Real-looking names tied to what identifies a child: a class (`五（1）班的李想`, `初二（3）班
//! 李 华`), a sex and an age (`林雨萱，女，13岁`), or a note giving the real name (`真名韩雨桐`).
//! Names marked 化名, masked (`王某`, `李X`) or written 小X are fine.

use super::Found;
use crate::check::marks::{Bits, group};

/// Common surnames: enough to tell 二班王小明 from 二班全体.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤柳翁庄洪施温葛欧阮甘";

/// Words that follow a class or a surname-like character but are not a name.
const NOT_NAMES: &[&str] = &[
    "许多",
    "万名",
    "全体",
    "同学们",
    "老师",
    "同学",
    "学生",
    "班主任",
    "家长",
    "全体",
    "教室",
    "小组",
    "同桌",
    "所有",
    "每个",
    "每位",
    "大部分",
    "部分",
    "其他",
    "个别",
    "几个",
    "很多",
    "许多",
    "多数",
    "少数",
    "男生",
    "女生",
    "孩子",
    "方面",
    "方法",
    "高个",
    "高中",
    "高年级",
    "石头",
    "金色",
    "白板",
    "白色",
    "江边",
    "万一",
    "向前",
    "向上",
    "向老师",
    "于是",
    "任务",
    "任何",
    "周末",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周围",
    "钱包",
    "马上",
    "程度",
    "和",
    "与",
];

const MASKS: &[char] = &[
    '某', 'X', 'x', '×', '*', '＊', '○', '〇', 'Ｘ', 'Ｙ', 'Y', 'A', 'B',
];

/// Whether `c` is one of [`SURNAMES`]. Asked of nearly every character of a line with a name
/// cue: a bit per CJK character instead of a search through the string (which was a fifth of
/// the privacy lint's instructions, callgrind).
fn is_surname(c: char) -> bool {
    const FIRST: u32 = 0x4E00;
    static SET: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        let mut set = vec![0u64; (0xA000 - FIRST as usize) / 64];
        for s in SURNAMES.chars() {
            let i = (s as u32 - FIRST) as usize;
            set[i / 64] |= 1 << (i % 64);
        }
        set
    });
    let Some(i) = (c as u32).checked_sub(FIRST) else {
        return false;
    };
    let i = i as usize;
    set.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

fn is_numeral(c: char) -> bool {
    // A match rather than a search of a string of numerals: called for every `班` of a line.
    matches!(c, '0'..='9' | '０'..='９' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// Whether the characters from `from` on start with one of `words`. Called for most
/// characters of a line a name cue is on: it compares in place instead of collecting a string.
fn rest_starts(chars: &[(usize, char)], from: usize, words: &[&str]) -> bool {
    let rest = &chars[from.min(chars.len())..];
    words.iter().any(|w| {
        let mut have = rest.iter().map(|c| c.1);
        w.chars().all(|c| have.next() == Some(c))
    })
}

/// A name starting at `from`: a surname and one or two more characters (spaces inside
/// allowed), not masked and not a word from [`NOT_NAMES`]. Returns the index just past it.
fn name_at(chars: &[(usize, char)], from: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).map(|c| c.1);
    // The surname first: it rules out almost every character, and costs a byte search.
    if !is_surname(at(from)?) || rest_starts(chars, from, NOT_NAMES) {
        return None;
    }
    let mut end = from + 1;
    let mut taken = 0;
    while taken < 2 {
        let mut next = end;
        while matches!(at(next), Some(' ' | '\u{3000}')) {
            next += 1;
        }
        // `王 浩 这周`: after a space, a character that starts a word of its own ends the name.
        let spaced = next > end;
        if spaced && taken > 0 && at(next + 1).is_some_and(is_han) {
            break;
        }
        match at(next) {
            Some(c) if MASKS.contains(&c) => return None,
            // `高二`, `王一` in a table are a grade and a numbering, not a name.
            Some(c)
                if is_numeral(c)
                    && taken == 0
                    && !at(next + 1).is_some_and(|d| is_han(d) && !is_numeral(d)) =>
            {
                return None;
            }
            Some(c)
                if is_han(c) && !rest_starts(chars, next, NOT_NAMES) && !"的是在说".contains(c) =>
            {
                end = next + 1;
                taken += 1;
            }
            _ => break,
        }
    }
    if taken == 0 || at(end).is_some_and(|c| MASKS.contains(&c)) {
        return None;
    }
    Some(end)
}

/// `化名` right after a name (`李想（化名）`) clears it.
fn pseudonym_after(chars: &[(usize, char)], end: usize) -> bool {
    let after: String = chars[end.min(chars.len())..]
        .iter()
        .map(|c| c.1)
        .take(6)
        .collect();
    after.contains("化名") || after.contains("假名")
}

/// The start of a class ending at the `班` at `ban`: `三年级二班`, `五（1）班`, `初二（3）班`,
/// `3班`.
fn class_start(chars: &[(usize, char)], ban: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let mut i = ban;
    if i > 0 && matches!(at(i - 1), Some('）' | ')')) {
        i -= 1;
    }
    let digits_end = i;
    while i > 0 && at(i - 1).is_some_and(is_numeral) {
        i -= 1;
    }
    if i == digits_end {
        return None;
    }
    if i > 0 && matches!(at(i - 1), Some('（' | '(')) {
        i -= 1;
    }
    if i >= 3 && at(i - 1) == Some('级') && at(i - 2) == Some('年') {
        let mut g = i - 2;
        while g > 0 && at(g - 1).is_some_and(is_numeral) {
            g -= 1;
        }
        return Some(g);
    }
    if i >= 2 && matches!(at(i - 2), Some('初' | '高' | '大')) && at(i - 1).is_some_and(is_numeral)
    {
        return Some(i - 2);
    }
    if i >= 1 && at(i - 1).is_some_and(is_numeral) {
        return Some(i - 1);
    }
    Some(i)
}

/// Whether some `班` on `line` has a numeral before it (or before its `）`), as every class
/// [`class_start`] reads does: most lines with a `班` speak of the 班主任 or 班会, and are
/// passed over before their characters are collected.
pub fn class_possible(line: &str) -> bool {
    // The SIMD substring search: `match_indices('班')` looks for its last byte, 0xAD, a word
    // at a time, and 0xAD ends many other characters (callgrind: 1,200 instructions a line).
    static CLASS: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let class = CLASS.get_or_init(|| memchr::memmem::Finder::new("班"));
    class.find_iter(line.as_bytes()).any(|at| {
        let mut before = line[..at].chars().rev();
        match before.next() {
            Some('）' | ')') => before.next().is_some_and(is_numeral),
            Some(c) => is_numeral(c),
            None => false,
        }
    })
}

/// Names right after a class, with `的` or `学生`/`同学` between allowed.
pub fn with_class(line: &str, chars: &[(usize, char)]) -> Vec<(usize, usize, Found)> {
    if !line.contains('班') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        if c != '班' {
            continue;
        }
        let Some(start) = class_start(chars, k) else {
            continue;
        };
        let mut from = k + 1;
        while matches!(chars.get(from).map(|c| c.1), Some(' ' | '\u{3000}')) {
            from += 1;
        }
        for skip in ["的", "学生", "同学", "男生", "女生", "的学生", "的同学"] {
            let len = skip.chars().count();
            let word: String = chars[from.min(chars.len())..]
                .iter()
                .map(|c| c.1)
                .take(len)
                .collect();
            if word == skip && chars.get(from + len).is_some_and(|c| is_surname(c.1)) {
                from += len;
                break;
            }
        }
        if let Some(end) = name_at(chars, from)
            && !pseudonym_after(chars, end)
        {
            let to = chars.get(end).map_or(line.len(), |c| c.0);
            out.push((chars[start].0, to, Found::NameWithClass));
        }
    }
    out
}

/// What must be on a line for [`with_details`] or [`named`] to find anything.
pub const TRIGGERS: &[&str] = &[
    "岁",
    "学号",
    "同学",
    "小朋友",
    "本名",
    "真名",
    "真实姓名",
    "原名",
    "姓名",
    "名字",
    "名叫",
    "叫",
    "学生：",
    "学生:",
    "来访",
    "个案",
    "当事人",
    "案主",
    "大一",
    "大二",
    "大三",
    "大四",
    "研一",
    "研二",
    "研三",
    "初一",
    "初二",
    "初三",
    "高一",
    "高二",
    "高三",
    "年级",
    "学院",
    "专业",
    "级",
];

/// Labels a name follows in a record or a story: `姓名：刘浩宇`, `我叫黄诗琪`, `那个女孩叫林雨桐`.
pub const NAME_CUES: &[&str] = &[
    "姓名：",
    "姓名:",
    "姓名 ",
    "学生：",
    "学生:",
    "名字：",
    "名字是",
    "名叫",
    "我叫",
    "叫做",
    "女孩叫",
    "男孩叫",
    "同学叫",
    "孩子叫",
    "学生叫",
    "来访者：",
    "来访者:",
    "个案：",
    "个案:",
    "当事人：",
    "案主：",
    "本周来访：",
];

/// A name after a label ([`NAME_CUES`]), a name marked `（本名）`, or a name followed by
/// 同学 or 小朋友 (`我们班的李欣然同学`).
/// Words right after a name: `李想同学`, `韩雨桐（本名…`.
pub const TITLES: &[&str] = &[
    "同学",
    "小朋友",
    "（本名",
    "（真名",
    "(本名",
    "(真名",
    "（真实姓名",
];

fn titles() -> &'static aho_corasick::AhoCorasick {
    static AFTER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AFTER.get_or_init(|| crate::check::dfa(TITLES).expect("titles"))
}

/// Whether a title on `line` has a surname two or three characters before it, as every name
/// [`named`] finds before a title does: most lines with 同学 say 同学们, and are passed over
/// before their characters are collected. `has(group)` tells whether the line holds a word of
/// the group: the titles that hold a real-name note (`（本名`) are looked for only on a line with
/// one, which most lines with 同学 are not (callgrind: 1,850 instructions a line for all seven).
pub fn title_possible(line: &str, has: impl Fn(Bits) -> bool) -> bool {
    // One SIMD substring search per title: on Chinese text it skips where the automaton
    // steps byte by byte (callgrind: a fifth of the cost).
    type Finders = Vec<(memchr::memmem::Finder<'static>, bool)>;
    static FINDERS: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        let note = |t: &str| REAL_NAME_CUES.iter().any(|c| t.contains(c));
        (TITLES.iter())
            .map(|t| (memchr::memmem::Finder::new(t), note(t)))
            .collect()
    });
    let real_name = has(group::REAL_NAME);
    let finders = finders.iter().filter(|(_, note)| real_name || !note);
    finders.map(|(f, _)| f).any(|f| {
        f.find_iter(line.as_bytes()).any(|at| {
            let mut before = line[..at].chars().rev().skip(1);
            before.next().is_some_and(is_surname) || before.next().is_some_and(is_surname)
        })
    })
}

/// Names after a cue (`我叫`, `姓名：`) when `cued`, and before a title (`同学`) when `titled`:
/// the file scan tells which the line holds.
pub fn named(
    line: &str,
    chars: &[(usize, char)],
    cued: bool,
    titled: bool,
) -> Vec<(usize, usize, Found)> {
    static CUES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let cues = CUES.get_or_init(|| crate::check::dfa(NAME_CUES).expect("cues"));
    let after = titles();
    let index = |byte: usize| chars.partition_point(|c| c.0 < byte);
    let mut out = Vec::new();
    let push = |out: &mut Vec<_>, from: usize, end: usize| {
        let to = chars.get(end).map_or(line.len(), |c: &(usize, char)| c.0);
        out.push((chars[from].0, to, Found::RealName));
    };
    // Each search only when the file scan saw its words on the line: `find_iter(…).filter(…)`
    // ran the search even when the filter then dropped every match.
    let cue_matches = cued.then(|| cues.find_iter(line)).into_iter().flatten();
    for m in cue_matches {
        let mut from = index(m.end());
        while matches!(chars.get(from).map(|c| c.1), Some(' ' | '\u{3000}')) {
            from += 1;
        }
        if let Some(end) = name_at(chars, from)
            && !pseudonym_after(chars, end)
        {
            push(&mut out, from, end);
        }
    }
    // A name of two or three characters right before 同学 or （本名）.
    let title_matches = titled.then(|| after.find_iter(line)).into_iter().flatten();
    for m in title_matches {
        let at = index(m.start());
        let titled = !line[m.start()..].starts_with(['（', '(']);
        for len in [3, 2] {
            let Some(k) = at.checked_sub(len) else {
                continue;
            };
            let before = k.checked_sub(1).map(|i| chars[i].1);
            let boundary =
                before.is_none_or(|c| !is_han(c) || "的让请叫和与跟给对把被是班".contains(c));
            if boundary && name_at(chars, k) == Some(at) && !(titled && pseudonym_after(chars, at))
            {
                push(&mut out, k, at);
                break;
            }
        }
    }
    out
}

/// Whether [`with_details`] can find anything on a line holding the groups `has` tells of:
/// a real-name note; or, on a line with an age and a sex or with a bracket, a sex or student
/// number beside an age, student number or class, or a grade. Asked before the line's
/// characters are collected: most lines with a name's word (`同学们`, `年级`) hold none of it.
pub fn details_possible(has: impl Fn(Bits) -> bool) -> bool {
    has(group::REAL_NAME) || details_after_name(has)
}

/// What must be on a line for a name's details to follow it (see [`details_possible`]).
fn details_after_name(has: impl Fn(Bits) -> bool) -> bool {
    let aged = has(group::SEX) && has(group::YEARS);
    let sex_or_number = has(group::SEX) || has(group::STUDENT_NO);
    let age_or_class = has(group::YEARS) || has(group::STUDENT_NO) || has(group::CLASS);
    (aged || has(group::BRACKET)) && ((sex_or_number && age_or_class) || has(group::GRADE))
}

/// A name followed by a sex and an age (`林雨萱，女，13岁`), or given as the real one
/// (`真名韩雨桐`). `has(group)` tells whether the line holds a word of the group.
pub fn with_details(
    line: &str,
    chars: &[(usize, char)],
    has: impl Fn(Bits) -> bool,
) -> Vec<(usize, usize, Found)> {
    let mut out = Vec::new();
    let cues = if has(group::REAL_NAME) {
        REAL_NAME_CUES
    } else {
        &[]
    };
    for &cue in cues {
        let Some(byte) = line.find(cue) else { continue };
        let k = chars.iter().position(|c| c.0 == byte).unwrap_or(0) + cue.chars().count();
        let mut from = k;
        while matches!(
            chars.get(from).map(|c| c.1),
            Some('：' | ':' | '是' | '叫' | ' ')
        ) {
            from += 1;
        }
        if let Some(end) = name_at(chars, from) {
            let to = chars.get(end).map_or(line.len(), |c| c.0);
            out.push((chars[from].0, to, Found::RealName));
        }
    }
    // A name's sex and age, student number or class, or its grade: the line holds none of
    // them, or neither an age with a sex nor a bracket (which the finds below all need).
    if !details_after_name(&has) {
        return out;
    }
    for k in 0..chars.len() {
        // The name first: it rules out nearly every character at the cost of a bit test,
        // while the boundary builds a string of the characters before.
        let Some(end) = name_at(chars, k) else {
            continue;
        };
        let boundary = k == 0 || !is_han(chars[k - 1].1) || rest_before_is_role(chars, k);
        if !boundary {
            continue;
        }
        let tail: String = chars[end..].iter().map(|c| c.1).take(16).collect();
        let sex = tail
            .trim_start_matches(['，', ',', '、', '（', '(', ' '])
            .starts_with(['男', '女']);
        let near: String = tail.chars().take(12).collect();
        let aged = (sex || near.contains(['男', '女']) || near.contains("学号"))
            && (near.contains('岁') || near.contains("学号") || near.contains('班'));
        // `林雨桐，医学院大二的`: a grade or college right after the name, past a comma.
        let after_comma = tail
            .strip_prefix(['，', ',', '|', ' '])
            .map(|t| format!("（{t}）"))
            .is_some_and(|t| grade_in_brackets(&t));
        if (aged || grade_in_brackets(&tail) || after_comma) && !pseudonym_after(chars, end) {
            let to = chars.get(end).map_or(line.len(), |c| c.0);
            out.push((chars[k].0, to, Found::NameWithDetails));
        }
    }
    out
}

/// `（大一，经管学院）`, `（初二）`: a name's grade or college in brackets right after it.
/// Grades, and a college or major, in brackets after a name: `林雨萱（初二）`.
const GRADES: &[&str] = &[
    "大一", "大二", "大三", "大四", "研一", "研二", "研三", "初一", "初二", "初三", "高一", "高二",
    "高三", "年级", "学院", "专业", "级",
];

/// Words [`with_details`] finds nothing without (besides a `班` after a sex): a real-name
/// note, an age, a student number or a grade.
pub fn detail_cues() -> impl Iterator<Item = &'static str> {
    REAL_NAME_CUES
        .iter()
        .copied()
        .chain(["岁", "学号"])
        .chain(GRADES.iter().copied())
}

/// Notes that give a name as the real one.
pub const REAL_NAME_CUES: &[&str] = &["真名", "真实姓名", "本名", "原名"];

/// The groups [`details_possible`] asks about, with their words.
pub fn detail_groups() -> [(Bits, &'static [&'static str]); 6] {
    [
        (group::SEX, &["男", "女"]),
        (group::YEARS, &["岁"]),
        (group::STUDENT_NO, &["学号"]),
        (group::GRADE, GRADES),
        (group::BRACKET, &["（", "("]),
        (group::REAL_NAME, REAL_NAME_CUES),
    ]
}

fn grade_in_brackets(tail: &str) -> bool {
    let Some(inside) = tail.strip_prefix(['（', '(']) else {
        return false;
    };
    let inside = inside.split(['）', ')']).next().unwrap_or("");
    GRADES.iter().any(|g| inside.contains(g))
}

fn rest_before_is_role(chars: &[(usize, char)], k: usize) -> bool {
    let before: String = chars[k.saturating_sub(3)..k].iter().map(|c| c.1).collect();
    [
        "生",
        "来访者",
        "当事人",
        "同学",
        "个案",
        "女孩",
        "男孩",
        "孩子",
        "学员",
        "幼儿",
        "宝宝",
        "朋友",
        "附件",
        "名单",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
