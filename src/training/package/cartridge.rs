//! `imsmanifest.xml` for IMS Common Cartridge 1.3: webcontent resources in a rooted hierarchy.

use quick_xml::events::BytesText;

use super::Package;
use super::xml::{document, items, metadata, resources};

pub fn manifest(package: &Package, language: &str) -> String {
    document(|w| {
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
                metadata(w, "IMS Common Cartridge", "1.3.0", |w| {
                    // lom > general > title > string: the cartridge's title, in its language.
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
                            w.create_element("item")
                                .with_attribute(("identifier", "ROOT"))
                                .write_inner_content(|w| items(w, package, &[]))?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
                resources(w, package, &[])
            })?;
        Ok(())
    })
}
