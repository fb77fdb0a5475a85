//! `imsmanifest.xml` for IMS Common Cartridge 1.3: webcontent resources in a rooted hierarchy.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::Package;

pub fn manifest(package: &Package, language: &str) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let result: std::io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("manifest")
            .with_attributes([
                ("identifier", package.identifier.as_str()),
                ("xmlns", "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"),
                ("xmlns:lomimscc", "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd \
                     http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd",
                ),
            ])
            .write_inner_content(|w| {
                w.create_element("metadata").write_inner_content(|w| {
                    w.create_element("schema").write_text_content(BytesText::new("IMS Common Cartridge"))?;
                    w.create_element("schemaversion").write_text_content(BytesText::new("1.3.0"))?;
                    w.create_element("lomimscc:lom").write_inner_content(|w| {
                        w.create_element("lomimscc:general").write_inner_content(|w| {
                            w.create_element("lomimscc:title").write_inner_content(|w| {
                                w.create_element("lomimscc:string")
                                    .with_attribute(("language", language))
                                    .write_text_content(BytesText::new(&package.title))?;
                                Ok(())
                            })?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
                w.create_element("organizations").write_inner_content(|w| {
                    w.create_element("organization")
                        .with_attributes([("identifier", "ORG-1"), ("structure", "rooted-hierarchy")])
                        .write_inner_content(|w| {
                            w.create_element("item").with_attribute(("identifier", "ROOT")).write_inner_content(|w| {
                                for page in &package.pages {
                                    w.create_element("item")
                                        .with_attributes([
                                            ("identifier", format!("ITEM-{}", page.identifier).as_str()),
                                            ("identifierref", format!("RES-{}", page.identifier).as_str()),
                                        ])
                                        .write_inner_content(|w| {
                                            w.create_element("title").write_text_content(BytesText::new(&page.title))?;
                                            Ok(())
                                        })?;
                                }
                                Ok(())
                            })?;
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
                                ("href", page.href.as_str()),
                            ])
                            .write_inner_content(|w| {
                                w.create_element("file").with_attribute(("href", page.href.as_str())).write_empty()?;
                                for f in &package.files {
                                    w.create_element("file").with_attribute(("href", f.href.as_str())).write_empty()?;
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
