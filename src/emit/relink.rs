//! Links re-pointed for a copy of a page elsewhere. A school's microsite (and its printed
//! letters) carries only part of the curriculum: links in page bodies that lead to pages it
//! does not carry (another stage's micro-course, a lesson plan) are pointed at the city's full
//! site instead of breaking. Shared by the school microsites and the school print copies.

/// Resolves `href` (relative to the page at `page_url`) to a site-root-relative path, or
/// `None` when it is not a relative link within the site.
pub fn resolve(page_url: &str, href: &str) -> Option<String> {
    if href.is_empty()
        || href.starts_with('#')
        || href.starts_with('/')
        || href.starts_with('?')
        || href.contains("://")
        || href
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'))
    {
        return None;
    }
    let mut parts: Vec<&str> = page_url.split('/').filter(|s| !s.is_empty()).collect();
    let path = href.split(['#', '?']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            ".." => {
                parts.pop()?;
            }
            "." | "" if i + 1 < segments.len() => {}
            "" | "." => {}
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Rewrites every `href="…"` of `html` that `keep` rejects to `fallback` + the resolved path.
pub fn rewrite(html: &str, page_url: &str, keep: impl Fn(&str) -> bool, fallback: &str) -> String {
    const NEEDLE: &str = "href=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(NEEDLE) {
        let (head, tail) = rest.split_at(i + NEEDLE.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let href = &tail[..end];
        match resolve(page_url, href) {
            Some(target) if !keep(&target) => {
                let fragment = href.find('#').map_or("", |i| &href[i..]);
                out.push_str(fallback);
                out.push_str(&target);
                out.push_str(fragment);
            }
            _ => out.push_str(href),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("parents/", "../primary/a/").as_deref(),
            Some("primary/a/")
        );
        assert_eq!(
            resolve("parents/", "./help/#x").as_deref(),
            Some("parents/help/")
        );
        assert_eq!(
            resolve("a/b/", "img/x.png").as_deref(),
            Some("a/b/img/x.png")
        );
        assert_eq!(resolve("", "../x/"), None, "above the root");
        assert_eq!(resolve("a/", "https://x.cn/"), None);
        assert_eq!(resolve("a/", "tel:12356"), None);
        assert_eq!(resolve("a/", "#top"), None);
    }

    #[test]
    fn rewrites_only_rejected_links() {
        let html = r##"<a href="../help/">求助</a> <a href="../../kindergarten/x/#s">幼儿园</a> <a href="#t">t</a>"##;
        let out = rewrite(
            html,
            "parents/listen/",
            |t| t.starts_with("parents/"),
            "https://city.example/",
        );
        assert_eq!(
            out,
            r##"<a href="../help/">求助</a> <a href="https://city.example/kindergarten/x/#s">幼儿园</a> <a href="#t">t</a>"##
        );
    }
}
