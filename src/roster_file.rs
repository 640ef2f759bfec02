//! Reading a roster back (`check`, `report`): the long form (`date,nip,...,mode,...`) or the
//! wide form (one column per date), told apart by the header, including one that went through
//! a spreadsheet: `;` delimiter, BOM, CRLF, NIP written as `'1986…` or `="1986…"`, dates as
//! `2025-03-24` or `24/03/2025`, mode codes in any case, formula-neutralised cells.

use crate::cell::restore;
use crate::error::{Error, Result};
use crate::facts::problems::{Given, Problem};
use crate::input::nip::normalize_nip;
use crate::input::{Locator, Options, Table, duplicate_column, fields, parse_date};
use crate::mode::Mode;
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::HashMap;
use std::path::Path;

/// One person-day of a roster file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub line: u64,
    pub date: NaiveDate,
    pub nip: String,
    pub name: String,
    pub unit: String,
    /// The team and role columns (empty when absent).
    pub team: String,
    pub role: String,
    pub mode: Mode,
    /// The shift group column (empty when absent).
    pub group: String,
    /// The `rule` column of a long roster; `None` when the file has no such column.
    pub rule: Option<String>,
}

impl RosterRow {
    /// A row with nothing in it, to be filled in and reused from row to row.
    pub fn empty() -> RosterRow {
        RosterRow {
            line: 0,
            date: NaiveDate::MIN,
            nip: String::new(),
            name: String::new(),
            unit: String::new(),
            team: String::new(),
            role: String::new(),
            mode: Mode::Wfo,
            group: String::new(),
            rule: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Long,
    Wide,
}

const NIP: usize = 0;
const NAME: usize = 1;
const UNIT: usize = 2;
const GROUP: usize = 3;
const RULE: usize = 4;
const DATE: usize = 5;
const MODE: usize = 6;
const TEAM: usize = 7;
const ROLE: usize = 8;

/// Which dates a wide roster's day columns without a year (`Mon 24/03`, the workbook's) stand
/// for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dating {
    /// No period is known (`report` without `--policy`): such columns cannot be dated.
    Unknown,
    /// The one date with that day and month (and weekday) in the period (`check`, `report`).
    Within(NaiveDate, NaiveDate),
    /// The last such date before this one (`--previous`, read before the period it precedes).
    Before(NaiveDate),
}

/// Where a roster's NIPs are, for messages about one of them.
pub struct NipCells {
    at: Locator,
    column: usize,
}

impl NipCells {
    pub fn error(&self, line: u64, message: impl Into<crate::facts::problems::Problem>) -> Error {
        self.at.error(line, Some(self.column), message)
    }
}

/// Reads every person-day of the roster at `path`, in file order, and says which form it had.
pub fn read(
    path: &Path,
    options: &Options,
    dating: Dating,
    each: impl FnMut(&RosterRow, &NipCells) -> Result<()>,
) -> Result<Shape> {
    read_with(path, options, dating, true, each)
}

/// Reads the roster at `path` as [`read`] does, but only what places a person-day (date,
/// NIP, mode, group, rule): the rows' name, unit, team and role are left empty, and a long
/// roster's other cells are not even cleaned (`attendance` reads a province's month).
pub fn read_keys(
    path: &Path,
    options: &Options,
    dating: Dating,
    each: impl FnMut(&RosterRow, &NipCells) -> Result<()>,
) -> Result<Shape> {
    read_with(path, options, dating, false, each)
}

fn read_with(
    path: &Path,
    options: &Options,
    dating: Dating,
    texts: bool,
    mut each: impl FnMut(&RosterRow, &NipCells) -> Result<()>,
) -> Result<Shape> {
    let options = Options {
        columns: Vec::new(),
        ..options.clone()
    };
    let mut table = Table::open(path, fields::ROSTER, &options)?;
    let at = table.locator();
    let headers = table.headers().to_vec();
    let missing = |what: &str| {
        at.error(
            1,
            None,
            Problem::RosterNoColumn {
                column: what.to_string(),
                headers: fields::header_list(&headers),
            },
        )
    };
    let nip = table.column(NIP).ok_or_else(|| missing("nip"))?;
    let cells_of_nip = NipCells {
        at: at.clone(),
        column: nip,
    };
    let name = table.column(NAME);
    let unit = table.column(UNIT);
    let group = table.column(GROUP);
    let rule = table.column(RULE);
    let (team, role) = (table.column(TEAM), table.column(ROLE));
    let (name, unit, team, role) = if texts {
        (name, unit, team, role)
    } else {
        (None, None, None, None)
    };
    let text = |out: &mut String, cells: &[String], col: Option<usize>| {
        out.clear();
        if let Some(c) = col {
            out.push_str(&restore(&cells[c]));
        }
    };
    // One person-day of a row (the long form has one per row, the wide form one per date),
    // written into the one row handed out, whose texts are reused from row to row.
    let mut out = RosterRow::empty();
    let person_day = |out: &mut RosterRow,
                      cells: &[String],
                      line: u64,
                      date: NaiveDate,
                      mode_col: usize,
                      rule_col: Option<usize>| {
        out.line = line;
        out.date = date;
        let cell = &cells[nip];
        if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) {
            out.nip.clear();
            out.nip.push_str(cell);
        } else {
            out.nip = normalize_nip(cell);
        }
        text(&mut out.name, cells, name);
        text(&mut out.unit, cells, unit);
        text(&mut out.team, cells, team);
        text(&mut out.role, cells, role);
        text(&mut out.group, cells, group);
        out.mode = cells[mode_col]
            .parse::<Mode>()
            .map_err(|e| at.error(line, Some(mode_col), e))?;
        match (rule_col, &mut out.rule) {
            (None, rule) => *rule = None,
            (Some(c), Some(rule)) => text(rule, cells, Some(c)),
            (Some(c), rule) => *rule = Some(restore(&cells[c]).into_owned()),
        }
        Ok::<(), Error>(())
    };
    if let Some(date) = table.column(DATE) {
        let mode = table.column(MODE).ok_or_else(|| missing("mode"))?;
        let keys: Vec<usize> = [Some(nip), Some(date), Some(mode), group, rule]
            .into_iter()
            .flatten()
            .collect();
        loop {
            let row = if texts {
                table.next_record()?
            } else {
                table.next_record_of(&keys)?
            };
            let Some(row) = row else { break };
            let cells = &row.cells;
            let date = parse_date(&restore(&cells[date])).ok_or_else(|| {
                at.error(
                    row.line,
                    Some(date),
                    Problem::RosterDate {
                        value: cells[date].clone(),
                    },
                )
            })?;
            person_day(&mut out, cells, row.line, date, mode, rule)?;
            each(&out, &cells_of_nip)?;
        }
        return Ok(Shape::Long);
    }
    let mut dates: Vec<(usize, NaiveDate)> = Vec::new();
    for (col, header) in headers.iter().enumerate() {
        let Some(day) = day_header(&restore(header)) else {
            continue;
        };
        let date = day.date(dating).map_err(|why| {
            let message = Problem::DayColumn {
                header: header.clone(),
                why: Box::new(why),
            };
            at.error(1, Some(col), message)
        })?;
        dates.push((col, month_first(date, dating)));
    }
    if dates.is_empty() {
        return Err(missing("date"));
    }
    // A date twice (`2025-03-24` and `24/03/2025` too) would give each person two rows for
    // the day, or a silent choice between them.
    let mut seen: HashMap<NaiveDate, usize> = HashMap::with_capacity(dates.len());
    for &(col, date) in &dates {
        if let Some(first) = seen.insert(date, col) {
            return Err(duplicate_column(
                &at,
                &headers,
                first,
                col,
                Given::Day(date),
            ));
        }
    }
    while let Some(row) = table.next_record()? {
        let cells = &row.cells;
        for &(col, date) in &dates {
            // An empty cell is a day without a row.
            if cells[col].is_empty() {
                continue;
            }
            person_day(&mut out, cells, row.line, date, col, None)?;
            each(&out, &cells_of_nip)?;
        }
    }
    Ok(Shape::Wide)
}

/// A full date outside the period whose day and month, swapped, fall inside it: a header
/// such as `Mon 02/06` that a spreadsheet took month first and saved as `2026-02-06` (the
/// day it names is 2 June). Any other date as it is.
fn month_first(date: NaiveDate, dating: Dating) -> NaiveDate {
    let Dating::Within(start, end) = dating else {
        return date;
    };
    if (start..=end).contains(&date) {
        return date;
    }
    match NaiveDate::from_ymd_opt(date.year(), date.day(), date.month()) {
        Some(swapped) if (start..=end).contains(&swapped) => swapped,
        _ => date,
    }
}

/// A wide roster's day column: a full date, or a day and month, perhaps after a weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayHeader {
    Date(NaiveDate),
    DayMonth {
        weekday: Option<Weekday>,
        day: u32,
        month: u32,
    },
}

/// `2025-03-24`, `24/03/2025`, `Mon 24/03`, `Sen 24/03`, `24/03`; `None` for other headers.
fn day_header(header: &str) -> Option<DayHeader> {
    let header = header.trim();
    let (weekday, rest) = match header.split_once(' ') {
        Some((word, rest)) => match crate::input::weekday(word) {
            Some(weekday) => (Some(weekday), rest.trim()),
            None => (None, header),
        },
        None => (None, header),
    };
    if let Some(date) = parse_date(rest) {
        return Some(DayHeader::Date(date));
    }
    let (day, month) = rest.split_once('/')?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (day, month) = (number(day)?, number(month)?);
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(DayHeader::DayMonth {
        weekday,
        day,
        month,
    })
}

impl DayHeader {
    fn date(self, dating: Dating) -> Result<NaiveDate, Problem> {
        let (weekday, day, month) = match self {
            DayHeader::Date(date) => return Ok(date),
            DayHeader::DayMonth {
                weekday,
                day,
                month,
            } => (weekday, day, month),
        };
        let fits = |date: &NaiveDate| weekday.is_none_or(|w| date.weekday() == w);
        let on = |year: i32| NaiveDate::from_ymd_opt(year, month, day).filter(fits);
        match dating {
            Dating::Unknown => Err(Problem::DayNoYear {}),
            Dating::Within(start, end) => {
                let candidates: Vec<NaiveDate> =
                    (start.year()..=end.year()).filter_map(on).collect();
                let inside: Vec<NaiveDate> = candidates
                    .iter()
                    .copied()
                    .filter(|d| start <= *d && *d <= end)
                    .collect();
                // A day of the period's years outside it (`check --from/--to` narrows the
                // period) is dated too, so that check says it is outside the period.
                let distance = |d: &NaiveDate| {
                    (*d - start)
                        .num_days()
                        .abs()
                        .min((*d - end).num_days().abs())
                };
                match inside[..] {
                    [date] => Ok(date),
                    [] => candidates
                        .iter()
                        .copied()
                        .min_by_key(distance)
                        .ok_or_else(|| {
                            if weekday.is_some() {
                                Problem::DayWeekdayOutside { start, end }
                            } else {
                                Problem::DayOutside { start, end }
                            }
                        }),
                    _ => Err(Problem::DayTwoYears { start, end }),
                }
            }
            Dating::Before(end) => (end.year() - 2..=end.year())
                .rev()
                .filter_map(on)
                .find(|d| *d < end)
                .ok_or(Problem::DayNotBefore { end }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Shape, Vec<RosterRow>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, text).unwrap();
        let mut out = Vec::new();
        let shape = read(&path, &Options::default(), Dating::Unknown, |r, _| {
            out.push(r.clone());
            Ok(())
        })
        .unwrap();
        (shape, out)
    }

    #[test]
    fn long_form_through_a_spreadsheet() {
        let (shape, got) = rows(
            "\u{feff}date;nip;name;unit;team;role;mode;group;rule\r\n24/03/2025;'1;A;'=U;;;wfh;;\r\n",
        );
        assert_eq!(shape, Shape::Long);
        assert_eq!(got[0].date, NaiveDate::from_ymd_opt(2025, 3, 24).unwrap());
        assert_eq!((got[0].nip.as_str(), got[0].unit.as_str()), ("1", "=U"));
        assert_eq!(got[0].mode, Mode::Wfh);
    }

    #[test]
    fn wide_form_expands_per_date() {
        let (shape, got) = rows(
            "nip,name,unit,team,role,group,2025-03-24,2025-03-25,WFO,WFH,WFA,FIELD,LEAVE\n1,A,U,,,,WFO,,1,0,0,0,0\n",
        );
        assert_eq!(shape, Shape::Wide);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].mode, Mode::Wfo);
    }

    #[test]
    fn a_workbook_roster_names_the_cell() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, h) in ["NIP", "Nama", "Unit Kerja", "Sen 24/03", "WFO"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, col as u16, *h).unwrap();
        }
        for (col, v) in ["198609262015051001", "A", "U", "WFX"].iter().enumerate() {
            sheet.write_string(1, col as u16, *v).unwrap();
        }
        sheet.write_number(1, 4, 1.0).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.xlsx");
        book.save(&path).unwrap();
        let march = Dating::Within(
            NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        );
        let e = read(&path, &Options::default(), march, |_, _| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with(
                "r.xlsx:Sheet1!D2: unknown mode `WFX`: expected one of WFO, WFH, WFA, FIELD, LEAVE"
            ),
            "{e}"
        );
    }

    #[test]
    fn bad_mode_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, "date,nip,mode\n2025-03-24,1,WFX\n").unwrap();
        let e = read(&path, &Options::default(), Dating::Unknown, |_, _| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("r.csv:2: unknown mode `WFX`: expected one of WFO, WFH, WFA, FIELD, LEAVE"),
            "{e}"
        );
    }
}

#[cfg(test)]
mod day_headers {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn workbook_headers_are_dated_by_the_period() {
        let march = Dating::Within(d("2025-03-01"), d("2025-03-31"));
        for header in [
            "Mon 24/03",
            "Sen 24/03",
            "24/03",
            "2025-03-24",
            "sen. 24/03",
        ] {
            let day = day_header(header).unwrap();
            assert_eq!(day.date(march), Ok(d("2025-03-24")), "{header}");
        }
        assert_eq!(day_header("WFO"), None);
        assert_eq!(day_header("Min"), None);
        let e = day_header("Tue 24/03").unwrap().date(march).unwrap_err();
        assert!(matches!(e, Problem::DayWeekdayOutside { .. }), "{e:?}");
        // Outside a window narrowed by --from/--to: dated in the period's year.
        let window = Dating::Within(d("2025-03-10"), d("2025-03-14"));
        assert_eq!(
            day_header("Mon 24/03").unwrap().date(window),
            Ok(d("2025-03-24"))
        );
        let e = day_header("Mon 24/03")
            .unwrap()
            .date(Dating::Unknown)
            .unwrap_err();
        assert_eq!(e, Problem::DayNoYear {});
        let before = Dating::Before(d("2025-04-01"));
        assert_eq!(
            day_header("Mon 24/03").unwrap().date(before),
            Ok(d("2025-03-24"))
        );
        let january = Dating::Before(d("2026-01-05"));
        assert_eq!(
            day_header("Wed 31/12").unwrap().date(january),
            Ok(d("2025-12-31"))
        );
    }
}
