//! The staff requests file (`--requests`, issue 12): who asks to work where on which days.
//! A soft request is granted when the guarantees allow (the planner's business); a hard one
//! is a commitment, a fixed day after leave and the staff file's `mode` and before the
//! rules ([`crate::resolve::Resolver::with_requests`]).
//!
//! One row per request: `nip`, the days (a `date`; or `from` and `to`; or a `weekday`,
//! optionally limited by `from`/`to`), the `wish`, an optional `reason` and `strength`.
//! Headers and their Indonesian aliases are in [`fields::REQUESTS`].

use crate::error::{Error, Result};
use crate::facts::problems::Problem;
use crate::facts::requests::{DayOffWhy, RequestDays, RequestProblem, Weekdays};
use crate::input::nip::{self, normalize_nip};
use crate::input::{Locator, Options, Row, Table, fields, parse_date};
use crate::mode::Mode;
use crate::pattern::fold;
use crate::policy::{DayOffReason, Policy};
use crate::staff::Staff;
use chrono::{Datelike, NaiveDate, Weekday};
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

pub use crate::mode::Wish;

/// A wish as a requests file writes it. Case-insensitive; `-` and `_` read as spaces (`not-remote`).
fn parse_wish(text: &str) -> Option<Wish> {
    let key = fold(&text.replace(['-', '_'], " "));
    Some(match key.as_str() {
        "wfo" => Wish::Mode(Mode::Wfo),
        "wfh" => Wish::Mode(Mode::Wfh),
        "wfa" => Wish::Mode(Mode::Wfa),
        "not wfo" | "bukan wfo" | "tidak wfo" => Wish::NotWfo,
        "not remote" | "bukan remote" | "tidak remote" => Wish::NotRemote,
        _ => return None,
    })
}

/// How firmly a request is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Granted when the guarantees allow (the default).
    Soft,
    /// A commitment: a fixed day.
    Hard,
}

impl Strength {
    /// Empty is soft; `soft`/`lunak`, `hard`/`wajib`, case-insensitive.
    fn parse(text: &str) -> Option<Strength> {
        match fold(text).as_str() {
            "" | "soft" | "lunak" => Some(Strength::Soft),
            "hard" | "wajib" => Some(Strength::Hard),
            _ => None,
        }
    }

    /// As the file writes it (English form).
    pub fn label(self) -> &'static str {
        match self {
            Strength::Soft => "soft",
            Strength::Hard => "hard",
        }
    }
}

/// The days a row names, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    Date(NaiveDate),
    /// `from` to `to`, inclusive.
    Range(NaiveDate, NaiveDate),
    /// These weekdays, between `from` and `to` when given (else over the whole period).
    Weekdays {
        days: Vec<Weekday>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
}

#[derive(Debug, Clone)]
pub struct Request {
    /// The requests file it is in (one of a folder's), for messages.
    pub file: std::sync::Arc<str>,
    /// The line (CSV) or the sheet's row (workbook) in the requests file, for messages.
    pub line: usize,
    /// Index into [`Staff::people`].
    pub person: usize,
    pub wish: Wish,
    pub strength: Strength,
    pub reason: String,
    /// The days this request decides: indices into the window's working days
    /// (`Resolver::days`), ascending. A day that a hard request (or an earlier identical
    /// line) already takes is not repeated here, so every (person, day) belongs to one
    /// request at most.
    pub days: Vec<usize>,
    /// The days as the row names them (for `explain` and reports).
    pub when: When,
}

/// The requests of a run that fall in its window.
#[derive(Debug, Clone, Default)]
pub struct Requests {
    /// The file, as named on the command line.
    pub file: String,
    /// In file order; requests with no working day in the window are left out.
    pub list: Vec<Request>,
    /// (person, day) → index into `list`.
    index: FxHashMap<(u32, u32), u32>,
    /// Per person, whether a hard request decides one of their days (empty without any).
    hard_people: Vec<bool>,
    /// Entries of a requests folder with a requests file's name that are not regular files
    /// (a dangling link, a named pipe, a folder): not read, and warned about.
    pub skipped: Vec<PathBuf>,
}

/// The kinds of file a requests folder is read for, by extension.
pub const FOLDER_KINDS: &[&str] = &["csv", "xlsx", "ods", "xls"];

/// The files `--requests` names: the file itself, or every CSV or workbook in a folder.
#[derive(Debug, Default)]
pub struct RequestFiles {
    /// In name order.
    pub files: Vec<PathBuf>,
    /// Folder entries with such a name that are not regular files.
    pub skipped: Vec<PathBuf>,
}

impl RequestFiles {
    /// A folder: every CSV or workbook in it, by name (each OPD may drop its own); anything
    /// else: that one file.
    pub fn list(path: &Path) -> Result<RequestFiles> {
        let mut listed = RequestFiles::default();
        if !path.is_dir() {
            listed.files.push(path.to_owned());
            return Ok(listed);
        }
        for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
            let file = entry.map_err(|e| Error::io(path, e))?.path();
            let known = file
                .extension()
                .is_some_and(|e| FOLDER_KINDS.iter().any(|k| e.eq_ignore_ascii_case(k)));
            if !known {
                continue;
            }
            // Following a link, as reading it would.
            if std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
                listed.files.push(file);
            } else {
                listed.skipped.push(file);
            }
        }
        listed.files.sort();
        listed.skipped.sort();
        Ok(listed)
    }
}

// The columns of [`fields::REQUESTS`].
const NIP: usize = 0;
const DATE: usize = 1;
const FROM: usize = 2;
const TO: usize = 3;
const WEEKDAY: usize = 4;
const WISH: usize = 5;
const REASON: usize = 6;
const STRENGTH: usize = 7;

/// An error about one row: the field whose cell it points at, and the problem.
type RowError = (Option<usize>, Problem);

impl Requests {
    /// Reads a requests file (CSV or workbook). `days` are the working days of the window
    /// planned (`Resolver::days`); days of the policy's period outside them are dropped.
    pub fn read(
        path: &Path,
        staff: &Staff,
        policy: &Policy,
        days: &[NaiveDate],
        options: &Options,
    ) -> Result<Requests> {
        let options = Options {
            columns: Vec::new(),
            ..options.clone()
        };
        let listed = RequestFiles::list(path)?;
        let files = listed.files;
        let tables = (files.iter())
            .map(|f| Table::open(f, fields::REQUESTS, &options))
            .collect::<Result<Vec<_>>>()?;
        let mut requests = Requests::from_tables(tables, staff, policy, days)?;
        requests.file = path.display().to_string();
        requests.skipped = listed.skipped;
        Ok(requests)
    }

    /// [`Requests::read`] from a reader; `file` names it in messages.
    pub fn from_reader(
        input: Box<dyn std::io::Read>,
        file: &str,
        staff: &Staff,
        policy: &Policy,
        days: &[NaiveDate],
    ) -> Result<Requests> {
        let table = Table::from_reader(input, file, fields::REQUESTS, &Options::default())?;
        Requests::from_tables(vec![table], staff, policy, days)
    }

    fn from_tables(
        tables: Vec<Table>,
        staff: &Staff,
        policy: &Policy,
        days: &[NaiveDate],
    ) -> Result<Requests> {
        let mut by_nip = staff.lookup();
        let mut list = Vec::new();
        // Each request's working days over the whole period, and whether it keeps each one.
        let mut all_dates: Vec<Vec<(NaiveDate, bool)>> = Vec::new();
        let mut locators = Vec::new();
        for mut table in tables {
            let at = table.locator();
            let file: std::sync::Arc<str> = at.file().into();
            locators.push(at.clone());
            let columns: Vec<Option<usize>> = (0..fields::REQUESTS.len())
                .map(|f| table.column(f))
                .collect();
            while let Some(row) = table.next_row()? {
                let line = row.line;
                let error = |(field, message): RowError| {
                    at.error(line, field.and_then(|f| columns[f]), message)
                };
                let nip = normalize_nip(row.get(NIP));
                if nip.is_empty() {
                    return Err(error((Some(NIP), RequestProblem::EmptyNip {}.into())));
                }
                let Some(person) = by_nip.find(&nip) else {
                    let problem = match by_nip.truncated_from(&nip) {
                        Some(like) => nip::like_message(&nip, like),
                        None => RequestProblem::UnknownNip { nip }.into(),
                    };
                    return Err(error((Some(NIP), problem)));
                };
                let when = read_when(row).map_err(error)?;
                let wish = parse_wish(row.get(WISH)).ok_or_else(|| {
                    let value = row.get(WISH).to_owned();
                    error((Some(WISH), RequestProblem::UnknownWish { value }.into()))
                })?;
                let strength = Strength::parse(row.get(STRENGTH)).ok_or_else(|| {
                    let value = row.get(STRENGTH).to_owned();
                    error((
                        Some(STRENGTH),
                        RequestProblem::UnknownStrength { value }.into(),
                    ))
                })?;
                let dates = working_dates(&when, policy).map_err(error)?;
                list.push(Request {
                    file: file.clone(),
                    line: line as usize,
                    person,
                    wish,
                    strength,
                    reason: row.get(REASON).to_owned(),
                    days: Vec::new(),
                    when,
                });
                all_dates.push(dates.into_iter().map(|d| (d, true)).collect());
            }
        }
        take_days(&list, &mut all_dates, staff, &locators)?;
        let mut requests = Requests {
            file: list.first().map(|r| r.file.to_string()).unwrap_or_default(),
            ..Requests::default()
        };
        for (mut request, dates) in list.into_iter().zip(all_dates) {
            // Requests for other runs' days are theirs; one whose days in the window all
            // went to other requests stays, with no day.
            if !dates.iter().any(|(d, _)| days.binary_search(d).is_ok()) {
                continue;
            }
            request.days = (dates.iter())
                .filter(|(_, kept)| *kept)
                .filter_map(|(d, _)| days.binary_search(d).ok())
                .collect();
            let i = requests.list.len() as u32;
            for &day in &request.days {
                requests
                    .index
                    .insert((request.person as u32, day as u32), i);
            }
            if request.strength == Strength::Hard && !request.days.is_empty() {
                requests.hard_people.resize(staff.people.len(), false);
                requests.hard_people[request.person] = true;
            }
            requests.list.push(request);
        }
        Ok(requests)
    }

    /// The request that decides `person`'s `day` (an index into the window's working days).
    pub fn on(&self, person: usize, day: usize) -> Option<&Request> {
        let i = *self.index.get(&(person as u32, day as u32))?;
        Some(&self.list[i as usize])
    }

    /// The mode a hard request fixes on `person`'s `day`.
    pub fn hard(&self, person: usize, day: usize) -> Option<Mode> {
        if !self.hard_people.get(person).copied().unwrap_or(false) {
            return None;
        }
        self.on(person, day)
            .filter(|r| r.strength == Strength::Hard)
            .map(|r| r.wish.hard_mode())
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `person`'s requests, in file order.
    pub fn of_person(&self, person: usize) -> impl Iterator<Item = &Request> {
        self.list.iter().filter(move |r| r.person == person)
    }
}

/// Gives each (person, date) of the whole period to one request, so that a file reads the
/// same whatever window is planned: hard requests first, then soft ones, each in file order,
/// so the outcome does not depend on the order of the lines either. A later request for a
/// date already taken is an error when it has the same strength and another wish;
/// otherwise the date stays with the request that has it (marked not kept in the other).
fn take_days(
    list: &[Request],
    all_dates: &mut [Vec<(NaiveDate, bool)>],
    staff: &Staff,
    locators: &[Locator],
) -> Result<()> {
    let order = (0..list.len())
        .filter(|&i| list[i].strength == Strength::Hard)
        .chain((0..list.len()).filter(|&i| list[i].strength == Strength::Soft));
    let mut owner: FxHashMap<(usize, NaiveDate), usize> = FxHashMap::default();
    // The other line of a clash: its number, or its file and number when in another file.
    let line_of = |other: &Request| match locators.len() {
        1 => other.line.to_string(),
        _ => format!("{}:{}", other.file, other.line),
    };
    for i in order.collect::<Vec<_>>() {
        let request = &list[i];
        for (date, kept) in &mut all_dates[i] {
            match owner.entry((request.person, *date)) {
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                Entry::Occupied(slot) => {
                    let first = &list[*slot.get()];
                    if first.strength == request.strength && first.wish != request.wish {
                        let p = &staff.people[request.person];
                        let problem = RequestProblem::Conflict {
                            name: staff.name(p).to_owned(),
                            nip: staff.nip(p).to_owned(),
                            wish: request.wish,
                            date: *date,
                            other: first.wish,
                            line: line_of(first),
                        };
                        let at = (locators.iter())
                            .find(|at| at.file() == &*request.file)
                            .expect("every request's file has a locator");
                        return Err(at.error(request.line as u64, None, problem));
                    }
                    *kept = false;
                }
            }
        }
    }
    Ok(())
}

/// The days a row names, checked for their form (not yet against the policy).
fn read_when(row: &Row) -> std::result::Result<When, RowError> {
    let date = |field: usize, name: &str| -> std::result::Result<Option<NaiveDate>, RowError> {
        let text = row.get(field);
        if text.is_empty() {
            return Ok(None);
        }
        parse_date(text).map(Some).ok_or_else(|| {
            let problem = RequestProblem::BadDate {
                column: name.to_owned(),
                value: text.to_owned(),
            };
            (Some(field), problem.into())
        })
    };
    let ordered = |from: NaiveDate, to: NaiveDate| {
        if to < from {
            Err((None, RequestProblem::ToBeforeFrom { to, from }.into()))
        } else {
            Ok(())
        }
    };
    let (from, to) = (date(FROM, "from")?, date(TO, "to")?);
    if let Some(day) = date(DATE, "date")? {
        let other = [(FROM, "from"), (TO, "to"), (WEEKDAY, "weekday")]
            .into_iter()
            .find(|&(field, _)| !row.get(field).is_empty());
        if let Some((field, name)) = other {
            let other = name.to_owned();
            return Err((Some(field), RequestProblem::DateAndMore { other }.into()));
        }
        return Ok(When::Date(day));
    }
    let weekdays = row.get(WEEKDAY);
    if !weekdays.is_empty() {
        let days = parse_weekdays(weekdays).ok_or_else(|| {
            let value = weekdays.to_owned();
            (
                Some(WEEKDAY),
                RequestProblem::UnknownWeekday { value }.into(),
            )
        })?;
        if let (Some(from), Some(to)) = (from, to) {
            ordered(from, to)?;
        }
        return Ok(When::Weekdays { days, from, to });
    }
    match (from, to) {
        (Some(from), Some(to)) => {
            ordered(from, to)?;
            Ok(When::Range(from, to))
        }
        (Some(_), None) => Err((Some(FROM), half_range("from", "to"))),
        (None, Some(_)) => Err((Some(TO), half_range("to", "from"))),
        (None, None) => Err((None, RequestProblem::NoDay {}.into())),
    }
}

/// `given` without `missing` (`from` without `to`).
fn half_range(given: &str, missing: &str) -> Problem {
    let (given, missing) = (given.to_owned(), missing.to_owned());
    RequestProblem::HalfRange { given, missing }.into()
}

/// One or more weekdays, separated by commas, semicolons, slashes or spaces: English names
/// and abbreviations, Indonesian names and their three-letter forms.
fn parse_weekdays(text: &str) -> Option<Vec<Weekday>> {
    let key = fold(text).replace(['\'', '’'], "");
    let mut days = Vec::new();
    for word in key.split([',', ';', '/', ' ']).filter(|w| !w.is_empty()) {
        let day = crate::input::weekday(word)?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    (!days.is_empty()).then_some(days)
}

/// The working days of the policy's whole period that `when` names; an error when it names
/// a day off, reaches outside the period, or names no working day.
fn working_dates(when: &When, policy: &Policy) -> std::result::Result<Vec<NaiveDate>, RowError> {
    let period = &policy.period;
    let (first, last) = period.whole;
    let outside = |field: Option<usize>, when: RequestDays| {
        let problem = RequestProblem::OutsidePeriod {
            when,
            start: first,
            end: last,
        };
        (field, problem.into())
    };
    let inside = |d: NaiveDate| first <= d && d <= last;
    let (from, to, weekdays) = match when {
        When::Date(day) => {
            if !inside(*day) {
                return Err(outside(Some(DATE), RequestDays::Day(*day)));
            }
            if let Some(why) = period.day_off(*day) {
                let why = match why {
                    DayOffReason::Calendar(off) => DayOffWhy::Calendar {
                        name: off.clone(),
                        kind: off.kind,
                    },
                    DayOffReason::Holiday => DayOffWhy::Holiday {},
                    DayOffReason::NotAWorkday => DayOffWhy::NotAWorkday {
                        weekday: day.weekday(),
                    },
                };
                let problem = RequestProblem::DayOff { date: *day, why };
                return Err((Some(DATE), problem.into()));
            }
            return Ok(vec![*day]);
        }
        When::Range(from, to) => {
            if !inside(*from) || !inside(*to) {
                return Err(outside(None, RequestDays::Range(*from, *to)));
            }
            (*from, *to, None)
        }
        When::Weekdays { days, from, to } => {
            for (bound, field) in [(from, FROM), (to, TO)] {
                if let Some(d) = bound.filter(|d| !inside(*d)) {
                    return Err(outside(Some(field), RequestDays::Day(d)));
                }
            }
            (from.unwrap_or(first), to.unwrap_or(last), Some(days))
        }
    };
    let dates: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| period.is_working_day(*d))
        .filter(|d| weekdays.is_none_or(|w| w.contains(&d.weekday())))
        .collect();
    if dates.is_empty() {
        let problem = match weekdays {
            None => RequestProblem::NoWorkingDay { from, to },
            Some(days) => RequestProblem::NoWeekday {
                from,
                to,
                weekday: Weekdays(days.clone()),
            },
        };
        return Err((None, problem.into()));
    }
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 24 Mar – 11 Apr 2025 with Nyepi and Lebaran off, and 10 Apr a holiday of the policy:
    /// working days 24–27 Mar, 8, 9 and 11 Apr.
    const POLICY: &str = "name = \"t\"\n[period]\nstart = 2025-03-24\nend = 2025-04-11\ncalendar = \"indonesia\"\nholidays = [2025-04-10]\n[split]\nWFO = 50\nWFH = 50\n";

    fn policy() -> Policy {
        Policy::parse(POLICY, "p.toml").unwrap()
    }

    fn staff() -> Staff {
        Staff::from_reader(
            Box::new(std::io::Cursor::new(
                b"nip,name,unit,role\n1,Andi,U,r\n2,Budi,U,r\n196708151993032001,Citra,U,r\n"
                    .to_vec(),
            )),
            "s.csv",
        )
        .unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn person(staff: &Staff, nip: &str) -> usize {
        staff.index_by_nip()[nip]
    }

    fn read_in(text: &str, days: &[NaiveDate]) -> Result<Requests> {
        Requests::from_reader(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            "r.csv",
            &staff(),
            &policy(),
            days,
        )
    }

    fn read(text: &str) -> Result<Requests> {
        read_in(text, &policy().period.working_days())
    }

    fn err(text: &str) -> String {
        read(text).unwrap_err().to_string()
    }

    /// The dates of a request's days.
    fn dates(r: &Request) -> Vec<NaiveDate> {
        let days = policy().period.working_days();
        r.days.iter().map(|&i| days[i]).collect()
    }

    #[test]
    fn wishes_admit_modes_and_fix_one() {
        let wfh = Wish::Mode(Mode::Wfh);
        assert!(wfh.admits(Mode::Wfh) && !wfh.admits(Mode::Wfa));
        assert!(Wish::NotWfo.admits(Mode::Wfh) && Wish::NotWfo.admits(Mode::Wfa));
        assert!(!Wish::NotWfo.admits(Mode::Wfo) && !Wish::NotWfo.admits(Mode::Field));
        assert!(Wish::NotRemote.admits(Mode::Wfo) && Wish::NotRemote.admits(Mode::Field));
        assert!(!Wish::NotRemote.admits(Mode::Wfh) && !Wish::NotRemote.admits(Mode::Leave));
        assert_eq!(Wish::NotWfo.hard_mode(), Mode::Wfh);
        assert_eq!(Wish::NotRemote.hard_mode(), Mode::Wfo);
        assert_eq!(Wish::Mode(Mode::Wfa).hard_mode(), Mode::Wfa);
        let labels = [wfh, Wish::NotWfo, Wish::NotRemote].map(Wish::label);
        assert_eq!(labels, ["WFH", "not WFO", "not remote"]);
    }

    #[test]
    fn every_way_to_write_a_wish_and_a_strength() {
        for (text, wish) in [
            ("WFO", Wish::Mode(Mode::Wfo)),
            ("wfh", Wish::Mode(Mode::Wfh)),
            (" Wfa ", Wish::Mode(Mode::Wfa)),
            ("not WFO", Wish::NotWfo),
            ("Bukan  WFO", Wish::NotWfo),
            ("tidak wfo", Wish::NotWfo),
            ("not-remote", Wish::NotRemote),
            ("BUKAN REMOTE", Wish::NotRemote),
            ("tidak remote", Wish::NotRemote),
        ] {
            assert_eq!(parse_wish(text), Some(wish), "{text}");
        }
        for text in ["", "FIELD", "LEAVE", "remote", "wfh please"] {
            assert_eq!(parse_wish(text), None, "{text}");
        }
        for (text, strength) in [
            ("", Strength::Soft),
            ("Soft", Strength::Soft),
            ("lunak", Strength::Soft),
            ("HARD", Strength::Hard),
            ("Wajib", Strength::Hard),
        ] {
            assert_eq!(Strength::parse(text), Some(strength), "{text}");
        }
        assert_eq!(Strength::parse("must"), None);
    }

    #[test]
    fn weekdays_in_english_and_indonesian() {
        use Weekday::*;
        assert_eq!(parse_weekdays("Senin"), Some(vec![Mon]));
        assert_eq!(parse_weekdays("Jum'at"), Some(vec![Fri]));
        assert_eq!(parse_weekdays("sel, Kam"), Some(vec![Tue, Thu]));
        assert_eq!(parse_weekdays("Monday/fri"), Some(vec![Mon, Fri]));
        assert_eq!(parse_weekdays("Wed Rabu"), Some(vec![Wed]));
        assert_eq!(parse_weekdays("Sabtu"), Some(vec![Sat]));
        assert_eq!(parse_weekdays("Senin dan Kamis"), None);
        assert_eq!(parse_weekdays("Funday"), None);
    }

    #[test]
    fn a_date_a_range_and_weekdays() {
        let r = read(
            "nip,date,from,to,weekday,wish,reason,strength\n\
             1,2025-03-26,,,,WFH,Anak sakit,hard\n\
             2,,2025-03-25,2025-04-08,,not WFO,,\n\
             196708151993032001,,,,Kamis,bukan remote,Rapat rutin,lunak\n\
             1,,2025-04-01,,Selasa/Jumat,WFA,,soft\n",
        )
        .unwrap();
        assert_eq!(r.file, "r.csv");
        assert_eq!(r.list.len(), 4);
        let first = &r.list[0];
        assert_eq!((first.line, first.person), (2, person(&staff(), "1")));
        assert_eq!(first.wish, Wish::Mode(Mode::Wfh));
        assert_eq!(first.strength, Strength::Hard);
        assert_eq!(first.reason, "Anak sakit");
        assert_eq!(first.when, When::Date(d("2025-03-26")));
        assert_eq!(dates(first), [d("2025-03-26")]);
        // The range skips Nyepi, the weekend and Lebaran.
        assert_eq!(
            dates(&r.list[1]),
            ["2025-03-25", "2025-03-26", "2025-03-27", "2025-04-08"].map(d)
        );
        assert_eq!(r.list[1].strength, Strength::Soft);
        // Every Thursday of the period: 3 Apr is cuti bersama, 10 Apr a policy holiday.
        assert_eq!(dates(&r.list[2]), [d("2025-03-27")]);
        // Tuesdays and Fridays from 1 Apr to the end.
        assert_eq!(dates(&r.list[3]), ["2025-04-08", "2025-04-11"].map(d));
        assert_eq!(
            r.list[3].when,
            When::Weekdays {
                days: vec![Weekday::Tue, Weekday::Fri],
                from: Some(d("2025-04-01")),
                to: None
            }
        );
        let days = policy().period.working_days();
        let day = |s: &str| days.binary_search(&d(s)).unwrap();
        let staff = staff();
        let (andi, budi) = (person(&staff, "1"), person(&staff, "2"));
        assert_eq!(r.list[1].person, budi);
        assert_eq!(r.on(andi, day("2025-03-26")).map(|r| r.line), Some(2));
        assert_eq!(r.hard(andi, day("2025-03-26")), Some(Mode::Wfh));
        assert_eq!(r.hard(budi, day("2025-03-26")), None);
        assert_eq!(r.on(budi, day("2025-03-26")).map(|r| r.line), Some(3));
        assert_eq!(r.on(andi, day("2025-03-27")).map(|r| r.line), None);
        let lines: Vec<usize> = r.of_person(andi).map(|r| r.line).collect();
        assert_eq!(lines, [2, 5]);
        assert!(!r.is_empty() && Requests::default().is_empty());
    }

    #[test]
    fn indonesian_headers() {
        let r = read("NIP;Tanggal;Permintaan;Alasan;Sifat\n1;26/03/2025;WFH;Anak sakit;wajib\n")
            .unwrap();
        assert_eq!(r.list[0].strength, Strength::Hard);
        assert_eq!(r.list[0].reason, "Anak sakit");
        let r = read("nip,hari,dari,sampai,mode\n2,jum,2025-04-08,2025-04-11,WFA\n").unwrap();
        assert_eq!(dates(&r.list[0]), [d("2025-04-11")]);
    }

    #[test]
    fn days_outside_the_window_are_dropped() {
        let days = policy().period.working_days();
        let window: Vec<NaiveDate> = days
            .iter()
            .copied()
            .filter(|x| *x >= d("2025-04-08"))
            .collect();
        let r = read_in(
            "nip,date,from,to,wish\n1,2025-03-26,,,WFH\n2,,2025-03-25,2025-04-09,WFA\n",
            &window,
        )
        .unwrap();
        assert_eq!(r.list.len(), 1);
        assert_eq!((r.list[0].line, r.list[0].days.clone()), (3, vec![0, 1]));
        // The file reads the same whatever the window: a clash outside it is still one.
        let e = read_in(
            "nip,date,wish\n1,2025-03-26,WFH\n1,2025-03-26,WFO\n",
            &window,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("r.csv:3: Andi (1) asks for WFO on 2025-03-26"),
            "{e}"
        );
    }

    #[test]
    fn a_hard_request_wins_over_a_soft_one_and_duplicates_are_fine() {
        let r = read(
            "nip,date,from,to,wish,strength\n\
             1,,2025-03-24,2025-03-27,WFO,soft\n\
             1,2025-03-26,,,WFH,hard\n\
             1,2025-03-26,,,WFH,hard\n",
        )
        .unwrap();
        let days = policy().period.working_days();
        let day = days.binary_search(&d("2025-03-26")).unwrap();
        let andi = person(&staff(), "1");
        assert_eq!(r.on(andi, day).map(|r| r.line), Some(3));
        assert_eq!(r.hard(andi, day), Some(Mode::Wfh));
        // The soft range keeps its other days; the repeated line keeps none.
        assert_eq!(dates(&r.list[0]).len(), 3);
        assert!(r.list[2].days.is_empty());
    }

    #[test]
    fn two_different_wishes_for_one_day_name_both_lines() {
        let e = err(
            "nip,date,from,to,wish\n1,,2025-03-24,2025-03-27,WFO\n2,2025-03-26,,,WFH\n1,2025-03-26,,,WFH\n",
        );
        assert_eq!(
            e,
            "r.csv:4: Andi (1) asks for WFH on 2025-03-26 here but for WFO on line 2: keep one of them"
        );
        let e =
            err("nip,date,wish,strength\n1,2025-03-26,WFH,hard\n1,2025-03-26,not remote,wajib\n");
        assert!(
            e.starts_with(
                "r.csv:3: Andi (1) asks for not remote on 2025-03-26 here but for WFH on line 2"
            ),
            "{e}"
        );
    }

    #[test]
    fn days_off_say_which_day_off_they_are() {
        let cases = [
            (
                "2025-04-05",
                "2025-04-05 is not a working day: Sat is not a workday of the policy",
            ),
            (
                "2025-03-31",
                "2025-03-31 is not a working day: Eid al-Fitr (libur nasional)",
            ),
            (
                "2025-04-02",
                "2025-04-02 is not a working day: Eid al-Fitr Joint Holiday (cuti bersama)",
            ),
            (
                "2025-04-10",
                "2025-04-10 is not a working day: one of the policy's `holidays`",
            ),
        ];
        for (date, message) in cases {
            let e = err(&format!("nip,date,wish\n2,{date},WFH\n"));
            assert_eq!(e, format!("r.csv:2: {message}"));
        }
    }

    #[test]
    fn outside_the_period_and_without_a_working_day() {
        let cases = [
            (
                "2025-05-02,,,",
                "2025-05-02 is outside the policy's period 2025-03-24..2025-04-11",
            ),
            (
                ",2025-04-08,2025-04-15,",
                "2025-04-08..2025-04-15 is outside the policy's period 2025-03-24..2025-04-11",
            ),
            (
                ",2025-03-20,,Senin",
                "2025-03-20 is outside the policy's period 2025-03-24..2025-04-11",
            ),
            (
                ",2025-03-28,2025-03-30,",
                "2025-03-28..2025-03-30 has no working day",
            ),
            (
                ",2025-04-01,2025-04-07,Kamis",
                "2025-04-01..2025-04-07 has no working Thu",
            ),
            (",,,Sabtu", "2025-03-24..2025-04-11 has no working Sat"),
        ];
        for (days, message) in cases {
            let e = err(&format!("nip,date,from,to,weekday,wish\n2,{days},WFH\n"));
            assert_eq!(e, format!("r.csv:2: {message}"), "{days}");
        }
    }

    #[test]
    fn every_other_error_names_the_line() {
        let cases = [
            ("9,2025-03-26,,,,WFH,", "NIP 9 is not in the staff file"),
            (",2025-03-26,,,,WFH,", "empty NIP"),
            (
                "196708151993032000,2025-03-26,,,,WFH,",
                "NIP 196708151993032000 lost its last three digits",
            ),
            (
                "1,2025-03-26,,,,home,",
                "unknown wish `home`: expected WFO, WFH, WFA, `not WFO` or `not remote`",
            ),
            ("1,2025-03-26,,,,,", "unknown wish ``"),
            (
                "1,2025-03-26,,,,WFH,must",
                "unknown strength `must`: expected soft or hard (or lunak, wajib)",
            ),
            (
                "1,,,,Funday,WFH,",
                "unknown weekday `Funday`: expected Monday to Friday",
            ),
            (
                "1,2025.03.26,,,,WFH,",
                "`date` is `2025.03.26`: expected a date written 2025-03-24, 24/03/2025 or 24-03-2025",
            ),
            (
                "1,2025-03-26,2025-03-26,,,WFH,",
                "`date` and `from` on one row",
            ),
            (
                "1,2025-03-26,,,Senin,WFH,",
                "`date` and `weekday` on one row",
            ),
            ("1,,2025-03-26,,,WFH,", "`from` without `to`: give both"),
            ("1,,,2025-03-26,,WFH,", "`to` without `from`: give both"),
            (
                "1,,2025-03-27,2025-03-26,,WFH,",
                "`to` (2025-03-26) is before `from` (2025-03-27)",
            ),
            (
                "1,,,,,WFH,",
                "no day: give a `date`, or `from` and `to`, or a `weekday`",
            ),
        ];
        for (row, message) in cases {
            let e = err(&format!("nip,date,from,to,weekday,wish,strength\n{row}\n"));
            assert!(e.starts_with(&format!("r.csv:2: {message}")), "{row}: {e}");
        }
        let e = err("nip,date\n1,2025-03-26\n");
        assert!(
            e.starts_with("r.csv:1: missing required column `wish` (or permintaan, mode)"),
            "{e}"
        );
    }
}
