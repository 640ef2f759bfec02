//! Output formats. Each writer takes what the planner and the audit produced and a `Write`;
//! none of them plans or checks anything.

pub mod attendance;
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
