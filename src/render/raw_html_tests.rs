use super::*;
use pulldown_cmark::Parser;

fn raw(body: &str) -> RawHtml {
    let policy = HtmlPolicy::new(false, &["bilibili.com".into()]);
    let events: Vec<_> = Parser::new_ext(body, crate::render::markdown::options())
        .into_offset_iter()
        .collect();
    scan(&events, body, &policy)
}

fn findings(body: &str) -> (bool, Vec<Finding>) {
    let r = raw(body);
    (r.found, r.findings)
}

#[test]
fn depth_counts_markdown_and_raw_html_but_not_optional_end_tags() {
    assert_eq!(raw("> > <div><div></div><span>\n").depth, 2 + 2);
    assert_eq!(raw("<ul><li><li><li><p><p><p><br><br></ul>\n").depth, 1);
    let deep = raw(&"<div>".repeat(MAX_DEPTH + 1));
    assert!(deep.too_deep());
    let closed = raw(&"<div></div>".repeat(MAX_DEPTH + 1));
    assert!(!closed.too_deep(), "{}", closed.depth);
    assert!(
        !raw(&"> ".repeat(600)).too_deep(),
        "no raw HTML, nothing to parse"
    );
}

#[test]
fn plain_markdown_has_no_raw_html() {
    let (found, f) =
        findings("# 标题\n\n正文 **加粗** [链接](a.md) `<script>`\n\n```\n<div>\n```\n");
    assert!(!found);
    assert!(f.is_empty());
}

#[test]
fn harmless_html_is_found_but_not_reported() {
    let (found, f) = findings(
        "<div class=\"tip\" style=\"color: red\">\n\n提示\n\n</div>\n\n文字<br>和 <span title=x>y</span>\n",
    );
    assert!(found);
    assert_eq!(f, []);
}

#[test]
fn each_removal_is_named_at_its_tag() {
    let body = "文字\n\n<script>alert(\"<img onerror=x>\")</script>\n\n段落 <a href=\"java&#115;cript:x()\" onclick=\"y()\">点</a>\n\n<iframe src=\"https://evil.example/v\" width=560></iframe>\n";
    let (found, f) = findings(body);
    assert!(found);
    let got: Vec<(usize, Vec<Removed>)> = f.iter().map(|f| (f.offset, f.removed.clone())).collect();
    assert_eq!(
        got,
        [
            (
                body.find("<script>").unwrap(),
                vec![Removed::Element("script".into())]
            ),
            (
                body.find("<a ").unwrap(),
                vec![
                    Removed::Url {
                        attribute: "href".into(),
                        scheme: "javascript".into()
                    },
                    Removed::Attribute("onclick".into()),
                ]
            ),
            (
                body.find("<iframe").unwrap(),
                vec![Removed::Iframe(IframeRefusal::Host("evil.example".into()))]
            ),
        ]
    );
    let d = f[2].diagnostic(Path::new("a.md"), Span::new(1, 1, 1));
    assert_eq!(d.lint, "unsafe-html");
    assert!(d.message.contains("evil.example"), "{}", d.message);
    assert!(d.hint.unwrap().contains("video_hosts: [evil.example]"));
}

#[test]
fn other_tags_attributes_and_styles() {
    let (_, f) = findings(
        "<object data=x></object>\n\n<p style=\"position:fixed;color:red\" onmouseover=x>a</p>\n\n<iframe src=\"http://player.bilibili.com/x\"></iframe>\n",
    );
    let removed: Vec<Removed> = f.into_iter().flat_map(|f| f.removed).collect();
    assert_eq!(
        removed,
        [
            Removed::Tag("object".into()),
            Removed::Style("position".into()),
            Removed::Attribute("onmouseover".into()),
            Removed::Iframe(IframeRefusal::NotHttps),
        ]
    );
}

#[test]
fn unsafe_html_reports_nothing_but_still_finds_html() {
    let policy = HtmlPolicy::new(true, &[]);
    let body = "<script>x</script>\n";
    let events: Vec<_> = Parser::new(body).into_offset_iter().collect();
    let r = scan(&events, body, &policy);
    assert!(r.found);
    assert!(r.findings.is_empty());
}

#[test]
fn parser_reads_quotes_entities_and_unclosed_tags() {
    let t = parse_start_tag("<A HREF = 'x y' data-k=\"&#x6A;s\" bare onClick=z/>").unwrap();
    assert_eq!(t.name, "a");
    assert_eq!(
        t.attributes,
        [
            ("href".to_string(), "x y".to_string()),
            ("data-k".to_string(), "js".to_string()),
            ("bare".to_string(), String::new()),
            ("onclick".to_string(), "z/".to_string()),
        ]
    );
    let t = parse_start_tag("<div class=\"a").unwrap();
    assert_eq!(t.len, "<div class=\"a".len());
    assert!(parse_start_tag("< div>").is_none());
    assert!(parse_start_tag("<").is_none());
    assert_eq!(decode_entities("a&colon;b&#58&amp;&bogus;"), "a:b:&&bogus;");
}

#[test]
fn a_body_without_tag_starts_has_no_raw_html() {
    for body in [
        "<b>x</b>\n",
        "a </b>\n",
        "<!-- c -->\n",
        "<?php x ?>\n",
        "<!DOCTYPE html>\n",
        "<![CDATA[x]]>\n",
        "> - <div\nclass=x>\n",
        "| a |\n|---|\n| <i>x</i> |\n",
    ] {
        assert!(raw(body).found, "{body:?}");
        assert!(may_contain(body), "{body:?}");
    }
    for body in ["a < b, 1<2 <3 <\n", "<\n", "&lt;div&gt;\n", "《书名》\n"] {
        assert!(!may_contain(body), "{body:?}");
        assert!(!raw(body).found, "{body:?}");
    }
}
