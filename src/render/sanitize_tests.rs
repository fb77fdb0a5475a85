use super::*;
use crate::urls::scheme;

fn policy() -> HtmlPolicy {
    HtmlPolicy::new(false, &["bilibili.com".into(), "v.qq.com".into()])
}

#[test]
fn scripts_styles_and_handlers_go() {
    let p = policy();
    let out = p.clean(
        "<p onclick=\"x()\" class=\"k\">a</p><script>alert(1)</script><style>body{display:none}</style>\
         <img src=x onerror=alert(1)><svg><script>alert(2)</script></svg><b onmouseover=y>b</b>",
    );
    assert_eq!(out, "<p class=\"k\">a</p><img src=\"x\"><b>b</b>");
}

#[test]
fn dangerous_url_schemes_go_in_every_url_attribute() {
    let p = policy();
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "java&#115;cript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2Zz4=",
    ] {
        for html in [
            format!("<a href=\"{url}\">x</a>"),
            format!("<img src=\"{url}\">"),
            format!("<video poster=\"{url}\" src=\"{url}\"></video>"),
            format!("<area href=\"{url}\">"),
        ] {
            let out = p.clean(&html);
            let lower = out.to_ascii_lowercase();
            assert!(
                !lower.contains("script:") && !lower.contains("data:"),
                "{html} -> {out}"
            );
        }
    }
    assert_eq!(
        p.clean("<a href=\"https://example.org/\">x</a> <a href=\"../a/\">y</a>"),
        "<a href=\"https://example.org/\">x</a> <a href=\"../a/\">y</a>"
    );
}

#[test]
fn iframes_only_from_video_hosts_over_https() {
    let p = policy();
    let ok = "<iframe src=\"https://player.bilibili.com/player.html?bvid=1\" width=\"560\" height=\"315\" title=\"微课\" allowfullscreen=\"\"></iframe>";
    assert_eq!(p.clean(ok), ok);
    assert_eq!(
        p.clean("<iframe src=\"https://v.qq.com/x\" srcdoc=\"<script>\" onload=\"x\"></iframe>"),
        "<iframe src=\"https://v.qq.com/x\"></iframe>"
    );
    for refused in [
        "<iframe src=\"https://evil.example/x\"></iframe>",
        "<iframe src=\"https://evilbilibili.com/x\"></iframe>",
        "<iframe src=\"https://bilibili.com.evil.example/x\"></iframe>",
        "<iframe src=\"http://player.bilibili.com/x\"></iframe>",
        "<iframe src=\"//player.bilibili.com/x\"></iframe>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe title=\"a>b\">inner</iframe>",
    ] {
        assert_eq!(p.clean(&format!("a{refused}b")), "ab", "{refused}");
    }
    assert_eq!(
        p.clean("<object data=\"x.swf\"><embed src=\"x.swf\">fallback</object>"),
        "fallback"
    );
    let none = HtmlPolicy::default();
    assert_eq!(
        none.clean("<iframe src=\"https://player.bilibili.com/x\"></iframe>"),
        ""
    );
}

#[test]
fn unsafe_html_keeps_everything() {
    let p = HtmlPolicy::new(true, &[]);
    let html = "<script>alert(1)</script><p onclick=\"x\">a</p>";
    assert_eq!(p.clean(html), html);
}

#[test]
fn style_keeps_harmless_properties_only() {
    let p = policy();
    let out = p.clean(
        "<span style=\"color: red; position: fixed; background: url(https://t.example/x)\">a</span>",
    );
    assert_eq!(out, "<span style=\"color:red\">a</span>");
}

#[test]
fn schemes_are_read_as_a_browser_reads_them() {
    assert_eq!(scheme("JavaScript:x").as_deref(), Some("javascript"));
    assert_eq!(scheme("java\nscript:x").as_deref(), Some("javascript"));
    assert_eq!(scheme("\u{1}javascript:x").as_deref(), Some("javascript"));
    assert_eq!(scheme("../a.md"), None);
    assert_eq!(scheme("a/b:c"), None);
    assert_eq!(scheme("#x"), None);
    assert!(url_allowed("https://x"));
    assert!(url_allowed("mailto:a@b"));
    assert!(url_allowed("./教学.md"));
    assert!(!url_allowed("javascript:alert(1)"));
    assert!(!url_allowed("data:text/html,x"));
    assert!(!url_allowed("vbscript:x"));
}

#[test]
fn hosts_match_exactly_or_as_a_parent_domain() {
    let hosts = vec!["bilibili.com".to_string()];
    assert!(host_allowed("bilibili.com", &hosts));
    assert!(host_allowed("player.BILIBILI.com", &hosts));
    assert!(!host_allowed("evilbilibili.com", &hosts));
    assert!(!host_allowed("bilibili.com.cn", &hosts));
    assert!(!host_allowed("x", &[String::new()]));
}

#[test]
fn nesting_as_deep_as_allowed_is_cleaned_on_a_small_stack() {
    let depth = crate::render::raw_html::MAX_DEPTH;
    let html = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let unclosed = "<div><span><em>".repeat(depth);
    let handle = std::thread::Builder::new()
        .stack_size(128 * 1024)
        .spawn(move || {
            let p = HtmlPolicy::default();
            (p.clean(&html), p.clean(&unclosed))
        })
        .unwrap();
    let (a, b) = handle.join().expect("no stack overflow");
    assert_eq!(a.matches("<div>").count(), depth);
    assert!(b.ends_with("</em></span></div>"), "{}", &b[b.len() - 40..]);
}

#[test]
fn links_may_open_in_a_new_tab_but_target_takes_no_other_value() {
    let p = policy();
    let kept = p.clean(r#"<a href="https://example.cn/" target="_blank">x</a>"#);
    assert!(kept.contains(r#"target="_blank""#), "{kept}");
    let named = p.clean(r#"<a href="https://example.cn/" target="evil">x</a>"#);
    assert!(!named.contains("target"), "{named}");
}
