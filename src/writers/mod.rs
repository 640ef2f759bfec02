//! Output formats. Each writer takes what the planner and the audit produced and a `Write`;
//! none of them plans or checks anything.

pub mod attendance;
pub mod calendars;
pub mod causes;
pub mod changes;
pub mod dialect;
pub mod explain;
pub mod field;
pub mod helvetica;
pub mod html;
pub mod ics;
pub mod journal;
pub mod long;
pub mod output;
pub mod pdf;
pub mod report;
pub mod requests;
pub mod summary;
pub mod wide;
pub mod xlsx;

use crate::facts::{Report, SummaryRow};
use crate::lang::Lang;
use crate::staff::Staff;
use crate::view::RosterView;
use std::io::Write;
use std::ops::Range;

/// What a roster format is given for one file: the run's view, the recorded roster, the part
/// of it the file holds, and how to word and delimit it.
#[derive(Clone, Copy)]
pub struct PartView<'a> {
    pub view: &'a RosterView<'a>,
    pub wide: &'a wide::WideRoster,
    pub part: &'a Part<'a>,
    pub lang: Lang,
    pub dialect: &'a dialect::Dialect,
}

/// A roster format written one file per part (everyone, or one unit) from the recorded
/// roster: the wide CSV, the HTML page, the PDF and the workbook. `plan` writes each asked
/// for in one loop.
pub trait RosterFormat: Sync {
    /// Writes the file of `of.part` into `out`.
    fn write(&self, of: PartView, out: &mut (dyn Write + Send)) -> std::io::Result<()>;

    /// Whether its files are laid out on two cores at once: worth it when laying out costs
    /// more than planning (the PDF's pages).
    fn in_parallel(&self) -> bool {
        false
    }
}

/// The wide CSV (`--wide`).
pub struct WideCsv;

impl RosterFormat for WideCsv {
    fn write(&self, of: PartView, out: &mut (dyn Write + Send)) -> std::io::Result<()> {
        (of.wide).write(of.view, of.part.people.clone(), out, of.dialect)?;
        Ok(())
    }
}

/// The HTML page (`--html`).
pub struct Page;

impl RosterFormat for Page {
    fn write(&self, of: PartView, out: &mut (dyn Write + Send)) -> std::io::Result<()> {
        html::write(of.view, of.wide, of.part, of.lang, out)?;
        Ok(())
    }
}

/// The printed roster (`--pdf`).
pub struct Printed;

impl RosterFormat for Printed {
    fn write(&self, of: PartView, out: &mut (dyn Write + Send)) -> std::io::Result<()> {
        let sheet = pdf::Sheet::of_roster(of.view, of.wide, of.part, of.lang);
        pdf::write(&sheet, out)?;
        Ok(())
    }

    fn in_parallel(&self) -> bool {
        true
    }
}

/// The workbook (`--xlsx`).
pub struct Workbook;

impl RosterFormat for Workbook {
    fn write(&self, of: PartView, out: &mut (dyn Write + Send)) -> std::io::Result<()> {
        xlsx::write(of.view, of.wide, of.part, of.lang, out)
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

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
