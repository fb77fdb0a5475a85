//! The start tags of raw HTML as an HTML tokenizer reads them: the tag name and attributes
//! lower-cased, attribute values with the character references that can hide a scheme decoded.

/// A start tag as the HTML tokenizer reads it: lower-cased names, decoded values.
#[derive(Debug)]
pub(crate) struct StartTag {
    pub(crate) name: String,
    pub(crate) attributes: Vec<(String, String)>,
    /// Bytes up to and including `>` (or the rest of the fragment when unclosed).
    pub(crate) len: usize,
}

pub(crate) fn parse_start_tag(s: &str) -> Option<StartTag> {
    let b = s.as_bytes();
    if b.len() < 2 || b[0] != b'<' || !b[1].is_ascii_alphabetic() {
        return None;
    }
    let mut i = 1;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = s[1..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            break;
        }
        let start = i;
        i += 1; // a first `=` belongs to the name
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr = s[start..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        let mut value = String::new();
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            let (v, end) = attribute_value(s, j);
            value = decode_entities(v);
            i = end;
        }
        attributes.push((attr, value));
    }
    Some(StartTag {
        name,
        attributes,
        len: (i + 1).min(s.len()),
    })
}

fn attribute_value(s: &str, at: usize) -> (&str, usize) {
    let b = s.as_bytes();
    match b.get(at) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = s[at + 1..].find(q as char).map_or(s.len(), |e| at + 1 + e);
            (&s[at + 1..end], (end + 1).min(s.len()))
        }
        _ => {
            let mut end = at;
            while end < b.len() && !is_space(b[end]) && b[end] != b'>' {
                end += 1;
            }
            (&s[at..end], end)
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Character references that can hide a scheme (`java&#115;cript:`, `&colon;`).
pub(super) fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (c, used) = entity(rest);
        out.push(c);
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// The character `s` (starting with `&`) stands for, and the bytes it takes.
fn entity(s: &str) -> (char, usize) {
    let numeric = |digits: &str, radix: u32, skip: usize| {
        let n = digits
            .chars()
            .take_while(|c| c.is_digit(radix))
            .collect::<String>();
        let used = skip + n.len() + usize::from(s[skip + n.len()..].starts_with(';'));
        u32::from_str_radix(&n, radix)
            .ok()
            .and_then(char::from_u32)
            .map(|c| (c, used))
    };
    let lower = s.to_ascii_lowercase();
    let decoded = if lower.starts_with("&#x") {
        numeric(&s[3..], 16, 3)
    } else if lower.starts_with("&#") {
        numeric(&s[2..], 10, 2)
    } else {
        [
            ("&colon;", ':'),
            ("&tab;", '\t'),
            ("&newline;", '\n'),
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ]
        .iter()
        .find(|(name, _)| lower.starts_with(name))
        .map(|(name, c)| (*c, name.len()))
    };
    decoded.unwrap_or(('&', 1))
}
