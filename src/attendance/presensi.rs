//! Reading attendance exports: CSV or workbook files, or a folder of them (one per OPD), one
//! row per person-day or one per check-in event. Headers go through
//! [`crate::input::fields::PRESENSI`]; every bad cell is an error naming the file, the line
//! (or cell) and the fix.

use super::{
    Observed, Status, parse_date_time, parse_event, parse_place, parse_status, parse_time,
    parse_wfh_flag,
};
use crate::error::{Error, Result};
use crate::facts::attendance::AttendanceProblem;
use crate::facts::problems::Problem;
use crate::input::nip::normalize_nip;
use crate::input::{Locator, Options, Table, fields};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

const NIP: usize = 0;
const DATE: usize = 1;
const CHECK_IN: usize = 2;
const CHECK_OUT: usize = 3;
const TIME: usize = 4;
const EVENT: usize = 5;
const STATUS: usize = 6;
const LOCATION: usize = 7;
const WFH: usize = 8;
const NAME: usize = 9;
const UNIT: usize = 10;

/// One row of an export, read.
#[derive(Debug, Clone)]
pub struct PresensiRow<'a> {
    pub line: u64,
    pub nip: Cow<'a, str>,
    pub date: NaiveDate,
    pub seen: Observed,
    /// The export's name and unit columns (empty when absent): they name people the staff
    /// file does not know.
    pub name: Cow<'a, str>,
    pub unit: Cow<'a, str>,
}

/// Where an export's NIPs are, for messages about one of them.
pub struct NipAt<'a> {
    at: &'a Locator,
    column: Option<usize>,
}

impl NipAt<'_> {
    pub fn error(&self, line: u64, message: impl Into<crate::facts::problems::Problem>) -> Error {
        self.at.error(line, self.column, message)
    }
}

/// The files `paths` name: files as given, folders as every `.csv`, `.xlsx`, `.xls` and
/// `.ods` file in them, sorted by name.
pub fn list(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut inside = Vec::new();
        for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
            let file = entry.map_err(|e| Error::io(path, e))?.path();
            let tabular = file.extension().is_some_and(|e| {
                ["csv", "xlsx", "xls", "ods"]
                    .iter()
                    .any(|x| e.eq_ignore_ascii_case(x))
            });
            if tabular && std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
                inside.push(file);
            }
        }
        if inside.is_empty() {
            let problem = AttendanceProblem::EmptyFolder { path: path.clone() };
            return Err(Error::input(&path.display().to_string(), None, problem));
        }
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
}

/// A time cell that holds a time; exports write `-`, `--:--` or `00:00` for none.
fn time_given(cell: &str, at: &Locator, line: u64, col: Option<usize>) -> Result<bool> {
    let cell = cell.trim();
    if cell.is_empty() || cell.chars().all(|c| matches!(c, '-' | ':' | '.' | '0')) {
        return Ok(false);
    }
    // A date and time in one cell (`2025-03-24 07:12`), or a time alone.
    let valid =
        parse_time(cell).is_some() || parse_date_time(cell).is_some_and(|(_, t)| t.is_some());
    if valid {
        return Ok(true);
    }
    let value = cell.to_owned();
    Err(at.error(line, col, AttendanceProblem::BadTime { value }))
}

/// Reads every row of the export at `path`, in file order.
pub fn read(
    path: &Path,
    options: &Options,
    mut each: impl FnMut(PresensiRow<'_>, &NipAt) -> Result<()>,
) -> Result<()> {
    let mut table = Table::open(path, fields::PRESENSI, options)?;
    let at = table.locator();
    let col = |f: usize| table.column(f);
    let columns: Vec<Option<usize>> = (0..fields::PRESENSI.len()).map(col).collect();
    let has = |f: usize| columns[f].is_some();
    if ![STATUS, CHECK_IN, CHECK_OUT, TIME, EVENT]
        .into_iter()
        .any(has)
    {
        let headers = table.headers().join(", ");
        return Err(at.error(1, None, AttendanceProblem::NothingObserved { headers }));
    }
    let nip_at = NipAt {
        at: &at,
        column: columns[NIP],
    };
    let mut statuses: FxHashMap<String, Status> = FxHashMap::default();
    let mut places: FxHashMap<String, Option<super::Place>> = FxHashMap::default();
    while let Some(row) = table.next_row()? {
        let line = row.line;
        // Each field restored where it is read (the fields the export has no column for are
        // empty): nearly every cell is handed back as it is.
        let cell = |f: usize| crate::cell::restore(row.get(f));
        // Most NIPs are digits alone, as [`normalize_nip`] would leave them.
        let nip = match cell(NIP) {
            Cow::Borrowed(digits)
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Cow::Borrowed(digits)
            }
            other => Cow::Owned(normalize_nip(&other)),
        };
        let date_text = cell(DATE);
        let date_text = date_text.as_ref();
        if nip.is_empty() && date_text.is_empty() {
            // A totals or signature row under the table.
            continue;
        }
        if nip.is_empty() {
            let message = Problem::EmptyNip {};
            return Err(at.error(line, columns[NIP], message));
        }
        let (date, time_in_date) = parse_date_time(date_text).ok_or_else(|| {
            at.error(
                line,
                columns[DATE],
                AttendanceProblem::BadDate {
                    value: date_text.to_owned(),
                },
            )
        })?;
        // An export spells its few statuses and places the same way on every row.
        let status = match cell(STATUS).as_ref() {
            "" | "-" => None,
            text => match statuses.get(text) {
                Some(&known) => Some(known),
                None => {
                    let known = parse_status(text).ok_or_else(|| {
                        at.error(
                            line,
                            columns[STATUS],
                            AttendanceProblem::UnknownStatus {
                                value: text.to_owned(),
                                known: super::KNOWN_STATUSES.to_owned(),
                            },
                        )
                    })?;
                    statuses.insert(text.to_owned(), known);
                    Some(known)
                }
            },
        };
        let check_out_row = match cell(EVENT).as_ref() {
            "" => false,
            text => !parse_event(text).ok_or_else(|| {
                at.error(
                    line,
                    columns[EVENT],
                    AttendanceProblem::UnknownEvent {
                        value: text.to_owned(),
                    },
                )
            })?,
        };
        let time = time_given(&cell(TIME), &at, line, columns[TIME])?;
        let check_in = time_given(&cell(CHECK_IN), &at, line, columns[CHECK_IN])?;
        let check_out = time_given(&cell(CHECK_OUT), &at, line, columns[CHECK_OUT])?;
        let timed = time
            || check_in
            || check_out
            || time_in_date.is_some_and(|t| t != chrono::NaiveTime::MIN);
        let wfh = cell(WFH);
        let flag = parse_wfh_flag(&wfh).ok_or_else(|| {
            at.error(
                line,
                columns[WFH],
                AttendanceProblem::UnknownWfh {
                    value: wfh.clone().into_owned(),
                },
            )
        })?;
        let location = cell(LOCATION);
        let place = flag.or_else(|| match places.get(location.as_ref()) {
            Some(place) => *place,
            None => {
                let place = parse_place(&location);
                places.insert(location.clone().into_owned(), place);
                place
            }
        });
        // A check-out alone (no check-in on the row) says where they left, not where they
        // worked.
        let check_out_row = check_out_row || (check_out && !check_in && !time && has(CHECK_IN));
        // A day off (Libur, Cuti Bersama) without a check-in says nothing of a working day.
        if status == Some(Status::Off) && !timed {
            continue;
        }
        let status = status.filter(|s| *s != Status::Off);
        let seen = Observed::row(status, timed, place, check_out_row);
        each(
            PresensiRow {
                line,
                nip,
                date,
                seen,
                name: cell(NAME),
                unit: cell(UNIT),
            },
            &nip_at,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::Place;

    /// What the tests look at of a row.
    #[derive(Debug)]
    struct Got {
        nip: String,
        date: NaiveDate,
        seen: Observed,
    }

    impl Got {
        fn of(row: PresensiRow) -> Got {
            Got {
                nip: row.nip.into_owned(),
                date: row.date,
                seen: row.seen,
            }
        }
    }

    fn rows(text: &str) -> Result<Vec<Got>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        std::fs::write(&path, text).unwrap();
        let mut out = Vec::new();
        read(&path, &Options::default(), |r, _| {
            out.push(Got::of(r));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn a_daily_export_with_its_own_headers() {
        let got = rows(
            "No;NIP;Nama;Tanggal;Jam Masuk;Jam Pulang;Status Kehadiran;Lokasi\n\
             1;'198609262015051001;Siti;24/03/2025;07.12;16.05;Hadir;Dalam Radius\n\
             2;198609262015051002;Budi;24-03-2025;;;Sakit;\n\
             3;198609262015051003;Ani;2025-03-24;07:40;;Terlambat;Luar Radius\n",
        )
        .unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].nip, "198609262015051001");
        assert_eq!(got[0].seen.place(), Some(Place::Office));
        assert!(got[1].seen.has(Observed::LEAVE) && !got[1].seen.present());
        assert!(got[2].seen.has(Observed::LATE));
        assert_eq!(got[2].seen.place(), Some(Place::Away));
    }

    #[test]
    fn an_event_export_with_date_and_time_in_one_cell() {
        let got = rows(
            "NIP,Tanggal Masuk,Tipe,Lokasi\n1,2025-03-24 07:12,MASUK,kantor\n1,2025-03-24 16:00,PULANG,rumah\n",
        )
        .unwrap();
        let mut day = got[0].seen;
        day.merge(got[1].seen);
        assert!(day.present());
        assert_eq!(day.place(), Some(Place::Office));
    }

    #[test]
    fn a_workbook_with_date_and_time_cells() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let time = Format::new().set_num_format("hh:mm");
        for (col, h) in ["NIP", "Tanggal", "Jam Masuk", "Keterangan", "Radius"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, col as u16, *h).unwrap();
        }
        let day = ExcelDateTime::from_ymd(2025, 3, 24).unwrap();
        let seven = ExcelDateTime::from_hms(7, 12, 0).unwrap();
        sheet.write_string(1, 0, "198609262015051001").unwrap();
        sheet.write_datetime_with_format(1, 1, &day, &date).unwrap();
        sheet
            .write_datetime_with_format(1, 2, &seven, &time)
            .unwrap();
        sheet.write_string(1, 4, "Luar Radius").unwrap();
        sheet.write_string(2, 0, "198609262015051002").unwrap();
        sheet.write_datetime_with_format(2, 1, &day, &date).unwrap();
        sheet.write_string(2, 3, "Izinn").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.xlsx");
        book.save(&path).unwrap();
        let mut got = Vec::new();
        let e = read(&path, &Options::default(), |r, _| {
            got.push(Got::of(r));
            Ok(())
        })
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("p.xlsx:Sheet1!D3: unknown attendance status `Izinn`"),
            "{e}"
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].date, NaiveDate::from_ymd_opt(2025, 3, 24).unwrap());
        assert!(got[0].seen.present());
        assert_eq!(got[0].seen.place(), Some(Place::Away));
    }

    #[test]
    fn a_day_off_without_a_check_in_is_no_row() {
        let got =
            rows("NIP,Tanggal,Status\n1,2025-03-24,Libur\n2,2025-03-24,Cuti Bersama\n").unwrap();
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn bad_cells_name_the_line_and_the_fix() {
        let e = rows("NIP,Tanggal,Status\n1,2025-03-24,Hadirr\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("p.csv:2: unknown attendance status `Hadirr`: expected one of Hadir (H)"),
            "{e}"
        );
        let e = rows("NIP,Tanggal,Status\n1,32/03/2025,H\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("p.csv:2: `32/03/2025` is not a date"), "{e}");
        let e = rows("NIP,Tanggal,Jam Masuk\n1,2025-03-24,7 pagi\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("p.csv:2: `7 pagi` is not a time of day"), "{e}");
        let e = rows("NIP,Tanggal,Nama\n1,2025-03-24,A\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("--column status=HEADER"), "{e}");
        let e = rows("NIP,Tanggal,Status\n1.98609E+17,2025-03-24,H\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("p.csv:2"), "{e}");
    }
}
