//! What a previous roster (`--previous`) carries into the next period: each person's counts
//! per pool (so fairness continues), each pool's totals (so quotas continue), shift groups
//! and the phase of the cycle (so alternation continues), and the remote days that the caps
//! see across the boundary.

use crate::error::Result;
use crate::input::{Options, nip};
use crate::policy::Effect;
use crate::pools::{PerMode, PoolKey};
use crate::resolve::{Decision, REQUEST_LABEL, Resolver, Source};
use crate::roster_file::{self, Dating, NipCells, RosterRow};
use crate::staff::NipLookup;
use chrono::{Datelike, IsoWeek, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

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

/// The `rule` of the days `roster attendance --actual` writes: what happened, in the pool the
/// roster planned the day in (`actual` alone for the default split).
pub const ACTUAL_LABEL: &str = "actual";

/// The planned rule of an `--actual` day's label (`actual` → ``, `actual: R` → `R`); `None`
/// for any other label, and for `actual` when a rule of the policy has that very name.
fn strip_actual<'a>(label: &'a str, rules: &HashMap<String, usize>) -> Option<&'a str> {
    if rules.contains_key(ACTUAL_LABEL) {
        return None;
    }
    let head = label.get(..ACTUAL_LABEL.len())?;
    if !head.eq_ignore_ascii_case(ACTUAL_LABEL) {
        return None;
    }
    match &label[ACTUAL_LABEL.len()..] {
        "" => Some(""),
        rest => rest.strip_prefix(':').map(str::trim),
    }
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

    /// Reads the previous long rosters `files`, in order, into the carry; a later file's row
    /// replaces an earlier one's for the same person-day, and rows on or after the period's
    /// start are ignored.
    ///
    /// Rows are counted a day at a time as the files go by, so memory grows with people and
    /// pools, not with rows. Only files that go back in time (out of date order, or
    /// overlapping an earlier file) are read a second time, holding one compact cell per
    /// person-day until the end.
    pub fn read(resolver: &Resolver, files: &[PathBuf], options: &Options) -> Result<Carry> {
        let before = Dating::Before(resolver.policy.period.start);
        let files: Vec<(PathBuf, Dating)> = files.iter().map(|f| (f.clone(), before)).collect();
        Carry::read_dated(resolver, &files, options)
    }

    /// As [`Carry::read`], each file with the dates its yearless day columns stand for: a
    /// published roster of the current period dates them within it, not before it.
    pub fn read_dated(
        resolver: &Resolver,
        files: &[(PathBuf, Dating)],
        options: &Options,
    ) -> Result<Carry> {
        let past: Vec<Past> = (files.iter())
            .map(|(path, dating)| Past::File(path.clone(), *dating))
            .collect();
        Carry::read_past(resolver, &past, options)
    }

    /// As [`Carry::read_dated`], from files and rows read before. An error from rows read
    /// before has no line: read the files to have it with one.
    pub fn read_past(resolver: &Resolver, past: &[Past], options: &Options) -> Result<Carry> {
        match History::new(resolver, true).read(past, options)? {
            Some(carry) => Ok(carry),
            None => History::new(resolver, false)
                .read(past, options)
                .map(std::option::Option::unwrap_or_default),
        }
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

/// A roster the carry reads: a file, with the dates its yearless day columns stand for, or
/// a published roster's rows read before (only those before the period count).
pub enum Past<'a> {
    File(PathBuf, Dating),
    Rows(&'a crate::published::Rows),
}

/// What the carry needs of one person's row on one day of a previous roster.
#[derive(Debug, Clone, Copy)]
struct PastDay {
    remote: bool,
    /// The split mode's position, for a WFO, WFH or WFA day.
    split: Option<u8>,
    group: Option<u8>,
    /// The split source the day rotated under, when it counts in the person's pool: their
    /// unit is still the same, and the `rule` column names the default split or a rule's.
    source: Option<Source>,
    /// A day of `roster attendance --actual`: what happened counts for the person's fairness,
    /// not in the pool's totals, since no plan can make up for it under the daily quotas.
    actual: bool,
}

/// The carry being built from previous rosters, a day at a time in date order.
struct History<'r> {
    resolver: &'r Resolver<'r>,
    by_nip: NipLookup<'r>,
    rule_by_name: HashMap<String, usize>,
    /// The last non-empty `rule` cell read and the split source it names.
    last_rule: (String, Option<Source>),
    /// People by NIP, the order in which a day's shift groups are listed.
    nip_order: Vec<usize>,
    first_week: Option<IsoWeek>,
    /// Count each day as soon as a later one begins (and give up if a file goes back in
    /// time); otherwise hold every day until the end.
    streaming: bool,
    gone_back: bool,
    carry: Carry,
    /// Every date with a row before the period, and the NIPs no longer in the staff file.
    dates: BTreeSet<NaiveDate>,
    left: BTreeSet<String>,
    seen: Vec<bool>,
    last_remote: Vec<Option<NaiveDate>>,
    last_day_of_pool: HashMap<PoolKey, NaiveDate>,
    /// Days read but not yet counted: a cell per person.
    pending: BTreeMap<NaiveDate, Vec<Option<PastDay>>>,
    /// The last day counted.
    counted: Option<NaiveDate>,
}

impl<'r> History<'r> {
    fn new(resolver: &'r Resolver<'r>, streaming: bool) -> History<'r> {
        let staff = resolver.staff;
        let mut nip_order: Vec<usize> = (0..staff.people.len()).collect();
        nip_order.sort_by_key(|&p| staff.nip(&staff.people[p]));
        History {
            resolver,
            by_nip: staff.lookup(),
            rule_by_name: (resolver.policy.rules.iter())
                .enumerate()
                .map(|(i, r)| (r.name.to_lowercase(), i))
                .collect(),
            last_rule: (String::new(), None),
            nip_order,
            first_week: resolver.days.first().map(chrono::Datelike::iso_week),
            streaming,
            gone_back: false,
            carry: Carry {
                people: vec![PersonCarry::default(); staff.people.len()],
                ..Carry::default()
            },
            dates: BTreeSet::new(),
            left: BTreeSet::new(),
            seen: vec![false; staff.people.len()],
            last_remote: vec![None; staff.people.len()],
            last_day_of_pool: HashMap::new(),
            pending: BTreeMap::new(),
            counted: None,
        }
    }

    /// The carry of `files`; `None` when streaming and a file went back in time.
    fn read(mut self, files: &[Past], options: &Options) -> Result<Option<Carry>> {
        let start = self.resolver.policy.period.start;
        for past in files {
            match past {
                // A wide roster (the --xlsx workbook) has no `rule` column: its days carry
                // the caps, but not fairness or quotas, which need to know which days
                // rotated.
                Past::File(path, dating) => {
                    roster_file::read(path, options, *dating, |row, nips| {
                        self.take(row, Some(nips))
                    })
                    .map(drop)?;
                }
                Past::Rows(rows) => rows.each_before(start, |row| self.take(row, None))?,
            }
            if self.gone_back {
                return Ok(None);
            }
        }
        Ok(Some(self.finish()))
    }

    /// Counts `row`; `nips` places an error (rows read before have none: such an error
    /// has no line, and the file is read again for it).
    fn take(&mut self, row: &RosterRow, nips: Option<&NipCells>) -> Result<()> {
        if self.gone_back || row.date >= self.resolver.policy.period.start {
            return Ok(());
        }
        self.dates.insert(row.date);
        let Some(person) = self.by_nip.find(&row.nip) else {
            if let Some(like) = self.by_nip.truncated_from(&row.nip) {
                let message = nip::like_message(&row.nip, like);
                return Err(match nips {
                    Some(nips) => nips.error(row.line, message),
                    None => crate::error::Error::input("", None, message),
                });
            }
            self.left.insert(row.nip.clone());
            return Ok(());
        };
        if self.streaming {
            if self.counted.is_some_and(|day| row.date <= day) {
                self.gone_back = true;
                return Ok(());
            }
            while let Some(entry) = self.pending.first_entry() {
                if *entry.key() >= row.date {
                    break;
                }
                let (date, cells) = entry.remove_entry();
                self.count_day(date, &cells);
            }
        }
        let day = self.past_day(person, row);
        let people = self.seen.len();
        let cells = (self.pending)
            .entry(row.date)
            .or_insert_with(|| vec![None; people]);
        // A later row for the same person-day replaces the earlier one.
        cells[person] = Some(day);
        Ok(())
    }

    fn past_day(&mut self, person: usize, row: &RosterRow) -> PastDay {
        let staff = self.resolver.staff;
        let policy = self.resolver.policy;
        // Someone who changed unit starts fresh in the new one.
        let same_unit = staff.unit(&staff.people[person]) == row.unit;
        let rule = row.rule.as_deref().map(str::trim);
        // What attendance says happened (`roster attendance --actual`): `actual`, or
        // `actual: <rule>`, counts in the pool the day was planned in.
        let planned = rule.and_then(|r| strip_actual(r, &self.rule_by_name));
        let actual = planned.is_some();
        let rule = planned.or(rule);
        let source = match rule {
            _ if !same_unit => None,
            Some("") => Some(Source::Default),
            // A hard request's day is fixed, in no pool (unless a rule has that very name).
            Some(name)
                if name.eq_ignore_ascii_case(REQUEST_LABEL)
                    && !self.rule_by_name.contains_key(REQUEST_LABEL) =>
            {
                None
            }
            // A roster spells its few rule names the same way on every row.
            Some(name) if self.last_rule.0 == name => self.last_rule.1,
            Some(name) => {
                let source = match self.rule_by_name.get(&name.to_lowercase()) {
                    Some(&i) if matches!(policy.rules[i].effect, Effect::Split(_)) => {
                        Some(Source::Rule(i as u16))
                    }
                    _ => None,
                };
                self.last_rule = (name.to_owned(), source);
                source
            }
            None => None,
        };
        PastDay {
            remote: row.mode.is_remote(),
            split: row.mode.split_index().map(|m| m as u8),
            group: group_index(&row.group),
            source,
            actual,
        }
    }

    /// Counts one day of the previous rosters, every person's row on it at once.
    fn count_day(&mut self, date: NaiveDate, cells: &[Option<PastDay>]) {
        let staff = self.resolver.staff;
        self.counted = Some(date);
        let mut touched: Vec<PoolKey> = Vec::new();
        for (person, cell) in cells.iter().enumerate() {
            let Some(day) = cell else {
                continue;
            };
            self.seen[person] = true;
            let entry = &mut self.carry.people[person];
            // The caps look at the person, whatever their unit.
            if day.remote {
                entry.run += 1;
                self.last_remote[person] = Some(date);
                if Some(date.iso_week()) == self.first_week {
                    entry.week_remote += 1;
                }
            } else {
                entry.run = 0;
            }
            let (Some(source), Some(m)) = (day.source, day.split) else {
                continue;
            };
            let m = usize::from(m);
            let pool = PoolKey {
                unit: staff.people[person].unit,
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
            tally.group = day.group.or(tally.group);
            if !day.actual {
                let total = self.carry.pool_totals.entry(pool).or_default();
                total.0 += 1;
                total.1[m] += 1;
            }
            if self.last_day_of_pool.insert(pool, date) != Some(date) {
                touched.push(pool);
            }
        }
        if touched.is_empty() {
            return;
        }
        // The shift groups on a pool's last day, listed anew each day the pool has rows: the
        // group and mode of everyone with a history in the pool, by NIP.
        for pool in &touched {
            self.carry.last_groups.remove(pool);
        }
        for &person in &self.nip_order {
            let Some(PastDay {
                group: Some(g),
                split: Some(m),
                ..
            }) = cells[person]
            else {
                continue;
            };
            for t in &self.carry.people[person].tallies {
                if touched.contains(&t.pool) {
                    let list = self.carry.last_groups.entry(t.pool).or_default();
                    if !list.contains(&(g, usize::from(m))) {
                        list.push((g, usize::from(m)));
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Carry {
        for (date, cells) in std::mem::take(&mut self.pending) {
            self.count_day(date, &cells);
        }
        let dates: Vec<NaiveDate> = self.dates.into_iter().collect();
        // A run counts only if it reaches the last working day before the period.
        let last_date = dates.last().copied();
        let mut carry = self.carry;
        for (entry, last_remote) in carry.people.iter_mut().zip(&self.last_remote) {
            if last_remote.is_none() || *last_remote != last_date {
                entry.run = 0;
            }
            entry.since_remote = last_remote
                .and_then(|d| dates.binary_search(&d).ok())
                .map(|at| (dates.len() - at) as u32);
        }
        carry.join_at_average(self.resolver);
        carry.continued = self.seen.iter().filter(|&&s| s).count();
        carry.left = self.left.into_iter().collect();
        carry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actual_days_count_in_their_planned_pool() {
        let none = HashMap::new();
        assert_eq!(strip_actual("actual", &none), Some(""));
        assert_eq!(strip_actual("Actual: Bendahara", &none), Some("Bendahara"));
        assert_eq!(strip_actual("actually", &none), None);
        assert_eq!(strip_actual("leave", &none), None);
        let named = HashMap::from([("actual".to_owned(), 0)]);
        assert_eq!(strip_actual("actual", &named), None);
    }

    #[test]
    fn group_letters() {
        assert_eq!(group_index("A"), Some(0));
        assert_eq!(group_index("B"), Some(1));
        assert_eq!(group_index("AA"), Some(26));
        assert_eq!(group_index(""), None);
        assert_eq!(group_index("a"), None);
    }
}
