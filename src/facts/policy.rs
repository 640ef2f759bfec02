//! What is wrong in a policy file, as a fact: the error that carries it
//! ([`crate::error::Error::Policy`]) names the spot (`file:line:column`), the catalogue words
//! it. Each field is a blank of the message; dates are dates, so that each language writes
//! them its way, and a message inside another is a fact inside another.

use crate::mode::Mode;
use chrono::NaiveDate;

/// A problem in a policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyProblem {
    /// A key that takes text in quotes; `example` is a whole `key = "..."`.
    ExpectsText {
        key: String,
        example: String,
        value: String,
    },
    /// A share of a split written as something other than a whole number.
    ExpectsShare {
        key: String,
        value: String,
        fix: Option<Fix>,
    },
    /// A count (`max_remote_per_week`) written as something other than a whole number.
    ExpectsCount {
        key: String,
        example: u32,
        value: String,
        fix: Option<Fix>,
    },
    /// A key that takes a date; `dates` says how dates are written.
    ExpectsDate {
        key: String,
        dates: Written,
        value: String,
        fix: Option<Fix>,
    },
    /// An item of a list of dates (`holidays`, `dates`) that is not a date.
    ItemIsDate {
        key: String,
        dates: Written,
        value: String,
        fix: Option<Fix>,
    },
    /// A key that takes a list; `example` is a whole `key = [...]`.
    ExpectsList {
        key: String,
        example: String,
        value: String,
        fix: Option<Fix>,
    },
    /// A key that takes one of a few words; `first` is the first of them.
    ExpectsWord {
        key: String,
        words: OneOf,
        first: String,
        value: String,
    },
    /// A key that is a section of keys.
    ExpectsSection {
        key: String,
        example: String,
        value: String,
    },
    /// `[[rule]]` written as something else.
    Rules {},
    /// A value of the wrong kind at a key with no plainer words.
    WrongKind {
        key: String,
        value: String,
    },
    /// Text in quotes not closed by `quote` on its line.
    Unclosed {
        quote: String,
    },
    /// `key = value` where the value wants quotes or another form: how it is written, and the
    /// line rewritten.
    Unquoted {
        key: String,
        value: String,
        how: Written,
        fix: Fix,
    },
    /// A word (`pattern`, `teams`) that is not one of `words`.
    UnknownWord {
        key: String,
        typo: String,
        words: OneOf,
    },
    /// A problem and the key that the typo most likely meant.
    Suggested {
        problem: Box<PolicyProblem>,
        near: String,
    },
    /// A date with a time or a time zone.
    WithoutTime {
        dates: Written,
        value: String,
    },
    /// A date that does not exist (`2025-02-30`): toml's words on it (English), how dates are
    /// written, and the line rewritten when the date was meant plainly.
    InvalidDate {
        toml: String,
        dates: Written,
        fix: Option<Fix>,
    },
    /// `min_office` neither a number of people nor a percentage.
    MinOffice {
        value: String,
    },
    /// A key that is not one of `words` (serde's list, `` `a`, `b` ``).
    UnknownKey {
        typo: String,
        words: String,
    },
    MissingKey {
        key: String,
    },
    /// A count out of its range.
    CountRange {
        key: String,
        max: i64,
        n: i64,
    },
    /// A share of a split out of its range.
    ShareRange {
        mode: Mode,
        max: i64,
        n: i64,
    },
    /// Shares that do not sum to 100.
    SplitSum {
        sum: u32,
    },
    EmptyList {
        key: String,
    },
    ListedTwice {
        value: String,
        key: String,
    },
    UnknownWeekday {
        value: String,
    },
    EndBeforeStart {
        end: NaiveDate,
        start: NaiveDate,
    },
    /// A rule whose `to` is before its `from`.
    ToBeforeFrom {
        name: String,
        to: NaiveDate,
        from: NaiveDate,
    },
    /// A rule with both `mode` and `split`.
    RuleBoth {
        name: String,
    },
    /// A rule with neither `mode` nor `split`.
    RuleNoEffect {
        name: String,
    },
    /// A rule's mode that is not a mode.
    UnknownMode {
        value: String,
    },
    /// A rule that sets LEAVE.
    RuleLeave {},
    NameEmpty {},
    RuleNameEmpty {},
    /// A period without a working day.
    NoWorkingDay {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A rule's name already used by the rule at `line`.
    DuplicateRule {
        name: String,
        line: usize,
    },
    PeriodTooLong {
        days: i64,
        start: NaiveDate,
        end: NaiveDate,
    },
    TooManyRules {
        max: usize,
    },
    UnknownCalendar {
        value: String,
    },
    /// A period that reaches a year the built-in calendar does not cover.
    CalendarNotCovered {
        year: i32,
        covers: Covers,
    },
    PatternEmpty {},
    PatternNoLetter {},
    /// A problem with an item of the list at `key`.
    InKey {
        key: String,
        why: Box<PolicyProblem>,
    },
    /// A file that is not UTF-8.
    NotUtf8 {},
    /// `key value` without `=`.
    KeyWithoutValue {
        key: String,
        value: String,
    },
    DuplicateKey {
        key: String,
    },
    /// A section heading not closed by `close`.
    UnclosedSection {
        close: String,
    },
    /// Something after the value on its line.
    ExtraText {},
    /// toml's words, when there are no plainer ones.
    Unreadable {
        why: String,
    },
    /// A `[staff.columns]` entry that names no staff field (the staff reader's words).
    StaffColumns {
        why: Box<crate::facts::problems::Problem>,
    },
    /// A workbook given as the policy.
    PolicyIsWorkbook {},
    /// A table (the staff file?) given as the policy; its first line.
    PolicyIsTable {
        line: String,
    },
}

/// The fix of a value written wrongly: the line as it should read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Write { fix: String },
}

impl Fix {
    pub fn write(fix: String) -> Fix {
        Fix::Write { fix }
    }
}

/// How a kind of value is written in a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Dates {},
    Numbers {},
    Text {},
}

/// The years the built-in calendar covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Covers {
    Years { first: i32, last: i32 },
    NoYear {},
}

/// Words to choose from: `a`, `a or b`, `a, b or c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOf(pub Vec<String>);
