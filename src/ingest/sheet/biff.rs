//! The sizes an .xls declares, read before calamine sees the file.
//!
//! calamine 0.38 reserves `rows × columns` cells from each worksheet's DIMENSIONS record
//! ([MS-XLS] 2.4.90) as it parses the workbook. A crafted record asks for terabytes; the
//! allocation fails and the process aborts, which no panic guard can catch, so one such file
//! would stop a whole run. Then it lays each sheet's cells out densely (`Range::from_sparse`):
//! two cells 60,000 rows and columns apart ask for 134 GB the same way. This module walks
//! the same records calamine walks (the Workbook stream's globals, then each BoundSheet8's
//! substream) and refuses a declared area larger than an Excel 97–2003 sheet can be, and
//! cells spread over more than [`MAX_SPAN`].

use super::ole::{le16, le32};
use crate::model::ReadProblem;

/// The largest sheet BIFF8 allows: 65,536 rows × 256 columns. calamine reserves this many
/// cells (address space only) for a sheet's DIMENSIONS record.
const MAX_AREA: u64 = 65_536 * 256;

/// The most cells the box around a sheet's cells may hold. calamine fills that box with
/// empty cells (32 bytes each) for every sheet: 4,194,304 is 128 MB, far past any report.
const MAX_SPAN: u64 = 1 << 22;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const CONTINUE: u16 = 0x003C;

/// Refuses a workbook whose sheets declare more cells than an .xls sheet can hold, or whose
/// Workbook stream's sectors loop.
///
/// A file whose Workbook stream cannot be read is left to calamine, which reports it.
pub(super) fn check_sizes(bytes: &[u8]) -> Result<(), ReadProblem> {
    let stream = match super::ole::workbook_stream(bytes) {
        Ok(s) => s,
        Err(super::ole::Failed::Unreadable) => return Ok(()),
        Err(super::ole::Failed::Loop) => {
            return Err(ReadProblem::Corrupt {
                format: "xls".into(),
                detail: "a sector chain of the Workbook stream loops".into(),
            })
        }
    };
    for pos in sheet_positions(&stream) {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        // calamine's walk: a sheet ends at its first EOF outside nested substreams (charts).
        // DIMENSIONS records inside them are checked too, which is stricter than needed.
        let (mut seen_bof, mut depth) = (false, 0usize);
        let mut cells = Span::default();
        for (typ, data) in Records(sheet) {
            match typ {
                DIMENSIONS if declared_area(data).is_some_and(|a| a > MAX_AREA) => {
                    return Err(ReadProblem::OverLimit {
                        what: "xls declared sheet cells".into(),
                        cap: MAX_AREA,
                    });
                }
                BOF if depth > 0 || seen_bof => depth += 1,
                BOF => seen_bof = true,
                EOF if depth > 0 => depth -= 1,
                EOF => break,
                // calamine reads cells only outside nested substreams.
                _ if depth == 0 => cells.add(typ, data),
                _ => {}
            }
        }
        if cells.area() > MAX_SPAN {
            return Err(ReadProblem::OverLimit {
                what: "xls sheet cells' extent".into(),
                cap: MAX_SPAN,
            });
        }
    }
    Ok(())
}

/// The box around a sheet's cells, as calamine will lay them out (`Range::from_sparse`).
#[derive(Default)]
struct Span {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Span {
    /// Widens the box by a cell record (the types calamine turns into cells or formulas).
    fn add(&mut self, typ: u16, data: &[u8]) {
        let at = |i: usize| le16(data, i);
        let (row, first, last) = match typ {
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row, column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                let (Some(r), Some(c)) = (at(0), at(2)) else {
                    return;
                };
                (r, c, c)
            }
            // MulRk: row, first column, ..., last column.
            0x00BD if data.len() >= 6 => {
                let (Some(r), Some(c0), Some(c1)) = (at(0), at(2), at(data.len() - 2)) else {
                    return;
                };
                (r, c0.min(c1), c0.max(c1))
            }
            _ => return,
        };
        let widen = |b: &mut Option<(u16, u16)>, lo: u16, hi: u16| {
            *b = Some(b.map_or((lo, hi), |(a, z)| (a.min(lo), z.max(hi))));
        };
        widen(&mut self.rows, row, row);
        widen(&mut self.cols, first, last);
    }

    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

/// The substream offsets of the BoundSheet8 records in the globals, up to their EOF.
fn sheet_positions(stream: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    for (typ, data) in Records(stream) {
        match typ {
            BOUND_SHEET => {
                if let Some(pos) = le32(data, 0) {
                    out.push(pos as usize);
                }
            }
            EOF => break,
            _ => {}
        }
    }
    out
}

/// The cells calamine would reserve for a DIMENSIONS record: its arithmetic, wrapping as a
/// release build wraps, so a first row past the last one is caught too.
fn declared_area(r: &[u8]) -> Option<u64> {
    let short = |i: usize| le16(r, i).map(u32::from);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (short(0)?, short(2)?, short(4)?, short(6)?),
        14 | 16 => (le32(r, 0)?, le32(r, 4)?, short(8)?, short(10)?),
        _ => return None,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return Some(1);
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    Some(u64::from(rows) * u64::from(cols))
}

/// BIFF records as calamine reads them: type, length, data, with Continue records skipped.
struct Records<'a>(&'a [u8]);

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let (typ, data) = record(self.0)?;
        self.0 = &self.0[4 + data.len()..];
        while let Some((CONTINUE, cont)) = record(self.0) {
            self.0 = &self.0[4 + cont.len()..];
        }
        Some((typ, data))
    }
}

fn record(s: &[u8]) -> Option<(u16, &[u8])> {
    let len = usize::from(le16(s, 2)?);
    Some((le16(s, 0)?, s.get(4..4 + len)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn dims(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut d = rf.to_le_bytes().to_vec();
        d.extend(rl.to_le_bytes());
        d.extend(cf.to_le_bytes());
        d.extend(cl.to_le_bytes());
        d.extend([0, 0]);
        d
    }

    /// An OLE file whose Workbook stream has one sheet declaring `sheet_dims`.
    fn workbook(sheet_dims: &[u8]) -> Vec<u8> {
        workbook_with(&rec(DIMENSIONS, sheet_dims))
    }

    /// An OLE file whose Workbook stream has one sheet of `records`.
    fn workbook_with(records: &[u8]) -> Vec<u8> {
        let bof = rec(BOF, &[0, 6, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let globals_len = bof.len() + 4 + 12 + 4;
        let mut bound = (globals_len as u32).to_le_bytes().to_vec();
        bound.extend([0, 0, 4, 0]);
        bound.extend(b"Shee");
        let mut stream = bof.clone();
        stream.extend(rec(BOUND_SHEET, &bound));
        stream.extend(rec(EOF, &[]));
        assert_eq!(stream.len(), globals_len);
        stream.extend(bof);
        stream.extend(records);
        stream.extend(rec(EOF, &[]));
        let mut file =
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
                .unwrap();
        file.create_stream("/Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn a_sheet_declaring_terabytes_is_refused() {
        let err = check_sizes(&workbook(&dims(0, 0x7fff_ffff, 0, 200))).unwrap_err();
        assert!(
            matches!(&err, ReadProblem::OverLimit { what, cap: MAX_AREA } if what.contains("xls")),
            "{err:?}"
        );
        // A first row past the last wraps around in calamine's arithmetic.
        assert!(check_sizes(&workbook(&dims(10, 5, 0, 3))).is_err());
    }

    #[test]
    fn cells_far_apart_are_refused() {
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0; 10]);
            rec(0x0203, &d)
        };
        let sheet = |cells: &[Vec<u8>]| {
            let mut dims_and_cells = rec(DIMENSIONS, &dims(0, 1, 0, 1));
            for c in cells {
                dims_and_cells.extend(c);
            }
            dims_and_cells
        };
        // Two numbers 60,000 rows and 60,000 columns apart: 3.6 × 10⁹ cells to lay out.
        let far = workbook_with(&sheet(&[number(0, 0), number(60_000, 60_000)]));
        let err = check_sizes(&far).unwrap_err();
        assert!(
            matches!(&err, ReadProblem::OverLimit { cap: MAX_SPAN, .. }),
            "{err:?}"
        );
        let near = workbook_with(&sheet(&[number(0, 0), number(40, 12)]));
        assert!(check_sizes(&near).is_ok());
    }

    #[test]
    fn sheets_up_to_the_biff8_maximum_pass() {
        assert!(check_sizes(&workbook(&dims(0, 65_536, 0, 256))).is_ok());
        assert!(check_sizes(&workbook(&dims(0, 40, 0, 12))).is_ok());
        // An empty sheet declares zero rows.
        assert!(check_sizes(&workbook(&dims(0, 0, 0, 0))).is_ok());
        let real = include_bytes!("../../../tests/fixtures/formats/sheet/seed_huancui_2023.xls");
        assert!(check_sizes(real).is_ok());
        let stream = super::super::ole::workbook_stream(real).expect("the Workbook stream is read");
        assert!(!sheet_positions(&stream).is_empty());
    }

    #[test]
    fn records_skip_continues_and_stop_at_truncation() {
        let mut s = rec(BOF, &[1, 2]);
        s.extend(rec(CONTINUE, &[3]));
        s.extend(rec(EOF, &[]));
        s.extend([0x00, 0x02, 0xff]);
        let types: Vec<u16> = Records(&s).map(|(t, _)| t).collect();
        assert_eq!(types, [BOF, EOF]);
    }
}
