//! Watching the project: notify's debouncer on `curricula/`, `content/`, `themes/`, `schools/`
//! and the root (for `yuxin.yaml`), turned into sets of changed paths, one set per rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use super::plan::is_ignored;

/// The folders a site is made from (besides `yuxin.yaml`).
pub const FOLDERS: [&str; 4] = ["curricula", "content", "themes", "schools"];

/// How long a path must be quiet before its events are passed on. Editors write a file in
/// well under this, so one save is one event, and a save is seen within it.
const QUIET: Duration = Duration::from_millis(5);
/// After several paths changed at once (a `git checkout`, a folder copied in), wait until
/// nothing has changed for this long, so the whole burst makes one rebuild.
const SETTLE: Duration = Duration::from_millis(60);
/// How often `--poll` looks at the files.
const POLL: Duration = Duration::from_millis(500);

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

pub struct Watcher {
    inner: Inner,
    root: PathBuf,
    watched: BTreeSet<&'static str>,
    batches: Receiver<Batch>,
}

enum Batch {
    Paths(Vec<PathBuf>),
    /// The watcher lost track (its queue overflowed): everything may have changed.
    Rescan,
    Errors(Vec<String>),
}

impl Watcher {
    /// Starts watching `root` (an absolute path), with notify's native watcher or, with
    /// `poll`, by looking at the files regularly (network shares, WSL).
    pub fn start(root: &Path, poll: bool) -> notify::Result<Watcher> {
        let (tx, batches) = channel();
        let handler = move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) if events.iter().any(|e| e.need_rescan()) => Batch::Rescan,
                Ok(events) => Batch::Paths(
                    events
                        .into_iter()
                        .filter(|e| changes_content(&e.event.kind))
                        .flat_map(|e| e.event.paths)
                        .collect(),
                ),
                Err(errors) => Batch::Errors(errors.iter().map(ToString::to_string).collect()),
            };
            let _ = tx.send(batch);
        };
        let inner = if poll {
            // Polling compares modification times in whole seconds: compare contents too, or
            // two saves within a second would look like one.
            let config = notify::Config::default()
                .with_poll_interval(POLL)
                .with_compare_contents(true);
            Inner::Poll(new_debouncer_opt(QUIET, None, handler, NoCache, config)?)
        } else {
            Inner::Native(new_debouncer(QUIET, None, handler)?)
        };
        let mut watcher = Watcher {
            inner,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
            batches,
        };
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        watcher.follow_folders();
        Ok(watcher)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(path, mode),
            Inner::Poll(d) => d.watch(path, mode),
        }
    }

    /// Watches each site folder that exists and is not watched yet: one created (or deleted
    /// and created again, as a branch switch may do) after the server started is picked up.
    fn follow_folders(&mut self) {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if !path.is_dir() {
                self.watched.remove(folder);
            } else if !self.watched.contains(folder)
                && self.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(folder);
            }
        }
    }

    /// Waits for the next change that matters and returns its paths, relative to the root.
    /// Editors' temporary files and everything outside the site's folders are dropped; a
    /// change made only of them is no change. `None` when the watcher is gone.
    pub fn next_change(&mut self) -> Option<Change> {
        loop {
            let mut change = Change::default();
            self.add(self.batches.recv().ok()?, &mut change);
            // What arrived during the last rebuild is taken in one go.
            while let Ok(batch) = self.batches.try_recv() {
                self.add(batch, &mut change);
            }
            if change.paths.len() > 1 || change.rescan {
                self.settle(&mut change);
            }
            self.follow_folders();
            if change.rescan || !change.paths.is_empty() || !change.errors.is_empty() {
                return Some(change);
            }
        }
    }

    /// Adds to `change` whatever comes until nothing has changed for a moment.
    pub fn settle(&mut self, change: &mut Change) {
        loop {
            match self.batches.recv_timeout(SETTLE) {
                Ok(batch) => self.add(batch, change),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn add(&self, batch: Batch, change: &mut Change) {
        match batch {
            Batch::Paths(paths) => change
                .paths
                .extend(paths.iter().filter_map(|p| relevant(&self.root, p))),
            Batch::Rescan => change.rescan = true,
            Batch::Errors(errors) => change.errors.extend(errors),
        }
    }
}

/// What the watcher saw between two rebuilds.
#[derive(Debug, Default)]
pub struct Change {
    pub paths: BTreeSet<PathBuf>,
    /// Events were lost: rebuild everything.
    pub rescan: bool,
    pub errors: Vec<String>,
}

/// Reading a file (which may touch its access time) changes nothing.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        // The poll watcher reports an edit as a newer write time (it compares contents only
        // when the time stayed the same), so a write time counts; other metadata does not.
        EventKind::Modify(ModifyKind::Metadata(m)) => *m == notify::event::MetadataKind::WriteTime,
        _ => true,
    }
}

/// `path` relative to `root` when a site is made from it.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let site_file = first == crate::config::FILE_NAME || FOLDERS.contains(&first);
    (site_file && !is_ignored(rel)).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_are_relevant() {
        let root = Path::new("/p");
        let rel = |p: &str| relevant(root, Path::new(p));
        assert_eq!(rel("/p/yuxin.yaml"), Some(PathBuf::from("yuxin.yaml")));
        assert_eq!(rel("/p/content/a.md"), Some(PathBuf::from("content/a.md")));
        assert_eq!(rel("/p/content"), Some(PathBuf::from("content")));
        assert_eq!(rel("/p/content/.a.md.swp"), None);
        assert_eq!(rel("/p/themes/t/templates/x.html~"), None);
        assert_eq!(rel("/p/public/index.html"), None);
        assert_eq!(rel("/p/.public.tmp-1"), None);
        assert_eq!(rel("/p/README.md"), None);
        assert_eq!(rel("/elsewhere/a.md"), None);
    }

    #[test]
    fn a_newer_write_time_is_an_edit_other_metadata_is_not() {
        use notify::event::{AccessKind, DataChange, MetadataKind};
        // What the poll watcher reports for an edit made a second or more after its last look.
        assert!(changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::WriteTime
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Permissions
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Any)));
    }
}
