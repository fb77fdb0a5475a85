//! `yuxin check`: every problem, in human or JSON form.

mod common;

use std::fs;

use common::{project, read, yuxin};

#[test]
fn a_clean_project_checks_clean() {
    let p = project("good");
    let run = yuxin(p.path(), &["check", "--deny", "warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("0 个错误，0 个警告"), "{}", run.stderr);
}

#[test]
fn json_has_one_object_per_diagnostic() {
    let p = project("good");
    let hello = p
        .path()
        .join("curricula/primary/developmental/adaptation/hello.md");
    let text = read(&hello)
        .replace("form: 游戏辅导", "form: 游戏辅")
        .replace("duration: 40", "duration: 四十");
    fs::write(&hello, text).unwrap();
    let run = yuxin(p.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    for row in rows {
        for key in [
            "file", "line", "column", "severity", "lint", "message", "hint",
        ] {
            assert!(row.get(key).is_some(), "{key} in {row}");
        }
        assert_eq!(
            row["file"],
            "curricula/primary/developmental/adaptation/hello.md"
        );
    }
    assert_eq!(rows[0]["line"], 3);
    assert_eq!(rows[0]["lint"], "unknown-catalog-entry");
    assert!(
        rows[0]["hint"]
            .as_str()
            .unwrap()
            .contains("game（游戏辅导）")
    );
    assert_eq!(rows[1]["line"], 5);
    assert_eq!(
        rows[1]["message"],
        "duration（时长） 应是分钟数（正整数），这里是文字 `四十`"
    );
}

#[test]
fn deny_warnings_fails_on_a_broken_link() {
    let p = project("good");
    let second = p
        .path()
        .join("curricula/primary/developmental/adaptation/second.md");
    fs::write(&second, format!("{}\n[缺](./missing.md)\n", read(&second))).unwrap();
    assert_eq!(
        yuxin(p.path(), &["check"]).code,
        0,
        "a warning alone passes"
    );
    let run = yuxin(p.path(), &["check", "--deny", "warnings"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("警告[broken-link]"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_is_named_by_file_and_position() {
    let p = project("good");
    let path = p.path().join("content/gbk.md");
    let mut bytes = b"---\ntitle: ok\n---\n".to_vec();
    bytes.extend_from_slice(&[0xC4, 0xE3, 0xBA, 0xC3]); // 你好 in GBK
    fs::write(&path, bytes).unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/gbk.md:4:1"), "{}", run.stderr);
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
}

#[test]
fn two_files_on_one_url_are_named_together() {
    let p = project("good");
    let dir = p.path().join("curricula/primary/developmental/adaptation");
    fs::write(dir.join("Hello.md"), "---\ntitle: 重名\n---\n").unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("url-collision"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Hello.md") && run.stderr.contains("hello.md"),
        "{}",
        run.stderr
    );
}

/// `yuxin check --format json | head -1`: the reader closes the pipe before the output is
/// written. That is no error of the project's and must not panic (exit 101).
#[test]
fn a_reader_that_stops_early_is_not_a_panic() {
    use std::process::{Command, Stdio};
    let p = project("lints");
    for args in [
        &["check", "--format", "json"][..],
        &["report", "--format", "html"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yuxin"))
            .args(args)
            .current_dir(p.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run yuxin");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
