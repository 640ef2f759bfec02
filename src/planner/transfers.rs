//! Fairness mended by passing days along a chain of colleagues. When the people of a pool
//! with as many rotating days end up more than one day apart in some mode, one with the most
//! days of it gives one to a colleague on a day the colleague has another mode, and takes the
//! colleague's; the colleague passes one on the same way, and so on, until the last in the
//! chain is one with the fewest. Every day keeps its count of each mode in each pool (quota and
//! office floor untouched), those in the middle keep their counts, and a hand-over is made only
//! where the receiver's weekly cap and run limit still hold: the two ends each move one day
//! closer. The chain is the shortest found by a breadth-first search over the unit's people,
//! the work is a few passes over the unit's person-days per chain, and nothing is timed.
//!
//! This is what the window search found hardest in a large unit: its whole period for a few
//! hundred people is one model, while a chain touches a handful of person-days.

use crate::carry::Carry;
use crate::mode::Mode;
use crate::pools::PoolKey;
use crate::resolve::{Decision, Resolver, Source};
use crate::staff::Id;
use rustc_hash::FxHashMap;
use std::collections::VecDeque;

/// Chains for one unit in one call: each moves two people a day closer, so this bounds the
/// work on a unit whose spreads cannot be narrowed this way.
const CHAINS: usize = 2_000;

/// What a person-day is to the chains.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// Rotating in the unit's pool of this number.
    Rotate(u16),
    /// Fixed remote (counts toward the caps, never handed over).
    Remote,
    /// Fixed otherwise (office, leave, field): ends a run, never handed over.
    Other,
}

/// The unit as the chains see it.
struct Unit<'a> {
    days: usize,
    cells: Vec<Cell>,
    /// `modes[i * days + d]`: the plan's mode on rotating days.
    modes: &'a mut [Option<Mode>],
    week_first: Vec<usize>,
    cap: u32,
    run_cap: usize,
    /// Per person: remote days before the period in its first ISO week, and the run of
    /// remote days up to the period.
    carried_week: Vec<u32>,
    carried_run: Vec<usize>,
}

impl Unit<'_> {
    fn remote(&self, i: usize, d: usize, changed: &[(usize, Mode)]) -> bool {
        if let Some(&(_, m)) = changed.iter().find(|(e, _)| *e == d) {
            return m.is_remote();
        }
        match self.cells[i * self.days + d] {
            Cell::Remote => true,
            Cell::Other => false,
            Cell::Rotate(_) => self.modes[i * self.days + d].is_some_and(Mode::is_remote),
        }
    }

    /// Whether person `i`'s weekly cap and run limit hold on every day `changed` makes remote,
    /// with all of `changed` applied.
    fn holds(&self, i: usize, changed: &[(usize, Mode)]) -> bool {
        changed.iter().all(|&(d, m)| {
            if !m.is_remote() {
                return true;
            }
            let start = self.week_first[d];
            let mut week = (start..self.days)
                .take_while(|&e| self.week_first[e] == start)
                .filter(|&e| self.remote(i, e, changed))
                .count() as u32;
            if start == 0 {
                week += self.carried_week[i];
            }
            if week > self.cap {
                return false;
            }
            let before = (0..d)
                .rev()
                .take_while(|&e| self.remote(i, e, changed))
                .count();
            let before = if before == d {
                before + self.carried_run[i]
            } else {
                before
            };
            let after = (d + 1..self.days)
                .take_while(|&e| self.remote(i, e, changed))
                .count();
            before + 1 + after <= self.run_cap
        })
    }

    fn pool(&self, i: usize, d: usize) -> Option<u16> {
        match self.cells[i * self.days + d] {
            Cell::Rotate(p) => Some(p),
            _ => None,
        }
    }
}

/// Narrows every fairness spread of the unit it can; says whether it changed `plan`.
/// `plan` holds the unit's people from `first`, `days` per person, `Some` on rotating days.
pub(crate) fn even_out(
    r: &Resolver,
    carry: &Carry,
    unit: Id,
    first: usize,
    plan: &mut [Option<Mode>],
    hashes: &[u64],
) -> bool {
    let days = r.days.len();
    let count = hashes.len();
    let mut sources: Vec<Source> = Vec::new();
    let mut cells = Vec::with_capacity(count * days);
    for i in 0..count {
        for d in 0..days {
            cells.push(match r.decide(first + i, d).1 {
                Decision::Rotate(source) => {
                    let p = match sources.iter().position(|s| *s == source) {
                        Some(p) => p,
                        None => {
                            sources.push(source);
                            sources.len() - 1
                        }
                    };
                    Cell::Rotate(p as u16)
                }
                Decision::Fixed(m) if m.is_remote() => Cell::Remote,
                Decision::Fixed(_) => Cell::Other,
            });
        }
    }
    let week_first = super::window::week_firsts(r);
    let person = |i: usize| carry.person(first + i);
    let mut unit_view = Unit {
        days,
        cells,
        modes: plan,
        week_first,
        cap: r.policy.rotation.max_remote_per_week.unwrap_or(u32::MAX),
        run_cap: (r.policy.rotation.max_consecutive_remote).map_or(usize::MAX, |m| m as usize),
        carried_week: (0..count)
            .map(|i| person(i).map_or(0, |c| c.week_remote))
            .collect(),
        carried_run: (0..count)
            .map(|i| person(i).map_or(0, |c| c.run as usize))
            .collect(),
    };
    let u = &mut unit_view;

    // Each person's tally per pool, by the pool's number here.
    let mut tallies: Vec<FxHashMap<u16, (u32, [i64; 3])>> = vec![FxHashMap::default(); count];
    for ((i, source), tally) in pool_tallies(r, carry, unit, first, u.modes, count) {
        let p = sources
            .iter()
            .position(|s| *s == source)
            .expect("a source seen above");
        tallies[i].insert(p as u16, tally);
    }
    // The classes: people of a pool with as many rotating days.
    let mut classes: FxHashMap<(u16, u32), Vec<usize>> = FxHashMap::default();
    for (i, tally) in tallies.iter().enumerate() {
        for (&p, &(n, _)) in tally {
            classes.entry((p, n)).or_default().push(i);
        }
    }
    let mut classes: Vec<((u16, u32), Vec<usize>)> = classes.into_iter().collect();
    classes.sort_unstable();

    let mut changed = false;
    let mut chains = 0;
    for ((pool, _), members) in &classes {
        if members.len() < 2 {
            continue;
        }
        let split = r.split(sources[*pool as usize]).0;
        let mut in_class = vec![false; count];
        for &i in members {
            in_class[i] = true;
        }
        // Modes whose spread is still too wide are narrowed one chain at a time, the widest
        // first; a mode no chain can narrow is left to the window search.
        let mut stuck = [false; 3];
        while chains < CHAINS {
            let counts = |i: usize, m: usize| tallies[i][pool].1[m];
            let spread = |m: usize| {
                let lo = members.iter().map(|&i| counts(i, m)).min().unwrap_or(0);
                let hi = members.iter().map(|&i| counts(i, m)).max().unwrap_or(0);
                (hi - lo, lo, hi)
            };
            let Some(m) = (0..3)
                .filter(|&m| !stuck[m] && spread(m).0 > 1)
                .max_by_key(|&m| (spread(m).0, std::cmp::Reverse(m)))
            else {
                break;
            };
            let (_, lo, hi) = spread(m);
            let mut found = None;
            for a in (0..3).filter(|&a| a != m && split[a] > 0) {
                let count_of = |i: usize| tallies[i][pool].1;
                found = chain(
                    u, *pool, &in_class, members, m, a, lo, hi, &count_of, hashes,
                );
                if found.is_some() {
                    break;
                }
            }
            let Some((a, steps)) = found else {
                stuck[m] = true;
                continue;
            };
            chains += 1;
            changed = true;
            let giver = steps[0].1;
            let taker = steps.last().expect("a chain has a step").2;
            for &(d, from, to) in &steps {
                u.modes[from * days + d] = Some(Mode::SPLIT[a]);
                u.modes[to * days + d] = Some(Mode::SPLIT[m]);
            }
            let t = &mut tallies[giver].get_mut(pool).expect("in the pool").1;
            t[m] -= 1;
            t[a] += 1;
            let t = &mut tallies[taker].get_mut(pool).expect("in the pool").1;
            t[m] += 1;
            t[a] -= 1;
            stuck = [false; 3];
        }
    }
    changed
}

/// Each person's tally in each pool they rotate in during the period, as fairness counts it
/// (the exact search and the audit alike): rotating days and days of each split mode in
/// `plan` (`count` people from `first`), history included.
pub(super) fn pool_tallies(
    r: &Resolver,
    carry: &Carry,
    unit: Id,
    first: usize,
    plan: &[Option<Mode>],
    count: usize,
) -> FxHashMap<(usize, Source), (u32, [i64; 3])> {
    let days = r.days.len();
    let mut tallies: FxHashMap<(usize, Source), (u32, [i64; 3])> = FxHashMap::default();
    for i in 0..count {
        for d in 0..days {
            let Decision::Rotate(source) = r.decide(first + i, d).1 else {
                continue;
            };
            let t = tallies.entry((i, source)).or_insert_with(|| {
                let key = PoolKey { unit, source };
                let carried = (carry.person(first + i))
                    .and_then(|c| c.tallies.iter().find(|t| t.pool == key));
                carried.map_or((0, [0; 3]), |c| (c.days, c.counts.0.map(i64::from)))
            });
            t.0 += 1;
            if let Some(m) = plan[i * days + d].and_then(Mode::split_index) {
                t.1[m] += 1;
            }
        }
    }
    tallies
}

/// A chain: the other mode `a` taken in exchange, and each hand-over as (day, giver,
/// receiver), from one with the most to one with the fewest.
type Chain = (usize, Vec<(usize, usize, usize)>);

/// The shortest chain handing a day of mode `m` from one of the class with the most of it
/// to one with at least two fewer, each receiver giving up a day of mode `a` on the same day
/// of pool `pool`: `(a, [(day, giver, receiver)])`. The two ends' counts over all modes must
/// come closer together (their sum of squares falls), so every chain is progress.
#[allow(clippy::too_many_arguments)]
fn chain(
    u: &Unit,
    pool: u16,
    in_class: &[bool],
    members: &[usize],
    m: usize,
    a: usize,
    lo: i64,
    hi: i64,
    counts: &dyn Fn(usize) -> [i64; 3],
    hashes: &[u64],
) -> Option<Chain> {
    let days = u.days;
    let count = in_class.len();
    let (mode_m, mode_a) = (Mode::SPLIT[m], Mode::SPLIT[a]);
    // Who holds each mode on each day of the pool.
    let holders = |mode: Mode| -> Vec<Vec<usize>> {
        (0..days)
            .map(|d| {
                (0..count)
                    .filter(|&i| u.pool(i, d) == Some(pool) && u.modes[i * days + d] == Some(mode))
                    .collect()
            })
            .collect()
    };
    let with_a = holders(mode_a);
    // Breadth first from those with the most, the longest-standing first by hash.
    let mut roots: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| counts(i)[m] >= lo + 2)
        .collect();
    roots.sort_by_key(|&i| (std::cmp::Reverse(counts(i)[m]), hashes[i], i));
    // Per person: how it was reached (day, from whom), and its chain's root.
    let mut reached: Vec<Option<(usize, usize, usize)>> = vec![None; count];
    let mut queue = VecDeque::new();
    for &i in &roots {
        reached[i] = Some((usize::MAX, usize::MAX, i));
        queue.push_back(i);
    }
    let gain = |root: usize, end: usize| {
        let (x, y) = (counts(root), counts(end));
        let before: i64 = (0..3).map(|k| x[k] * x[k] + y[k] * y[k]).sum();
        let mut x2 = x;
        let mut y2 = y;
        x2[m] -= 1;
        x2[a] += 1;
        y2[m] += 1;
        y2[a] -= 1;
        let after: i64 = (0..3).map(|k| x2[k] * x2[k] + y2[k] * y2[k]).sum();
        before - after
    };
    while let Some(x) = queue.pop_front() {
        let (came_on, _, root) = reached[x].expect("queued people are reached");
        for (d, takers) in with_a.iter().enumerate() {
            if d == came_on || u.pool(x, d) != Some(pool) || u.modes[x * days + d] != Some(mode_m) {
                continue;
            }
            // x gives its `m` on d and takes `a`, having taken `m` on the day it was reached.
            let mut own = vec![(d, mode_a)];
            if came_on != usize::MAX {
                own.push((came_on, mode_m));
            }
            if !u.holds(x, &own) {
                continue;
            }
            for &y in takers {
                if reached[y].is_some() {
                    continue;
                }
                let end =
                    in_class[y] && counts(y)[m] <= hi - 2 && counts(root)[m] >= counts(y)[m] + 2;
                if end && gain(root, y) > 0 && u.holds(y, &[(d, mode_m)]) {
                    let mut steps = vec![(d, x, y)];
                    let mut at = x;
                    while let Some((day, from, _)) = reached[at].filter(|r| r.0 != usize::MAX) {
                        steps.push((day, from, at));
                        at = from;
                    }
                    steps.reverse();
                    return Some((a, steps));
                }
                reached[y] = Some((d, x, root));
                queue.push_back(y);
            }
        }
    }
    None
}
