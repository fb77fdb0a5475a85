use super::deck::{Deck, SlideKind};
use super::derive::{self, Facts};
use super::{base64, fit, html, pptx};
use crate::plan::{Block, Plan};

fn deck(body: &str, help: bool) -> Deck {
    let facts = Facts {
        title: "你好，新学校".into(),
        subtitle: "环境适应 · 一年级 · 40分钟".into(),
        notes: "一年级入学适应课".into(),
        help,
        hotlines: vec![("全国统一心理援助热线".into(), "12356".into(), false)],
        people: Vec::new(),
    };
    derive::derive(&Plan::parse(body, 1), &facts)
}

/// Everything shown on a slide, as text.
fn shown(deck: &Deck, i: usize) -> String {
    crate::plan::blocks_text(&deck.slides[i].blocks)
}

const LESSON: &str = "## 教学过程

### 一、热身：铃声变变变（5分钟）

教师说明规则：听到上课铃，马上坐正。最后一遍播完，教师问：“你最熟悉哪一个？哪一个让你有点慌？”请两三名学生说一说。

**设计意图**：用游戏把声音和行为对应起来。

### 二、求助站（12分钟）

每组抽一张情境卡，教师读卡上的字。小组讨论三个问题：“你会怎么做？”“找谁帮忙？”

| 情境 | 找谁 |
| --- | --- |
| 找不到教室 | 值日老师 |

**设计意图**：先想、再说、再演。

### 三、小结（3分钟） {.no-slide}

教师总结。
";

#[test]
fn a_step_shows_its_prompts_and_tables_and_keeps_narration_and_intent_in_notes() {
    let d = deck(LESSON, false);
    let titles: Vec<&str> = d.slides.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["你好，新学校", "一、热身：铃声变变变", "二、求助站"]
    );
    assert_eq!(d.slides[0].kind, SlideKind::Title);
    assert_eq!(d.slides[0].subtitle, "环境适应 · 一年级 · 40分钟");
    let first = shown(&d, 1);
    assert_eq!(first, "你最熟悉哪一个？哪一个让你有点慌？");
    assert!(!first.contains("教师说明规则"), "no narration on the slide");
    let notes = &d.slides[1].notes;
    assert!(notes.contains("教师说明规则：听到上课铃"), "{notes}");
    assert!(
        notes.contains("设计意图：用游戏把声音和行为对应起来。"),
        "{notes}"
    );
    assert_eq!(d.slides[1].minutes, Some(5));
    let second = shown(&d, 2);
    assert!(
        second.contains("每组抽一张情境卡。"),
        "a task for the class: {second}"
    );
    assert!(second.contains("你会怎么做？\n找谁帮忙？"), "{second}");
    assert!(matches!(
        d.slides[2].blocks.last(),
        Some(Block::Table { .. })
    ));
    assert!(
        !d.slides.iter().any(|s| s.title.contains("小结")),
        "{{.no-slide}} opts out"
    );
}

#[test]
fn labelled_parts_put_the_students_part_on_the_slide_and_the_teachers_in_notes() {
    let d = deck(
        "## 教学过程\n\n### 一、导入（5分钟）\n\n**教师活动**：播放视频，讲解要点。\n\n**学生活动**：观看视频，写下一个感受。\n\n**设计意图**：引起兴趣。\n",
        false,
    );
    assert_eq!(shown(&d, 1), "观看视频，写下一个感受。");
    assert!(d.slides[1].notes.contains("教师活动：播放视频，讲解要点。"));
    assert!(d.slides[1].notes.contains("设计意图：引起兴趣。"));
    assert!(!d.slides[1].notes.contains("观看视频"));
}

#[test]
fn prompts_are_questions_quotations_after_a_prompt_verb_and_unquoted_questions() {
    assert_eq!(
        super::shown::prompts("教师问：“刚才你先做了什么？”教师说：“现在开始！”"),
        ["刚才你先做了什么？"]
    );
    assert_eq!(
        super::shown::prompts("请学生轮流说一句“来小学后，我喜欢的一件事”，教师随机听几组。"),
        ["来小学后，我喜欢的一件事"]
    );
    assert_eq!(
        super::shown::prompts("请孩子举手：这几天有没有类似的感觉？只举手。"),
        ["这几天有没有类似的感觉？"]
    );
    assert!(super::shown::prompts("教师逐一念名字，全班回应“欢迎你”。").is_empty());
}

#[test]
fn a_bold_term_with_its_explanation_is_shown_until_the_teacher_speaks_again() {
    let plan = Plan::parse(
        "## 教学过程\n\n### 三、小法宝（10分钟）\n\n**蝴蝶拍**：双手交叉放在胸前。慢慢数到二十。**安心呼吸**：用鼻子慢慢闻。教师带领全班练两遍。\n",
        1,
    );
    let slide = derive::step_slide(plan.steps()[0]);
    let Block::List { items, .. } = &slide.blocks[0] else {
        panic!("{:?}", slide.blocks);
    };
    let texts: Vec<String> = items
        .iter()
        .map(|i| crate::plan::blocks_text(&i.blocks))
        .collect();
    assert_eq!(
        texts,
        [
            "蝴蝶拍：双手交叉放在胸前。慢慢数到二十。",
            "安心呼吸：用鼻子慢慢闻。"
        ]
    );
}

#[test]
fn an_authors_slides_win_over_the_derived_ones() {
    let body = format!(
        "{LESSON}\n## 课件\n\n### 铃声变变变（5分钟）\n\n- 上课铃：坐正\n- 下课铃：伸懒腰\n\n备注：随机播放，越来越快。\n\n---\n\n![铃声图](bell.png)\n\n### 想一想\n\n你最喜欢新学校的哪里？\n"
    );
    let d = deck(&body, false);
    let titles: Vec<&str> = d.slides.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["你好，新学校", "铃声变变变", "", "想一想"]);
    assert_eq!(shown(&d, 1), "上课铃：坐正\n下课铃：伸懒腰");
    assert_eq!(d.slides[1].notes, "随机播放，越来越快。");
    assert_eq!(d.slides[1].minutes, Some(5));
    assert!(matches!(d.slides[2].blocks[0], Block::Image { .. }));
    assert_eq!(shown(&d, 3), "你最喜欢新学校的哪里？");
    let bare = deck("## 课件 {.no-title}\n\n### 只有这一页\n\n内容\n", true);
    assert_eq!(bare.slides[0].title, "只有这一页");
    assert_eq!(bare.slides.last().unwrap().kind, SlideKind::Help);
}

#[test]
fn long_content_is_split_over_slides_never_shrunk() {
    let items: String = (1..=30)
        .map(|i| format!("{i}. 第{i}条：在学校里遇到困难的时候，先停一停，想一想可以找谁帮忙。\n"))
        .collect();
    let d = deck(&format!("## 课件\n\n### 三十条\n\n{items}"), false);
    let parts: Vec<_> = d
        .slides
        .iter()
        .filter(|s| s.title.starts_with("三十条"))
        .collect();
    assert!(parts.len() >= 3, "{}", parts.len());
    assert_eq!(parts[1].title, "三十条（续）");
    for part in &parts {
        let cost: f32 = part.blocks.iter().map(fit::cost).sum();
        assert!(cost <= fit::BUDGET, "{cost}");
    }
    let Block::List { start, .. } = &parts[1].blocks[0] else {
        panic!()
    };
    assert!(start.unwrap() > 1, "numbering goes on: {start:?}");
    let total: usize = parts
        .iter()
        .map(|p| match &p.blocks[0] {
            Block::List { items, .. } => items.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(total, 30, "nothing dropped");
    assert!(
        parts.iter().all(|p| p.group == parts[0].group),
        "one countdown"
    );
}

#[test]
fn remedial_and_life_lessons_close_with_whom_to_ask_and_the_hotlines() {
    let d = deck(LESSON, true);
    let last = d.slides.last().unwrap();
    assert_eq!(last.kind, SlideKind::Help);
    let text = crate::plan::blocks_text(&last.blocks);
    assert!(
        text.contains("心理老师") && text.contains("全国统一心理援助热线  12356"),
        "{text}"
    );
    assert!(
        deck(LESSON, false)
            .slides
            .iter()
            .all(|s| s.kind != SlideKind::Help)
    );
}

fn parts() -> (String, String, String) {
    let read = |n: &str| {
        let (_, b) = crate::render::templates::BUILT_IN
            .iter()
            .find(|(k, _)| *k == n)
            .unwrap();
        String::from_utf8(b.to_vec()).unwrap()
    };
    (
        read("slides/deck.html"),
        read("slides/deck.css"),
        read("slides/deck.js"),
    )
}

#[test]
fn the_html_deck_is_one_file_that_requests_nothing() {
    let d = deck(LESSON, true);
    let (template, style, script) = parts();
    let page = html::deck(
        &d,
        "zh-CN",
        &html::Parts {
            template: &template,
            style: &style,
            script: &script,
        },
        &|_| None,
    );
    assert_eq!(
        page.matches("<section class=\"slide").count(),
        d.slides.len()
    );
    assert!(
        page.contains("default-src 'none'"),
        "a CSP forbids any request"
    );
    for bad in [
        "src=\"http",
        "href=\"http",
        "<link",
        "url(",
        "@import",
        "src=\"/",
    ] {
        assert!(!page.contains(bad), "{bad}");
    }
    assert!(page.contains("<aside class=\"notes\"><p>本环节 5 分钟。</p>"));
    assert!(page.contains("data-minutes=\"12\""));
    assert_eq!(
        html::fill("{{ a }}-{{ b }}", &[("a", "{{ b }}"), ("b", "x")]),
        "{{ b }}-x"
    );
}

#[test]
fn the_pptx_has_a_slide_and_notes_per_slide_and_fonts_on_every_run() {
    use std::io::Read;
    let d = deck(LESSON, true);
    let read = |n: &str| {
        let (_, b) = crate::render::templates::BUILT_IN
            .iter()
            .find(|(k, _)| *k == n)
            .unwrap();
        String::from_utf8(b.to_vec()).unwrap()
    };
    let [
        theme,
        notes_theme,
        master,
        title_layout,
        content_layout,
        notes_master,
    ] = [
        "theme1",
        "theme2",
        "slideMaster1",
        "slideLayout1",
        "slideLayout2",
        "notesMaster1",
    ]
    .map(|n| read(&format!("slides/pptx/{n}.xml")));
    let m = pptx::Master {
        theme: &theme,
        notes_theme: &notes_theme,
        master: &master,
        title_layout: &title_layout,
        content_layout: &content_layout,
        notes_master: &notes_master,
    };
    let bytes = pptx::pptx(&d, &m, &|_| None).unwrap();
    assert_eq!(
        bytes,
        pptx::pptx(&d, &m, &|_| None).unwrap(),
        "the same bytes each time"
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let pres = part("ppt/presentation.xml");
    assert!(pres.contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"));
    assert_eq!(pres.matches("<p:sldId ").count(), d.slides.len());
    for k in 1..=d.slides.len() {
        let slide = part(&format!("ppt/slides/slide{k}.xml"));
        assert_eq!(
            slide.matches("<a:rPr").count(),
            slide.matches("<a:ea typeface=\"微软雅黑\"/>").count()
                - slide.matches("<a:endParaRPr").count()
        );
        assert!(
            part(&format!("ppt/notesSlides/notesSlide{k}.xml"))
                .contains("<p:ph type=\"body\" idx=\"1\"/>")
        );
    }
    assert!(part("ppt/slides/slide2.xml").contains("你最熟悉哪一个？"));
    assert!(
        part("ppt/notesSlides/notesSlide2.xml").contains("设计意图：用游戏把声音和行为对应起来。")
    );
    assert!(part("ppt/slides/slide3.xml").contains("<a:tbl>"));
    assert!(part("[Content_Types].xml").contains("/ppt/notesSlides/notesSlide4.xml"));
}

#[test]
fn base64_matches_the_standard_alphabet_and_padding() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
}

#[test]
fn a_long_quotation_is_split_and_keeps_its_bold() {
    let long = "他每晚在宿舍熄灯后还用台灯学习到很晚，第二天上课常常打瞌睡。".repeat(12);
    let body = format!("## 课件\n\n### 个案\n\n> **基本情况**：{long}\n>\n> **转介**：{long}\n");
    let d = deck(&body, false);
    let parts: Vec<_> = d
        .slides
        .iter()
        .filter(|s| s.title.starts_with("个案"))
        .collect();
    assert!(parts.len() >= 3, "{}", parts.len());
    for part in &parts {
        assert!(matches!(part.blocks[0], Block::Quote(_)));
        assert!(part.blocks.iter().map(fit::cost).sum::<f32>() <= fit::BUDGET);
    }
    let Block::Quote(first) = &parts[0].blocks[0] else {
        panic!()
    };
    let Block::Paragraph(runs) = &first[0] else {
        panic!()
    };
    assert!(runs[0].strong && runs[0].text == "基本情况");
    let all: String = parts
        .iter()
        .map(|p| crate::plan::blocks_text(&p.blocks))
        .collect();
    assert_eq!(
        all.matches("第二天上课常常打瞌睡").count(),
        24,
        "nothing lost"
    );
}

#[test]
fn what_the_teacher_shows_is_on_the_slide_part_by_part() {
    let runs = [crate::plan::Run::plain(
        "讨论后出示“六不”：不私自下水游泳；不到不熟悉的水域游泳。重点讲情景 3。",
    )];
    let items: Vec<String> = super::shown::items(&runs)
        .iter()
        .map(|i| crate::plan::text(i))
        .collect();
    assert_eq!(items, ["六不：", "不私自下水游泳", "不到不熟悉的水域游泳"]);
    let bare = [crate::plan::Run::plain("教师板书求助三句话并配手势：")];
    assert!(super::shown::items(&bare).is_empty());
}

#[test]
fn html_text_is_escaped() {
    let d = deck(
        "## 课件\n\n### <b>标题</b> & \"引号\"\n\n<script>alert(1)</script>\n",
        false,
    );
    let (template, style, script) = parts();
    let page = html::deck(
        &d,
        "zh-CN",
        &html::Parts {
            template: &template,
            style: &style,
            script: &script,
        },
        &|_| None,
    );
    assert!(
        page.contains("<h2>&lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot;</h2>")
            || page.contains("<h2>标题 &amp; &quot;引号&quot;</h2>"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"));
}
