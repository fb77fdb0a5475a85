use super::*;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["curricula/primary", "content", "themes/t"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    fs::write(dir.path().join("yuxin.yaml"), "title: t\n").unwrap();
    dir
}

fn refused(root: &Path, out: &Path) -> String {
    match check_with_home(root, out, None) {
        Err(r) => r.message,
        Ok(()) => panic!("{} was accepted", out.display()),
    }
}

#[test]
fn the_project_and_its_parents_are_refused() {
    let p = project();
    let root = p.path();
    assert!(refused(root, root).contains("项目文件夹本身"));
    assert!(refused(root, &root.join("curricula/..")).contains("项目文件夹本身"));
    assert!(refused(root, root.parent().unwrap()).contains("包含了项目"));
    assert!(refused(root, Path::new("/")).contains("根目录"));
    assert!(refused(root, &root.join("content")).contains("content/"));
    assert!(refused(root, &root.join("curricula/primary/out")).contains("curricula/"));
    assert!(refused(root, &root.join("themes/t")).contains("themes/"));
    assert!(refused(root, &root.join("yuxin.yaml")).contains("配置文件"));
}

#[test]
fn the_home_folder_is_refused() {
    let p = project();
    let home = p.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let r = check_with_home(p.path(), &home, Some(home.clone())).unwrap_err();
    assert!(r.message.contains("主文件夹"), "{}", r.message);
    let r = check_with_home(p.path(), p.path(), Some(home.clone())).unwrap_err();
    assert!(
        r.message.contains("主文件夹"),
        "a parent of home: {}",
        r.message
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_the_project_is_the_project() {
    let p = project();
    let link = p.path().join("public");
    std::os::unix::fs::symlink(p.path(), &link).unwrap();
    assert!(refused(p.path(), &link).contains("项目文件夹本身"));
}

#[test]
fn a_strangers_folder_is_refused_unless_empty_or_ours() {
    let p = project();
    let root = p.path();
    let out = root.join("public");
    assert!(check_with_home(root, &out, None).is_ok(), "missing is fine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join(".DS_Store"), "").unwrap();
    assert!(check_with_home(root, &out, None).is_ok(), "empty is fine");
    fs::write(out.join("thesis.docx"), "x").unwrap();
    let r = check_with_home(root, &out, None).unwrap_err();
    assert!(
        r.message.contains(MARKER) && r.hint.contains("空的"),
        "{r:?}"
    );
    fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
    assert!(check_with_home(root, &out, None).is_ok(), "ours");
    let school = out.join("schools/gulou");
    fs::create_dir_all(&school).unwrap();
    fs::write(school.join("index.html"), "x").unwrap();
    assert!(check_with_home(root, &school, None).is_ok(), "inside ours");
    assert!(refused(root, &out.join("thesis.docx")).contains("不是文件夹"));
}

#[test]
fn an_output_from_before_the_marker_is_recognised() {
    let p = project();
    let out = p.path().join("public");
    fs::create_dir_all(out.join("api")).unwrap();
    fs::write(out.join("api/curriculum.json"), "{}").unwrap();
    fs::write(out.join("index.html"), "x").unwrap();
    assert!(check_with_home(p.path(), &out, None).is_ok());
}

fn dir_with(parent: &Path, name: &str, files: &[&str]) -> PathBuf {
    let dir = parent.join(name);
    fs::create_dir_all(&dir).unwrap();
    for f in files {
        fs::write(dir.join(f), "x").unwrap();
    }
    dir
}

#[test]
fn stale_staging_is_removed_but_live_and_foreign_folders_stay() {
    let p = tempfile::tempdir().unwrap();
    let parent = p.path();
    dir_with(parent, "public", &["index.html", MARKER]);
    let dead = dir_with(parent, ".public.tmp-1", &[LOCK, "a.html"]);
    let empty = dir_with(parent, ".public.tmp-2", &[]);
    let live = dir_with(parent, ".public.tmp-3", &["a.html"]);
    let _held = lock(&live).unwrap().expect("a local disk can lock");
    let foreign = dir_with(parent, ".public.tmp-notes", &["mine.txt"]);
    let old = dir_with(parent, ".public.old-4", &[MARKER, "index.html"]);
    let other = dir_with(parent, ".site.tmp-5", &[LOCK]);
    clean_stale(parent, "public").unwrap();
    assert!(!dead.exists() && !empty.exists() && !old.exists());
    assert!(live.exists(), "a running build's staging stays");
    assert!(foreign.join("mine.txt").exists(), "not ours: untouched");
    assert!(
        other.exists(),
        "another output's staging is not ours to judge"
    );
    assert!(parent.join("public/index.html").exists());
}

#[test]
fn a_set_aside_output_is_put_back_when_the_output_is_missing() {
    let p = tempfile::tempdir().unwrap();
    dir_with(p.path(), ".public.old-9", &[MARKER, "index.html"]);
    clean_stale(p.path(), "public").unwrap();
    assert!(p.path().join("public/index.html").is_file());
    assert!(!p.path().join(".public.old-9").exists());
}

#[test]
fn seal_leaves_the_marker_and_no_lock() {
    let p = tempfile::tempdir().unwrap();
    let staging = dir_with(p.path(), ".public.tmp-1", &[]);
    let held = lock(&staging).unwrap();
    assert!(held.is_some(), "a local disk can lock");
    assert!(!is_abandoned(&staging), "locked while building");
    seal(&staging, held).unwrap();
    assert!(staging.join(MARKER).is_file());
    assert!(!staging.join(LOCK).exists());
    assert!(
        is_abandoned(&staging),
        "sealed and unlocked: killed mid-swap if still there"
    );
}

#[test]
fn resolve_handles_missing_parts_and_dots() {
    let p = tempfile::tempdir().unwrap();
    let real = fs::canonicalize(p.path()).unwrap();
    assert_eq!(resolve(&p.path().join("a/b/../c")), real.join("a/c"));
    assert_eq!(resolve(&p.path().join("a/..")), real);
}

#[test]
fn recover_puts_back_the_output_moved_aside() {
    let p = tempfile::tempdir().unwrap();
    dir_with(p.path(), ".site.old-3", &[MARKER]);
    recover(&p.path().join("site"));
    assert!(p.path().join("site").join(MARKER).is_file());
}
