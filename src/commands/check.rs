//! `roster check`: audit a roster, planned or edited by hand, against SPEC §6.

use super::{Inputs, print, warn};
use crate::audit::{Audit, Guarantee, Report, Violation};
use crate::carry::Carry;
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::{Error, Result, exit};
use crate::mode::Mode;
use crate::resolve::Resolver;
use crate::roster_file;
use crate::terminal::{self, Stream, Terminal, Text};
use crate::writers::summary;
use chrono::NaiveDate;
use std::collections::HashMap;

pub fn check(args: &CheckArgs, terminal: Terminal) -> Result<u8> {
    let window = args.from.zip(args.to);
    let inputs = Inputs::load(
        &args.inputs.policy,
        &args.inputs.staff,
        args.inputs.leave.as_deref(),
        window,
    )?;
    let resolver = Resolver::new(&inputs.policy, &inputs.staff, &inputs.leave);
    warn(&resolver, &args.inputs.policy, false, false)?;
    let report = audit_file(&resolver, &args.roster)?;
    match args.format {
        CheckFormat::Text => {
            print(&format!(
                "{}\n",
                summary::render_violations(&report, None, args.lang)
            ))?;
            // The table escapes its data itself and may carry colour codes of its own.
            let table = summary::render_table(&report, args.lang, terminal.color_stdout);
            terminal::write(Stream::Stdout, &table, Text::Styled)
                .map_err(|e| Error::io("<stdout>", e))?;
        }
        CheckFormat::Json => print(&(summary::render_json(&report) + "\n"))?,
    }
    Ok(if report.is_clean() {
        exit::OK
    } else {
        exit::UNMET
    })
}

/// Why a date has no place in the roster.
fn not_a_working_day(resolver: &Resolver, date: NaiveDate) -> &'static str {
    let period = &resolver.policy.period;
    if date < period.start || date > period.end {
        "outside the period"
    } else if !period.workdays.contains(&chrono::Datelike::weekday(&date)) {
        "not a workday"
    } else {
        "a day off"
    }
}

/// Reads the roster into one byte per person-day and audits it day by day.
pub fn audit_file(resolver: &Resolver, path: &std::path::Path) -> Result<Report> {
    let staff = resolver.staff;
    let days = resolver.days.len();
    let day_index: HashMap<NaiveDate, usize> = resolver
        .days
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, i))
        .collect();
    let by_nip = staff.index_by_nip();
    // 0: no row yet; otherwise the mode's index + 1. `first_line` remembers where, so a
    // second row for the same person-day can name both lines.
    let mut cells = vec![0u8; staff.people.len() * days];
    let mut first_line: HashMap<usize, u64> = HashMap::new();
    let carry = Carry::default();
    let mut audit = Audit::new(resolver, &carry);
    roster_file::read(path, |row| {
        let problem = |message: String, unit: &str| Violation {
            guarantee: Guarantee::OneRowPerDay,
            unit: unit.to_owned(),
            dates: row.date.to_string(),
            nip: row.nip.clone(),
            message,
        };
        let Some(&person) = by_nip.get(row.nip.as_str()) else {
            audit.add(problem(
                format!("line {}: {} is not in the staff file", row.line, row.name),
                &row.unit,
            ));
            return Ok(());
        };
        let p = &staff.people[person];
        let unit = staff.unit(p);
        let Some(&day) = day_index.get(&row.date) else {
            let why = not_a_working_day(resolver, row.date);
            audit.add(problem(
                format!(
                    "line {}: {} has a row on {}, which is {why}",
                    row.line,
                    staff.name(p),
                    row.date
                ),
                unit,
            ));
            return Ok(());
        };
        let at = person * days + day;
        if cells[at] != 0 {
            let first = first_line.get(&at).copied().unwrap_or_default();
            audit.add(problem(
                format!(
                    "{} has two rows for this day (lines {first} and {})",
                    staff.name(p),
                    row.line
                ),
                unit,
            ));
            return Ok(());
        }
        cells[at] = row.mode as u8 + 1;
        first_line.insert(at, row.line);
        Ok(())
    })?;
    let mut modes: Vec<Option<Mode>> = Vec::with_capacity(staff.people.len());
    for day in 0..days {
        modes.clear();
        modes.extend(
            (0..staff.people.len()).map(|person| match cells[person * days + day] {
                0 => None,
                code => Some(Mode::ALL[code as usize - 1]),
            }),
        );
        audit.observe_day(day, &modes);
    }
    Ok(audit.finish())
}
