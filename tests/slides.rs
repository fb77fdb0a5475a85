//! 课件: the real binary builds the `slides` fixture, and every lesson gets an HTML deck and a
//! .pptx with the same slides: derived from the plan, or the author's own `## 课件`.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use common::{project, read, yuxin};

const DERIVED: &str = "primary/developmental/adaptation/derived/derived";
const AUTHORED: &str = "primary/developmental/adaptation/authored/authored";
const REMEDIAL: &str = "primary/remedial/crisis-adjustment/after-storm/after-storm";
const LONG: &str = "junior/developmental/cherish-life/long/long";

fn build(root: &Path) -> std::path::PathBuf {
    let out = root.join("public");
    let run = yuxin(root, &["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    out
}

/// The `<section class="slide …">` elements of a deck.
fn slides(html: &str) -> Vec<&str> {
    html.split("<section class=\"slide ")
        .skip(1)
        .map(|s| &s[..s.find("</section>").expect("closed section")])
        .collect()
}

fn heading(slide: &str) -> String {
    for tag in ["<h1>", "<h2>"] {
        if let Some(at) = slide.find(tag) {
            let rest = &slide[at + 4..];
            return rest[..rest.find("</h").unwrap()].to_string();
        }
    }
    String::new()
}

/// The part `name` of a .pptx, as text.
fn part(pptx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(pptx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn slide_count(pptx: &Path) -> usize {
    part(pptx, "ppt/presentation.xml")
        .matches("<p:sldId ")
        .count()
}

#[test]
fn every_plan_gets_a_deck_and_a_pptx_with_the_same_slides() {
    let dir = project("slides");
    let out = build(dir.path());
    for stem in [DERIVED, AUTHORED, REMEDIAL, LONG] {
        let html = read(&out.join(format!("{stem}-slides.html")));
        let pptx = out.join(format!("{stem}.pptx"));
        assert_eq!(slides(&html).len(), slide_count(&pptx), "{stem}");
        // The page links both.
        let page = read(&out.join(format!("{}/index.html", &stem[..stem.rfind('/').unwrap()])));
        let name = &stem[stem.rfind('/').unwrap() + 1..];
        assert!(
            page.contains(&format!("{name}-slides.html")),
            "{stem}: 放映课件 link"
        );
        assert!(
            page.contains(&format!("{name}.pptx")),
            "{stem}: 下载 PPT link"
        );
    }
}

#[test]
fn a_derived_deck_shows_prompts_and_tasks_and_keeps_narration_in_notes() {
    let dir = project("slides");
    let out = build(dir.path());
    let html = read(&out.join(format!("{DERIVED}-slides.html")));
    let s = slides(&html);
    let titles: Vec<String> = s.iter().map(|s| heading(s)).collect();
    // The no-slide step is left out; the image goes on to a second slide of its step.
    assert_eq!(
        titles,
        [
            "铃声响了",
            "一、热身：铃声变变变",
            "二、课间三件事",
            "二、课间三件事（续）"
        ]
    );
    assert!(s[0].contains("游戏辅导") && s[0].contains("一年级") && s[0].contains("40分钟"));
    let (shown, notes) = s[1].split_once("<aside class=\"notes\">").unwrap();
    assert!(shown.contains("你最熟悉哪一个声音？"));
    assert!(!shown.contains("教师说明规则"));
    assert!(
        notes.contains("教师说明规则") && notes.contains("设计意图：用游戏把声音和行为对应起来。")
    );
    assert!(s[1].contains("data-minutes=\"10\""));
    assert!(
        s[2].contains("每人在卡片上画出课间要做的三件事。")
            && s[2].contains("<li>准备下节课的书本</li>")
    );
    // The image is in the file, not fetched.
    assert!(
        s[3].contains("<img src=\"data:image/svg+xml;base64,"),
        "{}",
        s[3]
    );
    assert_eq!(
        s[2].split("data-group=").nth(1).unwrap()[..4],
        s[3].split("data-group=").nth(1).unwrap()[..4],
        "one countdown for the step"
    );
    for bad in ["src=\"http", "href=\"http", "src=\"img/", "<link"] {
        assert!(!html.contains(bad), "{bad}");
    }
    let pptx = out.join(format!("{DERIVED}.pptx"));
    assert!(part(&pptx, "ppt/slides/slide2.xml").contains("你最熟悉哪一个声音？"));
    assert!(
        part(&pptx, "ppt/notesSlides/notesSlide2.xml")
            .contains("设计意图：用游戏把声音和行为对应起来。")
    );
}

#[test]
fn an_authors_slides_win_and_remedial_and_life_lessons_close_with_help() {
    let dir = project("slides");
    let out = build(dir.path());
    let html = read(&out.join(format!("{AUTHORED}-slides.html")));
    let s = slides(&html);
    let titles: Vec<String> = s.iter().map(|s| heading(s)).collect();
    assert_eq!(
        titles,
        ["我的新同桌", "你的同桌叫什么？", "", "", "谢谢你，我的同桌"]
    );
    assert!(s[1].contains("<aside class=\"notes\"><p>请三四对同桌来介绍对方。</p>"));
    assert!(s[2].contains("<img src=\"data:image/png;base64,iVBORw0KGgo"));
    assert!(s[3].contains("<td>贴鼻子</td>"));
    // The picture is in the .pptx too, as a picture.
    let pptx = out.join(format!("{AUTHORED}.pptx"));
    assert!(part(&pptx, "ppt/slides/slide3.xml").contains("<p:pic>"));
    assert!(part(&pptx, "ppt/slides/_rels/slide3.xml.rels").contains("../media/image1.png"));
    assert!(part(&pptx, "ppt/slides/slide4.xml").contains("<a:tbl>"));
    assert!(
        !html.contains("class=\"slide help\""),
        "an adaptation lesson has no help slide"
    );
    for stem in [REMEDIAL, LONG] {
        let html = read(&out.join(format!("{stem}-slides.html")));
        let last = *slides(&html).last().unwrap();
        assert!(last.starts_with("help"), "{stem}");
        assert!(last.contains("<strong>12356</strong>") && last.contains("本市心理援助热线"));
        assert!(
            last.contains("<strong>0591-12345678</strong>（24小时）"),
            "{last}"
        );
        let pptx = out.join(format!("{stem}.pptx"));
        let n = slide_count(&pptx);
        assert!(part(&pptx, &format!("ppt/slides/slide{n}.xml")).contains("0591-12345678"));
    }
    let remedial = read(&out.join(format!("{REMEDIAL}-slides.html")));
    assert!(remedial.contains("<strong>蝴蝶拍：</strong>双手交叉放在胸前，轻轻拍肩膀。"));
}

#[test]
fn long_content_goes_on_over_several_slides() {
    let dir = project("slides");
    let out = build(dir.path());
    let html = read(&out.join(format!("{LONG}-slides.html")));
    let s = slides(&html);
    let parts: Vec<&&str> = s
        .iter()
        .filter(|s| heading(s).starts_with("一、三十个问题"))
        .collect();
    assert!(parts.len() >= 3, "{}", parts.len());
    assert!(heading(parts[1]).ends_with("（续）"));
    assert_eq!(
        html.matches("个问题：你觉得").count(),
        30,
        "every item shown once"
    );
    let css = read(&out.join(format!("{LONG}-slides.html")));
    assert!(css.contains("font-size: 48px"), "body type is not shrunk");
}

#[test]
fn a_project_theme_replaces_the_decks_look_and_the_pptx_master() {
    let dir = project("slides");
    let root = dir.path();
    let config = read(&root.join("yuxin.yaml"));
    fs::write(root.join("yuxin.yaml"), format!("{config}theme: school\n")).unwrap();
    let slides_dir = root.join("themes/school/slides");
    fs::create_dir_all(slides_dir.join("pptx")).unwrap();
    fs::write(
        slides_dir.join("deck.css"),
        ".slide { background: #fffbe6; } /* 本校 */",
    )
    .unwrap();
    let master = String::from_utf8(yuxin_builtin("slides/pptx/slideMaster1.xml"))
        .unwrap()
        .replace("name=\"色带\"", "name=\"本校校徽色带\"");
    fs::write(slides_dir.join("pptx/slideMaster1.xml"), master).unwrap();
    let out = build(root);
    assert!(read(&out.join(format!("{DERIVED}-slides.html"))).contains("/* 本校 */"));
    let pptx = out.join(format!("{DERIVED}.pptx"));
    assert!(part(&pptx, "ppt/slideMasters/slideMaster1.xml").contains("本校校徽色带"));
}

/// A built-in theme file, as shipped in the repository.
fn yuxin_builtin(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default")
            .join(name),
    )
    .unwrap()
}
