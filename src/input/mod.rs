//! Reading every tabular input (staff, leave, rosters, previous rosters) from a CSV file or a
//! spreadsheet workbook (`.xlsx`, `.ods`, `.xls`), told apart by content: a workbook is a ZIP
//! or OLE file. CSV the way SIMPEG/SIASN and spreadsheets write it: delimiter sniffed from the
//! header line, UTF-8 BOM accepted. Either way headers are matched through [`fields`], every
//! cell is trimmed and whitespace-collapsed, `null` is empty, NIPs a spreadsheet turned into
//! numbers are refused ([`nip`]), and errors name the line (CSV) or the cell (`file:Sheet!B14`).

pub mod fields;
pub mod nip;
mod xls;
mod xlsx;

use crate::error::{Error, Result};
use crate::facts::problems::{Given, Problem};
use crate::pattern::{collapse, collapse_into};
use calamine::{Data, DataType, Reader};
use chrono::NaiveDate;
pub use fields::{Column, Field};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

/// The longest cell accepted: far beyond any NIP, name or unit, and short enough that an
/// unbalanced quote swallowing the rest of a file is caught.
const MAX_CELL: usize = 64 * 1024;

/// How to read an input beyond its content: which sheet of a workbook, and headers mapped by
/// hand (staff only).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--sheet`: the sheet of every workbook input (default: the first).
    pub sheet: Option<String>,
    /// `--column` and `[staff.columns]`, already merged ([`fields::explicit_columns`]).
    pub columns: Vec<Column>,
}

/// One data row: the cells of the requested fields, in their order ("" when absent).
#[derive(Debug)]
pub struct Row {
    /// The line (CSV) or the sheet's row number (workbook).
    pub line: u64,
    pub cells: Vec<String>,
}

impl Row {
    pub fn get(&self, field: usize) -> &str {
        &self.cells[field]
    }
}

/// Where a row or cell of an input is, for messages: `file:line` in a CSV file,
/// `file:Sheet!B14` (or `file:Sheet:14` for a whole row) in a workbook.
#[derive(Debug, Clone)]
pub struct Locator {
    file: String,
    /// The sheet's name and the number of its first column.
    sheet: Option<(String, u32)>,
}

impl Locator {
    pub fn file(&self) -> &str {
        &self.file
    }

    /// An error about row `line`, at its `column` (counted from the first column read) when
    /// there is one.
    pub fn error(
        &self,
        line: u64,
        column: Option<usize>,
        problem: impl Into<crate::facts::problems::Problem>,
    ) -> Error {
        let (file, line) = self.place(line, column);
        Error::input(&file, line, problem)
    }

    /// Where row `line` (at `column`) is, as text: `file:line`, `file:Sheet!B14`, `file:Sheet:14`.
    pub fn at(&self, line: u64, column: Option<usize>) -> String {
        match self.place(line, column) {
            (file, Some(line)) => format!("{file}:{line}"),
            (file, None) => file,
        }
    }

    fn place(&self, line: u64, column: Option<usize>) -> (String, Option<u64>) {
        let Some((sheet, first)) = &self.sheet else {
            return (self.file.clone(), Some(line));
        };
        let sheet = if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
            sheet.clone()
        } else {
            format!("'{}'", sheet.replace('\'', "''"))
        };
        match column {
            Some(col) => (
                format!(
                    "{}:{sheet}!{}{line}",
                    self.file,
                    column_name(*first as usize + col)
                ),
                None,
            ),
            None => (format!("{}:{sheet}", self.file), Some(line)),
        }
    }
}

/// `A`, `B`, ..., `Z`, `AA`: a spreadsheet's name for column `index` (from 0).
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut name = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        name.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The most cells a sheet's used range may span whatever it holds; beyond it, at most
/// [`CELLS_PER_FILLED`] per filled cell. A table is dense; a range far larger than its cells
/// is a stray cell far away (`XFD1048576`): likely a mistake, and it would cost gigabytes to
/// lay out where a sheet is read whole.
const MAX_SPAN: u64 = 4_000_000;
const CELLS_PER_FILLED: u64 = 8;

/// A cell that ran past [`MAX_CELL`] bytes, seen as the bytes stream by ([`CellGuard`]).
#[derive(Debug)]
struct CellTooLong {
    /// The line the cell starts on.
    line: u64,
    /// Whether it started with a quote (then the quote is likely never closed).
    quoted: bool,
}

impl std::fmt::Display for CellTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a cell over {MAX_CELL} bytes from line {}", self.line)
    }
}

impl std::error::Error for CellTooLong {}

/// Where a [`CellGuard`] is in the CSV text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lexer {
    CellStart,
    Plain,
    Quoted,
    /// A quote inside a quoted cell: its end, or the first of a doubled quote.
    QuoteInQuoted,
}

/// Follows the CSV text as it is read, cell by cell, and stops the read as soon as one cell
/// passes [`MAX_CELL`] bytes: the `csv` crate holds a whole record before anything can look
/// at it, so an unbalanced quote would otherwise read the rest of a large file into memory.
struct CellGuard<R> {
    inner: R,
    delimiter: u8,
    state: Lexer,
    cell: usize,
    line: u64,
    cell_line: u64,
}

impl<R> CellGuard<R> {
    fn new(inner: R, delimiter: u8) -> CellGuard<R> {
        CellGuard {
            inner,
            delimiter,
            state: Lexer::CellStart,
            cell: 0,
            line: 1,
            cell_line: 1,
        }
    }

    fn see(&mut self, b: u8) -> std::io::Result<()> {
        let ends_cell = b == self.delimiter || b == b'\n';
        self.state = match (self.state, b) {
            (Lexer::CellStart | Lexer::Plain | Lexer::QuoteInQuoted, _) if ends_cell => {
                Lexer::CellStart
            }
            (Lexer::CellStart, b'"') => Lexer::Quoted,
            (Lexer::CellStart, _) => Lexer::Plain,
            (Lexer::Quoted, b'"') => Lexer::QuoteInQuoted,
            (Lexer::QuoteInQuoted, b'"') => Lexer::Quoted,
            (Lexer::QuoteInQuoted, _) => Lexer::Plain,
            (state, _) => state,
        };
        if b == b'\n' {
            self.line += 1;
        }
        if self.state == Lexer::CellStart {
            self.cell = 0;
            self.cell_line = self.line;
            return Ok(());
        }
        self.cell += 1;
        if self.cell > MAX_CELL {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                CellTooLong {
                    line: self.cell_line,
                    quoted: matches!(self.state, Lexer::Quoted | Lexer::QuoteInQuoted),
                },
            ));
        }
        Ok(())
    }
}

impl<R> CellGuard<R> {
    /// Follows `bytes` as [`CellGuard::see`] does byte by byte, but takes the runs of bytes
    /// that cannot change the state (inside a plain cell: all but the delimiter and the line's
    /// end; inside a quoted one: all but the quote) in one search.
    fn follow(&mut self, mut bytes: &[u8]) -> std::io::Result<()> {
        while let Some(&first) = bytes.first() {
            if matches!(self.state, Lexer::CellStart | Lexer::Plain) {
                // Up to the next quote, only delimiters and line ends change anything.
                let unquoted = memchr::memchr(b'"', bytes).unwrap_or(bytes.len());
                if unquoted > 0 {
                    let (run, rest) = bytes.split_at(unquoted.min(MAX_CELL));
                    self.follow_unquoted(run)?;
                    bytes = rest;
                    continue;
                }
            }
            self.see(first)?;
            bytes = &bytes[1..];
            let run = match self.state {
                Lexer::Plain => memchr::memchr2(self.delimiter, b'\n', bytes),
                Lexer::Quoted => memchr::memchr(b'"', bytes),
                Lexer::CellStart | Lexer::QuoteInQuoted => continue,
            }
            .unwrap_or(bytes.len());
            let (inside, rest) = bytes.split_at(run);
            if self.state == Lexer::Quoted {
                self.line += line_ends(inside);
            }
            self.cell += inside.len();
            if self.cell > MAX_CELL {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    CellTooLong {
                        line: self.cell_line,
                        quoted: self.state == Lexer::Quoted,
                    },
                ));
            }
            bytes = rest;
        }
        Ok(())
    }
}

impl<R> CellGuard<R> {
    /// Follows `bytes`, which hold no quote and are no longer than [`MAX_CELL`], from outside
    /// a quoted cell: only the cells it ends and begins there can pass the limit (every cell
    /// wholly inside is shorter than `bytes`), so one search for the first cell's end, one for
    /// the last cell's start and a count of the line ends between them say what the bytes
    /// one by one would.
    fn follow_unquoted(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let (delimiter, too_long) = (self.delimiter, |line| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                CellTooLong {
                    line,
                    quoted: false,
                },
            )
        });
        let Some(first_end) = memchr::memchr2(delimiter, b'\n', bytes) else {
            self.cell += bytes.len();
            if !bytes.is_empty() {
                self.state = Lexer::Plain;
            }
            if self.cell > MAX_CELL {
                return Err(too_long(self.cell_line));
            }
            return Ok(());
        };
        if self.cell + first_end > MAX_CELL {
            return Err(too_long(self.cell_line));
        }
        let last_end = memchr::memrchr2(delimiter, b'\n', bytes).unwrap_or(first_end);
        self.line += line_ends(&bytes[first_end..=last_end]);
        self.cell_line = self.line;
        self.cell = bytes.len() - last_end - 1;
        self.state = if self.cell == 0 {
            Lexer::CellStart
        } else {
            Lexer::Plain
        };
        Ok(())
    }
}

/// How many `\n` are in `bytes`: counted in runs of 255 into a byte each, which the compiler
/// does many bytes at a time (a search for each one costs more when they are close together).
fn line_ends(bytes: &[u8]) -> u64 {
    bytes
        .chunks(255)
        .map(|run| u64::from(run.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
        .sum()
}

impl<R: Read> Read for CellGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.follow(&buf[..n])?;
        Ok(n)
    }
}

/// The most spaces an `.ods` may ask for with `<text:s text:c="N"/>`: calamine writes them
/// all into the cell's text, so `text:c="2000000000"` is 2 GB.
const MAX_ODS_SPACES: u64 = 1_000_000;

/// What calamine lays out of an `.ods` workbook's sheets.
#[derive(Debug, Default, PartialEq, Eq)]
struct OdsSpan {
    /// Cells calamine makes: each row's cells up to its last filled one (column repeats
    /// included, at most 16,384), then for each sheet the grid from its first filled row to
    /// its last (row repeats included, empty rows between them too) and from its first
    /// filled column to its last, once for the values and once for the formulas.
    cells: u64,
    /// The filled cells the file writes (a repeated one once).
    filled: u64,
    /// The spaces its `text:s` elements ask for.
    spaces: u64,
}

/// One of a sheet's two grids (values, formulas): its filled rows' repeats from the first
/// to the last, and its filled columns.
#[derive(Default)]
struct OdsGrid {
    rows: u64,
    since_last: u64,
    seen: bool,
    columns: Option<(u64, u64)>,
}

impl OdsGrid {
    /// A row repeated `repeat` times, filled from column `filled.0` to `filled.1` if at all.
    fn row(&mut self, repeat: u64, filled: Option<(u64, u64)>) {
        let Some((first, last)) = filled else {
            self.since_last = self.since_last.saturating_add(repeat);
            return;
        };
        self.rows = if self.seen {
            self.rows
                .saturating_add(self.since_last)
                .saturating_add(repeat)
        } else {
            repeat
        };
        (self.seen, self.since_last) = (true, 0);
        self.columns = Some(match self.columns {
            Some((a, b)) => (a.min(first), b.max(last)),
            None => (first, last),
        });
    }

    fn cells(&self) -> u64 {
        self.columns
            .map_or(0, |(a, b)| self.rows.saturating_mul(b - a + 1))
    }
}

/// Where calamine is inside a cell's element.
enum OdsCell {
    /// Reading a string cell's text, inside an annotation or not.
    Text { annotation: bool },
    /// Skipping to the end of the element `name`, `depth` deep.
    Skip { name: String, depth: usize },
}

/// A row being read: its repeat, its cells so far, the empty ones waiting for a filled one,
/// and the first and last columns of its values and of its formulas.
type OdsRow = (u64, u64, u64, Option<(u64, u64)>, Option<(u64, u64)>);

/// What calamine 0.38 lays out of an `.ods` (`ods.rs`: `read_row` and `get_range`): calamine
/// lays every repeat out, so a row repeated a million times, or a stray cell far from the
/// table, costs gigabytes. `None` when the file is not an `.ods` this can read. Streams
/// `content.xml`; what a damaged entry held before the damage counts.
fn ods_span(bytes: &[u8]) -> Option<OdsSpan> {
    use quick_xml::events::Event;
    const MAX_ROWS: u64 = 1_048_576;
    const MAX_COLUMNS: u64 = 16_384;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let content = zip.by_name("content.xml").ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    // As calamine reads it: an end tag need not match its start.
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let number = |e: &quick_xml::events::BytesStart, name: &str| -> Option<u64> {
        let a = e.try_get_attribute(name).ok()??;
        a.value.trim().parse().ok()
    };
    let mut span = OdsSpan::default();
    let (mut values, mut formulas) = (OdsGrid::default(), OdsGrid::default());
    // calamine reads a sheet from its start to the first end of a sheet, nested starts
    // ignored, and caps its rows' repeats at 1,048,576 a sheet.
    let (mut in_table, mut rows_so_far) = (false, 0u64);
    let mut row: Option<OdsRow> = None;
    // Inside a cell, calamine reads no further cells or rows: the text of a string cell up
    // to the first end of any cell (an annotation skipped whole), or up to the end that
    // matches another cell's start.
    let mut in_cell: Option<OdsCell> = None;
    let end_row = |row: &mut Option<OdsRow>,
                   span: &mut OdsSpan,
                   values: &mut OdsGrid,
                   formulas: &mut OdsGrid| {
        if let Some((repeat, len, _, v, f)) = row.take() {
            span.cells = span.cells.saturating_add(len);
            values.row(repeat, v);
            formulas.row(repeat, f);
        }
    };
    let end_table = |span: &mut OdsSpan, values: &mut OdsGrid, formulas: &mut OdsGrid| {
        span.cells = span
            .cells
            .saturating_add(values.cells())
            .saturating_add(formulas.cells());
        (*values, *formulas) = (OdsGrid::default(), OdsGrid::default());
    };
    loop {
        let event = reader.read_event_into(&mut buf);
        let (start, empty) = match &event {
            Ok(Event::Start(e)) => (Some(e), false),
            Ok(Event::Empty(e)) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.name();
            let name = name.as_ref();
            if name == "text:s" {
                span.spaces = span.spaces.saturating_add(number(e, "text:c").unwrap_or(1));
            }
            if let Some(cell) = &mut in_cell {
                match cell {
                    OdsCell::Text { annotation } => {
                        if !empty && name == "office:annotation" {
                            *annotation = true;
                        }
                    }
                    OdsCell::Skip { name: skip, depth } => {
                        if !empty && name == skip.as_str() {
                            *depth += 1;
                        }
                    }
                }
            } else if name == "table:table" {
                if !in_table && !empty {
                    (in_table, rows_so_far) = (true, 0);
                }
            } else if name == "table:table-row" && in_table {
                end_row(&mut row, &mut span, &mut values, &mut formulas);
                let repeat = number(e, "table:number-rows-repeated")
                    .unwrap_or(1)
                    .min(MAX_ROWS - rows_so_far);
                rows_so_far += repeat;
                row = Some((repeat, 0, 0, None, None));
                if empty {
                    end_row(&mut row, &mut span, &mut values, &mut formulas);
                }
            } else if name == "table:table-cell" || name == "table:covered-table-cell" {
                // calamine's `get_datatype`: the first value attribute wins; a string cell
                // without one (or an error cell with an empty one) takes its text.
                let (mut set, mut string, mut error, mut empty_string) =
                    (false, false, false, false);
                for a in e.attributes().with_checks(false).flatten() {
                    match a.key.as_ref() {
                        "office:value"
                        | "office:date-value"
                        | "office:time-value"
                        | "office:boolean-value"
                            if !set =>
                        {
                            set = true;
                        }
                        "office:string-value" if !set => {
                            (set, empty_string) = (true, a.value.is_empty());
                        }
                        "office:value-type" if !set => string = a.value == "string",
                        "calcext:value-type" => error = a.value == "error",
                        _ => {}
                    }
                }
                let text = (!set && string) || (error && empty_string);
                let in_row = row.is_some();
                if let Some((_, len, waiting, v, f)) = &mut row {
                    let repeat = number(e, "table:number-columns-repeated").unwrap_or(1);
                    *len += (*waiting).min(MAX_COLUMNS - *len);
                    *waiting = 0;
                    let repeat = repeat.min(MAX_COLUMNS - *len);
                    let value = text || set;
                    let formula = e
                        .try_get_attribute("table:formula")
                        .ok()
                        .flatten()
                        .is_some_and(|a| !a.value.is_empty());
                    if value || formula {
                        span.filled += 1;
                        if repeat > 0 {
                            let at = (*len, *len + repeat - 1);
                            for (filled, yes) in [(v, value), (f, formula)] {
                                if yes {
                                    *filled = Some(filled.map_or(at, |(a, _)| (a, at.1)));
                                }
                            }
                        }
                        *len += repeat;
                    } else {
                        *waiting = repeat;
                    }
                }
                if in_row && !empty {
                    in_cell = Some(if text {
                        OdsCell::Text { annotation: false }
                    } else {
                        OdsCell::Skip {
                            name: name.to_owned(),
                            depth: 1,
                        }
                    });
                }
            }
        }
        match event {
            Ok(Event::End(e)) => {
                let name = e.name();
                let name = name.as_ref();
                if let Some(cell) = &mut in_cell {
                    let done = match cell {
                        OdsCell::Text { annotation: true } => {
                            if name == "office:annotation" {
                                *cell = OdsCell::Text { annotation: false };
                            }
                            false
                        }
                        OdsCell::Text { annotation: false } => {
                            name == "table:table-cell" || name == "table:covered-table-cell"
                        }
                        OdsCell::Skip { name: skip, depth } => {
                            if name == skip.as_str() {
                                *depth -= 1;
                            }
                            *depth == 0
                        }
                    };
                    if done {
                        in_cell = None;
                    }
                } else if name == "table:table-row" {
                    end_row(&mut row, &mut span, &mut values, &mut formulas);
                } else if name == "table:table" && in_table {
                    end_row(&mut row, &mut span, &mut values, &mut formulas);
                    end_table(&mut span, &mut values, &mut formulas);
                    in_table = false;
                }
            }
            // A damaged entry (a bad checksum, a cut stream) fails only at its end, after
            // calamine has laid out what came before it: what was read so far counts.
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    end_row(&mut row, &mut span, &mut values, &mut formulas);
    end_table(&mut span, &mut values, &mut formulas);
    Some(span)
}

/// Where the rows come from.
enum Source {
    Csv {
        reader: csv::Reader<Box<dyn Read>>,
        record: csv::StringRecord,
    },
    /// An `.xlsx` sheet, read a row at a time.
    Stream {
        sheet: Box<xlsx::SheetStream>,
        /// The header row's first column: the table's first.
        first_column: usize,
        /// The cells of the row read last, at their sheet columns.
        row: Vec<Data>,
        cells: Vec<String>,
    },
    Sheet {
        range: calamine::Range<Data>,
        /// The next row of the range to read.
        next: usize,
        /// The sheet's row number of the range's first row.
        first_row: u64,
        cells: Vec<String>,
    },
}

pub struct Table {
    at: Locator,
    source: Source,
    headers: Vec<String>,
    /// For each requested field, the column that holds it.
    columns: Vec<Option<usize>>,
    /// The column of NIPs, whose cells spreadsheets damage.
    nip_column: Option<usize>,
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
    pub fn open(path: &Path, fields: &[Field], options: &Options) -> Result<Table> {
        let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
        let name = path.display().to_string();
        // A workbook in a regular file is read where it lies, never copied into memory
        // whole; anything else (a pipe) is read as a stream.
        if file.metadata().is_ok_and(|m| m.is_file()) {
            let mut magic = Vec::with_capacity(4);
            (&mut file)
                .take(4)
                .read_to_end(&mut magic)
                .map_err(|e| Error::io(path, e))?;
            file.seek(SeekFrom::Start(0))
                .map_err(|e| Error::io(path, e))?;
            if magic == b"PK\x03\x04" {
                let input = Box::new(BufReader::with_capacity(1 << 16, file));
                return Table::from_workbook(input, &name, fields, options);
            }
        }
        Table::from_reader(Box::new(file), &name, fields, options)
    }

    /// `file` names the input in messages.
    pub fn from_reader(
        input: Box<dyn Read>,
        file: &str,
        fields: &[Field],
        options: &Options,
    ) -> Result<Table> {
        let mut buffered = BufReader::with_capacity(1 << 16, input);
        let head = buffered.fill_buf().map_err(|e| Error::io(file, e))?;
        // An empty ZIP archive has only its end record: not text of any kind.
        if head.starts_with(b"PK\x05\x06") {
            return Err(Error::input(file, None, Problem::EmptyZip {}));
        }
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0") {
            let mut bytes = Vec::new();
            buffered
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(file, e))?;
            return Table::from_workbook(Box::new(Cursor::new(bytes)), file, fields, options);
        }
        let at = Locator {
            file: file.to_owned(),
            sheet: None,
        };
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &head[3..] } else { head };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(at.error(1, None, Problem::EmptyFile {}));
        }
        let header_end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
        // UTF-16 (Excel's "Unicode Text", some SIMPEG exports): a BOM, or NULs between letters.
        if body.starts_with(b"\xFF\xFE")
            || body.starts_with(b"\xFE\xFF")
            || body[..header_end].contains(&0)
        {
            return Err(at.error(1, None, Problem::Utf16 {}));
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
            .from_reader(Box::new(CellGuard::new(buffered, delimiter)) as Box<dyn Read>);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(file, e))?
            .iter()
            .map(collapse)
            .collect();
        Table::new(
            at,
            Source::Csv {
                reader,
                record: csv::StringRecord::new(),
            },
            headers,
            1,
            fields,
            options,
        )
    }

    /// A workbook (`.xlsx`, `.ods`, `.xls`): its first sheet, or `options.sheet`. An `.xlsx`
    /// sheet is streamed; the others are read whole.
    fn from_workbook(
        mut input: Box<dyn xlsx::ReadSeek>,
        file: &str,
        fields: &[Field],
        options: &Options,
    ) -> Result<Table> {
        let whole = |problem: Problem| Error::input(file, None, problem);
        let mut magic = Vec::with_capacity(2);
        (&mut input)
            .take(2)
            .read_to_end(&mut magic)
            .map_err(|e| Error::io(file, e))?;
        if magic == b"PK" {
            input = match xlsx::open(input, options.sheet.as_deref()) {
                Ok(sheet) => return Table::from_stream(sheet, file, fields, options),
                Err(xlsx::Failure::NotXlsx(input)) => input,
                Err(xlsx::Failure::TooManyStrings { count, most }) => {
                    return Err(whole(Problem::SharedStringsDamaged { count, most }));
                }
                Err(xlsx::Failure::NoSuchSheet(names)) => {
                    let wanted = options.sheet.as_deref().unwrap_or_default();
                    return Err(whole(Problem::NoSuchSheet {
                        sheet: wanted.to_string(),
                        sheets: names.join(", ").clone(),
                    }));
                }
                Err(xlsx::Failure::TooSparse { name, span }) => {
                    let (height, width) = span.size();
                    let (rows, columns) = (
                        span.rows.unwrap_or_default(),
                        span.columns.unwrap_or_default(),
                    );
                    let last = format!("{}{}", column_name(columns.1 as usize), rows.1 + 1);
                    return Err(whole(Problem::SheetTooSparse {
                        sheet: name.clone(),
                        rows: height,
                        columns: width,
                        cells: span.filled,
                        last: last.clone(),
                        max: MAX_SPAN,
                    }));
                }
                Err(xlsx::Failure::NoSheet) => {
                    return Err(whole(Problem::NoSheet {}));
                }
                Err(xlsx::Failure::Damaged(why)) => {
                    return Err(Error::input(
                        file,
                        Some(1),
                        Problem::BadWorkbook { why: why.clone() },
                    ));
                }
            };
        }
        input
            .seek(SeekFrom::Start(0))
            .map_err(|e| Error::io(file, e))?;
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(file, e))?;
        if bytes.starts_with(b"PK")
            && let Some(span) = ods_span(&bytes)
        {
            if span.cells > MAX_SPAN.max(CELLS_PER_FILLED.saturating_mul(span.filled)) {
                return Err(whole(Problem::OdsTooSparse {
                    span: span.cells,
                    cells: span.filled,
                    max: MAX_SPAN,
                }));
            }
            if span.spaces > MAX_ODS_SPACES {
                let why = format!(
                    "its cells ask for {} spaces (text:s), more than roster reads ({MAX_ODS_SPACES})",
                    span.spaces
                );
                return Err(Error::input(
                    file,
                    Some(1),
                    Problem::BadWorkbook { why: why.clone() },
                ));
            }
        }
        if xls::has_looping_chain(&bytes) {
            return Err(Error::input(
                file,
                Some(1),
                Problem::BadWorkbook {
                    why: "a chain of its OLE sectors loops back on itself".to_string(),
                },
            ));
        }
        if xls::is_encrypted(&bytes) {
            return Err(whole(Problem::PasswordProtected {}));
        }
        match xls::span(&bytes) {
            Err(why) => {
                return Err(Error::input(
                    file,
                    Some(1),
                    Problem::BadWorkbook {
                        why: format!("the file is damaged: {why}"),
                    },
                ));
            }
            Ok(Some(span))
                if span.cells > MAX_SPAN.max(CELLS_PER_FILLED.saturating_mul(span.filled)) =>
            {
                return Err(whole(Problem::XlsTooSparse {
                    span: span.cells,
                    cells: span.filled,
                    max: MAX_SPAN,
                }));
            }
            Ok(_) => {}
        }
        let bad =
            |why: String| Error::input(file, Some(1), Problem::BadWorkbook { why: why.clone() });
        // An OLE file is an `.xls` or nothing: calamine's guess would go on to find a ZIP
        // inside it (its directory is looked for from the end) and read that as an `.xlsx`
        // laid out whole, past the `.xlsx` reader that measures a sheet first.
        let ole = bytes.starts_with(b"\xD0\xCF\x11\xE0");
        let mut workbook = quietly(|| {
            if ole {
                <calamine::Xls<_> as calamine::Reader<_>>::new(Cursor::new(bytes))
                    .map(calamine::Sheets::Xls)
                    .map_err(calamine::Error::Xls)
            } else {
                // A ZIP the `.xlsx` reader left (it has no `xl/workbook.xml`) is an `.ods` or
                // nothing: calamine's guess tries it as an `.xlsx` first, finding the workbook
                // through the package's relationships, and reserves as many shared strings as
                // the part claims before it finds that there is no workbook, then lays a
                // sheet out whole, past the `.xlsx` reader's checks.
                <calamine::Ods<_> as calamine::Reader<_>>::new(Cursor::new(bytes))
                    .map(calamine::Sheets::Ods)
                    .map_err(|_| calamine::Error::Msg("Cannot detect file format"))
            }
        })
        .map_err(bad)?
        .map_err(|e| bad(e.to_string()))?;
        let names = workbook.sheet_names();
        let sheet = match &options.sheet {
            Some(wanted) => names
                .iter()
                .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
                .cloned()
                .ok_or_else(|| {
                    whole(Problem::NoSuchSheet {
                        sheet: wanted.clone(),
                        sheets: names.join(", ").clone(),
                    })
                })?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| whole(Problem::NoSheet {}))?,
        };
        let unreadable = |e: String| {
            whole(Problem::UnreadableSheet {
                sheet: sheet.clone(),
                why: e.clone(),
            })
        };
        // `.xlsx` sheets are streamed ([`xlsx`]); what is left (`.ods`, `.xls`) was measured
        // above before calamine lays it out.
        let range = quietly(|| workbook.worksheet_range(&sheet))
            .map_err(unreadable)?
            .map_err(|e| unreadable(e.to_string()))?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let at = Locator {
            file: file.to_owned(),
            sheet: Some((sheet, first_column)),
        };
        if range.is_empty() {
            return Err(at.error(1, None, Problem::EmptySheet {}));
        }
        let headers: Vec<String> = (0..range.width())
            .map(|c| collapse(&cell_text(range.get((0, c)).unwrap_or(&Data::Empty))))
            .collect();
        let header_line = u64::from(first_row) + 1;
        Table::new(
            at,
            Source::Sheet {
                range,
                next: 1,
                first_row: header_line,
                cells: Vec::new(),
            },
            headers,
            header_line,
            fields,
            options,
        )
    }

    /// An `.xlsx` sheet: its first row with a filled cell is the header, from that row's
    /// first filled cell on.
    fn from_stream(
        mut sheet: xlsx::SheetStream,
        file: &str,
        fields: &[Field],
        options: &Options,
    ) -> Result<Table> {
        let unreadable = |sheet: &str, why: String| {
            Error::input(
                file,
                None,
                Problem::UnreadableSheet {
                    sheet: sheet.to_string(),
                    why: why.clone(),
                },
            )
        };
        let mut row = Vec::new();
        let header_row = sheet
            .next_row(&mut row)
            .map_err(|why| unreadable(&sheet.name, why))?;
        let first_column = row
            .iter()
            .position(|c| !matches!(c, Data::Empty))
            .unwrap_or(0);
        let at = Locator {
            file: file.to_owned(),
            sheet: Some((sheet.name.clone(), first_column as u32)),
        };
        let Some(header_row) = header_row else {
            return Err(at.error(1, None, Problem::EmptySheet {}));
        };
        let headers: Vec<String> = row[first_column..]
            .iter()
            .map(|c| collapse(&cell_text(c)))
            .collect();
        let header_line = u64::from(header_row) + 1;
        Table::new(
            at,
            Source::Stream {
                sheet: Box::new(sheet),
                first_column,
                row,
                cells: Vec::new(),
            },
            headers,
            header_line,
            fields,
            options,
        )
    }

    fn new(
        at: Locator,
        source: Source,
        headers: Vec<String>,
        header_line: u64,
        fields: &[Field],
        options: &Options,
    ) -> Result<Table> {
        let columns = fields::map_columns(&headers, fields, &options.columns, &|message| {
            at.error(header_line, None, message)
        })?;
        let nip_column = fields
            .iter()
            .zip(&columns)
            .find_map(|(f, c)| if f.is_nip() { *c } else { None });
        Ok(Table {
            at,
            source,
            headers,
            columns,
            nip_column,
            row: Row {
                line: 0,
                cells: Vec::new(),
            },
        })
    }

    pub fn file(&self) -> &str {
        &self.at.file
    }

    /// Where the table's rows and cells are, for messages.
    pub fn locator(&self) -> Locator {
        self.at.clone()
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The column that holds the `field`-th requested field, if the header has it.
    pub fn column(&self, field: usize) -> Option<usize> {
        self.columns[field]
    }

    /// Reads the next row that has a non-empty cell (Excel's trailing `;;;;` rows are
    /// skipped) and returns its line.
    fn advance(&mut self) -> Result<Option<u64>> {
        let line = match &mut self.source {
            Source::Csv { reader, record } => loop {
                let more = reader
                    .read_record(record)
                    .map_err(|e| csv_error(&self.at.file, e))?;
                if !more {
                    return Ok(None);
                }
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = record.position().map_or(0, csv::Position::line);
                check_csv_record(&self.at, record, self.headers.len(), line)?;
                break line;
            },
            Source::Stream {
                sheet,
                first_column,
                row,
                cells,
            } => loop {
                let number = sheet.next_row(row).map_err(|why| {
                    Error::input(
                        &self.at.file,
                        None,
                        Problem::UnreadableSheet {
                            sheet: sheet.name.clone(),
                            why: why.clone(),
                        },
                    )
                })?;
                let Some(number) = number else {
                    return Ok(None);
                };
                let line = u64::from(number) + 1;
                let width = self
                    .headers
                    .len()
                    .max(row.len().saturating_sub(*first_column));
                cells.clear();
                for col in 0..width {
                    let Some(cell) = row.get_mut(*first_column + col) else {
                        cells.push(String::new());
                        continue;
                    };
                    sheet_cell(&self.at, self.nip_column, &self.columns, line, col, cell)?;
                    // The row's cells are read anew for the next row: texts move out.
                    cells.push(match std::mem::replace(cell, Data::Empty) {
                        Data::String(text) => text,
                        other => cell_text(&other),
                    });
                }
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                break line;
            },
            Source::Sheet {
                range,
                next,
                first_row,
                cells,
            } => loop {
                if *next >= range.height() {
                    return Ok(None);
                }
                let row = *next;
                *next += 1;
                let line = *first_row + row as u64;
                cells.clear();
                for col in 0..range.width() {
                    let cell = range.get((row, col)).unwrap_or(&Data::Empty);
                    sheet_cell(&self.at, self.nip_column, &self.columns, line, col, cell)?;
                    cells.push(cell_text(cell));
                }
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                break line;
            },
        };
        if let Some(col) = self.nip_column
            && let Some(cell) = self.raw(col)
            && nip::is_scientific(cell)
        {
            return Err(self
                .at
                .error(line, Some(col), nip::scientific_message(cell.trim())));
        }
        Ok(Some(line))
    }

    /// Cell `col` of the row just read, as written.
    fn raw(&self, col: usize) -> Option<&str> {
        match &self.source {
            Source::Csv { record, .. } => record.get(col),
            Source::Sheet { cells, .. } | Source::Stream { cells, .. } => {
                cells.get(col).map(String::as_str)
            }
        }
    }

    fn width(&self) -> usize {
        match &self.source {
            Source::Csv { record, .. } => record.len(),
            Source::Sheet { cells, .. } | Source::Stream { cells, .. } => cells.len(),
        }
    }

    /// The next row: the cells of the requested fields, trimmed and collapsed.
    pub fn next_row(&mut self) -> Result<Option<&Row>> {
        let Some(line) = self.advance()? else {
            return Ok(None);
        };
        let mut cells = std::mem::take(&mut self.row.cells);
        cells.resize(self.columns.len(), String::new());
        for (cell, column) in cells.iter_mut().zip(&self.columns) {
            clean_into(cell, column.and_then(|i| self.raw(i)).unwrap_or(""));
        }
        self.row.cells = cells;
        self.row.line = line;
        Ok(Some(&self.row))
    }

    /// The next row with the cells of `columns` trimmed and collapsed, in column order; every
    /// other cell is left empty (a reader that needs a few columns of a long file).
    pub fn next_record_of(&mut self, columns: &[usize]) -> Result<Option<&Row>> {
        let Some(line) = self.advance()? else {
            return Ok(None);
        };
        let mut cells = std::mem::take(&mut self.row.cells);
        cells.resize(self.width(), String::new());
        cells.iter_mut().for_each(String::clear);
        for &col in columns {
            if let Some(cell) = cells.get_mut(col) {
                clean_into(cell, self.raw(col).unwrap_or(""));
            }
        }
        self.row.cells = cells;
        self.row.line = line;
        Ok(Some(&self.row))
    }

    /// The next row with every cell, in column order, trimmed and collapsed.
    pub fn next_record(&mut self) -> Result<Option<&Row>> {
        let Some(line) = self.advance()? else {
            return Ok(None);
        };
        let mut cells = std::mem::take(&mut self.row.cells);
        let width = self.width();
        cells.resize(width, String::new());
        for (col, cell) in cells.iter_mut().enumerate() {
            clean_into(cell, self.raw(col).unwrap_or(""));
        }
        self.row.cells = cells;
        self.row.line = line;
        Ok(Some(&self.row))
    }
}

/// Runs one of calamine's readers of a whole `.xls` or `.ods`, whose damaged-file paths can
/// panic (a sector cut short slices past the end of an `.xls`; found by the `workbook` fuzz
/// target): the panic becomes the reason the workbook cannot be read, and its message is
/// not printed as a crash. Inputs are read before any other thread starts, so swapping the
/// process's panic hook for the call is seen by nothing else.
fn quietly<T>(read: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    result.map_err(|panic| {
        let why = (panic
            .downcast_ref::<&str>()
            .map(std::string::ToString::to_string))
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
        format!("the file is damaged ({why})")
    })
}

/// The checks of a workbook cell at `col` (from the table's first column) of row `line`: a
/// NIP stored as a long number has lost digits; an error cell read as text would become a
/// unit called `#REF!`, or a role no rule matches.
fn sheet_cell(
    at: &Locator,
    nip_column: Option<usize>,
    columns: &[Option<usize>],
    line: u64,
    col: usize,
    cell: &Data,
) -> Result<()> {
    if Some(col) == nip_column
        && let Some(value) = inexact_number(cell)
    {
        return Err(at.error(line, Some(col), nip::number_cell_message(value)));
    }
    if let Data::Error(e) = cell
        && columns.contains(&Some(col))
    {
        return Err(at.error(
            line,
            Some(col),
            Problem::ErrorCell {
                value: e.to_string(),
            },
        ));
    }
    Ok(())
}

/// A cell trimmed and collapsed into `cell`; `null` (SIASN's empty cell) is empty.
fn clean_into(cell: &mut String, value: &str) {
    collapse_into(cell, value);
    if cell.len() == 4 && cell.eq_ignore_ascii_case("null") {
        cell.clear();
    }
}

/// The checks of a CSV row that a workbook cannot fail: its width, its cells' sizes, NULs.
fn check_csv_record(
    at: &Locator,
    record: &csv::StringRecord,
    headers: usize,
    line: u64,
) -> Result<()> {
    if record.len() != headers {
        let spans_lines = record.iter().any(|c| c.contains('\n'));
        let cells = record.len();
        let message = if spans_lines {
            Problem::RaggedQuote { cells, headers }
        } else {
            Problem::RaggedRow { cells, headers }
        };
        return Err(at.error(line, None, message));
    }
    if let Some(long) = record.iter().find(|c| c.len() > MAX_CELL) {
        let bytes = long.len();
        return Err(at.error(line, None, Problem::HugeCell { bytes }));
    }
    // The cells lie end to end in the record: one search for the whole row.
    if record.as_slice().contains('\0') {
        return Err(at.error(line, None, Problem::NulByte {}));
    }
    Ok(())
}

/// A workbook cell as text: strings as they are, whole numbers without `.0`, dates as ISO
/// dates.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(_) | Data::DateTimeIso(_) => match cell.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.to_string(),
            None => cell.to_string(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number too long to be exact in a spreadsheet (16 digits or more): a NIP stored so has
/// already lost digits.
fn inexact_number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(f) if f.abs() >= 1e15 => Some(*f),
        Data::Int(n) if n.unsigned_abs() >= 1_000_000_000_000_000 => Some(*n as f64),
        _ => None,
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
    // Day first: `24/03/2025`, and `24-03-2025` as SIASN writes it.
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .ok()
}

/// Two header columns that give the same field (`what`): refused by every reader, since
/// taking either one would silently drop the other.
pub fn duplicate_column(
    at: &Locator,
    headers: &[String],
    first: usize,
    second: usize,
    what: Given,
) -> Error {
    at.error(
        1,
        None,
        fields::duplicate_message(headers, first, second, what),
    )
}

fn csv_error(file: &str, error: csv::Error) -> Error {
    if let csv::ErrorKind::Io(e) = error.kind()
        && let Some(long) = e.get_ref().and_then(|e| e.downcast_ref::<CellTooLong>())
    {
        let message = if long.quoted {
            Problem::UnclosedQuote {}
        } else {
            Problem::CellOverLimit {}
        };
        return Error::input(file, Some(long.line), message);
    }
    let line = error.position().map(csv::Position::line);
    let text = error.to_string();
    let message = match error.into_kind() {
        csv::ErrorKind::Io(e) => return Error::io(file, e),
        csv::ErrorKind::Utf8 { err, .. } => Problem::CellNotUtf8 {
            cell: err.field() + 1,
        },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Problem::CellsDiffer {
            cells: len,
            headers: expected_len,
        },
        _ => Problem::Reader { text },
    };
    Error::input(file, line, message)
}

/// A weekday named in Bahasa Indonesia or English, whole or short, in any case: `Jumat`,
/// `Jum'at`, `jum`, `Friday`, `Fri`.
pub fn weekday(word: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday;
    let word = crate::pattern::fold(word).replace(['\'', '’'], "");
    Some(match word.trim_end_matches(['.', ',']) {
        "senin" | "sen" => Weekday::Mon,
        "selasa" | "sel" => Weekday::Tue,
        "rabu" | "rab" => Weekday::Wed,
        "kamis" | "kam" => Weekday::Thu,
        "jumat" | "jum" => Weekday::Fri,
        "sabtu" | "sab" => Weekday::Sat,
        "minggu" | "min" | "ahad" => Weekday::Sun,
        english => english.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a guard stands after `text`, and the line and quoting of the cell it stopped at.
    fn guarded(text: &[u8], chunk: usize, byte_by_byte: bool) -> (String, Option<(u64, bool)>) {
        let mut guard = CellGuard::new(std::io::empty(), b';');
        let mut stopped = None;
        for piece in text.chunks(chunk) {
            let seen = if byte_by_byte {
                piece.iter().try_for_each(|&b| guard.see(b))
            } else {
                guard.follow(piece)
            };
            if let Err(e) = seen {
                let long = e.into_inner().unwrap().downcast::<CellTooLong>().unwrap();
                stopped = Some((long.line, long.quoted));
                break;
            }
        }
        let state = format!(
            "{:?} {} {} {}",
            guard.state as u8, guard.cell, guard.line, guard.cell_line
        );
        (
            if stopped.is_some() {
                String::new()
            } else {
                state
            },
            stopped,
        )
    }

    #[test]
    fn the_cell_guard_follows_runs_as_it_follows_bytes() {
        let long_plain = format!("a;{}\n", "x".repeat(MAX_CELL + 5));
        let long_quoted = format!("a;\"{}\n{}", "y".repeat(10), "z".repeat(MAX_CELL));
        let texts: Vec<Vec<u8>> = vec![
            b"nip;nama\n1;\"Siti; \"\"S.E.\"\"\nbaris dua\";x\n\"\";;\n".to_vec(),
            b"\"a\"b;c\"\n\"\"\"\";\n;;\n".to_vec(),
            long_plain.into_bytes(),
            long_quoted.into_bytes(),
            format!("{};\n", "w".repeat(MAX_CELL)).into_bytes(),
            // Plain cells with quotes inside, quoted ones between them, empty lines.
            b"1;Budi \"Bud\" S;\"x;\ny\"z;\n\n;\"\"\n2;a\"\"b;\"q\"\"\";\n".repeat(40),
            format!(
                "{}\"a;b\";{};\n",
                "v".repeat(MAX_CELL - 2),
                "u".repeat(MAX_CELL)
            )
            .into_bytes(),
        ];
        for text in &texts {
            for chunk in [1, 2, 3, 7, 64, 1000, 8192, 1 << 16] {
                assert_eq!(
                    guarded(text, chunk, false),
                    guarded(text, chunk, true),
                    "chunk {chunk}"
                );
            }
        }
        assert!(guarded(&texts[2], 7, false).1.is_some());
        assert_eq!(guarded(&texts[3], 64, false).1, Some((1, true)));
        assert!(guarded(&texts[4], 64, false).1.is_none());
    }

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
            fallbacks: &[],
            required: true,
        },
        Field {
            name: "unit",
            aliases: &["unit kerja", "opd"],
            fallbacks: &[],
            required: true,
        },
        Field {
            name: "team",
            aliases: &["bidang"],
            fallbacks: &[],
            required: false,
        },
    ];

    fn table(text: &str) -> Result<Table> {
        Table::from_reader(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            "s.csv",
            FIELDS,
            &Options::default(),
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

    fn workbook(build: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        build(&mut book);
        book.save_to_buffer().unwrap()
    }

    fn sheet_rows(bytes: Vec<u8>, options: &Options) -> Result<Vec<(u64, Vec<String>)>> {
        let mut t = Table::from_reader(Box::new(Cursor::new(bytes)), "p.xlsx", FIELDS, options)?;
        let mut out = Vec::new();
        while let Some(r) = t.next_row()? {
            out.push((r.line, r.cells.clone()));
        }
        Ok(out)
    }

    #[test]
    fn workbook_cells_as_text() {
        let bytes = workbook(|book| {
            let sheet = book.add_worksheet();
            sheet.write_string(1, 1, "NIP BARU").unwrap();
            sheet.write_string(1, 2, "Unit Kerja").unwrap();
            sheet.write_string(1, 3, "Bidang").unwrap();
            sheet.write_string(2, 1, "198609262015051001").unwrap();
            sheet.write_number(2, 2, 17.0).unwrap();
            sheet.write_string(2, 3, "NULL").unwrap();
            // A blank row between people is skipped.
            sheet.write_number(4, 1, 1234.0).unwrap();
            sheet.write_number(4, 2, 1.5).unwrap();
        });
        let got = sheet_rows(bytes, &Options::default()).unwrap();
        assert_eq!(
            got,
            vec![
                (
                    3,
                    vec!["198609262015051001".into(), "17".into(), String::new()]
                ),
                (5, vec!["1234".into(), "1.5".into(), String::new()]),
            ]
        );
    }

    #[test]
    fn a_long_number_in_the_nip_column_names_its_cell() {
        let bytes = workbook(|book| {
            let sheet = book.add_worksheet();
            sheet.set_name("Pegawai Aktif").unwrap();
            sheet.write_string(0, 0, "NIP").unwrap();
            sheet.write_string(0, 1, "OPD").unwrap();
            sheet.write_string(1, 0, "198609262015051001").unwrap();
            sheet.write_number(2, 0, 198609262015051001.0).unwrap();
        });
        let e = sheet_rows(bytes, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "p.xlsx:'Pegawai Aktif'!A3: this NIP is stored as a number (1.98609262015051e17)"
            ),
            "{e}"
        );
    }

    #[test]
    fn scientific_nips_in_a_csv_name_the_line() {
        let e = rows_err("nip,unit\n198609262015051001,a\n\"1,98609E+17\",b\n");
        assert!(
            e.starts_with("s.csv:3: this NIP was turned into a number by a spreadsheet and lost its last digits: 1,98609E+17."),
            "{e}"
        );
    }

    fn rows_err(text: &str) -> String {
        let mut t = table(text).unwrap();
        loop {
            match t.next_row() {
                Ok(Some(_)) => continue,
                Ok(None) => panic!("no error"),
                Err(e) => return e.to_string(),
            }
        }
    }

    /// Found by the `workbook` fuzz target: an `.xls` whose sector is cut short made
    /// calamine slice past its end.
    #[test]
    fn an_xls_cut_inside_a_sector_is_an_error_not_a_panic() {
        let bytes = include_bytes!("../../tests/fixtures/xls/cut-sector.xls").to_vec();
        let e = sheet_rows(bytes, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("cannot be read as one (the file is damaged"),
            "{e}"
        );
    }

    /// An `.ods` whose `content.xml` is these rows of a sheet.
    fn ods(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("content.xml", stored).unwrap();
        write!(
            zip,
            "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"s\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    /// calamine lays out the empty rows between two filled ones, repeats included, as wide
    /// as the widest filled row: a thousand empty rows repeated a thousand times between
    /// a one-cell row and a row filled out to column 100.
    #[test]
    fn an_ods_grid_counts_the_empty_rows_between_its_filled_ones() {
        let cell =
            "<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>";
        let book = ods(&format!(
            "<table:table-row>{cell}</table:table-row>\
             <table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"5\"/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"99\"/>{cell}</table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell/></table:table-row>"
        ));
        let span = ods_span(&book).unwrap();
        // Rows pushed (1 + 100 cells), then 1,000,002 rows of 100 columns.
        assert_eq!(span.cells, 101 + 1_000_002 * 100);
        assert_eq!(span.filled, 2);
    }

    /// Found by the `workbook` fuzz target: an end tag before the sheet that does not match
    /// its start stopped this scan (calamine reads on), so a row repeated a million times 64
    /// cells wide went uncounted.
    #[test]
    fn an_ods_end_tag_that_does_not_match_does_not_stop_the_scan() {
        let book = include_bytes!("../../tests/fixtures/fuzz/workbook-ods-end-tag-oom.ods");
        let span = ods_span(book).unwrap();
        assert!(span.cells > 64_000_000, "{span:?}");
    }

    /// calamine reads a sheet to its first end, a nested sheet's start ignored: one grid,
    /// not two.
    #[test]
    fn an_ods_sheet_started_again_inside_itself_is_one_grid() {
        let cell =
            "<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>";
        let book = ods(&format!(
            "<table:table-row><table:table-cell table:number-columns-repeated=\"99\"/>{cell}</table:table-row>\
             <table:table table:name=\"t\">\
             <table:table-row table:number-rows-repeated=\"1000000\">{cell}</table:table-row>"
        ));
        let span = ods_span(&book).unwrap();
        assert_eq!(span.cells, 100 + 1 + 1_000_001 * 100);
    }

    /// Found by the `workbook` fuzz target: a string cell closed by a wrong end tag runs on
    /// in calamine to the next cell's end; this scan, counting nested cells, never left it
    /// and missed the row repeated a million times after it.
    #[test]
    fn an_ods_string_cell_ends_at_the_first_end_of_any_cell() {
        let book = include_bytes!("../../tests/fixtures/fuzz/workbook-ods-cell-end-oom.ods");
        let span = ods_span(book).unwrap();
        assert!(span.cells > 64_000_000, "{span:?}");
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}
