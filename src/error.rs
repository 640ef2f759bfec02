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

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in a policy file, pointing at the spot.
    #[error("{file}:{line}:{column}: {message}")]
    Policy {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A problem in a CSV input (staff, leave, roster), with its line when there is one.
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        file: String,
        line: Option<u64>,
        message: String,
    },
    #[error("{}: {}", path.display(), os_error_text(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A window (`--from/--to`, `--next`) the policy's period does not cover; exits 1, so that
    /// cron tells the planner the policy has ended.
    #[error("{0}")]
    Window(String),
    /// Flags that cannot work together; exits 2.
    #[error("{0}")]
    Usage(String),
    /// Warnings turned into errors by `--strict`.
    #[error("{}", crate::lang::run_text(|m| m.strict, &[("n", &.0.to_string())]))]
    Strict(usize),
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

    pub fn input(file: &str, line: Option<u64>, message: impl Into<String>) -> Error {
        Error::Input {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An I/O error as people read it: the system's words, or in Indonesian the table's for the
/// errors people meet (a file that is not there, a folder they may not write in, a full
/// disk); other system errors keep the system's words.
pub fn os_error_text(error: &std::io::Error) -> String {
    use crate::lang::{Lang, run_text};
    if Lang::messages() == Lang::En || error.raw_os_error().is_none() {
        return error.to_string();
    }
    match error.kind() {
        std::io::ErrorKind::NotFound => run_text(|m| m.not_found, &[]),
        std::io::ErrorKind::PermissionDenied => run_text(|m| m.permission_denied, &[]),
        std::io::ErrorKind::AlreadyExists => run_text(|m| m.already_exists, &[]),
        std::io::ErrorKind::IsADirectory => run_text(|m| m.is_a_folder, &[]),
        std::io::ErrorKind::NotADirectory => run_text(|m| m.not_a_folder, &[]),
        std::io::ErrorKind::StorageFull => run_text(|m| m.disk_full, &[]),
        std::io::ErrorKind::ReadOnlyFilesystem => run_text(|m| m.read_only, &[]),
        _ => error.to_string(),
    }
}

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
