//! The parts the SCORM and Common Cartridge manifests share: one item and one webcontent
//! resource per page, every page's resource listing the shared files too.

use std::io;

use quick_xml::Writer;
use quick_xml::events::BytesText;

use super::Package;

pub type XmlWriter = Writer<Vec<u8>>;

/// `<item>`s, one per page, each pointing at its resource; `attrs` are added to every item.
pub fn items(w: &mut XmlWriter, package: &Package, attrs: &[(&str, &str)]) -> io::Result<()> {
    for page in &package.pages {
        let id = format!("ITEM-{}", page.identifier);
        let res = format!("RES-{}", page.identifier);
        w.create_element("item")
            .with_attributes([("identifier", id.as_str()), ("identifierref", res.as_str())])
            .with_attributes(attrs.iter().copied())
            .write_inner_content(|w| {
                w.create_element("title")
                    .write_text_content(BytesText::new(&page.title))?;
                Ok(())
            })?;
    }
    Ok(())
}

/// `<resources>`: a webcontent resource per page; `attrs` are added to every resource.
pub fn resources(w: &mut XmlWriter, package: &Package, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element("resources").write_inner_content(|w| {
        for page in &package.pages {
            let id = format!("RES-{}", page.identifier);
            w.create_element("resource")
                .with_attributes([
                    ("identifier", id.as_str()),
                    ("type", "webcontent"),
                    ("href", page.href.as_str()),
                ])
                .with_attributes(attrs.iter().copied())
                .write_inner_content(|w| {
                    let hrefs = std::iter::once(page.href.as_str())
                        .chain(package.files.iter().map(|f| f.href.as_str()));
                    for href in hrefs {
                        w.create_element("file")
                            .with_attribute(("href", href))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `<metadata>` with the schema and its version, and `more` inside it.
pub fn metadata(
    w: &mut XmlWriter,
    schema: &str,
    version: &str,
    more: impl FnOnce(&mut XmlWriter) -> io::Result<()>,
) -> io::Result<()> {
    w.create_element("metadata").write_inner_content(|w| {
        w.create_element("schema")
            .write_text_content(BytesText::new(schema))?;
        w.create_element("schemaversion")
            .write_text_content(BytesText::new(version))?;
        more(w)
    })?;
    Ok(())
}

/// Runs `body` on a fresh writer after the XML declaration and returns the document.
pub fn document(body: impl FnOnce(&mut XmlWriter) -> io::Result<()>) -> String {
    use quick_xml::events::{BytesDecl, Event};
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut w))
        .expect("writing XML to memory cannot fail");
    String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
}
