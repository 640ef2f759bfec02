//! The long roster (SPEC §5): `date,nip,name,unit,team,role,mode,group,rule`, one row per
//! person per working day, streamed day by day. Unit, team, role and rule cells are escaped
//! once, not once per row: this file is the bulk of a large run's output.

use super::dialect::Dialect;
use super::field::{escaped, push, push_record};
use super::wide::WideRoster;
use crate::mode::Mode;
use crate::published::{HistoryRow, HistoryRule, Published};
use crate::roster_file::RosterRow;
use crate::staff::Person;
use crate::view::{Cell, group_name};
use crate::view::{RosterView, Source};
use chrono::NaiveDate;
use std::io::Write;
use std::ops::Range;
use std::sync::Arc;

pub const HEADER: [&str; 9] = [
    "date", "nip", "name", "unit", "team", "role", "mode", "group", "rule",
];

/// Bytes gathered before they go to the output.
const CHUNK: usize = 1 << 16;

/// A date cell, neutralised like every other cell: chrono writes years outside 0000-9999
/// with a sign (`-0001-12-27`, `+262142-12-20`), which a spreadsheet reads as a formula.
fn date_cell(date: chrono::NaiveDate, dialect: &Dialect) -> Vec<u8> {
    escaped(&date.to_string(), dialect)
}

pub struct LongWriter<W: Write> {
    out: W,
    dialect: Dialect,
    buf: Vec<u8>,
    cells: Arc<Escaped>,
}

/// The cells every row repeats, escaped once per run: a file per unit shares them, so that
/// writing one file per unit costs its own rows, not the whole staff again.
pub struct Escaped {
    units: Vec<Vec<u8>>,
    teams: Vec<Vec<u8>>,
    roles: Vec<Vec<u8>>,
    rules: Vec<Vec<u8>>,
    groups: Vec<Vec<u8>>,
    /// Every person's `nip,name` cells, escaped once, end to end; person i's are
    /// `people[ends[i]..ends[i + 1]]`.
    people: Vec<u8>,
    ends: Vec<usize>,
}

impl Escaped {
    pub fn new(view: &RosterView, dialect: &Dialect) -> Escaped {
        let staff = view.staff;
        let all = |list: &[String]| list.iter().map(|s| escaped(s, dialect)).collect();
        let mut people = Vec::new();
        let mut ends = Vec::with_capacity(staff.people.len() + 1);
        ends.push(0);
        for p in &staff.people {
            push(&mut people, staff.nip(p), dialect);
            people.push(dialect.delimiter);
            push(&mut people, staff.name(p), dialect);
            ends.push(people.len());
        }
        Escaped {
            units: all(&staff.units),
            teams: all(&staff.teams),
            roles: all(&staff.roles),
            rules: view
                .policy
                .rules
                .iter()
                .map(|r| escaped(&r.name, dialect))
                .collect(),
            groups: (0..=u8::MAX)
                .map(|g| escaped(&group_name(g), dialect))
                .collect(),
            people,
            ends,
        }
    }
}

impl<W: Write> LongWriter<W> {
    pub fn new(out: W, view: &RosterView, dialect: Dialect) -> std::io::Result<LongWriter<W>> {
        let cells = Arc::new(Escaped::new(view, &dialect));
        LongWriter::with_cells(out, cells, dialect)
    }

    /// A writer sharing cells escaped before (for the same view and dialect).
    pub fn with_cells(
        mut out: W,
        cells: Arc<Escaped>,
        dialect: Dialect,
    ) -> std::io::Result<LongWriter<W>> {
        let mut header = dialect.preamble().to_vec();
        push_record(&mut header, HEADER, &dialect);
        out.write_all(&header)?;
        Ok(LongWriter {
            out,
            dialect,
            buf: Vec::with_capacity(CHUNK + 4096),
            cells,
        })
    }

    /// The escaped cells, to share with the next unit's writer.
    pub fn cells(&self) -> Arc<Escaped> {
        Arc::clone(&self.cells)
    }

    /// One working day; `cells` are in the staff's canonical order (unit, then NIP), which is
    /// the roster's sort order within a date.
    pub fn write_day(
        &mut self,
        view: &RosterView,
        day: usize,
        cells: &[Cell],
    ) -> std::io::Result<()> {
        let date = date_cell(view.days[day], &self.dialect);
        for (i, (person, cell)) in view.staff.people.iter().zip(cells).enumerate() {
            self.row(&date, i, person, cell)?;
        }
        Ok(())
    }

    /// The rows of `people` (one unit), day by day, from a recorded roster.
    pub fn write_people(
        &mut self,
        view: &RosterView,
        wide: &WideRoster,
        people: Range<usize>,
    ) -> std::io::Result<()> {
        let staff = view.staff;
        for (day, &date) in view.days.iter().enumerate() {
            let date = date_cell(date, &self.dialect);
            for i in people.clone() {
                self.row(&date, i, &staff.people[i], &wide.cell(i, day))?;
            }
        }
        Ok(())
    }

    fn row(&mut self, date: &[u8], i: usize, person: &Person, cell: &Cell) -> std::io::Result<()> {
        let (comma, end) = (self.dialect.delimiter, self.dialect.terminator());
        let buf = &mut self.buf;
        buf.extend_from_slice(date);
        buf.push(comma);
        buf.extend_from_slice(&self.cells.people[self.cells.ends[i]..self.cells.ends[i + 1]]);
        buf.push(comma);
        buf.extend_from_slice(&self.cells.units[person.unit as usize]);
        buf.push(comma);
        if let Some(team) = person.team {
            buf.extend_from_slice(&self.cells.teams[team as usize]);
        }
        buf.push(comma);
        buf.extend_from_slice(&self.cells.roles[person.role as usize]);
        buf.push(comma);
        buf.extend_from_slice(cell.mode.code().as_bytes());
        buf.push(comma);
        if let Some(group) = cell.group {
            buf.extend_from_slice(&self.cells.groups[group as usize]);
        }
        buf.push(comma);
        match cell.source {
            Source::Default => {}
            Source::Rule(i) => buf.extend_from_slice(&self.cells.rules[i as usize]),
            Source::Staff => buf.extend_from_slice(b"staff"),
            Source::Leave => buf.extend_from_slice(b"leave"),
            Source::Request => buf.extend_from_slice(crate::view::REQUEST_LABEL.as_bytes()),
        }
        buf.extend_from_slice(end);
        if buf.len() >= CHUNK {
            self.out.write_all(buf)?;
            buf.clear();
        }
        Ok(())
    }

    /// Rows of a published roster kept as they are (the days before a re-plan's window),
    /// written as read: each cell escaped as this writer escapes its own.
    pub fn write_rows<'a>(
        &mut self,
        rows: impl IntoIterator<Item = &'a RosterRow>,
    ) -> std::io::Result<()> {
        for row in rows {
            let date = row.date.to_string();
            let cells = [
                date.as_str(),
                &row.nip,
                &row.name,
                &row.unit,
                &row.team,
                &row.role,
                row.mode.code(),
                &row.group,
                row.rule.as_deref().unwrap_or(""),
            ];
            push_record(&mut self.buf, cells, &self.dialect);
            if self.buf.len() >= CHUNK {
                self.out.write_all(&self.buf)?;
                self.buf.clear();
            }
        }
        Ok(())
    }

    /// One record written before, as it is (its terminator included).
    pub fn write_record(&mut self, record: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(record);
        if self.buf.len() >= CHUNK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes what is left and hands the output back.
    pub fn into_inner(mut self) -> std::io::Result<W> {
        self.out.write_all(&self.buf)?;
        Ok(self.out)
    }
}

/// Hands each history row (before the re-plan's first day) of `published`, of `unit` or of
/// every unit, to `each` as the long roster writes it in `dialect` (terminator included): the
/// cells escaped once per person, date, group and rule, not once per row.
pub fn history_records(
    published: &Published,
    unit: Option<&str>,
    rule_of: &dyn Fn(&RosterRow) -> String,
    dialect: &Dialect,
    each: &mut dyn FnMut(&[u8]) -> Result<(), crate::error::Error>,
) -> Result<(), crate::error::Error> {
    let comma = dialect.delimiter;
    let (people_count, tags_count) = published.history_sizes();
    let mut people: Vec<Option<Vec<u8>>> = vec![None; people_count];
    let mut tags: Vec<Option<Vec<u8>>> = vec![None; tags_count];
    let modes: Vec<Vec<u8>> = (Mode::ALL.iter())
        .map(|m| escaped(m.code(), dialect))
        .collect();
    let mut date_cell: (NaiveDate, Vec<u8>) = (NaiveDate::MIN, Vec::new());
    let mut record = Vec::new();
    published.history_parts(unit, rule_of, &mut |row: HistoryRow| {
        if date_cell.0 != row.date || date_cell.1.is_empty() {
            date_cell = (row.date, escaped(&row.date.to_string(), dialect));
        }
        record.clear();
        record.extend_from_slice(&date_cell.1);
        record.push(comma);
        record.extend_from_slice(people[row.who].get_or_insert_with(|| {
            let mut cells = Vec::new();
            for (n, text) in row.texts.iter().enumerate() {
                if n > 0 {
                    cells.push(comma);
                }
                push(&mut cells, text, dialect);
            }
            cells
        }));
        record.push(comma);
        record.extend_from_slice(&modes[row.mode.index()]);
        record.push(comma);
        match row.rule {
            HistoryRule::Tagged { tag, rule } => {
                record.extend_from_slice(tags[tag].get_or_insert_with(|| {
                    let mut cells = escaped(row.group, dialect);
                    cells.push(comma);
                    push(&mut cells, rule, dialect);
                    cells
                }));
            }
            HistoryRule::Given(rule) => {
                push(&mut record, row.group, dialect);
                record.push(comma);
                push(&mut record, &rule, dialect);
            }
        }
        record.extend_from_slice(dialect.terminator());
        each(&record)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writers::dialect::CsvStyle;

    #[test]
    fn dates_with_a_sign_are_neutralised_and_others_kept() {
        let dialect = Dialect::new(CsvStyle::Standard, None).unwrap();
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(date_cell(d("2025-03-24"), &dialect), b"2025-03-24");
        assert_eq!(date_cell(d("-0001-12-27"), &dialect), b"'-0001-12-27");
        assert_eq!(date_cell(d("+262142-12-20"), &dialect), b"'+262142-12-20");
    }
}
