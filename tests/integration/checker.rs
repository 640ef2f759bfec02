//! An independent check of SPEC §6 on a written long roster. It reads the roster back as plain
//! CSV and re-derives precedence, pools and every guarantee itself; from the library it
//! borrows only the validated policy (dates, patterns) and the staff reader, never the
//! resolver, planner or audit.

use chrono::{Datelike, NaiveDate};
use roster::policy::{Effect, Policy, RotationPattern, Teams};
use roster::staff::Staff;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

pub struct Roster {
    /// (date, nip) -> (mode, rule column)
    pub rows: BTreeMap<(NaiveDate, String), (String, String)>,
    pub duplicates: usize,
}

pub fn read_roster(path: &Path) -> Roster {
    let mut reader = csv::Reader::from_path(path).expect("open roster");
    let headers = reader.headers().expect("header").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "date", "nip", "name", "unit", "team", "role", "mode", "group", "rule"
        ]
    );
    let mut rows = BTreeMap::new();
    let mut duplicates = 0;
    for record in reader.records() {
        let r = record.expect("roster row");
        let date = NaiveDate::parse_from_str(&r[0], "%Y-%m-%d").expect("roster date");
        let rule = r[8].strip_prefix('\'').unwrap_or(&r[8]).to_owned();
        if rows
            .insert((date, r[1].to_owned()), (r[6].to_owned(), rule))
            .is_some()
        {
            duplicates += 1;
        }
    }
    Roster { rows, duplicates }
}

pub fn read_leave(path: Option<&Path>) -> Vec<(String, NaiveDate, NaiveDate)> {
    let Some(path) = path else { return Vec::new() };
    let mut reader = csv::Reader::from_path(path).expect("open leave");
    reader
        .records()
        .map(|r| {
            let r = r.expect("leave row");
            let d = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").expect("leave date");
            (r[0].trim().to_owned(), d(&r[1]), d(&r[2]))
        })
        .collect()
}

/// What SPEC §2's precedence makes of one person-day.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Expect {
    /// The mode and the roster's `rule` column.
    Fixed(String, String),
    /// Rotating under the split of this source label ("" for the default split).
    Rotate(String, [u32; 3]),
}

/// LEAVE > the staff file's `mode` > the first matching rule > the default split.
pub fn expect(
    policy: &Policy,
    staff: &Staff,
    leave: &[(String, NaiveDate, NaiveDate)],
    p: &roster::staff::Person,
    date: NaiveDate,
) -> Expect {
    if leave
        .iter()
        .any(|(nip, from, to)| nip.as_str() == staff.nip(p) && *from <= date && date <= *to)
    {
        return Expect::Fixed("LEAVE".into(), "leave".into());
    }
    if let Some(mode) = p.mode {
        return Expect::Fixed(mode.code().into(), "staff".into());
    }
    for rule in &policy.rules {
        let any = |patterns: &Option<Vec<roster::pattern::Pattern>>, value: &str| {
            patterns
                .as_ref()
                .is_none_or(|list| list.iter().any(|pat| pat.matches(value)))
        };
        let team = staff.team(p);
        let team_ok = match &rule.teams {
            None => true,
            Some(_) if team.is_empty() => false,
            Some(_) => any(&rule.teams, team),
        };
        if any(&rule.units, staff.unit(p))
            && any(&rule.roles, staff.role(p))
            && team_ok
            && any(&rule.nips, staff.nip(p))
            && rule.applies_on(date)
        {
            return match rule.effect {
                Effect::Mode(m) => Expect::Fixed(m.code().into(), rule.name.clone()),
                Effect::Split(s) => Expect::Rotate(rule.name.clone(), s.0),
            };
        }
    }
    Expect::Rotate(String::new(), policy.split.0)
}

/// Rotating people, their count per mode, and the split they rotate under.
type PoolCount = (u64, [u64; 3], [u32; 3]);

fn remote(mode: &str) -> bool {
    mode == "WFH" || mode == "WFA"
}

/// The guarantees (numbers of SPEC §6) the roster breaks.
pub fn violated(
    policy: &Policy,
    staff: &Staff,
    leave: &[(String, NaiveDate, NaiveDate)],
    roster: &Roster,
) -> BTreeSet<u8> {
    let mut broken = BTreeSet::new();
    let days = policy.period.working_days();
    let day_set: BTreeSet<NaiveDate> = days.iter().copied().collect();
    // 1. Exactly one row per person per working day.
    let expected_rows = staff.people.len() * days.len();
    if roster.duplicates > 0
        || roster.rows.len() != expected_rows
        || roster.rows.keys().any(|(d, _)| !day_set.contains(d))
    {
        broken.insert(1);
    }
    let rotation = &policy.rotation;
    let modes = ["WFO", "WFH", "WFA"];
    // Per pool and day: n and counts; per person and pool: days and counts.
    let mut pool_days: BTreeMap<(String, String, NaiveDate), PoolCount> = BTreeMap::new();
    let mut person_pool: BTreeMap<(String, String, String), (u32, [u32; 3])> = BTreeMap::new();
    let mut unit_day: BTreeMap<(String, NaiveDate), (u64, u64, bool)> = BTreeMap::new();
    let mut person_days: HashMap<&str, Vec<(NaiveDate, String, bool)>> = HashMap::new();
    // Rotating people per team and pool-day: whole teams may push a day off its quota.
    let mut team_sizes: BTreeMap<(String, String, NaiveDate), BTreeMap<String, u64>> =
        BTreeMap::new();
    for p in &staff.people {
        let unit = staff.unit(p).to_owned();
        for &date in &days {
            let Some((mode, rule)) = roster.rows.get(&(date, staff.nip(p).to_string())) else {
                continue;
            };
            let e = expect(policy, staff, leave, p, date);
            let entry = unit_day
                .entry((unit.clone(), date))
                .or_insert((0, 0, false));
            entry.0 += u64::from(mode == "WFO");
            entry.1 += u64::from(mode != "LEAVE");
            match &e {
                Expect::Fixed(fixed, label) => {
                    if mode != fixed || rule != label {
                        broken.insert(2);
                    }
                }
                Expect::Rotate(label, split) => {
                    entry.2 = true;
                    if rule != label {
                        broken.insert(2);
                    }
                    // Only the split's modes: "within 1" never admits another.
                    let Some(m) = modes.iter().position(|x| x == mode) else {
                        broken.insert(3);
                        continue;
                    };
                    if split[m] == 0 {
                        broken.insert(3);
                    }
                    let pool = pool_days
                        .entry((unit.clone(), label.clone(), date))
                        .or_insert((0, [0; 3], *split));
                    pool.0 += 1;
                    pool.1[m] += 1;
                    if !staff.team(p).is_empty() {
                        *team_sizes
                            .entry((unit.clone(), label.clone(), date))
                            .or_default()
                            .entry(staff.team(p).to_owned())
                            .or_insert(0) += 1;
                    }
                    let person = person_pool
                        .entry((unit.clone(), label.clone(), staff.nip(p).to_string()))
                        .or_insert((0, [0; 3]));
                    person.0 += 1;
                    person.1[m] += 1;
                }
            }
            let rotating = matches!(e, Expect::Rotate(..));
            person_days
                .entry(staff.nip(p))
                .or_default()
                .push((date, mode.clone(), rotating));
        }
    }
    // 3. Quota per pool and day, and over the period.
    let alternating = rotation.pattern != RotationPattern::Balanced;
    let together = alternating && rotation.teams == Teams::Together;
    let mut totals: BTreeMap<(String, String), PoolCount> = BTreeMap::new();
    for ((unit, label, date), (n, counts, split)) in &pool_days {
        // Under `together` a day may be off by as much as the largest team present.
        let slack = if together {
            team_sizes
                .get(&(unit.clone(), label.clone(), *date))
                .and_then(|teams| teams.values().max().copied())
                .unwrap_or(1)
                .max(1) as f64
        } else {
            1.0
        };
        let t = totals
            .entry((unit.clone(), label.clone()))
            .or_insert((0, [0; 3], *split));
        t.0 += n;
        for m in 0..3 {
            t.1[m] += counts[m];
            let target = f64::from(split[m]) * *n as f64 / 100.0;
            let off = (counts[m] as f64 - target).abs();
            let ok = if alternating {
                off <= slack + 1e-9
            } else {
                counts[m] as f64 >= target.floor() && counts[m] as f64 <= target.ceil()
            };
            if !ok {
                broken.insert(3);
            }
        }
    }
    if !alternating {
        for (n, counts, split) in totals.values() {
            for m in 0..3 {
                let target = f64::from(split[m]) * *n as f64 / 100.0;
                if (counts[m] as f64 - target).abs() > 1.0 + 1e-9 {
                    broken.insert(3);
                }
            }
        }
    }
    // 4. Fairness: same rotating days in a pool, counts within one.
    let mut by_days: BTreeMap<(String, String, u32), Vec<[u32; 3]>> = BTreeMap::new();
    for ((unit, label, _), (n, counts)) in &person_pool {
        by_days
            .entry((unit.clone(), label.clone(), *n))
            .or_default()
            .push(*counts);
    }
    for group in by_days.values() {
        for m in 0..3 {
            let lo = group.iter().map(|c| c[m]).min().unwrap_or(0);
            let hi = group.iter().map(|c| c[m]).max().unwrap_or(0);
            if hi - lo > 1 {
                broken.insert(4);
            }
        }
    }
    // 5. Caps and the office floor.
    for list in person_days.values() {
        if let Some(cap) = rotation.max_remote_per_week {
            let mut weeks: BTreeMap<(i32, u32), (u32, bool)> = BTreeMap::new();
            for (date, mode, rotating) in list {
                let w = date.iso_week();
                let e = weeks.entry((w.year(), w.week())).or_insert((0, false));
                if remote(mode) {
                    e.0 += 1;
                    e.1 |= *rotating;
                }
            }
            if weeks.values().any(|&(n, rot)| n > cap && rot) {
                broken.insert(5);
            }
        }
        if let Some(max) = rotation.max_consecutive_remote {
            let (mut run, mut rot) = (0, false);
            for (_, mode, rotating) in list {
                if remote(mode) {
                    run += 1;
                    rot |= *rotating;
                    if run > max && rot {
                        broken.insert(5);
                    }
                } else {
                    (run, rot) = (0, false);
                }
            }
        }
    }
    if let Some(floor) = rotation.min_office {
        for &(office, present, rotating) in unit_day.values() {
            if rotating && office < u64::from(floor.required(present as u32)) {
                broken.insert(5);
            }
        }
    }
    broken
}

/// The guarantees a run's stderr says are unmet ("guarantee N (...)").
pub fn named(stderr: &str) -> BTreeSet<u8> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("guarantee "))
        .filter_map(|rest| rest.split(' ').next()?.parse().ok())
        .collect()
}

/// The largest fairness spread of the roster: over each pool's people with as many rotating
/// days, the difference between the most and the fewest days of one mode.
pub fn largest_spread(
    policy: &Policy,
    staff: &Staff,
    leave: &[(String, NaiveDate, NaiveDate)],
    roster: &Roster,
) -> u32 {
    let modes = ["WFO", "WFH", "WFA"];
    let mut person_pool: BTreeMap<(String, String, String), (u32, [u32; 3])> = BTreeMap::new();
    for p in &staff.people {
        for date in policy.period.working_days() {
            let (Some((mode, _)), Expect::Rotate(label, _)) = (
                roster.rows.get(&(date, staff.nip(p).to_string())),
                expect(policy, staff, leave, p, date),
            ) else {
                continue;
            };
            let Some(m) = modes.iter().position(|x| x == mode) else {
                continue;
            };
            let entry = person_pool
                .entry((staff.unit(p).to_owned(), label, staff.nip(p).to_string()))
                .or_default();
            entry.0 += 1;
            entry.1[m] += 1;
        }
    }
    let mut ranges: BTreeMap<(String, String, u32), [(u32, u32); 3]> = BTreeMap::new();
    for ((unit, label, _), (days, counts)) in person_pool {
        let range = ranges
            .entry((unit, label, days))
            .or_insert([(u32::MAX, 0); 3]);
        for m in 0..3 {
            range[m] = (range[m].0.min(counts[m]), range[m].1.max(counts[m]));
        }
    }
    ranges
        .values()
        .flat_map(|r| r.iter().map(|(lo, hi)| hi - lo))
        .max()
        .unwrap_or(0)
}
