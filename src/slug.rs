//! ASCII slugs for URLs and heading anchors. Chinese is written in pinyin (without tones), so
//! that links stay readable when pasted into WeChat or printed, instead of `%E7%8E%AF…`.

use pinyin::ToPinyin;

/// `认识新朋友` → `ren-shi-xin-peng-you`, `Hello World.md` → `hello-world-md`.
/// Returns an empty string when nothing is left (e.g. only punctuation).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut pending_dash = false;
    let push_word = |out: &mut String, word: &str, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push('-');
        }
        *pending = false;
        out.push_str(word);
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            let lower = c.to_ascii_lowercase();
            push_word(&mut out, lower.encode_utf8(&mut [0; 4]), &mut pending_dash);
        } else if let Some(py) = c.to_pinyin() {
            pending_dash = true;
            push_word(&mut out, py.plain(), &mut pending_dash);
            pending_dash = true;
        } else if let Some(digit) = fullwidth_ascii(c) {
            push_word(&mut out, digit.encode_utf8(&mut [0; 4]), &mut pending_dash);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Full-width letters and digits (`１２`, `Ａ`) as their ASCII twins, lower-cased.
fn fullwidth_ascii(c: char) -> Option<char> {
    let code = c as u32;
    if (0xFF10..=0xFF19).contains(&code)
        || (0xFF21..=0xFF3A).contains(&code)
        || (0xFF41..=0xFF5A).contains(&code)
    {
        char::from_u32(code - 0xFEE0).map(|a| a.to_ascii_lowercase())
    } else {
        None
    }
}

/// A title as a file name a download is saved under: `家长信：a/b?` → `家长信：a-b-`. Keeps
/// Chinese (teachers find their files by title) and drops what Windows and macOS refuse.
pub fn file_name(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect()
}

/// Makes `slug` unique among those already `seen` on a page by adding `-1`, `-2`, ….
pub fn unique(slug: String, seen: &mut std::collections::HashSet<String>) -> String {
    let id = unique_by(slug, |s| seen.contains(s));
    seen.insert(id.clone());
    id
}

/// [`unique`] for a caller that keeps the ids itself: `taken` tells whether one is in use.
/// (A page has a few headings: looking through them beats hashing every id.)
pub fn unique_by(slug: String, taken: impl Fn(&str) -> bool) -> String {
    let base = if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    };
    if !taken(&base) {
        return base;
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unused suffix exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn chinese_becomes_pinyin() {
        assert_eq!(slugify("认识新朋友"), "ren-shi-xin-peng-you");
        assert_eq!(slugify("教学目标"), "jiao-xue-mu-biao");
    }

    #[test]
    fn mixed_text_and_punctuation() {
        assert_eq!(
            slugify("第1课：你好，Hello World!"),
            "di-1-ke-ni-hao-hello-world"
        );
        assert_eq!(slugify("new_term--plan"), "new-term-plan");
        assert_eq!(slugify("  Lesson 02  "), "lesson-02");
        assert_eq!(slugify("ＡＢ１２班"), "ab12-ban");
    }

    #[test]
    fn nothing_left_is_empty() {
        assert_eq!(slugify("！？……"), "");
    }

    #[test]
    fn unique_adds_suffixes() {
        let mut seen = HashSet::new();
        assert_eq!(unique("a".into(), &mut seen), "a");
        assert_eq!(unique("a".into(), &mut seen), "a-1");
        assert_eq!(unique("a".into(), &mut seen), "a-2");
        assert_eq!(unique(String::new(), &mut seen), "section");
    }
}
