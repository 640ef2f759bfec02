//! The monitoring report as a table or CSV.

use super::dialect::Dialect;
use super::field;
use crate::lang::Lang;
use crate::mode::Mode;
use crate::report::ReportRow;
use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

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
    rows: impl Iterator<Item = ReportRow>,
    mut out: W,
    dialect: &Dialect,
) -> csv::Result<W> {
    out.write_all(dialect.preamble())?;
    let mut buf = Vec::new();
    field::push_record(&mut buf, keys.iter().chain(COUNT_HEADERS.iter()), dialect);
    for row in rows {
        let numbers = counts(&row);
        field::push_record(&mut buf, row.key.into_iter().chain(numbers), dialect);
        out.write_all(&buf)?;
        buf.clear();
    }
    out.write_all(&buf)?;
    Ok(out)
}

/// The titles of a report's columns.
fn titles(keys: &[&'static str], lang: Lang) -> Vec<&'static str> {
    let l = lang.labels();
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
    keys.iter()
        .chain(COUNT_HEADERS.iter())
        .map(|h| title(h))
        .collect()
}

/// A row's cells as the table shows them, into `cells`, whose strings are reused from row
/// to row: percentages with a `%` and the ISO week (`2025-W13`) as its dates
/// (`24–28 Mar 2025`), both in `lang`'s way. `keys` names the row's key columns. `week` holds
/// the last ISO week and its dates, made once for the rows that follow in the same week.
fn fill_table_cells(
    keys: &[&str],
    row: &ReportRow,
    lang: Lang,
    cells: &mut Vec<String>,
    week: &mut Option<(String, String)>,
) {
    use std::fmt::Write as _;
    let width = row.key.len() + COUNT_HEADERS.len();
    cells.resize_with(width, String::new);
    for ((cell, key), name) in cells.iter_mut().zip(&row.key).zip(keys) {
        cell.clear();
        if *name == "week" {
            match week {
                Some((iso, dates)) if iso == key => cell.push_str(dates),
                _ => {
                    let dates = lang.week(key);
                    cell.push_str(&dates);
                    *week = Some((key.clone(), dates));
                }
            }
        } else {
            cell.push_str(key);
        }
    }
    let numbers = &mut cells[row.key.len()..];
    let whole = [row.people as u64, row.person_days()]
        .into_iter()
        .chain(Mode::ALL.iter().map(|m| row.counts[m.index()]));
    for (cell, n) in numbers.iter_mut().zip(whole) {
        cell.clear();
        let _ = write!(cell, "{n}");
    }
    for (cell, pct) in numbers[7..]
        .iter_mut()
        .zip([row.office_pct(), row.remote_pct()])
    {
        cell.clear();
        if let Some(v) = pct {
            cell.push_str(&lang.pct(v));
        }
    }
}

/// The report as a table, drawn like comfy-table's `UTF8_FULL_CONDENSED` preset but a row at
/// a time, so a report of every person and week is never held as cells or text. `rows` is
/// called twice: once for the columns' widths, once to draw. Rows with cells that span lines
/// or hold control characters go through comfy-table itself.
pub fn write_table<W: Write, I: Iterator<Item = ReportRow>>(
    keys: &[&'static str],
    rows: impl Fn() -> I,
    lang: Lang,
    mut out: W,
) -> std::io::Result<W> {
    let headers: Vec<String> = titles(keys, lang).into_iter().map(String::from).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    let mut plain = true;
    let mut any = false;
    let mut cells = Vec::new();
    let mut week = None;
    for row in rows() {
        any = true;
        plain &= row.key.iter().all(|k| !k.chars().any(char::is_control));
        fill_table_cells(keys, &row, lang, &mut cells, &mut week);
        for (width, cell) in widths.iter_mut().zip(&cells) {
            *width = (*width).max(cell.width());
        }
    }
    if !any || !plain {
        out.write_all(comfy_table(keys, rows(), lang).as_bytes())?;
        return Ok(out);
    }
    let border = |out: &mut W, [left, fill, junction, right]: [char; 4]| {
        let mut line = String::new();
        line.push(left);
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                line.push(junction);
            }
            line.extend(std::iter::repeat_n(fill, w + 2));
        }
        line.push(right);
        writeln!(out, "{line}")
    };
    let spaces = " ".repeat(widths.iter().max().copied().unwrap_or(0) + 1);
    let line = |out: &mut W, cells: &[String], numbers_from: usize| {
        out.write_all("│".as_bytes())?;
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.write_all("┆".as_bytes())?;
            }
            let pad = &spaces.as_bytes()[..w - cell.width() + 1];
            if i >= numbers_from {
                out.write_all(pad)?;
                out.write_all(cell.as_bytes())?;
                out.write_all(b" ")?;
            } else {
                out.write_all(b" ")?;
                out.write_all(cell.as_bytes())?;
                out.write_all(pad)?;
            }
        }
        out.write_all("│\n".as_bytes())
    };
    border(&mut out, ['┌', '─', '┬', '┐'])?;
    line(&mut out, &headers, usize::MAX)?;
    border(&mut out, ['╞', '═', '╪', '╡'])?;
    for row in rows() {
        fill_table_cells(keys, &row, lang, &mut cells, &mut week);
        line(&mut out, &cells, keys.len())?;
    }
    border(&mut out, ['└', '─', '┴', '┘'])?;
    Ok(out)
}

fn comfy_table(keys: &[&'static str], rows: impl Iterator<Item = ReportRow>, lang: Lang) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_header(titles(keys, lang));
    for row in rows {
        let mut texts = Vec::new();
        fill_table_cells(keys, &row, lang, &mut texts, &mut None);
        let cells: Vec<Cell> = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let cell = Cell::new(text);
                if i < row.key.len() {
                    cell
                } else {
                    cell.set_alignment(CellAlignment::Right)
                }
            })
            .collect();
        table.add_row(cells);
    }
    format!("{table}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &[&str], counts: [u64; 5]) -> ReportRow {
        ReportRow {
            key: key.iter().map(std::string::ToString::to_string).collect(),
            people: 1,
            counts,
        }
    }

    #[test]
    fn drawn_table_matches_comfy_table() {
        let keys = &["week", "nip", "name", "unit"];
        let rows = vec![
            row(
                &["2025-W13", "1", "Dra. Hj. Ñoño Šimić", "Dinas"],
                [3, 1, 0, 0, 1],
            ),
            row(
                &["2025-W14", "12345", "漢字の名前", "Badan X"],
                [0, 0, 0, 0, 5],
            ),
            row(&["2025-W14", "2", "", ""], [120, 3, 4, 5, 0]),
        ];
        for lang in [Lang::En, Lang::Id] {
            let drawn = write_table(keys, || rows.clone().into_iter(), lang, Vec::new()).unwrap();
            assert_eq!(
                String::from_utf8(drawn).unwrap(),
                comfy_table(keys, rows.clone().into_iter(), lang)
            );
        }
    }
}
