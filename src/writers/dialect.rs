//! CSV dialects for the spreadsheets people open the files in (`--csv-style`, `--delimiter`).

use crate::error::{Error, Result};
use crate::facts::run::RunProblem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvStyle {
    /// UTF-8, `,`, LF, no BOM: the plain form that scripts and LibreOffice read.
    #[default]
    Standard,
    /// `;`, UTF-8 BOM, CRLF, NIPs as `="…"`: what Excel with Indonesian regional settings
    /// opens directly, with every NIP kept as text.
    ExcelId,
}

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    pub bom: bool,
    pub crlf: bool,
    /// Long digit strings (NIPs) written as `="…"`, which spreadsheets open as text.
    pub digits_as_text: bool,
}

impl Dialect {
    pub const STANDARD: Dialect = Dialect {
        delimiter: b',',
        bom: false,
        crlf: false,
        digits_as_text: false,
    };

    pub fn new(style: CsvStyle, delimiter: Option<char>) -> Result<Dialect> {
        let mut dialect = match style {
            CsvStyle::Standard => Dialect::STANDARD,
            CsvStyle::ExcelId => Dialect {
                delimiter: b';',
                bom: true,
                crlf: true,
                digits_as_text: true,
            },
        };
        if let Some(c) = delimiter {
            dialect.delimiter = match c {
                ',' | ';' | '\t' | '|' => c as u8,
                other => {
                    return Err(Error::usage(RunProblem::Delimiter {
                        value: format!("{other:?}"),
                    }));
                }
            };
        }
        Ok(dialect)
    }

    /// What goes at the very start of the file.
    pub fn preamble(&self) -> &'static [u8] {
        if self.bom { b"\xEF\xBB\xBF" } else { b"" }
    }

    pub fn terminator(&self) -> &'static [u8] {
        if self.crlf { b"\r\n" } else { b"\n" }
    }
}
