//! What a previous roster (`--previous`) carries into the next period: each person's counts
//! per pool (so fairness continues), each pool's totals (so quotas continue), shift groups
//! and the phase of the cycle (so alternation continues), and the remote days that the caps
//! see across the boundary. Pure: the rows come in already read.

use crate::policy::Effect;
use crate::pools::{PerMode, PoolKey};
use crate::resolve::{Decision, Resolver, Source};
use crate::roster_file::RosterRow;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A person's history in one pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarriedTally {
    pub pool: PoolKey,
    pub days: u32,
    pub counts: PerMode<u32>,
    /// Shift group (0 = A) on the person's last day in the pool.
    pub group: Option<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct PersonCarry {
    pub tallies: Vec<CarriedTally>,
    /// Remote working days in a row up to the last working day before the period.
    pub run: u32,
    /// Remote days earlier in the ISO week the period starts in.
    pub week_remote: u32,
    /// Working days since the last remote day, counted back from the period's first day.
    pub since_remote: Option<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct Carry {
    /// Per person of the current staff (canonical order); empty without `--previous`.
    pub people: Vec<PersonCarry>,
    /// Rotating people and counts per mode, per pool, over the previous roster.
    pub pool_totals: HashMap<PoolKey, (u64, PerMode<u64>)>,
    /// Per pool, the split mode of each shift group on the previous roster's last day.
    pub last_groups: HashMap<PoolKey, Vec<(u8, usize)>>,
    /// People found in both.
    pub continued: usize,
    /// NIPs that joined a pool at its average: new staff, or moved to another unit.
    pub joined: Vec<String>,
    /// NIPs of the previous roster that are no longer in the staff file.
    pub left: Vec<String>,
}

/// `A` → 0, `B` → 1, ..., `AA` → 26.
fn group_index(name: &str) -> Option<u8> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let n = name
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
    u8::try_from(n - 1).ok()
}

impl Carry {
    pub fn person(&self, person: usize) -> Option<&PersonCarry> {
        self.people.get(person)
    }

    /// A pool's rotating person-days and counts per mode over the previous roster.
    pub fn pool_totals(&self, key: &PoolKey) -> (u64, PerMode<u64>) {
        self.pool_totals.get(key).copied().unwrap_or_default()
    }

    /// Builds the carry from a previous long roster's rows; rows on or after the period's
    /// start are ignored.
    pub fn from_previous(resolver: &Resolver, rows: &[RosterRow]) -> Carry {
        let staff = resolver.staff;
        let policy = resolver.policy;
        let start = policy.period.start;
        let by_nip = staff.index_by_nip();
        let rule_by_name: HashMap<String, usize> = policy
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.to_lowercase(), i))
            .collect();
        let mut carry = Carry {
            people: vec![PersonCarry::default(); staff.people.len()],
            ..Carry::default()
        };
        let mut rows: Vec<&RosterRow> = rows.iter().filter(|r| r.date < start).collect();
        rows.sort_by(|a, b| (a.date, &a.nip).cmp(&(b.date, &b.nip)));
        let dates: Vec<NaiveDate> = rows
            .iter()
            .map(|r| r.date)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let first_week = resolver.days.first().map(|d| d.iso_week());
        let mut left = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut last_day_of_pool: HashMap<PoolKey, NaiveDate> = HashMap::new();
        let mut last_remote: HashMap<usize, NaiveDate> = HashMap::new();
        for row in &rows {
            let Some(&person) = by_nip.get(row.nip.as_str()) else {
                left.insert(row.nip.clone());
                continue;
            };
            seen.insert(person);
            let p = &staff.people[person];
            let entry = &mut carry.people[person];
            // The caps look at the person, whatever their unit.
            if row.mode.is_remote() {
                entry.run += 1;
                last_remote.insert(person, row.date);
                if Some(row.date.iso_week()) == first_week {
                    entry.week_remote += 1;
                }
            } else {
                entry.run = 0;
            }
            // Someone who changed unit starts fresh in the new one.
            if staff.unit(p) != row.unit {
                continue;
            }
            let source = match row.rule.as_deref().map(str::trim) {
                Some("") => Source::Default,
                Some(name) => match rule_by_name.get(&name.to_lowercase()) {
                    Some(&i) if matches!(policy.rules[i].effect, Effect::Split(_)) => {
                        Source::Rule(i as u16)
                    }
                    _ => continue,
                },
                None => continue,
            };
            let Some(m) = row.mode.split_index() else {
                continue;
            };
            let pool = PoolKey {
                unit: p.unit,
                source,
            };
            let index = match entry.tallies.iter().position(|t| t.pool == pool) {
                Some(i) => i,
                None => {
                    entry.tallies.push(CarriedTally {
                        pool,
                        days: 0,
                        counts: PerMode::default(),
                        group: None,
                    });
                    entry.tallies.len() - 1
                }
            };
            let tally = &mut entry.tallies[index];
            tally.days += 1;
            tally.counts[m] += 1;
            tally.group = group_index(&row.group).or(tally.group);
            let total = carry.pool_totals.entry(pool).or_default();
            total.0 += 1;
            total.1[m] += 1;
            last_day_of_pool.insert(pool, row.date);
        }
        // A run counts only if it reaches the last working day before the period.
        let last_date = dates.last().copied();
        for (person, entry) in carry.people.iter_mut().enumerate() {
            match last_remote.get(&person) {
                Some(&date) if Some(date) == last_date => {}
                _ => entry.run = 0,
            }
            entry.since_remote = last_remote
                .get(&person)
                .and_then(|d| dates.iter().rev().position(|x| x == d))
                .map(|back| back as u32 + 1);
        }
        for row in &rows {
            let Some(&person) = by_nip.get(row.nip.as_str()) else {
                continue;
            };
            for t in &carry.people[person].tallies {
                if last_day_of_pool.get(&t.pool) == Some(&row.date)
                    && let (Some(g), Some(m)) = (group_index(&row.group), row.mode.split_index())
                {
                    let list = carry.last_groups.entry(t.pool).or_default();
                    if !list.contains(&(g, m)) {
                        list.push((g, m));
                    }
                }
            }
        }
        carry.join_at_average(resolver);
        carry.continued = seen.len();
        carry.left = left.into_iter().collect();
        carry
    }

    /// People who rotate in a pool the previous roster knows but have no history in it
    /// start at the pool's average, not at zero (which would make them remote every day for
    /// a while).
    fn join_at_average(&mut self, resolver: &Resolver) {
        let staff = resolver.staff;
        let mut sums: BTreeMap<PoolKey, (u64, u64, [u64; 3])> = BTreeMap::new();
        for entry in &self.people {
            for t in &entry.tallies {
                let s = sums.entry(t.pool).or_default();
                s.0 += 1;
                s.1 += u64::from(t.days);
                for m in 0..3 {
                    s.2[m] += u64::from(t.counts[m]);
                }
            }
        }
        let mut joined = BTreeSet::new();
        for person in 0..staff.people.len() {
            let mut pools: Vec<PoolKey> = Vec::new();
            for day in 0..resolver.days.len() {
                if let (_, Decision::Rotate(source)) = resolver.decide(person, day) {
                    let key = PoolKey {
                        unit: staff.people[person].unit,
                        source,
                    };
                    if !pools.contains(&key) {
                        pools.push(key);
                    }
                }
            }
            for pool in pools {
                let known = self.people[person].tallies.iter().any(|t| t.pool == pool);
                let Some(&(k, days, counts)) = sums.get(&pool) else {
                    continue;
                };
                if known || k == 0 {
                    continue;
                }
                let average = |sum: u64| ((sum as f64) / (k as f64)).round() as u32;
                let days = average(days);
                let mut counts = PerMode(counts.map(average));
                // Keep the counts summing to the days.
                let sum: u32 = counts.0.iter().sum();
                let largest = (0..3).max_by_key(|&m| counts[m]).unwrap_or(0);
                counts[largest] = (counts[largest] + days).saturating_sub(sum);
                self.people[person].tallies.push(CarriedTally {
                    pool,
                    days,
                    counts,
                    group: None,
                });
                joined.insert(staff.nip(&staff.people[person]).to_string());
            }
        }
        self.joined = joined.into_iter().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_letters() {
        assert_eq!(group_index("A"), Some(0));
        assert_eq!(group_index("B"), Some(1));
        assert_eq!(group_index("AA"), Some(26));
        assert_eq!(group_index(""), None);
        assert_eq!(group_index("a"), None);
    }
}
