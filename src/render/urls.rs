//! Relative URLs between pages, so the site works from any sub-path, from `file://`, and as a
//! school microsite under `schools/<id>/` without rewriting.

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
