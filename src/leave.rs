//! The leave file (SPEC §3): `nip,from,to[,type]`, inclusive ISO dates.

use crate::error::Result;
use crate::facts::Warning;
use crate::facts::problems::Problem;
use crate::input::nip::{self, normalize_nip};
use crate::input::{Options, Table, fields, parse_date};
use crate::staff::Staff;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// Leave per person (index into [`Staff::people`]), as merged inclusive date ranges.
#[derive(Debug, Clone, Default)]
pub struct Leave {
    ranges: HashMap<usize, Vec<(NaiveDate, NaiveDate)>>,
    /// Rows of people no longer in the staff file (they left): ignored, with a warning.
    pub warnings: Vec<Warning>,
}

impl Leave {
    pub fn read(path: &Path, staff: &Staff, options: &Options) -> Result<Leave> {
        let options = Options {
            columns: Vec::new(),
            ..options.clone()
        };
        Leave::from_table(Table::open(path, fields::LEAVE, &options)?, staff)
    }

    pub fn from_reader(input: Box<dyn std::io::Read>, file: &str, staff: &Staff) -> Result<Leave> {
        Leave::from_table(
            Table::from_reader(input, file, fields::LEAVE, &Options::default())?,
            staff,
        )
    }

    fn from_table(mut table: Table, staff: &Staff) -> Result<Leave> {
        let at = table.locator();
        let columns: Vec<Option<usize>> =
            (0..fields::LEAVE.len()).map(|f| table.column(f)).collect();
        let mut by_nip = staff.lookup();
        let mut leave = Leave::default();
        while let Some(row) = table.next_row()? {
            let line = row.line;
            let nip = normalize_nip(row.get(0));
            if nip.is_empty() {
                return Err(at.error(line, columns[0], Problem::EmptyNip {}));
            }
            let Some(person) = by_nip.find(&nip) else {
                // A NIP a spreadsheet cut is the file's fault; any other is someone who left,
                // whose leave no longer matters and must not block the run.
                if let Some(like) = by_nip.truncated_from(&nip) {
                    let message = nip::like_message(&nip, like);
                    return Err(at.error(line, columns[0], message));
                }
                leave.warnings.push(Warning::LeaveUnknownNip {
                    at: at.at(line, columns[0]),
                    nip,
                });
                continue;
            };
            let date = |field: usize, what: &str| {
                parse_date(row.get(field)).ok_or_else(|| {
                    at.error(
                        line,
                        columns[field],
                        Problem::NotADate {
                            column: what.to_string(),
                            value: row.get(field).to_string(),
                        },
                    )
                })
            };
            let (from, to) = (date(1, "from")?, date(2, "to")?);
            if to < from {
                let message = Problem::ToBeforeFrom { to, from };
                return Err(at.error(line, None, message));
            }
            leave.ranges.entry(person).or_default().push((from, to));
        }
        for ranges in leave.ranges.values_mut() {
            ranges.sort();
            let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(ranges.len());
            for &(from, to) in ranges.iter() {
                match merged.last_mut() {
                    Some(last) if from <= last.1.succ_opt().unwrap_or(last.1) => {
                        last.1 = last.1.max(to);
                    }
                    _ => merged.push((from, to)),
                }
            }
            *ranges = merged;
        }
        Ok(leave)
    }

    pub fn is_on_leave(&self, person: usize, date: NaiveDate) -> bool {
        self.ranges
            .get(&person)
            .is_some_and(|r| r.iter().any(|&(from, to)| from <= date && date <= to))
    }

    pub fn ranges(&self, person: usize) -> &[(NaiveDate, NaiveDate)] {
        self.ranges.get(&person).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Render;

    fn staff() -> Staff {
        Staff::from_reader(
            Box::new(std::io::Cursor::new(
                b"nip,name,unit,role\n1,A,U,r\n2,B,U,r\n".to_vec(),
            )),
            "s.csv",
        )
        .unwrap()
    }

    fn read(text: &str) -> Result<Leave> {
        Leave::from_reader(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            "l.csv",
            &staff(),
        )
    }

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn overlapping_rows_merge() {
        let l = read("nip,from,to,type\n1,2025-03-03,2025-03-05,cuti\n1,2025-03-05,2025-03-10,sakit\n1,11/03/2025,2025-03-11,x\n").unwrap();
        assert_eq!(l.ranges(0), &[(d("2025-03-03"), d("2025-03-11"))]);
        assert!(l.is_on_leave(0, d("2025-03-07")) && !l.is_on_leave(1, d("2025-03-07")));
    }

    #[test]
    fn errors_name_the_line() {
        use crate::lang::Lang;
        // Someone who left: a warning, not an error.
        let l = read("nip,from,to\n9,2025-03-03,2025-03-05\n").unwrap();
        let warnings: Vec<String> = l.warnings.iter().map(|w| w.render(Lang::En)).collect();
        assert_eq!(
            warnings,
            ["l.csv:2: NIP 9 is not in the staff file (someone who left?): their leave is ignored"]
        );
        let e = read("nip,from,to\n1,2025-03-05,2025-03-03\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("l.csv:2: `to` (2025-03-03) is before `from`"),
            "{e}"
        );
        let e = read("nip,from,to\n1,2025-02-30,2025-03-03\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("l.csv:2: `from` is `2025-02-30`"), "{e}");
    }
}
