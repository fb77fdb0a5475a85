//! Training modules: syllabus, certificate, hours that must add up, the ledger, and the LMS
//! packages' manifests.

mod common;

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::Path;

use common::{project, read, yuxin};
use quick_xml::events::Event;

#[test]
fn module_page_has_a_syllabus_certificate_and_packages() {
    let p = project("good");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = p.path().join("public/training");
    let module = read(&public.join("basics/index.html"));
    assert!(
        module.contains("课程安排") && module.contains("1. 专题一：看见信号"),
        "syllabus lists sessions"
    );
    assert!(
        module
            .contains(r#"<tr class="total"><th scope="row">合计</th><td data-label="课时">2</td>"#),
        "total hours"
    );
    assert!(
        module.contains("certificate/")
            && module.contains("basics-scorm12.zip")
            && module.contains("basics.imscc")
    );
    let certificate = read(&public.join("basics/certificate/index.html"));
    assert!(certificate.contains("学 时 证 明") && certificate.contains("《全员育心》"));
    assert!(certificate.contains(r#"<strong class="cert-hours">2</strong> 课时"#));
    let index = read(&public.join("index.html"));
    assert!(
        index.contains("学时台账") && index.contains("教职工全员培训") && index.contains("✓ 达到")
    );
    assert!(
        index.contains("还差 8 课时"),
        "the head-teacher target is short in the fixture"
    );
}

#[test]
fn declared_hours_must_equal_the_sum_of_the_sessions() {
    let p = project("good");
    let index = p.path().join("curricula/training/basics/index.md");
    fs::write(&index, read(&index).replace("hours: 2", "hours: 3")).unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("curricula/training/basics/index.md:4:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("模块写的是 3 课时，但各专题加起来是 2 课时"),
        "{}",
        run.stderr
    );
}

struct Manifest {
    identifiers: Vec<String>,
    hrefs: Vec<String>,
    schemaversion: String,
}

fn manifest(xml: &str) -> Manifest {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut m = Manifest {
        identifiers: Vec::new(),
        hrefs: Vec::new(),
        schemaversion: String::new(),
    };
    let mut in_version = false;
    loop {
        match reader.read_event().expect("manifest is well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                in_version = e.name().as_ref() == "schemaversion";
                for a in e.attributes() {
                    let a = a.unwrap();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned();
                    match a.key.as_ref() {
                        "identifier" => m.identifiers.push(value),
                        "href" => m.hrefs.push(value),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_version => m.schemaversion = t.xml10_content().trim().to_string(),
            Event::End(_) => in_version = false,
            Event::Eof => break,
            _ => {}
        }
    }
    m
}

fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn check_package(path: &Path, version: &str) {
    let files = unzip(path);
    let names: HashSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let xml = files
        .iter()
        .find(|(n, _)| n == "imsmanifest.xml")
        .expect("manifest at the root");
    let m = manifest(std::str::from_utf8(&xml.1).unwrap());
    assert_eq!(m.schemaversion, version);
    let unique: HashSet<&String> = m.identifiers.iter().collect();
    assert_eq!(
        unique.len(),
        m.identifiers.len(),
        "identifiers are unique: {:?}",
        m.identifiers
    );
    assert!(!m.hrefs.is_empty());
    for href in &m.hrefs {
        assert!(names.contains(href.as_str()), "{href} is in the zip");
    }
    for (name, bytes) in &files {
        if name.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            assert!(
                !html.contains("src=\"http"),
                "{name} makes no external request"
            );
            assert!(
                !html.contains("<link"),
                "{name} loads no stylesheet from elsewhere"
            );
        }
    }
    let xml_text = String::from_utf8_lossy(&xml.1);
    assert!(
        xml_text.contains(">全员育心<"),
        "Chinese titles as they are: {xml_text}"
    );
}

#[test]
fn packages_have_valid_manifests_whose_files_all_exist() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let dir = p.path().join("public/training/basics");
    check_package(&dir.join("basics-scorm12.zip"), "1.2");
    check_package(&dir.join("basics.imscc"), "1.3.0");
    let pages = unzip(&dir.join("basics-scorm12.zip"));
    let launch = pages.iter().find(|(n, _)| n == "pages/01.html").unwrap();
    let html = String::from_utf8_lossy(&launch.1);
    assert!(html.contains("<h1>专题一：看见信号</h1>"));
    assert!(html.contains(r#"LMSSetValue("cmi.core.lesson_status", "completed")"#));
    let overview = pages.iter().find(|(n, _)| n == "pages/00.html").unwrap();
    assert!(
        String::from_utf8_lossy(&overview.1).contains("class=\"quiz\""),
        "the module's quiz is in the package"
    );
}

#[test]
fn titles_with_markup_characters_are_escaped_in_manifests() {
    let p = project("good");
    let index = p.path().join("curricula/training/basics/index.md");
    fs::write(
        &index,
        read(&index).replace("title: 全员育心", "title: \"全员育心 <一> & '二'\""),
    )
    .unwrap();
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let files = unzip(&p.path().join("public/training/basics/basics-scorm12.zip"));
    let xml = String::from_utf8(
        files
            .iter()
            .find(|(n, _)| n == "imsmanifest.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        xml.contains("全员育心 &lt;一&gt; &amp; &apos;二&apos;")
            || xml.contains("全员育心 &lt;一&gt; &amp; '二'"),
        "{xml}"
    );
    manifest(&xml);
}
