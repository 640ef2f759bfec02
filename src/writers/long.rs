//! The long roster (SPEC §5): `date,nip,name,unit,team,role,mode,group,rule`, one row per
//! person per working day, streamed day by day.

use super::{csv_writer, write_record};
use crate::planner::{Cell, group_name};
use crate::resolve::Resolver;
use std::io::Write;

pub const HEADER: [&str; 9] = [
    "date", "nip", "name", "unit", "team", "role", "mode", "group", "rule",
];

pub struct LongWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> LongWriter<W> {
    pub fn new(out: W) -> csv::Result<LongWriter<W>> {
        let mut out = csv_writer(out);
        out.write_record(HEADER)?;
        Ok(LongWriter { out })
    }

    /// One working day; `cells` are in the staff's canonical order (unit, then NIP), which is
    /// the roster's sort order within a date.
    pub fn write_day(
        &mut self,
        resolver: &Resolver,
        day: usize,
        cells: &[Cell],
    ) -> csv::Result<()> {
        let date = resolver.days[day].to_string();
        let staff = resolver.staff;
        for (person, cell) in staff.people.iter().zip(cells) {
            let group = cell.group.map(group_name).unwrap_or_default();
            write_record(
                &mut self.out,
                [
                    date.as_str(),
                    &person.nip,
                    &person.name,
                    staff.unit(person),
                    staff.team(person),
                    staff.role(person),
                    cell.mode.code(),
                    &group,
                    resolver.source_label(cell.source),
                ],
            )?;
        }
        Ok(())
    }

    pub fn into_inner(self) -> std::io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}
