//! Why a unit the exact search proved impossible is impossible, and the smallest change to
//! the policy that makes it possible.
//!
//! The cause is a fact from the proof: the counting argument that fired (the weekly cap
//! against the quotas' remote floor, runs against the quotas, the office floor against the
//! totals), the office floor against the people who can be in the office, or else an
//! unsatisfiable core of the unit's guarantee constraints. The changes are searched, never
//! guessed: along each knob the cause involves, the nearest value with which the exact
//! search plans every unit of the cause, each step before it proven impossible. Pure: facts
//! in, facts out; only the writers make sentences.

use super::exact::{Key, Proof, Why, solve_explaining};
use super::{EXACT_BUDGET, Outcome, solve_unit};
use crate::carry::Carry;
use crate::mode::Mode;
use crate::policy::{Effect, MinOffice, Policy, Split};
use crate::resolve::{Decision, Resolver, Source};
use crate::staff::Id;
use chrono::NaiveDate;

pub use crate::facts::causes::{Cause, Change, Constraint, EXEMPT_RULE, Finding, Knob, Week};

/// The kind of a guarantee constraint of the exact search.
fn constraint_of(key: &Key) -> Constraint {
    match key {
        Key::Quota { .. } => Constraint::DailyQuota,
        Key::Total { .. } => Constraint::PeriodQuota,
        Key::Fair { .. } => Constraint::Fairness,
        Key::Week { .. } => Constraint::WeeklyCap,
        Key::Run { .. } => Constraint::RunCap,
        Key::Office { .. } => Constraint::OfficeFloor,
    }
}

/// The causes of the units proven impossible, one finding per distinct cause (in order of
/// the first unit it holds in), each with the changes that fix it.
pub fn causes(resolver: &Resolver, carry: &Carry, impossible: &[Id]) -> Vec<Finding> {
    let mut findings: Vec<Finding> = Vec::new();
    for &unit in impossible {
        let cause = cause_of(resolver, carry, unit);
        match findings.iter_mut().find(|f| f.cause == cause) {
            Some(finding) => finding.units.push(unit),
            None => findings.push(Finding {
                cause,
                units: vec![unit],
                changes: Vec::new(),
                tried: Vec::new(),
            }),
        }
    }
    for finding in &mut findings {
        let knobs = knobs(&finding.cause, resolver.policy);
        for &knob in &knobs {
            if let Some(change) = smallest_change(resolver, carry, &finding.units, knob) {
                finding.changes.push(change);
            }
        }
        if let Some(change) = exemption(resolver, carry, finding) {
            finding.changes.push(change);
        }
        if finding.changes.is_empty() {
            finding.tried = knobs;
        }
    }
    findings
}

/// For a cause that holds in some of the units that rotate and not in the others: exempting
/// its units (in its one week, when it names one) from rotating, by a rule after the others
/// whose `units` match those units alone, when the exact search then plans them.
fn exemption(r: &Resolver, carry: &Carry, finding: &Finding) -> Option<Change> {
    let rotating = (0..r.staff.units.len())
        .filter(|&u| {
            r.staff
                .unit_people(u)
                .any(|p| (0..r.days.len()).any(|d| matches!(r.decide(p, d).1, Decision::Rotate(_))))
        })
        .count();
    if finding.units.len() >= rotating {
        return None;
    }
    let week = match &finding.cause {
        Cause::WeeklyCap { week: Some(w), .. } | Cause::FixedRemote { week: Some(w), .. } => {
            Some((w.first, w.last))
        }
        _ => None,
    };
    let names: Vec<String> = (finding.units.iter())
        .map(|&u| r.staff.units[u as usize].clone())
        .collect();
    let mut patterns = Vec::new();
    for name in &names {
        let pattern = crate::pattern::Pattern::parse(name).ok()?;
        // Only the units meant: a word pattern may match a longer unit's name too.
        let others = (r.staff.units.iter()).filter(|u| !names.contains(u));
        if others.clone().any(|u| pattern.matches(u)) {
            return None;
        }
        patterns.push(pattern);
    }
    let mut changed = r.policy.clone();
    changed.rules.push(crate::policy::Rule {
        name: EXEMPT_RULE.to_owned(),
        line: 0,
        units: Some(patterns),
        roles: None,
        teams: None,
        nips: None,
        weekdays: None,
        dates: None,
        from: week.map(|w| w.0),
        to: week.map(|w| w.1),
        effect: Effect::Mode(Mode::Wfo),
    });
    let mut resolver = Resolver::new(&changed, r.staff, r.leave);
    if let Some(requests) = r.requests() {
        resolver = resolver.with_requests(requests);
    }
    let planned = (finding.units.iter()).all(|&unit| {
        matches!(
            solve_unit(&resolver, carry, unit, EXACT_BUDGET, None, None).0,
            Outcome::Planned(_)
        )
    });
    planned.then_some(Change::Exempt { units: names, week })
}

/// The cause of one unit the exact search proved impossible.
pub fn cause_of(r: &Resolver, carry: &Carry, unit: Id) -> Cause {
    let date = |d: usize| r.days[d];
    let week = |(first, last): (usize, usize)| Week {
        first: date(first),
        last: date(last),
        days: last + 1 - first,
    };
    if let Some(cause) = office_floor(r, unit) {
        return cause;
    }
    let mut why = Why {
        want_core: true,
        ..Why::default()
    };
    solve_explaining(
        r,
        carry,
        unit,
        EXACT_BUDGET,
        None,
        None,
        None,
        Some(&mut why),
    );
    let rotation = &r.policy.rotation;
    match why.proof {
        Some(Proof::WeeklyCap {
            days,
            needed,
            capacity,
            unfixed,
            person_days,
            failing,
            weeks,
        }) => {
            let cap = rotation.max_remote_per_week.unwrap_or(0);
            // One week named when it alone fails (a short or crowded week); else the cap
            // is against the share itself.
            let week = (failing == 1 && weeks > 1).then(|| week(days));
            if unfixed >= needed {
                return Cause::FixedRemote {
                    cap,
                    needed,
                    capacity,
                    unfixed,
                    week,
                };
            }
            let person_days = person_days.max(1);
            let asked = match (week, busiest_source(r, &[unit])) {
                (None, Some(source)) => r.split(source).remote_share(),
                _ => (needed * 100).div_ceil(person_days) as u32,
            };
            Cause::WeeklyCap {
                cap,
                most: (capacity * 100 / person_days) as u32,
                asked,
                week,
            }
        }
        Some(Proof::Runs {
            days,
            needed,
            capacity,
        }) => Cause::Runs {
            max: rotation.max_consecutive_remote.unwrap_or(0),
            first: date(days.0),
            last: date(days.1),
            needed,
            capacity,
            holiday: holiday_near(r, days),
        },
        Some(Proof::OfficeTotals { needed, allowed }) => Cause::OfficeTotals {
            floor: rotation.min_office.unwrap_or(MinOffice::Count(0)),
            office: r.policy.split.0[0],
            needed,
            allowed,
        },
        None => {
            let core = why.core.unwrap_or_default();
            let mut constraints: Vec<Constraint> = core.iter().map(constraint_of).collect();
            constraints.sort_unstable();
            constraints.dedup();
            let spans: Vec<(usize, usize)> = core.iter().filter_map(Key::days).collect();
            let days = (!spans.is_empty() && spans.len() == core.len()).then(|| {
                let first = spans.iter().map(|s| s.0).min().unwrap_or(0);
                let last = spans.iter().map(|s| s.1).max().unwrap_or(0);
                (date(first), date(last.min(r.days.len() - 1)))
            });
            Cause::Combination { constraints, days }
        }
    }
}

/// The office floor alone: the days on which it asks for more people than are present, or
/// than fixed days leave able to be in the office.
fn office_floor(r: &Resolver, unit: Id) -> Option<Cause> {
    let floor = r.policy.rotation.min_office?;
    let people = r.staff.unit_people(unit as usize);
    let mut over_present: Vec<(NaiveDate, u32, u32)> = Vec::new();
    let mut over_can: Vec<(NaiveDate, u32, u32)> = Vec::new();
    for (day, &date) in r.days.iter().enumerate() {
        let (mut present, mut can, mut rotating) = (0u32, 0u32, false);
        for person in people.clone() {
            match r.decide(person, day).1 {
                Decision::Fixed(mode) => {
                    present += u32::from(mode != Mode::Leave);
                    can += u32::from(mode == Mode::Wfo);
                }
                Decision::Rotate(source) => {
                    rotating = true;
                    present += 1;
                    can += u32::from(r.split(source).0[0] > 0);
                }
            }
        }
        let required = floor.required(present);
        if !rotating {
            continue;
        }
        if required > present {
            over_present.push((date, required, present));
        } else if required > can {
            over_can.push((date, required, can));
        }
    }
    // The most common shortfall names the cause; its days are listed.
    let most_common = |list: &[(NaiveDate, u32, u32)]| {
        let mut counted: Vec<((u32, u32), usize)> = Vec::new();
        for &(_, a, b) in list {
            match counted.iter_mut().find(|(k, _)| *k == (a, b)) {
                Some((_, n)) => *n += 1,
                None => counted.push(((a, b), 1)),
            }
        }
        let (key, _) = counted
            .into_iter()
            .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))?;
        let days = list.iter().filter(|e| (e.1, e.2) == key).map(|e| e.0);
        Some((key, days.collect::<Vec<_>>()))
    };
    if let Some(((required, present), days)) = most_common(&over_present) {
        return Some(Cause::OfficeFloor {
            floor,
            required,
            present,
            days,
        });
    }
    let ((required, can), days) = most_common(&over_can)?;
    Some(Cause::FixedOffice {
        floor,
        required,
        can,
        days,
    })
}

/// A holiday (of the calendar or the policy) between the working days around `days`.
fn holiday_near(r: &Resolver, (first, last): (usize, usize)) -> Option<NaiveDate> {
    let from = r.days[first.saturating_sub(1)];
    let to = r.days[(last + 1).min(r.days.len() - 1)];
    from.iter_days().take_while(|d| *d <= to).find(|&d| {
        matches!(
            r.policy.period.day_off(d),
            Some(crate::policy::DayOffReason::Calendar(_) | crate::policy::DayOffReason::Holiday)
        )
    })
}

/// The knobs a cause involves, in the order they are offered.
fn knobs(cause: &Cause, policy: &Policy) -> Vec<Knob> {
    let rotation = &policy.rotation;
    let mut knobs = match cause {
        Cause::WeeklyCap { .. } | Cause::FixedRemote { .. } => {
            vec![Knob::Share, Knob::MaxRemotePerWeek]
        }
        Cause::Runs { .. } => vec![Knob::Share, Knob::MaxConsecutiveRemote],
        Cause::OfficeFloor { .. } | Cause::FixedOffice { .. } => vec![Knob::MinOffice],
        Cause::OfficeTotals { .. } => vec![Knob::Share, Knob::MinOffice],
        Cause::Combination { constraints, .. } => {
            let mut knobs = vec![Knob::Share];
            for c in constraints {
                knobs.push(match c {
                    Constraint::WeeklyCap => Knob::MaxRemotePerWeek,
                    Constraint::RunCap => Knob::MaxConsecutiveRemote,
                    Constraint::OfficeFloor => Knob::MinOffice,
                    _ => continue,
                });
            }
            if constraints.is_empty() {
                knobs.extend([
                    Knob::MaxRemotePerWeek,
                    Knob::MaxConsecutiveRemote,
                    Knob::MinOffice,
                ]);
            }
            knobs
        }
    };
    knobs.retain(|k| match k {
        Knob::Share => true,
        Knob::MaxRemotePerWeek => rotation.max_remote_per_week.is_some(),
        Knob::MaxConsecutiveRemote => rotation.max_consecutive_remote.is_some(),
        Knob::MinOffice => rotation.min_office.is_some(),
    });
    knobs
}

/// Where a change turns a split: the split source most of the units' rotating days use.
fn busiest_source(r: &Resolver, units: &[Id]) -> Option<Source> {
    let mut counted: Vec<(Source, usize)> = Vec::new();
    for &unit in units {
        for person in r.staff.unit_people(unit as usize) {
            for day in 0..r.days.len() {
                if let Decision::Rotate(source) = r.decide(person, day).1 {
                    match counted.iter_mut().find(|(s, _)| *s == source) {
                        Some((_, n)) => *n += 1,
                        None => counted.push((source, 1)),
                    }
                }
            }
        }
    }
    let most = counted.iter().map(|(_, n)| *n).max()?;
    counted
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(s, _)| s)
}

/// The most steps a knob is turned before giving up on it.
const MOST_STEPS: u32 = 100;

/// The nearest value of `knob` with which the exact search plans every one of `units`,
/// each value before it leaving one proven impossible; `None` when the knob runs out, or
/// when the search cannot decide a step within its budget.
fn smallest_change(r: &Resolver, carry: &Carry, units: &[Id], knob: Knob) -> Option<Change> {
    let policy = r.policy;
    let rotation = &policy.rotation;
    // The policy `step` steps along the knob, and the change it is.
    let turned: Box<dyn Fn(u32) -> Option<(Policy, Change)>> = match knob {
        Knob::Share => {
            let source = busiest_source(r, units)?;
            let split = r.split(source);
            // The remote mode with the larger share gives way to WFO.
            let m = if split.0[2] > split.0[1] { 2 } else { 1 };
            let rule = match source {
                Source::Rule(i) => Some(i as usize),
                _ => None,
            };
            Box::new(move |step| {
                let to = split.0[m].checked_sub(step)?;
                let mut shares = split.0;
                shares[m] = to;
                shares[0] += step;
                let mut p = policy.clone();
                match rule {
                    Some(i) => p.rules[i].effect = Effect::Split(Split(shares)),
                    None => p.split = Split(shares),
                }
                let change = Change::Share {
                    rule: rule.map(|i| policy.rules[i].name.clone()),
                    mode: Mode::SPLIT[m],
                    from: split.0[m],
                    to,
                };
                Some((p, change))
            })
        }
        Knob::MaxRemotePerWeek => {
            let from = rotation.max_remote_per_week?;
            let most = policy.period.workdays.len() as u32;
            Box::new(move |step| {
                let to = from + step;
                (to <= most).then(|| {
                    let mut p = policy.clone();
                    p.rotation.max_remote_per_week = Some(to);
                    (p, Change::MaxRemotePerWeek { from, to })
                })
            })
        }
        Knob::MaxConsecutiveRemote => {
            let from = rotation.max_consecutive_remote?;
            let most = r.days.len() as u32;
            Box::new(move |step| {
                let to = from + step;
                (to <= most).then(|| {
                    let mut p = policy.clone();
                    p.rotation.max_consecutive_remote = Some(to);
                    (p, Change::MaxConsecutiveRemote { from, to })
                })
            })
        }
        Knob::MinOffice => {
            let from = rotation.min_office?;
            let value = match from {
                MinOffice::Count(n) | MinOffice::Percent(n) => n,
            };
            Box::new(move |step| {
                let to = value.checked_sub(step)?;
                let to = (to > 0).then_some(match from {
                    MinOffice::Count(_) => MinOffice::Count(to),
                    MinOffice::Percent(_) => MinOffice::Percent(to),
                });
                let mut p = policy.clone();
                p.rotation.min_office = to;
                Some((p, Change::MinOffice { from, to }))
            })
        }
    };
    for step in 1..=MOST_STEPS {
        let (changed, change) = turned(step)?;
        let mut resolver = Resolver::new(&changed, r.staff, r.leave);
        if let Some(requests) = r.requests() {
            resolver = resolver.with_requests(requests);
        }
        let mut all_planned = true;
        let mut undecided = Vec::new();
        for &unit in units {
            match solve_unit(&resolver, carry, unit, EXACT_BUDGET, None, None).0 {
                Outcome::Planned(_) => {}
                Outcome::Impossible => {
                    all_planned = false;
                    break;
                }
                Outcome::GaveUp => undecided.push(unit),
            }
        }
        if !all_planned {
            continue;
        }
        // Units too large for one model (or not decided by it) are planned as a run plans
        // them: day by day, then mended window by window. Not settled so, the step is not
        // decided, and neither it nor a later one can be called the smallest.
        return settled_by_planner(&resolver, carry, &undecided).then_some(change);
    }
    None
}

/// Whether the planner, as a run plans (day by day, then the exact repairs), leaves none of
/// `units` with an unmet guarantee.
fn settled_by_planner(r: &Resolver, carry: &Carry, units: &[Id]) -> bool {
    if units.is_empty() {
        return true;
    }
    let none = super::Overrides::default();
    let mut report = super::rehearse(r, carry, &none, None);
    (report.violations).retain(|v| v.unit_id.is_some_and(|u| units.contains(&u)));
    if report.violations.is_empty() {
        return true;
    }
    let repaired = super::repairs(r, carry, &report, &none, None);
    (report.violations.iter()).all(|v| v.unit_id.is_some_and(|u| repaired.planned.contains_key(&u)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leave::Leave;
    use crate::staff::Staff;

    fn inputs(rotation: &str, people: usize) -> (Policy, Staff, Leave) {
        crate::planner::exact::tests::inputs(rotation, people, "")
    }

    /// The outcome of the exact search on the unit with `change` made to the policy.
    fn with(
        policy: &Policy,
        staff: &Staff,
        leave: &Leave,
        change: impl Fn(&mut Policy),
    ) -> Outcome {
        let mut changed = policy.clone();
        change(&mut changed);
        let r = Resolver::new(&changed, staff, leave);
        solve_unit(&r, &Carry::default(), 0, EXACT_BUDGET, None, None).0
    }

    #[test]
    fn half_remote_under_two_days_a_week_is_the_cap_against_the_share() {
        let (policy, staff, leave) = inputs("max_remote_per_week = 2", 4);
        let r = Resolver::new(&policy, &staff, &leave);
        let found = causes(&r, &Carry::default(), &[0]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].cause,
            Cause::WeeklyCap {
                cap: 2,
                most: 40,
                asked: 50,
                week: None
            }
        );
        let [
            Change::Share { to: share, .. },
            Change::MaxRemotePerWeek { to: cap, .. },
        ] = found[0].changes[..]
        else {
            panic!("{:?}", found[0].changes);
        };
        assert_eq!(cap, 3);
        // Each change plans the unit; one step less does not.
        let split = |wfh: u32| move |p: &mut Policy| p.split = Split([100 - wfh, wfh, 0]);
        assert!(matches!(
            with(&policy, &staff, &leave, split(share)),
            Outcome::Planned(_)
        ));
        assert!(matches!(
            with(&policy, &staff, &leave, split(share + 1)),
            Outcome::Impossible
        ));
        let capped = |n: u32| move |p: &mut Policy| p.rotation.max_remote_per_week = Some(n);
        assert!(matches!(
            with(&policy, &staff, &leave, capped(3)),
            Outcome::Planned(_)
        ));
    }

    #[test]
    fn an_office_floor_above_the_people_present_names_the_days() {
        let (policy, staff, leave) = inputs("min_office = 3", 2);
        let r = Resolver::new(&policy, &staff, &leave);
        let found = causes(&r, &Carry::default(), &[0]);
        let Cause::OfficeFloor {
            required,
            present,
            days,
            ..
        } = &found[0].cause
        else {
            panic!("{:?}", found[0].cause);
        };
        assert_eq!((*required, *present, days.len()), (3, 2, 10));
        // Two in the office leaves nobody for WFH's quota: the floor must come down to 1.
        assert_eq!(
            found[0].changes,
            [Change::MinOffice {
                from: MinOffice::Count(3),
                to: Some(MinOffice::Count(1))
            }]
        );
    }

    #[test]
    fn without_a_counting_argument_the_core_names_the_guarantees() {
        // Alternate days: the floor of 3 of 3 keeps everyone in, and the day's quota (within
        // 1 of 1.5) asks for one at home; no count over the period shows it.
        let (policy, staff, leave) = inputs("pattern = \"alternate-days\"\nmin_office = 3", 3);
        let r = Resolver::new(&policy, &staff, &leave);
        let found = causes(&r, &Carry::default(), &[0]);
        let Cause::Combination { constraints, days } = &found[0].cause else {
            panic!("{:?}", found[0].cause);
        };
        assert_eq!(
            constraints,
            &[Constraint::DailyQuota, Constraint::OfficeFloor]
        );
        let (first, last) = days.expect("one day");
        assert_eq!(first, last);
        assert!(found[0].changes.contains(&Change::MinOffice {
            from: MinOffice::Count(3),
            to: Some(MinOffice::Count(2))
        }));
    }
}
