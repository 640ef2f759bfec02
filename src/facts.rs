//! What the domain finds, as typed facts: an unmet guarantee with its people, days and numbers,
//! and the days it covers. Nothing here is a sentence: the renderers turn facts into English or
//! Indonesian through the message catalogue ([`crate::catalogue`]), with the language they are
//! given. A leaf of the import graph: the audit and `check` produce these, the writers read them.

pub mod attendance;
pub mod causes;
pub mod policy;
pub mod problems;
pub mod requests;
pub mod run;

use crate::mode::Mode;
use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::fmt;

/// The days a violation covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dates {
    /// The whole period (fairness, a balanced pool's totals).
    Period,
    /// One working day.
    Day(NaiveDate),
    /// A run of working days, both ends included.
    Run(NaiveDate, NaiveDate),
    /// The ISO week that begins on this Monday.
    Week(NaiveDate),
}

impl Dates {
    /// The ISO week of `date`, by its Monday.
    pub fn week_of(date: NaiveDate) -> Dates {
        let week = date.iso_week();
        let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), chrono::Weekday::Mon);
        Dates::Week(monday.unwrap_or(date))
    }

    /// The machine form of the JSON summary and the CSV of `check`: `2025-03-24`,
    /// `2025-03-24..2025-03-28`, `2025-W13`, empty for the whole period.
    pub fn iso(&self) -> String {
        match self {
            Dates::Period => String::new(),
            Dates::Day(day) => day.to_string(),
            Dates::Run(first, last) => format!("{first}..{last}"),
            Dates::Week(monday) => {
                let week = monday.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
        }
    }

    /// The order of [`Dates::iso`] as text (the order reports have always listed them in):
    /// the period first; then, year by year, days and runs by their first day (a day before a
    /// run from it), then weeks.
    fn key(&self) -> (i32, bool, NaiveDate, Option<NaiveDate>) {
        match *self {
            Dates::Period => (i32::MIN, false, NaiveDate::MIN, None),
            Dates::Day(day) => (day.year(), false, day, None),
            Dates::Run(first, last) => (first.year(), false, first, Some(last)),
            Dates::Week(monday) => (monday.iso_week().year(), true, monday, None),
        }
    }
}

impl Ord for Dates {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Dates {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A place in an input file: its name and line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub file: String,
    pub line: u64,
}

/// The pool a count is of: the default split, or a rule's own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pool {
    Default,
    /// A rule's own pool, by the rule's name.
    Rule {
        rule: String,
    },
}

/// Why a day's mode is fixed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fixed {
    Leave,
    Staff,
    /// A rule, by name.
    Rule {
        rule: String,
    },
    /// A hard request, where it is written (nothing when the requests are not at hand).
    Request {
        at: Option<Place>,
    },
}

/// A number of days in hundredths: `1250` is twelve and a half days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hundredths(pub i64);

/// What a day's count of a mode may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Allowed {
    Exactly { n: i64 },
    Either { a: i64, b: i64 },
    Range { lo: i64, hi: i64 },
}

/// Why a roster row's date has no place in the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Offday {
    OutsidePeriod,
    NotAWorkday,
    DayOff,
}

/// Something in the inputs worth a look that does not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Warning {
    /// A staff file's NIP that is not 18 digits; `at` is its place (`staff.csv:12`).
    NipNot18 { at: String, nip: String },
    /// Leave for a NIP the staff file does not have.
    LeaveUnknownNip { at: String, nip: String },
}

/// How a roster breaks a guarantee, with what people read about it. Field order is the order
/// the English message names them, so examples sort as they read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Broken {
    /// A working day without a row for the person.
    NoRow { name: String },
    /// A fixed day with another mode.
    FixedMode {
        name: String,
        why: Fixed,
        fixed: Mode,
        mode: Mode,
    },
    /// A rotating day with a mode no split shares out (FIELD, LEAVE).
    RotatesBut { name: String, mode: Mode },
    /// A rotating day with a mode the pool's split gives no share.
    OutsideSplit {
        name: String,
        mode: Mode,
        pool: Pool,
    },
    /// A pool's count of a mode on a day.
    QuotaDay {
        count: u64,
        n: u64,
        pool: Pool,
        mode: Mode,
        allowed: Allowed,
    },
    /// Fewer in the office than `min_office` asks of those present.
    MinOffice {
        office: u64,
        /// The policy's floor as written: `3` or `50%`.
        floor: String,
        required: u64,
        present: u64,
    },
    /// A longer run of remote days than `max_consecutive_remote`.
    RunCap { name: String, run: u32, max: u32 },
    /// More remote days in a week than `max_remote_per_week`.
    WeekCap { name: String, remote: u32, cap: u32 },
    /// A balanced pool's total of a mode over the period.
    QuotaPeriod {
        count: u64,
        mode: Mode,
        pool: Pool,
        target: Hundredths,
    },
    /// People with as many rotating days whose counts of a mode differ by more than one.
    Fairness {
        days: u32,
        pool: Pool,
        lo: u32,
        hi: u32,
        mode: Mode,
    },
    /// A roster row (`check`) for a NIP the staff file does not have.
    UnknownNip { line: u64, name: String },
    /// A roster row on a day that is not a working day of the period.
    NotAWorkingDay {
        line: u64,
        name: String,
        date: NaiveDate,
        why: Offday,
    },
    /// Two roster rows for one person-day.
    TwoRows {
        name: String,
        first: u64,
        second: u64,
    },
}

// The audit's findings: what `plan` and `check` report.

/// How many violations an audit keeps, per guarantee and unit, as examples: the first in
/// report order. Every violation is counted; only the examples are bounded, so a roster
/// broken on every row costs no more memory or output than one broken on twenty.
pub const EXAMPLES_PER_UNIT: usize = 20;

/// The guarantees of SPEC §6 that an audit can find broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Guarantee {
    OneRowPerDay = 1,
    FixedModes = 2,
    Quota = 3,
    Fairness = 4,
    Caps = 5,
}

impl Guarantee {
    pub fn title(self) -> &'static str {
        match self {
            Guarantee::OneRowPerDay => "one row per person per working day",
            Guarantee::FixedModes => "fixed modes",
            Guarantee::Quota => "quota",
            Guarantee::Fairness => "fairness",
            Guarantee::Caps => "caps and office floor",
        }
    }
}

impl fmt::Display for Guarantee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "guarantee {} ({})", *self as u8, self.title())
    }
}

/// How many people a fairness violation names at each end of its spread; the rest are
/// counted.
pub const PEOPLE_PER_END: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    pub guarantee: Guarantee,
    pub unit: String,
    pub dates: Dates,
    pub nip: String,
    /// What is broken, with its people and numbers.
    pub broken: Broken,
    /// A fairness spread's people with the fewest and the most days of the mode.
    pub extremes: Option<Box<Extremes>>,
    /// The unit's index in the staff file (`staff::Id`), `None` for a unit it does not have (a roster row
    /// of an unknown NIP); the audit sets it.
    pub unit_id: Option<u32>,
}

/// The two ends of a fairness spread.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Extremes {
    pub low: End,
    pub high: End,
}

/// The people at one end of a fairness spread: all with `count` days of the mode, the first
/// [`PEOPLE_PER_END`] of them (in canonical order) named, `total` of them in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct End {
    pub count: u32,
    /// NIP and name.
    pub people: Vec<(String, String)>,
    pub total: u64,
}

/// One row of the summary (SPEC §5); `unit` is `TOTAL` for the total row.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    pub unit: String,
    pub staff: u64,
    pub fixed: u64,
    pub rotating: u64,
    /// Percent of every working person-day of the unit's staff not on leave, fixed remote
    /// days included; `None` when there is none.
    pub target_remote_pct: Option<f64>,
    pub achieved_remote_pct: Option<f64>,
    /// The same over rotating person-days only, weighted by them (with `--previous`, over
    /// both periods); `None` when nobody rotates.
    pub rotating_target_remote_pct: Option<f64>,
    pub rotating_achieved_remote_pct: Option<f64>,
    pub office_min: u64,
    pub office_max: u64,
    pub fairness_spread: u32,
    pub problems: u64,
}

/// How many violations of one guarantee an audit found in one unit, and how many of them it
/// kept as examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViolationCount {
    pub guarantee: Guarantee,
    /// `None` for rows whose unit is not in the staff file (unknown NIPs).
    pub unit: Option<String>,
    pub count: u64,
    pub shown: usize,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub units: Vec<SummaryRow>,
    pub total: SummaryRow,
    /// Examples of the unmet guarantees, sorted: at most [`EXAMPLES_PER_UNIT`] per guarantee
    /// and unit; `violation_counts` has them all counted.
    pub violations: Vec<Violation>,
    /// Per guarantee and unit, sorted, the count of violations and of examples kept.
    pub violation_counts: Vec<ViolationCount>,
    /// The largest distance, in days, of a person's count of a mode from share × their
    /// rotating days (SPEC §9 "uneven availability").
    pub largest_deviation: f64,
    /// Under `teams = "together"` with an alternating pattern: the largest distance of a day's
    /// count from share × n, in people (whole teams share a group; not a violation).
    pub team_quota_drift: Option<f64>,
    /// Alternating patterns, when the roster was planned here: pool-days on which groups or
    /// people left the pure pattern to meet the guarantees.
    pub pattern_swaps: Option<u64>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty()
    }

    /// Every violation found, not only the examples kept.
    pub fn violation_total(&self) -> u64 {
        self.violation_counts.iter().map(|c| c.count).sum()
    }

    /// The violations found of one guarantee, not only the examples kept.
    pub fn count_of(&self, guarantee: Guarantee) -> u64 {
        (self.violation_counts.iter())
            .filter(|c| c.guarantee == guarantee)
            .map(|c| c.count)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sort_as_their_iso_text() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let mut dates = [
            Dates::week_of(d(3, 26)),
            Dates::Run(d(3, 24), d(3, 28)),
            Dates::Day(d(3, 25)),
            Dates::Day(d(3, 24)),
            Dates::Period,
            Dates::Run(d(3, 24), d(3, 26)),
            Dates::Day(NaiveDate::from_ymd_opt(2024, 12, 30).unwrap()),
            Dates::week_of(NaiveDate::from_ymd_opt(2024, 12, 30).unwrap()),
        ];
        let mut texts: Vec<String> = dates.iter().map(Dates::iso).collect();
        dates.sort();
        texts.sort();
        assert_eq!(dates.iter().map(Dates::iso).collect::<Vec<_>>(), texts);
        assert_eq!(Dates::week_of(d(3, 26)).iso(), "2025-W13");
    }
}
