//! What is wrong in an input file (staff, leave, requests, a roster, attendance exports), as a
//! fact: the error that carries it names the place (`file:line`, `file:Sheet!B14`), the
//! catalogue words it.

/// A problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Words already written (being replaced by the typed problems below).
    Text { text: String },
    /// A row of a requests file.
    Request {
        problem: crate::facts::requests::RequestProblem,
    },
}

impl From<crate::facts::requests::RequestProblem> for Problem {
    fn from(problem: crate::facts::requests::RequestProblem) -> Problem {
        Problem::Request { problem }
    }
}

impl From<String> for Problem {
    fn from(text: String) -> Problem {
        Problem::Text { text }
    }
}

impl From<&str> for Problem {
    fn from(text: &str) -> Problem {
        Problem::Text {
            text: text.to_owned(),
        }
    }
}
