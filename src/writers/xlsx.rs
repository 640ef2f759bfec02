//! The roster as an Excel workbook (`--xlsx`): a sheet in wide form, cells coloured by mode,
//! NIPs as text, header and names frozen, an autofilter; the summary; a legend. Every text
//! cell is written as text, so nothing in it can run as a formula. The roster sheet is written
//! row by row in rust_xlsxwriter's low-memory mode.

use super::Part;
use super::wide::WideRoster;
use crate::catalogue::Render;
use crate::facts::Dates;
use crate::lang::Lang;
use crate::mode::Mode;
use crate::view::RosterView;
use crate::view::group_name;
use chrono::Datelike;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::io::Write;

/// Excel's last row: a header and this many people fit on one sheet.
pub const MAX_PEOPLE: usize = 1_048_575;

/// Fill colours per mode, in [`Mode::ALL`] order; also used by the HTML page.
pub const MODE_COLORS: [u32; 5] = [0xC6EFCE, 0xBDD7EE, 0xE4DFEC, 0xFCE4D6, 0xD9D9D9];

pub fn write<W: Write + Send>(
    view: &RosterView,
    wide: &WideRoster,
    part: &Part,
    lang: Lang,
    out: W,
) -> Result<(), XlsxError> {
    let l = lang.labels();
    let staff = view.staff;
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_border_bottom(FormatBorder::Thin);
    // Day headings wrap onto two lines (`Mon` over `24/03`), so a day column is narrow.
    let day_header = header
        .clone()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    // Text shrinks to its column rather than spill into the next one, on screen and printed.
    let fitted = Format::new().set_shrink();
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
    headers.extend(view.days.iter().map(|d| {
        format!(
            "{} {:02}/{:02}",
            lang.weekday(d.weekday()),
            d.day(),
            d.month()
        )
    }));
    headers.extend(Mode::ALL.iter().map(|m| m.code().to_owned()));
    let first_day = 6u16;
    for (col, text) in headers.iter().enumerate() {
        let format = if col as u16 >= first_day {
            &day_header
        } else {
            &header
        };
        sheet.write_string_with_format(0, col as u16, text, format)?;
    }
    sheet.set_row_height(0, 27)?;
    let units = natural_order(staff, part);
    for (row, person) in (1u32..).zip(units.iter().cloned().flatten()) {
        let p = &staff.people[person];
        sheet.write_string(row, 0, staff.nip(p))?;
        sheet.write_string_with_format(row, 1, staff.name(p), &fitted)?;
        sheet.write_string_with_format(row, 2, staff.unit(p), &fitted)?;
        sheet.write_string_with_format(row, 3, staff.team(p), &fitted)?;
        sheet.write_string_with_format(row, 4, staff.role(p), &fitted)?;
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
    print_setup(sheet, view, part, &units, lang)?;
    sheet.set_freeze_panes(1, 2)?;
    sheet.autofilter(0, 0, part.people.len() as u32, last_col)?;
    // Narrow enough that the first printed page holds days too (text shrinks to fit).
    for (col, width) in [
        (0, 19.0),
        (1, 22.0),
        (2, 16.0),
        (3, 12.0),
        (4, 20.0),
        (5, 5.0),
    ] {
        sheet.set_column_width(col, width)?;
    }
    for day in 0..wide.days() as u16 {
        sheet.set_column_width(first_day + day, 5.0)?;
    }
    let counts_col = first_day + wide.days() as u16;
    for i in 0..Mode::ALL.len() as u16 {
        sheet.set_column_width(counts_col + i, 6.0)?;
    }

    let summary = workbook.add_worksheet();
    summary.set_name(l.summary_sheet)?;
    let titles = l.summary_columns();
    let wrapped = header.clone().set_text_wrap();
    for (col, text) in titles.iter().enumerate() {
        summary.write_string_with_format(0, col as u16, *text, &wrapped)?;
    }
    summary.set_row_height(0, 42)?;
    let percent = Format::new().set_num_format("0.0%");
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
        summary.write_string_with_format(row, 0, unit, &fitted)?;
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
            let Some(v) = value else { continue };
            let rounded = (v * 10.0).round() / 10.0;
            // Columns 4 to 7 (after the unit) are shares, stored as fractions shown as `40.0%`.
            if (3..7).contains(&col) {
                summary.write_number_with_format(row, col as u16 + 1, rounded / 100.0, &percent)?;
            } else {
                summary.write_number(row, col as u16 + 1, rounded)?;
            }
        }
    }
    summary.set_column_width(0, 44.0)?;
    for col in 1..titles.len() as u16 {
        summary.set_column_width(col, 11.0)?;
    }
    summary.set_freeze_panes(1, 1)?;
    // Printed landscape on one page wide, its headings on every page.
    summary.set_landscape();
    summary.set_paper_size(9);
    summary.set_print_fit_to_pages(1, 0);
    summary.set_repeat_rows(0, 0)?;

    let legend = workbook.add_worksheet();
    legend.set_name(l.legend_sheet)?;
    for (i, mode) in Mode::ALL.iter().enumerate() {
        legend.write_string_with_format(i as u32, 0, mode.code(), &mode_formats[i])?;
        legend.write_string(i as u32, 1, l.modes[i])?;
    }
    legend.set_column_width(1, 30.0)?;
    workbook.save_to_writer(out)
}

/// The part's people as the roster sheet lists them, a run per unit: units in the order
/// people read names ("SMP Negeri 8" before "SMP Negeri 78"), each unit's people by NIP.
fn natural_order(staff: &crate::staff::Staff, part: &Part) -> Vec<std::ops::Range<usize>> {
    let mut units: Vec<usize> = Vec::new();
    for person in part.people.clone() {
        let unit = staff.people[person].unit as usize;
        if units.last() != Some(&unit) {
            units.push(unit);
        }
    }
    units.sort_by(|&a, &b| crate::pattern::natural_cmp(&staff.units[a], &staff.units[b]));
    units
        .into_iter()
        .map(|unit| {
            let people = staff.unit_people(unit);
            people.start.max(part.people.start)..people.end.min(part.people.end)
        })
        .collect()
}

/// How the roster sheet prints: landscape A4, the header row and the NIP, name and unit
/// columns on every page (so each page names its unit), pages in order across then down (so
/// a unit's days stay together), each unit from a new page, and the policy and period at the
/// top of every page, with the unit's name when the workbook holds one unit.
fn print_setup(
    sheet: &mut rust_xlsxwriter::Worksheet,
    view: &RosterView,
    part: &Part,
    runs: &[std::ops::Range<usize>],
    lang: Lang,
) -> Result<(), XlsxError> {
    let staff = view.staff;
    let policy = view.policy;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_margins(0.4, 0.4, 0.6, 0.5, 0.3, 0.3);
    sheet.set_print_scale(75);
    sheet.set_print_gridlines(true);
    sheet.set_page_order(false);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_repeat_columns(0, 2)?;
    // Excel's header is at most 255 characters, `&` doubled.
    // The period as the summary and the page write it: `2025-03-24..2025-06-30`, in
    // Indonesian `24 Mar–30 Jun 2025`.
    let period = Dates::Run(policy.period.start, policy.period.end).render(lang);
    let title: String = format!("{} — {period}", policy.name)
        .replace('&', "&&")
        .chars()
        .take(150)
        .collect();
    let units = part.rows.iter().filter(|r| r.unit != "TOTAL").count();
    let one_unit = (!part.people.is_empty() && units == 1).then(|| {
        let unit = staff.unit(&staff.people[part.people.start]);
        unit.replace('&', "&&").chars().take(90).collect::<String>()
    });
    match one_unit {
        Some(unit) => sheet.set_header(format!("&L&B{unit}&C{title}")),
        None => sheet.set_header(format!("&C&B{title}")),
    };
    sheet.set_footer(format!("&C{}", lang.labels().page_footer));
    // A page break before each unit but the first (Excel keeps at most 1,023).
    let breaks: Vec<u32> = runs
        .iter()
        .scan(1u32, |row, people| {
            let first = *row;
            *row += people.len() as u32;
            Some(first)
        })
        .skip(1)
        .take(1023)
        .collect();
    sheet.set_page_breaks(&breaks)?;
    Ok(())
}
