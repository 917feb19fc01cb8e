//! The Workbook stream of an .xls, found exactly as calamine 0.38 finds it.
//!
//! A port of calamine's private Compound File reader (calamine 0.38.0 `src/cfb.rs`, MIT,
//! copyright 2016-2026 Johann Tuffe), reading the same sectors through the same cursor, so
//! that `biff` checks the very bytes calamine will parse. Stricter readers (the `cfb`
//! crate) refuse files calamine reads, and such a file once carried a DIMENSIONS record
//! past the check. Where calamine would panic, this returns `Err(Unreadable)` (calamine's
//! own panic is then caught by the decode budget); a sector chain longer than the file,
//! which only a loop makes and on which calamine would spin or fill memory, is `Err(Loop)`.

use std::io::{Cursor, Read};

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// Why the stream was not found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Failed {
    /// calamine fails or panics on this file too.
    Unreadable,
    /// A sector chain loops: longer than the file.
    Loop,
}

type R<T> = Result<T, Failed>;

/// The little-endian u16 at byte `i`, if the bytes reach that far.
pub(super) fn le16(b: &[u8], i: usize) -> Option<u16> {
    let s = b.get(i..i.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

/// The little-endian u32 at byte `i`, if the bytes reach that far.
pub(super) fn le32(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u16_at(b: &[u8], i: usize) -> R<u16> {
    le16(b, i).ok_or(Failed::Unreadable)
}

fn u32_at(b: &[u8], i: usize) -> R<u32> {
    le32(b, i).ok_or(Failed::Unreadable)
}

/// calamine's `to_u32`, which asserts a whole number of words.
fn words(b: &[u8]) -> R<Vec<u32>> {
    if !b.len().is_multiple_of(4) {
        return Err(Failed::Unreadable);
    }
    Ok(b.chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect())
}

fn read(r: &mut Cursor<&[u8]>, buf: &mut [u8]) -> R<usize> {
    r.read(buf).map_err(|_| Failed::Unreadable)
}

/// The stream named `Workbook`, else `Book` (ASCII case ignored), as calamine reads it.
pub(super) fn workbook_stream(bytes: &[u8]) -> R<Vec<u8>> {
    let mut r = Cursor::new(bytes);
    let mut cfb = Cfb::new(&mut r, bytes.len())?;
    match cfb.stream("Workbook", &mut r, bytes.len()) {
        Err(Failed::Unreadable) => cfb.stream("Book", &mut r, bytes.len()),
        found => found,
    }
}

struct Directory {
    name: String,
    start: u32,
    len: usize,
}

struct Cfb {
    directories: Vec<Directory>,
    sectors: Sectors,
    fats: Vec<u32>,
    mini_sectors: Sectors,
    mini_fats: Vec<u32>,
}

impl Cfb {
    fn new(r: &mut Cursor<&[u8]>, len: usize) -> R<Cfb> {
        // The header.
        let mut buf = [0u8; 512];
        let mut n = 0;
        loop {
            let k = read(r, &mut buf[n..])?;
            if k == 0 {
                break;
            }
            n += k;
        }
        if n < buf.len() || buf[..8] != *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
            return Err(Failed::Unreadable);
        }
        let version = u16_at(&buf, 26)?;
        let sector_size = match u16_at(&buf, 30)? {
            0x0009 => 512usize,
            0x000C => {
                let mut rest = [0u8; 4096 - 512];
                r.read_exact(&mut rest).map_err(|_| Failed::Unreadable)?;
                4096
            }
            _ => return Err(Failed::Unreadable),
        };
        if u16_at(&buf, 32)? != 0x0006 {
            return Err(Failed::Unreadable);
        }
        let dir_start = u32_at(&buf, 48)?;
        let mini_fat_start = u32_at(&buf, 60)?;
        let mini_fat_len = u32_at(&buf, 64)? as usize;
        let difat_start = u32_at(&buf, 68)?;
        let mut difat = words(&buf[76..512])?;

        let maxid = len / sector_size;
        let mut sectors = Sectors {
            data: Vec::new(),
            size: sector_size,
            maxid: maxid as u32,
        };
        let mut sector_id = difat_start;
        let mut difat_sectors = 0usize;
        while sector_id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > maxid.saturating_add(1) {
                return Err(Failed::Unreadable);
            }
            difat.extend(words(sectors.get(sector_id, r)?)?);
            sector_id = difat.pop().ok_or(Failed::Unreadable)?;
        }
        let mut fats = Vec::new();
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            fats.extend(words(sectors.get(id, r)?)?);
        }
        let dirs = sectors.chain(dir_start, &fats, r, usize::MAX, len)?;
        let large = sector_size == 4096;
        let dirs = dirs
            .chunks(128)
            .filter(|c| c.len() == 128)
            .map(|c| directory(c, large))
            .collect::<R<Vec<_>>>()?;
        let Some(root) = dirs.first() else {
            return Err(Failed::Unreadable);
        };
        if version != 3 && root.start == ENDOFCHAIN {
            return Err(Failed::Unreadable);
        }
        let (mini_fats, ministream) = if mini_fat_len > 0 {
            let ministream = sectors.chain(root.start, &fats, r, root.len, len)?;
            let minifat = sectors.chain(
                mini_fat_start,
                &fats,
                r,
                mini_fat_len.saturating_mul(sector_size),
                len,
            )?;
            (words(&minifat)?, ministream)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Cfb {
            directories: dirs,
            sectors,
            fats,
            mini_sectors: Sectors {
                data: ministream,
                size: 64,
                maxid: (maxid * 8) as u32,
            },
            mini_fats,
        })
    }

    fn dir(&self, name: &str) -> Option<&Directory> {
        self.directories
            .iter()
            .find(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
    }

    fn stream(&mut self, name: &str, r: &mut Cursor<&[u8]>, file_len: usize) -> R<Vec<u8>> {
        let (start, len) = self
            .dir(name)
            .map(|d| (d.start, d.len))
            .ok_or(Failed::Unreadable)?;
        if len < 4096 {
            self.mini_sectors
                .chain(start, &self.mini_fats, r, len, file_len)
        } else {
            self.sectors.chain(start, &self.fats, r, len, file_len)
        }
    }
}

fn directory(buf: &[u8], large: bool) -> R<Directory> {
    let mut name = encoding_rs::UTF_16LE.decode(&buf[..64]).0.into_owned();
    if let Some(l) = name.as_bytes().iter().position(|b| *b == 0) {
        name.truncate(l);
    }
    let start = u32_at(buf, 116)?;
    let len = if large {
        let lo = u64::from(u32_at(buf, 120)?);
        let hi = u64::from(u32_at(buf, 124)?);
        usize::try_from(hi << 32 | lo).map_err(|_| Failed::Unreadable)?
    } else {
        u32_at(buf, 120)? as usize
    };
    Ok(Directory { name, start, len })
}

/// Sectors read from the shared cursor as they are first asked for.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    fn get(&mut self, id: u32, r: &mut Cursor<&[u8]>) -> R<&[u8]> {
        if self.maxid < id {
            return Err(Failed::Unreadable);
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let k = read(r, &mut self.data[len..end])?;
                if k == 0 {
                    return self.data.get(start..len).ok_or(Failed::Unreadable);
                }
                len += k;
            }
        }
        Ok(&self.data[start..end])
    }

    /// calamine's `get_chain`, stopped once longer than the file: only a loop gets there.
    fn chain(
        &mut self,
        mut id: u32,
        fats: &[u32],
        r: &mut Cursor<&[u8]>,
        len: usize,
        file_len: usize,
    ) -> R<Vec<u8>> {
        let mut chain = Vec::new();
        while id != ENDOFCHAIN {
            let sector = self.get(id, r)?;
            let to_copy = sector.len().min(len - chain.len());
            chain.extend_from_slice(&sector[..to_copy]);
            if chain.len() >= len {
                break;
            }
            if chain.len() > file_len {
                return Err(Failed::Loop);
            }
            id = *fats.get(id as usize).ok_or(Failed::Unreadable)?;
        }
        Ok(chain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// An OLE file holding `stream` as its Workbook stream, written by the `cfb` crate.
    fn ole(stream: &[u8]) -> Vec<u8> {
        // Version 3 (512-byte sectors), as Excel writes: calamine refuses a version 4 file
        // whose root has no mini stream, and so does this port.
        let mut file =
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
                .unwrap();
        file.create_stream("/Workbook")
            .unwrap()
            .write_all(stream)
            .unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn the_stream_is_read_from_mini_and_regular_sectors() {
        for n in [100, 5000, 70_000] {
            let stream: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
            let read = workbook_stream(&ole(&stream));
            assert!(
                read.as_ref() == Ok(&stream),
                "{n} bytes: {:?}",
                read.map(|s| s.len())
            );
        }
        let real = include_bytes!("../../../tests/fixtures/formats/sheet/seed_huancui_2023.xls");
        let mut want = Vec::new();
        cfb::CompoundFile::open(Cursor::new(&real[..]))
            .unwrap()
            .open_stream("/Workbook")
            .unwrap()
            .read_to_end(&mut want)
            .unwrap();
        assert_eq!(workbook_stream(real), Ok(want));
        assert_eq!(workbook_stream(b"not ole"), Err(Failed::Unreadable));
    }

    #[test]
    fn a_sector_chain_that_loops_is_found() {
        let mut bytes = ole(&vec![7u8; 10_000]);
        // The directory's chain, read to its end: make its first sector's FAT entry (in the
        // first FAT sector, header DIFAT[0]) point at itself. calamine would go round for
        // ever; the port stops once the chain is longer than the file.
        let fat = u32_at(&bytes, 76).unwrap() as usize;
        let dir = u32_at(&bytes, 48).unwrap() as usize;
        let at = (fat + 1) * 512 + 4 * dir;
        bytes[at..at + 4].copy_from_slice(&(dir as u32).to_le_bytes());
        assert_eq!(workbook_stream(&bytes).map(|s| s.len()), Err(Failed::Loop));
    }
}
