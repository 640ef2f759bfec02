//! An `.xlsx` sheet read row by row: the sheet's XML is decompressed and parsed as it is
//! read, so a large roster costs a row and the workbook's shared texts, never the whole
//! sheet laid out. The small parts (the workbook, its relations, the styles, the shared
//! strings) are read whole first.

use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
use quick_xml::events::{BytesRef, BytesStart, Event};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

/// What a workbook input is read from: a file, or the bytes of standard input.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// Why a workbook could not be opened or read, for the caller to word.
pub enum Failure {
    /// Not a workbook this reader knows (an `.ods` or `.xlsb`): read it another way.
    NotXlsx(Box<dyn ReadSeek>),
    /// The shared strings part claims more texts than its size can hold.
    TooManyStrings {
        count: String,
        most: u64,
    },
    /// No sheet of that name; the names there are.
    NoSuchSheet(Vec<String>),
    NoSheet,
    /// The workbook is damaged: why.
    Damaged(String),
    /// The sheet's used range is far larger than its cells.
    TooSparse {
        name: String,
        span: Span,
    },
}

/// The rows and columns a sheet's filled cells span, and how many there are.
#[derive(Default)]
pub struct Span {
    pub rows: Option<(u32, u32)>,
    pub columns: Option<(u32, u32)>,
    pub filled: u64,
}

impl Span {
    fn add(&mut self, row: u32, column: u32) {
        self.filled += 1;
        self.rows = Some(
            self.rows
                .map_or((row, row), |(a, b)| (a.min(row), b.max(row))),
        );
        self.columns = Some(
            self.columns
                .map_or((column, column), |(a, b)| (a.min(column), b.max(column))),
        );
    }

    /// The height and width of the used range.
    pub fn size(&self) -> (u64, u64) {
        match (self.rows, self.columns) {
            (Some(rows), Some(columns)) => (
                u64::from(rows.1 - rows.0) + 1,
                u64::from(columns.1 - columns.0) + 1,
            ),
            _ => (0, 0),
        }
    }

    /// Whether the used range is beyond [`super::MAX_SPAN`] cells and
    /// [`super::CELLS_PER_FILLED`] per filled cell: a stray cell far away (`XFD1048576`).
    pub fn too_sparse(&self) -> bool {
        let (height, width) = self.size();
        height.saturating_mul(width)
            > super::MAX_SPAN.max(super::CELLS_PER_FILLED.saturating_mul(self.filled))
    }
}

/// Measures a sheet's used range: the cells that hold a value.
fn scan_span(input: impl BufRead) -> Result<Span, String> {
    let mut xml = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut span = Span::default();
    let (mut row, mut column) = (None::<u32>, 0u32);
    let mut cell: Option<u32> = None;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                let number = attribute(&e, "r")
                    .and_then(|r| r.trim().parse::<u32>().ok())
                    .and_then(|r| r.checked_sub(1));
                row = Some(number.unwrap_or_else(|| row.map_or(0, |r| r.saturating_add(1))));
                column = 0;
            }
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let (at, _) = cell_head(&e, column)?;
                column = at.saturating_add(1);
                cell = Some(at);
            }
            Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let (at, _) = cell_head(&e, column)?;
                column = at.saturating_add(1);
            }
            Event::Start(e) if matches!(e.local_name().as_ref(), "v" | "t") => {
                if let (Some(r), Some(c)) = (row, cell.take()) {
                    span.add(r, c);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "c" => cell = None,
            Event::Eof => return Ok(span),
            _ => {}
        }
    }
}

/// One sheet of an `.xlsx` workbook, read a row at a time.
pub struct SheetStream {
    pub name: String,
    xml: quick_xml::Reader<BufReader<Box<dyn Read>>>,
    buf: Vec<u8>,
    text: String,
    strings: Vec<String>,
    /// Per cell style (`s`), whether its number format shows a date or time.
    dates: Vec<bool>,
    is_1904: bool,
    /// The row read last (from 0).
    row: Option<u32>,
    done: bool,
}

/// Opens sheet `wanted` (default: the first) of the `.xlsx` workbook in `input`.
pub fn open(mut input: Box<dyn ReadSeek>, wanted: Option<&str>) -> Result<SheetStream, Failure> {
    let damaged = |e: &dyn std::fmt::Display| Failure::Damaged(e.to_string());
    input.seek(SeekFrom::Start(0)).map_err(|e| damaged(&e))?;
    // Not a ZIP archive at all: the other readers say what it is.
    let mut zip = match zip::ZipArchive::new(&mut input) {
        Ok(_) => zip::ZipArchive::new(input).map_err(|e| damaged(&e))?,
        Err(_) => {
            input.seek(SeekFrom::Start(0)).map_err(|e| damaged(&e))?;
            return Err(Failure::NotXlsx(input));
        }
    };
    let Some(workbook_part) = zip.index_for_name("xl/workbook.xml") else {
        let mut input = zip.into_inner();
        input.seek(SeekFrom::Start(0)).map_err(|e| damaged(&e))?;
        return Err(Failure::NotXlsx(input));
    };
    let (sheets, is_1904) = read_part(&mut zip, workbook_part, workbook_sheets)?;
    let relations = match zip.index_for_name("xl/_rels/workbook.xml.rels") {
        Some(part) => read_part(&mut zip, part, relations)?,
        None => Vec::new(),
    };
    let (name, id) = match wanted {
        Some(wanted) => sheets
            .iter()
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| Failure::NoSuchSheet(sheets.iter().map(|s| s.0.clone()).collect()))?,
        None => sheets.first().cloned().ok_or(Failure::NoSheet)?,
    };
    let target = relations
        .iter()
        .find(|(rid, _)| *rid == id)
        .map(|(_, target)| part_path(target))
        .ok_or_else(|| Failure::Damaged(format!("sheet `{name}` has no part")))?;
    let strings = match find_part(&zip, "xl/sharedstrings.xml") {
        Some(part) => {
            check_shared_strings(&mut zip, part)?;
            read_part(&mut zip, part, shared_strings)?
        }
        None => Vec::new(),
    };
    let dates = match find_part(&zip, "xl/styles.xml") {
        Some(part) => read_part(&mut zip, part, date_styles)?,
        None => Vec::new(),
    };
    let part = find_part(&zip, &target)
        .ok_or_else(|| Failure::Damaged(format!("the part {target} is missing")))?;
    // The sheet's bytes as stored, decompressed as they are read: the archive hands out its
    // parts only while borrowed, and the sheet outlives this function.
    let (start, stored, method) = {
        let entry = zip.by_index_raw(part).map_err(|e| damaged(&e))?;
        if entry.encrypted() {
            return Err(Failure::Damaged("the sheet is encrypted".into()));
        }
        let start = entry
            .data_start()
            .ok_or_else(|| Failure::Damaged("the sheet's data cannot be found".into()))?;
        (start, entry.compressed_size(), entry.compression())
    };
    let mut input = zip.into_inner();
    // A first pass measures the used range, so that a stray far cell is refused before any
    // row is read, as in the workbooks read whole; it holds nothing.
    let span = scan_span(BufReader::new(sheet_body(
        &mut input, start, stored, method,
    )?))
    .map_err(|e| Failure::Damaged(format!("{target}: {e}")))?;
    if span.too_sparse() {
        return Err(Failure::TooSparse { name, span });
    }
    let body = sheet_body(input, start, stored, method)?;
    Ok(SheetStream {
        name,
        xml: quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, body)),
        buf: Vec::new(),
        text: String::new(),
        strings,
        dates,
        is_1904,
        row: None,
        done: false,
    })
}

/// A part's bytes, stored from `start` on, decompressed as they are read.
fn sheet_body<'a, R: Read + Seek + 'a>(
    mut input: R,
    start: u64,
    stored: u64,
    method: zip::CompressionMethod,
) -> Result<Box<dyn Read + 'a>, Failure> {
    input
        .seek(SeekFrom::Start(start))
        .map_err(|e| Failure::Damaged(e.to_string()))?;
    let raw = input.take(stored);
    Ok(match method {
        zip::CompressionMethod::Stored => Box::new(raw),
        zip::CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(raw)),
        other => {
            return Err(Failure::Damaged(format!(
                "the sheet is compressed with {other}, which is not read"
            )));
        }
    })
}

/// The part named `name`, in any case (some writers spell `sharedStrings` otherwise).
fn find_part<R: Read + Seek>(zip: &zip::ZipArchive<R>, name: &str) -> Option<usize> {
    zip.index_for_name(name).or_else(|| {
        (0..zip.len()).find(|&i| {
            zip.name_for_index(i)
                .is_some_and(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
        })
    })
}

/// A relation's target as a part name: `worksheets/sheet1.xml` or `/xl/worksheets/sheet1.xml`.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{target}"),
    }
}

/// A small part's XML and a buffer for its events.
struct Xml<B> {
    reader: quick_xml::Reader<B>,
    buf: Vec<u8>,
}

/// Reads part `index` through `parse`.
fn read_part<R: Read + Seek, T>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
    parse: impl FnOnce(&mut Xml<&mut dyn BufRead>) -> Result<T, quick_xml::Error>,
) -> Result<T, Failure> {
    let part = zip
        .by_index(index)
        .map_err(|e| Failure::Damaged(e.to_string()))?;
    let name = part
        .name()
        .map(std::borrow::Cow::into_owned)
        .unwrap_or_default();
    let mut input = BufReader::new(part);
    parse(&mut Xml {
        reader: quick_xml::Reader::from_reader(&mut input as &mut dyn BufRead),
        buf: Vec::new(),
    })
    .map_err(|e| Failure::Damaged(format!("{name}: {e}")))
}

/// Attribute `name` of `e`, unescaped.
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    let raw = a.value.into_owned();
    Some(match quick_xml::escape::unescape(&raw) {
        Ok(text) => text.into_owned(),
        Err(_) => raw,
    })
}

/// A character or entity reference in text, appended to `text`.
fn push_reference(text: &mut String, r: &BytesRef) -> Result<(), quick_xml::Error> {
    let name: &str = r;
    if let Some(resolved) = quick_xml::escape::resolve_xml_entity(name) {
        text.push_str(resolved);
    } else if let Some(c) = r.resolve_char_ref()? {
        text.push(c);
    } else {
        text.push('&');
        text.push_str(name);
        text.push(';');
    }
    Ok(())
}

/// The sheets in order (name, relation id) and whether dates count from 1904.
fn workbook_sheets(
    xml: &mut Xml<&mut dyn BufRead>,
) -> Result<(Vec<(String, String)>, bool), quick_xml::Error> {
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    loop {
        xml.buf.clear();
        match xml.reader.read_event_into(&mut xml.buf)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sheet" => {
                    let id = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "id")
                        .map(|a| a.value.into_owned());
                    if let (Some(name), Some(id)) = (attribute(&e, "name"), id) {
                        sheets.push((name, id));
                    }
                }
                "workbookPr" => {
                    is_1904 = attribute(&e, "date1904")
                        .is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
                }
                _ => {}
            },
            Event::Eof => return Ok((sheets, is_1904)),
            _ => {}
        }
    }
}

/// The workbook's relations: (id, target).
fn relations(xml: &mut Xml<&mut dyn BufRead>) -> Result<Vec<(String, String)>, quick_xml::Error> {
    let mut found = Vec::new();
    loop {
        xml.buf.clear();
        match xml.reader.read_event_into(&mut xml.buf)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(&e, "Id"), attribute(&e, "Target")) {
                    found.push((id, target));
                }
            }
            Event::Eof => return Ok(found),
            _ => {}
        }
    }
}

/// Refuses a shared strings part that claims more texts than it can hold: each text takes
/// at least `<si/>`, five bytes, of the part, whose size is bounded by what it says and by
/// what deflate can expand its stored bytes to. Nothing is reserved for the claim, but a
/// damaged count is a damaged workbook.
fn check_shared_strings<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
) -> Result<(), Failure> {
    let Ok(part) = zip.by_index(index) else {
        return Ok(());
    };
    let most = part.size().min(part.compressed_size().saturating_mul(1100)) / 5;
    let mut head = Vec::new();
    if part.take(4096).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    let head = String::from_utf8_lossy(&head);
    let Some(at) = head.find("uniqueCount=") else {
        return Ok(());
    };
    let value: String = head[at + "uniqueCount=".len()..]
        .chars()
        .skip(1)
        .take_while(char::is_ascii_digit)
        .collect();
    // A number too long for u64 is too large too.
    let count = value.parse::<u64>().unwrap_or(u64::MAX);
    if !value.is_empty() && count > most {
        return Err(Failure::TooManyStrings { count: value, most });
    }
    Ok(())
}

/// Every shared string (`<si>`), rich text joined, phonetic guides left out.
fn shared_strings(xml: &mut Xml<&mut dyn BufRead>) -> Result<Vec<String>, quick_xml::Error> {
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut phonetic) = (false, false);
    loop {
        xml.buf.clear();
        match xml.reader.read_event_into(&mut xml.buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current = Some(String::new()),
                "t" => in_t = true,
                "rPh" => phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => strings.push(unescape_x(&current.take().unwrap_or_default())),
                "t" => in_t = false,
                "rPh" => phonetic = false,
                _ => {}
            },
            Event::Text(t) if in_t && !phonetic => {
                if let Some(s) = &mut current {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_t && !phonetic => {
                if let Some(s) = &mut current {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_t && !phonetic => {
                if let Some(s) = &mut current {
                    push_reference(s, &r)?;
                }
            }
            Event::Eof => return Ok(strings),
            _ => {}
        }
    }
}

/// Excel's escapes of control characters in text: `_x000D_` is a carriage return.
fn unescape_x(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let escaped = tail
            .get(2..6)
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()) && tail.get(6..7) == Some("_"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        match escaped {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Per cell style of `cellXfs`, whether its number format shows a date or time.
fn date_styles(xml: &mut Xml<&mut dyn BufRead>) -> Result<Vec<bool>, quick_xml::Error> {
    let mut custom: Vec<(String, bool)> = Vec::new();
    let mut styles = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        xml.buf.clear();
        match xml.reader.read_event_into(&mut xml.buf)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) =
                        (attribute(&e, "numFmtId"), attribute(&e, "formatCode"))
                    {
                        custom.push((id, is_date_format(&code)));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id = attribute(&e, "numFmtId").unwrap_or_default();
                    let date = match custom.iter().find(|(c, _)| *c == id) {
                        Some((_, date)) => *date,
                        None => is_builtin_date(&id),
                    };
                    styles.push(date);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// The built-in number formats that show a date or a time.
fn is_builtin_date(id: &str) -> bool {
    matches!(id.parse::<u32>(), Ok(14..=22 | 27..=36 | 45..=47 | 50..=58))
}

/// Whether a custom number format shows a date or time: a `d`, `m`, `y`, `h` or `s` in its
/// first section outside quotes, brackets and escapes.
fn is_date_format(code: &str) -> bool {
    let (mut escaped, mut quoted, mut brackets) = (false, false, 0u32);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' | '_' | '*' => escaped = true,
            '"' => quoted = !quoted,
            _ if quoted => {}
            ';' => return false,
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            'd' | 'm' | 'y' | 'h' | 's' | 'D' | 'M' | 'Y' | 'H' | 'S' if brackets == 0 => {
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Excel's last column, `XFD` (from 0): a cell beyond it is a damaged sheet, and laying its
/// row out would cost gigabytes.
const LAST_COLUMN: u32 = 16_383;

/// The column (from 0) of a reference like `AB12`.
fn column_of(reference: &[u8]) -> Option<u32> {
    let mut column = 0u32;
    let mut letters = 0;
    for &b in reference {
        if !b.is_ascii_alphabetic() {
            break;
        }
        letters += 1;
        column = column
            .checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)?;
    }
    (letters > 0).then(|| column - 1)
}

/// A cell's type (`t`) and style (`s`).
struct CellHead {
    kind: String,
    style: Option<usize>,
}

/// A cell's column (from its reference, else the one after the last) and head. Read on
/// every cell: the attributes are taken as they are, never unescaped (references, types
/// and styles hold no entities).
fn cell_head(e: &BytesStart, next_column: u32) -> Result<(u32, CellHead), String> {
    let (mut column, mut kind, mut style) = (None, String::new(), None);
    for a in e.attributes().flatten() {
        match a.key.as_ref() {
            "r" => column = column_of(a.value.as_bytes()),
            "t" => kind = a.value.into_owned(),
            "s" => style = a.value.trim().parse().ok(),
            _ => {}
        }
    }
    let column = column.unwrap_or(next_column);
    if column > LAST_COLUMN {
        return Err(format!(
            "a cell lies beyond the last column, {}",
            super::column_name(LAST_COLUMN as usize)
        ));
    }
    Ok((column, CellHead { kind, style }))
}

impl SheetStream {
    /// The next row that has cells: its number (from 0), its cells put in `cells` at their
    /// columns (from 0; `Data::Empty` between). `Err` says why the sheet cannot be read.
    pub fn next_row(&mut self, cells: &mut Vec<Data>) -> Result<Option<u32>, String> {
        cells.clear();
        if self.done {
            return Ok(None);
        }
        let mut row: Option<u32> = None;
        let mut next_column = 0u32;
        loop {
            self.buf.clear();
            let event = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| e.to_string())?;
            match event {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                    let number = attribute(&e, "r")
                        .and_then(|r| r.trim().parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1));
                    let number =
                        number.unwrap_or_else(|| self.row.map_or(0, |r| r.saturating_add(1)));
                    self.row = Some(number);
                    row = Some(number);
                    next_column = 0;
                    cells.clear();
                }
                Event::End(e) if e.local_name().as_ref() == "row" => {
                    if !cells.is_empty() {
                        return Ok(row);
                    }
                    row = None;
                }
                Event::Start(e) if e.local_name().as_ref() == "c" => {
                    let (column, head) = cell_head(&e, next_column)?;
                    let value = self.cell_value(&head)?;
                    next_column = column.saturating_add(1);
                    if row.is_none() {
                        // A cell outside any row: damaged, and nowhere to put it.
                        continue;
                    }
                    if !matches!(value, Data::Empty) {
                        let at = column as usize;
                        if cells.len() <= at {
                            cells.resize(at + 1, Data::Empty);
                        }
                        cells[at] = value;
                    }
                }
                Event::Empty(e) if e.local_name().as_ref() == "c" => {
                    let (column, _) = cell_head(&e, next_column)?;
                    next_column = column.saturating_add(1);
                }
                Event::End(e) if e.local_name().as_ref() == "sheetData" => {
                    self.done = true;
                    return Ok(None);
                }
                Event::Eof => {
                    self.done = true;
                    return Ok(None);
                }
                _ => {}
            }
        }
    }

    /// Reads a cell's content up to its end tag and makes it a value.
    fn cell_value(&mut self, head: &CellHead) -> Result<Data, String> {
        self.text.clear();
        let (mut in_value, mut phonetic, mut has_value) = (false, false, false);
        loop {
            self.buf.clear();
            let event = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| e.to_string())?;
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    "v" | "t" => (in_value, has_value) = (true, true),
                    "rPh" => phonetic = true,
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "v" | "t" => in_value = false,
                    "rPh" => phonetic = false,
                    "c" => break,
                    _ => {}
                },
                Event::Text(t) if in_value && !phonetic => self.text.push_str(&t.xml10_content()),
                Event::CData(t) if in_value && !phonetic => {
                    self.text.push_str(&t.xml10_content());
                }
                Event::GeneralRef(r) if in_value && !phonetic => {
                    push_reference(&mut self.text, &r).map_err(|e| e.to_string())?;
                }
                Event::Eof => return Err("the sheet ends inside a cell".into()),
                _ => {}
            }
        }
        if !has_value {
            return Ok(Data::Empty);
        }
        let text = self.text.as_str();
        Ok(match head.kind.as_str() {
            "s" => {
                let index: usize = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("shared string number `{text}` is not a number"))?;
                let shared = self.strings.get(index).ok_or_else(|| {
                    format!(
                        "shared string {index} is asked for, but the workbook has {}",
                        self.strings.len()
                    )
                })?;
                Data::String(shared.clone())
            }
            "str" | "inlineStr" => Data::String(unescape_x(text)),
            "b" => Data::Bool(text.trim() == "1" || text.trim().eq_ignore_ascii_case("true")),
            "e" => Data::Error(error_value(text.trim())?),
            "d" => Data::DateTimeIso(text.trim().to_owned()),
            _ if text.trim().is_empty() => Data::Empty,
            _ => {
                let Ok(number) = text.trim().parse::<f64>() else {
                    return Err(format!("the number `{text}` is not a number"));
                };
                let date = head
                    .style
                    .is_some_and(|s| self.dates.get(s).copied().unwrap_or(false));
                if date {
                    Data::DateTime(ExcelDateTime::new(
                        number,
                        ExcelDateTimeType::DateTime,
                        self.is_1904,
                    ))
                } else {
                    Data::Float(number)
                }
            }
        })
    }
}

fn error_value(text: &str) -> Result<CellErrorType, String> {
    Ok(match text {
        "#DIV/0!" => CellErrorType::Div0,
        "#N/A" => CellErrorType::NA,
        "#NAME?" => CellErrorType::Name,
        "#NULL!" => CellErrorType::Null,
        "#NUM!" => CellErrorType::Num,
        "#REF!" => CellErrorType::Ref,
        "#VALUE!" => CellErrorType::Value,
        "#GETTING_DATA" => CellErrorType::GettingData,
        other => return Err(format!("unknown error value `{other}` in a cell")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// A workbook of one sheet whose `<sheetData>` is `rows`.
    fn book(rows: &str) -> Box<dyn ReadSeek> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, text) in [
            (
                "xl/workbook.xml",
                r#"<workbook><sheets><sheet name="S &amp; T" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!("<worksheet><sheetData>{rows}</sheetData></worksheet>"),
            ),
        ] {
            out.start_file(name, options).unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
        Box::new(Cursor::new(out.finish().unwrap().into_inner()))
    }

    fn read_all(rows: &str) -> Result<Vec<(u32, Vec<Data>)>, String> {
        let mut sheet = match open(book(rows), None) {
            Ok(sheet) => sheet,
            Err(Failure::Damaged(why)) => return Err(why),
            Err(_) => return Err("another failure".into()),
        };
        assert_eq!(sheet.name, "S & T");
        let mut out = Vec::new();
        let mut cells = Vec::new();
        while let Some(row) = sheet.next_row(&mut cells)? {
            out.push((row, cells.clone()));
        }
        Ok(out)
    }

    #[test]
    fn inline_numbers_booleans_and_empty_cells() {
        let got = read_all(
            r#"<row r="2"><c r="B2" t="inlineStr"><is><t>a &amp; b</t></is></c><c r="D2"><v>17</v></c></row><row r="3"><c r="A3" s="0"/></row><row><c t="b"><v>1</v></c><c><v></v></c><c t="e"><v>#REF!</v></c></row>"#,
        )
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, 1);
        assert_eq!(
            got[0].1,
            [
                Data::Empty,
                Data::String("a & b".into()),
                Data::Empty,
                Data::Float(17.0)
            ]
        );
        assert_eq!(got[1].0, 3);
        assert_eq!(
            got[1].1,
            [
                Data::Bool(true),
                Data::Empty,
                Data::Error(CellErrorType::Ref)
            ]
        );
    }

    #[test]
    fn a_cell_beyond_the_last_column_is_damage_not_gigabytes() {
        let why = read_all(r#"<row r="1"><c r="ZZZZZZ1"><v>1</v></c></row>"#).unwrap_err();
        assert!(why.contains("beyond the last column, XFD"), "{why}");
    }

    #[test]
    fn references_and_formats() {
        assert_eq!(column_of(b"A1"), Some(0));
        assert_eq!(column_of(b"AB12"), Some(27));
        assert_eq!(column_of(b"XFD1048576"), Some(16_383));
        assert_eq!(column_of(b"12"), None);
        assert!(is_date_format("dd/mm/yyyy"));
        assert!(!is_date_format("0.00"));
        assert!(!is_date_format("\"d\"0"));
        assert!(!is_date_format("[Red]0"));
        assert!(is_builtin_date("14") && !is_builtin_date("49"));
        assert_eq!(unescape_x("a_x000D_b_x12"), "a\rb_x12");
    }
}
