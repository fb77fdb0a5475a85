//! Authoring in Chinese from the first keystroke: Chinese front-matter keys and kind names,
//! and the exact messages for full-width punctuation typed by a Chinese input method, in
//! front matter, `yuxin.yaml` and `schools/*.yaml` alike.

mod common;

use std::fs;

use common::{project, read, yuxin};

const LESSON: &str = "curricula/primary/developmental/adaptation/hello.md";

/// The `good` fixture with `text` as `rel`.
fn with(rel: &str, text: &str) -> tempfile::TempDir {
    let p = project("good");
    let path = p.path().join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
    p
}

#[test]
fn a_lesson_written_with_chinese_keys_builds() {
    let p = with(
        LESSON,
        "---\n标题: 情绪小怪兽\n类型: 教案\n课型: 游戏辅导\n年级: [一年级, 二年级]\n时长: 40\n\
         学期: 上学期\n周次: 3\n目标:\n  认知: 知道情绪有很多种。\n  情感: 愿意说出感受。\n  行为: 会用一种方法平静下来。\n\
         摘要: 认识情绪。\n标签: [情绪]\n排序: 1\n---\n\n## 教学过程\n\n### 一、热身（10分钟）\n\n听。\n\n\
         ### 二、练习（30分钟）\n\n做。\n",
    );
    let micro = "curricula/junior/remedial/internet-addiction/parents-screen.md";
    fs::write(
        p.path().join(micro),
        "---\n标题: 手机一收就哭闹\n类型: 微课\n时长: 8\n---\n\n先接住情绪。\n\n担心孩子时，请联系学校的心理老师，或拨打热线 12356。\n",
    )
    .unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(
        &p.path()
            .join("public/primary/developmental/adaptation/hello/index.html"),
    );
    assert!(page.contains("<h1>情绪小怪兽</h1>") || page.contains("情绪小怪兽</h1>"));
    assert!(page.contains("40"), "the duration is read");
    let json = read(&p.path().join("public/api/curriculum.json"));
    assert!(
        json.contains("\"minutes\": 8") || json.contains("\"minutes\":8"),
        "{json}"
    );
}

#[test]
fn writing_one_key_under_both_names_names_both_lines() {
    let p = with(
        LESSON,
        "---\ntitle: 你好\nsummary: s\n标题: 你好\n---\n正文\n",
    );
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{LESSON}:4:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("title（标题） 写了两次：第 2 行写作 `title`，第 4 行又写作 `标题`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_chinese_key_gets_a_chinese_suggestion() {
    let p = with(LESSON, "---\n标题: 你好\n时常: 40\n---\n正文\n");
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{LESSON}:3:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("是不是想写 `时长`（duration）？"),
        "{}",
        run.stderr
    );
}

/// `yuxin check` on the fixture with `text` as `rel`: the one error's place and message.
fn slip(rel: &str, text: &str) -> String {
    let p = with(rel, text);
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("mapping values"), "{}", run.stderr);
    run.stderr
}

#[test]
fn a_full_width_colon_in_front_matter_is_named_at_its_place() {
    let err = slip(LESSON, "---\ntitle：情绪小怪兽\nduration: 40\n---\n正文\n");
    assert!(err.contains(&format!("{LESSON}:2:6")), "{err}");
    assert!(
        err.contains(
            "第 2 行第 6 列的 `：` 是全角冒号，请改成半角 `:` 并在后面加一个空格：`title: 情绪小怪兽`"
        ),
        "{err}"
    );
    let err = slip(LESSON, "---\n标题: 你好\n目标:\n  认知：知道\n---\n正文\n");
    assert!(err.contains(&format!("{LESSON}:4:5")), "{err}");
    assert!(
        err.contains(
            "第 4 行第 5 列的 `：` 是全角冒号，请改成半角 `:` 并在后面加一个空格：`认知: 知道`"
        ),
        "{err}"
    );
}

#[test]
fn full_width_spaces_are_named() {
    let err = slip(LESSON, "---\ntitle:　情绪小怪兽\n---\n正文\n");
    assert!(err.contains(&format!("{LESSON}:2:7")), "{err}");
    assert!(
        err.contains(
            "第 2 行第 7 列冒号后面是全角空格（`　`），请改成半角空格：`title: 情绪小怪兽`"
        ),
        "{err}"
    );
    let err = slip(
        LESSON,
        "---\ntitle: 你好\nobjectives:\n　认知: 知道\n---\n正文\n",
    );
    assert!(err.contains(&format!("{LESSON}:4:1")), "{err}");
    assert!(
        err.contains(
            "第 4 行第 1 列的缩进用了全角空格（中文输入法的空格 `　`），YAML 只认半角空格"
        ),
        "{err}"
    );
}

#[test]
fn chinese_quotes_and_full_width_commas_are_named() {
    let err = slip(LESSON, "---\ntitle: “情绪小怪兽”\n---\n正文\n");
    assert!(err.contains(&format!("{LESSON}:2:8")), "{err}");
    assert!(
        err.contains(
            "第 2 行第 8 列的 `“` `”` 是中文引号，YAML 不把它们当引号，它们会成为内容的一部分；要加引号请用半角引号：`title: \"情绪小怪兽\"`"
        ),
        "{err}"
    );
    let err = slip(
        LESSON,
        "---\ntitle: 你好\ngrades: [一年级，二年级]\n---\n正文\n",
    );
    assert!(err.contains(&format!("{LESSON}:3:13")), "{err}");
    assert!(
        err.contains(
            "第 3 行第 13 列的 `，` 是全角逗号，方括号列表里的各项要用半角逗号加空格分开：`grades: [一年级, 二年级]`"
        ),
        "{err}"
    );
}

#[test]
fn yuxin_yaml_and_school_files_get_the_same_messages() {
    let err = slip(
        "yuxin.yaml",
        "title: 测试学校\ndescription：测试用的小项目\n",
    );
    assert!(err.contains("yuxin.yaml:2:12"), "{err}");
    assert!(
        err.contains("第 2 行第 12 列的 `：` 是全角冒号，请改成半角 `:` 并在后面加一个空格：`description: 测试用的小项目`"),
        "{err}"
    );
    let err = slip("schools/a.yaml", "id: a\nname：实验小学\nstages: [小学]\n");
    assert!(err.contains("schools/a.yaml:2:5"), "{err}");
    assert!(err.contains("`name: 实验小学`"), "{err}");
}

#[test]
fn chinese_punctuation_inside_values_is_fine() {
    let p = with(
        LESSON,
        "---\ntitle: 目标：认识情绪\nsummary: 他说“你好”，我们笑了：这是第一课。\ntags: [情绪, 压力]\n\
         objectives:\n  - 认知：知道情绪有很多种\n  - 行为：学会一种方法\n---\n\n## 教学过程\n\n### 一、热身（40分钟）\n\n听。\n",
    );
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
