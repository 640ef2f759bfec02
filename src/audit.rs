//! Checks a roster against the guarantees of SPEC §6 as its days stream past, and gathers the
//! summary. It never asks the planner: it re-reads the policy through the [`Resolver`] and
//! looks only at the modes, so `plan` reports what it wrote, and a hand-edited roster can be
//! checked the same way.

use crate::carry::Carry;
use crate::facts::{Allowed, Broken, Dates, Fixed, Hundredths, Place, Pool};
use crate::mode::Mode;
use crate::policy::{RotationPattern, Split, Teams};
use crate::pools::{PerMode, PoolId, PoolKey, Pools, Tallies};
use crate::resolve::{Decision, Resolver, Source};
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

pub use crate::facts::{
    EXAMPLES_PER_UNIT, End, Extremes, Guarantee, PEOPLE_PER_END, Report, SummaryRow, Violation,
    ViolationCount,
};

/// The violations found so far: each counted, at most [`EXAMPLES_PER_UNIT`] kept per
/// guarantee and unit (the smallest in report order, so the examples do not depend on the
/// order they were found in).
#[derive(Debug, Default)]
struct Found {
    /// By guarantee and unit (`None`: a unit the staff file does not have).
    buckets: FxHashMap<(Guarantee, Option<u32>), (u64, BinaryHeap<Violation>)>,
}

impl Found {
    fn push(&mut self, unit: Option<u32>, violation: Violation) {
        let (count, kept) = self.buckets.entry((violation.guarantee, unit)).or_default();
        *count += 1;
        if kept.len() < EXAMPLES_PER_UNIT {
            kept.push(violation);
        } else if kept.peek().is_some_and(|largest| violation < *largest) {
            kept.pop();
            kept.push(violation);
        }
    }
}

#[derive(Debug, Clone, Default)]
struct PersonTrack {
    tallies: Tallies,
    rotating_days: u32,
    week_remote: u32,
    week_rotating_remote: bool,
    run: u32,
    run_start: u32,
    run_rotating: bool,
}

struct PoolTrack {
    key: PoolKey,
    split: Split,
    total_n: u64,
    totals: PerMode<u64>,
}

#[derive(Default, Clone)]
struct UnitTrack {
    office_min: Option<u64>,
    office_max: u64,
    /// Working person-days not on leave, fixed or rotating: what the overall remote share
    /// is a share of.
    days: u64,
    /// The remote days those should have, in hundredths of a day (a fixed remote day is
    /// 100, a rotating day its split's remote percentage), and the remote days they had.
    target_remote: u64,
    remote: u64,
}

pub struct Audit<'r> {
    resolver: &'r Resolver<'r>,
    carry: &'r Carry,
    people: Vec<PersonTrack>,
    pools: Pools<PoolTrack>,
    units: Vec<UnitTrack>,
    total_office: UnitTrack,
    /// Unit names to their index, for counting violations per unit.
    unit_index: FxHashMap<&'r str, u32>,
    found: Found,
    team_quota_drift: Option<f64>,
    last_day: Option<usize>,
    /// The first working day of the week being counted.
    week_start: Option<usize>,
}

fn pct(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

impl<'r> Audit<'r> {
    /// An audit of the resolver's period; with a non-empty `carry` (`--previous`), fairness,
    /// pool totals and the caps count the previous roster's days too.
    pub fn new(resolver: &'r Resolver<'r>, carry: &'r Carry) -> Audit<'r> {
        let mut audit = Audit {
            resolver,
            carry,
            people: vec![PersonTrack::default(); resolver.staff.people.len()],
            pools: Pools::default(),
            units: vec![UnitTrack::default(); resolver.staff.units.len()],
            total_office: UnitTrack::default(),
            unit_index: (resolver.staff.units.iter())
                .enumerate()
                .map(|(i, u)| (u.as_str(), i as u32))
                .collect(),
            found: Found::default(),
            team_quota_drift: None,
            last_day: None,
            week_start: None,
        };
        for (person, carried) in carry.people.iter().enumerate() {
            for t in &carried.tallies {
                let pool = audit.pool_id(t.pool);
                let tally = audit.people[person].tallies.entry(pool);
                tally.days = t.days;
                tally.counts = t.counts;
            }
            let track = &mut audit.people[person];
            track.run = carried.run;
        }
        audit
    }

    fn date(&self, day: usize) -> NaiveDate {
        self.resolver.days[day]
    }

    fn unit_name(&self, person: usize) -> String {
        let r = self.resolver;
        r.staff.unit(&r.staff.people[person]).to_owned()
    }

    /// A problem found outside the days' modes, such as a roster row for an unknown NIP.
    pub fn add(&mut self, mut violation: Violation) {
        let unit = self.unit_index.get(violation.unit.as_str()).copied();
        violation.unit_id = unit;
        self.found.push(unit, violation);
    }

    fn report(
        &mut self,
        guarantee: Guarantee,
        unit: String,
        dates: Dates,
        nip: &str,
        broken: Broken,
    ) {
        self.add(Violation {
            guarantee,
            unit,
            dates,
            nip: nip.to_owned(),
            broken,
            extremes: None,
            unit_id: None,
        });
    }

    fn pool_id(&mut self, key: PoolKey) -> PoolId {
        if let Some(id) = self.pools.id(&key) {
            return id;
        }
        let (total_n, totals) = self.carry.pool_totals(&key);
        let split = self.resolver.split(key.source);
        self.pools.intern(key, || PoolTrack {
            key,
            split,
            total_n,
            totals,
        })
    }

    /// One working day: the mode of each person (canonical order), `None` where the roster
    /// has no row for that person-day.
    pub fn observe_day(&mut self, day: usize, modes: &[Option<Mode>]) {
        let r = self.resolver;
        let rotation = &r.policy.rotation;
        let date = self.date(day);
        let new_week = self
            .last_day
            .is_none_or(|d| self.date(d).iso_week() != date.iso_week());
        if new_week {
            let first = self.last_day.is_none();
            for person in 0..self.people.len() {
                self.close_week(person);
                if first {
                    // The first week may have begun in the previous roster.
                    self.people[person].week_remote =
                        self.carry.person(person).map_or(0, |c| c.week_remote);
                }
            }
        }
        if new_week {
            self.week_start = Some(day);
        }
        self.last_day = Some(day);
        // Pools of the day: pool -> (n, counts per mode).
        let mut day_pools: BTreeMap<u32, (u64, [u64; 3])> = BTreeMap::new();
        let mut unit_office = vec![0u64; self.units.len()];
        let mut unit_present = vec![0u64; self.units.len()];
        let mut unit_rotating = vec![false; self.units.len()];
        for (person, &mode) in modes.iter().enumerate() {
            let p = &r.staff.people[person];
            let unit = p.unit as usize;
            let Some(mode) = mode else {
                let unit_name = self.unit_name(person);
                self.report(
                    Guarantee::OneRowPerDay,
                    unit_name,
                    Dates::Day(date),
                    r.staff.nip(p),
                    Broken::NoRow {
                        name: r.staff.name(p).to_owned(),
                    },
                );
                continue;
            };
            unit_office[unit] += u64::from(mode == Mode::Wfo);
            unit_present[unit] += u64::from(mode != Mode::Leave);
            let (_, decision) = r.decide(person, day);
            let track = &mut self.units[unit];
            if decision != Decision::Fixed(Mode::Leave) {
                track.days += 1;
                track.remote += u64::from(mode.is_remote());
                if let Decision::Fixed(fixed) = decision {
                    track.target_remote += 100 * u64::from(fixed.is_remote());
                }
            }
            let rotating = match decision {
                Decision::Fixed(fixed) => {
                    if mode != fixed {
                        let unit_name = self.unit_name(person);
                        let (source, _) = r.decide(person, day);
                        let why = match source {
                            Source::Leave => Fixed::Leave,
                            Source::Staff => Fixed::Staff,
                            Source::Request => Fixed::Request {
                                at: (r.requests())
                                    .zip(r.requests().and_then(|q| q.on(person, day)))
                                    .map(|(q, request)| Place {
                                        file: q.file.clone(),
                                        line: request.line as u64,
                                    }),
                            },
                            _ => Fixed::Rule {
                                rule: r.source_label(source).to_owned(),
                            },
                        };
                        let broken = Broken::FixedMode {
                            name: r.staff.name(p).to_owned(),
                            why,
                            fixed,
                            mode,
                        };
                        let (date, nip) = (Dates::Day(date), r.staff.nip(p));
                        self.report(Guarantee::FixedModes, unit_name, date, nip, broken);
                    }
                    false
                }
                Decision::Rotate(source) => {
                    unit_rotating[unit] = true;
                    let pool = self.pool_id(PoolKey {
                        unit: p.unit,
                        source,
                    });
                    self.units[unit].target_remote +=
                        u64::from(self.pools[pool].split.remote_share());
                    // Only the split's modes: "within 1" never admits another, and FIELD or
                    // LEAVE is never a rotating day's mode.
                    let name = || r.staff.name(p).to_owned();
                    let wrong = match mode.split_index() {
                        None => Some(Broken::RotatesBut { name: name(), mode }),
                        Some(m) if self.pools[pool].split.0[m] == 0 => Some(Broken::OutsideSplit {
                            name: name(),
                            mode,
                            pool: pool_of(r, source),
                        }),
                        Some(_) => None,
                    };
                    if let Some(broken) = wrong {
                        let unit_name = self.unit_name(person);
                        let (date, nip) = (Dates::Day(date), r.staff.nip(p));
                        self.report(Guarantee::Quota, unit_name, date, nip, broken);
                    }
                    let entry = day_pools.entry(pool).or_insert((0, [0; 3]));
                    entry.0 += 1;
                    let track = &mut self.people[person];
                    track.rotating_days += 1;
                    let tally = track.tallies.entry(pool);
                    tally.days += 1;
                    if let Some(m) = mode.split_index() {
                        entry.1[m] += 1;
                        tally.counts[m] += 1;
                    }
                    true
                }
            };
            self.track_caps(person, day, mode, rotating);
        }
        // Guarantee 3, per pool and day.
        let alternating = rotation.pattern != RotationPattern::Balanced;
        let together = alternating && rotation.teams == Teams::Together;
        // With whole teams in a group a day may be off its quota by as much as the largest
        // team present; anything more (a cap veto, the office floor) is a break.
        let mut largest_team: FxHashMap<u32, u64> = FxHashMap::default();
        if together {
            let mut sizes: FxHashMap<(u32, u32), u64> = FxHashMap::default();
            for (person, mode) in modes.iter().enumerate() {
                let p = &r.staff.people[person];
                if let (Some(_), (_, Decision::Rotate(source)), Some(team)) =
                    (mode, r.decide(person, day), p.team)
                {
                    let pool = self.pool_id(PoolKey {
                        unit: p.unit,
                        source,
                    });
                    *sizes.entry((pool, team)).or_insert(0) += 1;
                }
            }
            for ((pool, _), size) in sizes {
                let largest = largest_team.entry(pool).or_insert(1);
                *largest = (*largest).max(size);
            }
        }
        for (&pool, &(n, counts)) in &day_pools {
            let track = &mut self.pools[pool];
            track.total_n += n;
            for (total, count) in track.totals.0.iter_mut().zip(counts) {
                *total += count;
            }
            let (key, split) = (track.key, track.split);
            for (m, mode) in Mode::SPLIT.into_iter().enumerate() {
                let target = i64::from(split.0[m]) * n as i64;
                let off = (100 * counts[m] as i64 - target).abs();
                let slack = if together {
                    let drift = off as f64 / 100.0;
                    self.team_quota_drift = Some(self.team_quota_drift.unwrap_or(0.0).max(drift));
                    largest_team.get(&pool).copied().unwrap_or(1) as i64
                } else {
                    1
                };
                let broken = if alternating {
                    off > 100 * slack
                } else {
                    off >= 100
                };
                if broken {
                    let allowed = if alternating {
                        let lo = (target - 100 * slack).max(0);
                        let lo = lo / 100 + i64::from(lo % 100 != 0);
                        let hi = (target + 100 * slack) / 100;
                        Allowed::Range { lo, hi }
                    } else if target % 100 == 0 {
                        Allowed::Exactly { n: target / 100 }
                    } else {
                        let (a, b) = (target / 100, target / 100 + 1);
                        Allowed::Either { a, b }
                    };
                    let unit = r.staff.units[key.unit as usize].clone();
                    let broken = Broken::QuotaDay {
                        count: counts[m],
                        n,
                        pool: pool_of(r, key.source),
                        mode,
                        allowed,
                    };
                    self.report(Guarantee::Quota, unit, Dates::Day(date), "", broken);
                }
            }
        }
        // min_office, per unit with rotating people that day.
        let mut total = 0;
        for unit in 0..self.units.len() {
            let office = unit_office[unit];
            total += office;
            let track = &mut self.units[unit];
            if unit_present[unit] > 0 || unit_office[unit] > 0 || unit_rotating[unit] {
                track.office_min = Some(track.office_min.map_or(office, |m| m.min(office)));
                track.office_max = track.office_max.max(office);
            }
            if let (Some(floor), true) = (rotation.min_office, unit_rotating[unit]) {
                let required = u64::from(floor.required(unit_present[unit] as u32));
                if office < required {
                    self.report(
                        Guarantee::Caps,
                        r.staff.units[unit].clone(),
                        Dates::Day(date),
                        "",
                        Broken::MinOffice {
                            office,
                            floor: floor.to_string(),
                            required,
                            present: unit_present[unit],
                        },
                    );
                }
            }
        }
        self.total_office.office_min =
            Some(self.total_office.office_min.map_or(total, |m| m.min(total)));
        self.total_office.office_max = self.total_office.office_max.max(total);
    }

    fn track_caps(&mut self, person: usize, day: usize, mode: Mode, rotating: bool) {
        let track = &mut self.people[person];
        if mode.is_remote() {
            track.week_remote += 1;
            track.week_rotating_remote |= rotating;
            if track.run == 0 {
                track.run_start = day as u32;
                track.run_rotating = false;
            }
            track.run += 1;
            track.run_rotating |= rotating;
        } else {
            self.close_run(person, day);
        }
    }

    fn close_run(&mut self, person: usize, end: usize) {
        let r = self.resolver;
        let track = &mut self.people[person];
        let (run, start, rotating) = (track.run, track.run_start as usize, track.run_rotating);
        track.run = 0;
        if let Some(max) = r.policy.rotation.max_consecutive_remote
            && run > max
            && rotating
        {
            let p = &r.staff.people[person];
            let dates = Dates::Run(self.date(start), self.date(end - 1));
            let unit = self.unit_name(person);
            let name = r.staff.name(p).to_owned();
            let broken = Broken::RunCap { name, run, max };
            self.report(Guarantee::Caps, unit, dates, r.staff.nip(p), broken);
        }
    }

    fn close_week(&mut self, person: usize) {
        let r = self.resolver;
        let track = &mut self.people[person];
        let (remote, rotating, start) = (
            track.week_remote,
            track.week_rotating_remote,
            self.week_start,
        );
        track.week_remote = 0;
        track.week_rotating_remote = false;
        if let (Some(cap), Some(start)) = (r.policy.rotation.max_remote_per_week, start)
            && remote > cap
            && rotating
        {
            let p = &r.staff.people[person];
            let week = Dates::week_of(self.date(start));
            let unit = self.unit_name(person);
            let name = r.staff.name(p).to_owned();
            let broken = Broken::WeekCap { name, remote, cap };
            self.report(Guarantee::Caps, unit, week, r.staff.nip(p), broken);
        }
    }

    /// Ends the audit: closes open weeks and runs, checks the period-wide guarantees and
    /// builds the summary.
    pub fn finish(mut self) -> Report {
        let r = self.resolver;
        let end = self.last_day.map_or(0, |d| d + 1);
        for person in 0..self.people.len() {
            self.close_week(person);
            self.close_run(person, end);
        }
        let balanced = r.policy.rotation.pattern == RotationPattern::Balanced;
        // Guarantee 3 over the period (balanced): each total within 1 of share × sum of n.
        if balanced {
            let mut found = Vec::new();
            for track in &self.pools {
                for (m, mode) in Mode::SPLIT.into_iter().enumerate() {
                    let target = i64::from(track.split.0[m]) * track.total_n as i64;
                    if (100 * track.totals[m] as i64 - target).abs() > 100 {
                        let unit = r.staff.units[track.key.unit as usize].clone();
                        found.push((
                            unit,
                            Broken::QuotaPeriod {
                                count: track.totals[m],
                                mode,
                                pool: pool_of(r, track.key.source),
                                target: Hundredths(target),
                            },
                        ));
                    }
                }
            }
            for (unit, broken) in found {
                self.report(Guarantee::Quota, unit, Dates::Period, "", broken);
            }
        }
        // Guarantee 4 per pool: same rotating days, counts within one.
        let mut spread_by_pool = vec![0u32; self.pools.len()];
        let mut largest_deviation = 0f64;
        let mut ranges: HashMap<(u32, u32), [(u32, u32); 3]> = HashMap::new();
        for track in &self.people {
            for t in &track.tallies {
                let split = self.pools[t.pool].split;
                let entry = ranges.entry((t.pool, t.days)).or_insert([(u32::MAX, 0); 3]);
                for (m, (lo, hi)) in entry.iter_mut().enumerate() {
                    *lo = (*lo).min(t.counts[m]);
                    *hi = (*hi).max(t.counts[m]);
                    let deviation = (f64::from(t.counts[m])
                        - f64::from(split.0[m]) * f64::from(t.days) / 100.0)
                        .abs();
                    largest_deviation = largest_deviation.max(deviation);
                }
            }
        }
        let mut ranges: Vec<_> = ranges.into_iter().collect();
        ranges.sort_unstable_by_key(|(k, _)| *k);
        let mut spreads: Vec<Spread> = Vec::new();
        for ((pool, days), spans) in ranges {
            for (m, (lo, hi)) in spans.into_iter().enumerate() {
                let spread = hi - lo;
                spread_by_pool[pool as usize] = spread_by_pool[pool as usize].max(spread);
                if spread > 1 {
                    let key = self.pools[pool].key;
                    let end = |count| End {
                        count,
                        ..End::default()
                    };
                    spreads.push(Spread {
                        unit: key.unit,
                        broken: Broken::Fairness {
                            days,
                            pool: pool_of(r, key.source),
                            lo,
                            hi,
                            mode: Mode::SPLIT[m],
                        },
                        pool_days: (pool, days),
                        mode: m,
                        extremes: Extremes {
                            low: end(lo),
                            high: end(hi),
                        },
                        named: false,
                    });
                }
            }
        }
        name_extremes(r, &self.people, &mut spreads);
        for spread in spreads {
            self.add(Violation {
                guarantee: Guarantee::Fairness,
                unit: r.staff.units[spread.unit as usize].clone(),
                dates: Dates::Period,
                nip: String::new(),
                broken: spread.broken,
                extremes: Some(Box::new(spread.extremes)),
                unit_id: None,
            });
        }
        let mut violations = Vec::new();
        let mut violation_counts = Vec::with_capacity(self.found.buckets.len());
        let mut problems = vec![0u64; r.staff.units.len()];
        for ((guarantee, unit), (count, kept)) in self.found.buckets {
            if let Some(unit) = unit {
                problems[unit as usize] += count;
            }
            violation_counts.push(ViolationCount {
                guarantee,
                unit: unit.map(|u| r.staff.units[u as usize].clone()),
                count,
                shown: kept.len(),
            });
            violations.extend(kept);
        }
        violations.sort_unstable();
        violation_counts
            .sort_unstable_by(|a, b| (a.guarantee, &a.unit).cmp(&(b.guarantee, &b.unit)));
        // Summary.
        let mut rows: Vec<SummaryRow> = r
            .staff
            .units
            .iter()
            .zip(&self.units)
            .map(|(name, track)| SummaryRow {
                unit: name.clone(),
                staff: 0,
                fixed: 0,
                rotating: 0,
                target_remote_pct: (track.days > 0)
                    .then(|| track.target_remote as f64 / track.days as f64),
                achieved_remote_pct: pct(track.remote, track.days),
                rotating_target_remote_pct: None,
                rotating_achieved_remote_pct: None,
                office_min: track.office_min.unwrap_or(0),
                office_max: track.office_max,
                fairness_spread: 0,
                problems: 0,
            })
            .collect();
        for (person, track) in self.people.iter().enumerate() {
            let row = &mut rows[r.staff.people[person].unit as usize];
            row.staff += 1;
            if track.rotating_days > 0 {
                row.rotating += 1;
            } else {
                row.fixed += 1;
            }
        }
        let mut weights = vec![(0u64, 0u64, 0u64); rows.len()];
        for (pool, track) in self.pools.iter().enumerate() {
            let unit = track.key.unit as usize;
            weights[unit].0 += u64::from(track.split.remote_share()) * track.total_n;
            weights[unit].1 += track.totals.remote();
            weights[unit].2 += track.total_n;
            rows[unit].fairness_spread = rows[unit].fairness_spread.max(spread_by_pool[pool]);
        }
        for (row, (target, achieved, n)) in rows.iter_mut().zip(&weights) {
            row.rotating_target_remote_pct = (*n > 0).then(|| *target as f64 / *n as f64);
            row.rotating_achieved_remote_pct = pct(*achieved, *n);
        }
        for (row, count) in rows.iter_mut().zip(problems) {
            row.problems = count;
        }
        let (target, achieved, n) = weights
            .iter()
            .fold((0, 0, 0), |a, w| (a.0 + w.0, a.1 + w.1, a.2 + w.2));
        let (all_target, all_remote, all_days) = (self.units.iter()).fold((0, 0, 0), |a, t| {
            (a.0 + t.target_remote, a.1 + t.remote, a.2 + t.days)
        });
        let total = SummaryRow {
            unit: "TOTAL".to_owned(),
            staff: rows.iter().map(|r| r.staff).sum(),
            fixed: rows.iter().map(|r| r.fixed).sum(),
            rotating: rows.iter().map(|r| r.rotating).sum(),
            target_remote_pct: (all_days > 0).then(|| all_target as f64 / all_days as f64),
            achieved_remote_pct: pct(all_remote, all_days),
            rotating_target_remote_pct: (n > 0).then(|| target as f64 / n as f64),
            rotating_achieved_remote_pct: pct(achieved, n),
            office_min: self.total_office.office_min.unwrap_or(0),
            office_max: self.total_office.office_max,
            fairness_spread: rows.iter().map(|r| r.fairness_spread).max().unwrap_or(0),
            problems: violation_counts.iter().map(|c| c.count).sum(),
        };
        Report {
            units: rows,
            total,
            violations,
            violation_counts,
            largest_deviation,
            team_quota_drift: self.team_quota_drift,
            pattern_swaps: None,
        }
    }
}

/// A fairness spread of more than one day: people of a pool with as many rotating days and
/// counts of a mode from `extremes.low.count` to `extremes.high.count`.
struct Spread {
    unit: u32,
    broken: Broken,
    pool_days: (PoolId, u32),
    mode: usize,
    extremes: Extremes,
    /// Whether it is among the examples kept of its unit, whose people are named.
    named: bool,
}

/// Counts the people at both ends of each spread, and names the first [`PEOPLE_PER_END`] of
/// them (canonical order) for the spreads an audit keeps as examples: the first
/// [`EXAMPLES_PER_UNIT`] of each unit in report order, as [`Found`] keeps them. So a roster
/// unfair everywhere holds no more names than one unfair once per unit.
fn name_extremes(r: &Resolver, people: &[PersonTrack], spreads: &mut [Spread]) {
    if spreads.is_empty() {
        return;
    }
    spreads.sort_unstable_by(|a, b| (a.unit, &a.broken).cmp(&(b.unit, &b.broken)));
    let mut by_key: FxHashMap<(PoolId, u32), Vec<usize>> = FxHashMap::default();
    let mut in_unit = 0;
    for i in 0..spreads.len() {
        in_unit = if i > 0 && spreads[i - 1].unit == spreads[i].unit {
            in_unit + 1
        } else {
            0
        };
        spreads[i].named = in_unit < EXAMPLES_PER_UNIT;
        by_key.entry(spreads[i].pool_days).or_default().push(i);
    }
    for (person, track) in people.iter().enumerate() {
        for t in &track.tallies {
            for &i in by_key.get(&(t.pool, t.days)).into_iter().flatten() {
                let spread = &mut spreads[i];
                let count = t.counts[spread.mode];
                let ends = [&mut spread.extremes.low, &mut spread.extremes.high];
                for end in ends.into_iter().filter(|end| end.count == count) {
                    end.total += 1;
                    if spread.named && end.people.len() < PEOPLE_PER_END {
                        let p = &r.staff.people[person];
                        let (nip, name) = (r.staff.nip(p), r.staff.name(p));
                        end.people.push((nip.to_owned(), name.to_owned()));
                    }
                }
            }
        }
    }
}

/// The pool of a source: a rule's own, or the default split.
fn pool_of(r: &Resolver, source: Source) -> Pool {
    match source {
        Source::Rule(_) => Pool::Rule {
            rule: r.source_label(source).to_owned(),
        },
        _ => Pool::Default,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leave::Leave;
    use crate::policy::Policy;
    use crate::staff::Staff;
    use std::fmt::Write as _;

    /// 25 pairs in one unit, the pairs on leave 0 to 24 days (so each pair has its own count
    /// of rotating days), one of each pair always in the office and the other always home:
    /// 50 fairness spreads, of which an audit keeps 20, each naming its people.
    #[test]
    fn the_fairness_spreads_kept_name_their_people_and_all_are_counted() {
        let policy = "name = \"t\"\n[period]\nstart = 2025-01-06\nend = 2025-03-28\n\
                      [split]\nWFO = 50\nWFH = 50\n";
        let policy = Policy::parse(policy, "p.toml").unwrap();
        let (mut staff, mut leave) = (
            "nip,name,unit,role\n".to_owned(),
            "nip,from,to\n".to_owned(),
        );
        for i in 0..50 {
            let nip = 199001012020011000u64 + i;
            let _ = writeln!(staff, "{nip},Pegawai {i},Dinas,Staf");
            // On leave for the first i / 2 weekdays.
            let weekdays = (NaiveDate::from_ymd_opt(2025, 1, 6).unwrap().iter_days())
                .filter(|d| d.weekday().num_days_from_monday() < 5);
            if let Some(to) = weekdays.take((i / 2) as usize).last() {
                let _ = writeln!(leave, "{nip},2025-01-06,{to}");
            }
        }
        let read = |text: &str| Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        let staff = Staff::from_reader(read(&staff), "s.csv").unwrap();
        let leave = Leave::from_reader(read(&leave), "l.csv", &staff).unwrap();
        let r = Resolver::new(&policy, &staff, &leave);
        let carry = Carry::default();
        let mut audit = Audit::new(&r, &carry);
        for (day, &date) in r.days.iter().enumerate() {
            let modes: Vec<Option<Mode>> = (0..staff.people.len())
                .map(|person| {
                    Some(if leave.is_on_leave(person, date) {
                        Mode::Leave
                    } else if staff
                        .nip(&staff.people[person])
                        .ends_with(['0', '2', '4', '6', '8'])
                    {
                        Mode::Wfo
                    } else {
                        Mode::Wfh
                    })
                })
                .collect();
            audit.observe_day(day, &modes);
        }
        let report = audit.finish();
        assert_eq!(report.count_of(Guarantee::Fairness), 50);
        let kept: Vec<_> = (report.violations.iter())
            .filter(|v| v.guarantee == Guarantee::Fairness)
            .collect();
        assert_eq!(kept.len(), EXAMPLES_PER_UNIT);
        for v in kept {
            let extremes = v.extremes.as_deref().expect("a spread's ends");
            for end in [&extremes.low, &extremes.high] {
                assert_eq!((end.total, end.people.len()), (1, 1), "{v}");
            }
            assert_ne!(extremes.low.people, extremes.high.people, "{v}");
        }
    }
}
