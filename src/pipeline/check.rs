//! The audit of a roster read from files (`check`): its rows gathered into one cell per
//! person-day, one row per person and working day checked as they are read, then every other
//! guarantee by the day-by-day audit; and, for the units with a violation, why no roster can
//! mend those the exact search proves impossible.

use crate::audit::{Audit, Guarantee, Report, Violation};
use crate::carry::Carry;
use crate::error::Result;
use crate::facts::{Broken, Dates, Offday};
use crate::input::nip;
use crate::mode::Mode;
use crate::resolve::Resolver;
use crate::roster_file::{self, Dating};
use chrono::NaiveDate;

/// The causes of the units with a violation that the exact search proves no roster can
/// mend.
pub fn impossible_causes(
    resolver: &Resolver,
    carry: &Carry,
    report: &Report,
) -> Vec<crate::planner::causes::Finding> {
    use crate::planner::{EXACT_BUDGET, Outcome, solve_unit};
    let mut units: Vec<crate::staff::Id> = (report.violations.iter())
        .filter_map(|v| v.unit_id)
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
fn not_a_working_day(resolver: &Resolver, date: NaiveDate) -> Offday {
    let period = &resolver.policy.period;
    if date < period.start || date > period.end {
        Offday::OutsidePeriod
    } else if !period.workdays.contains(&chrono::Datelike::weekday(&date)) {
        Offday::NotAWorkday
    } else {
        Offday::DayOff
    }
}

/// The low bits of a person-day's cell: its mode's index + 1 (0: no row).
const MODE_BITS: u32 = 3;
const MODE_MASK: u64 = (1 << MODE_BITS) - 1;

/// Reads the roster (one file, or the parts of one in several) into one cell per person-day
/// and audits it day by day, counts continuing from `carry` (`--previous`).
pub fn audit_roster(
    resolver: &Resolver,
    carry: &Carry,
    paths: &[std::path::PathBuf],
    options: &crate::input::Options,
) -> Result<Report> {
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
    let mut audit = Audit::new(resolver, carry);
    let period = &resolver.policy.period;
    let dating = Dating::Within(period.start, period.end);
    for path in paths {
        roster_file::read(path, options, dating, |row, nips| {
            let problem = |broken: Broken, unit: &str| Violation {
                guarantee: Guarantee::OneRowPerDay,
                unit: unit.to_owned(),
                dates: Dates::Day(row.date),
                nip: row.nip.clone(),
                broken,
                extremes: None,
                unit_id: None,
            };
            let Some(person) = by_nip.find(&row.nip) else {
                // A NIP a spreadsheet cut to 15 digits is the file's fault, not this row's: one
                // error instead of a violation for every row of the file.
                if let Some(like) = by_nip.truncated_from(&row.nip) {
                    return Err(nips.error(row.line, nip::like_message(&row.nip, like)));
                }
                let (line, name) = (row.line, row.name.clone());
                audit.add(problem(Broken::UnknownNip { line, name }, &row.unit));
                return Ok(());
            };
            let p = &staff.people[person];
            let unit = staff.unit(p);
            let Some(day) = day_index(row.date) else {
                let broken = Broken::NotAWorkingDay {
                    line: row.line,
                    name: staff.name(p).to_owned(),
                    date: row.date,
                    why: not_a_working_day(resolver, row.date),
                };
                audit.add(problem(broken, unit));
                return Ok(());
            };
            let at = person * days + day;
            if cells[at] != 0 {
                let broken = Broken::TwoRows {
                    name: staff.name(p).to_owned(),
                    first: cells[at] >> MODE_BITS,
                    second: row.line,
                };
                audit.add(problem(broken, unit));
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
