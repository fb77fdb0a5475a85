//! Schools with the same stages share their micro-course pages' work, search index, static
//! files and attachments: written once, hard-linked into each school's folder, and each folder
//! still a whole microsite when copied or served alone.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_dir, project, read, snapshot_tree, yuxin_env};

const CONFIG: &str = r##"title: 测试
base_url: https://test.example.edu.cn/
schools:
  - id: east-primary
    name: 东区示例小学
    stages: [小学]
    events:
      - { date: 2026-10-15, time: "19:00-20:30", topic: 小学家长会, place: 礼堂 }
  - id: north-primary
    name: 北区示例小学
    stages: [小学]
    url: https://north.example.cn/
    events:
      - { date: 2026-11-05, time: "18:30-19:30", topic: 北区家长讲座, kind: 家长学校 }
  - id: west-junior
    name: 西区示例中学
    stages: [初中]
    events:
      - { date: 2026-11-05, time: "18:30-19:30", topic: 初中家长讲座, kind: 家长学校 }
"##;

const EPOCH: [(&str, &str); 1] = [("SOURCE_DATE_EPOCH", "1790000000")];

const COURSE: &str = "---\ntitle: 开学第一周\nkind: microcourse\nminutes: 5\n---\n\n先听孩子说。\n\n![校园](img/campus.svg)\n";

/// The `good` fixture with three schools, two of them primary, and a primary micro-course
/// with a picture.
fn three_schools() -> tempfile::TempDir {
    let p = project("good");
    fs::write(p.path().join("yuxin.yaml"), CONFIG).unwrap();
    let dir = p.path().join("curricula/primary/developmental/adaptation");
    fs::write(dir.join("parents-first-week.md"), COURSE).unwrap();
    p
}

/// The page URL a Pagefind fragment (gzipped `pagefind_dcd{"url":…}`) is of.
fn fragment_url(gz: &[u8]) -> String {
    let size = u32::from_le_bytes(gz[gz.len() - 4..].try_into().unwrap()) as usize;
    let mut json = vec![0u8; size];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(gz, &mut json)
        .unwrap();
    let text = String::from_utf8_lossy(&json[..n]).into_owned();
    let rest = &text[text.find("\"url\":\"").unwrap() + 7..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

#[test]
fn schools_of_one_stage_set_share_the_search_index_and_keep_their_own_pages() {
    let p = three_schools();
    let run = yuxin_env(p.path(), &["build"], &EPOCH);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schools = p.path().join("public/schools");
    let (east, north, west) = (
        schools.join("east-primary"),
        schools.join("north-primary"),
        schools.join("west-junior"),
    );
    let index = files_under(&east.join("pagefind"));
    assert!(index.len() > 3, "{index:?}");
    for f in &index {
        assert_eq!(
            fs::read(east.join("pagefind").join(f)).unwrap(),
            fs::read(north.join("pagefind").join(f)).unwrap(),
            "{}",
            f.display()
        );
    }
    // One index for every stage set: each school's search page asks for its own stages.
    assert_eq!(
        read(&east.join("pagefind/pagefind-entry.json")),
        read(&west.join("pagefind/pagefind-entry.json")),
    );
    assert!(read(&east.join("search/index.html")).contains(r#"data-stages="primary""#));
    assert!(read(&west.join("search/index.html")).contains(r#"data-stages="junior""#));
    let tagged = |dir: &Path, page: &str, stage: &str| {
        read(&dir.join(page).join("index.html"))
            .contains(&format!(r#"data-pagefind-filter="stage:{stage}""#))
    };
    assert!(tagged(
        &west,
        "junior/remedial/internet-addiction/parents-screen",
        "junior"
    ));
    assert!(tagged(
        &east,
        "primary/developmental/adaptation/parents-first-week",
        "primary"
    ));
    // Nor does a school's folder hold the page fragments of stages it never asks for: the
    // first folder of each fragment's page URL.
    let fragment_dirs = |dir: &Path| -> std::collections::BTreeSet<String> {
        let fragments = dir.join("pagefind/fragment");
        files_under(&fragments)
            .iter()
            .map(|f| fragment_url(&fs::read(fragments.join(f)).unwrap()))
            .map(|url| url.split('/').nth(1).unwrap_or_default().to_string())
            .collect()
    };
    let (east_dirs, west_dirs) = (fragment_dirs(&east), fragment_dirs(&west));
    assert!(
        east_dirs.contains("primary") && !east_dirs.contains("junior"),
        "{east_dirs:?}"
    );
    assert!(
        west_dirs.contains("junior") && !west_dirs.contains("primary"),
        "{west_dirs:?}"
    );
    // The pages are each school's own: its name in every one of them.
    let course = "primary/developmental/adaptation/parents-first-week/index.html";
    assert!(read(&east.join(course)).contains("东区示例小学"));
    assert!(read(&north.join(course)).contains("北区示例小学"));
    assert!(!read(&north.join(course)).contains("东区示例小学"));
    assert!(read(&north.join("index.html")).contains("北区家长讲座"));
    assert!(!read(&east.join("index.html")).contains("北区家长讲座"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = |p: &Path| fs::metadata(p).unwrap().ino();
        for f in index.iter().map(|f| Path::new("pagefind").join(f)).chain([
            "static/parents.css".into(),
            "static/search.js".into(),
            "static/print.css".into(),
            "primary/developmental/adaptation/img/campus.svg".into(),
        ]) {
            assert_eq!(
                inode(&east.join(&f)),
                inode(&north.join(&f)),
                "{} is written once and linked",
                f.display()
            );
        }
        assert_ne!(
            inode(&east.join("index.html")),
            inode(&north.join("index.html"))
        );
        assert_eq!(
            inode(&east.join("pagefind/pagefind-entry.json")),
            inode(&west.join("pagefind/pagefind-entry.json")),
            "the index is written once for every stage set"
        );
    }
}

#[test]
fn a_school_folder_copied_alone_is_the_same_site_as_its_own_build() {
    let p = three_schools();
    let run = yuxin_env(p.path(), &["build"], &EPOCH);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copies = tempfile::tempdir().unwrap();
    // north-primary shares its stage set with the school before it; west-junior is the first
    // of the second stage set, whose pages a one-school build must still read into the shared
    // search index in the full build's order.
    let ids = ["north-primary", "west-junior"];
    for id in ids {
        copy_dir(
            &p.path().join("public/schools").join(id),
            &copies.path().join(id),
        );
    }
    // Their source gone: a copy must not lean on anything left behind.
    fs::remove_dir_all(p.path().join("public")).unwrap();
    for id in ids {
        let alone = p.path().join(format!("{id}-alone"));
        let run = yuxin_env(
            p.path(),
            &["build", "--school", id, "--out", alone.to_str().unwrap()],
            &EPOCH,
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let copied = snapshot_tree(&copies.path().join(id));
        let built = snapshot_tree(&alone);
        // `--school` makes the microsite; a full build's folder also holds the school's print
        // copies (its letters and kits, see `emit::print::school`).
        for (path, bytes) in built
            .iter()
            .filter(|(p, _)| !p.starts_with(".yuxin-output"))
        {
            let copy = copied
                .get(path)
                .unwrap_or_else(|| panic!("{id}: {} is missing from the copy", path.display()));
            assert!(copy == bytes, "{id}: {} differs", path.display());
        }
        assert!(
            built.contains_key(Path::new("pagefind/pagefind.js")),
            "{id}"
        );
    }
    let north = snapshot_tree(&p.path().join("north-primary-alone"));
    assert!(north.contains_key(Path::new("primary/developmental/adaptation/img/campus.svg")));
}
