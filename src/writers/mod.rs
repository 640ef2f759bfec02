//! Output formats. Each writer takes what the planner and the audit produced and a `Write`;
//! none of them plans or checks anything.

pub mod explain;
pub mod field;
pub mod long;
pub mod output;
pub mod report;
pub mod summary;
pub mod wide;

use crate::cell::neutralize;

/// A CSV writer with the project's output dialect: UTF-8, LF, minimal quoting (SPEC §9).
pub fn csv_writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// Writes one record with every cell neutralised against spreadsheet formulas.
pub fn write_record<W: std::io::Write, S: AsRef<str>>(
    out: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    out.write_record(
        cells
            .into_iter()
            .map(|c| neutralize(c.as_ref()).into_owned()),
    )
}
