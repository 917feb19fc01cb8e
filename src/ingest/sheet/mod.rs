//! Spreadsheets: .xlsx/.xlsm/.xlsb and .xls through calamine, .ods read by hand (calamine
//! has no merged regions for it). Each sheet in order; its cells become lines and tables
//! (`grid`), numbers printed as a person reads them.
//!
//! Zip-based workbooks are first read through the package limits (a bomb is a finding), and
//! cells are read one by one where calamine allows it (.xlsx, .xlsb): its dense ranges would
//! allocate rows × columns for two cells far apart. An .xls is parsed whole by calamine.

mod biff;
mod grid;
mod ods;
mod ole;

use super::builder::DocBuilder;
use super::document::{Document, Format};
use super::docx::package::{self, Package};
use crate::model::ReadProblem;
use calamine::{Data, DataRef, Reader, SheetType, SheetVisible};
use grid::{Grid, Merge};
use std::io::Cursor;
use std::path::Path;

/// Decodes a workbook.
pub(super) fn decode(path: &Path, bytes: &[u8], format: Format) -> Result<Document, ReadProblem> {
    let name = format.as_str();
    if package::is_encrypted_ole(bytes) {
        return Err(ReadProblem::Encrypted {
            format: name.into(),
        });
    }
    let sheets = match format {
        Format::Ods => ods::read(bytes)?,
        Format::Xls => xls(bytes)?,
        _ => {
            // Only the parts calamine reads (XML, relationships, binary records) are proved.
            Package::open(bytes, name)?
                .verify(|n| n.ends_with(".xml") || n.ends_with(".rels") || n.ends_with(".bin"))?;
            if bytes_have(bytes, b"xl/workbook.bin") {
                xlsb(bytes)?
            } else {
                xlsx(bytes)?
            }
        }
    };
    let mut b = DocBuilder::new();
    for grid in sheets {
        grid.write(&mut b)?;
    }
    b.finish(path, format, "UTF-8")
}

fn bytes_have(bytes: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(bytes, needle).is_some()
}

/// The worksheets a reader shows, in order (chart sheets and very hidden sheets left out).
fn worksheets<R: Reader<Cursor<Vec<u8>>>>(book: &R) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible != SheetVisible::VeryHidden)
        .map(|s| s.name.clone())
        .collect()
}

fn xlsx(bytes: &[u8]) -> Result<Vec<Grid>, ReadProblem> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes.to_vec())).map_err(xlsx_problem)?;
    let mut out = Vec::new();
    for name in worksheets(&book) {
        let mut grid = Grid::default();
        for d in book
            .merge_cells_by_sheet_name(&name)
            .map_err(xlsx_problem)?
        {
            grid.merge(merge(&d))?;
        }
        let mut cells = book.worksheet_cells_reader(&name).map_err(xlsx_problem)?;
        while let Some(cell) = cells.next_cell().map_err(xlsx_problem)? {
            let (r, c) = cell.get_position();
            grid.set(r, c, data_ref_text(cell.get_value()))?;
        }
        out.push(grid);
    }
    Ok(out)
}

fn xlsb(bytes: &[u8]) -> Result<Vec<Grid>, ReadProblem> {
    let problem = |e: calamine::XlsbError| match e {
        calamine::XlsbError::Password => encrypted("xlsb"),
        e => corrupt("xlsb", &e),
    };
    let mut book = calamine::Xlsb::new(Cursor::new(bytes.to_vec())).map_err(problem)?;
    let mut out = Vec::new();
    for name in worksheets(&book) {
        let mut grid = Grid::default();
        let mut cells = book.worksheet_cells_reader(&name).map_err(problem)?;
        while let Some(cell) = cells.next_cell().map_err(problem)? {
            let (r, c) = cell.get_position();
            grid.set(r, c, data_ref_text(cell.get_value()))?;
        }
        out.push(grid);
    }
    Ok(out)
}

fn xls(bytes: &[u8]) -> Result<Vec<Grid>, ReadProblem> {
    // calamine reserves memory from each sheet's declared size before reading a cell, and a
    // failed allocation aborts the process: measure the declarations first.
    biff::check_sizes(bytes)?;
    let problem = |e: calamine::XlsError| match e {
        calamine::XlsError::Password => encrypted("xls"),
        e => corrupt("xls", &e),
    };
    let mut book = calamine::Xls::new(Cursor::new(bytes.to_vec())).map_err(problem)?;
    let mut out = Vec::new();
    for name in worksheets(&book) {
        let mut grid = Grid::default();
        for d in book.merge_cells_by_sheet_name(&name).map_err(problem)? {
            grid.merge(merge(&d))?;
        }
        let range = book.worksheet_range(&name).map_err(problem)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            grid.set(r0 + r, c0 + c, data_text(v))?;
        }
        out.push(grid);
    }
    Ok(out)
}

fn merge(d: &calamine::Dimensions) -> Merge {
    Merge {
        r0: d.start.0,
        c0: d.start.1,
        r1: d.end.0,
        c1: d.end.1,
    }
}

fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => grid::number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => date_time(d),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn data_ref_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => grid::number(*f),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(d) => date_time(d),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// A date cell as the date a reader sees (2024-01-20), a duration as its number.
fn date_time(d: &calamine::ExcelDateTime) -> String {
    if !d.is_datetime() {
        return grid::number(d.as_f64());
    }
    let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
    if (h, min, s) == (0, 0, 0) {
        format!("{y}-{m:02}-{day:02}")
    } else {
        format!("{y}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
    }
}

fn xlsx_problem(e: calamine::XlsxError) -> ReadProblem {
    match e {
        calamine::XlsxError::Password => encrypted("xlsx"),
        e => corrupt("xlsx", &e),
    }
}

fn encrypted(format: &str) -> ReadProblem {
    ReadProblem::Encrypted {
        format: format.into(),
    }
}

fn corrupt(format: &str, e: &dyn std::fmt::Display) -> ReadProblem {
    ReadProblem::Corrupt {
        format: format.into(),
        detail: e.to_string().chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests;
