//! What stops a run before or around the work, as facts: flags that cannot work together
//! (usage errors), a window the policy does not cover, outputs that cannot be written, and
//! warnings turned into errors by `--strict`. The catalogue words them
//! (`src/catalogue/run.rs`) in the language it is given.

use chrono::NaiveDate;
use std::path::PathBuf;

/// A problem with a run's flags, window or outputs: one variant per message, its fields the
/// message's blanks.
#[derive(Debug)]
pub enum RunProblem {
    /// `n` warnings, and `--strict` makes them errors.
    Strict { n: usize },
    /// `--to` before `--from`.
    ToBeforeFrom { end: NaiveDate, start: NaiveDate },
    /// A window wholly outside the policy's period `first..last`.
    WindowOutside {
        start: NaiveDate,
        end: NaiveDate,
        first: NaiveDate,
        last: NaiveDate,
        when: PolicyWhen,
    },
    /// A window without a working day.
    WindowNoWorkingDay { start: NaiveDate, end: NaiveDate },
    /// `roster calendar --year` past the built-in calendar; `years` the years it covers.
    CalendarYears { year: i32, years: String },
    /// Two outputs to standard output.
    OneStdout {},
    /// An output that is also an input.
    OutputIsInput {
        flag: &'static str,
        path: PathBuf,
        input: PathBuf,
    },
    /// An output in a folder whose files of its kind are read as inputs.
    OutputInInputFolder {
        flag: &'static str,
        path: PathBuf,
        folder: PathBuf,
    },
    /// Two units whose names make one file of a per-unit output (`unit` the `{unit}` blank).
    UnitsSameFile {
        flag: &'static str,
        a: String,
        b: String,
        path: PathBuf,
        unit: &'static str,
    },
    /// Two outputs that are the same file.
    SameFile {
        flag: &'static str,
        path: PathBuf,
        other_flag: &'static str,
        other_path: PathBuf,
    },
    /// A per-unit path for an output of a command that writes one file.
    PerUnitOnly {
        flag: &'static str,
        unit: &'static str,
    },
    /// A destination whose folder is a file.
    ParentIsFile { file: PathBuf },
    /// A destination that is a folder.
    IsFolder {},
    /// A destination its owner may not write.
    NotWritable { why: OsError },
    /// A folder another run is writing to.
    FolderLocked {},
    /// `--delimiter` other than `,` `;` `|` or a tab; `value` as written (`'x'`).
    Delimiter { value: String },
    /// More people than one Excel sheet holds.
    XlsxTooBig { people: usize, max: usize },
    /// `--next` from a `--today` too close to the end of the calendar.
    TodayTooClose { today: NaiveDate },
    /// `--from` without `--to` (nor `--published`).
    FromNeedsTo {},
    /// A published roster that ends before the re-plan's `--from`.
    PublishedEndsBefore { last: NaiveDate, from: NaiveDate },
    /// `roster init` over an existing file.
    InitExists { path: PathBuf },
    /// `roster explain` of a NIP the staff file does not have.
    ExplainNip { nip: String, file: PathBuf },
    /// An output named like roster's own temporary files.
    TemporaryName { flag: &'static str, path: PathBuf },
    /// A per-person path (`nip`) outside `--ics`.
    NipOnlyIcs {
        flag: &'static str,
        nip: &'static str,
        unit: &'static str,
    },
    /// Two people whose NIPs make one file of a per-person output.
    PeopleSameFile {
        flag: &'static str,
        a: String,
        b: String,
        path: PathBuf,
    },
    /// A calendar output that roster cannot continue, and why.
    CalendarUnreadable { why: String },
    /// `roster attendance` given more than one window.
    WindowTwice {},
    /// `roster explain NAME` of a name several people have (`n` of them).
    SeveralPeople {
        query: String,
        n: usize,
        file: PathBuf,
        people: Candidates,
    },
    /// `roster explain NAME` of a name nobody has, nor anything close.
    Nobody { file: PathBuf, query: String },
    /// `roster explain NAME` of a name nobody has, with the closest names.
    NobodyClosest {
        file: PathBuf,
        query: String,
        people: Candidates,
    },
}

/// Why a window is outside the policy's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyWhen {
    /// The window is after the period.
    Ended {},
    /// The window is before it.
    NotBegun {},
}

/// An error of the operating system, worded by the catalogue (the system's words, or the
/// table's in Indonesian).
#[derive(Debug)]
pub struct OsError(pub std::io::Error);

/// The people a name could be: the first few of them, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidates {
    pub shown: Vec<Candidate>,
    pub total: usize,
}

/// A person a name could be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub nip: String,
    pub name: String,
    pub unit: String,
}
