//! A window of days as an integer program, for the windows the SAT search gives up on.
//!
//! Some weeks are tight in a way a SAT solver handles badly: every person must be remote
//! exactly once (or twice, days apart) for the day counts to add up, a pigeonhole that
//! clause learning takes exponentially long to see. As a linear program the same window is
//! a transport problem (people to days, within each person's weekly budget and run limit,
//! each pool-day's count within its quota), whose relaxation is nearly always integral, so
//! branch and bound has little to do. The objective places remote days on the people with
//! the fewest so far (then the NIP hash), so mending the days paces fairness too.
//!
//! The search's work is counted in branch-and-bound nodes, never timed.

use super::exact::day_bounds;
use crate::carry::Carry;
use crate::mode::Mode;
use crate::policy::{RotationPattern, Teams};
use crate::resolve::{Decision, Resolver, Source};
use chrono::Datelike;
use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};
use rustc_hash::FxHashMap;

/// Branch-and-bound nodes for one window.
const NODES: u64 = 2_000;

/// A unit's roster, person by person: `modes[(person - first) * days + day]`.
type Modes = Vec<Option<Mode>>;

/// The window `lo..=hi` of the unit starting at `first`: every rotating day of a `chosen`
/// person in it gets a mode meeting the daily quotas, the office floor, the weekly cap and
/// the run limit (runs reaching past `hi` are left to later windows), with everything else
/// of `plan` kept. Returns the mended roster, or `None` when the program has no integral
/// solution within its node budget. With `fair`, every chosen person's count of each mode
/// over the period in each pool the window holds is also kept within one of their class (the
/// pool's people with as many rotating days), see [`fair_bands`].
#[allow(clippy::too_many_arguments)]
pub(super) fn mend_window(
    r: &Resolver,
    carry: &Carry,
    unit: crate::staff::Id,
    first: usize,
    plan: &Modes,
    chosen: &[bool],
    (lo, hi): (usize, usize),
    hashes: &[u64],
    fair: bool,
) -> Option<Modes> {
    let rotation = &r.policy.rotation;
    let days = r.days.len();
    let count = chosen.len();
    let decide = |i: usize, d: usize| r.decide(first + i, d).1;
    let free = |i: usize, d: usize| {
        chosen[i] && (lo..=hi).contains(&d) && matches!(decide(i, d), Decision::Rotate(_))
    };
    // Whether a day outside the free ones is remote (fixed, or as the plan keeps it).
    let remote_known = |i: usize, d: usize| match decide(i, d) {
        Decision::Fixed(m) => m.is_remote(),
        Decision::Rotate(_) => plan[i * days + d].is_some_and(Mode::is_remote),
    };

    let mut problem = Problem::new(OptimizationDirection::Minimize);
    // Per free person-day, its variable for each remote mode the split gives a share.
    let mut vars: FxHashMap<(usize, usize), [Option<Variable>; 3]> = FxHashMap::default();
    // Rank of each person for the cost: fewest remote days before the window first.
    let mut order: Vec<usize> = (0..count).collect();
    // The person's days of mode `m` before the window in the pool of `source` (fairness is
    // per pool), as a share of their days in it.
    let had = |i: usize, source: Source, m: usize| {
        let (mut days_in, mut of_mode) = (0u32, 0u32);
        for d in 0..lo {
            if decide(i, d) == Decision::Rotate(source) {
                days_in += 1;
                of_mode += u32::from(
                    plan[i * days + d].and_then(super::super::mode::Mode::split_index) == Some(m),
                );
            }
        }
        f64::from(of_mode) * 100.0 / f64::from(days_in.max(1))
    };
    order.sort_by_key(|&i| (hashes[i], i));
    let rank: Vec<f64> = {
        let mut rank = vec![0.0; count];
        for (k, &i) in order.iter().enumerate() {
            rank[i] = k as f64 / count.max(1) as f64;
        }
        rank
    };
    for (i, &tie) in rank.iter().enumerate() {
        for d in lo..=hi {
            let Decision::Rotate(source) = decide(i, d) else {
                continue;
            };
            if !free(i, d) {
                continue;
            }
            let split = r.split(source);
            let mut modes = [None; 3];
            for (m, slot) in modes.iter_mut().enumerate().skip(1) {
                if split.0[m] > 0 {
                    *slot = Some(problem.add_binary_var(had(i, source, m) + tie));
                }
            }
            let remote: Vec<(Variable, f64)> = modes.iter().flatten().map(|&v| (v, 1.0)).collect();
            // One mode a day: office unless a remote mode; no office where the split has none.
            let op = if split.0[0] > 0 {
                ComparisonOp::Le
            } else {
                ComparisonOp::Eq
            };
            problem.add_constraint(remote.as_slice(), op, 1.0);
            vars.insert((i, d), modes);
        }
    }
    if vars.is_empty() {
        return None;
    }
    let remote_of = |i: usize, d: usize| -> Vec<(Variable, f64)> {
        vars.get(&(i, d))
            .map(|m| m.iter().flatten().map(|&v| (v, 1.0)).collect())
            .unwrap_or_default()
    };

    // The daily quotas, per pool-day and mode.
    let alternating = rotation.pattern != RotationPattern::Balanced;
    let together = alternating && rotation.teams == Teams::Together;
    for d in lo..=hi {
        let mut pools: FxHashMap<Source, (i64, [f64; 3], Vec<usize>)> = FxHashMap::default();
        for i in 0..count {
            let Decision::Rotate(source) = decide(i, d) else {
                continue;
            };
            let pool = pools.entry(source).or_insert((0, [0.0; 3], Vec::new()));
            pool.0 += 1;
            if free(i, d) {
                pool.2.push(i);
            } else if let Some(m) =
                plan[i * days + d].and_then(super::super::mode::Mode::split_index)
            {
                pool.1[m] += 1.0;
            }
        }
        for (source, (n, kept, members)) in pools {
            if members.is_empty() {
                continue;
            }
            let split = r.split(source);
            let slack = if together {
                let mut sizes: FxHashMap<_, i64> = FxHashMap::default();
                for i in 0..count {
                    if decide(i, d) == Decision::Rotate(source)
                        && let Some(team) = r.staff.people[first + i].team
                    {
                        *sizes.entry(team).or_insert(0) += 1;
                    }
                }
                sizes.into_values().max().unwrap_or(1).max(1)
            } else {
                1
            };
            for m in 0..3 {
                let (low, high) = day_bounds(split.0[m], n, alternating, slack);
                let expr: Vec<(Variable, f64)> = if m == 0 {
                    // Office: the free members not remote.
                    members
                        .iter()
                        .flat_map(|&i| remote_of(i, d))
                        .map(|(v, _)| (v, -1.0))
                        .collect()
                } else {
                    members
                        .iter()
                        .filter_map(|&i| vars[&(i, d)][m])
                        .map(|v| (v, 1.0))
                        .collect()
                };
                let base = kept[m] + if m == 0 { members.len() as f64 } else { 0.0 };
                if !within(&mut problem, &expr, base, (low, high)) {
                    return None;
                }
            }
        }
        // The office floor.
        if let Some(floor) = rotation.min_office {
            let mut present = 0u32;
            let mut office = 0.0;
            let mut expr = Vec::new();
            for i in 0..count {
                match decide(i, d) {
                    Decision::Fixed(mode) => {
                        present += u32::from(mode != Mode::Leave);
                        office += f64::from(u8::from(mode == Mode::Wfo));
                    }
                    Decision::Rotate(_) if free(i, d) => {
                        present += 1;
                        office += 1.0;
                        expr.extend(remote_of(i, d).into_iter().map(|(v, _)| (v, -1.0)));
                    }
                    Decision::Rotate(_) => {
                        present += 1;
                        office += f64::from(u8::from(plan[i * days + d] == Some(Mode::Wfo)));
                    }
                }
            }
            if !expr.is_empty() {
                let need = f64::from(floor.required(present));
                problem.add_constraint(expr.as_slice(), ComparisonOp::Ge, need - office);
            }
        }
    }

    // The caps, per free person.
    for i in (0..count).filter(|&i| (lo..=hi).any(|d| free(i, d))) {
        let carried = carry.person(first + i);
        if let Some(cap) = rotation.max_remote_per_week {
            let mut d = lo;
            while d <= hi {
                let week = r.days[d].iso_week();
                let same = |e: usize| r.days[e].iso_week() == week;
                let start = (0..=d).rev().take_while(|&e| same(e)).last().unwrap_or(d);
                let end = (d..days).take_while(|&e| same(e)).last().unwrap_or(d);
                let mut known = if start == 0 {
                    carried.map_or(0, |c| c.week_remote)
                } else {
                    0
                };
                let mut expr = Vec::new();
                for e in start..=end {
                    if free(i, e) {
                        expr.extend(remote_of(i, e));
                    } else {
                        known += u32::from(remote_known(i, e));
                    }
                }
                let room = f64::from(cap) - f64::from(known);
                if !expr.is_empty() {
                    problem.add_constraint(expr.as_slice(), ComparisonOp::Le, room.max(0.0));
                }
                d = end + 1;
            }
        }
        if let Some(max) = rotation.max_consecutive_remote {
            let width = max as usize + 1;
            // Runs that hold a free day and end by `hi`: days before the period count as
            // remote for the run carried in.
            let run_in = carried.map_or(0, |c| c.run) as usize;
            let remote_before = |k: usize| k < run_in;
            for end in lo..=hi {
                let from = end as i64 + 1 - width as i64;
                let mut expr = Vec::new();
                let mut known = 0usize;
                let mut broken_chain = false;
                for e in from..=end as i64 {
                    if e < 0 {
                        if remote_before((-e - 1) as usize) {
                            known += 1;
                        } else {
                            broken_chain = true;
                        }
                        continue;
                    }
                    let e = e as usize;
                    if free(i, e) {
                        expr.extend(remote_of(i, e));
                    } else if remote_known(i, e) {
                        known += 1;
                    } else {
                        broken_chain = true;
                    }
                }
                if broken_chain || expr.is_empty() {
                    continue;
                }
                let room = max as f64 - known as f64;
                problem.add_constraint(expr.as_slice(), ComparisonOp::Le, room);
            }
        }
    }

    // Fairness: each chosen person's count of a mode in a pool, over the period, within the
    // band of their class.
    if fair {
        for ((i, source), band) in fair_bands(r, carry, unit, first, plan, chosen, (lo, hi)) {
            for (m, &(known, low, high)) in band.iter().enumerate() {
                let mut expr: Vec<(Variable, f64)> = Vec::new();
                let mut base = known;
                for d in
                    (lo..=hi).filter(|&d| free(i, d) && decide(i, d) == Decision::Rotate(source))
                {
                    let modes = vars[&(i, d)];
                    if m == 0 {
                        base += 1;
                        expr.extend(modes.iter().flatten().map(|&v| (v, -1.0)));
                    } else if let Some(v) = modes[m] {
                        expr.push((v, 1.0));
                    }
                }
                if !within(&mut problem, &expr, base as f64, (low, high)) {
                    return None;
                }
            }
        }
    }

    let mut options = microlp::SolveOptions::default();
    options.node_limit = Some(NODES);
    let solution = problem.solve_with(options).ok()?.into_solution().ok()?;
    let mut mended = plan.clone();
    for (&(i, d), modes) in &vars {
        let split_has_office = matches!(decide(i, d), Decision::Rotate(s) if r.split(s).0[0] > 0);
        let chosen_mode = (1..3).find(|&m| modes[m].is_some_and(|v| solution.var_value(v) > 0.5));
        mended[i * days + d] = match chosen_mode {
            Some(m) => Some(Mode::SPLIT[m]),
            None if split_has_office => Some(Mode::Wfo),
            None => return None,
        };
    }
    Some(mended)
}

/// Keeps `base + expr` within `low..=high`; says whether that can hold (an empty `expr`
/// is `base` alone).
fn within(
    problem: &mut Problem,
    expr: &[(Variable, f64)],
    base: f64,
    (low, high): (i64, i64),
) -> bool {
    if expr.is_empty() {
        return (low as f64..=high as f64).contains(&base);
    }
    problem.add_constraint(expr, ComparisonOp::Ge, low as f64 - base);
    problem.add_constraint(expr, ComparisonOp::Le, high as f64 - base);
    true
}

/// Per chosen person with free days in the window and per pool they rotate in there: for
/// each split mode, the person's count outside the free days (history included) and the
/// band `low..=high` their whole count must fall in. A class's band holds the counts of its
/// members the window does not free (they cannot move); where they all have the same count,
/// or none is kept, it leans toward the class's average. A class whose kept members are
/// already more than one apart has no band: the program then has no solution.
#[allow(clippy::type_complexity)]
fn fair_bands(
    r: &Resolver,
    carry: &Carry,
    unit: crate::staff::Id,
    first: usize,
    plan: &Modes,
    chosen: &[bool],
    (lo, hi): (usize, usize),
) -> Vec<((usize, Source), [(i64, i64, i64); 3])> {
    let days = r.days.len();
    let count = chosen.len();
    // Per person and pool: rotating days, counts per mode, counts on free days, and
    // whether the window frees any.
    let mut tallies: FxHashMap<(usize, Source), (u32, [i64; 3], [i64; 3], bool)> =
        (super::transfers::pool_tallies(r, carry, unit, first, plan, count).into_iter())
            .map(|(key, (n, counts))| (key, (n, counts, [0; 3], false)))
            .collect();
    for i in (0..count).filter(|&i| chosen[i]) {
        for d in lo..=hi {
            let Decision::Rotate(source) = r.decide(first + i, d).1 else {
                continue;
            };
            let t = tallies.get_mut(&(i, source)).expect("tallied above");
            if let Some(m) = plan[i * days + d].and_then(Mode::split_index) {
                t.2[m] += 1;
            }
            t.3 = true;
        }
    }
    // Per class and mode: the kept members' fewest and most, and the class's sum and size.
    let mut classes: FxHashMap<(Source, u32), ([(i64, i64); 3], [i64; 3], i64)> =
        FxHashMap::default();
    for (&(_, source), &(n, counts, _, freed)) in &tallies {
        let c = (classes.entry((source, n))).or_insert(([(i64::MAX, i64::MIN); 3], [0; 3], 0));
        for (m, &n) in counts.iter().enumerate() {
            if !freed {
                c.0[m].0 = c.0[m].0.min(n);
                c.0[m].1 = c.0[m].1.max(n);
            }
            c.1[m] += n;
        }
        c.2 += 1;
    }
    let mut bands: Vec<((usize, Source), [(i64, i64, i64); 3])> = Vec::new();
    for (&(i, source), &(n, counts, inside, freed)) in &tallies {
        if !freed {
            continue;
        }
        let (kept, sums, size) = classes[&(source, n)];
        let band = std::array::from_fn(|m| {
            let (fewest, most) = kept[m];
            let (low, high) = if fewest > most {
                // Nobody kept: the average, rounded down, and one more.
                let low = sums[m].div_euclid(size);
                (low, low + 1)
            } else if most - fewest > 1 {
                (1, 0)
            } else if most > fewest || sums[m] >= fewest * size {
                (fewest, fewest + 1)
            } else {
                (fewest - 1, fewest)
            };
            (counts[m] - inside[m], low, high)
        });
        bands.push(((i, source), band));
    }
    bands.sort_unstable_by_key(|(k, _)| *k);
    bands
}
