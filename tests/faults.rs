//! Output safety under faults: a build killed with `kill -9`, a full disk, a read-only disk, a
//! permission error, a crash in one emitter. After each, the previous `public/` is
//! byte-identical and the next build succeeds and leaves nothing behind.
//!
//! The faults are injected through `YUXIN_FAULT`, read by debug builds only (see
//! `src/guard/fault.rs`); `cargo test` builds the binary in debug. Where the machine lets us
//! (root with `mount`, as on CI), full and read-only disks are also real tmpfs mounts.

mod common;
mod faulty;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{project, snapshot_tree, yuxin};
use faulty::{Mount, build_with_fault, hooks_available, leftovers};

/// A project big enough that a build writes a few hundred files.
fn big_project() -> tempfile::TempDir {
    let p = project("good");
    let dir = p
        .path()
        .join("curricula/primary/developmental/adaptation/gen");
    fs::create_dir_all(&dir).unwrap();
    for i in 0..150 {
        fs::write(
            dir.join(format!("lesson-{i:03}.md")),
            format!("---\ntitle: 生成的第 {i} 课\n---\n\n## 活动\n\n第 {i} 课的正文。\n"),
        )
        .unwrap();
    }
    p
}

/// A build that hangs on purpose; killed with SIGKILL (no destructor, no cleanup runs in it)
/// by [`Hung::kill_9`], or when the test fails before that.
struct Hung(Child);

impl Hung {
    fn kill_9(mut self) {
        self.0.kill().unwrap();
        self.0.wait().unwrap();
    }
}

impl Drop for Hung {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_build(root: &Path, fault: &str) -> Hung {
    let child = Command::new(env!("CARGO_BIN_EXE_yuxin"))
        .arg("build")
        .current_dir(root)
        .env("YUXIN_FAULT", fault)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Hung(child)
}

/// Waits (polling, up to two minutes) until `ready` holds; the build under test hangs on
/// purpose once it gets there, so this does not race with it.
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..1200 {
        if ready() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

fn staging_files(root: &Path) -> usize {
    leftovers(root, ".public.tmp-")
        .iter()
        .map(|d| walkdir::WalkDir::new(d).into_iter().count())
        .sum()
}

#[test]
fn kill_9_mid_build_keeps_the_previous_output_and_the_next_build_cleans_up() {
    if !hooks_available() {
        return;
    }
    let p = big_project();
    let root = p.path();
    assert_eq!(yuxin(root, &["build"]).code, 0);
    let before = snapshot_tree(&root.join("public"));
    fs::write(
        root.join("content/help.md"),
        "---\ntitle: 改过的求助页\n---\n改过。\n",
    )
    .unwrap();
    let build = spawn_build(root, "write-hang:100");
    wait_for("the staging folder to fill", || staging_files(root) > 50);
    build.kill_9();
    assert_eq!(
        snapshot_tree(&root.join("public")),
        before,
        "byte-identical"
    );
    assert_eq!(
        leftovers(root, ".public.tmp-").len(),
        1,
        "the killed build's staging"
    );

    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        leftovers(root, ".public.tmp-").is_empty(),
        "stale staging removed"
    );
    assert!(common::read(&root.join("public/parents/help/index.html")).contains("改过的求助页"));
}

#[test]
fn kill_9_between_the_renames_puts_the_previous_output_back() {
    if !hooks_available() {
        return;
    }
    let p = project("good");
    let root = p.path();
    assert_eq!(yuxin(root, &["build"]).code, 0);
    let before = snapshot_tree(&root.join("public"));
    let build = spawn_build(root, "swap-hang");
    wait_for("the old output to be moved aside", || {
        !root.join("public").exists() && leftovers(root, ".public.old-").len() == 1
    });
    build.kill_9();
    // Even a build that then fails on content puts the previous output back first.
    fs::write(root.join("content/broken.md"), "---\ntitle: [\n---\n").unwrap();
    let run = yuxin(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        snapshot_tree(&root.join("public")),
        before,
        "byte-identical"
    );
    assert!(
        leftovers(root, ".public.").is_empty(),
        "nothing left beside it"
    );
}

/// The words each kind of write failure must be reported with.
const FULL: (&str, &str) = ("full", "磁盘已满");
const READ_ONLY: (&str, &str) = ("readonly", "只读");
const DENIED: (&str, &str) = ("denied", "没有写入权限");

#[test]
fn injected_write_errors_are_reported_and_change_nothing() {
    if !hooks_available() {
        return;
    }
    for (kind, words) in [FULL, READ_ONLY, DENIED] {
        build_with_fault(&format!("write-fail:20:{kind}"), words);
    }
}

#[test]
fn a_full_disk() {
    let Some(mount) = Mount::tmpfs("2m") else {
        if hooks_available() {
            build_with_fault("write-fail:20:full", FULL.1);
        }
        return;
    };
    let p = project("good");
    let out = mount.path().join("public");
    let out_arg = out.to_str().unwrap();
    let run = yuxin(p.path(), &["build", "--out", out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = snapshot_tree(&out);
    // An attachment too big for what is left of the disk.
    let big: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(p.path().join("content/big.pdf"), big).unwrap();
    let run = yuxin(p.path(), &["build", "--out", out_arg]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(FULL.1), "{}", run.stderr);
    assert!(
        run.stderr.contains(".public.tmp-"),
        "names the path: {}",
        run.stderr
    );
    assert!(run.stderr.contains("没有改动"), "{}", run.stderr);
    assert_eq!(snapshot_tree(&out), before, "byte-identical");
    assert!(
        leftovers(mount.path(), ".public.").is_empty(),
        "space given back"
    );
}

#[test]
fn a_read_only_disk() {
    let Some(mount) = Mount::tmpfs("8m") else {
        if hooks_available() {
            build_with_fault("write-fail:1:readonly", READ_ONLY.1);
        }
        return;
    };
    let p = project("good");
    let out = mount.path().join("public");
    let out_arg = out.to_str().unwrap();
    assert_eq!(yuxin(p.path(), &["build", "--out", out_arg]).code, 0);
    let before = snapshot_tree(&out);
    mount.read_only();
    let run = yuxin(p.path(), &["build", "--out", out_arg]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(READ_ONLY.1), "{}", run.stderr);
    assert!(
        run.stderr.contains(mount.path().to_str().unwrap()),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot_tree(&out), before, "byte-identical");
}

#[test]
fn a_crash_in_any_emitter_is_an_internal_error_and_changes_nothing() {
    if !hooks_available() {
        return;
    }
    let p = project("good");
    let root = p.path();
    assert_eq!(yuxin(root, &["build"]).code, 0);
    let before = snapshot_tree(&root.join("public"));
    for stage in [
        "teacher-site",
        "training",
        "assets",
        "report-page",
        "curriculum-json",
        "print-views",
        "school-sites",
        "analyse",
    ] {
        let run = faulty::run(root, &format!("panic:{stage}"), &["build"]);
        assert_eq!(run.code, 1, "{stage}: {}", run.stderr);
        assert!(run.stderr.contains("internal-error"), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("「{stage}」")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("报告给维护者"), "{}", run.stderr);
        assert!(
            !run.stderr.contains("panicked at"),
            "Chinese only: {}",
            run.stderr
        );
        assert_eq!(snapshot_tree(&root.join("public")), before, "{stage}");
        assert!(leftovers(root, ".public.").is_empty(), "{stage}");
    }
}

/// Without write permission on the folder holding the output. Root ignores permissions (as on
/// CI): there the injected error stands in.
#[cfg(unix)]
#[test]
fn a_folder_without_write_permission() {
    use std::os::unix::fs::PermissionsExt;
    let p = project("good");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    let out_arg = out.to_str().unwrap();
    assert_eq!(yuxin(p.path(), &["build", "--out", out_arg]).code, 0);
    let before = snapshot_tree(&out);
    let set = |mode| fs::set_permissions(parent.path(), fs::Permissions::from_mode(mode)).unwrap();
    set(0o555);
    let enforced = fs::write(parent.path().join("probe"), "").is_err();
    if !enforced {
        set(0o755);
        if hooks_available() {
            build_with_fault("write-fail:3:denied", DENIED.1);
        }
        return;
    }
    let run = yuxin(p.path(), &["build", "--out", out_arg]);
    set(0o755);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(DENIED.1), "{}", run.stderr);
    assert_eq!(snapshot_tree(&out), before, "byte-identical");
}

#[test]
fn a_crash_while_checking_or_reporting_is_an_internal_error() {
    if !hooks_available() {
        return;
    }
    let p = project("good");
    for args in [&["check"][..], &["check", "--format", "json"], &["report"]] {
        let run = faulty::run(p.path(), "panic:analyse", args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("internal-error"), "{args:?}: {all}");
        assert!(!all.contains("panicked at"), "{args:?}: {all}");
    }
}
