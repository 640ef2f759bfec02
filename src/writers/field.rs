//! Writing CSV cells straight into a byte buffer, for every CSV output: a cell is quoted when
//! it holds the delimiter, `"`, CR or LF, with inner quotes doubled, and also when it holds
//! any other delimiter a spreadsheet might split at (`,` `;` tab `|`), so that a file opened
//! with another separator than its own still keeps the cell whole. Before that, a cell (or a
//! part of it after such a delimiter) that would start a spreadsheet formula gets a leading
//! `'` (SPEC §5).

use super::dialect::Dialect;
use crate::cell::{as_text, neutralize};
use std::borrow::Cow;

fn needs_quotes(bytes: &[u8], delimiter: u8) -> bool {
    bytes
        .iter()
        .any(|&b| b == delimiter || matches!(b, b'"' | b'\r' | b'\n' | b',' | b';' | b'\t' | b'|'))
}

/// The cell's text before quoting: neutralised against formulas, and a NIP as `="…"` where
/// the dialect keeps digits as text.
pub fn cell_text<'a>(value: &'a str, dialect: &Dialect) -> Cow<'a, str> {
    match dialect.digits_as_text.then(|| as_text(value)).flatten() {
        Some(text) => Cow::Owned(text),
        None => neutralize(value),
    }
}

/// Appends one cell (no separator).
pub fn push(buf: &mut Vec<u8>, value: &str, dialect: &Dialect) {
    let value = cell_text(value, dialect);
    let bytes = value.as_bytes();
    if !needs_quotes(bytes, dialect.delimiter) {
        buf.extend_from_slice(bytes);
        return;
    }
    buf.push(b'"');
    // Inner quotes are doubled: copy the runs between them whole.
    let mut runs = bytes.split(|&b| b == b'"');
    if let Some(first) = runs.next() {
        buf.extend_from_slice(first);
    }
    for run in runs {
        buf.extend_from_slice(b"\"\"");
        buf.extend_from_slice(run);
    }
    buf.push(b'"');
}

/// The cell as [`push`] writes it, for values written many times.
pub fn escaped(value: &str, dialect: &Dialect) -> Vec<u8> {
    let mut buf = Vec::with_capacity(value.len() + 2);
    push(&mut buf, value, dialect);
    buf
}

/// Appends a whole record of cells and the dialect's terminator.
pub fn push_record<S: AsRef<str>>(
    buf: &mut Vec<u8>,
    cells: impl IntoIterator<Item = S>,
    dialect: &Dialect,
) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            buf.push(dialect.delimiter);
        }
        push(buf, cell.as_ref(), dialect);
    }
    buf.extend_from_slice(dialect.terminator());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of cell reads back as it was with the csv crate's reader and
    /// [`crate::cell::restore`], in every dialect; a cell holding any delimiter is quoted.
    #[test]
    fn reads_back_and_quotes_every_delimiter() {
        let cells = [
            "plain",
            "",
            "with, comma",
            "with \"quotes\"",
            "line\nbreak",
            "cr\rhere",
            "=HYPERLINK(\"http://x\",\"y\")",
            "+62 812",
            "-",
            "@SUM(A1)",
            "\tTab",
            "'quoted",
            "Dra. Novi Purwanti, M.Si.",
            "Budi;=1+1;",
            "a|b",
            "12345",
        ];
        let excel = Dialect::new(super::super::dialect::CsvStyle::ExcelId, None).unwrap();
        let piped = Dialect::new(super::super::dialect::CsvStyle::Standard, Some('|')).unwrap();
        for dialect in [Dialect::STANDARD, excel, piped] {
            let mut ours = Vec::new();
            push_record(&mut ours, cells, &dialect);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .delimiter(dialect.delimiter)
                .from_reader(ours.as_slice());
            let record = reader.records().next().unwrap().unwrap();
            let read: Vec<String> = record
                .iter()
                .map(|c| crate::cell::restore(c).into_owned())
                .collect();
            assert_eq!(read, cells);
        }
        let mut ours = Vec::new();
        push_record(
            &mut ours,
            ["Budi;=1+1;", "a|b", "t\tx", "c,d"],
            &Dialect::STANDARD,
        );
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            "\"Budi;'=1+1;\",\"a|b\",\"t\tx\",\"c,d\"\n"
        );
    }
}
