//! Plans that keep what people were told and grant what they asked for.
//!
//! Two kinds of [`Wish`] reach the planner: staff requests (soft ones; hard ones are fixed
//! days of the resolver), and, when re-planning against a published roster, the mode each
//! rotating day was published with. Both go the same way:
//! 1. a rehearsal plans the window day by day, taking a unit's published days whole where it
//!    has one for every rotating person-day, and breaking ties toward wishes elsewhere;
//! 2. every unit where that rehearsal leaves a guarantee unmet, a published day unkept or a
//!    request unmet goes to the exact search with the wishes as costs, which finds a roster
//!    meeting every guarantee and leaving the least weight of wishes unmet (within its
//!    budget);
//! 3. a unit the search cannot take (too large, or out of budget) keeps the rehearsal's
//!    plan: its published days where they met every guarantee, else the day-by-day plan.

use super::{EXACT_BUDGET, EXACT_BUDGET_PER_RUN, Outcome, Overrides, UnitPlan, Wish};
use super::{Prefer, WishKind, WishOf, solve_unit};
use crate::carry::Carry;
use crate::mode::Mode;
use crate::requests::{Requests, Strength};
use crate::resolve::{Decision, Resolver};
use crate::staff::{Id, Staff};
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

/// What changing a published day costs: a day in the window's first week twice as much as a
/// later one, so that changes fall further in the future, where people have more notice.
pub fn published_weight(day: usize) -> u32 {
    if day < 5 { 2 } else { 1 }
}

/// The mode a person-day had in the published roster.
pub trait Pins {
    fn pin(&self, person: usize, day: usize) -> Option<Mode>;
}

impl<F: Fn(usize, usize) -> Option<Mode>> Pins for F {
    fn pin(&self, person: usize, day: usize) -> Option<Mode> {
        self(person, day)
    }
}

pub type PinOf<'a> = &'a dyn Pins;

/// The wish a published day makes: its mode, at [`published_weight`].
fn pin_wish(pins: Option<PinOf>, person: usize, day: usize) -> Option<Wish> {
    let mode = pins?.pin(person, day)?;
    let m = mode.split_index()?;
    let mut admits = [false; 3];
    admits[m] = true;
    Some(Wish {
        admits,
        kind: WishKind::Keep {
            weight: published_weight(day),
        },
    })
}

/// Every wish on a person-day: the soft requests' and the published day's.
pub fn wishes_of<'a>(
    pins: Option<PinOf<'a>>,
    requests: Option<WishOf<'a>>,
) -> impl Fn(usize, usize) -> SmallVec<[Wish; 2]> + 'a {
    move |person, day| {
        let mut all: SmallVec<[Wish; 2]> =
            requests.map(|w| w.wishes(person, day)).unwrap_or_default();
        all.extend(pin_wish(pins, person, day));
        all
    }
}

/// The wishes soft requests make (hard ones are fixed days of the resolver).
pub fn request_wishes(requests: &Requests) -> impl Fn(usize, usize) -> SmallVec<[Wish; 2]> + '_ {
    move |person, day| match requests.on(person, day) {
        Some(request) if request.strength == Strength::Soft => {
            let admits = [0, 1, 2].map(|m| request.wish.admits(Mode::SPLIT[m]));
            smallvec::smallvec![Wish {
                admits,
                kind: WishKind::Request,
            }]
        }
        _ => SmallVec::new(),
    }
}

/// The units with a soft request on a day of the window.
pub fn requested_units(requests: &Requests, staff: &Staff) -> Vec<Id> {
    let mut units: Vec<Id> = (requests.list.iter())
        .filter(|r| r.strength == Strength::Soft && !r.days.is_empty())
        .map(|r| staff.people[r.person].unit)
        .collect();
    units.sort_unstable();
    units.dedup();
    units
}

/// What [`keep_and_grant`] decided.
#[derive(Debug, Default)]
pub struct Kept {
    /// Units whose rotation is fixed here: published days kept, or found by the exact search.
    pub overrides: Overrides,
    /// Units with wishes that the exact search could not take (too large, or out of
    /// budget): planned day by day.
    pub day_by_day: Vec<Id>,
    /// Units where no roster meets every guarantee: planned day by day too.
    pub impossible: Vec<Id>,
}

/// Decides the rotation of every unit with a published roster (`pins`) or a soft request
/// (`requests`, with the units they fall in), keeping published days and granting requests
/// as far as every guarantee allows.
pub fn keep_and_grant(
    resolver: &Resolver,
    carry: &Carry,
    pins: Option<PinOf>,
    requests: Option<WishOf>,
    requested_units: &[Id],
) -> Kept {
    let r = resolver;
    let staff = r.staff;
    let days = r.days.len();
    let unit_count = staff.units.len();
    let first_of = |unit: Id| staff.unit_people(unit as usize).start;
    let pin_wish = |person: usize, day: usize| pin_wish(pins, person, day);

    // 1. Published days, for the units that have one for every rotating person-day.
    let mut kept = Overrides::default();
    if pins.is_some() {
        for unit in 0..unit_count as Id {
            let people = staff.unit_people(unit as usize);
            let (first, last) = (people.start, people.end);
            let mut modes = Vec::with_capacity((last - first) * days);
            let mut whole = true;
            for person in first..last {
                for day in 0..days {
                    modes.push(match r.decide(person, day).1 {
                        Decision::Fixed(_) => None,
                        Decision::Rotate(_) => {
                            let wish = pin_wish(person, day);
                            whole &= wish.is_some();
                            wish.and_then(|w| w.admits.iter().position(|&a| a))
                                .map(|m| Mode::SPLIT[m])
                        }
                    });
                }
            }
            if whole && last > first {
                kept.insert(unit, UnitPlan::new(first, days, modes));
            }
        }
    }

    // 2. The rehearsal: its plan of the units with wishes, and the units it leaves failing.
    let wishes = wishes_of(pins, requests);
    let interesting: FxHashSet<Id> = if pins.is_some() {
        (0..unit_count as Id).collect()
    } else {
        requested_units.iter().copied().collect()
    };
    let (report, rehearsed) =
        super::rehearse_recording(r, carry, &kept, Some(&wishes), &interesting);
    // Units where the rehearsal leaves a wish unmet on a rotating day.
    let unmet_wish: FxHashSet<Id> = (rehearsed.iter())
        .filter(|(unit, plan)| {
            let first = first_of(**unit);
            plan.iter().enumerate().any(|(i, mode)| {
                let Some(mode) = mode else { return false };
                let m = mode.split_index();
                (wishes(first + i / days, i % days).iter()).any(|w| !m.is_some_and(|m| w.admits[m]))
            })
        })
        .map(|(&unit, _)| unit)
        .collect();
    let failing: FxHashSet<Id> = report.violations.iter().filter_map(|v| v.unit_id).collect();

    // 3. The exact search, for the units the rehearsal did not settle.
    let mut units: Vec<Id> = interesting
        .iter()
        .copied()
        .filter(|u| failing.contains(u) || unmet_wish.contains(u))
        .collect();
    units.sort_unstable();
    let mut left = EXACT_BUDGET_PER_RUN;
    let mut decided = Kept::default();
    // Units no roster can meet every guarantee in, with their published days.
    let mut published_impossible = Overrides::default();
    for unit in units {
        let first = first_of(unit);
        // The search starts from the rehearsal's plan, and stays near it.
        let near = |person: usize, day: usize| wishes(person, day);
        let hint = |person: usize, day: usize| -> Option<Mode> {
            rehearsed.get(&unit)?[(person - first) * days + day]
        };
        let prefer = Prefer {
            wishes: &near,
            hint: &hint,
        };
        // Building a model costs too, more than in proportion to the unit's rotating
        // person-days: counted with the conflicts, so that a run with requests in hundreds
        // of units stays within seconds (the rest keep the day-by-day grants).
        let cells = (rehearsed.get(&unit))
            .map_or(0, |plan| plan.iter().filter(|m| m.is_some()).count() as u64);
        let building = match cells as usize > super::MAX_PERSON_DAYS {
            true => 0,
            false => cells * cells / 1_000,
        };
        let (outcome, spent) = match left > building {
            true => solve_unit(r, carry, unit, EXACT_BUDGET.min(left), None, Some(&prefer)),
            false => (Outcome::GaveUp, 0),
        };
        left -= (spent + building).min(left);
        match outcome {
            Outcome::Planned(plan) => {
                decided.overrides.insert(unit, plan);
            }
            // No roster meets every guarantee: the day-by-day plan, which keeps published
            // days where the guarantees leave a choice, breaks fewer than the published days
            // kept whole would.
            // Planned day by day (published days as tie-breaks), or as published when that
            // breaks no more guarantees (see below).
            Outcome::Impossible => {
                if let Some(plan) = kept.remove(&unit) {
                    published_impossible.insert(unit, plan);
                }
                decided.impossible.push(unit);
            }
            // Out of budget: published days that meet every guarantee stay.
            Outcome::GaveUp if kept.contains_key(&unit) && !failing.contains(&unit) => {
                decided
                    .overrides
                    .insert(unit, kept.remove(&unit).expect("kept"));
            }
            Outcome::GaveUp => {
                kept.remove(&unit);
                decided.day_by_day.push(unit);
            }
        }
    }
    // Units whose published days meet every guarantee and every wish stay as published.
    for (unit, plan) in kept {
        decided.overrides.entry(unit).or_insert(plan);
    }
    // Where no roster meets every guarantee, the published days stay unless the day-by-day
    // plan breaks fewer guarantees: whichever is better, the published roster on a tie, so
    // that re-planning a re-plan changes nothing.
    if !decided.impossible.is_empty() {
        settle_impossible(
            r,
            carry,
            pins,
            requests,
            &report,
            &published_impossible,
            &mut decided,
        );
    }
    decided.day_by_day.sort_unstable();
    decided
}

/// Units where no roster meets every guarantee keep whichever plan breaks the fewest: the
/// published days, or the day-by-day plan with them as tie-breaks, then that plan's own
/// day-by-day plan, and so on while it breaks fewer (a few rounds). Ending where another
/// round would not improve makes a re-plan of the re-plan keep it: it changes nothing.
fn settle_impossible(
    r: &Resolver,
    carry: &Carry,
    pins: Option<PinOf>,
    requests: Option<WishOf>,
    published_report: &crate::audit::Report,
    published: &Overrides,
    decided: &mut Kept,
) {
    const ROUNDS: usize = 4;
    let staff = r.staff;
    let days = r.days.len();
    let broken = |report: &crate::audit::Report, unit: Id| -> u64 {
        let name = staff.units[unit as usize].as_str();
        (report.violation_counts.iter())
            .filter(|c| c.unit.as_deref() == Some(name))
            .map(|c| c.count)
            .sum()
    };
    let units: FxHashSet<Id> = decided.impossible.iter().copied().collect();
    let mut best: FxHashMap<Id, (u64, Option<UnitPlan>)> = (units.iter())
        .map(|&unit| match published.get(&unit) {
            Some(plan) => (unit, (broken(published_report, unit), Some(plan.clone()))),
            None => (unit, (u64::MAX, None)),
        })
        .collect();
    let first_of = |unit: Id| staff.unit_people(unit as usize).start;
    for _ in 0..ROUNDS {
        // The best plan so far is what the next round wishes to keep.
        let pinned = |person: usize, day: usize| -> Option<Mode> {
            match best.get(&staff.people[person].unit) {
                Some((_, Some(plan))) => plan.mode(person, day),
                _ => pins?.pin(person, day),
            }
        };
        let wishes = wishes_of(Some(&pinned), requests);
        let (report, mut plans) =
            super::rehearse_recording(r, carry, &decided.overrides, Some(&wishes), &units);
        let better: Vec<(Id, u64)> = (units.iter())
            .map(|&unit| (unit, broken(&report, unit)))
            .filter(|&(unit, count)| count < best[&unit].0)
            .collect();
        drop(wishes);
        if better.is_empty() {
            break;
        }
        for (unit, count) in better {
            let modes = plans.remove(&unit).unwrap_or_default();
            best.insert(
                unit,
                (count, Some(UnitPlan::new(first_of(unit), days, modes))),
            );
        }
    }
    for (unit, (_, plan)) in best {
        if let Some(plan) = plan {
            decided.overrides.insert(unit, plan);
        }
    }
}
