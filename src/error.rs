//! The library's error type and the exit codes of SPEC §7.

use std::path::PathBuf;

/// Exit codes, SPEC §7.
pub mod exit {
    /// Done: every guarantee met.
    pub const OK: u8 = 0;
    /// An input or I/O error; nothing was written.
    pub const INPUT: u8 = 1;
    /// A usage error (bad flags).
    pub const USAGE: u8 = 2;
    /// The roster was written or checked, but some guarantee is unmet.
    pub const UNMET: u8 = 3;
}

/// What stops a run. The variants carry facts, not sentences: the catalogue words them
/// (`Render for Error`) in the language the caller asks for.
#[derive(Debug)]
pub enum Error {
    /// A problem in a policy file, pointing at the spot (boxed: some problems carry several
    /// words of the file, and every `Result` carries an `Error`).
    Policy {
        file: String,
        line: usize,
        column: usize,
        problem: Box<crate::facts::policy::PolicyProblem>,
    },
    /// A problem in a CSV input (staff, leave, roster), with its line when there is one.
    Input {
        file: String,
        line: Option<u64>,
        problem: Box<crate::facts::problems::Problem>,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An output that cannot be written where it is asked for (a folder, a file that may not
    /// be written, a folder another run is writing to), found before any work.
    Output {
        path: PathBuf,
        problem: Box<crate::facts::run::RunProblem>,
    },
    /// A window (`--from/--to`, `--next`) the policy's period does not cover; exits 1, so that
    /// cron tells the planner the policy has ended.
    Window(Box<crate::facts::run::RunProblem>),
    /// Flags that cannot work together; exits 2.
    Usage(Box<crate::facts::run::RunProblem>),
    /// Warnings turned into errors by `--strict`.
    Strict(usize),
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => exit::USAGE,
            _ => exit::INPUT,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Flags that cannot work together.
    pub fn usage(problem: crate::facts::run::RunProblem) -> Error {
        Error::Usage(Box::new(problem))
    }

    /// A window the policy's period does not cover.
    pub fn window(problem: crate::facts::run::RunProblem) -> Error {
        Error::Window(Box::new(problem))
    }

    /// An output that cannot be written at `path`.
    pub fn output(path: impl Into<PathBuf>, problem: crate::facts::run::RunProblem) -> Error {
        Error::Output {
            path: path.into(),
            problem: Box::new(problem),
        }
    }

    /// A CSV writer's failure on `path`: the I/O error it met.
    pub fn csv_write(path: &std::path::Path, error: csv::Error) -> Error {
        let io = match error.into_kind() {
            csv::ErrorKind::Io(e) => e,
            other => std::io::Error::other(format!("{other:?}")),
        };
        Error::io(path, io)
    }

    pub fn input(
        file: &str,
        line: Option<u64>,
        problem: impl Into<crate::facts::problems::Problem>,
    ) -> Error {
        Error::Input {
            file: file.to_owned(),
            line,
            problem: Box::new(problem.into()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 9), (2, 3));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
