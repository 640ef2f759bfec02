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
            let _ = has_looping_chain(&BOOK[..cut]);
        }
        let mut flipped = BOOK.to_vec();
        for i in (0..flipped.len()).step_by(13) {
            flipped[i] ^= 0xFF;
            let _ = declared_span(&flipped);
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
}
