//! A look inside an `.xls` file before calamine opens it: calamine lays out every sheet at
//! once, reserving room for the used range each sheet's DIMENSIONS record declares and then
//! a grid from its first filled cell to its last, so a record widened by hand (or by a
//! damaged writer), or two cells far apart, would abort the process on a petabyte
//! allocation. This opens the OLE container as calamine 0.38 does (the same sectors, the
//! same tables, the same quirks, so that it finds the same workbook stream), walks each
//! sheet from where the workbook says it starts, as calamine does, and measures what
//! calamine would lay out, never allocating much more than the file's own size.

use std::io::{Cursor, Read};

/// Whether an OLE file is password-protected: an encrypted `.xlsx` (an `EncryptedPackage`
/// stream) or an `.xls` whose workbook stream has a FILEPASS record.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    let Ok(Some(mut ole)) = Ole::open(bytes) else {
        return false;
    };
    if ole
        .directory
        .iter()
        .any(|d| d.0.eq_ignore_ascii_case("EncryptedPackage"))
    {
        return true;
    }
    let Ok(Some(workbook)) = ole.workbook() else {
        return false;
    };
    records(&workbook, 0).any(|(typ, _)| typ == 0x002F)
}

/// What calamine would lay out of an `.xls` workbook, all sheets together.
#[derive(Debug, PartialEq, Eq)]
pub struct Span {
    /// Cells: for each sheet, the larger of what its DIMENSIONS records reserve and the grid
    /// from its first filled cell to its last (rows × columns, as calamine computes them).
    pub cells: u64,
    /// The cell records the sheets hold.
    pub filled: u64,
}

/// What calamine would lay out of this `.xls` (`None` when it is not an OLE file calamine
/// reads as one, or has no workbook stream: calamine then says what is wrong with it), or
/// why it cannot be told: a file calamine would read differently from this, refused as
/// damaged before calamine reads it.
pub fn span(bytes: &[u8]) -> Result<Option<Span>, &'static str> {
    let Some(mut ole) = Ole::open(bytes)? else {
        return Ok(None);
    };
    let Some(stream) = ole.workbook()? else {
        return Ok(None);
    };
    // The workbook's globals, up to their EOF, say where each sheet starts (BoundSheet8).
    let starts = records(&stream, 0)
        .take_while(|&(typ, _)| typ != 0x000A)
        .filter(|&(typ, data)| typ == 0x0085 && data.len() >= 4)
        .map(|(_, d)| u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize);
    let mut span = Span {
        cells: 0,
        filled: 0,
    };
    for at in starts {
        let sheet = sheet_span(&stream, at);
        span.cells = span.cells.saturating_add(sheet.cells);
        span.filled = span.filled.saturating_add(sheet.filled);
    }
    Ok(Some(span))
}

/// What calamine lays out of the sheet starting at `at`: its records up to its EOF, those of
/// a nested substream (a chart) skipped.
fn sheet_span(stream: &[u8], at: usize) -> Span {
    let (mut reserved, mut filled) = (0u64, 0u64);
    let (mut rows, mut columns) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
    let mut at_cell = |row: u32, column: u32| {
        rows = (rows.0.min(row), rows.1.max(row));
        columns = (columns.0.min(column), columns.1.max(column));
    };
    let u16_at = |r: &[u8], i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let (mut seen_bof, mut depth) = (false, 0usize);
    // A formula's string value (STRING) is put where the last formula was, (0, 0) at first.
    let mut formula = (0, 0);
    for (typ, r) in records(stream, at) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => reserved = reserved.max(dimensions(r)),
            // Number, label, rich label, bool/error, RK, shared-string label, formula.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if r.len() >= 4 => {
                let at = (u16_at(r, 0), u16_at(r, 2));
                if typ == 0x0006 {
                    formula = at;
                }
                at_cell(at.0, at.1);
                filled += 1;
            }
            0x0207 => {
                at_cell(formula.0, formula.1);
                filled += 1;
            }
            // Several RK cells in a row, six bytes each, from the first column on.
            0x00BD if r.len() >= 12 => {
                let (row, first) = (u16_at(r, 0), u16_at(r, 2));
                let n = ((r.len() - 6) / 6) as u32;
                at_cell(row, first);
                at_cell(row, first + n - 1);
                filled += u64::from(n);
            }
            0x000A => break,
            _ => {}
        }
    }
    let grid = if filled == 0 {
        0
    } else {
        u64::from(rows.1 - rows.0 + 1) * u64::from(columns.1 - columns.0 + 1)
    };
    Span {
        cells: reserved.max(grid),
        filled,
    }
}

/// The cells calamine reserves for a DIMENSIONS record ([MS-XLS] 2.4.90).
fn dimensions(r: &[u8]) -> u64 {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = u64::from((rl - 1).wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from((cl - 1).wrapping_sub(cf).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// Whether a sector chain calamine follows while opening an OLE file loops back on itself:
/// calamine follows the directory's chain to its end, and each stream's (and the mini FAT's)
/// up to its declared length, never noticing a loop, so a loop grows one buffer until the
/// process aborts. Follows the chains as calamine does (the same FAT, the same stops) but
/// only counts: a chain of more links than the FAT has entries revisits one. Never allocates
/// more than the file's own size.
pub fn has_looping_chain(bytes: &[u8]) -> bool {
    let u32_at = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
    };
    if bytes.len() < 512 || !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return false;
    }
    let sector = match u16::from_le_bytes([bytes[30], bytes[31]]) {
        9 => 512usize,
        12 => 4096,
        _ => return false,
    };
    // calamine's sector `id` starts after the header (one sector long).
    let maxid = bytes.len() / sector;
    let sector_at = |id: u32| -> Option<&[u8]> {
        if id as usize > maxid {
            return None;
        }
        let start = (id as usize + 1) * sector;
        let end = (start + sector).min(bytes.len());
        bytes.get(start..end)
    };
    let words = |data: &[u8]| -> Vec<u32> {
        data.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    };
    // The DIFAT: the header's 109 entries, then its chain of sectors (bounded as calamine
    // bounds it), each sector's last entry linking the next.
    let mut difat = words(&bytes[76..512]);
    let Some(mut id) = u32_at(68) else {
        return false;
    };
    let mut hops = 0usize;
    while id < 0xFFFF_FFFA {
        hops += 1;
        let Some(data) = sector_at(id).filter(|_| hops <= maxid + 1) else {
            return false;
        };
        difat.extend(words(data));
        let Some(next) = difat.pop() else {
            return false;
        };
        id = next;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < 0xFFFF_FFFC) {
        let Some(data) = sector_at(id) else {
            return false;
        };
        fat.extend(words(data));
    }
    // Whether following `start` for `len` bytes loops (a chain calamine stops on, at a
    // sector past the file or a link past the FAT, is not this check's business).
    let loops = |start: u32, len: usize| -> bool {
        let (mut id, mut read, mut links) = (start, 0usize, 0usize);
        while id != 0xFFFF_FFFE {
            if sector_at(id).is_none() {
                return false;
            }
            read = read.saturating_add(sector);
            if read >= len {
                return false;
            }
            links += 1;
            if links > fat.len() {
                return true;
            }
            match fat.get(id as usize) {
                Some(&next) => id = next,
                None => return false,
            }
        }
        false
    };
    let Some(dir_start) = u32_at(48) else {
        return false;
    };
    if loops(dir_start, usize::MAX) {
        return true;
    }
    let mini_fat_len = u32_at(64).unwrap_or(0) as usize;
    if mini_fat_len > 0 && loops(u32_at(60).unwrap_or(0), mini_fat_len.saturating_mul(sector)) {
        return true;
    }
    // Every directory entry's stream read from the FAT (calamine reads 4096 bytes or more
    // there, and the root entry's mini stream).
    let mut directory = Vec::new();
    let (mut id, mut links) = (dir_start, 0usize);
    while id != 0xFFFF_FFFE && links <= fat.len() {
        let Some(data) = sector_at(id) else { break };
        directory.extend_from_slice(data);
        links += 1;
        match fat.get(id as usize) {
            Some(&next) => id = next,
            None => break,
        }
    }
    directory.chunks_exact(128).enumerate().any(|(i, e)| {
        let start = u32::from_le_bytes([e[116], e[117], e[118], e[119]]);
        let len = if sector == 512 {
            u32::from_le_bytes([e[120], e[121], e[122], e[123]]) as usize
        } else {
            usize::try_from(u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8])))
                .unwrap_or(usize::MAX)
        };
        (i == 0 || len >= 4096) && loops(start, len)
    })
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// The sectors of an OLE file as calamine 0.38 (`cfb.rs`) reads them: from one reader shared
/// by the file's sectors and its mini stream's, read once and kept, a sector cut short by the
/// end of the file returned short the first time and padded with zeros after. Where calamine
/// would panic, an error.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    fn get(&mut self, id: u32, r: &mut Cursor<&[u8]>) -> Result<&[u8], &'static str> {
        if self.maxid < id {
            return Err("a sector lies past the end of the file");
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let read = r.read(&mut self.data[len..end]).unwrap_or(0);
                if read == 0 {
                    return self
                        .data
                        .get(start..len)
                        .ok_or("a sector lies past the end of the file");
                }
                len += read;
            }
        }
        Ok(&self.data[start..end])
    }

    /// A chain of sectors up to `len` bytes. A chain of more links than the file has sectors
    /// revisits one: an error, where calamine would go round until `len`.
    fn chain(
        &mut self,
        mut id: u32,
        table: &[u32],
        r: &mut Cursor<&[u8]>,
        len: usize,
    ) -> Result<Vec<u8>, &'static str> {
        let mut out = Vec::new();
        let mut links = 0u64;
        while id != ENDOFCHAIN {
            links += 1;
            if links > u64::from(self.maxid) + 2 {
                return Err("a chain of its OLE sectors loops back on itself");
            }
            let sector = self.get(id, r)?;
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            id = *table
                .get(id as usize)
                .ok_or("a chain of its OLE sectors links past its table")?;
        }
        Ok(out)
    }
}

/// The little-endian words of a sector (calamine asserts a whole number of them).
fn words(data: &[u8]) -> Result<Vec<u32>, &'static str> {
    if !data.len().is_multiple_of(4) {
        return Err("a sector is cut short by the end of the file");
    }
    Ok(data
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// An OLE compound file opened as calamine opens it: its directory and its tables, and the
/// reader calamine goes on reading its streams from.
struct Ole<'a> {
    reader: Cursor<&'a [u8]>,
    directory: Vec<(String, u32, usize)>,
    sectors: Sectors,
    fat: Vec<u32>,
    mini_sectors: Sectors,
    mini_fat: Vec<u32>,
}

impl<'a> Ole<'a> {
    /// `Ok(None)` when calamine refuses the file's header itself (not an OLE file, or one
    /// it does not read); an error where calamine would fail on, or panic in, the rest.
    fn open(bytes: &'a [u8]) -> Result<Option<Ole<'a>>, &'static str> {
        let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let u32_at =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        if bytes.len() < 512 || !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            return Ok(None);
        }
        let (size, header) = match u16_at(30) {
            0x0009 => (512usize, 512usize),
            // The header is read as a whole 4096-byte sector.
            0x000C if bytes.len() >= 4096 => (4096, 4096),
            _ => return Ok(None),
        };
        if u16_at(32) != 0x0006 {
            return Ok(None);
        }
        let version = u16_at(26);
        let dir_start = u32_at(48);
        let mini_fat_start = u32_at(60);
        let mini_fat_len = u32_at(64) as usize;
        let difat_start = u32_at(68);
        let mut difat = words(&bytes[76..512])?;
        let mut reader = Cursor::new(bytes);
        reader.set_position(header as u64);
        let maxid = bytes.len() / size;
        let mut sectors = Sectors {
            data: Vec::new(),
            size,
            maxid: u32::try_from(maxid).unwrap_or(u32::MAX),
        };
        let mut id = difat_start;
        let mut hops = 0usize;
        while id < 0xFFFF_FFFA {
            hops += 1;
            if hops > maxid + 1 {
                return Err("its DIFAT chain is longer than the file");
            }
            difat.extend(words(sectors.get(id, &mut reader)?)?);
            id = difat.pop().ok_or("its DIFAT chain is empty")?;
        }
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|&id| id < 0xFFFF_FFFC) {
            fat.extend(words(sectors.get(id, &mut reader)?)?);
        }
        let dirs = sectors.chain(dir_start, &fat, &mut reader, usize::MAX)?;
        let directory: Vec<(String, u32, usize)> = dirs
            .chunks_exact(128)
            .map(|e| {
                let mut name = encoding_rs::UTF_16LE.decode(&e[..64]).0.into_owned();
                if let Some(nul) = name.as_bytes().iter().position(|&b| b == 0) {
                    name.truncate(nul);
                }
                let start = u32::from_le_bytes([e[116], e[117], e[118], e[119]]);
                let len = if size == 512 {
                    u32::from_le_bytes([e[120], e[121], e[122], e[123]]) as usize
                } else {
                    usize::try_from(u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8])))
                        .unwrap_or(usize::MAX)
                };
                (name, start, len)
            })
            .collect();
        let Some(root) = directory.first() else {
            return Err("its directory is empty");
        };
        if version != 3 && root.1 == ENDOFCHAIN {
            return Err("its directory is empty");
        }
        let (root_start, root_len) = (root.1, root.2);
        let (mini_fat, mini_stream) = if mini_fat_len > 0 {
            let mini_stream = sectors.chain(root_start, &fat, &mut reader, root_len)?;
            let mini_fat = sectors.chain(
                mini_fat_start,
                &fat,
                &mut reader,
                mini_fat_len.saturating_mul(size),
            )?;
            (words(&mini_fat)?, mini_stream)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Some(Ole {
            reader,
            directory,
            sectors,
            fat,
            mini_sectors: Sectors {
                data: mini_stream,
                size: 64,
                maxid: u32::try_from(maxid * 8).unwrap_or(u32::MAX),
            },
            mini_fat,
        }))
    }

    /// The first stream named `name` (in any case): `Ok(None)` when there is none.
    fn stream(&mut self, name: &str) -> Result<Option<Vec<u8>>, &'static str> {
        let Some(&(_, start, len)) = self
            .directory
            .iter()
            .find(|d| d.0.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
        else {
            return Ok(None);
        };
        if len < 4096 {
            self.mini_sectors
                .chain(start, &self.mini_fat, &mut self.reader, len)
                .map(Some)
        } else {
            self.sectors
                .chain(start, &self.fat, &mut self.reader, len)
                .map(Some)
        }
    }

    /// The workbook stream, as calamine looks for it: `Workbook`, or when that cannot be
    /// read, BIFF5's `Book`.
    fn workbook(&mut self) -> Result<Option<Vec<u8>>, &'static str> {
        match self.stream("Workbook") {
            Ok(Some(stream)) => Ok(Some(stream)),
            Ok(None) => self.stream("Book"),
            Err(why) => match self.stream("Book") {
                Ok(None) => Err(why),
                book => book,
            },
        }
    }
}

/// The records of a stream from `at` as calamine's `RecordIter` splits them: each with the
/// CONTINUE records after it folded in, ending at the first record cut short.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream.get(at..).unwrap_or_default();
    std::iter::from_fn(move || {
        if rest.len() < 4 {
            return None;
        }
        let typ = u16::from_le_bytes([rest[0], rest[1]]);
        let len = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        if rest.len() > 4 && u16::from_le_bytes([rest[0], rest[1]]) == 0x003C {
            while rest.len() > 4 && u16::from_le_bytes([rest[0], rest[1]]) == 0x003C {
                let len = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
                if rest.len() < len + 4 {
                    rest = &[];
                    break;
                }
                rest = &rest[4 + len..];
            }
        }
        Some((typ, data))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &[u8] = include_bytes!("../../tests/fixtures/xls/staff.xls");

    #[test]
    fn reads_the_range_and_cells_of_a_real_workbook() {
        // Four columns by three rows, twelve cells.
        assert_eq!(
            span(BOOK),
            Ok(Some(Span {
                cells: 12,
                filled: 12
            }))
        );
    }

    #[test]
    fn damaged_files_never_panic() {
        for cut in (0..BOOK.len()).step_by(7) {
            let _ = span(&BOOK[..cut]);
            let _ = has_looping_chain(&BOOK[..cut]);
        }
        let mut flipped = BOOK.to_vec();
        for i in (0..flipped.len()).step_by(13) {
            flipped[i] ^= 0xFF;
            let _ = span(&flipped);
            let _ = has_looping_chain(&flipped);
        }
    }

    #[test]
    fn a_directory_chain_linked_to_itself_loops() {
        assert!(!has_looping_chain(BOOK));
        // The directory starts at the sector the header names; its FAT entry (in the FAT's
        // first sector, the file's second 512 bytes) is made to link back to it.
        let dir = u32::from_le_bytes(BOOK[48..52].try_into().unwrap());
        let fat = u32::from_le_bytes(BOOK[76..80].try_into().unwrap()) as usize;
        let mut looped = BOOK.to_vec();
        let at = (fat + 1) * 512 + 4 * dir as usize;
        looped[at..at + 4].copy_from_slice(&dir.to_le_bytes());
        assert!(has_looping_chain(&looped));
    }

    /// Found by the `workbook` fuzz target: the widened DIMENSIONS record of item 12 in a
    /// file whose last sector the file's end cuts short. calamine reads that sector short;
    /// this reader once refused it, found no workbook stream, and let calamine reserve
    /// 5 × 10^11 cells.
    #[test]
    fn a_workbook_stream_in_a_sector_cut_short_is_read_as_calamine_reads_it() {
        let cut = include_bytes!("../../tests/fixtures/fuzz/workbook-xls-oom.xls");
        assert_ne!(cut.len() % 512, 0);
        let span = span(cut).unwrap().unwrap();
        assert_eq!(span.filled, 12);
        // 2^31 - 1 rows of 255 columns.
        assert_eq!(span.cells, 0x7FFF_FFFF * 255);
    }

    /// Two cells far apart: calamine lays out the grid between them.
    #[test]
    fn a_far_cell_spans_the_grid_to_it() {
        let mut far = BOOK.to_vec();
        // The last shared-string label (row 2, column 3) moved to row 65536, column 256.
        let at = far
            .windows(4)
            .rposition(|r| r == [0xFD, 0x00, 0x0A, 0x00])
            .unwrap();
        far[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
        assert_eq!(span(&far).unwrap().unwrap().cells, 65536 * 256);
    }
}
