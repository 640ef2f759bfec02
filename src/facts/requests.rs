//! What is wrong in a requests file (`--requests`), as a fact: the error that carries it names
//! the place (`file:line`, `file:Sheet!B14`), the catalogue words it.

use crate::calendar::{DayOff, DayOffKind};
use crate::mode::Wish;
use chrono::{NaiveDate, Weekday};

/// A problem in a row of a requests file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestProblem {
    EmptyNip {},
    UnknownNip {
        nip: String,
    },
    /// A date column (`column`) that is not a date.
    BadDate {
        column: String,
        value: String,
    },
    ToBeforeFrom {
        to: NaiveDate,
        from: NaiveDate,
    },
    /// A row that names no day.
    NoDay {},
    /// `date` with another day column (`other`).
    DateAndMore {
        other: String,
    },
    /// `from` without `to`, or `to` without `from`.
    HalfRange {
        given: String,
        missing: String,
    },
    /// Days outside the policy's whole period.
    OutsidePeriod {
        when: RequestDays,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A date that is not a working day, and why.
    DayOff {
        date: NaiveDate,
        why: DayOffWhy,
    },
    /// A range without a working day.
    NoWorkingDay {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// A range without a working day on the weekdays asked for.
    NoWeekday {
        from: NaiveDate,
        to: NaiveDate,
        weekday: Weekdays,
    },
    UnknownWish {
        value: String,
    },
    UnknownStrength {
        value: String,
    },
    UnknownWeekday {
        value: String,
    },
    /// Two requests of one strength with different wishes for one day; `line` is the other
    /// request's line (`12`, or `file:12` when it is in another file).
    Conflict {
        name: String,
        nip: String,
        wish: Wish,
        date: NaiveDate,
        other: Wish,
        line: String,
    },
}

/// Why a requested date is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOffWhy {
    /// A day off of the built-in calendar, read by its name in the language asked for.
    Calendar { name: DayOff, kind: DayOffKind },
    /// One of the policy's `holidays`.
    Holiday {},
    /// A weekday that is not a workday of the policy.
    NotAWorkday { weekday: Weekday },
}

/// The days of a request as written: one date, or `from..to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestDays {
    Day(NaiveDate),
    Range(NaiveDate, NaiveDate),
}

/// Weekdays, as people read them joined by `/` (`Mon/Fri`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weekdays(pub Vec<Weekday>);
