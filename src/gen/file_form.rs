//! The kind of file a generated report is written as: plain text (its tables in a
//! [`TextForm`](super::TextForm)), a CMS web page (UTF-8, or GBK labelled `gb2312`) or a
//! Word file, and the share of each in a district ([`FormMix`]).

use super::forms::{outline, Dress, Part, Style};
use super::html::{self, Chrome, PageStyle};
use super::random::Rng;
use crate::model::{Date, Report};
use crate::render::docx;
use crate::render::grid::{self, Grid};

/// The kind of file a report is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileForm {
    /// A `.txt` file.
    Text,
    /// A `.html` page of a government site.
    Html {
        /// GBK bytes labelled `gb2312`.
        gbk: bool,
    },
    /// A `.docx` Word file.
    Docx,
}

impl FileForm {
    /// The files.csv `form` name (a text file's is its table form's), and part of an
    /// `id`-named file's name.
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            FileForm::Text => None,
            FileForm::Html { gbk: false } => Some("html"),
            FileForm::Html { gbk: true } => Some("html_gbk"),
            FileForm::Docx => Some("docx"),
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileForm::Text => "txt",
            FileForm::Html { .. } => "html",
            FileForm::Docx => "docx",
        }
    }
}

/// Shares of a district's files written as web pages and as Word files (the rest is text).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FormMix {
    /// Share of web pages (0 to 1); a third of them in GBK.
    pub html: f64,
    /// Share of Word files (0 to 1).
    pub docx: f64,
}

impl FormMix {
    /// Text files only, as earlier versions wrote.
    pub const TEXT: FormMix = FormMix {
        html: 0.0,
        docx: 0.0,
    };
    /// What `nianbao gen` writes: a fifth web pages, a tenth Word files.
    pub const MIXED: FormMix = FormMix {
        html: 0.2,
        docx: 0.1,
    };

    /// The form of unit `index`'s report for `year`: drawn from a stream of its own, so that
    /// tables, faults and dress are the same whatever the mix.
    pub fn draw(self, seed: u64, index: usize, year: i32) -> FileForm {
        let mut rng = Rng::new(
            seed.wrapping_mul(0x94d0_49bb_1331_11eb)
                ^ (index as u64 + 7).wrapping_mul(0x2545_f491_4f6c_dd1d)
                ^ (year as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        let draw = rng.below(1_000_000) as f64 / 1_000_000.0;
        if draw < self.html {
            FileForm::Html {
                gbk: rng.chance(33),
            }
        } else if draw < self.html + self.docx {
            FileForm::Docx
        } else {
            FileForm::Text
        }
    }
}

/// Who publishes a report, for a page's chrome and a Word file's properties.
#[derive(Clone, Debug)]
pub struct Publisher<'a> {
    /// The site (the district government's name).
    pub site: &'a str,
    /// The unit as its report names itself (发布机构, the author).
    pub unit: &'a str,
    /// Random bits: the 索引号, whether the page has a PubDate meta.
    pub salt: u64,
}

/// The report written as a web page or a Word file (a text file's bytes are its text,
/// written elsewhere).
pub fn write(
    form: FileForm,
    report: &Report,
    style: Style,
    dress: &Dress,
    who: &Publisher<'_>,
) -> Vec<u8> {
    let parts = outline(report, style, dress);
    let grids = grid::tables(report);
    let date = report.meta.published.map(|p| p.date);
    match form {
        FileForm::Text => Vec::new(),
        FileForm::Html { gbk } => {
            let year = report.meta.year.unwrap_or(2023);
            let chrome = Chrome {
                site: who.site.to_string(),
                publisher: who.unit.to_string(),
                date: date.unwrap_or(Date {
                    year: year + 1,
                    month: 1,
                    day: 20,
                }),
                index_no: format!(
                    "11370000MB{:07}/{}-{:05}",
                    who.salt % 10_000_000,
                    year + 1,
                    who.salt % 99_991
                ),
                related: vec![
                    format!("{}{}年政府信息公开工作年度报告", who.unit, year - 1),
                    format!("{}政府信息公开指南", who.unit),
                ],
                pubdate_meta: who.salt.is_multiple_of(2),
            };
            html::page(
                &parts,
                &grids,
                &PageStyle {
                    chrome: Some(chrome),
                    gbk,
                },
            )
        }
        FileForm::Docx => {
            let props = docx::Properties {
                title: dress.title.clone(),
                creator: who.unit.to_string(),
                date: date.map_or(String::new(), |d| {
                    format!("{}-{:02}-{:02}T09:00:00Z", d.year, d.month, d.day)
                }),
            };
            // Writing into memory does not fail.
            docx::write(&docx_blocks(&parts, &grids), &props).unwrap_or_default()
        }
    }
}

/// The parts as the DOCX writer's blocks.
pub fn docx_blocks(parts: &[Part], grids: &[Grid; 3]) -> Vec<docx::Block> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Title(t) => Some(docx::Block::Title(t.clone())),
            Part::Para(t) => Some(docx::Block::Para(t.clone())),
            Part::Table(k) => grids.get(*k).filter(|g| !g.rows.is_empty()).map(|g| {
                docx::Block::Table(grid::docx_table(g, docx::Page::default().text_width() - 46))
            }),
        })
        .collect()
}
