//! Output formats. Each writer takes what the planner and the audit produced and a `Write`;
//! none of them plans or checks anything.

pub mod changes;
pub mod dialect;
pub mod explain;
pub mod field;
pub mod html;
pub mod journal;
pub mod long;
pub mod output;
pub mod report;
pub mod requests;
pub mod summary;
pub mod wide;
pub mod xlsx;

use crate::audit::{Report, SummaryRow};
use crate::staff::Staff;
use std::ops::Range;

/// What one output file holds: a run of people in canonical order (everyone, or one unit) and
/// the summary rows that go with them.
pub struct Part<'a> {
    pub people: Range<usize>,
    pub rows: Vec<&'a SummaryRow>,
}

impl<'a> Part<'a> {
    /// Everyone, every unit's row and the total.
    pub fn whole(staff: &Staff, report: &'a Report) -> Part<'a> {
        Part {
            people: 0..staff.people.len(),
            rows: report.units.iter().chain([&report.total]).collect(),
        }
    }

    /// One unit's people and its row; `None` for a unit nobody is in.
    pub fn unit(staff: &Staff, report: &'a Report, unit: usize) -> Option<Part<'a>> {
        let people = staff.unit_people(unit);
        if people.is_empty() {
            return None;
        }
        let name = &staff.units[unit];
        Some(Part {
            people,
            rows: report.units.iter().filter(|r| &r.unit == name).collect(),
        })
    }
}

/// A CSV writer in a dialect (standard: UTF-8, `,`, LF, minimal quoting, SPEC §9). The
/// BOM, when the dialect has one, is the caller's to write first.
pub fn csv_writer<W: std::io::Write>(out: W, dialect: &dialect::Dialect) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(dialect.delimiter)
        .terminator(if dialect.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(out)
}

/// Writes one record with every cell neutralised against spreadsheet formulas (and NIPs as
/// text where the dialect asks), exactly as [`field::push`] does.
pub fn write_record<W: std::io::Write, S: AsRef<str>>(
    out: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
    dialect: &dialect::Dialect,
) -> csv::Result<()> {
    out.write_record(
        cells
            .into_iter()
            .map(|c| field::cell_text(c.as_ref(), dialect).into_owned()),
    )
}
