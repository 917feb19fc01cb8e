//! Bytes for every artifact: facts CSV, findings as text or JSON.
//!
//! Renderers return strings or bytes; they never write files or print.

pub mod charts;
pub mod diagnostics;
pub mod docx;
pub mod draft;
pub mod facts;
pub mod grid;
pub mod index;
pub mod letters;
pub mod pack;
pub mod rollup;
pub mod tables;
pub mod write;
pub mod xlsx;

/// Text escaped for HTML (element content and quoted attribute values).
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
