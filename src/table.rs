//! Reading the CSV inputs (staff, leave, rosters) the way SIMPEG/SIASN and spreadsheets write
//! them: delimiter sniffed from the header line, UTF-8 BOM accepted, headers matched through
//! aliases, every cell trimmed and whitespace-collapsed, every error with `file:line`.

use crate::error::{Error, Result};
use crate::pattern::{collapse, collapse_into, fold};
use chrono::NaiveDate;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The longest cell accepted: far beyond any NIP, name or unit, and short enough that an
/// unbalanced quote swallowing the rest of a file is caught.
const MAX_CELL: usize = 64 * 1024;

/// A column the reader looks for.
pub struct Field {
    /// The canonical (lower-case) header.
    pub name: &'static str,
    /// Other accepted headers, lower-case.
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// One data row: the cells of the requested fields, in their order ("" when absent).
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

impl Row {
    pub fn get(&self, field: usize) -> &str {
        &self.cells[field]
    }
}

pub struct Table {
    file: String,
    reader: csv::Reader<Box<dyn Read>>,
    headers: Vec<String>,
    /// For each requested field, the column that holds it.
    columns: Vec<Option<usize>>,
    record: csv::StringRecord,
    /// The row handed out, its cells reused from row to row.
    row: Row,
}

/// The most frequent of `,` `;` tab `|` in the header line (ties: that order).
fn sniff_delimiter(header_line: &[u8]) -> u8 {
    let candidates = [b',', b';', b'\t', b'|'];
    let mut best = (b',', 0);
    for c in candidates {
        let n = header_line.iter().filter(|&&b| b == c).count();
        if n > best.1 {
            best = (c, n);
        }
    }
    best.0
}

impl Table {
    pub fn open(path: &Path, fields: &[Field]) -> Result<Table> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        Table::from_reader(Box::new(file), &path.display().to_string(), fields)
    }

    /// `file` names the input in messages.
    pub fn from_reader(input: Box<dyn Read>, file: &str, fields: &[Field]) -> Result<Table> {
        let mut buffered = BufReader::with_capacity(1 << 16, input);
        let head = buffered.fill_buf().map_err(|e| Error::io(file, e))?;
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &head[3..] } else { head };
        if body.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::input(
                file,
                Some(1),
                "the file is empty: expected a header row and one row per person",
            ));
        }
        if body.starts_with(b"PK\x03\x04") || body.starts_with(b"\xD0\xCF\x11\xE0") {
            return Err(Error::input(
                file,
                Some(1),
                "this is an Excel workbook, not a CSV file: in Excel, Save As \"CSV UTF-8 (Comma delimited)\"",
            ));
        }
        let header_end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
        // UTF-16 (Excel's "Unicode Text", some SIMPEG exports): a BOM, or NULs between letters.
        if body.starts_with(b"\xFF\xFE")
            || body.starts_with(b"\xFE\xFF")
            || body[..header_end].contains(&0)
        {
            return Err(Error::input(
                file,
                Some(1),
                "the file is UTF-16 (or binary), not UTF-8 text: save it as \"CSV UTF-8 (Comma delimited)\"",
            ));
        }
        let delimiter = sniff_delimiter(&body[..header_end]);
        if bom {
            buffered.consume(3);
        }
        // LF as the only terminator: the csv crate miscounts lines under CRLF, and the `\r`
        // left at the end of a row's last cell is trimmed with the rest of the whitespace.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .has_headers(true)
            // Row widths are checked after blank rows are skipped: a blank CRLF line reads
            // as one cell holding `\r`.
            .flexible(true)
            .from_reader(Box::new(buffered) as Box<dyn Read>);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(file, e))?
            .iter()
            .map(collapse)
            .collect();
        let columns = map_columns(file, &headers, fields)?;
        Ok(Table {
            file: file.to_owned(),
            reader,
            headers,
            columns,
            record: csv::StringRecord::new(),
            row: Row {
                line: 0,
                cells: Vec::new(),
            },
        })
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The column that holds the `field`-th requested field, if the header has it.
    pub fn column(&self, field: usize) -> Option<usize> {
        self.columns[field]
    }

    /// Reads the next row that has a non-empty cell into `self.record` (Excel's trailing
    /// `;;;;` rows are skipped) and returns its line.
    fn advance(&mut self) -> Result<Option<u64>> {
        loop {
            let more = self
                .reader
                .read_record(&mut self.record)
                .map_err(|e| csv_error(&self.file, e))?;
            if !more {
                return Ok(None);
            }
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let line = self.record.position().map_or(0, |p| p.line());
            if self.record.len() != self.headers.len() {
                let spans_lines = self.record.iter().any(|c| c.contains('\n'));
                let hint = if spans_lines {
                    ": a cell runs over several lines, so a quote (\") on this line is probably unbalanced"
                } else {
                    "; every row needs one cell per header column"
                };
                return Err(Error::input(
                    &self.file,
                    Some(line),
                    format!(
                        "this row has {} cells but the header has {}{hint}",
                        self.record.len(),
                        self.headers.len()
                    ),
                ));
            }
            if let Some(long) = self.record.iter().find(|c| c.len() > MAX_CELL) {
                return Err(Error::input(
                    &self.file,
                    Some(line),
                    format!(
                        "a cell of {} bytes, more than the 64 KiB any NIP, name or unit needs; if a quote (\") on this line is never closed, it made one cell of the rest of the file",
                        long.len()
                    ),
                ));
            }
            // The cells lie end to end in the record: one search for the whole row.
            if self.record.as_slice().contains('\0') {
                return Err(Error::input(
                    &self.file,
                    Some(line),
                    "a NUL byte: this is not a text CSV file (a spreadsheet or a UTF-16 file saved as .csv?); save it as \"CSV UTF-8\"",
                ));
            }
            return Ok(Some(line));
        }
    }

    /// The next row: the cells of the requested fields, trimmed and collapsed.
    pub fn next_row(&mut self) -> Result<Option<&Row>> {
        let Some(line) = self.advance()? else {
            return Ok(None);
        };
        self.row.line = line;
        self.row.cells.resize(self.columns.len(), String::new());
        for (cell, column) in self.row.cells.iter_mut().zip(&self.columns) {
            collapse_into(cell, column.and_then(|i| self.record.get(i)).unwrap_or(""));
        }
        Ok(Some(&self.row))
    }

    /// The next row with every cell, in column order, trimmed and collapsed.
    pub fn next_record(&mut self) -> Result<Option<&Row>> {
        let Some(line) = self.advance()? else {
            return Ok(None);
        };
        self.row.line = line;
        self.row.cells.resize(self.record.len(), String::new());
        for (cell, value) in self.row.cells.iter_mut().zip(self.record.iter()) {
            collapse_into(cell, value);
        }
        Ok(Some(&self.row))
    }
}

/// An ISO date (`2025-03-24`) or the dd/mm/yyyy form spreadsheets in Indonesia write.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // The ISO form without chrono's format parser: a roster has a date on every row.
    let b = text.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u32, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        if let (Some(y), Some(m), Some(d)) = (number(&b[..4]), number(&b[5..7]), number(&b[8..])) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// Two header columns that give the same field (`what`): refused by every reader, since
/// taking either one would silently drop the other.
pub fn duplicate_column(
    file: &str,
    headers: &[String],
    first: usize,
    second: usize,
    what: &str,
) -> Error {
    Error::input(
        file,
        Some(1),
        format!(
            "columns `{}` (column {}) and `{}` (column {}) both give `{what}`: keep one of them",
            headers[first],
            first + 1,
            headers[second],
            second + 1,
        ),
    )
}

fn map_columns(file: &str, headers: &[String], fields: &[Field]) -> Result<Vec<Option<usize>>> {
    let mut columns = vec![None; fields.len()];
    for (col, header) in headers.iter().enumerate() {
        let key = fold(header);
        let Some(f) = fields
            .iter()
            .position(|f| f.name == key || f.aliases.contains(&key.as_str()))
        else {
            continue;
        };
        if let Some(previous) = columns[f] {
            return Err(duplicate_column(
                file,
                headers,
                previous,
                col,
                fields[f].name,
            ));
        }
        columns[f] = Some(col);
    }
    for (field, column) in fields.iter().zip(&columns) {
        if field.required && column.is_none() {
            let accepted = if field.aliases.is_empty() {
                String::new()
            } else {
                format!(" (or {})", field.aliases.join(", "))
            };
            return Err(Error::input(
                file,
                Some(1),
                format!(
                    "missing required column `{}`{accepted}; the header has: {}",
                    field.name,
                    headers.join(", ")
                ),
            ));
        }
    }
    Ok(columns)
}

fn csv_error(file: &str, error: csv::Error) -> Error {
    let line = error.position().map(|p| p.line());
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "cell {} is not valid UTF-8: the file is probably Windows-1252, what Excel's \"CSV (Comma delimited)\" writes; save it as \"CSV UTF-8 (Comma delimited)\" instead",
            err.field() + 1
        ),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} cells but the header has {expected_len}"),
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => error.to_string(),
    };
    Error::input(file, line, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_iso_or_day_first() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 24);
        assert_eq!(parse_date("2025-03-24"), d);
        assert_eq!(parse_date("24/03/2025"), d);
        assert_eq!(parse_date("2025-3-24"), d);
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("2025-0a-24"), None);
    }

    const FIELDS: &[Field] = &[
        Field {
            name: "nip",
            aliases: &["nip baru"],
            required: true,
        },
        Field {
            name: "unit",
            aliases: &["unit kerja", "opd"],
            required: true,
        },
        Field {
            name: "team",
            aliases: &["bidang"],
            required: false,
        },
    ];

    fn table(text: &str) -> Result<Table> {
        Table::from_reader(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            "s.csv",
            FIELDS,
        )
    }

    fn rows(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut t = table(text).unwrap();
        let mut out = Vec::new();
        while let Some(r) = t.next_row().unwrap() {
            out.push((r.line, r.cells.clone()));
        }
        out
    }

    #[test]
    fn semicolons_bom_crlf_and_aliases() {
        let got =
            rows("\u{feff}NIP Baru;Unit  Kerja;Golongan\r\n 001 ; Dinas\u{a0} X ;III/a\r\n;;\r\n");
        assert_eq!(
            got,
            vec![(2, vec!["001".into(), "Dinas X".into(), String::new()])]
        );
    }

    #[test]
    fn quoted_newlines_keep_line_numbers() {
        let got = rows("nip,unit\n1,\"a\nb\"\n2,c\n");
        assert_eq!(got[0].0, 2);
        assert_eq!(got[1].0, 4);
    }

    #[test]
    fn missing_and_duplicate_columns() {
        let e = table("nip,nama\n1,a\n").err().unwrap().to_string();
        assert!(
            e.starts_with("s.csv:1: missing required column `unit`") && e.contains("nip, nama"),
            "{e}"
        );
        let e = table("NIP,OPD,Unit Kerja\n").err().unwrap().to_string();
        assert!(
            e.contains("`OPD` (column 2) and `Unit Kerja` (column 3)"),
            "{e}"
        );
    }

    #[test]
    fn blank_crlf_lines_are_skipped() {
        let got = rows("nip,unit\r\n1,a\r\n\r\n2,b\r\n\r\n");
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn ragged_row_names_its_line() {
        let mut t = table("nip,unit\n1,a\n2,b,c\n").unwrap();
        t.next_row().unwrap();
        let e = t.next_row().unwrap_err().to_string();
        assert!(
            e.starts_with("s.csv:3: this row has 3 cells but the header has 2"),
            "{e}"
        );
    }

    #[test]
    fn empty_file() {
        let e = table("\n").err().unwrap().to_string();
        assert!(e.starts_with("s.csv:1: the file is empty"), "{e}");
    }
}
