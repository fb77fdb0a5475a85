//! What the Word and PowerPoint writers share: an Office Open XML package (a zip of XML
//! parts) and text made safe for XML. Files come out byte for byte the same for the same
//! input (fixed timestamps), so a rebuild changes nothing that did not change.

use std::borrow::Cow;
use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

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
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        self.zip
            .start_file(name, options)
            .map_err(std::io::Error::other)?;
        self.zip.write_all(bytes)
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
}
