//! `privacy`: no child or family identifiable in a document. Resident ID numbers, mobile
//! numbers in any spacing, a person's landline, WeChat and QQ ids, e-mail addresses, home
//! addresses down to a building or room, and real-looking names tied to a class, a sex and
//! an age, or given as the real one. Configured hotlines, and numbers a school or office
//! publishes (its 心理辅导室, its hotline), are exempt.

mod names;
mod numbers;

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::marks::{Bits, Builder, DIGITS, Marks, group};
use super::raise;
use super::text::{File, span_at};
use crate::config::Hotline;
use crate::diag::Diagnostic;
use crate::model::Document;

/// What was found, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    IdNumber,
    Mobile,
    Landline,
    SocialId,
    Email,
    Address,
    NameWithClass,
    NameWithDetails,
    RealName,
}

/// Words that say a number or an id is an office's, published for parents to call.
const PUBLISHED: &[&str] = &[
    "辅导室",
    "咨询室",
    "咨询中心",
    "咨询电话",
    "热线",
    "办公室",
    "值班",
    "预约",
    "服务电话",
    "德育处",
    "政教处",
    "教务处",
    "学生处",
    "校办",
    "医务室",
    "校医室",
    "保卫处",
    "门卫",
    "传达室",
    "总机",
    "学校电话",
    "校方",
    "医院",
    "中心电话",
    "教育局",
    "公众号",
    "官方",
];

/// The groups a finding needs on its line: a line with none of them is passed over.
const ANY: Bits = group::NAME
    | group::NAME_DETAIL
    | group::NAME_CUE
    | group::NAME_TITLE
    | group::SOCIAL
    | group::HOME
    | group::CLASS
    | group::AT
    | group::DIGIT;

/// Adds the words a finding needs on its line to the file scan's triggers.
pub fn triggers(builder: &mut Builder) {
    builder
        .add(group::NAME, names::TRIGGERS)
        .add(group::NAME_DETAIL, names::detail_cues())
        .add(group::NAME_CUE, names::NAME_CUES)
        .add(group::NAME_TITLE, names::TITLES)
        .add(group::SOCIAL, numbers::SOCIAL_CUES)
        .add(group::HOME, HOME)
        .add(group::CLASS, ["班"])
        .add(group::AT, ["@"])
        .add(group::DIGIT, DIGITS);
    for (bits, words) in names::detail_groups() {
        builder.add(bits, words);
    }
}

pub fn check(
    doc: &Document,
    hotlines: &[Hotline],
    file: &File,
    marks: &Marks,
    out: &mut Vec<Diagnostic>,
) {
    for (n, line, at, text, found) in scan_file(file, marks) {
        if hotlines
            .iter()
            .any(|h| digits(&h.number) == digits(text) && !digits(text).is_empty())
        {
            continue;
        }
        let (what, hint) = describe(found);
        out.push(raise(
            "privacy",
            &doc.source,
            span_at(n, line, at, text),
            format!(
                "这里像是{what}：{}（个人信息写进教材，孩子就可能被认出来）",
                mask(text, found)
            ),
            hint,
        ));
    }
}

fn describe(found: Found) -> (&'static str, &'static str) {
    match found {
        Found::IdNumber => (
            "一个身份证号",
            "删去身份证号；案例里的人物一律用化名，不写任何证件号码",
        ),
        Found::Mobile => (
            "一个手机号",
            "删去个人手机号；需要联系方式时写学校公开的电话（如“学校心理辅导室电话”）或在 yuxin.yaml 的 hotlines: 里配置的热线",
        ),
        Found::Landline => (
            "个人或家庭的座机号",
            "删去这个电话；需要联系方式时写学校公开的电话，并写明是哪个部门的（如“心理辅导室电话 0591-…”）",
        ),
        Found::SocialId => (
            "一个微信号或 QQ 号",
            "删去个人微信号、QQ 号；请家长通过学校公开的电话或家长群联系",
        ),
        Found::Email => (
            "一个电子邮箱",
            "删去个人邮箱；需要联系方式时写学校公开的电话",
        ),
        Found::Address => (
            "具体到楼栋或房间的家庭住址",
            "删去门牌楼栋，只保留“家住城区”“住在学校附近”这样的概括说法",
        ),
        Found::NameWithClass => (
            "班级加真实姓名",
            "案例里用化名并注明，如“小A”“王某某”“李想（化名）”，不要把班级和真实姓名写在一起",
        ),
        Found::NameWithDetails => (
            "真实姓名加性别、年龄",
            "案例里用化名并注明，如“小林（化名），女，13岁”，或写“王某某”",
        ),
        Found::RealName => ("学生的真实姓名", "删去真实姓名，只用化名（如“小韩”）"),
    }
}

/// The finding with most of it hidden, so that messages (and logs, and bots that post them)
/// do not copy the personal data once more.
fn mask(text: &str, found: Found) -> String {
    let chars: Vec<char> = text.chars().collect();
    let keep = |head: usize, tail: usize| -> String {
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i < head || i + tail >= chars.len() {
                    *c
                } else {
                    '*'
                }
            })
            .collect()
    };
    match found {
        Found::IdNumber => keep(6, 2),
        Found::Mobile | Found::Landline => keep(3, 2),
        Found::SocialId => keep(2, 0),
        Found::Email => match text.split_once('@') {
            Some((local, host)) => format!("{}***@{host}", local.chars().next().unwrap_or('*')),
            None => keep(1, 0),
        },
        Found::Address => keep(chars.len().saturating_sub(3), 0),
        Found::NameWithClass => keep(chars.len().saturating_sub(2), 0),
        Found::NameWithDetails | Found::RealName => keep(1, 0),
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Every finding in the file: line number, line, byte offset in the line, matched text, kind.
/// Most lines hold no digit, `@`, `班`, address or name cue: the file scan's marks rule them
/// out without a look.
fn scan_file<'a>(file: &File<'a>, marks: &Marks) -> Vec<(usize, &'a str, usize, &'a str, Found)> {
    let mut out = Vec::new();
    for (n, line) in file.numbered() {
        if !marks.line_any(n, ANY) {
            continue;
        }
        for (from, to, kind) in scan_line(line, |g| marks.line_any(n, g)) {
            out.push((n, line, from, &line[from..to], kind));
        }
    }
    out
}

/// Whether a line is about an office that publishes its number: asked only of the few lines
/// with a number or an id on them.
fn published(line: &str) -> bool {
    static PUBLISHED_CUES: OnceLock<AhoCorasick> = OnceLock::new();
    PUBLISHED_CUES
        .get_or_init(|| crate::check::dfa(PUBLISHED).expect("published cues"))
        .is_match(line)
}

/// The findings on one line; `has(group)` tells whether the line holds a word of the group.
fn scan_line(line: &str, has: impl Fn(Bits) -> bool) -> Vec<(usize, usize, Found)> {
    let mut out = Vec::new();
    let published = || published(line);
    if has(group::DIGIT) {
        let numbers = if numbers::enough_digits(line) {
            numbers::numbers(line)
        } else {
            Vec::new()
        };
        for number in numbers {
            match numbers::classify(&number, line) {
                Some(Found::Mobile | Found::Landline) if published() => {}
                Some(kind) => out.push((number.start, number.end, kind)),
                None => {}
            }
        }
        if has(group::HOME) {
            out.extend(address(line));
        }
    }
    if has(group::SOCIAL) && !published() {
        out.extend(
            numbers::social_ids(line)
                .into_iter()
                .map(|(at, id)| (at, at + id.len(), Found::SocialId)),
        );
    }
    if has(group::AT) {
        out.extend(emails(line));
    }
    // The line's characters, for the name finders, made once and only for them.
    let chars = std::cell::OnceCell::new();
    let chars =
        || -> &[(usize, char)] { chars.get_or_init(|| line.char_indices().collect::<Vec<_>>()) };
    if has(group::CLASS) && names::class_possible(line) {
        out.extend(names::with_class(line, chars()));
    }
    if has(group::NAME) {
        if (has(group::NAME_DETAIL) || has(group::CLASS)) && names::details_possible(&has) {
            out.extend(names::with_details(line, chars(), &has));
        }
        let cued = has(group::NAME_CUE);
        let titled = has(group::NAME_TITLE) && names::title_possible(line, &has);
        if cued || titled {
            out.extend(names::named(line, chars(), cued, titled));
        }
    }
    // One finding for overlapping ones (`五（1）班的李想` and `李想同学`): the first, longest.
    out.sort_by_key(|f| (f.0, std::cmp::Reverse(f.1)));
    let mut end = 0;
    out.retain(|f| {
        let keep = f.0 >= end;
        end = end.max(f.1);
        keep
    });
    out
}

/// A home address down to a building, room or house number: `家住台江区某小区7栋`,
/// `住在幸福路12号3单元502室`, `住址（金沙路88号锦绣家园3-1-602）`, `住在后沟村三组12号`.
fn address(line: &str) -> Vec<(usize, usize, Found)> {
    let Some(home) = HOME.iter().filter_map(|w| line.find(w)).min() else {
        return Vec::new();
    };
    address_from(line, home)
}

/// Words that start a home address.
const HOME: &[&str] = &[
    "家住",
    "住在",
    "住址",
    "家庭地址",
    "家在",
    "租住",
    "家访地址",
    "地址",
    "小区",
    "公寓",
    "新村",
    "花园",
    "苑",
    "宿舍在",
];

fn address_from(line: &str, home: usize) -> Vec<(usize, usize, Found)> {
    if line.contains("学校地址") || line.contains("校址") {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    for (k, &(at, c)) in chars.iter().enumerate() {
        if at < home || !numeral(c) || (k > 0 && numeral(chars[k - 1].1)) {
            continue;
        }
        let mut j = k;
        while chars.get(j).is_some_and(|c| numeral(c.1)) {
            j += 1;
        }
        let unit = chars.get(j).map(|c| c.1);
        let next = chars.get(j + 1).map(|c| c.1);
        let before = k.checked_sub(1).map(|i| chars[i].1);
        let building = matches!(unit, Some('栋' | '幢' | '室'))
            || (unit == Some('单') && next == Some('元'))
            || (unit == Some('号') && next == Some('楼'))
            // `3-1-602`: building, unit and room.
            || (unit == Some('-') && next.is_some_and(|c| c.is_ascii_digit())
                && line[chars[j].0..].matches('-').count() >= 2)
            // `金沙路88号`, `三组12号`: a house on a road or in a village group.
            || (unit == Some('号') && before.is_some_and(|b| "路街巷弄村组道".contains(b)));
        if building {
            let to = chars
                .get(j + 1)
                .map_or(line.len(), |c| c.0 + c.1.len_utf8());
            return vec![(home, to, Found::Address)];
        }
    }
    Vec::new()
}

fn emails(line: &str) -> Vec<(usize, usize, Found)> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut out = Vec::new();
    for (at, _) in line.match_indices('@') {
        let start = line[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = at + 1 + line[at + 1..].chars().take_while(|c| domain(*c)).count();
        let host = line[at + 1..end].trim_end_matches('.');
        let tld_ok = host
            .rsplit_once('.')
            .is_some_and(|(_, tld)| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if start < at && tld_ok {
            out.push((start, at + 1 + host.len(), Found::Email));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the file scan finds in a one-line file.
    fn kinds(line: &str) -> Vec<(&str, Found)> {
        let file = File::new(line);
        let marks = Marks::everything(file.lines.len());
        let found = scan_file(&file, &marks)
            .into_iter()
            .map(|(_, _, _, t, f)| (t, f));
        found.collect()
    }

    #[test]
    fn id_numbers_need_a_valid_checksum_or_their_cue() {
        assert_eq!(
            kinds("证号11010519491231002X。"),
            [("11010519491231002X", Found::IdNumber)]
        );
        assert!(kinds("编号110105194912310021").is_empty());
        assert!(kinds("流水号1101051949123100211").is_empty(), "19 digits");
    }

    #[test]
    fn published_numbers_are_fine_personal_ones_are_not() {
        assert!(kinds("学校心理辅导室电话 0591-87654321，工作日开放").is_empty());
        assert!(kinds("福州市心理援助热线 0591-85666661").is_empty());
        assert_eq!(
            kinds("有事打我家电话 0591-87654321"),
            [("0591-87654321", Found::Landline)]
        );
        assert_eq!(
            kinds("家长手机 +86 139 1234 5678"),
            [("+86 139 1234 5678", Found::Mobile)]
        );
        assert_eq!(
            kinds("有事加我微信 lin_teacher88。"),
            [("lin_teacher88", Found::SocialId)]
        );
    }

    #[test]
    fn home_addresses_down_to_a_building() {
        assert_eq!(kinds("学生小韩家住台江区某小区7栋。")[0].1, Found::Address);
        assert_eq!(kinds("住在幸福路12号3单元502室")[0].1, Found::Address);
        assert!(kinds("家住城区，离学校不远").is_empty());
        assert!(kinds("心理辅导室在教学楼3楼302室").is_empty());
    }

    #[test]
    fn messages_hide_most_of_what_they_found() {
        assert_eq!(
            mask("11010519491231002X", Found::IdNumber),
            "110105**********2X"
        );
        assert_eq!(mask("13812345678", Found::Mobile), "138******78");
        assert_eq!(
            mask("wang.li@school.edu.cn", Found::Email),
            "w***@school.edu.cn"
        );
        assert_eq!(
            mask("三年级二班王小明", Found::NameWithClass),
            "三年级二班王**"
        );
    }

    #[test]
    fn emails() {
        assert_eq!(
            kinds("写信到 wang.li@school.edu.cn。"),
            [("wang.li@school.edu.cn", Found::Email)]
        );
        assert!(kinds("@所有人 请注意").is_empty());
    }
}
