//! The balanced pattern: each pool-day's quota filled by those furthest behind their share.

use super::flow::{Costs, transport};
use super::{Goal, Planner, Tally, stable_hash};
use crate::mode::Mode;
use crate::policy::Teams;
use rustc_hash::FxHashMap;

impl Planner<'_> {
    /// The day's possible counts per mode: each floor or ceil of share × n, summing to n; the
    /// first gives the extra people to the modes furthest behind over the period so far.
    pub(super) fn quotas(&self, pool: u32, n: usize) -> Vec<[usize; 3]> {
        let state = &self.pools[pool];
        let n64 = n as u64;
        let base = state
            .split
            .0
            .map(|share| (u64::from(share) * n64 / 100) as usize);
        let extra = n - base.iter().sum::<usize>();
        let mut candidates: Vec<usize> = (0..3)
            .filter(|&m| !(u64::from(state.split.0[m]) * n64).is_multiple_of(100))
            .collect();
        candidates.sort_by_key(|&m| {
            let had = i128::from(state.totals[m] + base[m] as u64);
            let behind = match &state.goal {
                Goal::Even {
                    totals,
                    person_days,
                    ..
                } => {
                    i128::from(totals[m]) * i128::from(state.total_n + n64)
                        - i128::from(*person_days) * had
                }
                Goal::Share => {
                    i128::from(state.split.0[m]) * i128::from(state.total_n + n64) - 100 * had
                }
            };
            (std::cmp::Reverse(behind), m)
        });
        // Subsets of `extra` candidates, in the order of preference (bit i = candidates[i]).
        let mut subsets: Vec<u32> = (0u32..1 << candidates.len())
            .filter(|s| s.count_ones() as usize == extra)
            .collect();
        subsets.sort_by_key(|s| {
            (0..candidates.len())
                .map(|i| s & (1 << i) == 0)
                .collect::<Vec<_>>()
        });
        subsets
            .into_iter()
            .map(|subset| {
                let mut counts = base;
                for (i, &m) in candidates.iter().enumerate() {
                    if subset & (1 << i) != 0 {
                        counts[m] += 1;
                    }
                }
                counts
            })
            .collect()
    }

    pub(super) fn fill_balanced(
        &mut self,
        pool: u32,
        members: &[usize],
        eligible: &[bool],
        day: usize,
    ) {
        let r = self.resolver;
        let split = self.pools[pool].split;
        let goal = self.pools[pool].goal.clone();
        let teams = r.policy.rotation.teams;
        // Order people: furthest behind their remote share first; among equals, teams spread
        // (or kept together), then whoever was remote longest ago, then the NIP hash.
        let remote_behind = |planner: &mut Planner, p: usize| {
            let t = *planner.people[p].tally(pool);
            t.deficit(&split, &goal, 1) + t.deficit(&split, &goal, 2)
        };
        let mut order: Vec<(i64, usize)> = members
            .iter()
            .enumerate()
            .map(|(i, &p)| (remote_behind(self, p), i))
            .collect();
        order.sort_unstable_by_key(|&(behind, i)| {
            let p = members[i];
            (std::cmp::Reverse(behind), self.people[p].hash, p)
        });
        let mut team_rank = vec![0u64; members.len()];
        match teams {
            Teams::Spread => {
                let mut seen: FxHashMap<Option<u32>, u64> = FxHashMap::default();
                for &(_, i) in &order {
                    let team = r.staff.people[members[i]].team;
                    if team.is_some() {
                        let count = seen.entry(team).or_insert(0);
                        team_rank[i] = *count;
                        *count += 1;
                    }
                }
            }
            Teams::Together => {
                for (i, &p) in members.iter().enumerate() {
                    team_rank[i] = r.staff.people[p].team.map_or(u64::MAX, |t| {
                        stable_hash(&r.staff.teams[t as usize]).rotate_left(day as u32 % 64)
                    });
                }
            }
            Teams::Ignore => {}
        }
        // Who may take which mode, in three tiers. Tier 1 keeps every person's count of every
        // mode strictly within one of share × their rotating days: take mode m only while
        // behind on it (deficit > 0), and take it once a whole day behind. Leave and the
        // pool's daily rounding can make that impossible for some; tier 2 then lets them
        // take any mode they are not ahead on, and tier 3 anything the caps allow.
        let tallies: Vec<Tally> = members
            .iter()
            .map(|&p| *self.people[p].tally(pool))
            .collect();
        let permitted = |i: usize, m: usize| split.0[m] > 0 && (m == 0 || eligible[i]);
        let tier_sets: [Vec<u8>; 3] = [
            (0..members.len())
                .map(|i| {
                    let deficits = [0, 1, 2].map(|m| tallies[i].deficit(&split, &goal, m));
                    let set = (0..3)
                        .filter(|&m| permitted(i, m) && deficits[m] > 0)
                        .fold(0u8, |set, m| set | 1 << m);
                    match (0..3).find(|&m| deficits[m] >= 100) {
                        Some(forced) if set & (1 << forced) != 0 => 1 << forced,
                        _ => set,
                    }
                })
                .collect(),
            (0..members.len())
                .map(|i| {
                    (0..3)
                        .filter(|&m| permitted(i, m) && tallies[i].deficit(&split, &goal, m) >= 0)
                        .fold(0u8, |set, m| set | 1 << m)
                })
                .collect(),
            (0..members.len())
                .map(|i| {
                    (0..3)
                        .filter(|&m| m == 0 || permitted(i, m))
                        .fold(0u8, |set, m| set | 1 << m)
                })
                .collect(),
        ];
        // A person's cost for each mode: the first tier that allows it. People with the
        // same costs form one type.
        const TIER_COST: [i64; 3] = [0, 1, 3];
        let mut types: Vec<(Costs, i64)> = Vec::new();
        let mut type_of = Vec::with_capacity(members.len());
        let costs: Vec<Costs> = (0..members.len())
            .map(|i| {
                [0, 1, 2].map(|m| {
                    (0..3)
                        .find(|&tier| tier_sets[tier][i] & (1 << m) != 0)
                        .map(|tier| TIER_COST[tier])
                })
            })
            .collect();
        for person_costs in costs {
            // At most 27 types: a scan beats hashing.
            let id = match types.iter().position(|(c, _)| *c == person_costs) {
                Some(id) => id,
                None => {
                    types.push((person_costs, 0));
                    types.len() - 1
                }
            };
            types[id].1 += 1;
            type_of.push(id);
        }
        // The day's possible quota that places the most people at the least cost.
        let (_, mut flow) = self
            .quotas(pool, members.len())
            .into_iter()
            .map(|quota| transport(&types, &quota.map(|q| q as i64)))
            .enumerate()
            .map(|(rank, (flow, cost))| {
                let placed: usize = flow.iter().flatten().sum();
                ((std::cmp::Reverse(placed), cost, rank), flow)
            })
            .min_by(|a, b| a.0.cmp(&b.0))
            .unwrap_or(((std::cmp::Reverse(0), 0, 0), Vec::new()));
        // Within each type, the places go in the order of [`Candidate`].
        let mut candidates: Vec<Candidate> = Vec::new();
        for (i, &p) in members.iter().enumerate() {
            let last = i64::from(self.people[p].last_remote);
            let spare = self.remote_is_spare(p, day);
            let wishes = self.wishes.map(|w| w.wishes(p, day)).unwrap_or_default();
            // A wish to be away later this week: a remote day now would spend the budget.
            let later = self.people[p].away_wish.is_some_and(|last| last > day);
            for mode in (0..3).filter(|&m| types[type_of[i]].0[m].is_some()) {
                candidates.push(Candidate {
                    kind: type_of[i],
                    spends_budget: if mode == 0 { spare } else { !spare },
                    saving: mode != 0 && later,
                    unwished: !wishes.iter().any(|w| w.admits[mode]),
                    granted: self.people[p].wishes_met,
                    behind: std::cmp::Reverse(tallies[i].deficit(&split, &goal, mode)),
                    team_rank: team_rank[i],
                    recency: if mode == 0 { 0 } else { last },
                    hash: self.people[p].hash,
                    member: i,
                    mode,
                });
            }
        }
        let order = sorted(&candidates);
        let mut chosen: Vec<Option<usize>> = vec![None; members.len()];
        for c in order.iter().map(|&c| &candidates[c as usize]) {
            if chosen[c.member].is_none() && flow[c.kind][c.mode] > 0 {
                flow[c.kind][c.mode] -= 1;
                chosen[c.member] = Some(c.mode);
            }
        }
        let chosen: Vec<usize> = chosen.into_iter().map(|c| c.unwrap_or(0)).collect();
        for (i, &p) in members.iter().enumerate() {
            self.cells[p].mode = Mode::SPLIT[chosen[i]];
            self.cells[p].group = None;
        }
    }
}

/// The candidates' indices in their order ([`Candidate`]'s). Each candidate's fields are
/// packed in the same order into two integers (type, the three flags, wishes met, how far
/// behind, recency; then team rank and hash) and its index, which follows member and mode,
/// so sorting compares integers, not eleven fields. When a value does not fit its bits
/// (never at the sizes a roster has), the candidates themselves are compared.
fn sorted(candidates: &[Candidate]) -> Vec<u32> {
    // Order-preserving encodings: an i32 with its sign bit flipped sorts as unsigned, and
    // `Reverse` is the bitwise complement.
    let signed = |v: i64| u128::from((v as i32 as u32) ^ 0x8000_0000);
    let fits = |c: &Candidate| {
        c.kind < 32 && i32::try_from(c.behind.0).is_ok() && i32::try_from(c.recency).is_ok()
    };
    // Candidates are made member by member, each's modes in order.
    debug_assert!(
        candidates
            .windows(2)
            .all(|w| (w[0].member, w[0].mode) < (w[1].member, w[1].mode))
    );
    if !candidates.iter().all(fits) {
        let mut order: Vec<u32> = (0..candidates.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| candidates[a as usize].cmp(&candidates[b as usize]));
        return order;
    }
    let mut keyed: Vec<(u128, u128, u32)> = (candidates.iter().enumerate())
        .map(|(i, c)| {
            let first = (c.kind as u128) << 99
                | u128::from(c.spends_budget) << 98
                | u128::from(c.saving) << 97
                | u128::from(c.unwished) << 96
                | u128::from(c.granted) << 64
                | (!signed(c.behind.0) & 0xFFFF_FFFF) << 32
                | signed(c.recency);
            let second = u128::from(c.team_rank) << 64 | u128::from(c.hash);
            (first, second, i as u32)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// A possible placement of one person in one mode. The field order is the sort order:
/// within a type, remote days first to those whose weekly budget would go unused (and the
/// office to the others), remote days last to those who wish to be away later in the week
/// (so that their budget lasts), then those who wish for the mode (a request; the day a
/// published roster gave), fewest wishes met so far first, then whoever is furthest behind on the
/// mode; among equals, whoever
/// was remote longest ago (so remote days do not come in pairs), then teams spread (or kept
/// together), then the NIP hash.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    kind: usize,
    spends_budget: bool,
    saving: bool,
    unwished: bool,
    granted: u32,
    behind: std::cmp::Reverse<i64>,
    recency: i64,
    team_rank: u64,
    hash: u64,
    member: usize,
    mode: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The packed keys order the candidates exactly as their own order does, edge values
    /// included, and a value too large for its bits falls back to the whole comparison.
    #[test]
    fn packed_order_is_the_candidates_order() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let edges = [i64::from(i32::MIN), -1, 0, 1, i64::from(i32::MAX)];
        for round in 0..200 {
            // Few values in the leading fields, so that the later ones decide often.
            let mut candidates: Vec<Candidate> = (0..200)
                .map(|i| Candidate {
                    kind: next(2) as usize,
                    spends_budget: next(4) == 0,
                    saving: next(8) == 0,
                    unwished: next(4) == 0,
                    granted: [0, 0, 0, 1, u32::MAX][next(5) as usize],
                    behind: std::cmp::Reverse(match round % 10 {
                        // Beyond an i32: every key is zero.
                        0 => i64::from(i32::MAX) + next(3) as i64,
                        _ => (edges[next(5) as usize] + next(3) as i64 - 1)
                            .clamp(i64::from(i32::MIN), i64::from(i32::MAX)),
                    }),
                    recency: (edges[next(5) as usize] - next(2) as i64).max(i64::from(i32::MIN)),
                    team_rank: next(3),
                    hash: next(4),
                    member: i,
                    mode: next(3) as usize,
                })
                .collect();
            let order: Vec<usize> = (sorted(&candidates).into_iter())
                .map(|i| candidates[i as usize].member)
                .collect();
            candidates.sort_unstable();
            let expected: Vec<usize> = candidates.iter().map(|c| c.member).collect();
            assert_eq!(order, expected, "round {round}");
        }
    }
}
