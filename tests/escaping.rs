//! Front-matter and config values full of markup, quotes and line breaks, built for real: every
//! output keeps them as text in its own escaping (HTML, XML, iCalendar, JSON), and `javascript:`
//! addresses are refused where an address is accepted.

mod common;
#[path = "xss/markup.rs"]
mod markup;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::{project, read, yuxin};

/// What every value gets appended: markup, both quotes, `&`, a CDATA end, iCalendar's
/// separators and a line break.
const PAYLOAD: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&]]>,;\\\n第二行";

/// `PAYLOAD` as a YAML double-quoted scalar's inside.
fn yaml(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn hostile(base: &str) -> String {
    format!("{base}{PAYLOAD}")
}

/// The `good` fixture with a hostile title and summary in every document, a hostile site
/// title, hotline and school.
fn hostile_project() -> tempfile::TempDir {
    let p = project("good");
    for entry in walkdir::WalkDir::new(p.path()) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = read(&path);
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            if let Some(title) = line.strip_prefix("title: ") {
                out.push_str(&format!("title: \"{}\"\n", yaml(&hostile(title))));
                if !text.contains("\nsummary:") {
                    out.push_str(&format!("summary: \"{}\"\n", yaml(&hostile("摘要"))));
                }
            } else if let Some(summary) = line.strip_prefix("summary: ") {
                out.push_str(&format!("summary: \"{}\"\n", yaml(&hostile(summary))));
            } else if line.starts_with("grades: ") {
                out.push_str(line);
                out.push_str(&format!("\ntags: [\"{}\"]\n", yaml(&hostile("标签"))));
            } else if i > 0 && line.starts_with("  认知: ") {
                out.push_str(&format!("  认知: \"{}\"\n", yaml(&hostile("认知"))));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        fs::write(&path, out).unwrap();
    }
    let p_yaml = |s: &str| format!("\"{}\"", yaml(&hostile(s)));
    let config = format!(
        "title: {}\ndescription: {}\nbase_url: https://test.example.edu.cn/\nhotlines:\n  - {{ name: {}, number: \"12356\" }}\nschools:\n  - id: east\n    name: {}\n    short_name: {}\n    stages: [小学, 初中]\n    address: {}\n    intro: {}\n    contact: {{ office: {}, hours: {} }}\n    events:\n      - {{ date: 2026-10-15, time: \"19:00-20:30\", topic: {}, place: {}, note: {} }}\n",
        p_yaml("站点"),
        p_yaml("简介"),
        p_yaml("热线"),
        p_yaml("学校"),
        p_yaml("简称"),
        p_yaml("地址"),
        p_yaml("介绍"),
        p_yaml("办公室"),
        p_yaml("时间"),
        p_yaml("家长会"),
        p_yaml("礼堂"),
        p_yaml("备注"),
    );
    fs::write(p.path().join("yuxin.yaml"), config).unwrap();
    p
}

fn files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .collect()
}

fn ext(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// Parses `xml` completely; the text of every element and CDATA section, unescaped.
fn xml_text(xml: &str, what: &Path) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return text,
            Ok(Event::Text(t)) => text.push_str(&t.html_content()),
            Ok(Event::GeneralRef(r)) => {
                let name = r.html_content();
                let c = match name.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    n => match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => panic!("{}: unknown entity &{n};", what.display()),
                    },
                };
                text.push_str(&c);
            }
            Ok(Event::CData(c)) => text.push_str(&c.html_content()),
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = format!("{:?}", e.name()).to_lowercase();
                assert!(!name.contains("\"script\""), "{}: {name}", what.display());
                for a in e.attributes() {
                    a.unwrap_or_else(|err| panic!("{}: {err}", what.display()));
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{} is not well-formed XML: {e}\n{xml}", what.display()),
        }
    }
}

#[test]
fn hostile_values_stay_text_in_every_output() {
    let p = hostile_project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = p.path().join("public");
    let all = files(&public);
    let (mut pages, mut xml_files, mut ics_files) = (0, 0, 0);
    let mut xml_texts = String::new();
    for path in &all {
        match ext(path) {
            "html" => {
                let html = read(path);
                let found = markup::injections(&html);
                assert!(found.is_empty(), "{}: {found:?}", path.display());
                pages += 1;
            }
            "xml" | "atom" => {
                xml_texts.push_str(&xml_text(&read(path), path));
                xml_files += 1;
            }
            "zip" | "imscc" => {
                let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
                for i in 0..zip.len() {
                    let mut entry = zip.by_index(i).unwrap();
                    let name = PathBuf::from(entry.name().unwrap().to_string());
                    let mut text = String::new();
                    if matches!(ext(&name), "xml" | "html") {
                        entry.read_to_string(&mut text).unwrap();
                    }
                    match ext(&name) {
                        "xml" => {
                            xml_texts.push_str(&xml_text(&text, &name));
                            xml_files += 1;
                        }
                        "html" => {
                            let found = markup::injections(&text);
                            assert!(found.is_empty(), "{}: {found:?}", name.display());
                        }
                        _ => {}
                    }
                }
            }
            "ics" => ics_files += 1,
            _ => {}
        }
    }
    assert!(
        pages > 20 && xml_files >= 4 && ics_files >= 1,
        "{pages} {xml_files} {ics_files}"
    );
    // Escaped, not dropped: the text reads as written.
    assert!(xml_texts.contains(&hostile("家长会")), "Atom feed entries");
    assert!(xml_texts.contains(&hostile("学校")), "Atom feed title");
    assert!(
        xml_texts.contains(&hostile("全员育心")),
        "SCORM/IMS CC titles"
    );
    let lesson = read(&public.join("primary/developmental/adaptation/hello/index.html"));
    let text = markup::text(&lesson);
    for value in [hostile("你好，新学校"), hostile("认知"), hostile("标签")] {
        assert!(
            text.contains(&value),
            "{value:?} as text on the lesson page"
        );
    }
    let school = read(&public.join("schools/east/index.html"));
    assert!(markup::text(&school).contains(&hostile("学校")));
}

/// Unfolds RFC 5545 content lines and undoes TEXT escaping.
fn ics_values(ics: &str, property: &str) -> Vec<String> {
    let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    unfolded
        .split("\r\n")
        .filter_map(|l| l.strip_prefix(property)?.split_once(':').map(|(_, v)| v))
        .map(|v| {
            let mut out = String::new();
            let mut chars = v.chars();
            while let Some(c) = chars.next() {
                assert!(
                    !matches!(c, ',' | ';'),
                    "unescaped {c:?} in {property}: {v}"
                );
                if c == '\\' {
                    match chars.next() {
                        Some('n' | 'N') => out.push('\n'),
                        Some(e @ ('\\' | ',' | ';')) => out.push(e),
                        other => panic!("bad escape \\{other:?} in {v}"),
                    }
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

#[test]
fn calendar_values_are_escaped_per_rfc_5545() {
    let p = hostile_project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ics_path = files(&p.path().join("public/schools/east"))
        .into_iter()
        .find(|f| ext(f) == "ics")
        .expect("an .ics feed");
    let ics = read(&ics_path);
    assert!(
        ics.split("\r\n")
            .all(|l| !l.contains('\n') && !l.contains('\r')),
        "no bare line breaks"
    );
    let summaries = ics_values(&ics, "SUMMARY");
    assert!(
        summaries.iter().any(|s| s.contains(&hostile("家长会"))),
        "{summaries:?}"
    );
    let locations = ics_values(&ics, "LOCATION");
    assert!(
        locations.iter().any(|s| s.contains(&hostile("礼堂"))),
        "{locations:?}"
    );
}

#[test]
fn curriculum_json_round_trips_the_values() {
    let p = hostile_project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&read(&p.path().join("public/api/curriculum.json"))).unwrap();
    let text = json.to_string();
    let mut titles = Vec::new();
    collect(&json, "title", &mut titles);
    assert!(titles.contains(&hostile("你好，新学校")), "{text}");
    assert!(titles.contains(&hostile("站点")), "the site title");
}

fn collect(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                if k == key
                    && let Some(s) = v.as_str()
                {
                    out.push(s.to_string());
                }
                collect(v, key, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect(v, key, out)),
        _ => {}
    }
}

#[test]
fn javascript_addresses_are_refused_where_addresses_are_accepted() {
    let p = project("good");
    let config = read(&p.path().join("yuxin.yaml"));
    fs::write(
        p.path().join("yuxin.yaml"),
        config.replace(
            "base_url: https://test.example.edu.cn/",
            "base_url: \"javascript:alert(1)//\"",
        ),
    )
    .unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("yuxin.yaml:3:1"), "{}", run.stderr);

    let p = project("good");
    fs::write(
        p.path().join("yuxin.yaml"),
        "title: t\nschools:\n  - id: east\n    name: 东区\n    stages: [初中]\n    url: \"javascript:alert(1)\"\n",
    )
    .unwrap();
    let course = p
        .path()
        .join("curricula/junior/remedial/internet-addiction/parents-screen.md");
    let text = read(&course).replace(
        "minutes: 8\n",
        "minutes: 8\nvideo: \"JavaScript:alert(1)\"\n",
    );
    fs::write(&course, text).unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("[school-url]") && run.stderr.contains("yuxin.yaml:6:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("[video-url]") && run.stderr.contains("parents-screen.md:5:1"),
        "{}",
        run.stderr
    );
}
