//! `roster check`: audit a roster, planned or edited by hand, against SPEC §6.

use super::settle::Previous;
use super::{Inputs, print, warn};
use crate::audit::SummaryRow;
use crate::audit::{Audit, Guarantee, Report, Violation};
use crate::carry::Carry;
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::{Error, Result, exit};
use crate::input::nip;
use crate::lang::{Lang, fill_named};
use crate::mode::Mode;
use crate::requests::RequestFiles;
use crate::resolve::Resolver;
use crate::roster_file::{self, Dating};
use crate::terminal::{self, Stream, Terminal, Text};
use crate::writers::dialect::Dialect;
use crate::writers::output::{Outputs, Sink, commit};
use crate::writers::summary;
use chrono::NaiveDate;
use std::path::PathBuf;

pub fn check(args: &CheckArgs, terminal: Terminal) -> Result<u8> {
    let window = args.from.zip(args.to);
    let previous = Previous::list(&args.previous)?;
    // `--summary` and `--causes` are checked against every file `check` reads before
    // anything is read.
    let written: Vec<(&'static str, PathBuf)> =
        [("--summary", &args.summary), ("--causes", &args.causes)]
            .into_iter()
            .filter_map(|(flag, path)| Some((flag, path.clone()?)))
            .collect();
    let outputs = match written.is_empty() {
        false => {
            let i = &args.inputs;
            let mut inputs: Vec<PathBuf> = [&i.policy, &i.staff].into_iter().cloned().collect();
            inputs.extend(i.leave.iter().cloned());
            if let Some(requests) = &i.requests {
                inputs.extend(RequestFiles::list(requests)?.files);
            }
            inputs.extend(args.roster.iter().cloned());
            inputs.extend(previous.files.iter().cloned());
            Some(Outputs::settle(written, &inputs)?)
        }
        true => None,
    };
    let inputs = Inputs::load(&args.inputs, window)?;
    let resolver =
        Resolver::new(&inputs.policy, &inputs.staff, &inputs.leave).with_requests(&inputs.requests);
    warn(&resolver, &args.inputs.policy, false, args.quiet)?;
    if !args.quiet {
        super::plan::say_what_previous_skips(&previous);
    }
    let carry = if previous.files.is_empty() {
        Carry::default()
    } else {
        Carry::read(&resolver, &previous.files, &inputs.options)?
    };
    let report = audit_file(&resolver, &carry, &args.roster, &inputs.options, args.lang)?;
    // Of the units with a violation, those no roster can mend: why, and what fixes them.
    let findings = impossible_causes(&resolver, &carry, &report);
    let width = usize::from(terminal.width_stdout.unwrap_or(80)).min(80);
    let why = crate::writers::causes::render_text(&findings, &resolver, args.lang, width);
    if let Some(Ok(Some(target))) = outputs.as_ref().map(|o| o.single("--causes")) {
        let sink = Sink::open(target)?;
        let json = (target.name().extension()).is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let lang = args.lang;
        let written = if json {
            crate::writers::causes::write_json(&findings, &resolver, lang, sink)
        } else {
            let dialect = &Dialect::STANDARD;
            crate::writers::causes::write_csv(&findings, &resolver, lang, dialect, sink)
        };
        let pending = written.map_err(|e| Error::io(target.name(), e))?.finish()?;
        commit(vec![pending])?;
    }
    let full_table = match outputs.as_ref().map(|o| o.single("--summary")) {
        Some(Ok(Some(target))) => {
            let rows: Vec<&SummaryRow> = report
                .units
                .iter()
                .chain(std::iter::once(&report.total))
                .collect();
            let sink = Sink::open(target)?;
            let sink = summary::write_csv(&rows, sink, &Dialect::STANDARD)
                .map_err(|e| super::csv_io(&target.name(), e))?;
            commit(vec![sink.finish()?])?;
            Some(target.name().display().to_string())
        }
        Some(Err(e)) => return Err(e),
        _ => None,
    };
    match args.format {
        CheckFormat::Text if args.quiet => {
            if !report.is_clean() {
                super::eprint(&format!(
                    "{why}{}\n",
                    summary::render_violations(&report, None, args.lang)
                ));
            }
        }
        CheckFormat::Text => {
            print(&format!(
                "{why}{}\n",
                summary::render_violations(&report, None, args.lang)
            ))?;
            // The table escapes its data itself and may carry colour codes of its own.
            let fit = summary::Fit {
                width: terminal.width_stdout,
                full_table: full_table.as_deref(),
            };
            let table = summary::render_table(&report, args.lang, terminal.color_stdout, &fit);
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

/// The causes of the units with a violation that the exact search proves no roster can
/// mend.
fn impossible_causes(
    resolver: &Resolver,
    carry: &Carry,
    report: &Report,
) -> Vec<crate::planner::causes::Finding> {
    use crate::planner::{EXACT_BUDGET, Outcome, solve_unit};
    let ids: rustc_hash::FxHashMap<&str, crate::staff::Id> = (resolver.staff.units.iter())
        .enumerate()
        .map(|(i, u)| (u.as_str(), i as crate::staff::Id))
        .collect();
    let mut units: Vec<crate::staff::Id> = (report.violations.iter())
        .filter_map(|v| ids.get(v.unit.as_str()).copied())
        .collect();
    units.sort_unstable();
    units.dedup();
    units.retain(|&unit| {
        matches!(
            solve_unit(resolver, carry, unit, EXACT_BUDGET, None, None).0,
            Outcome::Impossible
        )
    });
    crate::planner::causes::causes(resolver, carry, &units)
}

/// Why a date has no place in the roster.
fn not_a_working_day(resolver: &Resolver, date: NaiveDate, lang: Lang) -> &'static str {
    let period = &resolver.policy.period;
    let t = &lang.labels().violations;
    if date < period.start || date > period.end {
        t.outside_period
    } else if !period.workdays.contains(&chrono::Datelike::weekday(&date)) {
        t.not_a_workday
    } else {
        t.day_off
    }
}

/// The low bits of a person-day's cell: its mode's index + 1 (0: no row).
const MODE_BITS: u32 = 3;
const MODE_MASK: u64 = (1 << MODE_BITS) - 1;

/// Reads the roster (one file, or the parts of one in several) into one cell per person-day
/// and audits it day by day, counts continuing from `carry` (`--previous`).
pub fn audit_file(
    resolver: &Resolver,
    carry: &Carry,
    paths: &[std::path::PathBuf],
    options: &crate::input::Options,
    lang: Lang,
) -> Result<Report> {
    let t = &lang.labels().violations;
    let staff = resolver.staff;
    let days = resolver.days.len();
    // Working days by their distance from the first one: an index, not a hash, per row.
    let first = resolver.days.first().copied();
    let span = match (first, resolver.days.last()) {
        (Some(first), Some(last)) => (*last - first).num_days() as usize + 1,
        _ => 0,
    };
    let mut day_at = vec![u32::MAX; span];
    for (i, d) in resolver.days.iter().enumerate() {
        if let Some(first) = first {
            day_at[(*d - first).num_days() as usize] = i as u32;
        }
    }
    let day_index = |date: NaiveDate| {
        let offset = usize::try_from((date - first?).num_days()).ok()?;
        let day = *day_at.get(offset)?;
        (day != u32::MAX).then_some(day as usize)
    };
    let mut by_nip = staff.lookup();
    // 0: no row yet; otherwise the line of the first row for the person-day, shifted left
    // past the mode's index + 1, so a second row for the same person-day can name both lines.
    let mut cells = vec![0u64; staff.people.len() * days];
    let mut audit = Audit::new(resolver, carry).in_lang(lang);
    let period = &resolver.policy.period;
    let dating = Dating::Within(period.start, period.end);
    for path in paths {
        roster_file::read(path, options, dating, |row, nips| {
            let problem = |message: String, unit: &str| Violation {
                guarantee: Guarantee::OneRowPerDay,
                unit: unit.to_owned(),
                dates: row.date.to_string(),
                nip: row.nip.clone(),
                message,
                extremes: None,
            };
            let Some(person) = by_nip.find(&row.nip) else {
                // A NIP a spreadsheet cut to 15 digits is the file's fault, not this row's: one
                // error instead of a violation for every row of the file.
                if let Some(like) = by_nip.truncated_from(&row.nip) {
                    return Err(nips.error(row.line, nip::like_message(&row.nip, like)));
                }
                audit.add(problem(
                    fill_named(
                        t.unknown_nip,
                        &[("line", &row.line.to_string()), ("name", &row.name)],
                    ),
                    &row.unit,
                ));
                return Ok(());
            };
            let p = &staff.people[person];
            let unit = staff.unit(p);
            let Some(day) = day_index(row.date) else {
                let why = not_a_working_day(resolver, row.date, lang);
                audit.add(problem(
                    fill_named(
                        t.not_a_working_day,
                        &[
                            ("line", &row.line.to_string()),
                            ("name", staff.name(p)),
                            ("date", &lang.date(row.date)),
                            ("why", why),
                        ],
                    ),
                    unit,
                ));
                return Ok(());
            };
            let at = person * days + day;
            if cells[at] != 0 {
                audit.add(problem(
                    fill_named(
                        t.two_rows,
                        &[
                            ("name", staff.name(p)),
                            ("first", &(cells[at] >> MODE_BITS).to_string()),
                            ("second", &row.line.to_string()),
                        ],
                    ),
                    unit,
                ));
                return Ok(());
            }
            cells[at] = row.line << MODE_BITS | (row.mode as u64 + 1);
            Ok(())
        })?;
    }
    let mut modes: Vec<Option<Mode>> = Vec::with_capacity(staff.people.len());
    for day in 0..days {
        modes.clear();
        modes.extend((0..staff.people.len()).map(|person| {
            match cells[person * days + day] & MODE_MASK {
                0 => None,
                code => Some(Mode::ALL[code as usize - 1]),
            }
        }));
        audit.observe_day(day, &modes);
    }
    Ok(audit.finish())
}
