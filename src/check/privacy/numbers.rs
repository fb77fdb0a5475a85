//! Numbers that identify a person: resident ID numbers, mobiles, landlines, QQ numbers. A
//! number is read the way people write it: digits ASCII or full-width, in groups split by
//! spaces, dashes, dots or brackets, with `+86` in front or not.

use super::Found;

/// A number as written: its byte range in the line and its digits.
#[derive(Debug, PartialEq, Eq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub digits: String,
    /// The byte just after the digits is `X`/`x` (an ID number's checksum).
    pub x_end: bool,
    pub plus: bool,
}

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// Characters that may split the groups of one number.
fn separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '－' | '—' | '–' | '.' | '\u{3000}' | '(' | ')' | '（' | '）' | '·'
    )
}

/// One or two separators (`) `) followed by a digit: their count.
fn gap_before_digit(chars: &[(usize, char)], j: usize) -> Option<usize> {
    let seps = chars[j..]
        .iter()
        .take(2)
        .take_while(|c| separator(c.1))
        .count();
    (seps > 0 && chars.get(j + seps).is_some_and(|c| digit(c.1).is_some())).then_some(seps)
}

/// The fewest digits of a number [`classify`] names (a landline: area code and 7 digits).
const FEWEST: usize = 10;

/// Whether `line` holds at least [`FEWEST`] digits, ASCII or full-width: on most lines with a
/// digit (`5分钟`, `第2课`) it does not, and no number there is worth splitting out. Bytes are
/// counted without a branch, in vector code: the loop that stopped at the tenth digit branched
/// on each byte, and was three quarters of the privacy lint's time on 10,000 lessons (perf).
pub fn enough_digits(line: &str) -> bool {
    let b = line.as_bytes();
    let ascii = count(b, |c| c.is_ascii_digit());
    // `０`…`９` are EF BC 90…99 in UTF-8: a line without enough 0xEF bytes to make up the
    // difference (most lines; `，` and `（` are EF BC too) needs no closer look.
    if ascii >= FEWEST || ascii + count(b, |c| c == 0xEF) < FEWEST {
        return ascii >= FEWEST;
    }
    let wide = line.chars().filter(|c| ('０'..='９').contains(c)).count();
    ascii + wide >= FEWEST
}

/// How many bytes of `b` are `what`: 128 bytes at a time in `u8` lanes, which the compiler
/// turns into vector code (in `usize` lanes it moves a quarter as many bytes a step).
fn count(b: &[u8], what: impl Fn(u8) -> bool) -> usize {
    (b.chunks(128))
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &c| n + u8::from(what(c)))))
        .sum()
}

/// Every number on the line: a digit, then digits and single separators, up to the first
/// character that is neither (three separators in a row end it).
pub fn numbers(line: &str) -> Vec<Number> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        let plus = i > 0 && matches!(chars[i - 1].1, '+' | '＋');
        let start = chars[i].0;
        let mut digits = String::new();
        let mut end = start;
        let mut j = i;
        while j < chars.len() {
            if let Some(d) = digit(chars[j].1) {
                digits.push(d);
                end = chars[j].0 + chars[j].1.len_utf8();
                j += 1;
            } else if let Some(gap) = gap_before_digit(&chars, j) {
                j += gap;
            } else {
                break;
            }
        }
        let x_end = chars.get(j).is_some_and(|c| matches!(c.1, 'X' | 'x'));
        let start = if plus { chars[i - 1].0 } else { start };
        out.push(Number {
            start,
            end: if x_end { end + 1 } else { end },
            digits,
            x_end,
            plus,
        });
        i = j.max(i + 1);
    }
    out
}

/// What kind of personal number `n` is, if any, given the line around it.
pub fn classify(n: &Number, line: &str) -> Option<Found> {
    let d = n.digits.as_str();
    // The cue right before this number (`身份证号：…`), not anywhere on the line: `证件号 A，
    // 编号 B` names only A.
    let from = line[..n.start]
        .char_indices()
        .rev()
        .nth(7)
        .map_or(0, |(i, _)| i);
    let before = &line[from..n.start];
    let id_cue = before.contains("身份证") || before.contains("证件号");
    let id_length = d.len() == 18 || (d.len() == 17 && n.x_end);
    if id_length && (id_cue || id_checksum_ok(&id_text(n))) {
        return Some(Found::IdNumber);
    }
    if id_cue && (15..=18).contains(&d.len()) {
        return Some(Found::IdNumber);
    }
    let national = d.strip_prefix("86").filter(|rest| rest.len() == 11);
    let mobile = match national {
        Some(rest) if n.plus || d.len() == 13 => rest,
        _ => d,
    };
    if mobile.len() == 11
        && mobile.starts_with('1')
        && (b'3'..=b'9').contains(&mobile.as_bytes()[1])
    {
        return Some(Found::Mobile);
    }
    if is_landline(d) && !looks_like_date(d) {
        return Some(Found::Landline);
    }
    None
}

fn id_text(n: &Number) -> String {
    if n.x_end {
        format!("{}X", n.digits)
    } else {
        n.digits.clone()
    }
}

/// `0591-87654321`, `(0591) 8765 4321`, `010 12345678`: an area code and 7 or 8 digits.
fn is_landline(d: &str) -> bool {
    d.starts_with('0') && !d.starts_with("00") && (10..=12).contains(&d.len())
}

/// `20260925`, `2026-09-25`: a date, not a phone.
fn looks_like_date(d: &str) -> bool {
    (d.starts_with("19") || d.starts_with("20")) && d.len() == 8
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

/// The words a WeChat, QQ or Douyin id follows.
pub const SOCIAL_CUES: &[&str] = &[
    "微信号",
    "微信",
    "WeChat",
    "wechat",
    "Wechat",
    "VX",
    "vx",
    "Vx",
    "wx",
    "WX",
    "V信",
    "v信",
    "抖音号",
    "抖音",
    "快手号",
    "小红书号",
    "QQ号",
    "QQ",
    "qq号",
    "qq",
    "扣扣",
];

/// WeChat and QQ ids after their cue: `微信 lin_teacher88`, `QQ：12345678`, `vx: abc123`.
pub fn social_ids(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < line.len() {
        let Some((at, cue)) = SOCIAL_CUES
            .iter()
            .filter_map(|c| line[from..].find(c).map(|i| (from + i, *c)))
            .min_by_key(|(i, c)| (*i, std::cmp::Reverse(c.len())))
        else {
            break;
        };
        // `wx` inside an English word (`wxyz`) is not a cue.
        let ascii_cue = cue.is_ascii();
        let before_ok = !ascii_cue
            || line[..at]
                .chars()
                .last()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
        let mut rest = &line[at + cue.len()..];
        let skipped = rest.len();
        rest = rest.trim_start_matches(|c: char| {
            matches!(c, ' ' | '：' | ':' | '\u{3000}' | '号' | '码' | '是' | '为')
        });
        let id_start = at + cue.len() + (skipped - rest.len());
        let id_len = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            .map(char::len_utf8)
            .sum::<usize>();
        let id = &rest[..id_len];
        let looks_like_id = id.len() >= 5
            && id.len() <= 20
            && (id.chars().any(|c| c.is_ascii_digit()) || id.contains('_') || id.len() >= 6);
        let qq = cue.to_ascii_lowercase().starts_with("qq") || cue == "扣扣";
        let qq_ok = !qq || id.chars().all(|c| c.is_ascii_digit());
        if before_ok && looks_like_id && qq_ok && !line.contains("公众号") {
            out.push((id_start, id));
        }
        from = at + cue.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<Found> {
        numbers(line)
            .iter()
            .filter_map(|n| classify(n, line))
            .collect()
    }

    #[test]
    fn mobiles_in_any_spacing_and_with_the_country_code() {
        for line in [
            "电话13812345678",
            "电话 138-1234-5678。",
            "手机 138 1234 5678",
            "手机：1381234 5678",
            "+86 138 1234 5678",
            "+8613812345678",
            "８６１３８１２３４５６７８",
            "１３８１２３４５６７８",
        ] {
            assert_eq!(kinds(line), [Found::Mobile], "{line}");
        }
        assert!(kinds("编号 123812345678").is_empty());
        assert!(kinds("热线12356").is_empty());
    }

    #[test]
    fn numbers_of_fewer_digits_than_the_fast_path_skips_are_never_personal() {
        // `enough_digits` skips lines of fewer than FEWEST digits: no such number may classify.
        for len in 1..FEWEST {
            for lead in ["1", "13", "0", "05", "86", "11010519"] {
                let digits: String = lead
                    .chars()
                    .chain("8".repeat(20).chars())
                    .take(len)
                    .collect();
                for line in [
                    format!("身份证号 {digits}"),
                    format!("+{digits}"),
                    format!("{digits}X"),
                ] {
                    assert!(!enough_digits(&line), "{line}");
                    assert!(kinds(&line).is_empty(), "{line}");
                }
            }
        }
        assert!(enough_digits("电话 0591-8765 432"));
        assert!(enough_digits("１３８１２３４５６７"));
        assert!(!enough_digits("１３８１２３４５６"));
        assert!(enough_digits("１３８1234５６７８"), "both widths count");
        assert!(
            !enough_digits("１３８1234５６\u{FF3C}"),
            "nine digits; a full-width backslash (EF BC BC) is none"
        );
    }

    #[test]
    fn landlines_but_not_dates() {
        assert_eq!(kinds("家里电话 0591-87654321"), [Found::Landline]);
        assert_eq!(kinds("(0591) 8765 4321"), [Found::Landline]);
        assert!(kinds("2026-09-25 19:00").is_empty());
    }

    #[test]
    fn id_numbers_by_checksum_or_by_their_cue() {
        assert!(id_checksum_ok("11010519491231002X"));
        assert_eq!(kinds("证号11010519491231002X。"), [Found::IdNumber]);
        assert!(kinds("编号110105194912310021").is_empty());
        assert_eq!(kinds("身份证号 350102 20080101 1234"), [Found::IdNumber]);
    }

    #[test]
    fn social_ids_after_their_cue() {
        let ids =
            |l: &str| -> Vec<String> { social_ids(l).iter().map(|(_, s)| s.to_string()).collect() };
        assert_eq!(ids("有事加我微信 lin_teacher88。"), ["lin_teacher88"]);
        assert_eq!(ids("QQ：123456789"), ["123456789"]);
        assert_eq!(ids("vx:zhang2020"), ["zhang2020"]);
        assert!(ids("关注学校微信公众号 fzxl_school").is_empty());
        assert!(ids("用微信和孩子视频").is_empty());
        assert!(ids("QQ 群里通知").is_empty());
    }
}
