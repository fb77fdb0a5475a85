//! URLs as text. Relative URLs between pages, so the site works from any sub-path, from
//! `file://`, and as a school microsite under `schools/<id>/` without rewriting; and the
//! scheme of a URL, which settings, the sanitizer and school checks judge links by.

/// The prefix that leads from the page at `page_url` back to the site root: `../../` for
/// `primary/developmental/`, `` for the root itself.
pub fn root_prefix(page_url: &str) -> String {
    "../".repeat(page_url.split('/').filter(|s| !s.is_empty()).count())
}

/// The link from the page at `from` to `to` (both site-root-relative, e.g. `a/b/`).
pub fn relative(from: &str, to: &str) -> String {
    let href = format!("{}{to}", root_prefix(from));
    if href.is_empty() {
        "./".to_string()
    } else {
        href
    }
}

/// The scheme of `url` as a browser reads it (ASCII tabs and newlines dropped, leading
/// spaces and control characters ignored, lower-cased); `None` for a relative URL.
pub fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = url.find(':')?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| candidate.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(relative("", "primary/"), "primary/");
        assert_eq!(
            relative("primary/developmental/x/", "junior/"),
            "../../../junior/"
        );
        assert_eq!(relative("primary/", ""), "../");
        assert_eq!(relative("", ""), "./");
        assert_eq!(relative("a/", "static/style.css"), "../static/style.css");
    }
}
