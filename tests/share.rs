//! What parents forward (#23): share-card meta tags on every microsite page type, the schools'
//! square PNG badges (drawn once per look and hard-linked, from a logo or the initial, with or
//! without a CJK font), each event's page and A4 notice, and the 朗读 / 分享海报 controls.
//! The posters and read-aloud themselves run in a browser: tests/browser/share.test.js.

mod common;

use std::fs;
use std::path::Path;

use common::{project_with, read, yuxin, yuxin_env};

const CONFIG: &str = r##"title: 测试
base_url: https://test.example.edu.cn/
schools:
  - id: east-primary
    name: 东区示例小学
    short_name: 东区小学
    stages: [小学]
    color: "#1d4e89"
    events:
      - { date: 2026-10-15, time: "19:00-20:30", topic: 小学家长会, place: "礼堂, 二楼" }
  - id: east-junior
    name: 东区示例中学
    short_name: 东区中学
    stages: [初中]
    color: "#1d4e89"
  - id: west-primary
    name: 西区示例小学
    stages: [小学]
    color: "#8a3b12"
"##;

const COURSE_FILE: &str = "curricula/primary/remedial/school-adjustment/parents-morning.md";
const COURSE: &str = "---\ntitle: 不想上学的早晨\nkind: microcourse\nminutes: 6\nsummary: 孩子早上说肚子疼。\n---\n\n先听孩子说。持续不想上学时，请联系学校心理老师，或拨打 12356。\n";
const COURSE_PAGE: &str = "primary/remedial/school-adjustment/parents-morning/";

fn schools_project() -> tempfile::TempDir {
    project_with("good", CONFIG, &[(COURSE_FILE, COURSE)])
}

/// The `content` of `<meta {attr}="{name}" content="…">`, unescaped.
fn meta(html: &str, attr: &str, name: &str) -> Option<String> {
    let needle = format!("<meta {attr}=\"{name}\" content=\"");
    let at = html.find(&needle)? + needle.len();
    let end = html[at..].find('"')?;
    Some(common::unescape(&html[at..at + end]))
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).unwrap();
    (img.width(), img.height())
}

#[test]
fn every_microsite_page_type_carries_a_share_card() {
    let p = schools_project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = p.path().join("public/schools/east-primary");
    let url = "https://test.example.edu.cn/schools/east-primary/";
    let mut pages = vec![
        ("index.html", "东区示例小学家长学校"),
        ("courses/index.html", "家长微课"),
        ("events/index.html", "活动日历"),
        ("search/index.html", "搜索"),
        ("parents/help/index.html", ""),
        ("events/e-20261015-1900/index.html", "小学家长会"),
    ];
    let course = format!("{COURSE_PAGE}index.html");
    pages.push((&course, "不想上学的早晨"));
    for (page, title) in pages {
        let html = read(&site.join(page));
        let path = page.trim_end_matches("index.html");
        for (attr, name) in [
            ("property", "og:title"),
            ("property", "og:description"),
            ("property", "og:image"),
            ("property", "og:url"),
            ("itemprop", "name"),
            ("itemprop", "description"),
            ("itemprop", "image"),
        ] {
            let value = meta(&html, attr, name).unwrap_or_default();
            assert!(!value.is_empty(), "{page}: no {name}");
        }
        if !title.is_empty() {
            assert_eq!(
                meta(&html, "property", "og:title").unwrap(),
                title,
                "{page}"
            );
            assert_eq!(meta(&html, "itemprop", "name").unwrap(), title, "{page}");
        }
        assert_eq!(
            meta(&html, "property", "og:url").unwrap(),
            format!("{url}{path}")
        );
        let image = format!("{url}share.png");
        assert_eq!(
            meta(&html, "property", "og:image").unwrap(),
            image,
            "{page}"
        );
        assert_eq!(meta(&html, "itemprop", "image").unwrap(), image, "{page}");
        assert_eq!(
            meta(&html, "itemprop", "description"),
            meta(&html, "property", "og:description")
        );
    }
    let course = read(&site.join(&course));
    assert_eq!(
        meta(&course, "property", "og:description").unwrap(),
        "孩子早上说肚子疼。"
    );
    assert!(course.contains("class=\"tts\""), "朗读 controls");
    assert!(course.contains(">分享海报</button>"));
    let help = read(&site.join("parents/help/index.html"));
    assert!(help.contains("class=\"tts\""), "朗读 on content pages");
    assert!(
        !help.contains("分享海报"),
        "posters are for courses and events"
    );
}

#[test]
fn badges_are_square_pngs_drawn_once_per_look_and_linked() {
    let p = schools_project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let badge = |id: &str| p.path().join(format!("public/schools/{id}/share.png"));
    let east = fs::read(badge("east-primary")).unwrap();
    let (w, h) = png_size(&east);
    assert_eq!(w, h);
    assert!(w >= 300, "{w} px");
    // Same colour and initial (东): one file, hard-linked; another colour: its own.
    assert_eq!(east, fs::read(badge("east-junior")).unwrap());
    assert_ne!(east, fs::read(badge("west-primary")).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ino = |id: &str| fs::metadata(badge(id)).unwrap().ino();
        assert_eq!(ino("east-primary"), ino("east-junior"));
        assert_ne!(ino("east-primary"), ino("west-primary"));
    }
    // The school's colour fills the disc.
    let img = image::load_from_memory(&east).unwrap().to_rgb8();
    assert_eq!(img.get_pixel(w / 2, 12).0, [0x1d, 0x4e, 0x89]);
}

#[test]
fn without_a_cjk_font_the_build_warns_and_still_makes_badges() {
    let p = schools_project();
    let run = yuxin_env(
        p.path(),
        &["build"],
        &[("YUXIN_FONT", "/nonexistent/no-font.ttc")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("不是能用的中文字体"), "{}", run.stderr);
    assert!(
        run.stderr.contains("fonts-noto-cjk"),
        "says what to install"
    );
    assert_eq!(
        run.stderr.matches("不是能用的中文字体").count(),
        1,
        "one warning"
    );
    let png = fs::read(p.path().join("public/schools/east-primary/share.png")).unwrap();
    assert!(png_size(&png).0 >= 300);
}

fn with_logo(logo: &[u8], name: &str) -> tempfile::TempDir {
    let p = schools_project();
    fs::create_dir_all(p.path().join("schools/logos")).unwrap();
    fs::write(p.path().join("schools/logos").join(name), logo).unwrap();
    let config = CONFIG.replace(
        "    color: \"#8a3b12\"\n",
        &format!("    color: \"#8a3b12\"\n    logo: schools/logos/{name}\n"),
    );
    fs::write(p.path().join("yuxin.yaml"), config).unwrap();
    p
}

#[test]
fn a_png_or_jpeg_logo_becomes_the_badge() {
    let red = image::RgbImage::from_pixel(60, 40, image::Rgb([200, 10, 10]));
    for (format, name) in [
        (image::ImageFormat::Png, "west.png"),
        (image::ImageFormat::Jpeg, "west.jpg"),
    ] {
        let mut bytes = std::io::Cursor::new(Vec::new());
        red.write_to(&mut bytes, format).unwrap();
        let p = with_logo(bytes.get_ref(), name);
        let run = yuxin(p.path(), &["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let png = fs::read(p.path().join("public/schools/west-primary/share.png")).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert!(img.width() >= 300);
        let [r, g, b] = img.get_pixel(img.width() / 2, img.height() / 2).0;
        assert!(
            r > 180 && g < 40 && b < 40,
            "logo's red at the centre: {r},{g},{b}"
        );
        assert_eq!(img.get_pixel(2, 2).0, [255, 255, 255], "on white");
    }
}

#[test]
fn a_broken_logo_is_an_error_naming_the_file() {
    let p = with_logo(b"not a png at all", "west.png");
    let run = yuxin(p.path(), &["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("schools/logos/west.png"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("校徽图片无法读取"), "{}", run.stderr);
    assert!(run.stderr.contains("PNG 或 JPEG"), "says how to fix");
}

#[test]
fn each_event_has_a_page_and_an_a4_notice_leading_back_to_it() {
    let p = schools_project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = p.path().join("public/schools/east-primary");
    let calendar = read(&site.join("events/index.html"));
    assert!(calendar.contains("href=\"../events/e-20261015-1900/\""));
    let page = read(&site.join("events/e-20261015-1900/index.html"));
    assert!(page.contains(">分享海报</button>"));
    assert!(page.contains("data-place=\"礼堂, 二楼\""));
    assert!(page.contains("href=\"../../events/e-20261015-1900/notice/\""));
    let notice = read(&site.join("events/e-20261015-1900/notice/index.html"));
    assert!(notice.contains(
        "data-url=\"https://test.example.edu.cn/schools/east-primary/events/e-20261015-1900/\""
    ));
    assert!(notice.contains("2026年10月15日（星期四）19:00—20:30"));
    assert!(notice.contains("12356"), "hotline on the notice");
    assert!(notice.contains("static/qrcode.js"));
    // Files a page loads are in the school's folder.
    for file in ["qrcode.js", "poster.js", "readaloud.js", "notice.css"] {
        assert!(site.join("static").join(file).is_file(), "{file}");
    }
    // Another school's page is its own.
    assert!(
        !Path::new(
            &p.path()
                .join("public/schools/west-primary/events/e-20261015-1900")
        )
        .exists()
    );
}

#[test]
fn two_events_at_one_time_share_a_page_and_a_notice() {
    let p = schools_project();
    let config = CONFIG.replace(
        "      - { date: 2026-10-15, time: \"19:00-20:30\", topic: 小学家长会, place: \"礼堂, 二楼\" }\n",
        "      - { date: 2026-10-15, time: \"19:00-20:30\", topic: 小学家长会, place: \"礼堂, 二楼\" }\n      - { date: 2026-10-15, time: \"19:00-21:00\", topic: 同时的讲座, kind: 家长学校 }\n",
    );
    assert_ne!(config, CONFIG, "the second event is in the test's config");
    fs::write(p.path().join("yuxin.yaml"), config).unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let events = p.path().join("public/schools/east-primary/events");
    let pages: Vec<String> = fs::read_dir(&events)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pages, ["e-20261015-1900"], "one page for both");
    // The first event stands for both, on its page and on its notice.
    let page = read(&events.join("e-20261015-1900/index.html"));
    assert!(page.contains("小学家长会") && !page.contains("同时的讲座"));
    let notice = read(&events.join("e-20261015-1900/notice/index.html"));
    assert!(notice.contains("小学家长会"));
}
