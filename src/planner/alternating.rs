//! Alternating patterns: shift groups walk a cycle of modes, turned by one step a day or a week.

use super::Planner;
use crate::mode::Mode;
use crate::policy::{Split, Teams};
use crate::pools::{PoolId, PoolKey};
use crate::resolve::Decision;
use std::collections::HashMap;

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The cycle of modes for shift groups: one position per group, the modes as evenly
/// interleaved as their shares allow (50/50 gives WFO, WFH; 60/40 gives WFO, WFH, WFO, WFH, WFO).
pub(super) fn mode_cycle(split: &Split) -> Vec<usize> {
    let step = split.0.iter().fold(100, |g, &s| gcd(g, s));
    let groups = (100 / step) as usize;
    let wanted: Vec<usize> = split.0.iter().map(|&s| (s / step) as usize).collect();
    let mut placed = [0usize; 3];
    let mut cycle = Vec::with_capacity(groups);
    for j in 0..groups {
        let mode = (0..3)
            .filter(|&m| placed[m] < wanted[m])
            .max_by_key(|&m| {
                (
                    (wanted[m] * (j + 1)) as i64 - (groups * placed[m]) as i64,
                    std::cmp::Reverse(m),
                )
            })
            .unwrap_or(0);
        placed[mode] += 1;
        cycle.push(mode);
    }
    cycle
}

impl Planner<'_> {
    /// Alternating patterns: put each pool's members into shift groups of sizes within one of
    /// each other, teams spread over the groups, kept whole, or ignored as the policy says.
    pub(super) fn form_groups(&mut self) {
        let r = self.resolver;
        let mut members: Vec<Vec<usize>> = Vec::new();
        for person in 0..r.staff.people.len() {
            let mut seen: Vec<u32> = Vec::new();
            for day in 0..r.days.len() {
                if let (_, Decision::Rotate(source)) = r.decide(person, day) {
                    let unit = r.staff.people[person].unit;
                    let pool = self.pool_id(PoolKey { unit, source });
                    if !seen.contains(&pool) {
                        seen.push(pool);
                        if members.len() <= pool as usize {
                            members.resize(pool as usize + 1, Vec::new());
                        }
                        members[pool as usize].push(person);
                    }
                }
            }
        }
        let teams = r.policy.rotation.teams;
        for (pool, list) in members.iter_mut().enumerate() {
            let groups = self.pools[pool as PoolId].cycle.len();
            let team_of = |p: usize| {
                r.staff.people[p]
                    .team
                    .map(|t| r.staff.teams[t as usize].as_str())
            };
            let hash = |p: usize| self.people[p].hash;
            let carried: Vec<(usize, u8)> = list
                .iter()
                .filter_map(|&p| {
                    self.carry.person(p)?.tallies.iter().find_map(|t| {
                        (self.pools.id(&t.pool) == Some(pool as PoolId))
                            .then_some(t.group)
                            .flatten()
                            .filter(|&g| (g as usize) < groups)
                            .map(|g| (p, g))
                    })
                })
                .collect();
            let assignment: Vec<(usize, u8)> = if !carried.is_empty() {
                // Continuing shifts keep their groups; everyone else joins the smallest.
                let mut load = vec![0usize; groups];
                for &(_, g) in &carried {
                    load[g as usize] += 1;
                }
                let mut fresh: Vec<usize> = list
                    .iter()
                    .copied()
                    .filter(|p| !carried.iter().any(|(c, _)| c == p))
                    .collect();
                fresh.sort_by_key(|&p| (team_of(p), hash(p), p));
                let mut out = carried.clone();
                for p in fresh {
                    let g = (0..groups).min_by_key(|&g| (load[g], g)).unwrap_or(0);
                    load[g] += 1;
                    out.push((p, g as u8));
                }
                out
            } else {
                match teams {
                    Teams::Together => {
                        let mut by_team: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
                        for &p in list.iter() {
                            by_team.entry(team_of(p)).or_default().push(p);
                        }
                        let mut blocks: Vec<Vec<usize>> = Vec::new();
                        for (team, mut people) in by_team {
                            people.sort_by_key(|&p| (hash(p), p));
                            if team.is_none() {
                                blocks.extend(people.into_iter().map(|p| vec![p]));
                            } else {
                                blocks.push(people);
                            }
                        }
                        blocks.sort_by_key(|b| (std::cmp::Reverse(b.len()), hash(b[0]), b[0]));
                        let mut load = vec![0usize; groups];
                        let mut out = Vec::new();
                        for block in blocks {
                            let g = (0..groups).min_by_key(|&g| (load[g], g)).unwrap_or(0);
                            load[g] += block.len();
                            out.extend(block.into_iter().map(|p| (p, g as u8)));
                        }
                        out
                    }
                    Teams::Spread | Teams::Ignore => {
                        if teams == Teams::Spread {
                            list.sort_by_key(|&p| (team_of(p), hash(p), p));
                        } else {
                            list.sort_by_key(|&p| (hash(p), p));
                        }
                        // Deal round-robin, in an order of groups that spreads the larger groups
                        // evenly around the cycle, so any run of groups is within one of its share.
                        let extra = list.len() % groups;
                        let (mut big, mut small): (Vec<usize>, Vec<usize>) = (0..groups)
                            .partition(|&k| ((k + 1) * extra) / groups - (k * extra) / groups == 1);
                        big.append(&mut small);
                        list.iter()
                            .enumerate()
                            .map(|(i, &p)| (p, big[i % groups] as u8))
                            .collect()
                    }
                }
            };
            for (person, group) in assignment {
                self.people[person].tally(pool as u32).group = group;
            }
        }
    }

    pub(super) fn fill_alternating(
        &mut self,
        pool: u32,
        members: &[usize],
        eligible: &[bool],
        step: bool,
    ) {
        let split = self.pools[pool].split;
        let groups = self.pools[pool].cycle.len();
        let group_of: Vec<usize> = members
            .iter()
            .map(|&p| self.people[p].tally(pool).group as usize)
            .collect();
        let previous = self.pools[pool].offset;
        if step || previous.is_none() {
            // Turn the cycle to the offset that keeps today's counts within one of the quota
            // and serves those furthest behind; on a tie, simply the next step.
            let mut present = vec![0i64; groups];
            let mut behind = vec![[0i64; 3]; groups];
            for (i, &p) in members.iter().enumerate() {
                let tally = *self.people[p].tally(pool);
                present[group_of[i]] += 1;
                for (m, b) in behind[group_of[i]].iter_mut().enumerate() {
                    *b += tally.deficit(&split, &super::Goal::Share, m);
                }
            }
            let n: i64 = present.iter().sum();
            let cycle = &self.pools[pool].cycle;
            let preferred = previous.map_or(0, |o| (o + 1) % groups);
            let best = (0..groups)
                .max_by_key(|&o| {
                    let mut counts = [0i64; 3];
                    let mut score = 0;
                    for g in 0..groups {
                        let m = cycle[(g + o) % groups];
                        counts[m] += present[g];
                        score += behind[g][m];
                    }
                    let within =
                        (0..3).all(|m| (100 * counts[m] - i64::from(split.0[m]) * n).abs() <= 100);
                    (within, score, o == preferred, std::cmp::Reverse(o))
                })
                .unwrap_or(0);
            self.pools[pool].offset = Some(best);
        }
        let state = &mut self.pools[pool];
        state.pure = match state.pure {
            None => Some((
                previous.unwrap_or(state.offset.unwrap_or(0)),
                usize::from(previous.is_some() && step),
            )),
            Some((start, steps)) => Some((start, steps + usize::from(step))),
        };
        let offset = self.pools[pool].offset.unwrap_or(0);
        let cycle = &self.pools[pool].cycle;
        for (i, &p) in members.iter().enumerate() {
            let mut mode = Mode::SPLIT[cycle[(group_of[i] + offset) % groups]];
            if mode.is_remote() && !eligible[i] {
                mode = Mode::Wfo;
            }
            self.cells[p].mode = mode;
            self.cells[p].group = Some(group_of[i] as u8);
        }
    }
}
