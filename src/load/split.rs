//! Splitting a Markdown file into its YAML front matter and its body, keeping track of the
//! line where each starts so that every later message can name a line of the file.

/// A file's text after normalisation: no BOM, `\n` line endings.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// [`normalize`] of text already owned: most files need no change, and are not copied.
pub fn normalize_owned(text: String) -> String {
    if text.starts_with('\u{feff}') || text.contains('\r') {
        normalize(&text)
    } else {
        text
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, `None` when the file has no front matter.
    pub front_matter: Option<&'a str>,
    /// 1-based line of the first YAML line.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

/// The file opens a front matter with `---` but never closes it.
#[derive(Debug, PartialEq, Eq)]
pub struct Unclosed;

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits normalised text. A front matter starts with `---` on the first line and ends at the
/// next line holding only `---` (or `...`, YAML's end-of-document marker).
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Ok(Split {
            front_matter: None,
            front_matter_line: 1,
            body: text,
            body_line: 1,
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let bare = line.trim_end_matches('\n');
        if is_fence(bare) || bare.trim_end() == "..." {
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: Some(&text[yaml_start..offset]),
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_lines() {
        let s = split("---\ntitle: a\nkind: lesson\n---\n# Body\n").unwrap();
        assert_eq!(s.front_matter, Some("title: a\nkind: lesson\n"));
        assert_eq!(s.front_matter_line, 2);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Title\n\ntext\n").unwrap();
        assert_eq!(s.front_matter, None);
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn empty_front_matter() {
        let s = split("---\n---\nbody").unwrap();
        assert_eq!(s.front_matter, Some(""));
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 3);
    }

    #[test]
    fn no_trailing_newline_after_closing_fence() {
        let s = split("---\ntitle: a\n---").unwrap();
        assert_eq!(s.front_matter, Some("title: a\n"));
        assert_eq!(s.body, "");
    }

    #[test]
    fn a_rule_inside_the_body_is_not_a_fence() {
        let s = split("---\ntitle: a\n---\none\n\n---\n\ntwo\n").unwrap();
        assert_eq!(s.body, "one\n\n---\n\ntwo\n");
    }

    #[test]
    fn dots_close_too_and_fences_may_have_trailing_spaces() {
        let s = split("---  \ntitle: a\n...\nbody").unwrap();
        assert_eq!(s.front_matter, Some("title: a\n"));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(split("---\ntitle: a\n# Body\n"), Err(Unclosed));
    }

    #[test]
    fn normalize_strips_bom_and_crlf() {
        let text = normalize("\u{feff}---\r\ntitle: a\r\n---\r\nbody\r\n");
        assert_eq!(text, "---\ntitle: a\n---\nbody\n");
        let s = split(&text).unwrap();
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn normalize_owned_is_normalize() {
        for text in [
            "a\nb\n",
            "\u{feff}a\r\nb\rc",
            "a\r",
            "",
            "\u{feff}",
            "x\u{feff}\n",
        ] {
            assert_eq!(
                normalize_owned(text.to_string()),
                normalize(text),
                "{text:?}"
            );
        }
    }
}
