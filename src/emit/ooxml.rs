//! What the Word and PowerPoint writers share: an Office Open XML package (a zip of XML
//! parts) and text made safe for XML. Files come out byte for byte the same for the same
//! input (fixed timestamps), so a rebuild changes nothing that did not change.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use libdeflater::{CompressionLvl, Compressor};

/// How hard a part is compressed: libdeflate's fastest level makes files a little larger than
/// its 6 at a fraction of the cost, and a 10,000-lesson build writes 20,000 packages.
const LEVEL: i32 = 1;

/// Fixed MS-DOS time and date of every part (1980-01-01 00:00), so that the same input
/// gives the same bytes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// One part, ready to be written: its data stored or deflated.
#[derive(Debug, Clone)]
struct Part {
    name: String,
    deflated: bool,
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

impl Part {
    /// Compresses `bytes` unless that would not make them smaller (a part of a few bytes).
    ///
    /// A zip writer that resets a zlib stream for each part spends more on clearing its
    /// tables than on compressing a slide of 3 KB, and a .pptx has 40 parts: libdeflate
    /// compresses whole buffers with one reused compressor per thread instead.
    fn new(name: &str, bytes: &[u8]) -> std::io::Result<Part> {
        thread_local! {
            static COMPRESSOR: RefCell<Compressor> = RefCell::new(Compressor::new(
                CompressionLvl::new(LEVEL).unwrap_or_default(),
            ));
        }
        let size = u32::try_from(bytes.len()).map_err(|_| too_big(name))?;
        let deflated = COMPRESSOR.with(|c| {
            let mut c = c.borrow_mut();
            let mut out = vec![0; c.deflate_compress_bound(bytes.len())];
            let n = c.deflate_compress(bytes, &mut out).ok()?;
            out.truncate(n);
            (n < bytes.len()).then_some(out)
        });
        Ok(Part {
            name: name.to_string(),
            deflated: deflated.is_some(),
            crc: libdeflater::crc32(bytes),
            size,
            data: deflated.unwrap_or_else(|| bytes.to_vec()),
        })
    }
}

fn too_big(name: &str) -> std::io::Error {
    std::io::Error::other(format!("{name} is larger than 4 GB"))
}

/// Parts that every package of a kind carries unchanged (a theme, a slide master, styles),
/// compressed once and copied into each package as they are.
#[derive(Debug, Clone)]
pub struct SharedParts {
    parts: Arc<[Part]>,
}

impl SharedParts {
    pub fn new(parts: &[(&str, &[u8])]) -> std::io::Result<SharedParts> {
        let parts: std::io::Result<Vec<Part>> = parts
            .iter()
            .map(|(name, bytes)| Part::new(name, bytes))
            .collect();
        Ok(SharedParts {
            parts: parts?.into(),
        })
    }
}

/// An OOXML package being written: a zip archive (APPNOTE 6.3, no zip64: parts and packages
/// stay far below 4 GB), parts in the order added.
#[derive(Default)]
pub struct Package {
    out: Vec<u8>,
    /// Each part's central-directory record, written by [`Package::finish`].
    central: Vec<u8>,
    count: u16,
}

impl Package {
    pub fn new() -> Package {
        Package::default()
    }

    /// Adds a part, e.g. `word/document.xml`. `[Content_Types].xml` should come first: some
    /// readers look for it there.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.put(&Part::new(name, bytes)?)
    }

    /// Adds every part of `shared`, in their order, already compressed.
    pub fn add_shared(&mut self, shared: &SharedParts) -> std::io::Result<()> {
        shared.parts.iter().try_for_each(|part| self.put(part))
    }

    fn put(&mut self, part: &Part) -> std::io::Result<()> {
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big(&part.name))?;
        let csize = u32::try_from(part.data.len()).map_err(|_| too_big(&part.name))?;
        let name = part.name.as_bytes();
        let name_len = u16::try_from(name.len()).map_err(|_| too_big(&part.name))?;
        let method: u16 = if part.deflated { 8 } else { 0 };
        // What the local header and the central record have in common, from "version needed".
        let mut common = Vec::with_capacity(26);
        for v in [20u16, 0, method, DOS_TIME, DOS_DATE] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [part.crc, csize, part.size] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra field length

        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&common);
        self.out.extend_from_slice(name);
        self.out.extend_from_slice(&part.data);

        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes()); // version made by: MS-DOS, 2.0
        self.central.extend_from_slice(&common);
        // Comment length, disk number, internal and external attributes, then the offset.
        self.central.extend_from_slice(&[0; 10]);
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name);
        self.count = self
            .count
            .checked_add(1)
            .ok_or_else(|| std::io::Error::other("more than 65,535 parts"))?;
        Ok(())
    }

    pub fn finish(mut self) -> std::io::Result<Vec<u8>> {
        let start = u32::try_from(self.out.len()).map_err(|_| too_big("the package"))?;
        let size = u32::try_from(self.central.len()).map_err(|_| too_big("the package"))?;
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]); // this disk, the disk where the directory starts
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&start.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        Ok(self.out)
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

    use std::io::Cursor;

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
