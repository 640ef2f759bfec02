//! The planner: pure, day by day. Each call to [`Planner::next_day`] decides one working day
//! for every person (in the staff's canonical order), so writers can stream the roster out
//! and memory grows with staff, not with staff × days.
//!
//! How a day is decided:
//! 1. every person-day is resolved (leave, staff `mode`, rules, default split);
//! 2. each pool's rotating people get modes: under `balanced` the day's quota (floor or ceil of
//!    share × n, the extra going to the mode furthest behind over the period) is filled by the
//!    people furthest behind their own share; under an alternating pattern the pool's shift
//!    groups take the modes of a fixed cycle, turned by one step per day or week;
//! 3. the caps veto remote days (the day becomes WFO), then `min_office` brings people with
//!    the most remote days back to the office until the unit's floor holds.
//!
//! Ties are broken by a hash of the NIP, never by file order, so the roster is the same
//! whatever the order of the staff file's rows.

use crate::carry::Carry;
use crate::mode::Mode;
use crate::policy::{RotationPattern, Split, Teams};
use crate::resolve::{Decision, PoolKey, Resolver, Source};
use chrono::Datelike;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::collections::HashMap;

/// One person-day of the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub mode: Mode,
    pub source: Source,
    /// Shift group (0 = A) under an alternating pattern.
    pub group: Option<u8>,
}

/// The name of shift group `g`: A, B, ... Z, AA, AB, ...
pub fn group_name(group: u8) -> String {
    let mut n = group as usize;
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// FNV-1a: a stable, order-independent tie-break.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A person's history within one pool.
#[derive(Debug, Clone, Copy)]
struct Tally {
    pool: u32,
    days: u32,
    counts: [u32; 3],
    group: u8,
}

impl Tally {
    /// How far (in hundredths of a day) the person is behind their share of `mode` if they
    /// rotate today.
    fn deficit(&self, split: &Split, mode: usize) -> i64 {
        i64::from(split.0[mode]) * i64::from(self.days + 1) - 100 * i64::from(self.counts[mode])
    }
}

#[derive(Debug, Clone, Default)]
struct PersonState {
    /// Nearly everyone rotates in one pool: kept inline, with no allocation per person.
    tallies: SmallVec<[Tally; 1]>,
    remote_this_week: u32,
    fixed_remote_left_this_week: u32,
    run: u32,
    /// The working day (index; negative before the period) of the last remote day;
    /// `i32::MIN` for never.
    last_remote: i32,
    hash: u64,
}

impl PersonState {
    fn tally(&mut self, pool: u32) -> &mut Tally {
        let i = match self.tallies.iter().position(|t| t.pool == pool) {
            Some(i) => i,
            None => {
                self.tallies.push(Tally {
                    pool,
                    days: 0,
                    counts: [0; 3],
                    group: 0,
                });
                self.tallies.len() - 1
            }
        };
        &mut self.tallies[i]
    }
}

#[derive(Debug, Clone)]
struct PoolState {
    key: PoolKey,
    split: Split,
    total_n: u64,
    totals: [u64; 3],
    /// Alternating patterns: the cycle of modes the groups walk through, and where it is.
    cycle: Vec<usize>,
    offset: Option<usize>,
}

pub struct Planner<'r> {
    resolver: &'r Resolver<'r>,
    carry: &'r Carry,
    day: usize,
    week_of_day: Vec<u32>,
    people: Vec<PersonState>,
    pools: Vec<PoolState>,
    pool_ids: FxHashMap<PoolKey, u32>,
    cells: Vec<Cell>,
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The cycle of modes for shift groups: one position per group, the modes as evenly
/// interleaved as their shares allow (50/50 gives WFO, WFH; 60/40 gives WFO, WFH, WFO, WFH, WFO).
fn mode_cycle(split: &Split) -> Vec<usize> {
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

impl<'r> Planner<'r> {
    /// A planner for the resolver's period, continuing from `carry` (see [`Carry`]; an
    /// empty one starts from scratch).
    pub fn new(resolver: &'r Resolver<'r>, carry: &'r Carry) -> Planner<'r> {
        // Number the ISO weeks the working days fall in: 0, 1, 2, ...
        let mut week_of_day: Vec<u32> = Vec::with_capacity(resolver.days.len());
        for (i, d) in resolver.days.iter().enumerate() {
            let same_week = i > 0 && resolver.days[i - 1].iso_week() == d.iso_week();
            week_of_day.push(match week_of_day.last() {
                Some(&w) if same_week => w,
                Some(&w) => w + 1,
                None => 0,
            });
        }
        let people = resolver
            .staff
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let carried = carry.person(i);
                PersonState {
                    hash: stable_hash(resolver.staff.nip(p)),
                    run: carried.map_or(0, |c| c.run),
                    last_remote: carried
                        .and_then(|c| c.since_remote)
                        .map_or(i32::MIN, |back| -(back.min(i32::MAX as u32) as i32)),
                    ..PersonState::default()
                }
            })
            .collect();
        let mut planner = Planner {
            resolver,
            carry,
            day: 0,
            week_of_day,
            people,
            pools: Vec::new(),
            pool_ids: FxHashMap::default(),
            cells: vec![
                Cell {
                    mode: Mode::Wfo,
                    source: Source::Default,
                    group: None,
                };
                resolver.staff.people.len()
            ],
        };
        for (person, carried) in carry.people.iter().enumerate() {
            for t in &carried.tallies {
                let pool = planner.pool_id(t.pool);
                let tally = planner.people[person].tally(pool);
                tally.days = t.days;
                tally.counts = t.counts;
            }
        }
        if resolver.policy.rotation.pattern.is_alternating() {
            planner.form_groups();
        }
        planner
    }

    fn pool_id(&mut self, key: PoolKey) -> u32 {
        if let Some(&id) = self.pool_ids.get(&key) {
            return id;
        }
        let split = self.resolver.split(key.source);
        let id = self.pools.len() as u32;
        let cycle = mode_cycle(&split);
        let (total_n, totals) = self
            .carry
            .pool_totals
            .get(&key)
            .copied()
            .unwrap_or_default();
        // The phase the previous roster ended on: the turn of the cycle that gives each
        // group the mode it had on the last day.
        let offset = self.carry.last_groups.get(&key).and_then(|seen| {
            (0..cycle.len()).find(|&o| {
                seen.iter()
                    .all(|&(g, m)| cycle.get((g as usize + o) % cycle.len()) == Some(&m))
            })
        });
        self.pools.push(PoolState {
            key,
            split,
            total_n,
            totals,
            cycle,
            offset,
        });
        self.pool_ids.insert(key, id);
        id
    }

    /// Alternating patterns: put each pool's members into shift groups of sizes within one of
    /// each other, teams spread over the groups, kept whole, or ignored as the policy says.
    fn form_groups(&mut self) {
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
            let groups = self.pools[pool].cycle.len();
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
                        (self.pool_ids.get(&t.pool) == Some(&(pool as u32)))
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

    /// The next working day: its index and one cell per person (canonical order).
    pub fn next_day(&mut self) -> Option<(usize, &[Cell])> {
        let day = self.day;
        if day >= self.resolver.days.len() {
            return None;
        }
        self.plan_day(day);
        self.day += 1;
        Some((day, &self.cells))
    }

    fn plan_day(&mut self, day: usize) {
        let r = self.resolver;
        let rotation = &r.policy.rotation;
        let new_week = day == 0 || self.week_of_day[day] != self.week_of_day[day - 1];
        if new_week {
            self.start_week(day);
        }
        // 1. Resolve, and gather each pool's rotating people.
        let mut rotating: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut pool_slot: FxHashMap<u32, usize> = FxHashMap::default();
        for person in 0..self.cells.len() {
            let (source, decision) = r.decide(person, day);
            match decision {
                Decision::Fixed(mode) => {
                    self.cells[person] = Cell {
                        mode,
                        source,
                        group: None,
                    };
                    if mode.is_remote() {
                        let state = &mut self.people[person];
                        state.fixed_remote_left_this_week =
                            state.fixed_remote_left_this_week.saturating_sub(1);
                        state.remote_this_week += 1;
                    }
                }
                Decision::Rotate(split_source) => {
                    let unit = r.staff.people[person].unit;
                    let pool = self.pool_id(PoolKey {
                        unit,
                        source: split_source,
                    });
                    self.cells[person].source = source;
                    let slot = *pool_slot.entry(pool).or_insert_with(|| {
                        rotating.push((pool, Vec::new()));
                        rotating.len() - 1
                    });
                    rotating[slot].1.push(person);
                }
            }
        }
        // 2. Modes within each pool.
        for (pool, members) in &rotating {
            let eligible: Vec<bool> = members
                .iter()
                .map(|&p| self.may_be_remote(p, day))
                .collect();
            match rotation.pattern {
                RotationPattern::Balanced => self.fill_balanced(*pool, members, &eligible, day),
                pattern => {
                    let step = pattern == RotationPattern::AlternateDays || new_week;
                    self.fill_alternating(*pool, members, &eligible, step);
                }
            }
        }
        // 3. The office floor per unit.
        if let Some(min_office) = rotation.min_office {
            self.hold_office_floor(min_office, &rotating);
        }
        // Book the day.
        for (pool, members) in &rotating {
            let state = &mut self.pools[*pool as usize];
            state.total_n += members.len() as u64;
            for &p in members {
                let mode = self.cells[p].mode;
                if let Some(m) = mode.split_index() {
                    state.totals[m] += 1;
                    let tally = self.people[p].tally(*pool);
                    tally.days += 1;
                    tally.counts[m] += 1;
                }
                // Fixed remote days were counted when resolved.
                self.people[p].remote_this_week += u32::from(mode.is_remote());
            }
        }
        for (person, cell) in self.cells.iter().enumerate() {
            let state = &mut self.people[person];
            if cell.mode.is_remote() {
                state.run += 1;
                state.last_remote = day as i32;
            } else {
                state.run = 0;
            }
        }
    }

    /// Resets the weekly counters and counts each person's fixed remote days ahead this week.
    fn start_week(&mut self, day: usize) {
        let r = self.resolver;
        let week = self.week_of_day[day];
        let end = (day..r.days.len())
            .find(|&d| self.week_of_day[d] != week)
            .unwrap_or(r.days.len());
        let capped = r.policy.rotation.max_remote_per_week.is_some();
        for (person, state) in self.people.iter_mut().enumerate() {
            // The first week may have begun in the previous roster.
            state.remote_this_week = match (day, self.carry.person(person)) {
                (0, Some(c)) => c.week_remote,
                _ => 0,
            };
            state.fixed_remote_left_this_week = if capped {
                (day..end)
                    .filter(
                        |&d| matches!(r.decide(person, d).1, Decision::Fixed(m) if m.is_remote()),
                    )
                    .count() as u32
            } else {
                0
            };
        }
    }

    /// Whether the caps let the planner make this rotating day remote.
    fn may_be_remote(&self, person: usize, day: usize) -> bool {
        let r = self.resolver;
        let rotation = &r.policy.rotation;
        let state = &self.people[person];
        if let Some(cap) = rotation.max_remote_per_week
            && state.remote_this_week + state.fixed_remote_left_this_week + 1 > cap
        {
            return false;
        }
        if let Some(max) = rotation.max_consecutive_remote {
            let ahead = (day + 1..r.days.len())
                .take_while(
                    |&d| matches!(r.decide(person, d).1, Decision::Fixed(m) if m.is_remote()),
                )
                .count() as u32;
            if state.run + 1 + ahead > max {
                return false;
            }
        }
        true
    }

    /// The day's possible counts per mode: each floor or ceil of share × n, summing to n; the
    /// first gives the extra people to the modes furthest behind over the period so far.
    fn quotas(&self, pool: u32, n: usize) -> Vec<[usize; 3]> {
        let state = &self.pools[pool as usize];
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
            let behind = i128::from(state.split.0[m]) * i128::from(state.total_n + n64)
                - 100 * i128::from(state.totals[m] + base[m] as u64);
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

    fn fill_balanced(&mut self, pool: u32, members: &[usize], eligible: &[bool], day: usize) {
        let r = self.resolver;
        let split = self.pools[pool as usize].split;
        let teams = r.policy.rotation.teams;
        // Order people: furthest behind their remote share first; among equals, teams spread
        // (or kept together), then whoever was remote longest ago, then the NIP hash.
        let remote_behind = |planner: &mut Planner, p: usize| {
            let t = *planner.people[p].tally(pool);
            t.deficit(&split, 1) + t.deficit(&split, 2)
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
                    let deficits = [0, 1, 2].map(|m| tallies[i].deficit(&split, m));
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
                        .filter(|&m| permitted(i, m) && tallies[i].deficit(&split, m) >= 0)
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
        // Within each type, the places go to whoever is furthest behind on that mode; among
        // equals, teams spread (or kept together), then whoever was remote longest ago.
        let mut candidates: Vec<Candidate> = Vec::new();
        for (i, &p) in members.iter().enumerate() {
            let last = i64::from(self.people[p].last_remote);
            for mode in (0..3).filter(|&m| types[type_of[i]].0[m].is_some()) {
                candidates.push(Candidate {
                    kind: type_of[i],
                    behind: std::cmp::Reverse(tallies[i].deficit(&split, mode)),
                    team_rank: team_rank[i],
                    recency: if mode == 0 { 0 } else { last },
                    hash: self.people[p].hash,
                    member: i,
                    mode,
                });
            }
        }
        candidates.sort_unstable();
        let mut chosen: Vec<Option<usize>> = vec![None; members.len()];
        for c in &candidates {
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

    fn fill_alternating(&mut self, pool: u32, members: &[usize], eligible: &[bool], step: bool) {
        let split = self.pools[pool as usize].split;
        let groups = self.pools[pool as usize].cycle.len();
        let group_of: Vec<usize> = members
            .iter()
            .map(|&p| self.people[p].tally(pool).group as usize)
            .collect();
        let previous = self.pools[pool as usize].offset;
        if step || previous.is_none() {
            // Turn the cycle to the offset that keeps today's counts within one of the quota
            // and serves those furthest behind; on a tie, simply the next step.
            let mut present = vec![0i64; groups];
            let mut behind = vec![[0i64; 3]; groups];
            for (i, &p) in members.iter().enumerate() {
                let tally = *self.people[p].tally(pool);
                present[group_of[i]] += 1;
                for (m, b) in behind[group_of[i]].iter_mut().enumerate() {
                    *b += tally.deficit(&split, m);
                }
            }
            let n: i64 = present.iter().sum();
            let cycle = &self.pools[pool as usize].cycle;
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
            self.pools[pool as usize].offset = Some(best);
        }
        let offset = self.pools[pool as usize].offset.unwrap_or(0);
        let cycle = &self.pools[pool as usize].cycle;
        for (i, &p) in members.iter().enumerate() {
            let mut mode = Mode::SPLIT[cycle[(group_of[i] + offset) % groups]];
            if mode.is_remote() && !eligible[i] {
                mode = Mode::Wfo;
            }
            self.cells[p].mode = mode;
            self.cells[p].group = Some(group_of[i] as u8);
        }
    }

    /// Brings rotating people back to the office, most remote days first, until each unit
    /// with rotating people has `min_office` in the office.
    fn hold_office_floor(
        &mut self,
        min_office: crate::policy::MinOffice,
        rotating: &[(u32, Vec<usize>)],
    ) {
        let r = self.resolver;
        let mut by_unit: FxHashMap<u32, Vec<(u32, usize)>> = FxHashMap::default();
        for (pool, members) in rotating {
            let unit = self.pools[*pool as usize].key.unit;
            by_unit
                .entry(unit)
                .or_default()
                .extend(members.iter().map(|&p| (*pool, p)));
        }
        let mut units: Vec<_> = by_unit.into_iter().collect();
        units.sort_unstable_by_key(|(u, _)| *u);
        for (unit, mut members) in units {
            let people = r
                .staff
                .people
                .iter()
                .enumerate()
                .skip(r.staff.people.partition_point(|p| p.unit < unit))
                .take_while(|(_, p)| p.unit == unit);
            let (mut present, mut office) = (0u32, 0u32);
            for (i, _) in people {
                present += u32::from(self.cells[i].mode != Mode::Leave);
                office += u32::from(self.cells[i].mode == Mode::Wfo);
            }
            let required = min_office.required(present);
            if office >= required {
                continue;
            }
            members.retain(|&(_, p)| self.cells[p].mode.is_remote());
            let mut ranked: Vec<(u32, u64, usize)> = members
                .iter()
                .map(|&(pool, p)| {
                    let t = *self.people[p].tally(pool);
                    (t.counts[1] + t.counts[2], self.people[p].hash, p)
                })
                .collect();
            ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            for &(_, _, p) in ranked.iter().take((required - office) as usize) {
                self.cells[p].mode = Mode::Wfo;
            }
        }
    }
}

/// A possible placement of one person in one mode. The field order is the sort order:
/// within a type, whoever is furthest behind on the mode first; among equals, teams spread
/// (or kept together), then whoever was remote longest ago, then the NIP hash.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    kind: usize,
    behind: std::cmp::Reverse<i64>,
    team_rank: u64,
    recency: i64,
    hash: u64,
    member: usize,
    mode: usize,
}

/// How people of one type may be placed: the cost of each mode, `None` where they may not.
type Costs = [Option<i64>; 3];

/// Shares out the day's places: `types[t]` people have the mode costs `t`; `places[m]` places
/// of mode m are open. Places as many people as possible at the least total cost (successive
/// shortest paths; the graph has one node per type and per mode, so it stays tiny). Returns
/// how many people of each type take each mode, and the total cost.
fn transport(types: &[(Costs, i64)], places: &[i64; 3]) -> (Vec<[usize; 3]>, i64) {
    struct Edge {
        to: usize,
        cap: i64,
        cost: i64,
    }
    let t = types.len();
    let (source, sink) = (t + 3, t + 4);
    let mut edges: Vec<Edge> = Vec::new();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); t + 5];
    let mut add = |edges: &mut Vec<Edge>, from: usize, to: usize, cap: i64, cost: i64| {
        out[from].push(edges.len());
        edges.push(Edge { to, cap, cost });
        out[to].push(edges.len());
        edges.push(Edge {
            to: from,
            cap: 0,
            cost: -cost,
        });
        edges.len() - 2
    };
    let mut assignment_edges = vec![[usize::MAX; 3]; t];
    for (i, (costs, count)) in types.iter().enumerate() {
        add(&mut edges, source, i, *count, 0);
        for m in 0..3 {
            if let Some(cost) = costs[m] {
                assignment_edges[i][m] = add(&mut edges, i, t + m, *count, cost);
            }
        }
    }
    for (m, &open) in places.iter().enumerate() {
        add(&mut edges, t + m, sink, open, 0);
    }
    let mut total_cost = 0;
    loop {
        // Bellman-Ford: costs are small and the graph has no negative cycle.
        let mut dist = vec![i64::MAX; t + 5];
        let mut via = vec![usize::MAX; t + 5];
        dist[source] = 0;
        let mut changed = true;
        while changed {
            changed = false;
            for u in 0..t + 5 {
                if dist[u] == i64::MAX {
                    continue;
                }
                for &e in &out[u] {
                    let edge = &edges[e];
                    if edge.cap > 0 && dist[u] + edge.cost < dist[edge.to] {
                        dist[edge.to] = dist[u] + edge.cost;
                        via[edge.to] = e;
                        changed = true;
                    }
                }
            }
        }
        if dist[sink] == i64::MAX {
            break;
        }
        let mut push = i64::MAX;
        let mut v = sink;
        while v != source {
            let e = via[v];
            push = push.min(edges[e].cap);
            v = edges[e ^ 1].to;
        }
        let mut v = sink;
        while v != source {
            let e = via[v];
            edges[e].cap -= push;
            edges[e ^ 1].cap += push;
            v = edges[e ^ 1].to;
        }
        total_cost += push * dist[sink];
    }
    let flow = assignment_edges
        .iter()
        .map(|row| {
            row.map(|e| {
                if e == usize::MAX {
                    0
                } else {
                    edges[e ^ 1].cap as usize
                }
            })
        })
        .collect();
    (flow, total_cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_interleave_modes() {
        assert_eq!(mode_cycle(&Split([50, 50, 0])), vec![0, 1]);
        assert_eq!(mode_cycle(&Split([60, 40, 0])), vec![0, 1, 0, 1, 0]);
        assert_eq!(mode_cycle(&Split([0, 100, 0])), vec![1]);
        assert_eq!(mode_cycle(&Split([50, 25, 25])).len(), 4);
    }

    #[test]
    fn group_names() {
        assert_eq!(group_name(0), "A");
        assert_eq!(group_name(25), "Z");
        assert_eq!(group_name(26), "AA");
        assert_eq!(group_name(27), "AB");
    }
}
