//! The wide roster (SPEC §5): one row per person, one column per working day, then the
//! person's day counts. It needs every day before the first row, so it keeps one byte per
//! person-day for the mode and one for the group.

use super::{csv_writer, write_record};
use crate::mode::Mode;
use crate::planner::{Cell, group_name};
use crate::resolve::Resolver;
use std::io::Write;

const NO_GROUP: u8 = u8::MAX;

pub struct WideRoster {
    days: usize,
    /// Person-major: `modes[person * days + day]`.
    modes: Vec<u8>,
    groups: Vec<u8>,
}

impl WideRoster {
    pub fn new(people: usize, days: usize) -> WideRoster {
        WideRoster {
            days,
            modes: vec![0; people * days],
            groups: vec![NO_GROUP; people * days],
        }
    }

    pub fn record_day(&mut self, day: usize, cells: &[Cell]) {
        for (person, cell) in cells.iter().enumerate() {
            self.modes[person * self.days + day] = cell.mode as u8;
            self.groups[person * self.days + day] = cell.group.unwrap_or(NO_GROUP);
        }
    }

    pub fn write<W: Write>(&self, resolver: &Resolver, out: W) -> csv::Result<W> {
        let mut out = csv_writer(out);
        let mut header: Vec<String> = ["nip", "name", "unit", "team", "role", "group"]
            .map(String::from)
            .to_vec();
        header.extend(resolver.days.iter().map(|d| d.to_string()));
        header.extend(Mode::ALL.iter().map(|m| m.code().to_owned()));
        out.write_record(&header)?;
        let staff = resolver.staff;
        for (person, p) in staff.people.iter().enumerate() {
            let row = person * self.days..(person + 1) * self.days;
            let modes: Vec<Mode> = self.modes[row.clone()]
                .iter()
                .map(|&m| Mode::ALL[m as usize])
                .collect();
            let mut counts = [0usize; 5];
            for m in &modes {
                counts[m.index()] += 1;
            }
            // The group the person is in on most days (the earliest letter on a tie).
            let mut per_group = [0usize; 256];
            for &g in &self.groups[row] {
                per_group[g as usize] += 1;
            }
            let group = (0..NO_GROUP)
                .filter(|&g| per_group[g as usize] > 0)
                .max_by_key(|&g| (per_group[g as usize], std::cmp::Reverse(g)))
                .map(group_name)
                .unwrap_or_default();
            let mut record: Vec<String> = vec![
                p.nip.clone(),
                p.name.clone(),
                staff.unit(p).to_owned(),
                staff.team(p).to_owned(),
                staff.role(p).to_owned(),
                group,
            ];
            record.extend(modes.iter().map(|m| m.code().to_owned()));
            record.extend(counts.iter().map(|c| c.to_string()));
            write_record(&mut out, &record)?;
        }
        out.into_inner().map_err(|e| e.into_error().into())
    }
}
