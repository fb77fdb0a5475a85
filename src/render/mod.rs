//! Render: Markdown to HTML, and HTML pages from templates.

pub mod markdown;
pub mod quiz;
pub mod templates;
pub mod urls;
