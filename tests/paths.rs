//! Paths: dangerous output folders are refused; names from files, front matter and config
//! cannot escape the output folder; two sources on one output path are named; symbolic
//! links never lead out of the project.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{project, read, snapshot_tree, yuxin};

fn build_out(root: &Path, out: &Path) -> common::Run {
    yuxin(root, &["build", "--out", out.to_str().unwrap()])
}

#[test]
fn dangerous_output_folders_are_refused_and_left_alone() {
    let p = project("good");
    let root = p.path();
    for (out, words) in [
        (root.to_path_buf(), "项目文件夹本身"),
        (root.join("curricula/.."), "项目文件夹本身"),
        (root.parent().unwrap().to_path_buf(), "包含了项目"),
        (root.join("content"), "content/"),
        (root.join("curricula/primary"), "curricula/"),
        (Path::new("/").to_path_buf(), "根目录"),
        (root.join("yuxin.yaml"), "配置文件"),
    ] {
        let before = snapshot_tree(root);
        let run = build_out(root, &out);
        assert_eq!(run.code, 2, "{}: {}", out.display(), run.stderr);
        assert!(run.stderr.contains(words), "{words}: {}", run.stderr);
        assert!(run.stderr.contains("提示"), "{}", run.stderr);
        assert_eq!(snapshot_tree(root), before, "nothing touched");
    }
}

#[test]
fn the_home_folder_is_refused() {
    let p = project("good");
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("notes.txt"), "mine").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yuxin"))
        .args(["build", "--out"])
        .arg(home.path())
        .current_dir(p.path())
        .env("HOME", home.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("主文件夹"), "{stderr}");
    assert_eq!(read(&home.path().join("notes.txt")), "mine");
}

#[test]
fn a_folder_yuxin_did_not_make_is_refused_unless_empty() {
    let p = project("good");
    let root = p.path();
    let other = tempfile::tempdir().unwrap();
    let out = other.path().join("site");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("thesis.docx"), "three years of work").unwrap();
    let run = build_out(root, &out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(".yuxin-output"), "{}", run.stderr);
    assert!(run.stderr.contains("空的"), "{}", run.stderr);
    assert_eq!(read(&out.join("thesis.docx")), "three years of work");

    let empty = other.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert_eq!(build_out(root, &empty).code, 0, "an empty folder is fine");
    assert!(
        empty.join(".yuxin-output").is_file(),
        "every output is marked"
    );
    let run = build_out(root, &empty);
    assert_eq!(run.code, 0, "a marked folder is ours: {}", run.stderr);
    assert_eq!(
        fs::read_dir(other.path()).unwrap().count(),
        2,
        "nothing beside the outputs"
    );
}

#[test]
fn a_school_build_goes_into_the_full_builds_output() {
    let p = project("good");
    let root = p.path();
    fs::create_dir_all(root.join("schools")).unwrap();
    fs::write(
        root.join("schools/east.yaml"),
        "id: east\nname: 东区小学\nstages: [小学]\n",
    )
    .unwrap();
    assert_eq!(yuxin(root, &["build"]).code, 0);
    let run = yuxin(root, &["build", "--school", "east"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = yuxin(root, &["build", "--school", "../../x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("不能用作文件夹名"), "{}", run.stderr);
}

fn check(root: &Path) -> common::Run {
    let run = yuxin(root, &["check"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

const PAGE: &str = "---\ntitle: 页面\n---\n正文\n";

#[test]
fn slug_collisions_name_both_files() {
    let p = project("good");
    let root = p.path();
    fs::write(root.join("content/家长会.md"), PAGE).unwrap();
    fs::write(root.join("content/jia-zhang-hui.md"), PAGE).unwrap();
    let run = check(root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("url-collision"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/jia-zhang-hui.md:1:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/家长会.md"), "{}", run.stderr);
}

#[test]
fn a_page_and_an_attachment_on_one_path_name_both() {
    let p = project("good");
    let root = p.path();
    fs::create_dir_all(root.join("content/help")).unwrap();
    fs::write(root.join("content/help/index.html"), "<p>x</p>").unwrap();
    let run = check(root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/help/index.html"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/help.md:1:1"), "{}", run.stderr);
    // Two attachments whose names differ only in case.
    let p = project("good");
    let dir = p
        .path()
        .join("curricula/primary/developmental/adaptation/img");
    fs::copy(dir.join("campus.svg"), dir.join("Campus.SVG")).unwrap();
    let run = check(p.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("img/Campus.SVG:1:1"), "{}", run.stderr);
    assert!(run.stderr.contains("img/campus.svg"), "{}", run.stderr);
}

const TWO_SCHOOLS: &str = "id: east\nname: 东区小学\nstages: [小学]\n";

#[test]
fn two_schools_with_one_id_name_both_files_and_lines() {
    let p = project("good");
    let root = p.path();
    fs::create_dir_all(root.join("schools")).unwrap();
    fs::write(root.join("schools/a.yaml"), TWO_SCHOOLS).unwrap();
    fs::write(
        root.join("schools/b.yaml"),
        format!("# 复制来的\n{TWO_SCHOOLS}"),
    )
    .unwrap();
    let run = check(root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("schools/b.yaml:2"), "{}", run.stderr);
    assert!(run.stderr.contains("schools/a.yaml:1"), "{}", run.stderr);
}

#[test]
fn a_school_folder_over_the_teacher_site_names_the_school_file() {
    let p = project("good");
    let root = p.path();
    fs::create_dir_all(root.join("schools")).unwrap();
    fs::write(
        root.join("schools/a.yaml"),
        "id: a\nname: 甲\nstages: [小学]\npath: topics\n",
    )
    .unwrap();
    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("output-collision"), "{}", run.stderr);
    assert!(run.stderr.contains("schools/a.yaml:4"), "{}", run.stderr);
    assert!(!root.join("public").exists());
}

#[test]
fn windows_reserved_and_odd_names_are_located_errors() {
    let p = project("good");
    let root = p.path();
    fs::write(root.join("content/con.md"), PAGE).unwrap();
    fs::write(root.join("content/aux.png"), "x").unwrap();
    fs::write(root.join("content/photo.p\\ng"), "x").unwrap();
    let run = check(root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for file in [
        "content/con.md:1:1",
        "content/aux.png:1:1",
        "content/photo.p/ng:1:1", // `\` is shown as `/`, as Windows would read it
    ] {
        assert!(run.stderr.contains(file), "{file}: {}", run.stderr);
    }
    assert!(run.stderr.contains("保留名"), "{}", run.stderr);
    assert!(run.stderr.contains("反斜杠"), "{}", run.stderr);
}

#[test]
fn school_ids_paths_and_logos_stay_inside() {
    let p = project("good");
    let root = p.path();
    fs::create_dir_all(root.join("schools")).unwrap();
    fs::write(
        root.join("schools/a.yaml"),
        "id: con\nname: 甲\nstages: [小学]\n",
    )
    .unwrap();
    fs::write(
        root.join("schools/b.yaml"),
        "id: b\nname: 乙\nstages: [小学]\npath: ../../etc\n",
    )
    .unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("logo.svg"), "<svg/>").unwrap();
    let name = outside.path().file_name().unwrap().to_string_lossy();
    let up = format!(
        "{}/../{name}/logo.svg",
        root.file_name().unwrap().to_string_lossy()
    );
    fs::write(
        root.join("schools/c.yaml"),
        format!("id: c\nname: 丙\nstages: [小学]\nlogo: ../{up}\n"),
    )
    .unwrap();
    let run = check(root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("schools/a.yaml:1:5"), "{}", run.stderr);
    assert!(run.stderr.contains("保留名"), "{}", run.stderr);
    assert!(run.stderr.contains("schools/b.yaml:4"), "{}", run.stderr);
    assert!(run.stderr.contains("schools/c.yaml:4"), "{}", run.stderr);
    assert!(run.stderr.contains("项目文件夹外面"), "{}", run.stderr);
}

#[test]
fn a_theme_cannot_reach_out() {
    let p = project("good");
    let root = p.path();
    let config = read(&root.join("yuxin.yaml"));
    fs::write(
        root.join("yuxin.yaml"),
        format!("{config}theme: ../../etc\n"),
    )
    .unwrap();
    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("主题名"), "{}", run.stderr);

    fs::write(root.join("yuxin.yaml"), format!("{config}theme: t\n")).unwrap();
    fs::create_dir_all(root.join("themes/t/templates")).unwrap();
    fs::write(
        root.join("themes/t/templates/404.html"),
        "{% include \"../../../../../../../../etc/hostname\" %}",
    )
    .unwrap();
    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("只能引用主题"), "{}", run.stderr);
    assert!(!root.join("public").exists());
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    const SECRET: &str = "---\ntitle: 学生档案\n---\n张三，心理危机记录\n";

    #[test]
    fn links_out_of_the_project_are_named_and_not_read() {
        let p = project("good");
        let root = p.path();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("records.md"), SECRET).unwrap();
        fs::write(outside.path().join("photo.png"), "secret image").unwrap();
        symlink(
            outside.path().join("records.md"),
            root.join("content/records.md"),
        )
        .unwrap();
        symlink(outside.path(), root.join("content/shared")).unwrap();
        let run = yuxin(root, &["build"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let target = outside.path().display().to_string();
        assert!(
            run.stderr.contains("content/records.md:1:1"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("content/shared:1:1"), "{}", run.stderr);
        assert!(
            run.stderr.contains(&target),
            "names the target: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("张三"), "not read: {}", run.stderr);
        assert!(!root.join("public").exists());
    }

    #[test]
    fn links_inside_are_followed_and_loops_end() {
        let p = project("good");
        let root = p.path();
        symlink(
            root.join("content/help.md"),
            root.join("content/help-again.md"),
        )
        .unwrap();
        let run = yuxin(root, &["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(read(&root.join("public/parents/help-again/index.html")).contains("求助与热线"));

        symlink(root.join("content"), root.join("content/loop")).unwrap();
        symlink("self", root.join("content/self")).unwrap();
        let run = yuxin(root, &["check"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("循环"), "{}", run.stderr);
        assert!(run.stderr.contains("content/self"), "{}", run.stderr);
    }

    #[test]
    fn a_school_file_or_theme_linked_from_outside_is_refused() {
        let p = project("good");
        let root = p.path();
        let outside = tempfile::tempdir().unwrap();
        fs::write(
            outside.path().join("x.yaml"),
            "id: x\nname: 外\nstages: [小学]\n",
        )
        .unwrap();
        fs::create_dir_all(root.join("schools")).unwrap();
        symlink(outside.path().join("x.yaml"), root.join("schools/x.yaml")).unwrap();
        let run = yuxin(root, &["check"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("schools/x.yaml:1:1"), "{}", run.stderr);
        fs::remove_file(root.join("schools/x.yaml")).unwrap();

        fs::create_dir_all(root.join("themes")).unwrap();
        symlink(outside.path(), root.join("themes/t")).unwrap();
        let config = read(&root.join("yuxin.yaml"));
        fs::write(root.join("yuxin.yaml"), format!("{config}theme: t\n")).unwrap();
        let run = yuxin(root, &["build"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("themes/t"), "{}", run.stderr);
        assert!(run.stderr.contains("项目外面"), "{}", run.stderr);
    }
}

#[test]
fn init_never_overwrites_what_is_there() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("content/index.md"), "我的首页").unwrap();
    let run = yuxin(dir.path(), &["init"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("没有覆盖"), "{}", run.stderr);
    assert_eq!(read(&dir.path().join("content/index.md")), "我的首页");
    assert!(!dir.path().join("yuxin.yaml").exists());

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".gitignore"), "target").unwrap();
    assert_eq!(yuxin(dir.path(), &["init"]).code, 0);
    assert_eq!(read(&dir.path().join(".gitignore")), "target\n/public\n");
}

#[cfg(unix)]
#[test]
fn a_config_linked_from_outside_is_named_not_silently_half_read() {
    let p = project("good");
    let outside = tempfile::tempdir().unwrap();
    let config = p.path().join("yuxin.yaml");
    fs::rename(&config, outside.path().join("yuxin.yaml")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("yuxin.yaml"), &config).unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("yuxin.yaml:1:1"), "{}", run.stderr);
    assert!(run.stderr.contains("项目外面"), "{}", run.stderr);
}
