//! The minutes at the end of a step's heading, in every way teachers write them:
//! `（8分钟）` as the convention asks, and `（约8分钟）`, `15 min`, `8'`, `（半小时）`,
//! `（一刻钟）`, `（八分钟）` as they also do.

/// What a step heading says about its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `（8分钟）` or `(8 分钟)`: the convention.
    Exact(u32),
    /// Readable, but not as the convention asks: `（约8分钟）`, `15 min`, `（半小时）`.
    Loose(u32),
    /// Something like a length that cannot be read as one number: `（8～10分钟）`.
    Unreadable,
    /// No length at all.
    Missing,
}

impl Written {
    pub fn minutes(self) -> Option<u32> {
        match self {
            Written::Exact(n) | Written::Loose(n) => Some(n),
            Written::Unreadable | Written::Missing => None,
        }
    }
}

/// Reads the length at the end of `title`; returns it and the title without it.
pub fn read(title: &str) -> (Written, &str) {
    let title = title.split(" {").next().unwrap_or(title).trim_end();
    if let Some(inner) = title.strip_suffix('）').or_else(|| title.strip_suffix(')'))
        && let Some(open) = inner.rfind(['（', '('])
    {
        let inside = inner[open..].trim_start_matches(['（', '(']).trim();
        let rest = inner[..open].trim_end();
        if let Some(n) = exact(inside) {
            return (Written::Exact(n), rest);
        }
        return match loose(inside) {
            Some(n) => (Written::Loose(n), rest),
            None if looks_like_length(inside) => (Written::Unreadable, rest),
            None => (Written::Missing, title),
        };
    }
    // No brackets: the last part after a space or a dash (`一、热身 5分钟`, `热身——约5分钟`).
    let cut = title
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ' ' | '\u{3000}' | '—' | '-' | '：' | ':' | '，' | ','))
        .map(|(i, c)| (i, i + c.len_utf8()));
    if let Some((at, after)) = cut {
        let tail = title[after..].trim();
        let rest = title[..at].trim_end_matches([' ', '\u{3000}', '—', '-', '：', ':', '，', ',']);
        if let Some(n) = exact(tail).or_else(|| loose(tail)) {
            return (Written::Loose(n), rest);
        }
        if looks_like_length(tail) {
            return (Written::Unreadable, rest);
        }
    }
    (Written::Missing, title)
}

/// `8分钟`, `8 分钟`.
fn exact(s: &str) -> Option<u32> {
    let n = s.strip_suffix("分钟")?.trim();
    n.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| n.parse().ok())?
}

fn loose(s: &str) -> Option<u32> {
    let s = s
        .trim()
        .trim_start_matches("大约")
        .trim_start_matches('约')
        .trim_start_matches("共")
        .trim_end_matches("左右")
        .trim();
    match s {
        "半小时" | "半个小时" | "半个钟头" => return Some(30),
        "一刻钟" => return Some(15),
        "两刻钟" => return Some(30),
        "一小时" | "一个小时" | "1小时" | "1个小时" => return Some(60),
        _ => {}
    }
    for unit in [
        "分钟", "minutes", "minute", "mins", "min", "分", "′", "'", "’",
    ] {
        if let Some(n) = s.strip_suffix(unit) {
            return number(n.trim());
        }
    }
    None
}

/// `8`, `８`, `十五`, `二十`, `两`.
fn number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    if !s.is_empty() && s.chars().all(|c| ('０'..='９').contains(&c)) {
        return s
            .chars()
            .map(|c| char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0'))
            .collect::<String>()
            .parse()
            .ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u32)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

fn looks_like_length(s: &str) -> bool {
    ["分钟", "min", "小时", "刻钟", "′", "分"]
        .iter()
        .any(|u| s.contains(u))
        && s.chars()
            .any(|c| c.is_ascii_digit() || "一二三四五六七八九十两半".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_teachers_write_minutes() {
        let cases = [
            ("一、热身（5分钟）", Written::Exact(5)),
            ("一、热身 (12 分钟)", Written::Exact(12)),
            ("三、总结（5分钟） {#end}", Written::Exact(5)),
            ("一、热身（约8分钟）", Written::Loose(8)),
            ("一、热身（8分钟左右）", Written::Loose(8)),
            ("一、热身（15 min）", Written::Loose(15)),
            ("一、热身 15min", Written::Loose(15)),
            ("一、热身（8'）", Written::Loose(8)),
            ("一、热身（8′）", Written::Loose(8)),
            ("一、热身（半小时）", Written::Loose(30)),
            ("一、热身（一刻钟）", Written::Loose(15)),
            ("一、热身（八分钟）", Written::Loose(8)),
            ("一、热身（十五分钟）", Written::Loose(15)),
            ("一、热身（二十分钟）", Written::Loose(20)),
            ("一、热身——约5分钟", Written::Loose(5)),
            ("一、热身（８分钟）", Written::Loose(8)),
            ("一、热身（8～10分钟）", Written::Unreadable),
            ("四、作业（课后）", Written::Missing),
            ("五、没有时间", Written::Missing),
            ("二、情境（一）", Written::Missing),
        ];
        for (title, want) in cases {
            assert_eq!(read(title).0, want, "{title}");
        }
        assert_eq!(read("一、热身（约8分钟）").1, "一、热身");
        assert_eq!(read("一、热身 15min").1, "一、热身");
    }
}
