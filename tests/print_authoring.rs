//! The print-related parts of what authors write: the `pages:` key (with did-you-mean), drawing
//! boxes and sticker cells, the page-break marker, and `browser:` limited to Chromium-family
//! browsers. No browser needed.

mod common;

use std::fs;

use common::{project, read, yuxin};

const KIT: &str = "primary/developmental/adaptation/new-friends/";
const SHEET: &str = "curricula/primary/developmental/adaptation/new-friends/sheet.md";

#[test]
fn pages_is_a_front_matter_key_and_a_near_miss_is_told() {
    let p = project("good");
    let sheet = p.path().join(SHEET);
    let text = read(&sheet).replacen("---\n", "---\npage: 1\n", 1);
    fs::write(&sheet, &text).unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("未知的字段 `page`"), "{}", run.stderr);
    assert!(run.stderr.contains("是不是想写 `pages"), "{}", run.stderr);
    fs::write(&sheet, text.replace("page: 1", "pages: 1")).unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let view = read(
        &p.path()
            .join("public")
            .join(KIT)
            .join("sheet/print/index.html"),
    );
    assert!(view.contains("data-pages=\"1\""), "the fitting is told");
    fs::write(&sheet, text.replace("page: 1", "pages: 0")).unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert!(
        run.stderr.contains("pages（限页） 应是页数"),
        "{}",
        run.stderr
    );
}

#[test]
fn drawing_boxes_and_sticker_cells_are_unruled_on_the_page_and_the_sheet() {
    let p = project("good");
    let sheet = p.path().join(SHEET);
    let body =
        "\n```draw 7cm\n画一画你的新朋友\n```\n\n【换页】\n\n```stickers 3 25mm\n周一\n周二\n```\n";
    fs::write(&sheet, read(&sheet) + body).unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = p.path().join("public").join(KIT);
    for page in ["sheet/index.html", "sheet/print/index.html"] {
        let html = read(&public.join(page));
        let draw = &html[html.find("<div class=\"draw-box\"").expect("a draw box")..];
        let draw = &draw[..draw.find("</div>").unwrap()];
        assert!(
            draw.contains("height: 70mm") && !draw.contains("write-line"),
            "{draw}"
        );
        assert!(draw.contains("画一画你的新朋友"));
        assert_eq!(html.matches("class=\"sticker-cell\"").count(), 3);
        assert!(html.contains("--cell: 25mm") && html.contains("<span>周二</span>"));
        assert!(html.contains("page-break-marker") && !html.contains("【换页】"));
    }
    let site_css = read(&p.path().join("public/static/style.css"));
    assert!(site_css.contains(".page-break-marker { display: none; }"));
    let print_css = read(&p.path().join("public/static/print.css"));
    assert!(print_css.contains(".page-break-marker { break-before: page;"));
}

#[test]
fn browser_may_only_name_a_chromium_family_browser() {
    let p = project("good");
    let config = p.path().join("yuxin.yaml");
    fs::write(&config, read(&config) + "pdf: true\nbrowser: /bin/sh\n").unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "the site is still built: {}", run.stderr);
    assert!(
        run.stderr.contains("/bin/sh 不是 Chromium 系浏览器"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("不会运行"), "{}", run.stderr);
    assert!(
        p.path()
            .join("public")
            .join(KIT)
            .join("index.html")
            .is_file()
    );
}
