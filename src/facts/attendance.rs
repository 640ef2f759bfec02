//! What is wrong in an attendance export or the roster it is checked against (`roster
//! attendance`), as facts; the catalogue words them (`src/catalogue/attendance.rs`).

use std::path::PathBuf;

/// A problem in an attendance export, its folder, or the planned roster beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceProblem {
    /// A status cell the export's vocabulary does not have; `known` lists it.
    UnknownStatus {
        value: String,
        known: String,
    },
    BadDate {
        value: String,
    },
    BadTime {
        value: String,
    },
    /// A check-in type other than in or out.
    UnknownEvent {
        value: String,
    },
    /// A WFH cell other than yes or no.
    UnknownWfh {
        value: String,
    },
    /// A folder of exports without one.
    EmptyFolder {
        path: PathBuf,
    },
    /// A NIP of the planned roster the staff file does not have.
    RosterUnknownNip {
        nip: String,
    },
    /// An export with neither a status nor a check-in time column; `headers` its headers.
    NothingObserved {
        headers: String,
    },
    /// `--week` that is not an ISO week.
    BadWeek {
        value: String,
    },
    /// `--month` that is not a month.
    BadMonth {
        value: String,
    },
}
