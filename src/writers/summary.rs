//! The summary (SPEC §5): a table for people, and the same figures as CSV.

use super::dialect::Dialect;
use super::field;
use crate::catalogue::Render;
use crate::facts::{End, Report, SummaryRow};
use crate::lang::Lang;
use crate::terminal::{is_unsafe, sanitize};
use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width,
    presets::UTF8_FULL_CONDENSED,
};
use std::io::Write;

/// The summary CSV's columns: the first ten as they have always been, then the shares of
/// rotating days alone (the first two shares count every working day).
pub const CSV_HEADER: [&str; 12] = [
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
    "rotating_target_remote_pct",
    "rotating_achieved_remote_pct",
];

fn pct(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.1}")).unwrap_or_default()
}

fn csv_row(row: &SummaryRow) -> [String; 12] {
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
        pct(row.rotating_target_remote_pct),
        pct(row.rotating_achieved_remote_pct),
    ]
}

/// The summary CSV of `rows` (every unit and the total, or one unit's row).
pub fn write_csv<W: Write>(rows: &[&SummaryRow], mut out: W, dialect: &Dialect) -> csv::Result<W> {
    out.write_all(dialect.preamble())?;
    let mut buf = Vec::new();
    field::push_record(&mut buf, CSV_HEADER, dialect);
    for row in rows {
        field::push_record(&mut buf, csv_row(row), dialect);
        out.write_all(&buf)?;
        buf.clear();
    }
    out.write_all(&buf)?;
    Ok(out)
}

/// A row's figures as people read them, in [`crate::lang::Labels::summary_columns`] order
/// after the unit: counts, shares with `%`, `-` for a share of no day.
pub fn display_cells(row: &SummaryRow, lang: Lang) -> [String; 11] {
    let pct = |v: Option<f64>| v.map_or("-".to_owned(), |v| lang.pct(v));
    [
        row.staff.to_string(),
        row.fixed.to_string(),
        row.rotating.to_string(),
        pct(row.target_remote_pct),
        pct(row.achieved_remote_pct),
        pct(row.rotating_target_remote_pct),
        pct(row.rotating_achieved_remote_pct),
        row.office_min.to_string(),
        row.office_max.to_string(),
        row.fairness_spread.to_string(),
        row.problems.to_string(),
    ]
}

/// Columns (after the unit, in [`display_cells`] order) left out first when the table must
/// fit a narrow terminal.
const LEFT_OUT_FIRST: [usize; 7] = [1, 5, 8, 2, 6, 0, 7];
/// The narrowest the unit column may get before another column is left out.
const UNIT_MIN: usize = 18;
/// More units than this, and the terminal gets a selection.
pub const MAX_UNITS_SHOWN: usize = 40;
/// How many of them it gets.
const UNITS_SELECTED: usize = 30;

/// Where the summary is printed, and where the full one went.
pub struct Fit<'a> {
    /// The terminal's width (`None`: as wide as the table is).
    pub width: Option<u16>,
    /// The `--summary` file, when one is written.
    pub full_table: Option<&'a str>,
}

/// The table printed after a run, with a line under it for what the columns cannot say.
/// With `color`, problems and unfair spreads show in red, and a clean row in green. It goes
/// to a terminal as it is (colour codes and all), so it escapes the unit names itself. It
/// fits `fit.width`: titles and unit names wrap, and the least needed columns are left out
/// (and named); with more than [`MAX_UNITS_SHOWN`] units it shows the units with problems,
/// then the largest, and the total.
pub fn render_table(report: &Report, lang: Lang, color: bool, fit: &Fit) -> String {
    let l = lang.labels();
    let titles = l.summary_columns();
    let selected = select_units(report);
    let rows: Vec<(&SummaryRow, [String; 11])> = selected
        .iter()
        .map(|&r| (r, display_cells(r, lang)))
        .collect();
    // Each figure column needs its widest cell or the longest word of its title, plus a
    // border and padding; the unit column takes what is left.
    let need = |col: usize| {
        let words = titles[col + 1].split(' ').map(|w| w.chars().count());
        let cells = rows.iter().map(|(_, cells)| cells[col].chars().count());
        words.chain(cells).max().unwrap_or(1) + 3
    };
    let mut shown: Vec<usize> = (0..11).collect();
    let mut left_out = Vec::new();
    if let Some(width) = fit.width {
        let width = usize::from(width);
        for col in LEFT_OUT_FIRST {
            let used: usize = shown.iter().map(|&c| need(c)).sum::<usize>() + 4;
            if used + UNIT_MIN <= width {
                break;
            }
            shown.retain(|&c| c != col);
            left_out.push(titles[col + 1]);
        }
    }
    let mut table = Table::new();
    let mut header = vec![titles[0]];
    header.extend(shown.iter().map(|&c| titles[c + 1]));
    table.load_style(UTF8_FULL_CONDENSED).set_header(header);
    if let Some(width) = fit.width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        // Titles wrap rather than take the unit names' room: the unit column gets what the
        // figures leave (or what its longest name needs).
        let figures: usize = shown.iter().map(|&c| need(c)).sum::<usize>() + 1;
        let longest = (rows.iter())
            .map(|(r, _)| r.unit.chars().count().max(titles[0].chars().count()))
            .max()
            .unwrap_or(UNIT_MIN);
        let unit = (usize::from(width).saturating_sub(figures + 1))
            .min(longest + 2)
            .max(UNIT_MIN);
        let mut constraints = vec![ColumnConstraint::Absolute(Width::Fixed(unit as u16))];
        constraints.extend(
            (shown.iter())
                .map(|&c| ColumnConstraint::UpperBoundary(Width::Fixed(need(c) as u16 - 1))),
        );
        table.set_constraints(constraints);
    }
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    for (row, figures) in &rows {
        let unit = if row.unit == "TOTAL" {
            l.total
        } else {
            &row.unit
        };
        let flag = |cell: Cell, bad: bool| match (color, bad) {
            (false, _) => cell,
            (true, true) => cell.fg(Color::Red),
            (true, false) => cell.fg(Color::Green),
        };
        let mut cells = vec![Cell::new(sanitize(unit))];
        for &col in &shown {
            let cell = Cell::new(&figures[col]).set_alignment(CellAlignment::Right);
            cells.push(match col {
                9 => flag(cell, row.fairness_spread > 1),
                10 => flag(cell, row.problems > 0),
                _ => cell,
            });
        }
        table.add_row(cells);
    }
    // The lines under the table, each wrapped to the terminal's width when there is one.
    let mut notes = Vec::new();
    if selected.len() < report.units.len() + 1 {
        let (shown, all) = (selected.len() - 1, report.units.len());
        notes.push(fill(l.units_shown, &[&shown.to_string(), &all.to_string()]));
    }
    if !left_out.is_empty() {
        let width = fit.width.unwrap_or_default().to_string();
        notes.push(fill(l.columns_left_out, &[&width, &left_out.join("; ")]));
    }
    // What the terminal does not show is in the full table: say where.
    if let Some(last) = notes.last_mut() {
        last.push(' ');
        last.push_str(&match fit.full_table {
            Some(file) => fill(l.full_table_in, &[&sanitize(file)]),
            None => l.full_table_hint.to_owned(),
        });
    }
    notes.push(format!(
        "{}: {} {}.",
        l.largest_deviation,
        lang.decimal(report.largest_deviation),
        l.days_unit
    ));
    if let Some(drift) = report.team_quota_drift {
        notes.push(format!(
            "{} {} {}.",
            l.team_drift,
            lang.decimal(drift),
            l.people_unit
        ));
    }
    if let Some(swaps) = report.pattern_swaps {
        notes.push(format!("{}: {swaps}.", l.pattern_swaps));
    }
    let mut text = table.to_string();
    for note in notes {
        text.push('\n');
        match fit.width {
            Some(width) => text.push_str(&textwrap::fill(&note, usize::from(width))),
            None => text.push_str(&note),
        }
    }
    text.push('\n');
    text
}

/// Every unit and the total; past [`MAX_UNITS_SHOWN`] units, those with problems (most
/// first), then the largest; in natural order of their names, and the total last.
fn select_units(report: &Report) -> Vec<&SummaryRow> {
    let units = &report.units;
    // In the order people read names: "SMP Negeri 78" before "SMP Negeri 776".
    let natural = |rows: &mut Vec<&SummaryRow>| {
        rows.sort_by(|a, b| crate::pattern::natural_cmp(&a.unit, &b.unit));
    };
    if units.len() <= MAX_UNITS_SHOWN {
        let mut rows: Vec<&SummaryRow> = units.iter().collect();
        natural(&mut rows);
        rows.push(&report.total);
        return rows;
    }
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(units[i].problems),
            std::cmp::Reverse(units[i].staff),
            i,
        )
    });
    let mut chosen: Vec<&SummaryRow> = (order.into_iter().take(UNITS_SELECTED))
        .map(|i| &units[i])
        .collect();
    natural(&mut chosen);
    chosen.push(&report.total);
    chosen
}

/// A label with `{}` filled in, in order.
fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::new();
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for (part, value) in parts.zip(values.iter().chain(std::iter::repeat(&""))) {
        out.push_str(value);
        out.push_str(part);
    }
    out
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
            text.push_str(&format!("  {}\n", v.render(lang)));
            if let Some(extremes) = &v.extremes {
                for (label, end) in [(l.fewest, &extremes.low), (l.most, &extremes.high)] {
                    text.push_str(&format!("    {}\n", end_line(label, end, lang)));
                }
            }
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

/// One end of a fairness spread: `fewest (11): NIP Name; NIP Name; and 2 more`. Names may
/// hold commas (`Andi Saputra, S.Kom.`), so people are parted by semicolons.
fn end_line(label: &str, end: &End, lang: Lang) -> String {
    let mut people: Vec<String> = (end.people.iter())
        .map(|(nip, name)| format!("{nip} {name}"))
        .collect();
    let more = end.total.saturating_sub(end.people.len() as u64);
    if more > 0 {
        people.push(lang.labels().and_more.replace("{}", &more.to_string()));
    }
    format!(
        "{}: {}",
        label.replace("{}", &end.count.to_string()),
        people.join("; ")
    )
}

/// A fairness violation's named people, fewest first: `[{nip, name, count, end}]` with `end`
/// `low` or `high`; empty for other violations.
fn people(extremes: Option<&crate::facts::Extremes>) -> Vec<serde_json::Value> {
    let ends = extremes.map(|e| [("low", &e.low), ("high", &e.high)]);
    (ends.into_iter().flatten())
        .flat_map(|(side, end)| {
            end.people.iter().map(move |(nip, name)| {
                serde_json::json!({"nip": nip, "name": name, "count": end.count, "end": side})
            })
        })
        .collect()
}

/// The report for programs: the examples of violations the audit kept (a fairness spread
/// with its people at both ends: `people` and `people_total`), the complete counts per
/// guarantee and unit, the summary rows and the total.
pub fn render_json(report: &Report, lang: Lang) -> String {
    let row = |r: &SummaryRow| {
        serde_json::json!({
            "unit": r.unit,
            "staff": r.staff,
            "fixed": r.fixed,
            "rotating": r.rotating,
            "target_remote_pct": r.target_remote_pct,
            "achieved_remote_pct": r.achieved_remote_pct,
            "rotating_target_remote_pct": r.rotating_target_remote_pct,
            "rotating_achieved_remote_pct": r.rotating_achieved_remote_pct,
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
                "dates": v.dates.iso(),
                "nip": v.nip,
                "message": v.broken.render(lang),
                "people": people(v.extremes.as_deref()),
                "people_total": v.extremes.as_ref().map(|e| serde_json::json!({
                    "low": e.low.total,
                    "high": e.high.total,
                })),
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
