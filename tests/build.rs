//! `yuxin build` on fixture projects, good and bad.

mod common;

use std::fs;

use common::{element_text, project, read, snapshot_tree, yuxin};

#[test]
fn builds_a_page_for_every_document_with_its_title() {
    let p = project("good");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("构建完成：11 篇文档"), "{}", run.stdout);
    let pages = [
        ("primary/developmental/adaptation/hello/", "你好，新学校"),
        ("primary/developmental/adaptation/second/", "第二课：找朋友"),
        (
            "primary/developmental/adaptation/new-friends/",
            "新朋友班会",
        ),
        (
            "primary/developmental/adaptation/new-friends/sheet/",
            "学习单：我的新朋友",
        ),
        (
            "primary/developmental/adaptation/new-friends/letter/",
            "致家长的一封信",
        ),
        (
            "junior/remedial/internet-addiction/games/",
            "我和游戏的距离",
        ),
        (
            "junior/remedial/internet-addiction/parents-screen/",
            "手机一收就哭闹",
        ),
        ("training/basics/", "全员育心"),
        ("training/basics/01-intro/", "专题一：看见信号"),
        ("parents/help/", "求助与热线"),
    ];
    for (url, title) in pages {
        let html = read(&p.path().join("public").join(url).join("index.html"));
        assert!(
            element_text(&html, "title").unwrap().starts_with(title),
            "{url}"
        );
        assert_eq!(element_text(&html, "h1").as_deref(), Some(title), "{url}");
        assert!(html.contains("<html lang=\"zh-CN\">"));
    }
    assert!(p.path().join("public/static/style.css").is_file());
    assert!(
        p.path()
            .join("public/primary/developmental/adaptation/img/campus.svg")
            .is_file()
    );
    assert!(p.path().join("public/404.html").is_file());
}

#[test]
fn index_pages_cover_stages_tracks_topics_forms_training_and_parents() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let public = p.path().join("public");
    for page in [
        "index.html",
        "primary/index.html",
        "primary/developmental/index.html",
        "junior/remedial/index.html",
        "topics/adaptation/index.html",
        "topics/index.html",
        "forms/game/index.html",
        "forms/index.html",
        "training/index.html",
        "parents/index.html",
    ] {
        assert!(public.join(page).is_file(), "{page}");
    }
    let topic = read(&public.join("topics/adaptation/index.html"));
    for title in ["你好，新学校", "第二课：找朋友", "新朋友班会"] {
        assert!(topic.contains(title), "topic page lists {title}");
    }
    let form = read(&public.join("forms/game/index.html"));
    assert!(form.contains("你好，新学校") && !form.contains("第二课"));
    let parents = read(&public.join("parents/index.html"));
    assert!(
        parents.contains("欢迎。"),
        "content/index.md is the introduction"
    );
    assert!(
        parents.contains("手机一收就哭闹"),
        "micro-courses are listed"
    );
}

#[test]
fn lesson_pages_show_the_header_card_breadcrumbs_and_neighbours() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let html = read(
        &p.path()
            .join("public/primary/developmental/adaptation/hello/index.html"),
    );
    for needle in [
        "<dt>时长</dt><dd>40 分钟</dd>",
        "游戏辅导",
        "<dt>认知</dt>",
        "<dt>情感</dt>",
        "<dt>行为</dt>",
        "一年级",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(
        html.contains(r#"href="../../../../topics/adaptation/">环境适应</a>"#),
        "breadcrumb to topic"
    );
    assert!(html.contains("下一篇"), "next within the topic");
    // Links between documents point at pages, Chinese fragments at pinyin ids.
    assert!(html.contains(
        r#"href="../../../../primary/developmental/adaptation/second/#jiao-xue-guo-cheng""#
    ));
    assert!(html.contains(r#"src="../../../../primary/developmental/adaptation/img/campus.svg""#));
    assert!(html.contains(r#"<h2 id="jiao-xue-guo-cheng">"#));
    assert!(html.contains("约 1 分钟读完"));
}

#[test]
fn bom_crlf_bundles_quizzes_and_writing_space() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let public = p.path().join("public");
    let help = read(&public.join("parents/help/index.html"));
    assert!(help.contains("拨打 12356。"));
    let kit = read(&public.join("primary/developmental/adaptation/new-friends/index.html"));
    assert!(
        kit.contains("配套材料") && kit.contains("学习单：我的新朋友") && kit.contains("家长信")
    );
    let sheet = read(&public.join("primary/developmental/adaptation/new-friends/sheet/index.html"));
    assert!(sheet.contains("class=\"blank\"") && sheet.contains("class=\"answer-box\""));
    let letter =
        read(&public.join("primary/developmental/adaptation/new-friends/letter/index.html"));
    assert!(letter.contains("class=\"cut-line\"") && letter.contains("type=\"checkbox\""));
    let module = read(&public.join("training/basics/index.html"));
    assert!(module.contains("class=\"quiz\"") && module.contains("答案：错"));
    assert!(
        module.contains("专题一：看见信号"),
        "sessions listed on the module page"
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    assert!(!p.path().join("public/parents/draft").exists());
    assert_eq!(yuxin(p.path(), &["build", "--drafts"]).code, 0);
    assert!(p.path().join("public/parents/draft/index.html").is_file());
}

#[test]
fn three_mistakes_give_three_located_diagnostics_and_keep_public() {
    let p = project("good");
    let root = p.path();
    assert_eq!(yuxin(root, &["build"]).code, 0);
    let before = snapshot_tree(&root.join("public"));

    let second = root.join("curricula/primary/developmental/adaptation/second.md");
    fs::write(
        &second,
        read(&second).replace("duration: 40", "duraton: 40"),
    )
    .unwrap();
    fs::create_dir_all(root.join("curricula/middle/developmental")).unwrap();
    fs::write(
        root.join("curricula/middle/developmental/x.md"),
        "---\ntitle: 中学课\n---\n",
    )
    .unwrap();
    let games = root.join("curricula/junior/remedial/internet-addiction/games.md");
    fs::write(
        &games,
        read(&games).replace("form: 团体辅导", "form: [团体辅导"),
    )
    .unwrap();

    for command in ["build", "check"] {
        let run = yuxin(root, &[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        let headlines: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("错误[") || l.starts_with("警告["))
            .collect();
        assert_eq!(headlines.len(), 3, "{command}: {}", run.stderr);
        for location in [
            "curricula/primary/developmental/adaptation/second.md:3:1",
            "curricula/middle/developmental/x.md:1:1",
            "curricula/junior/remedial/internet-addiction/games.md:4:",
        ] {
            assert!(
                run.stderr.contains(&format!("--> {location}")),
                "{command} names {location}: {}",
                run.stderr
            );
        }
        assert!(run.stderr.contains("是不是想写 `duration（时长）`"));
        assert!(run.stderr.contains("初中请用 `junior`"));
        assert_eq!(
            run.stderr.matches("= 提示：").count(),
            3,
            "every diagnostic has a hint"
        );
    }
    assert_eq!(
        snapshot_tree(&root.join("public")),
        before,
        "public/ is byte-identical"
    );
}

#[test]
fn theme_files_override_the_built_in_theme_one_by_one() {
    let p = project("good");
    let root = p.path();
    fs::create_dir_all(root.join("themes/school/templates")).unwrap();
    fs::create_dir_all(root.join("themes/school/static")).unwrap();
    fs::write(root.join("themes/school/static/logo.txt"), "logo").unwrap();
    fs::write(
        root.join("themes/school/templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>找不到了</h1>{% endblock %}",
    )
    .unwrap();
    let config = read(&root.join("yuxin.yaml"));
    fs::write(root.join("yuxin.yaml"), format!("{config}theme: school\n")).unwrap();
    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&root.join("public/404.html")).contains("<h1>找不到了</h1>"));
    assert!(
        read(&root.join("public/index.html")).contains("按学段浏览"),
        "other templates stay built in"
    );
    assert!(root.join("public/static/logo.txt").is_file());
    assert!(root.join("public/static/style.css").is_file());
}

#[test]
fn a_template_error_is_reported_in_its_file_and_keeps_public() {
    let p = project("good");
    let root = p.path();
    assert_eq!(yuxin(root, &["build"]).code, 0);
    let before = snapshot_tree(&root.join("public"));
    fs::create_dir_all(root.join("themes/broken/templates")).unwrap();
    fs::write(root.join("themes/broken/templates/404.html"), "{% if %}\n").unwrap();
    let config = read(&root.join("yuxin.yaml"));
    fs::write(root.join("yuxin.yaml"), format!("{config}theme: broken\n")).unwrap();
    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("themes/broken/templates/404.html:1:1"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot_tree(&root.join("public")), before);
}

#[test]
fn out_writes_elsewhere_and_refuses_the_project_itself() {
    let p = project("good");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = yuxin(p.path(), &["build", "--out", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(target.join("index.html").is_file());
    let run = yuxin(p.path(), &["build", "--out", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("项目文件夹本身"), "{}", run.stderr);
    let run = yuxin(p.path(), &["build", "--out", "curricula/x"]);
    assert_eq!(run.code, 2);
}

#[test]
fn without_a_project_the_message_says_what_to_do() {
    let empty = tempfile::tempdir().unwrap();
    let run = yuxin(empty.path(), &["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("没有找到 yuxin.yaml") && run.stderr.contains("yuxin init"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_config_is_located() {
    let p = project("good");
    fs::write(p.path().join("yuxin.yaml"), "title: t\nbase_ulr: x\n").unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("yuxin.yaml:2:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("是不是想写 `base_url`"),
        "{}",
        run.stderr
    );
}
