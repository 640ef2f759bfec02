//! What is wrong in an input file (staff, leave, requests, a roster, attendance exports), as a
//! fact: the error that carries it names the place (`file:line`, `file:Sheet!B14`), the
//! catalogue words it.

use chrono::NaiveDate;

/// A problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The CSV reader's own words for what it could not read.
    Reader {
        text: String,
    },
    EmptyFile {},
    EmptySheet {},
    Utf16 {},
    BadWorkbook {
        why: String,
    },
    NoSuchSheet {
        sheet: String,
        sheets: String,
    },
    NoSheet {},
    UnreadableSheet {
        sheet: String,
        why: String,
    },
    RaggedRow {
        cells: usize,
        headers: usize,
    },
    RaggedQuote {
        cells: usize,
        headers: usize,
    },
    CellsDiffer {
        cells: u64,
        headers: u64,
    },
    HugeCell {
        bytes: usize,
    },
    NulByte {},
    CellNotUtf8 {
        cell: usize,
    },
    EmptyNip {},
    EmptyName {},
    EmptyUnit {},
    NoPerson {},
    StaffModeLeave {},
    StaffUnknownMode {
        mode: String,
    },
    UnknownMode {
        mode: String,
    },
    DuplicateNip {
        nip: String,
        line: u64,
    },
    NipScientific {
        cell: String,
        fix: Box<Problem>,
    },
    NipTruncated {
        nip: String,
        why: Box<Problem>,
        fix: Box<Problem>,
    },
    NipAllEndIn000 {},
    NipSameAsLine {
        line: u64,
    },
    NipLikeStaff {
        like: String,
    },
    NipNumberCell {
        value: String,
    },
    NipFix {},
    NipNotInStaff {
        nip: String,
    },
    NotADate {
        column: String,
        value: String,
    },
    ToBeforeFrom {
        to: NaiveDate,
        from: NaiveDate,
    },
    RosterNoColumn {
        column: String,
        headers: Headers,
    },
    RosterDate {
        value: String,
    },
    DayColumn {
        header: String,
        why: Box<Problem>,
    },
    DayNoYear {},
    DayOutside {
        start: NaiveDate,
        end: NaiveDate,
    },
    DayWeekdayOutside {
        start: NaiveDate,
        end: NaiveDate,
    },
    DayTwoYears {
        start: NaiveDate,
        end: NaiveDate,
    },
    DayNotBefore {
        end: NaiveDate,
    },
    ColumnNotFound {
        header: String,
        field: String,
        headers: Headers,
    },
    MissingColumn {
        field: String,
        accepted: Option<Box<Problem>>,
        headers: Headers,
    },
    AlsoAccepted {
        names: String,
    },
    DuplicateColumn {
        first: String,
        first_at: usize,
        second: String,
        second_at: usize,
        field: Given,
    },
    ColumnFlag {
        text: String,
    },
    ColumnUnknownField {
        field: String,
        fields: String,
    },
    ColumnEmptyHeader {
        text: String,
    },
    PublishedDuplicate {
        nip: String,
        date: NaiveDate,
        first: String,
    },
    PublishedOutside {
        date: NaiveDate,
        start: NaiveDate,
        end: NaiveDate,
    },
    SheetTooSparse {
        sheet: String,
        rows: u64,
        columns: u64,
        cells: u64,
        last: String,
        max: u64,
    },
    SharedStringsDamaged {
        count: String,
        most: u64,
    },
    ErrorCell {
        value: String,
    },
    UnclosedQuote {},
    CellOverLimit {},
    XlsTooSparse {
        span: u64,
        cells: u64,
        max: u64,
    },
    OdsTooSparse {
        span: u64,
        cells: u64,
        max: u64,
    },
    HeadersMore {
        n: usize,
        total: usize,
    },
    PasswordProtected {},
    EmptyZip {},
    /// `roster attendance --column FIELD=...` names no field of an attendance export.
    PresensiUnknownField {
        field: String,
        fields: String,
    },
    /// An attendance export's (`roster attendance`).
    Attendance {
        problem: crate::facts::attendance::AttendanceProblem,
    },
    /// A row of a requests file.
    Request {
        problem: crate::facts::requests::RequestProblem,
    },
}

impl From<crate::facts::attendance::AttendanceProblem> for Problem {
    fn from(problem: crate::facts::attendance::AttendanceProblem) -> Problem {
        Problem::Attendance { problem }
    }
}

/// A row of a requests file.
impl From<crate::facts::requests::RequestProblem> for Problem {
    fn from(problem: crate::facts::requests::RequestProblem) -> Problem {
        Problem::Request { problem }
    }
}

/// The headers of a file, for a message: the first ones (at most a screenful), and how many
/// more there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub shown: String,
    pub more: Option<Box<Problem>>,
}

/// What two columns both give: a field of the file, or a day of a wide roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Given {
    Field(String),
    Day(NaiveDate),
}

impl From<crate::mode::UnknownMode> for Problem {
    fn from(unknown: crate::mode::UnknownMode) -> Problem {
        Problem::UnknownMode { mode: unknown.0 }
    }
}
