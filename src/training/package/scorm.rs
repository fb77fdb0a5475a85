//! `imsmanifest.xml` for SCORM 1.2: one item per page, each a SCO.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::Package;

pub fn manifest(package: &Package) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let result: std::io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("manifest")
            .with_attributes([
                ("identifier", package.identifier.as_str()),
                ("version", "1.0"),
                ("xmlns", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
                ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
                     http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd \
                     http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
                ),
            ])
            .write_inner_content(|w| {
                w.create_element("metadata").write_inner_content(|w| {
                    w.create_element("schema")
                        .write_text_content(BytesText::new("ADL SCORM"))?;
                    w.create_element("schemaversion")
                        .write_text_content(BytesText::new("1.2"))?;
                    Ok(())
                })?;
                w.create_element("organizations")
                    .with_attribute(("default", "ORG-1"))
                    .write_inner_content(|w| {
                        w.create_element("organization")
                            .with_attribute(("identifier", "ORG-1"))
                            .write_inner_content(|w| {
                                w.create_element("title")
                                    .write_text_content(BytesText::new(&package.title))?;
                                for page in &package.pages {
                                    w.create_element("item")
                                        .with_attributes([
                                            (
                                                "identifier",
                                                format!("ITEM-{}", page.identifier).as_str(),
                                            ),
                                            (
                                                "identifierref",
                                                format!("RES-{}", page.identifier).as_str(),
                                            ),
                                            ("isvisible", "true"),
                                        ])
                                        .write_inner_content(|w| {
                                            w.create_element("title")
                                                .write_text_content(BytesText::new(&page.title))?;
                                            Ok(())
                                        })?;
                                }
                                Ok(())
                            })?;
                        Ok(())
                    })?;
                w.create_element("resources").write_inner_content(|w| {
                    for page in &package.pages {
                        w.create_element("resource")
                            .with_attributes([
                                ("identifier", format!("RES-{}", page.identifier).as_str()),
                                ("type", "webcontent"),
                                ("adlcp:scormtype", "sco"),
                                ("href", page.href.as_str()),
                            ])
                            .write_inner_content(|w| {
                                w.create_element("file")
                                    .with_attribute(("href", page.href.as_str()))
                                    .write_empty()?;
                                for f in &package.files {
                                    w.create_element("file")
                                        .with_attribute(("href", f.href.as_str()))
                                        .write_empty()?;
                                }
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })();
    result.expect("writing XML to memory cannot fail");
    String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
}
