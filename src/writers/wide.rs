//! The wide roster (SPEC §5): one row per person, one column per working day, then the
//! person's day counts. It needs every day before the first row, so it keeps one byte per
//! person-day for the mode and one for the group.

use super::field::{escaped, push, push_record};
use crate::mode::Mode;
use crate::planner::{Cell, group_name};
use crate::resolve::Resolver;
use std::io::Write;

const NO_GROUP: u8 = u8::MAX;
/// Bytes gathered before they go to the output.
const CHUNK: usize = 1 << 16;

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

    pub fn write<W: Write>(&self, resolver: &Resolver, mut out: W) -> std::io::Result<W> {
        let mut buf = Vec::with_capacity(CHUNK + 4096);
        let mut header: Vec<String> = ["nip", "name", "unit", "team", "role", "group"]
            .map(String::from)
            .to_vec();
        header.extend(resolver.days.iter().map(|d| d.to_string()));
        header.extend(Mode::ALL.iter().map(|m| m.code().to_owned()));
        push_record(&mut buf, &header);
        let staff = resolver.staff;
        let all = |list: &[String]| list.iter().map(|s| escaped(s)).collect::<Vec<_>>();
        let (units, teams, roles) = (all(&staff.units), all(&staff.teams), all(&staff.roles));
        for (person, p) in staff.people.iter().enumerate() {
            let row = person * self.days..(person + 1) * self.days;
            let mut counts = [0usize; 5];
            for &m in &self.modes[row.clone()] {
                counts[m as usize] += 1;
            }
            // The group the person is in on most days (the earliest letter on a tie).
            let mut per_group = [0usize; 256];
            for &g in &self.groups[row.clone()] {
                per_group[g as usize] += 1;
            }
            let group = (0..NO_GROUP)
                .filter(|&g| per_group[g as usize] > 0)
                .max_by_key(|&g| (per_group[g as usize], std::cmp::Reverse(g)));
            push(&mut buf, staff.nip(p));
            buf.push(b',');
            push(&mut buf, staff.name(p));
            buf.push(b',');
            buf.extend_from_slice(&units[p.unit as usize]);
            buf.push(b',');
            if let Some(team) = p.team {
                buf.extend_from_slice(&teams[team as usize]);
            }
            buf.push(b',');
            buf.extend_from_slice(&roles[p.role as usize]);
            buf.push(b',');
            if let Some(group) = group {
                buf.extend_from_slice(group_name(group).as_bytes());
            }
            for &m in &self.modes[row] {
                buf.push(b',');
                buf.extend_from_slice(Mode::ALL[m as usize].code().as_bytes());
            }
            for count in counts {
                buf.push(b',');
                buf.extend_from_slice(count.to_string().as_bytes());
            }
            buf.push(b'\n');
            if buf.len() >= CHUNK {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(out)
    }
}
