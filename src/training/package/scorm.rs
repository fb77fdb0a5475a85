//! `imsmanifest.xml` for SCORM 1.2: one item per page, each a SCO.

use quick_xml::events::BytesText;

use super::Package;
use super::xml::{document, items, metadata, resources};

pub fn manifest(package: &Package) -> String {
    document(|w| {
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
                metadata(w, "ADL SCORM", "1.2", |_| Ok(()))?;
                w.create_element("organizations")
                    .with_attribute(("default", "ORG-1"))
                    .write_inner_content(|w| {
                        w.create_element("organization")
                            .with_attribute(("identifier", "ORG-1"))
                            .write_inner_content(|w| {
                                w.create_element("title")
                                    .write_text_content(BytesText::new(&package.title))?;
                                items(w, package, &[("isvisible", "true")])
                            })?;
                        Ok(())
                    })?;
                resources(w, package, &[("adlcp:scormtype", "sco")])
            })?;
        Ok(())
    })
}
