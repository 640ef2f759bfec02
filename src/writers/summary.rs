//! The summary (SPEC §5): a table for people, and the same figures as CSV.

use super::dialect::Dialect;
use super::{csv_writer, write_record};
use crate::audit::{Report, SummaryRow};
use crate::lang::Lang;
use crate::terminal::{is_unsafe, sanitize};
use comfy_table::{Cell, CellAlignment, Color, Table, presets::UTF8_FULL_CONDENSED};
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

/// The summary CSV of `rows` (every unit and the total, or one unit's row).
pub fn write_csv<W: Write>(rows: &[&SummaryRow], mut out: W, dialect: &Dialect) -> csv::Result<W> {
    out.write_all(dialect.preamble())?;
    let mut out = csv_writer(out, dialect);
    out.write_record(CSV_HEADER)?;
    for row in rows {
        write_record(&mut out, csv_row(row), dialect)?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A row's figures as people read them (after the unit): counts, shares with `%`, `-` for a
/// share where nobody rotates.
pub fn display_cells(row: &SummaryRow) -> [String; 9] {
    let pct = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}%"));
    [
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

/// The table printed after a run, with a line under it for what the columns cannot say.
/// With `color`, problems and unfair spreads show in red, and a clean row in green. It goes
/// to a terminal as it is (colour codes and all), so it escapes the unit names itself.
pub fn render_table(report: &Report, lang: Lang, color: bool) -> String {
    let l = lang.labels();
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_header(l.summary_columns().to_vec());
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    for row in report.units.iter().chain([&report.total]) {
        let unit = if row.unit == "TOTAL" {
            l.total
        } else {
            &row.unit
        };
        let mut cells = vec![Cell::new(sanitize(unit))];
        let [numbers @ .., spread, problems] = display_cells(row);
        cells.extend(
            numbers
                .into_iter()
                .map(|n| Cell::new(n).set_alignment(CellAlignment::Right)),
        );
        let flag = |cell: Cell, bad: bool| match (color, bad) {
            (false, _) => cell,
            (true, true) => cell.fg(Color::Red),
            (true, false) => cell.fg(Color::Green),
        };
        cells.push(flag(
            Cell::new(spread).set_alignment(CellAlignment::Right),
            row.fairness_spread > 1,
        ));
        cells.push(flag(
            Cell::new(problems).set_alignment(CellAlignment::Right),
            row.problems > 0,
        ));
        table.add_row(cells);
    }
    let mut text = table.to_string();
    text.push_str(&format!(
        "\n{}: {:.1} {}.",
        l.largest_deviation, report.largest_deviation, l.days_unit
    ));
    if let Some(drift) = report.team_quota_drift {
        text.push_str(&format!("\n{} {drift:.1} {}.", l.team_drift, l.people_unit));
    }
    if let Some(swaps) = report.pattern_swaps {
        text.push_str(&format!("\n{}: {swaps}.", l.pattern_swaps));
    }
    text.push('\n');
    text
}

/// The unmet guarantees, grouped by guarantee, with their complete counts: the examples the
/// audit kept, at most `limit` per guarantee, and how many more there are.
pub fn render_violations(report: &Report, limit: Option<usize>, lang: Lang) -> String {
    let l = lang.labels();
    let mut text = match report.violation_total() {
        0 => format!("{}\n", l.no_violations),
        n => format!("{n} {}:\n", l.unmet),
    };
    let mut start = 0;
    while start < report.violations.len() {
        let guarantee = report.violations[start].guarantee;
        let group: Vec<_> = report.violations[start..]
            .iter()
            .take_while(|v| v.guarantee == guarantee)
            .collect();
        start += group.len();
        let count = report.count_of(guarantee);
        let number = guarantee as usize;
        text.push_str(&format!(
            "{} {number} ({}) — {count} {}:\n",
            l.guarantee,
            l.guarantees[number - 1],
            l.problem_count
        ));
        let shown = limit.unwrap_or(group.len()).min(group.len());
        for v in &group[..shown] {
            text.push_str(&format!("  {v}\n"));
        }
        if (shown as u64) < count {
            let more = l
                .and_more
                .replace("{}", &(count - shown as u64).to_string());
            text.push_str(&format!("  ... {more}\n"));
        }
    }
    text
}

/// The report for programs: the examples of violations the audit kept, the complete counts
/// per guarantee and unit, the summary rows and the total.
pub fn render_json(report: &Report) -> String {
    let row = |r: &SummaryRow| {
        serde_json::json!({
            "unit": r.unit,
            "staff": r.staff,
            "fixed": r.fixed,
            "rotating": r.rotating,
            "target_remote_pct": r.target_remote_pct,
            "achieved_remote_pct": r.achieved_remote_pct,
            "office_min": r.office_min,
            "office_max": r.office_max,
            "fairness_spread": r.fairness_spread,
            "problems": r.problems,
        })
    };
    let violations: Vec<_> = report
        .violations
        .iter()
        .map(|v| {
            serde_json::json!({
                "guarantee": v.guarantee as u8,
                "title": v.guarantee.title(),
                "unit": v.unit,
                "dates": v.dates,
                "nip": v.nip,
                "message": v.message,
            })
        })
        .collect();
    let counts: Vec<_> = report
        .violation_counts
        .iter()
        .map(|c| {
            serde_json::json!({
                "guarantee": c.guarantee as u8,
                "title": c.guarantee.title(),
                "unit": c.unit,
                "count": c.count,
                "shown": c.shown,
            })
        })
        .collect();
    let value = serde_json::json!({
        "violations": violations,
        "violation_count": report.violation_total(),
        "violation_counts": counts,
        "units": report.units.iter().map(row).collect::<Vec<_>>(),
        "total": row(&report.total),
        "largest_deviation": report.largest_deviation,
        "team_quota_drift": report.team_quota_drift,
        "pattern_swaps": report.pattern_swaps,
    });
    let json = serde_json::to_string_pretty(&value).unwrap_or_default();
    // serde_json escapes the C0 controls; DEL, C1 and bidi characters get JSON's own escape
    // too (only strings can hold them), so the data stays whole and the terminal safe.
    json.chars()
        .fold(String::with_capacity(json.len()), |mut out, c| {
            if is_unsafe(c) {
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push(c);
            }
            out
        })
}
