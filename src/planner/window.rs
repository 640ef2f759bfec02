//! Mending a unit window by window. A unit too large for one exact model (its daily counts
//! run into the hundreds) keeps its day-by-day roster, and each broken guarantee is mended by
//! an exact search over a window that holds it — the ISO week(s) of a broken day, or, for a
//! period-wide guarantee, the people at its extremes over the whole period — with every
//! person-day outside the window kept as it is. A window leaves out only the guarantees that
//! are broken outside it, so every guarantee that holds keeps holding and each window mends
//! at least one: the loop ends with a roster meeting every guarantee, or with a window that
//! cannot be mended even at its largest (the unit is then *unsettled*, never "impossible":
//! only a counting argument or a whole-unit model proves that).
//!
//! Work is counted in the solver's conflicts, never timed, so the roster is the same on
//! every machine.

use super::exact::{Broken, Key, Narrow, Outcome, Prefer, UnitPlan, Window, Wish, solve_in};
use crate::carry::Carry;
use crate::mode::Mode;
use crate::resolve::{Decision, Resolver};
use crate::staff::Id;
use chrono::Datelike;
use rustc_hash::FxHashSet;
use smallvec::SmallVec;

/// How a window grows each time it cannot be mended: weeks added on each side of the
/// target's week(s), and the most rotating person-days it frees — for a window of days, and
/// for a period-wide target (which takes every day and only the people limit). A week's
/// window takes a whole unit of up to 500 people at once: when everyone must be remote on
/// set days of the week, freezing some of them leaves the rest a pigeonhole, while with
/// everyone free it is settled by propagation alone. A period-wide window starts with fewer
/// people, whose whole period is a harder model.
const GROWTH: [(usize, usize, usize); 4] = [
    (0, 2_500, 1_500),
    (0, 4_000, 3_000),
    (1, 4_000, 4_000),
    (2, 8_000, 8_000),
];
/// Conflicts for a first window; doubled with each growth.
const WINDOW_CONFLICTS: u64 = 10_000;
/// Conflicts for all windows of one unit.
const UNIT_CONFLICTS: u64 = 1_500_000;
/// Windows for one unit.
const ROUNDS: usize = 500;

/// A unit's roster, person by person: `modes[(person - first) * days + day]`, `Some` on
/// rotating days.
type Modes = Vec<Option<Mode>>;

/// Mends `base`, the unit's day-by-day roster, window by window until every guarantee
/// holds; says how much work it spent. [`Outcome::Impossible`] is never returned: a window
/// that cannot be mended proves nothing about the unit.
pub(crate) fn mend(resolver: &Resolver, carry: &Carry, unit: Id, base: Modes) -> (Outcome, u64) {
    let r = resolver;
    let people = r.staff.unit_people(unit as usize);
    let (first, count) = (people.start, people.len());
    let days = r.days.len();
    let rotating: Vec<Vec<bool>> = people
        .clone()
        .map(|p| {
            (0..days)
                .map(|d| matches!(r.decide(p, d).1, Decision::Rotate(_)))
                .collect()
        })
        .collect();
    let hashes: Vec<u64> = people
        .clone()
        .map(|p| super::stable_hash(r.staff.nip(&r.staff.people[p])))
        .collect();
    // The first working day of each day's ISO week, and the last.
    let week_first = week_firsts(r);
    let mut week_last = vec![days.saturating_sub(1); days];
    for d in (0..days.saturating_sub(1)).rev() {
        let same = r.days[d].iso_week() == r.days[d + 1].iso_week();
        week_last[d] = if same { week_last[d + 1] } else { d };
    }

    let mut plan = base;
    let mut spent = 0u64;
    let mut growth = 0u32;
    // The last target (and growth) a window was mended for by the integer program.
    let mut by_program: Option<(Key, u32)> = None;
    // Whether chains of hand-overs were tried on the plan as it stands.
    let mut chained = false;
    let no_wishes = |_: usize, _: usize| SmallVec::<[Wish; 2]>::new();
    for round in 0..ROUNDS {
        let broken = {
            let kept = |p: usize, d: usize| plan[(p - first) * days + d];
            let check = Window {
                frozen: &kept,
                relaxed: FxHashSet::default(),
                check: true,
                period_wide: true,
                narrow: None,
                horizon: None,
            };
            solve_in(r, carry, unit, 0, None, None, Some(&check)).2
        };
        // Days first, in order; then the period-wide guarantees.
        let Some(Broken {
            key: target,
            people: named,
            spread,
            span,
        }) = broken
            .iter()
            .min_by_key(|b| {
                (
                    b.key.days().is_none(),
                    b.key.days().map_or(0, |d| d.0),
                    b.key,
                )
            })
            .cloned()
        else {
            return (Outcome::Planned(UnitPlan::new(first, days, plan)), spent);
        };
        // A fairness spread is first narrowed by chains of hand-overs between colleagues
        // (see [`super::transfers`]), which keep every day as it is.
        if matches!(target, Key::Fair { .. }) && !chained {
            chained = true;
            if super::transfers::even_out(r, carry, unit, first, &mut plan, &hashes) {
                growth = 0;
                continue;
            }
        }
        if growth as usize >= GROWTH.len() || spent >= UNIT_CONFLICTS {
            return (Outcome::GaveUp, spent);
        }
        let (weeks, days_limit, period_limit) = GROWTH[growth as usize];
        let limit = match target.days() {
            Some(_) => days_limit,
            None => period_limit,
        };
        // The window's days: the target's ISO weeks and `weeks` weeks on each side. A run
        // is mended in the week of its last day (see [`Window::horizon`]).
        // A fairness spread in a pool of a few weeks (a dated rule's) takes those weeks.
        let short = span.filter(|(a, b)| 2 * (b - a + 1) <= days);
        let (mut lo, mut hi) = match (target.days(), short) {
            (Some((_, b)), _) if matches!(target, Key::Run { .. }) => (week_first[b], week_last[b]),
            (Some((a, b)), _) | (None, Some((a, b))) => (week_first[a], week_last[b]),
            (None, None) => (0, days - 1),
        };
        for _ in 0..weeks {
            lo = if lo > 0 { week_first[lo - 1] } else { 0 };
            hi = if hi + 1 < days { week_last[hi + 1] } else { hi };
        }
        // Its people: those the target names (the two ends of a fairness spread taken in
        // turn, so that the window can swap days between them), then the others in an
        // order that changes with the round (a window that could not be mended tries other
        // people).
        let at_low = spread.map_or(named.len(), |s| s.2);
        let (lows, highs) = named.split_at(at_low.min(named.len()));
        let mut rank = vec![usize::MAX; count];
        for (k, &i) in lows.iter().enumerate() {
            rank[i] = 2 * k;
        }
        for (k, &i) in highs.iter().enumerate() {
            rank[i] = 2 * k + 1;
        }
        // A person's week or run is mended with that person in the window.
        if let Key::Week { person, .. } | Key::Run { person, .. } = target {
            rank[person] = 0;
        }
        let salt = super::stable_hash(&round.to_string());
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by_key(|&i| (rank[i], hashes[i] ^ salt, i));
        let mut chosen = vec![false; count];
        let mut free = 0;
        let mut ends = 0;
        for i in order {
            let days_in = rotating[i][lo..=hi].iter().filter(|&&x| x).count();
            if days_in == 0 {
                continue;
            }
            if free + days_in > limit && free > 0 {
                break;
            }
            chosen[i] = true;
            free += days_in;
            ends += usize::from(rank[i] != usize::MAX);
        }
        // A spread of fairness too wide for one window narrows a step at a time: fewer of
        // the window's people at its two ends, none beyond them.
        let narrow = spread.map(|(low, high, _)| Narrow {
            key: target,
            low,
            high,
            ends: ends.saturating_sub(((ends / 4) >> growth).max(1)),
        });
        // A spread in a short pool is a transport problem over its weeks with everyone's
        // counts banded: the integer program takes it first, the narrowing search after.
        if short.is_some() && target.days().is_none() && by_program != Some((target, growth)) {
            by_program = Some((target, growth));
            let window = (lo, hi);
            let fair = true;
            if let Some(mended) = super::weeks::mend_window(
                r, carry, unit, first, &plan, &chosen, window, &hashes, fair,
            ) {
                plan = mended;
                growth = 0;
                chained = false;
                continue;
            }
        }
        // Left out: what is broken outside the window, and the other period-wide guarantees.
        let relaxed: FxHashSet<Key> = (broken.iter())
            .map(|b| b.key)
            .filter(|k| *k != target)
            .filter(|k| k.days().is_none_or(|(a, b)| a < lo || b > hi))
            .collect();
        let outcome = {
            let kept = |p: usize, d: usize| {
                let i = p - first;
                if chosen[i] && (lo..=hi).contains(&d) {
                    None
                } else {
                    plan[i * days + d]
                }
            };
            let sweeping = target.days().is_some();
            let paced =
                sweeping.then(|| pace(r, first, &plan, &chosen, (lo, hi), &hashes, &week_first));
            let hint = |p: usize, d: usize| match &paced {
                Some(paced) if chosen[p - first] && (lo..=hi).contains(&d) => {
                    paced[(p - first) * days + d]
                }
                _ => plan[(p - first) * days + d],
            };
            let prefer = Prefer {
                wishes: &no_wishes,
                hint: &hint,
            };
            let window = Window {
                frozen: &kept,
                relaxed,
                check: false,
                period_wide: target.days().is_none(),
                narrow,
                // Days after the window are still to be mended: runs into them wait.
                horizon: sweeping.then_some(hi),
            };
            let conflicts = (WINDOW_CONFLICTS << growth).min(UNIT_CONFLICTS - spent);
            let (outcome, used, _) = solve_in(
                r,
                carry,
                unit,
                conflicts,
                None,
                Some(&prefer),
                Some(&window),
            );
            spent += used.max(1);
            outcome
        };
        // A week the SAT search gives up on is often a tight transport problem (everyone
        // remote exactly once or twice that week): the integer program takes it, once per
        // target and size of window, and the next round's check holds it to every guarantee.
        let outcome = match outcome {
            Outcome::Planned(_) => outcome,
            _ if target.days().is_some() && by_program != Some((target, growth)) => {
                by_program = Some((target, growth));
                let fair = false;
                let window = (lo, hi);
                match super::weeks::mend_window(
                    r, carry, unit, first, &plan, &chosen, window, &hashes, fair,
                ) {
                    Some(mended) => {
                        plan = mended;
                        growth = 0;
                        chained = false;
                        continue;
                    }
                    None => outcome,
                }
            }
            _ => outcome,
        };
        match outcome {
            Outcome::Planned(mended) => {
                for i in 0..count {
                    for d in lo..=hi {
                        if chosen[i] && rotating[i][d] {
                            plan[i * days + d] = mended.mode(first + i, d);
                        }
                    }
                }
                growth = 0;
                chained = false;
            }
            Outcome::Impossible | Outcome::GaveUp => growth += 1,
        }
    }
    (Outcome::GaveUp, spent)
}

/// The first working day of each working day's ISO week.
pub(super) fn week_firsts(r: &Resolver) -> Vec<usize> {
    let mut week_first = vec![0usize; r.days.len()];
    for d in 1..r.days.len() {
        let same = r.days[d].iso_week() == r.days[d - 1].iso_week();
        week_first[d] = if same { week_first[d - 1] } else { d };
    }
    week_first
}

/// A starting point for a window of days: each day's remote places (share × the rotating
/// people, less those the window keeps) go to the window's people with the fewest remote days
/// so far, within their weekly cap: the search starts near a fair roster, so
/// mending the days does not spoil fairness over the period.
#[allow(clippy::too_many_arguments)]
fn pace(
    r: &Resolver,
    first: usize,
    plan: &Modes,
    chosen: &[bool],
    (lo, hi): (usize, usize),
    hashes: &[u64],
    week_first: &[usize],
) -> Modes {
    let days = r.days.len();
    let count = chosen.len();
    let mut paced = plan.clone();
    let in_window = |d: usize| (lo..=hi).contains(&d);
    // Per person: the days of each mode before the window (the windows go forward in time).
    let mut had = vec![[0u32; 3]; count];
    for (i, counts) in had.iter_mut().enumerate() {
        for d in 0..lo {
            if let Some(m) = plan[i * days + d].and_then(super::super::mode::Mode::split_index) {
                counts[m] += 1;
            }
        }
    }
    let cap = r.policy.rotation.max_remote_per_week.unwrap_or(u32::MAX);
    let run_cap = (r.policy.rotation.max_consecutive_remote).map_or(usize::MAX, |m| m as usize);
    let mut week_remote = vec![0u32; count];
    for d in lo..=hi {
        if d == lo || week_first[d] == d {
            // Remote days of the week the window does not free (fixed or kept).
            for (i, remote) in week_remote.iter_mut().enumerate() {
                let person = first + i;
                *remote = (week_first[d]..days)
                    .take_while(|&e| week_first[e] == week_first[d])
                    .filter(|&e| match r.decide(person, e).1 {
                        Decision::Fixed(m) => m.is_remote(),
                        Decision::Rotate(_) => {
                            !(chosen[i] && in_window(e))
                                && plan[i * days + e].is_some_and(Mode::is_remote)
                        }
                    })
                    .count() as u32;
            }
        }
        // Per split: the window's people rotating today, and each mode's places to give
        // (share × n less the days the window keeps in that mode, in hundredths).
        let mut splits: Vec<(crate::policy::Split, Vec<usize>, [i64; 3])> = Vec::new();
        for i in 0..count {
            let Decision::Rotate(source) = r.decide(first + i, d).1 else {
                continue;
            };
            let split = r.split(source);
            let slot = match splits.iter().position(|s| s.0 == split) {
                Some(k) => k,
                None => {
                    splits.push((split, Vec::new(), [0; 3]));
                    splits.len() - 1
                }
            };
            if chosen[i] {
                splits[slot].1.push(i);
            } else if let Some(m) =
                plan[i * days + d].and_then(super::super::mode::Mode::split_index)
            {
                splits[slot].2[m] -= 100;
            }
            for m in 0..3 {
                splits[slot].2[m] += i64::from(split.0[m]);
            }
        }
        for (split, mut people, places) in splits {
            let wanted = places.map(|p| (p + 50).div_euclid(100).max(0) as usize);
            // Those who cannot spend their weekly budget on the days left after today go
            // first (the lookahead a day-by-day plan lacks), then the fewest remote so far.
            let week_end = (d..=hi)
                .take_while(|&e| week_first[e] == week_first[d])
                .last()
                .unwrap_or(d);
            let must = |i: usize| {
                let left = (d + 1..=week_end)
                    .filter(|&e| matches!(r.decide(first + i, e).1, Decision::Rotate(_)))
                    .count();
                let most_later = left - left / (run_cap.min(left) + 1);
                cap.saturating_sub(week_remote[i]) as usize > most_later
            };
            people.sort_by_key(|&i| (!must(i), had[i][1] + had[i][2], hashes[i], i));
            let mut remote_people = Vec::new();
            for &i in &people {
                // A remote day may not make a run longer than the limit: count the remote
                // days just before (as paced) and just after (as kept).
                let row = &paced[i * days..(i + 1) * days];
                let remote_at = |e: usize| match r.decide(first + i, e).1 {
                    Decision::Fixed(m) => m.is_remote(),
                    Decision::Rotate(_) => row[e].is_some_and(Mode::is_remote),
                };
                let before = (0..d).rev().take_while(|&e| remote_at(e)).count();
                // Days after the window are mended later (see [`Window::horizon`]).
                let after = (d + 1..=hi)
                    .take_while(|&e| !(chosen[i] && in_window(e)) && remote_at(e))
                    .count();
                let run_ok = before + 1 + after <= run_cap;
                if remote_people.len() < wanted[1] + wanted[2] && week_remote[i] < cap && run_ok {
                    remote_people.push(i);
                    week_remote[i] += 1;
                } else {
                    let mode = if split.0[0] > 0 { 0 } else { 1 };
                    had[i][mode] += 1;
                    paced[i * days + d] = Some(Mode::SPLIT[mode]);
                }
            }
            // WFA to those furthest behind on it, up to its places; WFH to the others.
            let behind = |i: usize| {
                i64::from(split.0[2]) * i64::from(had[i].iter().sum::<u32>() + 1)
                    - 100 * i64::from(had[i][2])
            };
            remote_people.sort_by_key(|&i| (std::cmp::Reverse(behind(i)), hashes[i], i));
            for (k, &i) in remote_people.iter().enumerate() {
                let mode = if split.0[2] > 0 && (k < wanted[2] || split.0[1] == 0) {
                    2
                } else {
                    1
                };
                had[i][mode] += 1;
                paced[i * days + d] = Some(Mode::SPLIT[mode]);
            }
        }
    }
    paced
}
