//! Render: Markdown to HTML, and HTML pages from templates.

pub mod escape;
pub mod markdown;
pub mod quiz;
pub mod raw_html;
pub mod sanitize;
pub mod templates;
