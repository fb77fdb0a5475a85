//! What the Word and PowerPoint writers share: an Office Open XML package (a zip of XML
//! parts) and text made safe for XML. Files come out byte for byte the same for the same
//! input (fixed timestamps), so a rebuild changes nothing that did not change.

use std::borrow::Cow;
use std::io::{Cursor, Write};
use std::sync::Arc;

use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

/// How hard a part is compressed. Level 1 (zlib's fastest) makes files a little larger than
/// the default 6 but costs far less: a 10,000-lesson build writes 20,000 packages.
const LEVEL: i64 = 1;

/// Parts smaller than this are stored as they are: a relationships part of 400 bytes would
/// shrink by 200, while starting a compressor for it costs more than compressing a slide.
const STORE_BELOW: usize = 1024;

fn options(len: usize) -> SimpleFileOptions {
    let options = SimpleFileOptions::default();
    if len < STORE_BELOW {
        options.compression_method(zip::CompressionMethod::Stored)
    } else {
        options
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(LEVEL))
    }
}

/// Parts that every package of a kind carries unchanged (a theme, a slide master, styles),
/// compressed once and copied into each package as they are, without compressing them again.
#[derive(Clone)]
pub struct SharedParts {
    archive: ZipArchive<Cursor<Arc<[u8]>>>,
}

impl SharedParts {
    pub fn new(parts: &[(&str, &[u8])]) -> std::io::Result<SharedParts> {
        let mut p = Package::new();
        for (name, bytes) in parts {
            p.add(name, bytes)?;
        }
        let bytes: Arc<[u8]> = p.finish()?.into();
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(std::io::Error::other)?;
        Ok(SharedParts { archive })
    }
}

/// An OOXML package being written.
pub struct Package {
    zip: ZipWriter<Cursor<Vec<u8>>>,
}

impl Default for Package {
    fn default() -> Self {
        Package::new()
    }
}

impl Package {
    pub fn new() -> Package {
        Package {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    /// Adds a part, e.g. `word/document.xml`. `[Content_Types].xml` should come first: some
    /// readers look for it there.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.zip
            .start_file(name, options(bytes.len()))
            .map_err(std::io::Error::other)?;
        self.zip.write_all(bytes)
    }

    /// Adds every part of `shared`, in their order, already compressed.
    pub fn add_shared(&mut self, shared: &SharedParts) -> std::io::Result<()> {
        self.zip
            .merge_archive(shared.archive.clone())
            .map_err(std::io::Error::other)
    }

    pub fn finish(self) -> std::io::Result<Vec<u8>> {
        let cursor = self.zip.finish().map_err(std::io::Error::other)?;
        Ok(cursor.into_inner())
    }
}

/// Text as XML character data or an attribute value: `<>&"'` escaped, and the characters XML
/// 1.0 forbids (most control characters) dropped, so no author's text can break a file.
pub fn escape(text: &str) -> Cow<'_, str> {
    let needs = text
        .chars()
        .any(|c| matches!(c, '<' | '>' | '&' | '"' | '\'') || !allowed(c));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// XML 1.0's `Char` production.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("课题"), Cow::Borrowed("课题"));
        assert_eq!(
            escape("<w:t>&\"'\u{1}\u{FFFE}好"),
            "&lt;w:t&gt;&amp;&quot;&apos;好"
        );
    }

    #[test]
    fn a_package_is_a_zip_with_its_parts_and_the_same_bytes_each_time() {
        let make = || {
            let mut p = Package::new();
            p.add("[Content_Types].xml", b"<Types/>").unwrap();
            p.add(
                "word/document.xml",
                "<w:document>课</w:document>".as_bytes(),
            )
            .unwrap();
            p.finish().unwrap()
        };
        let bytes = make();
        assert_eq!(bytes, make());
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 2);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut text)
            .unwrap();
        assert_eq!(text, "<w:document>课</w:document>");
    }

    #[test]
    fn shared_parts_arrive_whole_and_in_order_between_a_packages_own() {
        let shared = SharedParts::new(&[
            ("word/styles.xml", "<w:styles>宋体</w:styles>".as_bytes()),
            ("word/settings.xml", b"<w:settings/>"),
        ])
        .unwrap();
        let make = || {
            let mut p = Package::new();
            p.add("[Content_Types].xml", b"<Types/>").unwrap();
            p.add_shared(&shared).unwrap();
            p.add("word/document.xml", b"<w:document/>").unwrap();
            p.finish().unwrap()
        };
        let bytes = make();
        assert_eq!(bytes, make());
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index_raw(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "word/styles.xml",
                "word/settings.xml",
                "word/document.xml"
            ]
        );
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/styles.xml").unwrap(), &mut text)
            .unwrap();
        assert_eq!(text, "<w:styles>宋体</w:styles>");
    }
}
