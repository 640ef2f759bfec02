//! The outputs of `roster attendance`: the weekly report fitted to the terminal, the people
//! with deviations, and the CSV files (one row per classified person-day, the weekly counts,
//! and what happened as a long roster).

use super::dialect::Dialect;
use super::field::{push, push_record};
use crate::attendance::Class;
use crate::attendance::actual_mode;
use crate::attendance::reconcile::{Counts, Day, Reconciliation, Weekly, Who, actual_rule};
use crate::lang::{Lang, fill_named};
use crate::mode::Mode;
use crate::staff::Staff;
use crate::terminal::sanitize;
use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width,
    presets::UTF8_FULL_CONDENSED,
};
use std::io::Write;

/// The per-person-day file's columns (`--out`).
pub const DAYS_HEADER: [&str; 10] = [
    "date", "nip", "name", "unit", "planned", "actual", "place", "class", "late", "early",
];

/// The weekly counts' columns (`--summary`).
pub const SUMMARY_HEADER: [&str; 17] = [
    "week",
    "unit",
    "planned",
    "planned_office",
    "office_kept",
    "remote_kept",
    "as_planned",
    "office_missed",
    "office_on_remote_day",
    "absent",
    "leave_not_in_roster",
    "no_record",
    "on_duty",
    "not_planned",
    "late",
    "early",
    "kept_pct",
];

/// Each person's cells that all their rows repeat, escaped once (a province's month is a
/// million rows of 60,000 people): `nip,name,unit`, then `team,role`.
pub struct StaffCells {
    bytes: Vec<u8>,
    /// Person i's `nip,name,unit` are `bytes[ends[i][0]..ends[i][1]]`, their `team,role`
    /// `bytes[ends[i][1]..ends[i][2]]`.
    ends: Vec<[usize; 3]>,
}

impl StaffCells {
    pub fn new(staff: &Staff, dialect: &Dialect) -> StaffCells {
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(staff.people.len());
        for p in &staff.people {
            let start = bytes.len();
            for (i, cell) in [staff.nip(p), staff.name(p), staff.unit(p)]
                .iter()
                .enumerate()
            {
                if i > 0 {
                    bytes.push(dialect.delimiter);
                }
                push(&mut bytes, cell, dialect);
            }
            let who = bytes.len();
            push(&mut bytes, staff.team(p), dialect);
            bytes.push(dialect.delimiter);
            push(&mut bytes, staff.role(p), dialect);
            ends.push([start, who, bytes.len()]);
        }
        StaffCells { bytes, ends }
    }

    fn who(&self, person: usize) -> &[u8] {
        let [start, end, _] = self.ends[person];
        &self.bytes[start..end]
    }

    fn team_role(&self, person: usize) -> &[u8] {
        let [_, start, end] = self.ends[person];
        &self.bytes[start..end]
    }
}

/// The cells after the person in `--out`'s rows (planned, actual, place, class, late, early,
/// and the line's end), escaped once for each of the few hundred combinations there are.
pub struct DayTails {
    tails: Vec<Vec<u8>>,
}

impl Default for DayTails {
    fn default() -> DayTails {
        let modes = Mode::ALL.len() + 1;
        DayTails {
            tails: vec![Vec::new(); modes * modes * 3 * Class::ALL.len() * 4],
        }
    }
}

impl DayTails {
    fn get(&mut self, day: &Day, dialect: &Dialect) -> &[u8] {
        let planned = day.planned;
        let actual = planned.map(|planned| actual_mode(planned, day.seen));
        let place = match (day.seen.present(), day.seen.place()) {
            (true, Some(crate::attendance::Place::Office)) => 1,
            (true, Some(crate::attendance::Place::Away)) => 2,
            _ => 0,
        };
        let flag = |f: u16| usize::from(day.seen.present() && day.seen.has(f));
        let (late, early) = (
            flag(crate::attendance::Observed::LATE),
            flag(crate::attendance::Observed::EARLY),
        );
        let mode = |m: Option<Mode>| m.map_or(0, |m| m.index() + 1);
        let key = (((mode(planned) * (Mode::ALL.len() + 1) + mode(actual)) * 3 + place)
            * Class::ALL.len()
            + day.class.index())
            * 4
            + late * 2
            + early;
        let tail = &mut self.tails[key];
        if tail.is_empty() {
            let code = |m: Option<Mode>| m.map_or("", Mode::code);
            let flag = |f: usize| if f == 1 { "1" } else { "0" };
            push_record(
                tail,
                [
                    code(planned),
                    code(actual),
                    ["", "office", "away"][place],
                    day.class.code(),
                    flag(late),
                    flag(early),
                ],
                dialect,
            );
        }
        tail
    }
}

/// One classified person-day as a record of `--out`; `date` is its date as written (escaped
/// once a day).
pub fn push_day(
    buf: &mut Vec<u8>,
    rec: &Reconciliation,
    cells: &StaffCells,
    tails: &mut DayTails,
    day: &Day,
    date: &[u8],
    dialect: &Dialect,
) {
    buf.extend_from_slice(date);
    buf.push(dialect.delimiter);
    match day.who {
        Who::Staff(person) => buf.extend_from_slice(cells.who(person)),
        Who::Other(_) => {
            let (nip, name, unit) = rec.person(&day.who);
            for (i, cell) in [nip, name, unit].into_iter().enumerate() {
                if i > 0 {
                    buf.push(dialect.delimiter);
                }
                push(buf, cell, dialect);
            }
        }
    }
    buf.push(dialect.delimiter);
    buf.extend_from_slice(tails.get(day, dialect));
}

fn figures(c: &Counts) -> Vec<String> {
    let mut cells = vec![
        c.planned.to_string(),
        c.planned_office.to_string(),
        c.office_kept.to_string(),
        c.remote_kept.to_string(),
    ];
    cells.extend(c.classes.iter().map(u64::to_string));
    cells.push(c.late.to_string());
    cells.push(c.early.to_string());
    cells
}

/// The weekly counts as CSV: a row per week and unit, then the total.
pub fn write_summary<W: Write>(
    weekly: &Weekly,
    mut out: W,
    dialect: &Dialect,
) -> std::io::Result<W> {
    let mut buf = dialect.preamble().to_vec();
    push_record(&mut buf, SUMMARY_HEADER, dialect);
    let pct = |c: &Counts| c.kept_pct().map_or(String::new(), |v| format!("{v:.1}"));
    let rows = weekly
        .rows
        .iter()
        .map(|((year, week, unit), c)| (format!("{year}-W{week:02}"), unit.as_str(), c));
    for (week, unit, c) in rows.chain([(String::new(), "TOTAL", &weekly.total)]) {
        let mut cells = vec![week, unit.to_owned()];
        cells.extend(figures(c));
        cells.push(pct(c));
        push_record(&mut buf, &cells, dialect);
    }
    out.write_all(&buf)?;
    Ok(out)
}

/// What happened, as a long roster (SPEC §5's columns) that `--previous` reads: one row per
/// planned person-day of the window.
pub fn write_actual<W: Write>(
    rec: &Reconciliation,
    cells: &StaffCells,
    mut out: W,
    dialect: &Dialect,
) -> std::io::Result<W> {
    let staff = rec.staff;
    // The few modes, groups and rule labels, escaped once each.
    let escaped = |text: &str| super::field::escaped(text, dialect);
    let modes: Vec<Vec<u8>> = Mode::ALL.iter().map(|m| escaped(m.code())).collect();
    let groups: Vec<Vec<u8>> = rec.groups().iter().map(|g| escaped(g)).collect();
    let rules: Vec<Vec<u8>> = (rec.rules().iter())
        .map(|r| escaped(&actual_rule(r)))
        .collect();
    let mut buf = dialect.preamble().to_vec();
    push_record(&mut buf, super::long::HEADER, dialect);
    let comma = dialect.delimiter;
    for (day, date) in rec.days.iter().enumerate() {
        if *date < rec.window.0 || *date > rec.window.1 {
            continue;
        }
        let date = escaped(&date.to_string());
        for person in 0..staff.people.len() {
            if !rec.covers(person) {
                continue;
            }
            let Some((planned, rule, group)) = rec.planned_at(person, day) else {
                continue;
            };
            let mode = actual_mode(planned, rec.seen(person, day));
            buf.extend_from_slice(&date);
            buf.push(comma);
            buf.extend_from_slice(cells.who(person));
            buf.push(comma);
            buf.extend_from_slice(cells.team_role(person));
            buf.push(comma);
            buf.extend_from_slice(&modes[mode.index()]);
            buf.push(comma);
            buf.extend_from_slice(&groups[group]);
            buf.push(comma);
            buf.extend_from_slice(&rules[rule]);
            buf.extend_from_slice(dialect.terminator());
        }
        if buf.len() >= 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    Ok(out)
}

/// The figure columns of the printed report, after unit and week: their titles and cells.
fn columns(lang: Lang) -> [&'static str; 14] {
    let t = &lang.labels().attendance;
    let c = &t.classes;
    [
        t.planned_days,
        t.planned_office,
        t.office_kept,
        t.remote_kept,
        c[1],
        c[2],
        c[3],
        c[4],
        c[5],
        c[6],
        c[7],
        t.late,
        t.early,
        t.kept_share,
    ]
}

fn cells(c: &Counts, lang: Lang) -> [String; 14] {
    let n = |v: u64| v.to_string();
    [
        n(c.planned),
        n(c.planned_office),
        n(c.office_kept),
        n(c.remote_kept),
        n(c.classes[1]),
        n(c.classes[2]),
        n(c.classes[3]),
        n(c.classes[4]),
        n(c.classes[5]),
        n(c.classes[6]),
        n(c.classes[7]),
        n(c.late),
        n(c.early),
        c.kept_pct().map_or("-".to_owned(), |v| lang.pct(v)),
    ]
}

/// Figure columns left out first when the report must fit a narrow terminal.
const LEFT_OUT_FIRST: [usize; 11] = [1, 3, 2, 12, 11, 9, 10, 0, 8, 7, 6];
/// The narrowest the unit column may get before another column is left out.
const UNIT_MIN: usize = 16;
/// Rows printed at most; the rest are in `--summary FILE`.
const MAX_ROWS: usize = 60;

/// The weekly report as printed: a row per ISO week and unit (week by week, the units that
/// kept least first), then the total; fitted to `width` as the plan summary is, and a line
/// with the totals under it.
pub fn render_weekly(weekly: &Weekly, lang: Lang, color: bool, width: Option<u16>) -> String {
    let l = lang.labels();
    let t = &l.attendance;
    let titles = columns(lang);
    let all = weekly.worst_first();
    let shown_rows = all.len().min(MAX_ROWS);
    let mut rows: Vec<(String, String, [String; 14], &Counts)> = all[..shown_rows]
        .iter()
        .map(|(week, unit, c)| {
            (
                sanitize(unit).into_owned(),
                week.clone(),
                cells(c, lang),
                *c,
            )
        })
        .collect();
    rows.push((
        l.total.to_owned(),
        String::new(),
        cells(&weekly.total, lang),
        &weekly.total,
    ));
    let need = |col: usize| {
        let words = titles[col].split(' ').map(|w| w.chars().count());
        let cells = rows.iter().map(|r| r.2[col].chars().count());
        words.chain(cells).max().unwrap_or(1) + 3
    };
    let week_width = rows
        .iter()
        .map(|r| r.1.chars().count())
        .chain([t.week.chars().count()])
        .max()
        .unwrap_or(8)
        + 3;
    let mut shown: Vec<usize> = (0..titles.len()).collect();
    let mut left_out = Vec::new();
    if let Some(width) = width {
        let width = usize::from(width);
        for col in LEFT_OUT_FIRST {
            let used: usize = shown.iter().map(|&c| need(c)).sum::<usize>() + week_width + 2;
            if used + UNIT_MIN <= width {
                break;
            }
            shown.retain(|&c| c != col);
            left_out.push(titles[col]);
        }
    }
    let mut table = Table::new();
    let mut header = vec![l.unit, t.week];
    header.extend(shown.iter().map(|&c| titles[c]));
    table.load_style(UTF8_FULL_CONDENSED).set_header(header);
    if let Some(width) = width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        let figures: usize = shown.iter().map(|&c| need(c)).sum::<usize>() + week_width + 1;
        let longest = rows
            .iter()
            .map(|r| r.0.chars().count())
            .chain([l.unit.chars().count()])
            .max()
            .unwrap_or(UNIT_MIN);
        let unit = usize::from(width)
            .saturating_sub(figures + 1)
            .min(longest + 2)
            .max(UNIT_MIN);
        let mut constraints = vec![
            ColumnConstraint::Absolute(Width::Fixed(unit as u16)),
            ColumnConstraint::Absolute(Width::Fixed(week_width as u16 - 1)),
        ];
        constraints.extend(
            shown
                .iter()
                .map(|&c| ColumnConstraint::UpperBoundary(Width::Fixed(need(c) as u16 - 1))),
        );
        table.set_constraints(constraints);
    }
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    for (unit, week, figures, counts) in &rows {
        let mut row = vec![Cell::new(unit), Cell::new(week)];
        for &col in &shown {
            let mut cell = Cell::new(&figures[col]).set_alignment(CellAlignment::Right);
            if color && (4..=10).contains(&col) && figures[col] != "0" && col != 9 {
                cell = cell.fg(Color::Red);
            }
            if color && col == 13 && counts.deviations() == 0 {
                cell = cell.fg(Color::Green);
            }
            row.push(cell);
        }
        table.add_row(row);
    }
    let mut notes = Vec::new();
    if shown_rows < all.len() {
        let shown = shown_rows.to_string();
        let total = all.len().to_string();
        notes.push(fill_named(
            t.rows_shown,
            &[("shown", &shown), ("all", &total)],
        ));
    }
    if !left_out.is_empty() {
        let w = width.unwrap_or_default().to_string();
        notes.push(fill_named(
            t.columns_left_out,
            &[("width", &w), ("columns", &left_out.join("; "))],
        ));
    }
    let total = &weekly.total;
    notes.push(fill_named(
        t.totals,
        &[
            ("days", &total.planned.to_string()),
            ("kept", &total.classes[Class::AsPlanned.index()].to_string()),
            (
                "share",
                &total.kept_pct().map_or("-".to_owned(), |v| lang.pct(v)),
            ),
            ("late", &total.late.to_string()),
            ("early", &total.early.to_string()),
        ],
    ));
    let mut text = table.to_string();
    for note in notes {
        text.push('\n');
        match width {
            Some(w) => text.push_str(&textwrap::fill(&note, usize::from(w))),
            None => text.push_str(&note),
        }
    }
    text.push('\n');
    text
}

/// The people with deviations (`--by person`): one row per person and kind of deviation,
/// with its dates.
pub fn render_people(weekly: &Weekly, lang: Lang, width: Option<u16>) -> String {
    let l = lang.labels();
    let t = &l.attendance;
    if weekly.people.is_empty() {
        return format!("{}\n", t.no_deviations);
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_header(vec![l.unit, l.nip, l.name, t.class, t.dates]);
    if let Some(width) = width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        // A NIP is never broken over lines.
        let nip = (weekly.people.keys())
            .map(|(_, nip)| nip.chars().count())
            .max()
            .unwrap_or(18);
        if let Some(column) = table.column_mut(1) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(nip as u16 + 2)));
        }
    }
    for ((unit, nip), (name, deviations)) in &weekly.people {
        for class in Class::ALL {
            let mut dates: Vec<_> = deviations
                .iter()
                .filter(|(c, _)| *c == class)
                .map(|(_, d)| *d)
                .collect();
            if dates.is_empty() {
                continue;
            }
            dates.sort_unstable();
            let dates: Vec<String> = dates.iter().map(|d| lang.day(*d)).collect();
            table.add_row(vec![
                sanitize(unit).into_owned(),
                sanitize(nip).into_owned(),
                sanitize(name).into_owned(),
                t.classes[class.index()].to_owned(),
                dates.join(", "),
            ]);
        }
    }
    format!("{table}\n")
}

/// The weekly report as a workbook (`--xlsx`): a sheet per ISO week (its units, the ones that
/// kept least first, then the week's total) and a sheet of the people with deviations. Every
/// text cell is written as text, so nothing in it can run as a formula.
pub fn write_xlsx<W: Write + Send>(
    weekly: &Weekly,
    lang: Lang,
    out: W,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let l = lang.labels();
    let t = &l.attendance;
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let bold = Format::new().set_bold();
    let mut workbook = Workbook::new();
    let titles = columns(lang);
    let rows = weekly.worst_first();
    let mut weeks: Vec<&String> = rows.iter().map(|(week, _, _)| week).collect();
    weeks.dedup();
    for week in weeks {
        let sheet = workbook.add_worksheet();
        sheet.set_name(week)?;
        sheet.write_string_with_format(0, 0, l.unit, &header)?;
        for (col, title) in titles.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16 + 1, *title, &header)?;
        }
        let mut total = Counts::default();
        let mine = rows.iter().filter(|(w, _, _)| w == week);
        let mut row = 1;
        for (_, unit, counts) in mine {
            total.merge(counts);
            write_counts(sheet, row, unit, counts, None)?;
            row += 1;
        }
        write_counts(sheet, row, l.total, &total, Some(&bold))?;
        sheet.set_column_width(0, 40)?;
        sheet.set_freeze_panes(1, 1)?;
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name(l.people)?;
    for (col, title) in [l.unit, l.nip, l.name, t.class, t.dates].iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header)?;
    }
    let mut row = 1;
    for ((unit, nip), (name, deviations)) in &weekly.people {
        for class in Class::ALL {
            let mut dates: Vec<_> = (deviations.iter())
                .filter(|(c, _)| *c == class)
                .map(|(_, d)| *d)
                .collect();
            if dates.is_empty() {
                continue;
            }
            dates.sort_unstable();
            let dates: Vec<String> = dates.iter().map(|d| lang.date(*d)).collect();
            for (col, text) in [unit, nip, name, t.classes[class.index()], &dates.join(", ")]
                .iter()
                .enumerate()
            {
                sheet.write_string(row, col as u16, *text)?;
            }
            row += 1;
        }
    }
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 20)?;
    sheet.set_column_width(2, 30)?;
    workbook.save_to_writer(out)
}

/// One row of a week's sheet: the unit, the figures as numbers, the share kept in percent.
fn write_counts(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    unit: &str,
    c: &Counts,
    format: Option<&rust_xlsxwriter::Format>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    match format {
        Some(f) => sheet.write_string_with_format(row, 0, unit, f)?,
        None => sheet.write_string(row, 0, unit)?,
    };
    let numbers = [c.planned, c.planned_office, c.office_kept, c.remote_kept]
        .into_iter()
        .chain(c.classes[1..].iter().copied())
        .chain([c.late, c.early]);
    for (col, n) in numbers.enumerate() {
        sheet.write_number(row, col as u16 + 1, n as f64)?;
    }
    if let Some(pct) = c.kept_pct() {
        sheet.write_number(row, 14, (pct * 10.0).round() / 10.0)?;
    }
    Ok(())
}
