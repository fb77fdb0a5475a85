//! The Word 教案 (`.docx`): written by a plain build beside every plan, handout and letter, read
//! back here with an XML reader of its own (and with python-docx when it is installed), in the
//! built-in layout and in the sample school template; broken templates are refused by name.

mod common;

use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::Command;

use common::{copy_dir, project, yuxin};
use quick_xml::events::Event;

const LESSON: &str = "primary/developmental/adaptation/hostile/hostile.docx";
const HOSTILE: &str = "<script>&\"]]>";

/// A lesson whose title and text try to break out of the XML, with marked roles.
const HOSTILE_LESSON: &str = r#"---
title: "<script>&\"]]>"
form: 游戏辅导
grades: [二年级]
duration: 40
objectives:
  认知: 认识 <b>情绪</b> & 名字。
  情感: 愿意说出感受。
  行为: 会用一句话说感受。
---

## 教学准备

- 情绪卡 6 张

## 教学过程

### 一、热身：情绪猜猜猜（10分钟）

**教师活动**：出示情绪卡 `</w:t>`，请学生猜。

**学生活动**：看表情，说出情绪的名字。

**设计意图**：引出主题 ]]> 与 & < 号。

### 二、说一说（30分钟）

同桌互说最近的一次开心。

**设计意图**：练习表达。

## 板书设计

情绪有名字

## 课后延伸

回家和家长说一种情绪。
"#;

/// Every table of a document: rows of cells' text (paragraphs joined with `\n`).
type Tables = Vec<Vec<Vec<String>>>;

/// Reads `word/<part>` from a .docx.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text of all paragraphs and the tables of document.xml, read with quick-xml (the
/// outermost tables only; a nested table's text stays in its cell).
fn read_document(xml: &str) -> (Vec<String>, Tables) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut tables: Tables = Vec::new();
    let (mut depth, mut para, mut cell) = (0usize, String::new(), Vec::<String>::new());
    let mut in_t = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => {
                    depth += 1;
                    if depth == 1 {
                        tables.push(Vec::new());
                    }
                }
                "w:tr" if depth == 1 => tables.last_mut().unwrap().push(Vec::new()),
                "w:tc" if depth == 1 => cell.clear(),
                "w:p" => para.clear(),
                "w:t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) if e.name().as_ref() == "w:br" => para.push('\n'),
            Event::Text(t) if in_t => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                let name = r.into_inner();
                para.push_str(match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:p" => {
                    if depth == 0 {
                        paragraphs.push(para.clone());
                    } else {
                        cell.push(para.clone());
                    }
                }
                "w:tc" if depth == 1 => {
                    let text = cell.join("\n").trim().to_string();
                    tables.last_mut().unwrap().last_mut().unwrap().push(text);
                }
                "w:tbl" => depth -= 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (paragraphs, tables)
}

fn built_good() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = project("good");
    let lesson = dir
        .path()
        .join("curricula/primary/developmental/adaptation/hostile.md");
    fs::write(&lesson, HOSTILE_LESSON).unwrap();
    let out = dir.path().join("public");
    let run = yuxin(dir.path(), &["build"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    (dir, out)
}

#[test]
fn every_plan_handout_and_letter_gets_a_word_file() {
    let (_dir, out) = built_good();
    for path in [
        "primary/developmental/adaptation/hello/hello.docx",
        "primary/developmental/adaptation/second/second.docx",
        "primary/developmental/adaptation/new-friends/new-friends.docx",
        "primary/developmental/adaptation/new-friends/sheet/sheet.docx",
        "primary/developmental/adaptation/new-friends/letter/letter.docx",
        "training/basics/01-intro/01-intro.docx",
        LESSON,
    ] {
        let bytes = fs::read(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (paragraphs, _) = read_document(&part(&bytes, "word/document.xml"));
        assert!(!paragraphs.is_empty(), "{path}");
        // The page links to it.
        let page = fs::read_to_string(
            out.join(Path::new(path).parent().unwrap())
                .join("index.html"),
        )
        .unwrap();
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        assert!(page.contains(name), "{path}: the page links its Word file");
    }
    // A training module's own page is a syllabus: no Word file.
    assert!(!out.join("training/basics/basics.docx").exists());
}

#[test]
fn the_built_in_layout_has_the_header_fields_and_one_row_per_step() {
    let (_dir, out) = built_good();
    let bytes = fs::read(out.join(LESSON)).unwrap();
    let document = part(&bytes, "word/document.xml");
    let (paragraphs, tables) = read_document(&document);
    // The hostile title is text: in the title, the header table and the package's properties.
    assert!(paragraphs.iter().any(|p| p == HOSTILE), "{paragraphs:?}");
    assert!(!document.contains("<script>"));
    assert!(part(&bytes, "docProps/core.xml").contains("&lt;script&gt;&amp;&quot;]]&gt;"));
    let header = &tables[0];
    let value = |label: &str| -> String {
        header
            .iter()
            .flat_map(|row| row.windows(2))
            .find(|pair| pair[0] == label)
            .unwrap_or_else(|| panic!("{label} in {header:?}"))[1]
            .clone()
    };
    assert_eq!(value("课题"), HOSTILE);
    assert_eq!(value("授课年级/班级"), "二年级");
    assert_eq!(value("课时/时长"), "1课时（40分钟）");
    assert_eq!(value("课型"), "游戏辅导");
    assert!(value("教学目标").contains("认知目标：认识 <b>情绪</b> & 名字。"));
    assert!(value("教学目标").contains("行为目标：会用一句话说感受。"));
    assert!(value("教学准备").contains("情绪卡 6 张"));
    assert!(header.iter().flatten().any(|c| c == "教学重难点"));

    let process = &tables[1];
    assert_eq!(
        process[0],
        ["环节", "时间", "教师活动", "学生活动", "设计意图"]
    );
    assert_eq!(process.len(), 3, "one row per step: {process:?}");
    // A step with roles: one cell each; the 设计意图 column without its label.
    assert_eq!(process[1][0], "一、热身：情绪猜猜猜");
    assert_eq!(process[1][1], "10分钟");
    assert_eq!(process[1][2], "出示情绪卡 </w:t>，请学生猜。");
    assert_eq!(process[1][3], "看表情，说出情绪的名字。");
    assert_eq!(process[1][4], "引出主题 ]]> 与 & < 号。");
    // A step without roles: one merged 教学活动 cell over the teacher's and students' columns.
    assert_eq!(
        process[2],
        [
            "二、说一说",
            "30分钟",
            "同桌互说最近的一次开心。",
            "练习表达。"
        ]
    );
    assert!(document.contains(r#"<w:gridSpan w:val="2"/>"#));
    // The header row repeats on each page; no row splits.
    assert_eq!(document.matches("<w:tblHeader/>").count(), 1);
    assert!(document.matches("<w:cantSplit/>").count() >= 3);
    // Nothing is dropped: the other sections follow, 教学反思 last.
    for text in [
        "板书设计",
        "情绪有名字",
        "课后延伸",
        "回家和家长说一种情绪。",
    ] {
        assert!(
            paragraphs.iter().any(|p| p == text),
            "{text}: {paragraphs:?}"
        );
    }
    assert_eq!(paragraphs.iter().filter(|p| *p == "教学反思").count(), 1);
    // Chinese fonts in the East Asian slot, and the Chinese language, A4 portrait.
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="宋体""#) && styles.contains(r#"w:eastAsia="黑体""#));
    assert!(styles.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN""#));
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    // The same input makes the same bytes.
    let (_again, out2) = built_good();
    assert_eq!(fs::read(out2.join(LESSON)).unwrap(), bytes);
    python_docx_agrees(&out.join(LESSON), &tables);
}

/// python-docx reads the same header fields and process rows, when it is installed (CI installs
/// it; `YUXIN_REQUIRE_DOCX_TEST=1` makes its absence a failure).
fn python_docx_agrees(path: &Path, tables: &Tables) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx/read_tables.py");
    let run = Command::new("python3").arg(&script).arg(path).output();
    let run = match run {
        Ok(run) if run.status.success() => run,
        other => {
            assert!(
                std::env::var_os("YUXIN_REQUIRE_DOCX_TEST").is_none(),
                "python-docx check could not run: {other:?}"
            );
            eprintln!("python-docx not available; skipped its check");
            return;
        }
    };
    let read: Tables = serde_json::from_slice(&run.stdout).expect("JSON tables");
    assert_eq!(read[1], tables[1], "process table as python-docx reads it");
    assert_eq!(read[0][0][1], HOSTILE);
}

/// The sample project of the school template, copied to a temp folder.
fn school_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/school-template"),
        dir.path(),
    );
    dir
}

const TEMPLATE: &str = "themes/school/docx/lesson.docx";
const FILLED: &str =
    "public/primary/developmental/adaptation/hello-new-school/hello-new-school.docx";

#[test]
fn the_sample_school_template_is_filled_and_keeps_its_header_and_logo() {
    let dir = school_project();
    let run = yuxin(dir.path(), &["build"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let template = fs::read(dir.path().join(TEMPLATE)).unwrap();
    let filled = fs::read(dir.path().join(FILLED)).unwrap();
    let document = part(&filled, "word/document.xml");
    assert!(!document.contains("{{"), "every placeholder is filled");
    let (paragraphs, tables) = read_document(&document);
    assert_eq!(paragraphs[0], "你好，新学校");
    assert_eq!(tables[0][0][1], "你好，新学校");
    assert_eq!(tables[0][1][1], "一年级");
    assert_eq!(tables[0][1][3], "40分钟");
    assert!(tables[0][3][1].starts_with("认知：了解小学上课"));
    assert!(tables[0][3][1].contains("\n行为：能按顺序安排课间十分钟"));
    assert_eq!(tables[0][6][1], "青禾实验小学");
    // The step row, once per step, with minutes and 设计意图.
    let process = &tables[1];
    assert_eq!(process.len(), 6, "{process:?}");
    assert_eq!(process[1][0], "一、热身：铃声变变变");
    assert_eq!(process[1][1], "5分钟");
    assert!(process[1][4].starts_with("铃声是小学生活节奏的信号"));
    assert_eq!(process[5][1], "5分钟");
    assert!(paragraphs.iter().any(|p| p.contains("求助三句话：我是谁")));
    // The header's placeholder is filled; the logo and every other part are kept byte for byte.
    let header = part(&filled, "word/header1.xml");
    assert!(
        !header.contains("{{") && header.contains(">青禾实验小学</w:t>"),
        "{header}"
    );
    assert!(part(&filled, "word/footer1.xml").contains("2026年9月8日"));
    let mut a = zip::ZipArchive::new(Cursor::new(&template)).unwrap();
    let mut b = zip::ZipArchive::new(Cursor::new(&filled)).unwrap();
    assert_eq!(a.len(), b.len());
    for i in 0..a.len() {
        let name = a.by_index(i).unwrap().name().unwrap().to_string();
        if ["word/document.xml", "word/header1.xml", "word/footer1.xml"].contains(&name.as_str()) {
            continue;
        }
        let mut x = Vec::new();
        a.by_index_raw(i).unwrap().read_to_end(&mut x).unwrap();
        let mut y = Vec::new();
        b.by_name(&name).unwrap();
        let j = b.index_for_name(&name).unwrap();
        b.by_index_raw(j).unwrap().read_to_end(&mut y).unwrap();
        assert_eq!(x, y, "{name} kept byte for byte");
    }
    assert!(b.by_name("word/media/image1.png").is_ok(), "the logo");
}

/// Builds the sample project with `template` as its lesson template: the build fails with
/// exit 1 and a message naming the template, and the previous site is left as it was.
fn refused(template: &[u8]) -> String {
    let dir = school_project();
    let first = yuxin(dir.path(), &["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = fs::read(dir.path().join(FILLED)).unwrap();
    fs::write(dir.path().join(TEMPLATE), template).unwrap();
    let run = yuxin(dir.path(), &["build"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains(TEMPLATE), "{}", run.stderr);
    assert_eq!(fs::read(dir.path().join(FILLED)).unwrap(), before);
    run.stderr
}

/// The sample template with `word/document.xml` changed by `edit`, or with an extra entry.
fn sample_with(edit: impl Fn(&str) -> String, extra: Option<(&str, &[u8])>) -> Vec<u8> {
    let bytes = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/school-template")
            .join(TEMPLATE),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            data = edit(&String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    if let Some((name, data)) = extra {
        out.start_file(name, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_broken_template_is_refused_with_its_name_and_the_fix() {
    let stderr = refused(b"not a zip at all");
    assert!(
        stderr.contains("不是 Word 文档") && stderr.contains("另存为"),
        "{stderr}"
    );

    let stderr = refused(&sample_with(|x| x.replace("{{年级}}", "{{年纪}}"), None));
    assert!(
        stderr.contains("{{年纪}}") && stderr.contains("是不是 {{年级}}"),
        "{stderr}"
    );

    let stderr = refused(&sample_with(
        |x| x.to_string(),
        Some(("../../evil.txt", b"x")),
    ));
    assert!(stderr.contains("不安全"), "{stderr}");

    let stderr = refused(&sample_with(
        |x| {
            x.replacen(
                "?>",
                "?><!DOCTYPE w [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
                1,
            )
        },
        None,
    ));
    assert!(stderr.contains("DOCTYPE"), "{stderr}");

    let zeros = vec![0u8; 70 << 20];
    let stderr = refused(&sample_with(
        |x| x.to_string(),
        Some(("word/media/big.bin", &zeros)),
    ));
    assert!(stderr.contains("压缩炸弹"), "{stderr}");
}
