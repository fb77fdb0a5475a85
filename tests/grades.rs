//! Grade pages and their 教学进度表 (page, printed sheet, Word table), the report's per-grade
//! view, and training targets measured in the right units, on small projects written here.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{read, yuxin};

const BODY: &str = "\n## 教学过程\n\n### 一、暖身（5分钟）\n\n做游戏。\n\n### 二、活动（30分钟）\n\n小组讨论。\n\n### 三、总结（5分钟）\n\n分享收获。\n";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn lesson(root: &Path, name: &str, title: &str, week: Option<u32>, semester: &str, topic: &str) {
    let week = week.map_or(String::new(), |w| format!("week: {w}\n"));
    write(
        root,
        &format!("curricula/primary/developmental/{name}.md"),
        &format!(
            "---\ntitle: {title}\ntopic: {topic}\nform: 游戏辅导\ngrades: [四年级]\nduration: 40\nsemester: {semester}\n{week}---\n{BODY}"
        ),
    );
}

fn kit(root: &Path, name: &str, title: &str, week: u32) {
    write(
        root,
        &format!("curricula/primary/developmental/{name}/index.md"),
        &format!(
            "---\ntitle: {title}\nkind: class-meeting\ntopic: social\ngrades: [小学四年级]\nduration: 40\nsemester: first\nweek: {week}\n---\n{BODY}"
        ),
    );
}

/// 四年级: nine plans in the first semester (seven dated, written out of order, one undated,
/// a kit beside week 6 and a kit alone in week 16), one in the second: ten rows. And one
/// 大班 lesson, a grade of another stage.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "yuxin.yaml",
        "title: 测试学校\nbase_url: https://test.example.edu.cn/\n",
    );
    for (name, title, week, topic) in [
        ("a14", "合作的力量", 14, "social"),
        ("a02", "新学期新起点", 2, "adaptation"),
        ("a08", "学习有方法", 8, "love-of-school"),
        ("a04", "我的情绪小怪兽", 4, "social"),
        ("a10", "生命的样子", 10, "life-awareness"),
        ("a06", "和同学好好说话", 6, "social"),
        ("a12", "我能管好自己", 12, "love-of-school"),
    ] {
        lesson(root, name, title, Some(week), "first", topic);
    }
    lesson(root, "a00", "期末回顾", None, "first", "adaptation");
    lesson(root, "b03", "春天的新目标", Some(3), "second", "adaptation");
    kit(root, "kit6", "友谊小船", 6);
    kit(root, "kit16", "感恩的心", 16);
    write(
        root,
        "curricula/kindergarten/developmental/k1.md",
        &format!(
            "---\ntitle: 我上大班了\ntopic: adaptation\nform: 游戏辅导\ngrades: [大班]\nduration: 25\nsemester: first\nweek: 1\n---\n{BODY}"
        ),
    );
    dir
}

fn build(root: &Path) {
    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// The text of each `<td data-label="周次">` … in order, and the titles of the 课题 cells.
fn column(html: &str, label: &str) -> Vec<String> {
    let open = format!("<td data-label=\"{label}\">");
    html.split(&open)
        .skip(1)
        .map(|cell| {
            let cell = &cell[..cell.find("</td>").unwrap()];
            // Strip tags.
            let mut text = String::new();
            let mut inside = false;
            for c in cell.chars() {
                match c {
                    '<' => inside = true,
                    '>' => inside = false,
                    c if !inside => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

#[test]
fn a_grade_page_lists_its_year_by_semester_in_week_order() {
    let p = project();
    build(p.path());
    let public = p.path().join("public");
    let page = read(&public.join("grades/grade-4/index.html"));
    assert!(page.contains("<h1>四年级</h1>"));
    let first = page.find("第一学期（秋季）").unwrap();
    let second = page.find("第二学期（春季）").unwrap();
    assert!(first < second);
    // The table and the cards both follow the teaching weeks, undated last.
    let weeks = column(&page, "周次");
    assert_eq!(
        weeks,
        [
            "第 2 周",
            "第 4 周",
            "第 6 周",
            "第 8 周",
            "第 10 周",
            "第 12 周",
            "第 14 周",
            "第 16 周",
            "未排周次",
            "第 3 周"
        ]
    );
    let order: Vec<usize> = [
        "新学期新起点",
        "我的情绪小怪兽",
        "学习有方法",
        "合作的力量",
        "期末回顾",
    ]
    .iter()
    .map(|t| page.rfind(&format!(">{t}</a></h3>")).expect(t))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(page.contains("href=\"../../grades/grade-4/schedule/\""));
    assert!(page.contains("grade-4-schedule.docx"));
    // Linked from the grades index, the stage page and the navigation.
    let index = read(&public.join("grades/index.html"));
    assert!(index.contains("href=\"../grades/grade-4/\"") && index.contains("大班"));
    let stage = read(&public.join("primary/index.html"));
    assert!(
        stage.contains("href=\"../grades/grade-4/\">四年级<span class=\"count\">11</span></a>")
    );
    assert!(
        !stage.contains("grades/daban/"),
        "only the stage's own grades"
    );
    let home = read(&public.join("index.html"));
    assert!(home.contains("href=\"grades/\""));
    // A grade without documents has no page.
    assert!(!public.join("grades/grade-5").exists());
}

#[test]
fn the_schedule_has_kits_beside_their_week_and_links_to_plans_words_and_decks() {
    let p = project();
    build(p.path());
    let public = p.path().join("public");
    let sheet = read(&public.join("grades/grade-4/schedule/index.html"));
    let titles = column(&sheet, "课题");
    assert_eq!(titles[2], "和同学好好说话");
    assert_eq!(
        titles[7], "感恩的心",
        "a kit alone in its week is its own row"
    );
    assert_eq!(titles[8], "期末回顾");
    let kits = column(&sheet, "主题班会");
    assert_eq!(
        kits[2], "友谊小船",
        "the week-6 kit beside the week-6 lesson"
    );
    assert_eq!(kits.iter().filter(|k| !k.is_empty()).count(), 2);
    let forms = column(&sheet, "课型");
    assert_eq!(forms[7], "主题班会");
    let emphasis = column(&sheet, "主题/侧重点");
    assert_eq!(emphasis[0], "环境适应");
    // Links to the plan, its Word file and its deck, each a file the build wrote.
    let lesson = "primary/developmental/a06/";
    for href in [
        lesson.to_string(),
        format!("{lesson}a06.docx"),
        format!("{lesson}a06-slides.html"),
        "primary/developmental/kit6/".to_string(),
    ] {
        assert!(
            sheet.contains(&format!("href=\"../../../{href}\"")),
            "{href}"
        );
        let file = if href.ends_with('/') {
            public.join(&href).join("index.html")
        } else {
            public.join(&href)
        };
        assert!(file.exists(), "{}", file.display());
    }
    assert!(sheet.contains("size: A4 portrait"));
    assert!(sheet.contains("共 10 行"));
}

/// python-docx reads the Word 进度表's tables: a header row and one row per plan, in order.
#[test]
fn the_schedule_docx_is_a_word_table_python_docx_reads() {
    let p = project();
    build(p.path());
    let docx = p.path().join("public/grades/grade-4/grade-4-schedule.docx");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx/read_tables.py");
    let run = Command::new("python3").arg(&script).arg(&docx).output();
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
    let tables: Vec<Vec<Vec<String>>> = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(tables.len(), 2, "one table a semester");
    assert_eq!(
        tables[0][0],
        [
            "周次",
            "课题",
            "主题/侧重点",
            "课型",
            "主题班会",
            "教案与课件"
        ]
    );
    assert_eq!(tables[0].len(), 1 + 9);
    assert_eq!(tables[0][1][..2], ["第 2 周", "新学期新起点"]);
    assert_eq!(tables[0][3][4], "友谊小船");
    assert_eq!(tables[0][9][0], "未排周次");
    assert_eq!(tables[0][1][5], "Word · 课件");
    assert_eq!(tables[1][1][1], "春天的新目标");
}

/// The printed 进度表 of a grade with 10 rows is one A4 sheet (skipped without Chromium and
/// poppler unless `YUXIN_REQUIRE_PDF_TEST` is set).
#[test]
fn the_schedule_prints_on_one_a4_sheet() {
    let (Ok(browser), true) = (
        yuxin::pdf::find(None),
        Command::new("pdfinfo").arg("-v").output().is_ok(),
    ) else {
        assert!(
            std::env::var_os("YUXIN_REQUIRE_PDF_TEST").is_none(),
            "YUXIN_REQUIRE_PDF_TEST is set but there is no browser or pdfinfo"
        );
        eprintln!("跳过 PDF 测试：没有浏览器或 pdfinfo");
        return;
    };
    let p = project();
    build(p.path());
    assert_eq!(print_pages(&browser, p.path(), "grade-4"), 1);
    // A long year, two semesters of 18 weeks with three kits each and long titles: 36 rows,
    // set smaller, still one sheet.
    let big = tempfile::tempdir().unwrap();
    write(
        big.path(),
        "yuxin.yaml",
        "title: 测试\nbase_url: https://t.example/\n",
    );
    for semester in ["first", "second"] {
        for week in 1..=18 {
            write(
                big.path(),
                &format!("curricula/junior/developmental/{semester}-{week}.md"),
                &format!(
                    "---\ntitle: 第{week}周心理课：认识自己与他人的相处之道\ntopic: communication\nform: 团体辅导\ngrades: [八年级]\nduration: 45\nsemester: {semester}\nweek: {week}\n---\n{BODY}"
                ),
            );
        }
        for week in [6, 13, 18] {
            write(
                big.path(),
                &format!("curricula/junior/developmental/k-{semester}-{week}/index.md"),
                &format!(
                    "---\ntitle: 主题班会：一起面对第{week}周的挑战\nkind: class-meeting\ngrades: [八年级]\nsemester: {semester}\nweek: {week}\n---\n{BODY}"
                ),
            );
        }
    }
    build(big.path());
    let sheet = read(&big.path().join("public/grades/grade-8/schedule/index.html"));
    assert!(sheet.contains("共 36 行") && sheet.contains("sheet dense"));
    assert_eq!(print_pages(&browser, big.path(), "grade-8"), 1);
    // A university course: 16 weekly sessions whose titles take two lines, and six plans not
    // yet given a week (the shipped 大一 sheet once ran onto a second page at 22 rows).
    let course = tempfile::tempdir().unwrap();
    write(
        course.path(),
        "yuxin.yaml",
        "title: 测试\nbase_url: https://t.example/\n",
    );
    for week in 1..=22 {
        let when = if week <= 16 {
            format!("semester: first\nweek: {week}\n")
        } else {
            String::new()
        };
        write(
            course.path(),
            &format!("curricula/university/developmental/s-{week}.md"),
            &format!(
                "---\ntitle: 第{week}讲 大学生心理健康：在成与败之间长出复原力与意义感\ntopic: 成与败\nform: 团体辅导\ngrades: [大一]\nduration: 90\n{when}---\n{BODY}"
            ),
        );
    }
    build(course.path());
    assert_eq!(print_pages(&browser, course.path(), "year-1"), 1);
}

/// Prints a grade's built 进度表 page with the browser; its page count, checking it is A4.
fn print_pages(browser: &Path, root: &Path, grade: &str) -> u32 {
    let page = root.join(format!("public/grades/{grade}/schedule/index.html"));
    let pdf = root.join("schedule.pdf");
    let profile = tempfile::tempdir().unwrap();
    let run = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&run.stderr));
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "A4: {info}");
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn report_shows_each_grade_and_semester_with_its_gaps() {
    let p = project();
    let run = yuxin(p.path(), &["report", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let grades = json["grades"].as_array().unwrap();
    let names: Vec<&str> = grades
        .iter()
        .map(|g| g["grade"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["大班", "四年级"],
        "teaching order, only grades in use"
    );
    let four = &grades[1];
    let first = &four["terms"][0];
    assert_eq!(first["semester"], "first");
    assert_eq!(first["lessons"], 8);
    assert_eq!(first["class_meetings"], 2);
    assert_eq!(first["minutes"], 400);
    assert_eq!(first["unscheduled"], 1);
    let second = &four["terms"][1];
    assert_eq!(second["lessons"], 1);
    assert_eq!(second["class_meetings"], 0);
    assert!(
        second["gaps"][0].as_str().unwrap().contains("没有主题班会"),
        "{second}"
    );
    assert_eq!(four["uncovered"].as_array().unwrap().len(), 0);
    let daban = &grades[0];
    let uncovered: Vec<&str> = daban["uncovered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(uncovered, ["认知生命", "交往心理", "爱校乐学"]);
    assert!(
        json["empty_grades"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "六年级")
    );
    let human = yuxin(p.path(), &["report"]).stdout;
    assert!(human.contains("【小学 · 四年级】"), "{human}");
    assert!(human.contains("第一学期（秋季）：教案 8，主题班会 2，家长微课 0，共 400 分钟"));
    assert!(human.contains("← 缺口：第二学期（春季）：没有主题班会"));
    let html = yuxin(p.path(), &["report", "--format", "html"]).stdout;
    assert!(html.contains("五、各年级各学期"));
    assert!(html.contains("第二学期无班会；1 篇未排周次</td>"), "{html}");
    assert!(html.contains("未覆盖：认知生命、交往心理、爱校乐学"));
    assert!(
        html.contains("<tr><td>四年级</td><td>8 · 2 · 400</td><td>1 · 0 · 40</td>"),
        "{html}"
    );
}

#[test]
fn hour_targets_count_clock_hours_with_each_modules_period() {
    let p = project();
    let root = p.path();
    // 6 supervision 课时 of 60 minutes and 2 of 90: 9 hours (8 required). 45-minute 课时
    // would give 6 hours and miss it.
    write(
        root,
        "curricula/training/sv/index.md",
        "---\ntitle: 专业督导\naudience: 心理教师\nperiod: 60\n---\n\n督导。\n",
    );
    write(
        root,
        "curricula/training/sv/01.md",
        "---\ntitle: 个案督导\nhours: 6\nform: 督导\n---\n\n督导。\n",
    );
    write(
        root,
        "curricula/training/sv/02.md",
        "---\ntitle: 团体督导\nhours: 2\nperiod: 90分钟\nform: 督导\n---\n\n督导。\n",
    );
    write(
        root,
        "curricula/training/fdy/index.md",
        "---\ntitle: 辅导员骨干培训\naudience: 辅导员\nhours: 8\nperiod: 40\n---\n\n培训。\n",
    );
    let run = yuxin(root, &["report", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let row = |id: &str| {
        json["ledger"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    let full = row("supervision-full-time");
    assert_eq!(
        (full["unit"].as_str(), full["actual"].as_f64()),
        (Some("hours"), Some(9.0))
    );
    assert_eq!(full["met"], true);
    assert_eq!(full["actual_text"], "9 小时");
    let counselor = row("counselor");
    assert_eq!(counselor["unit"], "periods");
    assert_eq!(counselor["actual_text"], "8 课时");
    assert_eq!(counselor["met"], true);
    // Targets with no module yet are shown unmet, not left out.
    for id in [
        "cadre",
        "peer-helper-junior",
        "peer-helper-senior",
        "peer-helper-university",
    ] {
        assert_eq!(row(id)["met"], false, "{id}");
    }
    let human = yuxin(root, &["report"]).stdout;
    assert!(
        human.contains("✓ 专职心理教师接受专业督导，每年不少于 8 小时：已有 9 小时"),
        "{human}"
    );
    // A period out of range is an error that names the key and says how to fix it.
    write(
        root,
        "curricula/training/fdy/index.md",
        "---\ntitle: 辅导员骨干培训\naudience: 辅导员\nhours: 8\nperiod: 400\n---\n\n培训。\n",
    );
    let run = yuxin(root, &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("curricula/training/fdy/index.md:5:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("period（每课时分钟）"),
        "{}",
        run.stderr
    );
}

/// LibreOffice opens the Word 进度表 and prints it on one A4 page (skipped without soffice
/// unless `YUXIN_REQUIRE_DOCX_TEST` is set).
#[test]
fn libreoffice_opens_the_schedule_docx_on_one_page() {
    let tools = Command::new("soffice").arg("--version").output().is_ok()
        && Command::new("pdfinfo").arg("-v").output().is_ok();
    if !tools {
        assert!(
            std::env::var_os("YUXIN_REQUIRE_DOCX_TEST").is_none(),
            "YUXIN_REQUIRE_DOCX_TEST is set but there is no soffice or pdfinfo"
        );
        eprintln!("跳过 LibreOffice 测试：没有 soffice 或 pdfinfo");
        return;
    }
    let p = project();
    build(p.path());
    let docx = p.path().join("public/grades/grade-4/grade-4-schedule.docx");
    let out = p.path().join("lo");
    let profile = tempfile::tempdir().unwrap();
    let run = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&docx)
        .output()
        .unwrap();
    let pdf = out.join("grade-4-schedule.pdf");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&run.stderr));
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
}
