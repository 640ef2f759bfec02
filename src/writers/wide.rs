//! The wide roster (SPEC §5): one row per person, one column per working day, then the
//! person's day counts. It needs every day before the first row, so it keeps one byte per
//! person-day for the mode and one for the group.

use super::dialect::Dialect;
use super::field::{escaped, push, push_record};
use crate::mode::Mode;
use crate::view::{Cell, group_name};
use crate::view::{RosterView, Source};
use std::io::Write;
use std::ops::Range;

const NO_GROUP: u8 = u8::MAX;
/// Bytes gathered before they go to the output.
const CHUNK: usize = 1 << 16;

pub struct WideRoster {
    days: usize,
    /// Person-major: `modes[person * days + day]`.
    modes: Vec<u8>,
    groups: Vec<u8>,
    /// What decided each person-day, kept only when a long roster is written from this one
    /// (a file per unit).
    sources: Option<Vec<Source>>,
}

impl WideRoster {
    pub fn new(people: usize, days: usize) -> WideRoster {
        WideRoster {
            days,
            modes: vec![0; people * days],
            groups: vec![NO_GROUP; people * days],
            sources: None,
        }
    }

    /// Keeps what decided each day too, for [`WideRoster::cell`].
    pub fn with_sources(mut self) -> WideRoster {
        self.sources = Some(vec![Source::Default; self.modes.len()]);
        self
    }

    pub fn record_day(&mut self, day: usize, cells: &[Cell]) {
        for (person, cell) in cells.iter().enumerate() {
            let at = person * self.days + day;
            self.modes[at] = cell.mode as u8;
            self.groups[at] = cell.group.unwrap_or(NO_GROUP);
            if let Some(sources) = &mut self.sources {
                sources[at] = cell.source;
            }
        }
    }

    /// A person-day as the planner decided it; needs [`WideRoster::with_sources`].
    pub fn cell(&self, person: usize, day: usize) -> Cell {
        let at = person * self.days + day;
        Cell {
            mode: Mode::ALL[self.modes[at] as usize],
            source: self.sources.as_ref().expect("kept with_sources")[at],
            group: (self.groups[at] != NO_GROUP).then_some(self.groups[at]),
        }
    }

    pub fn days(&self) -> usize {
        self.days
    }

    /// The person's mode on each working day.
    pub fn modes(&self, person: usize) -> impl Iterator<Item = Mode> + '_ {
        self.modes[person * self.days..(person + 1) * self.days]
            .iter()
            .map(|&m| Mode::ALL[m as usize])
    }

    /// The person's day count per mode, indexed like [`Mode::ALL`].
    pub fn counts(&self, person: usize) -> [usize; 5] {
        let mut counts = [0usize; 5];
        for m in self.modes(person) {
            counts[m.index()] += 1;
        }
        counts
    }

    /// The group the person is in on most days (the earliest letter on a tie).
    pub fn main_group(&self, person: usize) -> Option<u8> {
        let mut per_group = [0usize; 256];
        for &g in &self.groups[person * self.days..(person + 1) * self.days] {
            per_group[g as usize] += 1;
        }
        (0..NO_GROUP)
            .filter(|&g| per_group[g as usize] > 0)
            .max_by_key(|&g| (per_group[g as usize], std::cmp::Reverse(g)))
    }

    /// The rows of `people` (a unit, or everyone).
    pub fn write<W: Write>(
        &self,
        view: &RosterView,
        people: Range<usize>,
        mut out: W,
        dialect: &Dialect,
    ) -> std::io::Result<W> {
        let mut buf = dialect.preamble().to_vec();
        let (comma, end) = (dialect.delimiter, dialect.terminator());
        let mut header: Vec<String> = ["nip", "name", "unit", "team", "role", "group"]
            .map(String::from)
            .to_vec();
        header.extend(view.days.iter().map(std::string::ToString::to_string));
        header.extend(Mode::ALL.iter().map(|m| m.code().to_owned()));
        push_record(&mut buf, &header, dialect);
        let staff = view.staff;
        // Only this file's people, and only their units, teams and roles escaped: a file
        // per unit costs its own people, not the whole staff.
        let mut cache: [rustc_hash::FxHashMap<u32, Vec<u8>>; 3] = Default::default();
        let mut cell = |buf: &mut Vec<u8>, kind: usize, id: u32, text: &str| {
            buf.extend_from_slice(
                cache[kind]
                    .entry(id)
                    .or_insert_with(|| escaped(text, dialect)),
            );
        };
        for person in people.clone() {
            let p = &staff.people[person];
            let counts = self.counts(person);
            let group = self.main_group(person);
            push(&mut buf, staff.nip(p), dialect);
            buf.push(comma);
            push(&mut buf, staff.name(p), dialect);
            buf.push(comma);
            cell(&mut buf, 0, p.unit, &staff.units[p.unit as usize]);
            buf.push(comma);
            if let Some(team) = p.team {
                cell(&mut buf, 1, team, &staff.teams[team as usize]);
            }
            buf.push(comma);
            cell(&mut buf, 2, p.role, &staff.roles[p.role as usize]);
            buf.push(comma);
            if let Some(group) = group {
                buf.extend_from_slice(group_name(group).as_bytes());
            }
            for m in self.modes(person) {
                buf.push(comma);
                buf.extend_from_slice(m.code().as_bytes());
            }
            for count in counts {
                buf.push(comma);
                buf.extend_from_slice(count.to_string().as_bytes());
            }
            buf.extend_from_slice(end);
            if buf.len() >= CHUNK {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(out)
    }
}
