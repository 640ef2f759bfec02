//! Reading a roster back (`check`, `report`): the long form (`date,nip,...,mode,...`) or the
//! wide form (one column per date), told apart by the header, including one that went through
//! a spreadsheet: `;` delimiter, BOM, CRLF, NIP written as `'1986…` or `="1986…"`, dates as
//! `2025-03-24` or `24/03/2025`, mode codes in any case, formula-neutralised cells.

use crate::cell::restore;
use crate::error::{Error, Result};
use crate::mode::Mode;
use crate::staff::normalize_nip;
use crate::table::{Field, Table, duplicate_column, parse_date};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// One person-day of a roster file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub line: u64,
    pub date: NaiveDate,
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub mode: Mode,
    /// The shift group column (empty when absent).
    pub group: String,
    /// The `rule` column of a long roster; `None` when the file has no such column.
    pub rule: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Long,
    Wide,
}

const NIP: usize = 0;
const NAME: usize = 1;
const UNIT: usize = 2;
const GROUP: usize = 3;
const RULE: usize = 4;
const DATE: usize = 5;
const MODE: usize = 6;

/// The columns a roster reader takes (none is required by the table: which ones a roster
/// needs depends on its shape). Two columns giving one of them are refused, as in the staff
/// file.
const FIELDS: &[Field] = &[
    Field {
        name: "nip",
        aliases: &["nip baru"],
        required: false,
    },
    Field {
        name: "name",
        aliases: &["nama"],
        required: false,
    },
    Field {
        name: "unit",
        aliases: &["unit kerja", "opd", "satuan kerja", "unor"],
        required: false,
    },
    Field {
        name: "group",
        aliases: &["grup", "shift"],
        required: false,
    },
    Field {
        name: "rule",
        aliases: &["aturan"],
        required: false,
    },
    Field {
        name: "date",
        aliases: &["tanggal"],
        required: false,
    },
    Field {
        name: "mode",
        aliases: &[],
        required: false,
    },
];

/// Reads every person-day of the roster at `path`, in file order, and says which form it had.
pub fn read(path: &Path, mut each: impl FnMut(RosterRow) -> Result<()>) -> Result<Shape> {
    let mut table = Table::open(path, FIELDS)?;
    let file = table.file().to_owned();
    let headers = table.headers().to_vec();
    let missing = |what: &str| {
        Error::input(
            &file,
            Some(1),
            format!(
                "no `{what}` column: expected a long roster (date,nip,name,unit,team,role,mode,group,rule) or a wide one (nip,name,unit,... and one column per date); the header has: {}",
                headers.join(", ")
            ),
        )
    };
    let nip = table.column(NIP).ok_or_else(|| missing("nip"))?;
    let name = table.column(NAME);
    let unit = table.column(UNIT);
    let group = table.column(GROUP);
    let rule = table.column(RULE);
    let text = |cells: &[String], col: Option<usize>| {
        col.map(|c| restore(&cells[c]).to_owned())
            .unwrap_or_default()
    };
    // One person-day of a row: the long form has one per row, the wide form one per date.
    let person_day =
        |cells: &[String], line: u64, date: NaiveDate, mode: &str, rule: Option<String>| {
            Ok(RosterRow {
                line,
                date,
                nip: normalize_nip(&cells[nip]),
                name: text(cells, name),
                unit: text(cells, unit),
                mode: mode
                    .parse::<Mode>()
                    .map_err(|e| Error::input(&file, Some(line), e.to_string()))?,
                group: text(cells, group),
                rule,
            })
        };
    if let Some(date) = table.column(DATE) {
        let mode = table.column(MODE).ok_or_else(|| missing("mode"))?;
        while let Some(row) = table.next_record()? {
            let cells = &row.cells;
            let date = parse_date(restore(&cells[date])).ok_or_else(|| {
                Error::input(
                    &file,
                    Some(row.line),
                    format!("date `{}`: expected 2025-03-24 or 24/03/2025", cells[date]),
                )
            })?;
            let rule = rule.map(|c| restore(&cells[c]).to_owned());
            each(person_day(cells, row.line, date, &cells[mode], rule)?)?;
        }
        return Ok(Shape::Long);
    }
    let dates: Vec<(usize, NaiveDate)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| parse_date(restore(h)).map(|d| (i, d)))
        .collect();
    if dates.is_empty() {
        return Err(missing("date"));
    }
    // A date twice (`2025-03-24` and `24/03/2025` too) would give each person two rows for
    // the day, or a silent choice between them.
    let mut seen: HashMap<NaiveDate, usize> = HashMap::with_capacity(dates.len());
    for &(col, date) in &dates {
        if let Some(first) = seen.insert(date, col) {
            return Err(duplicate_column(
                &file,
                &headers,
                first,
                col,
                &date.to_string(),
            ));
        }
    }
    while let Some(row) = table.next_record()? {
        let cells = &row.cells;
        for &(col, date) in &dates {
            // An empty cell is a day without a row.
            if cells[col].is_empty() {
                continue;
            }
            each(person_day(cells, row.line, date, &cells[col], None)?)?;
        }
    }
    Ok(Shape::Wide)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Shape, Vec<RosterRow>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, text).unwrap();
        let mut out = Vec::new();
        let shape = read(&path, |r| {
            out.push(r);
            Ok(())
        })
        .unwrap();
        (shape, out)
    }

    #[test]
    fn long_form_through_a_spreadsheet() {
        let (shape, got) = rows(
            "\u{feff}date;nip;name;unit;team;role;mode;group;rule\r\n24/03/2025;'1;A;'=U;;;wfh;;\r\n",
        );
        assert_eq!(shape, Shape::Long);
        assert_eq!(got[0].date, NaiveDate::from_ymd_opt(2025, 3, 24).unwrap());
        assert_eq!((got[0].nip.as_str(), got[0].unit.as_str()), ("1", "=U"));
        assert_eq!(got[0].mode, Mode::Wfh);
    }

    #[test]
    fn wide_form_expands_per_date() {
        let (shape, got) = rows(
            "nip,name,unit,team,role,group,2025-03-24,2025-03-25,WFO,WFH,WFA,FIELD,LEAVE\n1,A,U,,,,WFO,,1,0,0,0,0\n",
        );
        assert_eq!(shape, Shape::Wide);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].mode, Mode::Wfo);
    }

    #[test]
    fn bad_mode_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, "date,nip,mode\n2025-03-24,1,WFX\n").unwrap();
        let e = read(&path, |_| Ok(())).unwrap_err().to_string();
        assert!(
            e.ends_with("r.csv:2: unknown mode `WFX`: expected one of WFO, WFH, WFA, FIELD, LEAVE"),
            "{e}"
        );
    }
}
