//! Helpers for the fault tests: running the binary with `YUXIN_FAULT`, tmpfs mounts when the
//! machine allows them, and what a build left beside its output.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::common::{Run, project, snapshot_tree, yuxin, yuxin_env};

/// The fault hooks exist in debug builds only (what `cargo test` builds).
pub fn hooks_available() -> bool {
    if !cfg!(debug_assertions) {
        eprintln!("release build: YUXIN_FAULT hooks are compiled out, skipping");
    }
    cfg!(debug_assertions)
}

/// `yuxin ARGS` in `dir` with `YUXIN_FAULT=fault`.
pub fn run(dir: &Path, fault: &str, args: &[&str]) -> Run {
    yuxin_env(dir, args, &[("YUXIN_FAULT", fault)])
}

/// Entries of `dir` whose names start with `prefix`.
pub fn leftovers(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

/// Builds the `good` project, then builds again with `fault`: the second build must fail
/// with exit code 2 and a message holding `words`, the path and the reassurance, and leave
/// the first build's output byte-identical with nothing beside it.
pub fn build_with_fault(fault: &str, words: &str) {
    let p = project("good");
    let root = p.path();
    assert_eq!(yuxin(root, &["build"]).code, 0);
    let before = snapshot_tree(&root.join("public"));
    let run = run(root, fault, &["build"]);
    assert_eq!(run.code, 2, "{fault}: {}", run.stderr);
    assert!(run.stderr.contains(words), "{fault}: {}", run.stderr);
    assert!(
        run.stderr.contains(".public.tmp-"),
        "names the path: {}",
        run.stderr
    );
    assert!(run.stderr.contains("没有改动"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(snapshot_tree(&root.join("public")), before, "{fault}");
    assert!(
        leftovers(root, ".public.").is_empty(),
        "{fault}: staging removed"
    );
}

/// A small tmpfs, mounted for the life of the value; `None` where mounting is not allowed
/// (not root, no `mount`, a container without the capability).
pub struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    pub fn tmpfs(size: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("cannot mount a tmpfs here: using the injected fault instead");
        }
        ok.then_some(Mount { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success(), "remount read-only");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let done = Command::new("umount")
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success());
        if !done {
            let _ = Command::new("umount").arg("-l").arg(self.path()).status();
        }
    }
}
