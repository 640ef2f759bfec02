//! The roster as an Excel workbook (`--xlsx`): a sheet in wide form, cells coloured by mode,
//! NIPs as text, header and names frozen, an autofilter; the summary; a legend. Every text
//! cell is written as text, so nothing in it can run as a formula. The roster sheet is written
//! row by row in rust_xlsxwriter's low-memory mode.

use super::Part;
use super::wide::WideRoster;
use crate::lang::Lang;
use crate::mode::Mode;
use crate::planner::group_name;
use crate::resolve::Resolver;
use chrono::Datelike;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::io::Write;

/// Excel's last row: a header and this many people fit on one sheet.
pub const MAX_PEOPLE: usize = 1_048_575;

/// Fill colours per mode, in [`Mode::ALL`] order; also used by the HTML page.
pub const MODE_COLORS: [u32; 5] = [0xC6EFCE, 0xBDD7EE, 0xE4DFEC, 0xFCE4D6, 0xD9D9D9];

pub fn write<W: Write + Send>(
    resolver: &Resolver,
    wide: &WideRoster,
    part: &Part,
    lang: Lang,
    out: W,
) -> Result<(), XlsxError> {
    let l = lang.labels();
    let staff = resolver.staff;
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_border_bottom(FormatBorder::Thin);
    let mode_formats: Vec<Format> = MODE_COLORS
        .iter()
        .map(|&c| {
            Format::new()
                .set_background_color(Color::RGB(c))
                .set_align(FormatAlign::Center)
        })
        .collect();

    // Rows go to a temporary file as they are written, so the workbook never holds the
    // roster's cells; only its distinct strings stay in memory (the shared string table).
    let sheet = workbook.add_worksheet_with_low_memory()?;
    sheet.set_name(l.roster_sheet)?;
    let mut headers: Vec<String> = [l.nip, l.name, l.unit, l.team, l.role, l.group]
        .map(String::from)
        .to_vec();
    headers.extend(resolver.days.iter().map(|d| {
        format!(
            "{} {:02}/{:02}",
            lang.weekday(d.weekday()),
            d.day(),
            d.month()
        )
    }));
    headers.extend(Mode::ALL.iter().map(|m| m.code().to_owned()));
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, text, &header)?;
    }
    let first_day = 6u16;
    for (row, person) in (1u32..).zip(part.people.clone()) {
        let p = &staff.people[person];
        sheet.write_string(row, 0, staff.nip(p))?;
        sheet.write_string(row, 1, staff.name(p))?;
        sheet.write_string(row, 2, staff.unit(p))?;
        sheet.write_string(row, 3, staff.team(p))?;
        sheet.write_string(row, 4, staff.role(p))?;
        if let Some(g) = wide.main_group(person) {
            sheet.write_string(row, 5, group_name(g))?;
        }
        for (day, mode) in wide.modes(person).enumerate() {
            let col = first_day + day as u16;
            sheet.write_string_with_format(row, col, mode.code(), &mode_formats[mode.index()])?;
        }
        let counts_col = first_day + wide.days() as u16;
        for (i, count) in wide.counts(person).iter().enumerate() {
            sheet.write_number(row, counts_col + i as u16, *count as f64)?;
        }
    }
    let last_col = headers.len() as u16 - 1;
    print_setup(sheet, resolver, part, lang)?;
    sheet.set_freeze_panes(1, 2)?;
    sheet.autofilter(0, 0, part.people.len() as u32, last_col)?;
    for (col, width) in [
        (0, 21.0),
        (1, 28.0),
        (2, 32.0),
        (3, 22.0),
        (4, 28.0),
        (5, 6.0),
    ] {
        sheet.set_column_width(col, width)?;
    }
    for day in 0..wide.days() as u16 {
        sheet.set_column_width(first_day + day, 10.0)?;
    }

    let summary = workbook.add_worksheet();
    summary.set_name(l.summary_sheet)?;
    let titles = l.summary_columns();
    for (col, text) in titles.iter().enumerate() {
        summary.write_string_with_format(0, col as u16, *text, &header)?;
    }
    // Units in the order people read names, the total last.
    let mut rows = part.rows.clone();
    rows.sort_by(|a, b| {
        (a.unit == "TOTAL")
            .cmp(&(b.unit == "TOTAL"))
            .then_with(|| crate::pattern::natural_cmp(&a.unit, &b.unit))
    });
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let unit = if r.unit == "TOTAL" { l.total } else { &r.unit };
        summary.write_string(row, 0, unit)?;
        let numbers = [
            Some(r.staff as f64),
            Some(r.fixed as f64),
            Some(r.rotating as f64),
            r.target_remote_pct,
            r.achieved_remote_pct,
            r.rotating_target_remote_pct,
            r.rotating_achieved_remote_pct,
            Some(r.office_min as f64),
            Some(r.office_max as f64),
            Some(f64::from(r.fairness_spread)),
            Some(r.problems as f64),
        ];
        for (col, value) in numbers.iter().enumerate() {
            if let Some(v) = value {
                summary.write_number(row, col as u16 + 1, (v * 10.0).round() / 10.0)?;
            }
        }
    }
    summary.set_column_width(0, 40.0)?;
    summary.set_freeze_panes(1, 1)?;

    let legend = workbook.add_worksheet();
    legend.set_name(l.legend_sheet)?;
    for (i, mode) in Mode::ALL.iter().enumerate() {
        legend.write_string_with_format(i as u32, 0, mode.code(), &mode_formats[i])?;
        legend.write_string(i as u32, 1, l.modes[i])?;
    }
    legend.set_column_width(1, 30.0)?;
    workbook.save_to_writer(out)
}

/// How the roster sheet prints: landscape A4, the header row and the NIP and name columns on
/// every page, pages in order across then down (so a unit's days stay together), each unit
/// from a new page, and the policy and period at the top of every page.
fn print_setup(
    sheet: &mut rust_xlsxwriter::Worksheet,
    resolver: &Resolver,
    part: &Part,
    lang: Lang,
) -> Result<(), XlsxError> {
    let staff = resolver.staff;
    let policy = resolver.policy;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_margins(0.4, 0.4, 0.6, 0.5, 0.3, 0.3);
    sheet.set_print_scale(80);
    sheet.set_print_gridlines(true);
    sheet.set_page_order(false);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_repeat_columns(0, 1)?;
    // Excel's header is at most 255 characters, `&` doubled.
    let title: String = format!(
        "{} — {}..{}",
        policy.name, policy.period.start, policy.period.end
    )
    .replace('&', "&&")
    .chars()
    .take(200)
    .collect();
    sheet.set_header(format!("&C&B{title}"));
    sheet.set_footer(format!("&C{}", lang.labels().page_footer));
    // A page break before each unit but the first (Excel keeps at most 1,023).
    let breaks: Vec<u32> = (part.people.clone())
        .zip(1u32..)
        .skip(1)
        .filter(|&(person, _)| staff.people[person].unit != staff.people[person - 1].unit)
        .map(|(_, row)| row)
        .take(1023)
        .collect();
    sheet.set_page_breaks(&breaks)?;
    Ok(())
}
