//! The balanced pattern's optimum where it is cheap to reach: whole counts per mode that
//! every person of a pool with as many rotating days can have alike (a fairness spread of
//! 0), chosen before planning and then paced day by day like a share.

use super::{Goal, Planner};
use crate::policy::Split;
use crate::pools::{PerMode, PoolId, PoolKey};
use crate::resolve::Decision;
use rustc_hash::FxHashMap;

impl Planner<'_> {
    /// Balanced pattern, starting afresh: where whole counts exist that every person of a pool
    /// with as many rotating days can have alike, within the quota's period totals and what
    /// the daily counts can add up to, the pool aims for them (a fairness spread of 0).
    pub(super) fn set_even_goals(&mut self) {
        let r = self.resolver;
        let days = r.days.len();
        let mut pool_days: Vec<Vec<u32>> = Vec::new();
        for person in 0..self.people.len() {
            let unit = r.staff.people[person].unit;
            // Nearly everyone rotates in one pool: look it up once, not every day.
            let mut last: Option<(crate::resolve::Source, PoolId)> = None;
            for day in 0..days {
                if let (_, Decision::Rotate(source)) = r.decide(person, day) {
                    let pool = match last {
                        Some((seen, pool)) if seen == source => pool,
                        _ => self.pool_id(PoolKey { unit, source }),
                    };
                    last = Some((source, pool));
                    self.people[person].tally(pool).window_days += 1;
                    if pool_days.len() <= pool as usize {
                        pool_days.resize(pool as usize + 1, vec![0; days]);
                    }
                    pool_days[pool as usize][day] += 1;
                }
            }
        }
        let mut people_by_days: Vec<FxHashMap<u32, u64>> =
            vec![FxHashMap::default(); pool_days.len()];
        for state in &self.people {
            for t in &state.tallies {
                *people_by_days[t.pool as usize]
                    .entry(t.window_days)
                    .or_insert(0) += 1;
            }
        }
        for (pool, groups) in people_by_days.into_iter().enumerate() {
            let pool = pool as PoolId;
            let split = self.pools[pool].split;
            let mut groups: Vec<(u32, u64)> = groups.into_iter().collect();
            groups.sort_unstable();
            let person_days: u64 = groups.iter().map(|&(d, p)| u64::from(d) * p).sum();
            // Each mode's pool total: within one of share × person-days, and within what the
            // daily counts (floor or ceil of share × n) can add up to.
            let bounds: [(i64, i64); 3] = [0, 1, 2].map(|m| {
                let share = i64::from(split.0[m]);
                let target = share * person_days as i64;
                let (least, most) = pool_days[pool as usize]
                    .iter()
                    .fold((0, 0), |(lo, hi), &n| {
                        let t = share * i64::from(n);
                        (lo + t / 100, hi + (t + 99) / 100)
                    });
                (
                    least.max((target - 100 + 99).div_euclid(100)),
                    most.min((target + 100).div_euclid(100)),
                )
            });
            if let Some(choice) = even_choice(&split, &groups, bounds) {
                let longest = groups.last().map_or(0, |&(d, _)| d) as usize;
                let mut counts = vec![[0u32; 3]; longest + 1];
                let mut totals = PerMode::<u64>::default();
                for (&(d, people), c) in groups.iter().zip(&choice) {
                    counts[d as usize] = *c;
                    for m in 0..3 {
                        totals[m] += people * u64::from(c[m]);
                    }
                }
                self.pools[pool].goal = Goal::Even {
                    counts: counts.into(),
                    totals,
                    person_days,
                };
            }
        }
    }
}

/// Whole counts per mode for each group of people with as many rotating days (`groups`:
/// days and people), each within one day of share × days and adding up to the days, such
/// that every mode's pool total falls within `bounds`; the nearest to the shares first, and
/// `None` when there are none (or the search runs long).
fn even_choice(
    split: &Split,
    groups: &[(u32, u64)],
    bounds: [(i64, i64); 3],
) -> Option<Vec<[u32; 3]>> {
    // The candidate counts of each group, nearest to share × days first.
    let options: Vec<Vec<[u32; 3]>> = groups
        .iter()
        .map(|&(d, _)| {
            let exact = split.0.map(|s| i64::from(s) * i64::from(d));
            let near = |m: usize| {
                let lo = (exact[m] / 100 - 1).max(0);
                let hi = ((exact[m] + 99) / 100 + 1).min(i64::from(d));
                if split.0[m] == 0 { 0..=0 } else { lo..=hi }
            };
            let mut list: Vec<[u32; 3]> = Vec::new();
            for a in near(0) {
                for b in near(1) {
                    let c = i64::from(d) - a - b;
                    if near(2).contains(&c) {
                        list.push([a as u32, b as u32, c as u32]);
                    }
                }
            }
            list.sort_by_key(|c| {
                (0..3)
                    .map(|m| (100 * i64::from(c[m]) - exact[m]).abs())
                    .sum::<i64>()
            });
            list
        })
        .collect();
    // The least and most the groups from each one on can still add, per mode.
    let mut reach = vec![([0i64; 3], [0i64; 3]); groups.len() + 1];
    for g in (0..groups.len()).rev() {
        let people = groups[g].1 as i64;
        let (mut lo, mut hi) = reach[g + 1];
        for m in 0..3 {
            let counts = options[g].iter().map(|c| i64::from(c[m]));
            lo[m] += people * counts.clone().min().unwrap_or(0);
            hi[m] += people * counts.max().unwrap_or(0);
        }
        reach[g] = (lo, hi);
    }
    let mut search = Search {
        groups,
        options: &options,
        reach: &reach,
        bounds,
        chosen: Vec::with_capacity(groups.len()),
        steps: 0,
    };
    search.from(0, [0; 3]).then_some(search.chosen)
}

/// A depth-first search over the groups' candidate counts, pruned by what the rest can add.
struct Search<'a> {
    groups: &'a [(u32, u64)],
    options: &'a [Vec<[u32; 3]>],
    reach: &'a [([i64; 3], [i64; 3])],
    bounds: [(i64, i64); 3],
    chosen: Vec<[u32; 3]>,
    steps: u32,
}

impl Search<'_> {
    /// The steps after which the search gives up: a bound on the time, the same everywhere.
    const STEPS: u32 = 10_000;

    fn from(&mut self, g: usize, totals: [i64; 3]) -> bool {
        self.steps += 1;
        if self.steps > Self::STEPS {
            return false;
        }
        let (lo, hi) = self.reach[g];
        if (0..3)
            .any(|m| totals[m] + lo[m] > self.bounds[m].1 || totals[m] + hi[m] < self.bounds[m].0)
        {
            return false;
        }
        if g == self.groups.len() {
            return true;
        }
        let people = self.groups[g].1 as i64;
        for c in &self.options[g] {
            let next = [0, 1, 2].map(|m| totals[m] + people * i64::from(c[m]));
            self.chosen.push(*c);
            if self.from(g + 1, next) {
                return true;
            }
            self.chosen.pop();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_everyone_can_share_within_the_pool_totals() {
        // Three people with 3 days and one with 4, 50/50 WFH/WFA: 13 person-days ask for
        // 6.5 of each, so 5.5 to 7.5 (and the daily counts allow 6 or 7).
        let split = Split([0, 50, 50]);
        let choice = even_choice(&split, &[(3, 3), (4, 1)], [(0, 0), (6, 7), (6, 7)]).unwrap();
        let totals: Vec<u64> = (1..3)
            .map(|m| 3 * u64::from(choice[0][m]) + u64::from(choice[1][m]))
            .collect();
        assert!(totals.iter().all(|&t| (6..=7).contains(&t)), "{choice:?}");
        assert_eq!(choice[0].iter().sum::<u32>(), 3);
        assert_eq!(choice[1].iter().sum::<u32>(), 4);
    }

    #[test]
    fn no_choice_when_the_totals_cannot_be_shared() {
        // Two people with 6 days at 25% WFH: each has 1 or 2, so 2 or 4 (or 3 from a mix),
        // but the pool asks for exactly 5.
        let split = Split([75, 25, 0]);
        assert!(even_choice(&split, &[(6, 2)], [(7, 7), (5, 5), (0, 0)]).is_none());
    }
}
