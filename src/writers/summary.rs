//! The summary (SPEC §5): a table for people, and the same figures as CSV.

use super::{csv_writer, write_record};
use crate::audit::{Report, SummaryRow};
use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};
use std::io::Write;

pub const CSV_HEADER: [&str; 10] = [
    "unit",
    "staff",
    "fixed",
    "rotating",
    "target_remote_pct",
    "achieved_remote_pct",
    "office_min",
    "office_max",
    "fairness_spread",
    "problems",
];

fn pct(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.1}")).unwrap_or_default()
}

fn csv_row(row: &SummaryRow) -> [String; 10] {
    [
        row.unit.clone(),
        row.staff.to_string(),
        row.fixed.to_string(),
        row.rotating.to_string(),
        pct(row.target_remote_pct),
        pct(row.achieved_remote_pct),
        row.office_min.to_string(),
        row.office_max.to_string(),
        row.fairness_spread.to_string(),
        row.problems.to_string(),
    ]
}

pub fn write_csv<W: Write>(report: &Report, out: W) -> csv::Result<W> {
    let mut out = csv_writer(out);
    out.write_record(CSV_HEADER)?;
    for row in report.units.iter().chain([&report.total]) {
        write_record(&mut out, csv_row(row))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// The table printed after a run, with a line under it for what the columns cannot say.
pub fn render_table(report: &Report) -> String {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header(vec![
        "Unit",
        "Staff",
        "Fixed",
        "Rotating",
        "Target remote",
        "Achieved remote",
        "Office min",
        "Office max",
        "Fairness spread",
        "Problems",
    ]);
    for row in report.units.iter().chain([&report.total]) {
        let pct = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}%"));
        let numbers = [
            row.staff.to_string(),
            row.fixed.to_string(),
            row.rotating.to_string(),
            pct(row.target_remote_pct),
            pct(row.achieved_remote_pct),
            row.office_min.to_string(),
            row.office_max.to_string(),
            row.fairness_spread.to_string(),
            row.problems.to_string(),
        ];
        let mut cells = vec![Cell::new(&row.unit)];
        cells.extend(
            numbers
                .into_iter()
                .map(|n| Cell::new(n).set_alignment(CellAlignment::Right)),
        );
        table.add_row(cells);
    }
    let mut text = table.to_string();
    text.push_str(&format!(
        "\nLargest distance of a person's count from their share: {:.1} day(s).",
        report.largest_deviation
    ));
    if let Some(drift) = report.team_quota_drift {
        text.push_str(&format!(
            "\nTeams kept together: team sizes push a day's count up to {drift:.1} people off its quota."
        ));
    }
    text.push('\n');
    text
}
