//! The "done when" of hostile input: each case is a small change to a built copy of the `good`
//! fixture, run through `yuxin check` and `yuxin build` with the real binary. Every run must end
//! (a generous guard kills a hang), never panic, exit with the expected code, name the place
//! (`path:line:col`) of the problem, and, when it fails, leave the previous `public/`
//! byte-identical.
//!
//! Adding a case: either a folder `tests/fixtures/hostile/<case>/` with the files to lay over
//! the project under `project/` and an `expect.txt` (`exit: 1`, then `at:` / `says:` lines
//! that the output must contain), or a row in [`generated`] for bytes a text fixture can't hold
//! (invalid UTF-8, NUL, CRLF) or big ones made on the fly.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{copy_dir, fixture, snapshot_tree};

/// Kills a run that has not ended by then: a hang is a failure, not a slow test.
const HANG_GUARD: Duration = Duration::from_secs(60);
const LESSON: &str = "curricula/primary/developmental/adaptation/x.md";
const LESSON_PAGE: &str = "public/primary/developmental/adaptation/x/index.html";

struct Case {
    name: String,
    /// Files written over the project: path relative to the root, and bytes.
    files: Vec<(String, Vec<u8>)>,
    exit: i32,
    /// What the output of both runs must contain, e.g. `path:line:col`.
    says: Vec<String>,
    /// For a case that builds: a page and a text it must contain.
    page: Option<(&'static str, String)>,
    /// Anything bytes can't say (a FIFO, a symlink), done to the project after `files`.
    setup: Option<fn(&Path)>,
}

impl Case {
    fn new(name: &str, file: &str, bytes: impl Into<Vec<u8>>, exit: i32, says: &[&str]) -> Case {
        Case {
            name: name.to_string(),
            files: vec![(file.to_string(), bytes.into())],
            exit,
            says: says.iter().map(|s| s.to_string()).collect(),
            page: None,
            setup: None,
        }
    }

    fn lesson(name: &str, bytes: impl Into<Vec<u8>>, exit: i32, at: &str) -> Case {
        Case::new(name, LESSON, bytes, exit, &[&format!("{LESSON}:{at}")])
    }

    fn says(mut self, text: &str) -> Case {
        self.says.push(text.to_string());
        self
    }

    fn builds_page(mut self, text: &str) -> Case {
        self.page = Some((LESSON_PAGE, text.to_string()));
        self
    }
}

fn front(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n{body}")
}

/// An alias bomb ("billion laughs"): nine levels of nine aliases each.
fn alias_bomb(indent: &str) -> String {
    let mut yaml = format!("{indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..9 {
        let prev = format!("*l{}", level - 1);
        let items = [prev.as_str(); 9].join(", ");
        yaml.push_str(&format!("{indent}l{level}: &l{level} [{items}]\n"));
    }
    yaml
}

/// The cases whose bytes are made here.
fn generated() -> Vec<Case> {
    let crlf = "---\r\ntitle: 换行\r\ntitel2: x\r\n---\r\n正文\r\n";
    vec![
        Case::lesson(
            "invalid-utf8-gbk",
            [front("编码", "第一行\n").as_bytes(), b"\xc4\xe3\xba\xc3\n"].concat(),
            1,
            "5:1",
        ),
        Case::lesson(
            "png-named-md",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            1,
            "1:1",
        ),
        Case::lesson("nul-byte", "---\ntitle: a\0b\n---\n", 1, "2:9"),
        Case::lesson(
            "bom-and-crlf-build",
            "\u{feff}---\r\ntitle: 带签名和回车换行\r\n---\r\n正文\r\n",
            0,
            "",
        )
        .builds_page("带签名和回车换行"),
        Case::lesson("crlf-error-located", crlf, 1, "3:1"),
        Case::lesson(
            "lone-cr-error-located",
            crlf.replace("\r\n", "\r"),
            1,
            "3:1",
        ),
        Case::lesson("empty-file", "", 1, "1:1"),
        Case::lesson("only-a-fence", "---", 1, "1:1"),
        Case::lesson(
            "alias-bomb",
            format!("---\ntitle: a\nextra:\n{}---\n", alias_bomb("  ")),
            1,
            "",
        ),
        Case::lesson(
            "alias-of-a-huge-scalar",
            format!(
                "---\ntitle: a\nextra:\n  a: &a \"{}\"\n  b: [{}]\n---\n",
                "x".repeat(1 << 20),
                vec!["*a"; 900].join(",")
            ),
            1,
            "5:",
        ),
        Case::lesson(
            "yaml-flow-nesting",
            format!("---\ntitle: a\nextra: {}\n---\n", "[".repeat(10_000)),
            1,
            "3:",
        ),
        Case::lesson(
            "yaml-block-nesting",
            format!(
                "---\ntitle: a\nextra:\n{}---\n",
                (1..200)
                    .map(|i| format!("{}k{i}:\n", " ".repeat(2 * i)))
                    .collect::<String>()
            ),
            1,
            "",
        ),
        Case::lesson(
            "file-of-50-mb",
            front("大", &"一段很长的正文。\n".repeat((50 << 20) / 25)),
            1,
            "1:1",
        ),
        Case::lesson(
            "nested-lists-10000",
            front("列表", &format!("{}x\n", "- ".repeat(10_000))),
            0,
            "",
        )
        .builds_page("列表"),
        Case::lesson(
            "nested-quotes-10000",
            front("引用", &format!("{} x\n", ">".repeat(10_000))),
            0,
            "",
        )
        .builds_page("引用"),
        Case::lesson(
            "nested-quote-lists-5000",
            front("混合", &format!("{}x\n", "> - ".repeat(5_000))),
            0,
            "",
        )
        .builds_page("混合"),
        Case::lesson(
            "indented-lists-1000",
            front(
                "缩进",
                &(0..1000)
                    .map(|i| format!("{}- x\n", "  ".repeat(i)))
                    .collect::<String>(),
            ),
            0,
            "",
        )
        .builds_page("缩进"),
        Case::lesson(
            "nested-brackets-and-emphasis",
            front(
                "括号",
                &format!(
                    "{}\n\n{}\n\n{}\n",
                    "[".repeat(10_000),
                    "*".repeat(10_000),
                    "_a".repeat(5_000)
                ),
            ),
            0,
            "",
        )
        .builds_page("括号"),
        Case::lesson(
            "nested-html-10000",
            front("标签", &format!("{}x\n", "<div>".repeat(10_000))),
            0,
            "",
        )
        .builds_page("标签"),
        Case::lesson(
            "long-line-4-mb",
            front("长行", &"很长".repeat(700_000)),
            0,
            "",
        )
        .builds_page("长行"),
        Case::lesson(
            "many-broken-links",
            front("链接", &"[坏](missing.md)\n\n".repeat(20_000)),
            0,
            "",
        )
        .says("还有"),
        Case::new(
            "config-alias-bomb",
            "yuxin.yaml",
            format!("title: t\nextra_anchors:\n{}", alias_bomb("  ")),
            1,
            &["yuxin.yaml:"],
        ),
        Case::new(
            "config-invalid-utf8",
            "yuxin.yaml",
            b"title: \xff\n".to_vec(),
            1,
            &["yuxin.yaml:1:8"],
        ),
        Case::new(
            "config-nul",
            "yuxin.yaml",
            "title: t\n\0",
            1,
            &["yuxin.yaml:2:1"],
        ),
        Case::new(
            "school-alias-bomb",
            "schools/a.yaml",
            format!(
                "id: a\nname: 甲\nstages: [primary]\nx:\n{}",
                alias_bomb("  ")
            ),
            1,
            &["schools/a.yaml:"],
        ),
        Case::new(
            "school-nul",
            "schools/a.yaml",
            "id: a\0\n",
            1,
            &["schools/a.yaml:1:6"],
        )
        .says("NUL"),
    ]
}

/// A school file that is a FIFO: reading it would wait forever. (A symlinked lesson is the
/// walk's business: it does not follow symlinks.)
#[cfg(unix)]
#[test]
fn special_files_are_refused_not_read() {
    let mut fifo = Case::new(
        "school-fifo",
        "schools/.keep",
        "",
        1,
        &["schools/a.yaml:1:1"],
    );
    fifo.setup = Some(|root| {
        let made = Command::new("mkfifo")
            .arg(root.join("schools/a.yaml"))
            .status();
        assert!(made.unwrap().success(), "mkfifo");
    });
    run_all(vec![fifo]);
}

/// The cases in `tests/fixtures/hostile/`.
fn from_fixtures() -> Vec<Case> {
    let dir = fixture("hostile");
    let mut cases = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for case_dir in names {
        let expect = fs::read_to_string(case_dir.join("expect.txt")).expect("expect.txt");
        let mut case = Case::new(
            &case_dir.file_name().unwrap().to_string_lossy(),
            "",
            "",
            1,
            &[],
        );
        case.files.clear();
        for line in expect.lines() {
            match line.split_once(':') {
                Some(("exit", code)) => case.exit = code.trim().parse().unwrap(),
                Some(("at" | "says", text)) => case.says.push(text.trim().to_string()),
                _ => {}
            }
        }
        let project = case_dir.join("project");
        for entry in walkdir::WalkDir::new(&project) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&project).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                case.files.push((rel, fs::read(entry.path()).unwrap()));
            }
        }
        cases.push(case);
    }
    cases
}

/// The `good` fixture, built once: every case starts from a copy with a previous `public/`.
fn built_base() -> &'static Path {
    static BASE: OnceLock<tempfile::TempDir> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture("good"), dir.path());
        let run = guarded(dir.path(), "build");
        assert_eq!(run.code, 0, "{}", run.output);
        dir
    })
    .path()
}

struct Run {
    code: i32,
    output: String,
}

/// Runs `yuxin <command>` in `dir`, killed if it outlives [`HANG_GUARD`].
fn guarded(dir: &Path, command: &str) -> Run {
    // YUXIN_HOSTILE_BIN times the cases with another build (e.g. the release binary); the
    // times are printed (`-- --nocapture`), never asserted.
    let bin =
        std::env::var_os("YUXIN_HOSTILE_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_yuxin").into());
    let mut child = Command::new(bin)
        .arg(command)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yuxin");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    eprintln!(
        "{:>7.0} ms  yuxin {command}  {}",
        started.elapsed().as_secs_f64() * 1000.0,
        dir.display()
    );
    let output = format!("{}{}", stdout.join().unwrap(), stderr.join().unwrap());
    Run {
        code: status.map_or(-9, |s| s.code().unwrap_or(-1)),
        output,
    }
}

/// Runs one case; the problems found, if any.
fn run_case(case: &Case) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(built_base(), dir.path());
    let before = snapshot_tree(&dir.path().join("public"));
    for (rel, bytes) in &case.files {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    if let Some(setup) = case.setup {
        setup(dir.path());
    }
    let mut problems = Vec::new();
    eprintln!("case {}", case.name);
    for command in ["check", "build"] {
        let run = guarded(dir.path(), command);
        let tail: String = run.output.chars().take(1500).collect();
        let mut fail = |what: String| problems.push(format!("{command}: {what}\n{tail}"));
        if run.code == -9 {
            fail(format!("still running after {HANG_GUARD:?}"));
            continue;
        }
        if run.code != case.exit {
            fail(format!("exit code {} instead of {}", run.code, case.exit));
        }
        if run.output.contains("panicked") || run.output.contains("overflowed its stack") {
            fail("panicked".into());
        }
        for text in case.says.iter().filter(|t| !t.is_empty()) {
            if !run.output.contains(text.as_str()) {
                fail(format!("output does not say {text:?}"));
            }
        }
    }
    let public = dir.path().join("public");
    if case.exit != 0 && snapshot_tree(&public) != before {
        problems.push("the previous public/ changed".into());
    }
    if let Some((page, text)) = &case.page {
        match fs::read_to_string(dir.path().join(page)) {
            Ok(html) if html.contains(text.as_str()) => {}
            Ok(_) => problems.push(format!("{page} does not contain {text:?}")),
            Err(e) => problems.push(format!("{page}: {e}")),
        }
    }
    problems
}

fn run_all(cases: Vec<Case>) {
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        for problem in run_case(case) {
            failures.push(format!("[{}] {problem}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn generated_hostile_files_get_located_errors_and_leave_public_alone() {
    run_all(generated());
}

#[test]
fn hostile_fixture_cases_get_located_errors_and_leave_public_alone() {
    run_all(from_fixtures());
}

/// The guard itself: a case that expects the wrong code or place must fail.
#[test]
fn a_wrong_expectation_is_reported() {
    let case = Case::lesson("wrong", "---\ntitle: a\0\n---\n", 0, "9:9");
    let problems = run_case(&case);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("exit code 1 instead of 0")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.contains(":9:9")), "{problems:?}");
}
