//! Write: put a whole build in place at once. Files go to a fresh folder beside the output; only
//! when all are written is it swapped in, so a failed build leaves the previous output as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::emit::Output;
use crate::guard::write_error::at;

/// Writes `outputs` into `out` atomically (as far as the file system allows: two renames).
pub fn write_site(out: &Path, outputs: &[Output]) -> io::Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    at(parent, |p| fs::create_dir_all(p))?;
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    // What a killed build left behind is not worth failing this one over.
    let _ = crate::guard::output::clean_stale(parent, &name);
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = fill(&staging, outputs).and_then(|()| swap(&staging, out, parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, outputs: &[Output]) -> io::Result<()> {
    if staging.exists() {
        fs::remove_dir_all(staging)?;
    }
    at(staging, |p| fs::create_dir_all(p))?;
    let lock = crate::guard::output::lock(staging)?;
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|o| Path::new(&o.path).parent().map(|p| staging.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        at(dir, |p| fs::create_dir_all(p))?;
    }
    outputs
        .par_iter()
        .try_for_each(|o| crate::guard::fault::write(&staging.join(&o.path), &o.bytes))?;
    crate::guard::output::seal(staging, lock)
}

/// Moves the old output aside, the new one in, then deletes the old one.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if !out.exists() {
        return fs::rename(staging, out);
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    at(out, |out| fs::rename(out, &old))?;
    crate::guard::fault::swap_point();
    if let Err(e) = at(out, |out| fs::rename(staging, out)) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, out);
        return Err(e);
    }
    fs::remove_dir_all(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("yuxin-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_the_whole_output() {
        let dir = tmp("replace");
        let out = dir.join("public");
        write_site(
            &out,
            &[
                Output::new("a/index.html", "one"),
                Output::new("old.txt", "x"),
            ],
        )
        .unwrap();
        write_site(&out, &[Output::new("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.txt").exists(), "stale files are gone");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tmp("fail");
        let out = dir.join("public");
        write_site(&out, &[Output::new("index.html", "good")]).unwrap();
        // A file and a folder at the same path cannot both be written.
        let bad = [Output::new("x", "file"), Output::new("x/index.html", "dir")];
        assert!(write_site(&out, &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "staging folder cleaned up"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
