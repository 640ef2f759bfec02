//! The monitoring report as a table or CSV.

use super::dialect::Dialect;
use super::{csv_writer, write_record};
use crate::lang::Lang;
use crate::mode::Mode;
use crate::report::ReportRow;
use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};
use std::io::Write;

const COUNT_HEADERS: [&str; 9] = [
    "people",
    "person_days",
    "WFO",
    "WFH",
    "WFA",
    "FIELD",
    "LEAVE",
    "office_pct",
    "remote_pct",
];

fn counts(row: &ReportRow) -> Vec<String> {
    let pct = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_default();
    let mut cells = vec![row.people.to_string(), row.person_days().to_string()];
    cells.extend(Mode::ALL.iter().map(|m| row.counts[m.index()].to_string()));
    cells.push(pct(row.office_pct()));
    cells.push(pct(row.remote_pct()));
    cells
}

pub fn write_csv<W: Write>(
    keys: &[&str],
    rows: impl IntoIterator<Item = ReportRow>,
    mut out: W,
    dialect: &Dialect,
) -> csv::Result<W> {
    out.write_all(dialect.preamble())?;
    let mut out = csv_writer(out, dialect);
    out.write_record(keys.iter().chain(COUNT_HEADERS.iter()))?;
    for row in rows {
        let numbers = counts(&row);
        write_record(&mut out, row.key.into_iter().chain(numbers))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

pub fn render_table(
    keys: &[&'static str],
    rows: impl IntoIterator<Item = ReportRow>,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let mut table = Table::new();
    let title = |h: &'static str| -> &'static str {
        match h {
            "week" => l.week,
            "unit" => l.unit,
            "nip" => l.nip,
            "name" => l.name,
            "people" => l.people,
            "person_days" => l.person_days,
            "office_pct" => l.office,
            "remote_pct" => l.remote,
            code => code,
        }
    };
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_header(keys.iter().chain(COUNT_HEADERS.iter()).map(|h| title(h)));
    for row in rows {
        let mut cells: Vec<Cell> = row.key.iter().map(Cell::new).collect();
        let mut numbers = counts(&row);
        for pct in numbers.iter_mut().skip(7) {
            if !pct.is_empty() {
                pct.push('%');
            }
        }
        cells.extend(
            numbers
                .into_iter()
                .map(|n| Cell::new(n).set_alignment(CellAlignment::Right)),
        );
        table.add_row(cells);
    }
    format!("{table}\n")
}
