//! A look inside an `.xls` file before calamine opens it: calamine lays out every sheet at
//! once, reserving room for the used range its DIMENSIONS record declares, so a record
//! widened by hand (or by a damaged writer) would abort the process on a petabyte
//! allocation. This reads the OLE container's workbook stream and finds the largest range a
//! DIMENSIONS record declares and how many cells the stream holds, never allocating more
//! than the file's own size.

/// Whether an OLE file is password-protected: an encrypted `.xlsx` (an `EncryptedPackage`
/// stream) or an `.xls` whose workbook stream has a FILEPASS record.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    if stream(bytes, &["EncryptedPackage"]).is_some() {
        return true;
    }
    let Some(workbook) = stream(bytes, &["Workbook", "Book"]) else {
        return false;
    };
    let mut at = 0usize;
    while at + 4 <= workbook.len() {
        let typ = u16::from_le_bytes([workbook[at], workbook[at + 1]]);
        let len = usize::from(u16::from_le_bytes([workbook[at + 2], workbook[at + 3]]));
        if typ == 0x002F {
            return true;
        }
        at += 4 + len;
    }
    false
}

/// The largest range any DIMENSIONS record declares (rows × columns, as calamine computes
/// it), and the number of cell records: `None` when the file is not an OLE workbook this can
/// read (calamine then says what is wrong with it).
pub fn declared_span(bytes: &[u8]) -> Option<(u64, u64)> {
    let stream = stream(bytes, &["Workbook", "Book"])?;
    let mut at = 0usize;
    let (mut span, mut cells) = (0u64, 0u64);
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        match typ {
            0x0200 => span = span.max(dimensions(data)),
            // Number, label, shared-string label, RK, bool/error, rich label, formula.
            0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0205 | 0x00D6 | 0x0006 => cells += 1,
            // Several RK cells in one record: first and last column at either end.
            0x00BD if len >= 6 => {
                let first = u16::from_le_bytes([data[2], data[3]]);
                let last = u16::from_le_bytes([data[len - 2], data[len - 1]]);
                cells += u64::from(last.saturating_sub(first)) + 1;
            }
            _ => {}
        }
        at += 4 + len;
    }
    Some((span, cells))
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

/// The first stream of an OLE compound file with one of these names (the workbook is
/// `Workbook`, or BIFF5's `Book`).
fn stream(bytes: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let u16_at = |i: usize| -> Option<u16> {
        Some(u16::from_le_bytes(bytes.get(i..i + 2)?.try_into().ok()?))
    };
    let u32_at = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
    };
    if !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return None;
    }
    let sector = 1usize.checked_shl(u32::from(u16_at(0x1E)?))?;
    let mini_sector = 1usize.checked_shl(u32::from(u16_at(0x20)?))?;
    if !(128..=65536).contains(&sector) || !(8..=sector).contains(&mini_sector) {
        return None;
    }
    let sector_at = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector)?;
        bytes.get(start..start.checked_add(sector)?)
    };
    // The FAT's sectors: 109 in the header, then chains of DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(0x4C + 4 * i))
        .filter(|&s| s < 0xFFFF_FFFA)
        .collect();
    let mut difat = u32_at(0x44)?;
    let mut guard = 0;
    while difat < 0xFFFF_FFFA && guard < bytes.len() / sector + 1 {
        let data = sector_at(difat)?;
        let n = sector / 4 - 1;
        fat_sectors.extend(
            (0..n)
                .map(|i| u32::from_le_bytes(data[4 * i..4 * i + 4].try_into().unwrap_or([0xFF; 4])))
                .filter(|&s| s < 0xFFFF_FFFA),
        );
        difat = u32::from_le_bytes(data[sector - 4..].try_into().ok()?);
        guard += 1;
    }
    let mut fat = Vec::new();
    for &s in &fat_sectors {
        let data = sector_at(s)?;
        fat.extend(
            data.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
        );
    }
    // A chain of sectors, never longer than the table that links it.
    let chain = |table: &[u32], start: u32| -> Vec<u32> {
        let mut ids = Vec::new();
        let mut id = start;
        while (id as usize) < table.len() && ids.len() < table.len() {
            ids.push(id);
            id = table[id as usize];
        }
        ids
    };
    let read = |ids: &[u32], size: usize| -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(size.min(bytes.len()));
        for &id in ids {
            out.extend_from_slice(sector_at(id)?);
        }
        out.truncate(size);
        Some(out)
    };
    let directory = read(&chain(&fat, u32_at(0x30)?), usize::MAX)?;
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let root = entries.first()?;
    let entry = entries.iter().find(|e| {
        let len = usize::from(u16::from_le_bytes([e[64], e[65]])).min(64);
        let name: Vec<u16> = e[..len]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&c| c != 0)
            .collect();
        let name = String::from_utf16_lossy(&name);
        e[66] == 2 && names.contains(&name.as_str())
    })?;
    let start = u32::from_le_bytes(entry[116..120].try_into().ok()?);
    let size = usize::try_from(u32::from_le_bytes(entry[120..124].try_into().ok()?)).ok()?;
    let cutoff = usize::try_from(u32_at(0x38)?).ok()?;
    if size >= cutoff {
        return read(&chain(&fat, start), size);
    }
    // A small stream lives in the mini stream, which the root entry holds.
    let root_start = u32::from_le_bytes(root[116..120].try_into().ok()?);
    let mini_stream = read(&chain(&fat, root_start), usize::MAX)?;
    let mini_fat_bytes = read(&chain(&fat, u32_at(0x3C)?), usize::MAX)?;
    let mini_fat: Vec<u32> = mini_fat_bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let mut out = Vec::new();
    for id in chain(&mini_fat, start) {
        let at = (id as usize).checked_mul(mini_sector)?;
        out.extend_from_slice(mini_stream.get(at..at + mini_sector)?);
    }
    out.truncate(size);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &[u8] = include_bytes!("../../tests/fixtures/xls/staff.xls");

    #[test]
    fn reads_the_range_and_cells_of_a_real_workbook() {
        // Four columns by three rows, twelve cells.
        assert_eq!(declared_span(BOOK), Some((12, 12)));
    }

    #[test]
    fn damaged_files_never_panic() {
        for cut in (0..BOOK.len()).step_by(7) {
            let _ = declared_span(&BOOK[..cut]);
        }
        let mut flipped = BOOK.to_vec();
        for i in (0..flipped.len()).step_by(13) {
            flipped[i] ^= 0xFF;
            let _ = declared_span(&flipped);
        }
    }
}
