//! `privacy`: no student's personal data in a document. Resident ID numbers (18 digits with a
//! valid checksum), mainland mobile numbers, e-mail addresses, and a class followed by a full
//! name (三年级二班王小明; 王某某 or 王X is fine). Configured hotlines are exempt.

use super::raise;
use super::text::{File, span_at};
use crate::config::Hotline;
use crate::diag::Diagnostic;
use crate::model::Document;

/// Common single-character surnames: enough to tell 二班王小明 from 二班全体.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// Words that follow a class but are not a name.
const NOT_NAMES: &[&str] = &[
    "老师",
    "同学",
    "学生",
    "班主任",
    "家长",
    "全体",
    "教室",
    "小组",
    "同桌",
];

const MASKS: &[char] = &['某', 'X', 'x', '×', '*', '＊', '○', '〇', 'Ｘ'];

/// What was found, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    IdNumber,
    Mobile,
    Email,
    NameWithClass,
}

pub fn check(doc: &Document, hotlines: &[Hotline], file: &File, out: &mut Vec<Diagnostic>) {
    for (n, line, at, text, found) in scan_file(file) {
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
            format!("这里像是{what}：{}", mask(text, found)),
            hint,
        ));
    }
}

fn describe(found: Found) -> (&'static str, &'static str) {
    match found {
        Found::IdNumber => (
            "一个真实的身份证号",
            "删去身份证号；案例里的人物一律用化名，不写任何证件号码",
        ),
        Found::Mobile => (
            "一个手机号",
            "删去个人手机号；需要联系方式时写学校公开的电话或在 yuxin.yaml 的 hotlines: 里配置的热线",
        ),
        Found::Email => (
            "一个电子邮箱",
            "删去个人邮箱；需要联系方式时写学校公开的电话",
        ),
        Found::NameWithClass => (
            "班级加真实姓名",
            "案例里用化名或“王某某”“小A”，不要把班级和真实姓名写在一起",
        ),
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
        Found::Mobile => keep(3, 2),
        Found::Email => match text.split_once('@') {
            Some((local, host)) => format!("{}***@{host}", local.chars().next().unwrap_or('*')),
            None => keep(1, 0),
        },
        Found::NameWithClass => keep(chars.len().saturating_sub(2), 0),
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Every finding in the file: line number, line, byte offset in the line, matched text, kind.
/// Numbers and e-mail addresses never span a line break, so they are searched in the whole
/// text at once (one pass instead of one per line); a name needs a `班` on its line.
fn scan_file<'a>(file: &File<'a>) -> Vec<(usize, &'a str, usize, &'a str, Found)> {
    let text = file.text;
    let mut found = numbers(text);
    found.extend(emails(text));
    let line_at = |offset: usize| {
        let starts = |l: &&str| l.as_ptr() as usize - text.as_ptr() as usize;
        let i = file
            .lines
            .partition_point(|l| starts(l) <= offset)
            .saturating_sub(1);
        (i, starts(&file.lines[i]))
    };
    let mut out: Vec<_> = found
        .into_iter()
        .map(|(at, hit, kind)| {
            let (i, start) = line_at(at);
            (i + 1, file.lines[i], at - start, hit, kind)
        })
        .collect();
    // Each line holding a 班, once, found from the whole text's 班s.
    let mut lines_with_ban: Vec<usize> = text
        .match_indices('班')
        .map(|(at, _)| line_at(at).0)
        .collect();
    lines_with_ban.dedup();
    for i in lines_with_ban {
        let line = file.lines[i];
        let names = names_with_class(line).into_iter();
        out.extend(names.map(|(at, hit, kind)| (i + 1, line, at, hit, kind)));
    }
    out.sort_by_key(|f| (f.0, f.2));
    out
}

/// ID numbers and mobile numbers: runs of digits (a mobile may be split 3-4-4).
fn numbers(line: &str) -> Vec<(usize, &str, Found)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(next) = next_digit(b, i) {
        i = next;
        if i > 0 && b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let end = i + run;
        let x_end = end < b.len() && matches!(b[end], b'X' | b'x');
        if run == 18 || (run == 17 && x_end) {
            let stop = if run == 17 { end + 1 } else { end };
            if id_checksum_ok(&line[i..stop]) {
                out.push((i, &line[i..stop], Found::IdNumber));
            }
        } else if let Some(len) = mobile_at(&b[i..]) {
            out.push((i, &line[i..i + len], Found::Mobile));
        }
        i = end;
    }
    out
}

/// The index of the first ASCII digit at or after `from`. Most of a lesson is Chinese text
/// without digits: whole 16-byte blocks are ruled out at once (a loop the compiler vectorises).
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    for block in b.get(from..)?.chunks(16) {
        let any = block
            .iter()
            .fold(false, |seen, c| seen | c.is_ascii_digit());
        if any {
            return block.iter().position(u8::is_ascii_digit).map(|i| at + i);
        }
        at += block.len();
    }
    None
}

/// The length of a mobile number starting here: `13812345678`, `138-1234-5678`, `138 1234 5678`.
fn mobile_at(b: &[u8]) -> Option<usize> {
    let is_start = b.len() >= 2 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    if !is_start {
        return None;
    }
    let digit_run = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    if digit_run(0) == 11 {
        return Some(11);
    }
    if digit_run(0) == 3 && b.len() > 3 && matches!(b[3], b'-' | b' ') {
        let sep = b[3];
        if digit_run(4) == 4 && b.get(8) == Some(&sep) && digit_run(9) == 4 {
            return Some(13);
        }
    }
    None
}

/// GB 11643: the 18th character is the checksum of the first 17 digits.
pub fn id_checksum_ok(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CODES: &[u8; 11] = b"10X98765432";
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum();
    CODES[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

fn emails(line: &str) -> Vec<(usize, &str, Found)> {
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
            out.push((start, &line[start..at + 1 + host.len()], Found::Email));
        }
    }
    out
}

fn names_with_class(line: &str) -> Vec<(usize, &str, Found)> {
    if !line.contains('班') {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        if c != '班' {
            continue;
        }
        let Some(start) = class_start(&chars, k) else {
            continue;
        };
        if let Some(end) = full_name_end(&chars, k + 1) {
            let from = chars[start].0;
            let to = chars.get(end).map_or(line.len(), |c| c.0);
            out.push((from, &line[from..to], Found::NameWithClass));
        }
    }
    out
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十０１２３４５６７８９".contains(c)
}

/// Index of the first character of `三年级二班` / `初二（3）班` ending at `ban` (the 班).
fn class_start(chars: &[(usize, char)], ban: usize) -> Option<usize> {
    let mut i = ban;
    let at = |i: usize| chars.get(i).map(|c| c.1);
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
    // 三年级 / 七年级
    if i >= 3
        && at(i - 1) == Some('级')
        && at(i - 2) == Some('年')
        && at(i - 3).is_some_and(is_numeral)
    {
        return Some(i - 3);
    }
    // 初二 / 高一 / 大三
    if i >= 2 && matches!(at(i - 2), Some('初' | '高' | '大')) && at(i - 1).is_some_and(is_numeral)
    {
        return Some(i - 2);
    }
    None
}

/// After a class: a surname and one or two more characters, not masked (某, X) and not a
/// title (老师, 同学). Returns the index just past the name.
fn full_name_end(chars: &[(usize, char)], from: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let rest: String = chars[from.min(chars.len())..]
        .iter()
        .map(|c| c.1)
        .take(4)
        .collect();
    if NOT_NAMES.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    let surname = at(from)?;
    if !SURNAMES.contains(surname) {
        return None;
    }
    let after: String = chars[from + 1..].iter().map(|c| c.1).take(3).collect();
    if NOT_NAMES.iter().any(|w| after.starts_with(w)) {
        return None;
    }
    let mut end = from + 1;
    while end < from + 3 && at(end).is_some_and(is_han) {
        let tail: String = chars[end..].iter().map(|c| c.1).take(3).collect();
        if NOT_NAMES.iter().any(|w| tail.starts_with(w)) {
            break;
        }
        if at(end).is_some_and(|c| MASKS.contains(&c)) {
            return None;
        }
        end += 1;
    }
    if at(end).is_some_and(|c| MASKS.contains(&c)) {
        return None;
    }
    (end > from + 1).then_some(end)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn next_digit_finds_the_first_digit_in_any_block() {
        let texts = [
            "",
            "a",
            "7",
            "没有数字的一行中文文本，足够长以跨过十六个字节的块",
            "中文中文中文3",
            "x\n12",
        ];
        for text in texts {
            let b = text.as_bytes();
            for from in 0..=b.len() {
                let naive = (from..b.len()).find(|&i| b[i].is_ascii_digit());
                assert_eq!(next_digit(b, from), naive, "{text:?} from {from}");
            }
        }
        let long = format!("{}5{}", "甲".repeat(40), "乙".repeat(3));
        assert_eq!(next_digit(long.as_bytes(), 0), Some(120));
    }

    /// What the file scan finds in a one-line file.
    fn kinds(line: &str) -> Vec<(&str, Found)> {
        let file = File::new(line);
        let found = scan_file(&file).into_iter().map(|(_, _, _, t, f)| (t, f));
        found.collect()
    }

    #[test]
    fn id_numbers_need_a_valid_checksum() {
        assert!(id_checksum_ok("11010519491231002X"));
        assert!(!id_checksum_ok("110105194912310021"));
        assert_eq!(
            kinds("证件号11010519491231002X。"),
            [("11010519491231002X", Found::IdNumber)]
        );
        assert!(kinds("编号110105194912310021").is_empty());
        assert!(kinds("流水号1101051949123100211").is_empty(), "19 digits");
    }

    #[test]
    fn mobiles_plain_or_split_but_not_longer_numbers() {
        assert_eq!(kinds("电话13812345678"), [("13812345678", Found::Mobile)]);
        assert_eq!(
            kinds("电话 138-1234-5678 。"),
            [("138-1234-5678", Found::Mobile)]
        );
        assert!(kinds("编号 123812345678").is_empty());
        assert!(kinds("热线12356，座机 0591-87654321").is_empty());
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

    #[test]
    fn names_after_a_class_unless_masked_or_titles() {
        assert_eq!(
            kinds("三年级二班王小明上课走神"),
            [("三年级二班王小明", Found::NameWithClass)]
        );
        assert_eq!(
            kinds("初二（3）班李华"),
            [("初二（3）班李华", Found::NameWithClass)]
        );
        assert!(kinds("三年级二班王某某上课走神").is_empty());
        assert!(kinds("三年级二班王X").is_empty());
        assert!(kinds("三年级二班王老师说").is_empty());
        assert!(kinds("三年级二班全体同学").is_empty());
        assert!(kinds("三年级二班的同学").is_empty());
    }
}
