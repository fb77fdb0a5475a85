//! Symbolic links in a project. A link that stays inside the project is followed like the
//! file or folder it points to (a shared image folder linked into two lessons works). A link
//! that leads out of the project is an error naming the link and its target, and nothing
//! behind it is read: the site is published, and a link must not carry `~/.ssh` or another
//! class's records into it. Link loops are reported once and skipped, never walked forever.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Span, display_path};

/// Files found by [`walk`], relative to the project root, and the links refused on the way.
#[derive(Default)]
pub struct Walked {
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The project root with its own links resolved, to compare resolved paths against.
fn real_root(root: &Path) -> PathBuf {
    fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

fn rel_of(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Every file under `dir` (a folder of the project at `root`), relative to `root`, in name
/// order. Names `skip` accepts are left out with all they hold.
pub fn walk(root: &Path, dir: &Path, skip: impl Fn(&str) -> bool) -> Walked {
    let real = real_root(root);
    let mut walked = Walked::default();
    if fs::symlink_metadata(dir).is_err() {
        return walked;
    }
    let mut entries = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()));
    while let Some(next) = entries.next() {
        let entry = match next {
            Ok(entry) => entry,
            Err(e) => {
                walked.diagnostics.extend(walk_error(root, &e));
                continue;
            }
        };
        if entry.path_is_symlink()
            && let Err(d) = check_link(&real, root, entry.path())
        {
            walked.diagnostics.push(d);
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_file() {
            walked.files.push(rel_of(root, entry.path()));
        }
    }
    walked
}

/// A loop or a dangling link met while walking; other unreadable folders are reported too,
/// since their files would silently be missing from the site.
fn walk_error(root: &Path, e: &walkdir::Error) -> Option<Diagnostic> {
    let path = e.path()?;
    let rel = rel_of(root, path);
    let target = fs::read_link(path).ok();
    let d = if let Some(ancestor) = e.loop_ancestor() {
        Diagnostic::error(
            "symlink",
            &rel,
            Span::file_start(),
            format!(
                "符号链接 {} 形成了循环（指回它自己所在的文件夹 {}），已跳过",
                display_path(&rel),
                display_path(&rel_of(root, ancestor))
            ),
        )
        .with_hint("删掉这个链接，或让它指向一个不包含它自己的文件夹")
    } else if let Some(target) = target {
        Diagnostic::error(
            "symlink",
            &rel,
            Span::file_start(),
            format!(
                "符号链接 {} 指向的 {} 不存在，或无法读取",
                display_path(&rel),
                target.display()
            ),
        )
        .with_hint("删掉这个链接，或把它指向项目里存在的文件")
    } else {
        Diagnostic::error(
            "io",
            &rel,
            Span::file_start(),
            format!("无法读取 {}：{}", display_path(&rel), e),
        )
        .with_hint("检查这个文件夹的读取权限；读不到的文件不会出现在网站上")
    };
    Some(d)
}

/// `Err` naming the link and its target when the link at `path` leads out of the project.
fn check_link(real_root: &Path, root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let Ok(resolved) = fs::canonicalize(path) else {
        return Ok(()); // A dangling link: the walk reports it.
    };
    if resolved.starts_with(real_root) {
        return Ok(());
    }
    let target = fs::read_link(path).unwrap_or_else(|_| resolved.clone());
    Err(outside(&rel_of(root, path), &target, &resolved))
}

fn outside(link: &Path, target: &Path, resolved: &Path) -> Diagnostic {
    let shown = if target == resolved {
        target.display().to_string()
    } else {
        format!("{}（即 {}）", target.display(), resolved.display())
    };
    Diagnostic::error(
        "symlink",
        link,
        Span::file_start(),
        format!(
            "符号链接 {} 指向项目外面的 {shown}，没有读取它",
            display_path(link)
        ),
    )
    .with_hint("把要用的文件复制进项目，不要链接到项目外：网站是公开发布的，链接可能把不该公开的文件带出去")
}

/// Whether reading `rel` (relative to `root`) stays inside the project, through whatever
/// links its path holds. `Err` names the path (and the link that leads out).
pub fn check_inside(root: &Path, rel: &Path) -> Result<(), Diagnostic> {
    let Ok(resolved) = fs::canonicalize(root.join(rel)) else {
        return Ok(()); // Missing: the read that follows says so.
    };
    let real = real_root(root);
    if resolved.starts_with(&real) {
        return Ok(());
    }
    let mut prefix = root.to_path_buf();
    for part in rel.components() {
        prefix.push(part);
        if fs::symlink_metadata(&prefix).is_ok_and(|m| m.file_type().is_symlink()) {
            let target = fs::read_link(&prefix).unwrap_or_default();
            let link = rel_of(root, &prefix);
            let mut d = outside(&link, &target, &resolved);
            if link != rel {
                d.message = format!("{}（{} 经由它读取）", d.message, display_path(rel));
            }
            d.file = rel.to_path_buf();
            return Err(d);
        }
    }
    Err(Diagnostic::error(
        "unsafe-path",
        rel,
        Span::file_start(),
        format!(
            "路径 {} 在项目文件夹外面（{}）",
            display_path(rel),
            resolved.display()
        ),
    )
    .with_hint("只能用项目文件夹里的文件：写从项目文件夹算起的路径，不要用 ../ 或绝对路径"))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn project() -> (tempfile::TempDir, tempfile::TempDir) {
        let p = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir_all(p.path().join("content/sub")).unwrap();
        fs::write(p.path().join("content/a.md"), "a").unwrap();
        fs::write(p.path().join("content/sub/b.md"), "b").unwrap();
        fs::write(outside.path().join("secret.md"), "s").unwrap();
        (p, outside)
    }

    #[test]
    fn links_inside_are_followed_and_outside_refused() {
        let (p, outside) = project();
        let root = p.path();
        symlink(root.join("content/a.md"), root.join("content/inside.md")).unwrap();
        symlink(
            outside.path().join("secret.md"),
            root.join("content/leak.md"),
        )
        .unwrap();
        symlink(outside.path(), root.join("content/dir")).unwrap();
        let w = walk(root, &root.join("content"), |_| false);
        let files: Vec<String> = w.files.iter().map(|f| display_path(f)).collect();
        assert_eq!(
            files,
            ["content/a.md", "content/inside.md", "content/sub/b.md"]
        );
        assert_eq!(w.diagnostics.len(), 2, "{:?}", w.diagnostics);
        let d = &w.diagnostics[0];
        assert_eq!(d.file, Path::new("content/dir"));
        assert!(d.message.contains(&outside.path().display().to_string()));
        assert_eq!(w.diagnostics[1].file, Path::new("content/leak.md"));
        assert!(w.diagnostics[1].message.contains("secret.md"));
    }

    #[test]
    fn loops_end() {
        let (p, _outside) = project();
        let root = p.path();
        symlink(root.join("content"), root.join("content/sub/back")).unwrap();
        symlink("self", root.join("content/self")).unwrap();
        let w = walk(root, &root.join("content"), |_| false);
        assert_eq!(w.files.len(), 2);
        let messages: Vec<&str> = w.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("循环")), "{messages:?}");
        assert!(
            w.diagnostics
                .iter()
                .any(|d| d.file == Path::new("content/self")),
            "{messages:?}"
        );
    }

    #[test]
    fn check_inside_names_the_link() {
        let (p, outside) = project();
        let root = p.path();
        symlink(outside.path(), root.join("content/ext")).unwrap();
        assert!(check_inside(root, Path::new("content/a.md")).is_ok());
        let d = check_inside(root, Path::new("content/ext/secret.md")).unwrap_err();
        assert_eq!(d.file, Path::new("content/ext/secret.md"));
        assert!(d.message.contains("content/ext"), "{}", d.message);
        let name = outside.path().file_name().unwrap().to_string_lossy();
        let up = PathBuf::from(format!("../{name}/secret.md"));
        let d = check_inside(root, &up).unwrap_err();
        assert_eq!(d.lint, "unsafe-path");
    }
}
