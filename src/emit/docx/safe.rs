//! Opening a school's Word template without trusting it: it must be a zip of reasonable size
//! whose entries stay inside it, that does not inflate into gigabytes, and whose XML parts
//! hold no DOCTYPE or entity declarations. Each refusal is a diagnostic naming the file, what
//! is wrong and how to fix it.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use crate::diag::{Diagnostic, Span};

/// A template larger than this is not a 教案 template.
pub const MAX_FILE: u64 = 20 << 20;
/// All entries together, inflated.
pub const MAX_INFLATED: u64 = 64 << 20;
/// Inflated over compressed size above which a large entry is a zip bomb (XML compresses
/// about 10:1; bombs 1000:1).
pub const MAX_RATIO: u64 = 200;
pub const MAX_ENTRIES: usize = 2000;

/// A template's bytes and the text of its parts that may hold placeholders.
pub struct Opened {
    pub bytes: Vec<u8>,
    /// (entry name, its XML) for `word/document.xml` and the headers and footers.
    pub parts: Vec<(String, String)>,
}

/// Whether an entry's text may hold placeholders.
pub fn fillable(name: &str) -> bool {
    name == "word/document.xml"
        || (name.starts_with("word/header") || name.starts_with("word/footer"))
            && name.ends_with(".xml")
            && !name[5..].contains('/')
}

fn refuse(rel: &Path, what: String, fix: &str) -> Diagnostic {
    Diagnostic::error("docx-template", rel, Span::file_start(), what).with_hint(fix.to_string())
}

const RESAVE: &str = "在 Word 或 WPS 里打开这个模板，“另存为”Word 文档（*.docx）后再放回这里";

/// Reads and checks the template at `root/rel`.
pub fn open(root: &Path, rel: &Path) -> Result<Opened, Diagnostic> {
    let path = root.join(rel);
    let io = |e: std::io::Error| {
        refuse(
            rel,
            format!("无法读取 Word 模板：{e}"),
            "检查文件是否存在、是否有读取权限",
        )
    };
    let meta = std::fs::metadata(&path).map_err(io)?;
    if !meta.is_file() {
        return Err(refuse(
            rel,
            "Word 模板不是一个普通文件".into(),
            "换成在 Word 或 WPS 里保存的 .docx 文件",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .map_err(io)?
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(refuse(
            rel,
            format!("Word 模板太大（超过 {} MB）", MAX_FILE >> 20),
            "模板只需要版式、页眉和校徽：删掉里面的大图片或压缩图片后再保存",
        ));
    }
    let parts = check(rel, &bytes)?;
    Ok(Opened { bytes, parts })
}

/// Checks a template's zip and returns its fillable parts.
pub fn check(rel: &Path, bytes: &[u8]) -> Result<Vec<(String, String)>, Diagnostic> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        let old_doc = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        refuse(
            rel,
            if old_doc {
                "这是旧版 Word 97-2003 文档（.doc），不是 .docx".to_string()
            } else {
                format!("这不是 Word 文档（.docx 是一个 zip 包，这个文件打不开：{e}）")
            },
            RESAVE,
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(refuse(
            rel,
            format!("Word 模板里有 {} 个文件，太多了", zip.len()),
            RESAVE,
        ));
    }
    let mut inflated = 0u64;
    let mut parts = Vec::new();
    let mut has_document = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| {
            refuse(
                rel,
                format!("Word 模板里第 {} 个文件读不出来：{e}", i + 1),
                RESAVE,
            )
        })?;
        let name = match entry.name() {
            Ok(name) => name.to_string(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if !safe_name(&name) || entry.enclosed_name().is_none() {
            return Err(refuse(
                rel,
                format!("Word 模板里有一个路径不安全的文件：`{name}`（含 `..`、绝对路径或盘符）"),
                "这不是 Word 或 WPS 保存出来的文件，可能被人改过：请重新在 Word 或 WPS 里另存为 .docx",
            ));
        }
        if entry.is_dir() {
            continue;
        }
        let bomb = |size: u64| {
            refuse(
                rel,
                format!(
                    "Word 模板里的 `{name}` 解压后有 {} MB，像是“压缩炸弹”",
                    size >> 20
                ),
                "这不是正常的 Word 文件：请重新在 Word 或 WPS 里另存为 .docx",
            )
        };
        let declared = entry.size();
        if declared > MAX_INFLATED
            || (declared > (1 << 20) && declared / entry.compressed_size().max(1) > MAX_RATIO)
        {
            return Err(bomb(declared));
        }
        // Sizes in a zip can lie: count what really comes out.
        let mut data = Vec::new();
        let limit = MAX_INFLATED - inflated;
        entry
            .by_ref()
            .take(limit + 1)
            .read_to_end(&mut data)
            .map_err(|e| refuse(rel, format!("Word 模板里的 `{name}` 解压失败：{e}"), RESAVE))?;
        inflated += data.len() as u64;
        if data.len() as u64 > limit {
            return Err(bomb(inflated));
        }
        let compressed = entry.compressed_size().max(1);
        if data.len() > (1 << 20) && data.len() as u64 / compressed > MAX_RATIO {
            return Err(bomb(data.len() as u64));
        }
        if name.ends_with(".xml") || name.ends_with(".rels") {
            if contains(&data, b"<!DOCTYPE") || contains(&data, b"<!ENTITY") {
                return Err(refuse(
                    rel,
                    format!("Word 模板里的 `{name}` 含有 DOCTYPE 或实体声明，出于安全不予处理"),
                    "Word 和 WPS 保存的文件不会有这些声明：请重新在 Word 或 WPS 里另存为 .docx",
                ));
            }
            if fillable(&name) {
                has_document |= name == "word/document.xml";
                let text = String::from_utf8(data).map_err(|_| {
                    refuse(
                        rel,
                        format!("Word 模板里的 `{name}` 不是 UTF-8 编码的 XML"),
                        RESAVE,
                    )
                })?;
                parts.push((name, text));
            }
        }
    }
    if !has_document {
        return Err(refuse(
            rel,
            "这个 zip 包里没有 word/document.xml，不是 Word 文档".into(),
            RESAVE,
        ));
    }
    Ok(parts)
}

/// An entry name that stays inside the package: relative, `/`-separated, no `..`, no drive.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && !name.contains('\0')
        && name.split('/').all(|seg| seg != ".." && seg != ".")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Whether `xml` is well-formed (after filling): quick-xml reads it to the end.
pub fn well_formed(xml: &str) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(quick_xml::events::Event::DocType(_)) => return Err("含有 DOCTYPE".into()),
            Ok(_) => {}
            Err(e) => return Err(format!("第 {} 字节附近：{e}", reader.buffer_position())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn refused(bytes: &[u8]) -> String {
        let d = check(Path::new("t.docx"), bytes).expect_err("refused");
        assert_eq!(d.file, Path::new("t.docx"));
        assert!(d.hint.is_some());
        d.message
    }

    #[test]
    fn refuses_what_is_not_a_docx() {
        assert!(refused(b"hello").contains("不是 Word 文档"));
        assert!(refused(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).contains(".doc"));
        assert!(refused(&zip_of(&[("a.txt", b"x")])).contains("word/document.xml"));
    }

    #[test]
    fn refuses_escaping_names_bombs_and_doctypes() {
        let doc: &[u8] = b"<w:document/>";
        for bad in [
            "../evil.xml",
            "/etc/passwd",
            "C:/x.xml",
            "word/../../x",
            "a\\b",
        ] {
            let message = refused(&zip_of(&[("word/document.xml", doc), (bad, b"x")]));
            assert!(message.contains("不安全"), "{bad}: {message}");
        }
        let zeros = vec![b' '; 8 << 20];
        assert!(
            refused(&zip_of(&[
                ("word/document.xml", doc),
                ("word/media/a.bin", &zeros)
            ]))
            .contains("压缩炸弹")
        );
        let xxe = b"<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:document>&e;</w:document>";
        assert!(refused(&zip_of(&[("word/document.xml", xxe)])).contains("DOCTYPE"));
    }

    #[test]
    fn keeps_the_parts_that_hold_placeholders() {
        let bytes = zip_of(&[
            ("word/document.xml", b"<w:document/>"),
            ("word/header1.xml", b"<w:hdr/>"),
            ("word/styles.xml", b"<w:styles/>"),
            ("word/media/logo.png", b"\x89PNG"),
        ]);
        let parts = check(Path::new("t.docx"), &bytes).unwrap();
        let names: Vec<_> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["word/document.xml", "word/header1.xml"]);
    }
}
