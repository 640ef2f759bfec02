//! The roster as a PDF to print and sign (`--pdf`): A4 landscape, each unit from a new page,
//! its working days a month at a time across the page width, one letter per day (O, H, A, …
//! in the run's language, with the legend on every page), week boundaries ruled, each day's
//! office count under the unit's month, the unit's summary line and a signature block at the
//! end of the unit. Rows never split across pages; the header of every page names the policy,
//! its basis, the unit and the month(s), the footer gives page n of m.
//!
//! Written in process with pdf-writer, in Helvetica (built into every PDF reader, so nothing
//! is embedded), content streams compressed. The writer sees only [`Sheet`]: the days, the
//! people, their modes and the words around them.

use super::Part;
use super::helvetica::{self, Face};
use super::wide::WideRoster;
use super::xlsx::MODE_COLORS;
use crate::facts::SummaryRow;
use crate::lang::{Lang, fill_named};
use crate::mode::Mode;
use crate::policy::Print;
use crate::view::RosterView;
use chrono::{Datelike, NaiveDate};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::io::Write;
use std::ops::Range;

/// What the printed roster shows, and nothing of how it was planned.
pub struct Sheet<'a> {
    pub title: &'a str,
    pub basis: Option<&'a str>,
    /// The working days, in order.
    pub days: &'a [NaiveDate],
    pub print: &'a Print,
    pub lang: Lang,
    /// In print order; a unit is never empty.
    pub units: Vec<UnitSheet<'a>>,
}

pub struct UnitSheet<'a> {
    pub name: &'a str,
    pub people: Vec<PersonRow<'a>>,
    /// The unit's summary row, for its summary line.
    pub summary: Option<&'a SummaryRow>,
}

pub struct PersonRow<'a> {
    pub nip: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    /// One per working day.
    pub modes: Vec<Mode>,
}

impl<'a> Sheet<'a> {
    /// The people of `part`, unit by unit, with their modes from the recorded roster.
    pub fn of_roster(
        view: &RosterView<'a>,
        wide: &WideRoster,
        part: &Part<'a>,
        lang: Lang,
    ) -> Sheet<'a> {
        let staff = view.staff;
        let policy = view.policy;
        let mut units: Vec<UnitSheet> = Vec::new();
        for i in part.people.clone() {
            let person = &staff.people[i];
            let unit = staff.units[person.unit as usize].as_str();
            if units.last().is_none_or(|u| u.name != unit) {
                units.push(UnitSheet {
                    name: unit,
                    people: Vec::new(),
                    summary: part.rows.iter().find(|r| r.unit == unit).copied(),
                });
            }
            let sheet = units.last_mut().expect("pushed above");
            sheet.people.push(PersonRow {
                nip: staff.nip(person),
                name: staff.name(person),
                role: staff.role(person),
                modes: wide.modes(i).collect(),
            });
        }
        Sheet {
            title: &policy.name,
            basis: policy.basis.as_deref(),
            days: view.days,
            print: &policy.print,
            lang,
            units,
        }
    }
}

// Page geometry, in points: A4 landscape, 10 mm margins.
const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 28.35;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
const FOOTER_H: f32 = 22.0;
const LINE_H: f32 = 13.0;
const MONTH_TITLE_H: f32 = 14.0;
const HEAD_ROW_H: f32 = 18.0;
const ROW_H: f32 = 11.0;
const BLOCK_GAP: f32 = 8.0;
const SUMMARY_H: f32 = 16.0;
const SIGNATURE_H: f32 = 96.0;
const TEXT_SIZE: f32 = 7.0;
/// Text is shrunk down to this size to fit its cell before it is cut.
const SMALLEST_TEXT: f32 = 5.5;
const NUMBER_W: f32 = 18.0;
const NIP_W: f32 = 74.0;
/// The widest a day column gets, and the room kept for the name and role at least.
const DAY_W: f32 = 18.0;
const NAME_AND_ROLE_MIN: f32 = 240.0;

/// One month's rows of a unit (or the part of them on one page).
#[derive(Debug, Clone, PartialEq)]
struct Block {
    month: usize,
    rows: Range<usize>,
    /// The month's first rows are on an earlier page.
    continued: bool,
    /// The last rows: the office count follows.
    last: bool,
}

/// What one page holds: its unit, its blocks, and whether the unit ends on it (the summary
/// line and the signature follow the last block).
#[derive(Debug, Clone, PartialEq)]
struct Page {
    unit: usize,
    blocks: Vec<Block>,
    ends_unit: bool,
}

impl Page {
    fn empty(unit: usize) -> Page {
        Page {
            unit,
            blocks: Vec::new(),
            ends_unit: false,
        }
    }
}

/// The working days, cut at each change of month (indices into the days).
fn months(days: &[NaiveDate]) -> Vec<Range<usize>> {
    let mut months: Vec<Range<usize>> = Vec::new();
    for (i, day) in days.iter().enumerate() {
        match months.last_mut() {
            Some(m)
                if (days[m.start].year(), days[m.start].month()) == (day.year(), day.month()) =>
            {
                m.end = i + 1;
            }
            _ => months.push(i..i + 1),
        }
    }
    months
}

/// How tall the page header is: the letterhead when there is one, the title, the basis and
/// the unit line.
fn header_height(sheet: &Sheet) -> f32 {
    let letterhead = if sheet.print.letterhead.is_some() {
        LINE_H
    } else {
        0.0
    };
    letterhead + 3.0 * LINE_H + 6.0
}

/// Cuts each unit's months into pages. A month that fits on a page of its own is not split;
/// a longer one continues on the next page with its header repeated. The last row of a month
/// keeps its office count with it, and the last row of a unit its summary and signature.
fn paginate(unit_sizes: &[usize], months: usize, room: f32) -> Vec<Page> {
    let mut pages = Vec::new();
    for (unit, &people) in unit_sizes.iter().enumerate() {
        let mut page = Page::empty(unit);
        let mut used = 0.0f32;
        for month in 0..months {
            let tail = if month + 1 == months {
                SUMMARY_H + SIGNATURE_H
            } else {
                0.0
            };
            let frame = MONTH_TITLE_H + HEAD_ROW_H;
            let end = ROW_H + tail;
            let whole = frame + people as f32 * ROW_H + end;
            if used > 0.0 && used + whole > room && whole <= room {
                pages.push(std::mem::replace(&mut page, Page::empty(unit)));
                used = 0.0;
            }
            let mut start = 0;
            while start < people {
                let rest = people - start;
                let space = room - used - frame;
                let fit = if rest as f32 * ROW_H + end <= space {
                    rest
                } else {
                    // Leave at least one row for the page that ends the month.
                    ((space / ROW_H).floor().max(0.0) as usize).min(rest - 1)
                };
                if fit == 0 && !page.blocks.is_empty() {
                    pages.push(std::mem::replace(&mut page, Page::empty(unit)));
                    used = 0.0;
                    continue;
                }
                // A page too short for even one row still takes one: nothing is lost.
                let fit = fit.max(1);
                let last = start + fit == people;
                page.blocks.push(Block {
                    month,
                    rows: start..start + fit,
                    continued: start > 0,
                    last,
                });
                used += frame + fit as f32 * ROW_H + if last { ROW_H + BLOCK_GAP } else { 0.0 };
                start += fit;
                if !last {
                    pages.push(std::mem::replace(&mut page, Page::empty(unit)));
                    used = 0.0;
                }
            }
        }
        page.ends_unit = true;
        pages.push(page);
    }
    pages
}

/// Where the columns are: the row number, the NIP, the name, the role, then the days.
struct Columns {
    name: f32,
    role: f32,
    day: f32,
}

impl Columns {
    fn new(most_days: usize) -> Columns {
        let days_room = WIDTH - NUMBER_W - NIP_W - NAME_AND_ROLE_MIN;
        let day = (days_room / most_days.max(1) as f32).min(DAY_W);
        let rest = WIDTH - NUMBER_W - NIP_W - day * most_days as f32;
        Columns {
            name: rest * 0.55,
            role: rest * 0.45,
            day,
        }
    }

    fn nip_x(&self) -> f32 {
        MARGIN + NUMBER_W
    }

    fn name_x(&self) -> f32 {
        self.nip_x() + NIP_W
    }

    fn role_x(&self) -> f32 {
        self.name_x() + self.name
    }

    fn day_x(&self, day: usize) -> f32 {
        self.role_x() + self.role + day as f32 * self.day
    }
}

/// Text to draw: encoded, with its size, cut with `…` where even the smallest size is too
/// wide.
fn fit(text: &str, face: Face, width: f32) -> (Vec<u8>, f32) {
    fit_at(text, face, TEXT_SIZE, width)
}

/// [`fit`] from another size than the table's.
fn fit_at(text: &str, face: Face, largest: f32, width: f32) -> (Vec<u8>, f32) {
    let encoded = helvetica::encode(text);
    let full = helvetica::width(&encoded, face, largest);
    if full <= width {
        return (encoded, largest);
    }
    let size = (largest * width / full).max(SMALLEST_TEXT);
    let mut cut = encoded;
    if helvetica::width(&cut, face, size) > width {
        let ellipsis = helvetica::width(b"\x85", face, size);
        while !cut.is_empty() && helvetica::width(&cut, face, size) + ellipsis > width {
            cut.pop();
        }
        cut.push(0x85);
    }
    (cut, size)
}

/// One page's drawing, in coordinates from the top left. Operators are batched: rectangles
/// of one colour are filled as one path, and text runs in one text object with relative
/// moves, so that a province's pages are written about as fast as its CSV.
struct Canvas {
    content: Content,
    /// The fill colour set, if any (black for text).
    fill: Option<u32>,
    /// Rectangles added since the last fill.
    path_open: bool,
    /// Inside a text object: where its current line starts, and the font set.
    text: Option<TextState>,
}

#[derive(Clone, Copy)]
struct TextState {
    x: i32,
    y: i32,
    font: Option<(Face, f32)>,
}

/// Drawing is in hundredths of a point (the page's matrix scales them), so every coordinate
/// is written as a whole number: shorter, and quicker to write than a decimal.
const UNITS: f32 = 100.0;

fn at(v: f32) -> i32 {
    (v * UNITS).round() as i32
}

impl Canvas {
    fn new() -> Canvas {
        let mut content = Content::new();
        content.transform([1.0 / UNITS, 0.0, 0.0, 1.0 / UNITS, 0.0, 0.0]);
        Canvas {
            content,
            fill: None,
            path_open: false,
            text: None,
        }
    }

    fn set_fill(&mut self, rgb: u32) {
        if self.fill != Some(rgb) {
            let [r, g, b] = rgb_of(rgb);
            self.content.set_fill_rgb(r, g, b);
            self.fill = Some(rgb);
        }
    }

    fn end_path(&mut self) {
        if self.path_open {
            self.content.fill_nonzero();
            self.path_open = false;
        }
    }

    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.content.end_text();
        }
    }

    fn text(&mut self, x: f32, top: f32, face: Face, size: f32, text: &[u8]) {
        self.end_path();
        self.set_fill(0x000000);
        let (x, y) = (at(x), at(PAGE_H - top));
        let line = match self.text {
            Some(state) => state,
            None => {
                self.content.begin_text();
                TextState {
                    x: 0,
                    y: 0,
                    font: None,
                }
            }
        };
        if line.font != Some((face, size)) {
            let name = match face {
                Face::Regular => Name(b"F1"),
                Face::Bold => Name(b"F2"),
            };
            self.content.set_font(name, size * UNITS);
        }
        self.content.op("Td").operands([x - line.x, y - line.y]);
        self.content.show(Str(text));
        self.text = Some(TextState {
            x,
            y,
            font: Some((face, size)),
        });
    }

    /// Text in the table cell at `x` of the row at `top`, shrunk or cut to fit `width`.
    fn cell(&mut self, x: f32, top: f32, width: f32, face: Face, text: &str) {
        let (encoded, size) = fit(text, face, width - 4.0);
        self.text(x + 2.0, top + ROW_H - 3.0, face, size, &encoded);
    }

    fn centered(&mut self, x: f32, top: f32, width: f32, face: Face, size: f32, text: &str) {
        let encoded = helvetica::encode(text);
        let w = helvetica::width(&encoded, face, size);
        self.text(x + (width - w) / 2.0, top, face, size, &encoded);
    }

    fn right(&mut self, right: f32, top: f32, face: Face, size: f32, text: &str) {
        let encoded = helvetica::encode(text);
        let w = helvetica::width(&encoded, face, size);
        self.text(right - w, top, face, size, &encoded);
    }

    fn fill(&mut self, x: f32, top: f32, width: f32, height: f32, rgb: u32) {
        self.end_text();
        if self.fill != Some(rgb) {
            self.end_path();
            self.set_fill(rgb);
        }
        let y = at(PAGE_H - top - height);
        self.content
            .op("re")
            .operands([at(x), y, at(width), at(height)]);
        self.path_open = true;
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, gray: f32) {
        self.end_text();
        self.end_path();
        self.content.set_stroke_rgb(gray, gray, gray);
        self.content.op("w").operand(at(width));
        self.content
            .op("m")
            .operands([at(from.0), at(PAGE_H - from.1)]);
        self.content.op("l").operands([at(to.0), at(PAGE_H - to.1)]);
        self.content.stroke();
    }

    fn finish(mut self) -> Vec<u8> {
        self.end_text();
        self.end_path();
        self.content.finish().to_vec()
    }
}

fn rgb_of(rgb: u32) -> [f32; 3] {
    [rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF].map(|c| c as f32 / 255.0)
}

/// Writes the sheet as a PDF.
pub fn write<W: Write>(sheet: &Sheet, mut out: W) -> std::io::Result<W> {
    let days = sheet.days;
    let months = months(days);
    let most_days = months
        .iter()
        .map(std::iter::ExactSizeIterator::len)
        .max()
        .unwrap_or(0);
    let columns = Columns::new(most_days);
    let header = header_height(sheet);
    let room = PAGE_H - 2.0 * MARGIN - header - FOOTER_H;
    let sizes: Vec<usize> = sheet.units.iter().map(|u| u.people.len()).collect();
    let pages = paginate(&sizes, months.len(), room);

    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first_page = 6;
    let page_refs: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first_page + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().copied())
        .count(pages.len() as i32);
    for (id, face) in [(regular, Face::Regular), (bold, Face::Bold)] {
        pdf.type1_font(id)
            .base_font(Name(face.base_font()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(sheet.title))
        .creator(TextStr("roster"));
    let total = pages.len().to_string();
    for (number, (page, &id)) in pages.iter().zip(&page_refs).enumerate() {
        let contents = Ref::new(id.get() + 1);
        let mut canvas = Canvas::new();
        let unit = &sheet.units[page.unit];
        draw_header(&mut canvas, sheet, unit, page, &months);
        let mut top = MARGIN + header;
        for block in &page.blocks {
            top = draw_block(&mut canvas, sheet, unit, block, &months, &columns, top);
        }
        if page.ends_unit {
            top = draw_summary(&mut canvas, sheet, unit, top);
            draw_signature(&mut canvas, sheet, unit, top);
        }
        draw_footer(&mut canvas, sheet, &(number + 1).to_string(), &total);
        let compressed = compress(&canvas.finish())?;
        let mut p = pdf.page(id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(contents);
        p.resources()
            .fonts()
            .pair(Name(b"F1"), regular)
            .pair(Name(b"F2"), bold);
        p.finish();
        pdf.stream(contents, &compressed)
            .filter(Filter::FlateDecode);
    }
    out.write_all(&pdf.finish())?;
    Ok(out)
}

fn compress(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 4),
        flate2::Compression::fast(),
    );
    encoder.write_all(data)?;
    encoder.finish()
}

/// The months a page shows: `August 2023`, `August–September 2023`, `December 2025–January
/// 2026`.
fn month_label(lang: Lang, first: NaiveDate, last: NaiveDate) -> String {
    let names = &lang.labels().print.months;
    let name = |d: NaiveDate| names[d.month0() as usize];
    if (first.year(), first.month()) == (last.year(), last.month()) {
        format!("{} {}", name(first), first.year())
    } else if first.year() == last.year() {
        format!("{}–{} {}", name(first), name(last), last.year())
    } else {
        format!(
            "{} {}–{} {}",
            name(first),
            first.year(),
            name(last),
            last.year()
        )
    }
}

fn draw_header(
    canvas: &mut Canvas,
    sheet: &Sheet,
    unit: &UnitSheet,
    page: &Page,
    months: &[Range<usize>],
) {
    let t = &sheet.lang.labels().print;
    let l = sheet.lang.labels();
    let mut top = MARGIN;
    if let Some(letterhead) = &sheet.print.letterhead {
        canvas.centered(MARGIN, top + 10.0, WIDTH, Face::Bold, 10.0, letterhead);
        top += LINE_H;
    }
    let (encoded, size) = fit(sheet.title, Face::Bold, WIDTH * 0.7);
    canvas.text(
        MARGIN,
        top + 10.0,
        Face::Bold,
        size.max(TEXT_SIZE) + 3.0,
        &encoded,
    );
    if let (Some(first), Some(last)) = (page.blocks.first(), page.blocks.last()) {
        let first = sheet.days[months[first.month].start];
        let last = sheet.days[months[last.month].end - 1];
        let label = format!("{}: {}", t.month, month_label(sheet.lang, first, last));
        canvas.right(MARGIN + WIDTH, top + 10.0, Face::Bold, 10.0, &label);
    }
    top += LINE_H;
    if let Some(basis) = sheet.basis {
        let (encoded, size) = fit_at(&format!("{}: {basis}", t.basis), Face::Regular, 8.0, WIDTH);
        canvas.text(MARGIN, top + 9.0, Face::Regular, size, &encoded);
    }
    top += LINE_H;
    let (encoded, _) = fit(
        &format!("{}: {}", l.unit, unit.name),
        Face::Bold,
        WIDTH * 0.75,
    );
    canvas.text(MARGIN, top + 10.0, Face::Bold, 10.0, &encoded);
}

/// One month's rows, under its title and the day headings; returns where the next thing goes.
fn draw_block(
    canvas: &mut Canvas,
    sheet: &Sheet,
    unit: &UnitSheet,
    block: &Block,
    months: &[Range<usize>],
    columns: &Columns,
    mut top: f32,
) -> f32 {
    let lang = sheet.lang;
    let l = lang.labels();
    let t = &l.print;
    let month = months[block.month].clone();
    let first = sheet.days[month.start];
    let mut title = month_label(lang, first, first);
    if block.continued {
        title = format!("{title} {}", t.continued);
    }
    canvas.text(
        MARGIN,
        top + 10.0,
        Face::Bold,
        9.0,
        &helvetica::encode(&title),
    );
    top += MONTH_TITLE_H;
    let right = columns.day_x(month.len());
    // Day headings: the weekday over the day of the month.
    canvas.fill(MARGIN, top, right - MARGIN, HEAD_ROW_H, 0xF2F2F2);
    for (x, text) in [
        (MARGIN, "No."),
        (columns.nip_x(), l.nip),
        (columns.name_x(), l.name),
        (columns.role_x(), l.role),
    ] {
        canvas.text(
            x + 2.0,
            top + 12.0,
            Face::Bold,
            TEXT_SIZE,
            &helvetica::encode(text),
        );
    }
    for (i, &day) in sheet.days[month.clone()].iter().enumerate() {
        let x = columns.day_x(i);
        canvas.centered(
            x,
            top + 7.5,
            columns.day,
            Face::Regular,
            5.5,
            lang.weekday(day.weekday()),
        );
        canvas.centered(
            x,
            top + 15.5,
            columns.day,
            Face::Bold,
            TEXT_SIZE,
            &day.day().to_string(),
        );
    }
    let table_top = top;
    top += HEAD_ROW_H;
    let codes = &t.codes;
    // The day cells' colours, one path per mode; then every text; then the rules.
    for (m, &colour) in MODE_COLORS.iter().enumerate() {
        for (r, row) in block.rows.clone().enumerate() {
            let y = top + r as f32 * ROW_H;
            for (i, mode) in unit.people[row].modes[month.clone()].iter().enumerate() {
                if mode.index() == m {
                    canvas.fill(columns.day_x(i), y, columns.day, ROW_H, colour);
                }
            }
        }
    }
    let code_widths = codes.map(|c| helvetica::width(c.as_bytes(), Face::Regular, TEXT_SIZE));
    for (r, row) in block.rows.clone().enumerate() {
        let y = top + r as f32 * ROW_H;
        let person = &unit.people[row];
        canvas.right(
            columns.nip_x() - 2.0,
            y + ROW_H - 3.0,
            Face::Regular,
            TEXT_SIZE,
            &(row + 1).to_string(),
        );
        canvas.cell(columns.nip_x(), y, NIP_W, Face::Regular, person.nip);
        canvas.cell(
            columns.name_x(),
            y,
            columns.name,
            Face::Regular,
            person.name,
        );
        canvas.cell(
            columns.role_x(),
            y,
            columns.role,
            Face::Regular,
            person.role,
        );
        for (i, mode) in person.modes[month.clone()].iter().enumerate() {
            let x = columns.day_x(i) + (columns.day - code_widths[mode.index()]) / 2.0;
            let code = codes[mode.index()].as_bytes();
            canvas.text(x, y + ROW_H - 3.0, Face::Regular, TEXT_SIZE, code);
        }
    }
    for _ in block.rows.clone() {
        top += ROW_H;
        canvas.line((MARGIN, top), (right, top), 0.3, 0.75);
    }
    if block.last {
        // Each day's office count, over the whole unit.
        canvas.fill(MARGIN, top, right - MARGIN, ROW_H, 0xFAFAFA);
        canvas.right(
            columns.day_x(0) - 2.0,
            top + ROW_H - 3.0,
            Face::Bold,
            TEXT_SIZE,
            t.office_count,
        );
        for (i, day) in month.clone().enumerate() {
            let count = unit
                .people
                .iter()
                .filter(|p| p.modes[day] == Mode::Wfo)
                .count();
            canvas.centered(
                columns.day_x(i),
                top + ROW_H - 3.0,
                columns.day,
                Face::Bold,
                TEXT_SIZE,
                &count.to_string(),
            );
        }
        canvas.line((MARGIN, top), (right, top), 0.8, 0.3);
        top += ROW_H;
    }
    // The grid: column rules, a heavier one where a week begins, a frame.
    let mut rule =
        |x: f32, width: f32, gray: f32| canvas.line((x, table_top), (x, top), width, gray);
    for x in [columns.nip_x(), columns.name_x(), columns.role_x()] {
        rule(x, 0.3, 0.6);
    }
    for (i, day) in month.clone().enumerate() {
        let week_starts = i == 0 || sheet.days[day].iso_week() != sheet.days[day - 1].iso_week();
        if week_starts {
            rule(columns.day_x(i), 1.0, 0.2);
        } else {
            rule(columns.day_x(i), 0.3, 0.75);
        }
    }
    rule(MARGIN, 0.6, 0.3);
    rule(right, 0.6, 0.3);
    canvas.line((MARGIN, table_top), (right, table_top), 0.6, 0.3);
    canvas.line((MARGIN, top), (right, top), 0.6, 0.3);
    if block.last {
        top += BLOCK_GAP;
    }
    top
}

/// The unit's summary line: staff, the share remote against its target, the fairness spread
/// and the problems.
fn draw_summary(canvas: &mut Canvas, sheet: &Sheet, unit: &UnitSheet, top: f32) -> f32 {
    let lang = sheet.lang;
    if let Some(row) = unit.summary {
        let pct = |v: Option<f64>| v.map_or("-".to_owned(), |v| lang.pct(v));
        let text = fill_named(
            lang.labels().print.summary,
            &[
                ("unit", unit.name),
                ("staff", &row.staff.to_string()),
                ("fixed", &row.fixed.to_string()),
                ("rotating", &row.rotating.to_string()),
                ("achieved", &pct(row.achieved_remote_pct)),
                ("target", &pct(row.target_remote_pct)),
                ("spread", &row.fairness_spread.to_string()),
                ("problems", &row.problems.to_string()),
            ],
        );
        let (encoded, size) = fit_at(&text, Face::Regular, 7.5, WIDTH);
        canvas.text(MARGIN, top + 9.0, Face::Regular, size, &encoded);
    }
    top + SUMMARY_H
}

/// Place and date, "Acknowledged,", the signer's title, room to sign, and blanks for the
/// name and NIP; at the right of the page.
fn draw_signature(canvas: &mut Canvas, sheet: &Sheet, unit: &UnitSheet, top: f32) {
    let t = &sheet.lang.labels().print;
    let width = 300.0;
    let x = MARGIN + WIDTH - width;
    let place = sheet.print.place.clone().unwrap_or_else(|| ".".repeat(24));
    let title_template = sheet
        .print
        .signer_title
        .as_deref()
        .unwrap_or(t.signer_title);
    let title = fill_named(title_template, &[("unit", unit.name)]);
    let lines = [
        (0.0, format!("{place}, ....................")),
        (LINE_H, t.acknowledged.to_owned()),
        (2.0 * LINE_H, title),
        (
            2.0 * LINE_H + 48.0,
            "( ........................................ )".to_owned(),
        ),
        (3.0 * LINE_H + 48.0, t.nip_blank.to_owned()),
    ];
    for (dy, text) in lines {
        let (encoded, size) = fit_at(&text, Face::Regular, 8.0, width);
        canvas.text(x, top + dy + 10.0, Face::Regular, size, &encoded);
    }
}

/// The legend of the codes and the page number.
fn draw_footer(canvas: &mut Canvas, sheet: &Sheet, page: &str, pages: &str) {
    let l = sheet.lang.labels();
    let t = &l.print;
    let top = PAGE_H - MARGIN - FOOTER_H + 6.0;
    canvas.line((MARGIN, top), (MARGIN + WIDTH, top), 0.5, 0.5);
    let mut x = MARGIN;
    let legend = format!("{}:", t.legend);
    canvas.text(
        x,
        top + 11.0,
        Face::Bold,
        TEXT_SIZE,
        &helvetica::encode(&legend),
    );
    x += helvetica::width(&helvetica::encode(&legend), Face::Bold, TEXT_SIZE) + 6.0;
    for (i, meaning) in l.modes.iter().enumerate() {
        canvas.fill(x, top + 4.0, 10.0, 9.0, MODE_COLORS[i]);
        canvas.centered(x, top + 11.0, 10.0, Face::Regular, TEXT_SIZE, t.codes[i]);
        x += 13.0;
        let text = helvetica::encode(meaning);
        canvas.text(x, top + 11.0, Face::Regular, TEXT_SIZE, &text);
        x += helvetica::width(&text, Face::Regular, TEXT_SIZE) + 10.0;
    }
    let page = fill_named(t.page, &[("n", page), ("m", pages)]);
    canvas.right(MARGIN + WIDTH, top + 11.0, Face::Regular, TEXT_SIZE, &page);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cut_the_days_at_each_change_of_month() {
        let d = |m, d| NaiveDate::from_ymd_opt(2023, m, d).unwrap();
        let days = [d(8, 30), d(8, 31), d(9, 1), d(9, 4), d(10, 2)];
        assert_eq!(months(&days), [0..2, 2..4, 4..5]);
    }

    #[test]
    fn a_month_that_fits_a_page_is_not_split_and_rows_never_are() {
        let room = 460.0;
        // Nine people over three months: two pages, no month split.
        let pages = paginate(&[9], 3, room);
        assert_eq!(pages.len(), 2);
        assert!(
            pages
                .iter()
                .flat_map(|p| &p.blocks)
                .all(|b| b.rows == (0..9))
        );
        assert!(pages[1].ends_unit && !pages[0].ends_unit);
        // Three hundred people in one month: every row once, in order, on pages that hold
        // them; the last page ends with at least one row before the signature.
        let pages = paginate(&[300], 1, room);
        let rows: Vec<usize> = pages
            .iter()
            .flat_map(|p| p.blocks.iter().flat_map(|b| b.rows.clone()))
            .collect();
        assert_eq!(rows, (0..300).collect::<Vec<_>>());
        let frame = MONTH_TITLE_H + HEAD_ROW_H;
        for page in &pages {
            let b = &page.blocks[0];
            let tail = if page.ends_unit {
                ROW_H + SUMMARY_H + SIGNATURE_H
            } else {
                0.0
            };
            assert!(
                frame + b.rows.len() as f32 * ROW_H + tail <= room,
                "{page:?}"
            );
        }
        assert!(!pages.last().unwrap().blocks[0].rows.is_empty());
        // Each unit from a new page.
        let pages = paginate(&[2, 3], 1, room);
        assert_eq!(pages.iter().map(|p| p.unit).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn text_too_wide_is_shrunk_then_cut() {
        let (text, size) = fit("Ahmad", Face::Regular, 100.0);
        assert_eq!((text.as_slice(), size), (&b"Ahmad"[..], TEXT_SIZE));
        let long = "Kepala Sub Bagian Perencanaan dan Keuangan Sekretariat";
        let (text, size) = fit(long, Face::Regular, 60.0);
        assert_eq!(size, SMALLEST_TEXT);
        assert_eq!(text.last(), Some(&0x85));
        assert!(helvetica::width(&text, Face::Regular, size) <= 60.0);
    }
}
