//! Write: put a whole build in place at once. Files go to a fresh folder beside the output (the
//! staging folder) as soon as they are made; only when all are written is it swapped in, so a
//! failed build leaves the previous output as it was.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::emit::{Output, Sink};
use crate::guard::write_error::at;

/// Writes `outputs` into `out` atomically (as far as the file system allows: two renames).
pub fn write_site(out: &Path, outputs: &[Output]) -> io::Result<()> {
    let staging = Staging::create(out)?;
    outputs.par_iter().try_for_each(|o| staging.write(o))?;
    staging.commit()
}

/// A build's next output folder, filled from any thread while the build runs and put in place
/// by [`Staging::commit`]. Dropped without a commit, it is removed and the output is untouched.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// Folders made so far: each is created once, not once a file.
    dirs: Mutex<HashSet<PathBuf>>,
    /// Every file written, `/`-separated, in the order written.
    paths: Mutex<Vec<String>>,
    /// Output paths refused as unsafe, not written.
    unsafe_paths: Mutex<Vec<String>>,
    bytes: AtomicUsize,
    /// Held while the folder fills, so a later build can tell a live build's staging folder
    /// from one a killed build left behind (see `guard::output`).
    lock: Option<fs::File>,
    committed: bool,
}

impl Staging {
    /// An empty staging folder beside `out`.
    pub fn create(out: &Path) -> io::Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        at(&parent, |p| fs::create_dir_all(p))?;
        let name = out
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        // What a killed build left behind is not worth failing this one over.
        let _ = crate::guard::output::clean_stale(&parent, &name);
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        at(&dir, |p| fs::create_dir_all(p))?;
        let lock = crate::guard::output::lock(&dir)?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            parent,
            name,
            dirs: Mutex::new(HashSet::new()),
            paths: Mutex::new(Vec::new()),
            unsafe_paths: Mutex::new(Vec::new()),
            bytes: AtomicUsize::new(0),
            lock,
            committed: false,
        })
    }

    /// Writes one file into the staging folder. A path that could leave the folder (`..`, an
    /// absolute path, a name Windows refuses) is never written; `check_paths` reports it.
    pub fn write(&self, output: &Output) -> io::Result<()> {
        let Some(path) = self.place(&output.path)? else {
            return Ok(());
        };
        crate::guard::fault::write(&path, &output.bytes)?;
        self.written(&output.path, output.bytes.len());
        Ok(())
    }

    /// Writes `path` with the bytes of the file written at `from`, as a hard link to it where the
    /// file system allows (else a copy of `bytes`). Both are ordinary files: a folder copied,
    /// uploaded or served alone holds every byte. Never rewrite either in place afterwards.
    pub fn link(&self, from: &str, bytes: &[u8], path: &str) -> io::Result<()> {
        let Some(to) = self.place(path)? else {
            return Ok(());
        };
        let linked = crate::guard::names::check_relative(from).is_ok()
            && fs::hard_link(self.dir.join(from), &to).is_ok();
        if !linked {
            crate::guard::fault::write(&to, bytes)?;
        }
        self.written(path, bytes.len());
        Ok(())
    }

    /// Where `path` goes in the staging folder, its folder made; `None` for a path that could
    /// leave the folder (`..`, an absolute path, a name Windows refuses): it is never written
    /// and `check_paths` reports it.
    fn place(&self, path: &str) -> io::Result<Option<PathBuf>> {
        if crate::guard::names::check_relative(path).is_err() {
            self.unsafe_paths
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(path.to_string());
            return Ok(None);
        }
        let path = self.dir.join(path);
        if let Some(dir) = path.parent()
            && !self
                .dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(dir)
        {
            at(dir, |p| fs::create_dir_all(p))?;
            self.dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(dir.to_path_buf());
        }
        Ok(Some(path))
    }

    fn written(&self, path: &str, bytes: usize) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }

    /// The staging folder itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The files written so far, `/`-separated, relative to the output folder.
    pub fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// One error for each output path refused by [`Staging::write`].
    pub fn check_paths(&self) -> Vec<Diagnostic> {
        let refused = self.unsafe_paths.lock().unwrap_or_else(|e| e.into_inner());
        let outputs: Vec<Output> = refused.iter().map(|p| Output::new(p, "")).collect();
        crate::guard::names::check_outputs(outputs.iter().map(|o| o.path.as_str()))
    }

    /// A file of `before` bytes was rewritten in place with `after` bytes.
    pub fn rewrote(&self, before: usize, after: usize) {
        self.bytes.fetch_add(after, Ordering::Relaxed);
        self.bytes
            .fetch_sub(before.min(self.bytes()), Ordering::Relaxed);
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> usize {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Puts the staging folder in place of the output.
    pub fn commit(mut self) -> io::Result<()> {
        crate::guard::output::seal(&self.dir, self.lock.take())?;
        let result = swap(&self.dir, &self.out, &self.parent, &self.name);
        self.committed = result.is_ok();
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, output: Output) -> Result<(), Diagnostic> {
        self.write(&output)
            .map_err(|e| crate::guard::write_error::diagnostic(&self.out, &e))
    }

    fn put_copy(&self, from: &str, bytes: &[u8], path: String) -> Result<(), Diagnostic> {
        self.link(from, bytes, &path)
            .map_err(|e| crate::guard::write_error::diagnostic(&self.out, &e))
    }
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
    remove_in_parallel(&old)
}

/// `remove_dir_all`, one top-level entry per thread: deleting the previous site's ten thousand
/// files is most of a no-op rebuild's system time.
fn remove_in_parallel(dir: &Path) -> io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            fs::remove_dir_all(e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
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
    fn a_copy_is_a_hard_link_to_the_file_written_else_a_file_of_its_own() {
        let dir = tmp("link");
        let out = dir.join("public");
        let staging = Staging::create(&out).unwrap();
        staging.write(&Output::new("a/x.js", "shared")).unwrap();
        staging.link("a/x.js", b"shared", "b/x.js").unwrap();
        staging.link("never-written.js", b"own", "c/x.js").unwrap();
        staging.link("a/x.js", b"shared", "../escape.js").unwrap();
        assert_eq!(staging.check_paths().len(), 1, "an unsafe path is refused");
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("b/x.js")).unwrap(), "shared");
        assert_eq!(fs::read_to_string(out.join("c/x.js")).unwrap(), "own");
        assert!(!dir.join("escape.js").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
            assert_eq!(inode("a/x.js"), inode("b/x.js"));
        }
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
