//! The roster and the attendance exports side by side: one planned cell and one observed cell
//! per person and working day of the window (memory grows with people, not with export
//! rows), a few more for check-ins on days the roster has no row for, and from them the class
//! of every person-day and the weekly counts per unit.

use super::presensi::{self, PresensiRow};
use super::{Class, Observed, classify};
use crate::error::Result;
use crate::facts::attendance::AttendanceProblem;
use crate::input::{Options, nip};
use crate::mode::Mode;
use crate::roster_file::{self, Dating};
use crate::staff::Staff;
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What a person-day's planned cell packs: the mode's index + 1 (0: no row), then the rule
/// and the shift group as indexes into [`Reconciliation`]'s lists.
const MODE_BITS: u32 = 3;
const GROUP_SHIFT: u32 = 32;

/// A NIP of at most 18 digits as a number and its length (leading zeros count).
fn numeric_nip(nip: &str) -> Option<(u64, u8)> {
    if nip.is_empty() || nip.len() > 18 || !nip.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Eighteen digits stay below 10^18: no step can overflow.
    let number = (nip.bytes()).fold(0u64, |n, digit| n * 10 + u64::from(digit - b'0'));
    Some((number, nip.len() as u8))
}

/// Who a classified person-day is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who<'a> {
    /// A person of the staff file, by canonical index.
    Staff(usize),
    /// Someone only the attendance export names.
    Other(&'a Extra),
}

/// A check-in the planned grid has no cell for: an off day, or a NIP not in the staff file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extra {
    /// The person in the staff file (a check-in on an off day), if any.
    pub person: Option<usize>,
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub seen: Observed,
}

/// One classified person-day.
#[derive(Debug, Clone, Copy)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub who: Who<'a>,
    pub planned: Option<Mode>,
    pub seen: Observed,
    pub class: Class,
}

pub struct Reconciliation<'s> {
    pub staff: &'s Staff,
    /// The working days of the window, in order.
    pub days: Vec<NaiveDate>,
    pub window: (NaiveDate, NaiveDate),
    planned: Vec<u64>,
    /// The roster's rule names and shift groups (index 0: empty).
    rules: Vec<String>,
    groups: Vec<String>,
    /// The first and last day the roster has a working row for, in the window.
    pub roster_span: Option<(NaiveDate, NaiveDate)>,
    /// Per unit: whether the roster plans one of its people in the window. A unit the roster
    /// files do not hold (one OPD's roster against a province's export) is left out.
    planned_units: Vec<bool>,
    /// Per person: whether the report covers them ([`Reconciliation::covers`]), settled once
    /// both kinds of file are read.
    people_covered: Vec<bool>,
    obs: Observations,
}

/// What the exports say: a cell per person and working day, and the check-ins the grid has
/// no cell for. Read apart from the roster (on another core).
#[derive(Debug, Default)]
struct Observations {
    seen: Vec<Observed>,
    /// Check-ins the grid has no cell for, by date and NIP.
    extra: BTreeMap<(NaiveDate, String), Extra>,
    /// Per unit of the staff file: whether an export has a row for one of its people in the
    /// window. A unit whose export was not given is left out, not counted as absent.
    covered: Vec<bool>,
}

impl<'s> Reconciliation<'s> {
    /// An empty grid for `staff` over the working days `days` of the window.
    pub fn new(staff: &'s Staff, days: Vec<NaiveDate>, window: (NaiveDate, NaiveDate)) -> Self {
        let cells = staff.people.len() * days.len();
        Reconciliation {
            staff,
            days,
            window,
            planned: vec![0; cells],
            rules: vec![String::new()],
            groups: vec![String::new()],
            roster_span: None,
            planned_units: vec![false; staff.units.len()],
            people_covered: vec![false; staff.people.len()],
            obs: Observations {
                seen: vec![Observed::default(); cells],
                extra: BTreeMap::new(),
                covered: vec![false; staff.units.len()],
            },
        }
    }

    /// Where a person-day's cells are: a day's people together, as the files list them.
    fn cell(&self, person: usize, day: usize) -> usize {
        day * self.staff.people.len() + person
    }

    fn day_index(&self, date: NaiveDate) -> Option<usize> {
        self.days.binary_search(&date).ok()
    }

    fn intern(list: &mut Vec<String>, index: &mut FxHashMap<String, u32>, value: &str) -> u32 {
        if value.is_empty() {
            return 0;
        }
        if let Some(&i) = index.get(value) {
            return i;
        }
        list.push(value.to_owned());
        let i = (list.len() - 1) as u32;
        index.insert(value.to_owned(), i);
        i
    }

    /// Reads the planned roster files (long or wide, CSV or workbook): their rows of the
    /// window's working days. A NIP the staff file does not have is an error.
    pub fn read_roster(
        &mut self,
        paths: &[PathBuf],
        options: &Options,
        dating: Dating,
    ) -> Result<()> {
        let staff = self.staff;
        let mut lookup = staff.lookup();
        let mut rule_index = FxHashMap::default();
        let mut group_index = FxHashMap::default();
        let people = staff.people.len();
        for path in paths {
            roster_file::read_keys(path, options, dating, |row, nips| {
                let Some(person) = lookup.find(&row.nip) else {
                    if let Some(like) = lookup.truncated_from(&row.nip) {
                        return Err(nips.error(row.line, nip::like_message(&row.nip, like)));
                    }
                    let nip = row.nip.clone();
                    return Err(nips.error(row.line, AttendanceProblem::RosterUnknownNip { nip }));
                };
                let Some(day) = self.day_index(row.date) else {
                    return Ok(());
                };
                self.planned_units[staff.people[person].unit as usize] = true;
                self.roster_span = Some(match self.roster_span {
                    Some((first, last)) => (first.min(row.date), last.max(row.date)),
                    None => (row.date, row.date),
                });
                let rule = Self::intern(
                    &mut self.rules,
                    &mut rule_index,
                    row.rule.as_deref().unwrap_or(""),
                );
                let group = Self::intern(&mut self.groups, &mut group_index, &row.group);
                self.planned[day * people + person] = (row.mode.index() as u64 + 1)
                    | u64::from(rule) << MODE_BITS
                    | u64::from(group) << GROUP_SHIFT;
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Reads the roster files (as [`Reconciliation::read_roster`]) and the attendance exports
    /// (files, or folders of them), the two at once; without `explicit` window, the window
    /// then narrows to the days the roster plans.
    pub fn read(
        &mut self,
        roster: (&[PathBuf], &Options, Dating),
        presensi: (&[PathBuf], &Options),
        explicit: bool,
    ) -> Result<()> {
        let (staff, days, window) = (self.staff, self.days.clone(), self.window);
        let mut obs = std::mem::take(&mut self.obs);
        let (planned, observed) = std::thread::scope(|scope| {
            let exports = scope.spawn(|| obs.read(staff, &days, window, presensi.0, presensi.1));
            let planned = self.read_roster(roster.0, roster.1, roster.2);
            let observed = exports
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (planned, observed)
        });
        self.obs = obs;
        // The roster's errors first, whichever file finished first.
        planned?;
        observed?;
        self.people_covered = (self.staff.people.iter())
            .map(|p| self.obs.covered[p.unit as usize] && self.planned_units[p.unit as usize])
            .collect();
        if !explicit && let Some(span) = self.roster_span {
            self.window = span;
        }
        Ok(())
    }

    /// The NIPs of the exports in the window that the staff file does not have.
    pub fn unknown_nips(&self) -> BTreeSet<&str> {
        (self.obs.extra.range((self.window.0, String::new())..))
            .take_while(|((date, _), _)| *date <= self.window.1)
            .filter(|(_, extra)| extra.person.is_none())
            .map(|((_, nip), _)| nip.as_str())
            .collect()
    }

    /// The planned mode, rule and group of a person-day.
    pub fn planned(&self, person: usize, day: usize) -> Option<(Mode, &str, &str)> {
        let (mode, rule, group) = self.planned_at(person, day)?;
        Some((mode, &self.rules[rule], &self.groups[group]))
    }

    /// The planned mode of a person-day, and its rule and group as indexes into
    /// [`Reconciliation::rules`] and [`Reconciliation::groups`].
    pub fn planned_at(&self, person: usize, day: usize) -> Option<(Mode, usize, usize)> {
        let cell = self.planned[self.cell(person, day)];
        let mode = (cell & ((1 << MODE_BITS) - 1)) as usize;
        if mode == 0 {
            return None;
        }
        let rule = ((cell & u64::from(u32::MAX)) >> MODE_BITS) as usize;
        let group = (cell >> GROUP_SHIFT) as usize;
        Some((Mode::ALL[mode - 1], rule, group))
    }

    /// The roster's rule names (index 0: none).
    pub fn rules(&self) -> &[String] {
        &self.rules
    }

    /// The roster's shift groups (index 0: none).
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// Whether the report covers this person: the roster plans their unit in the window, and
    /// an export has a row for someone of it.
    pub fn covers(&self, person: usize) -> bool {
        self.people_covered[person]
    }

    /// The units the roster plans in the window that no export has a row for.
    pub fn units_left_out(&self) -> Vec<&str> {
        (self.staff.units.iter().enumerate())
            .filter(|&(unit, _)| self.planned_units[unit] && !self.obs.covered[unit])
            .map(|(_, name)| name.as_str())
            .collect()
    }

    pub fn seen(&self, person: usize, day: usize) -> Observed {
        self.obs.seen[self.cell(person, day)]
    }

    /// Every classified person-day of the window, in the long roster's order (date, unit,
    /// NIP), handed to `each` a date at a time.
    pub fn for_each_day(&self, mut each: impl FnMut(&Day) -> Result<()>) -> Result<()> {
        let mut date = self.window.0;
        let mut today: Vec<Day> = Vec::new();
        while date <= self.window.1 {
            today.clear();
            if let Some(day) = self.day_index(date) {
                for person in 0..self.staff.people.len() {
                    if !self.covers(person) {
                        continue;
                    }
                    let planned = self.planned(person, day).map(|(m, _, _)| m);
                    let seen = self.seen(person, day);
                    if let Some(class) = classify(planned, seen) {
                        today.push(Day {
                            date,
                            who: Who::Staff(person),
                            planned,
                            seen,
                            class,
                        });
                    }
                }
            }
            let staff_today = today.len();
            for ((_, _), extra) in self
                .obs
                .extra
                .range((date, String::new())..)
                .take_while(|((d, _), _)| *d == date)
            {
                if extra.person.is_some_and(|p| !self.covers(p)) {
                    continue;
                }
                if let Some(class) = classify(None, extra.seen) {
                    today.push(Day {
                        date,
                        who: Who::Other(extra),
                        planned: None,
                        seen: extra.seen,
                        class,
                    });
                }
            }
            // Staff are in canonical order already (unit, NIP); check-ins outside the grid
            // join them.
            if today.len() > staff_today {
                today.sort_by(|a, b| {
                    let (a_nip, _, a_unit) = self.person(&a.who);
                    let (b_nip, _, b_unit) = self.person(&b.who);
                    (a_unit, a_nip).cmp(&(b_unit, b_nip))
                });
            }
            for day in &today {
                each(day)?;
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        Ok(())
    }

    /// The name and unit of a classified person-day's person.
    pub fn person<'a>(&'a self, who: &Who<'a>) -> (&'a str, &'a str, &'a str) {
        match who {
            Who::Staff(p) => {
                let person = &self.staff.people[*p];
                (
                    self.staff.nip(person),
                    self.staff.name(person),
                    self.staff.unit(person),
                )
            }
            Who::Other(extra) => (&extra.nip, &extra.name, &extra.unit),
        }
    }
}

impl Observations {
    /// Reads attendance exports (files, or folders of them) into the grid.
    fn read(
        &mut self,
        staff: &Staff,
        days: &[NaiveDate],
        window: (NaiveDate, NaiveDate),
        files: &[PathBuf],
        options: &Options,
    ) -> Result<()> {
        let mut lookup = staff.lookup();
        // Exports list people by date, not in the staff's order: numeric NIPs are found by
        // number, a lookup that does not chase a pointer to the text. An export sorted as the
        // roster is (by unit and NIP within a date: one per OPD) names the person after the
        // last one in the staff's order; one sorted by NIP (a whole province's) the one after
        // the last in NIP order. Those two guesses come before a binary search, since random
        // lookups miss the cache at a province's size.
        let numbers: Vec<Option<(u64, u8)>> = (staff.people.iter())
            .map(|p| numeric_nip(staff.nip(p)))
            .collect();
        let mut by_number: Vec<((u64, u8), usize)> = (numbers.iter().enumerate())
            .filter_map(|(i, key)| Some(((*key)?, i)))
            .collect();
        by_number.sort_unstable();
        // Per person: whether an export has a row for them in the window; their units are
        // covered.
        let mut has_rows = vec![false; staff.people.len()];
        let (mut next, mut next_by_number) = (0, 0);
        // Which guess came true last: the one that did is tried first (a wrong guess is a
        // cache miss too).
        let mut in_nip_order = false;
        for file in files {
            presensi::read(file, options, |row, nips| {
                let person = match numeric_nip(&row.nip) {
                    Some(key) => {
                        let after_last =
                            || (numbers.get(next) == Some(&Some(key))).then_some((next, false));
                        let after_last_by_number = || {
                            (by_number.get(next_by_number))
                                .is_some_and(|(k, _)| *k == key)
                                .then(|| (by_number[next_by_number].1, true))
                        };
                        let guessed = if in_nip_order {
                            after_last_by_number().or_else(after_last)
                        } else {
                            after_last().or_else(after_last_by_number)
                        };
                        match guessed {
                            Some((person, by_nip)) => {
                                in_nip_order = by_nip;
                                next_by_number += usize::from(by_nip);
                                Some(person)
                            }
                            None => match by_number.binary_search_by_key(&key, |(k, _)| *k) {
                                Ok(at) => {
                                    next_by_number = at + 1;
                                    in_nip_order = true;
                                    Some(by_number[at].1)
                                }
                                Err(_) => None,
                            },
                        }
                    }
                    None => lookup.find(&row.nip),
                };
                next = person.map_or(0, |p| p + 1);
                if person.is_none()
                    && let Some(like) = lookup.truncated_from(&row.nip)
                {
                    return Err(nips.error(row.line, nip::like_message(&row.nip, like)));
                }
                if window.0 <= row.date && row.date <= window.1 {
                    self.observe(staff, &mut has_rows, days, person, row);
                }
                Ok(())
            })?;
        }
        for (person, _) in has_rows.iter().enumerate().filter(|(_, rows)| **rows) {
            self.covered[staff.people[person].unit as usize] = true;
        }
        Ok(())
    }

    /// One export row of the window; `person` is its NIP's person in the staff file, if any.
    fn observe(
        &mut self,
        staff: &Staff,
        has_rows: &mut [bool],
        days: &[NaiveDate],
        person: Option<usize>,
        row: PresensiRow<'_>,
    ) {
        if let Some(p) = person {
            // A store alone (the unit is looked up once, at the end): the export lists people
            // in another order than the staff file's.
            has_rows[p] = true;
        }
        if let (Some(person), Ok(day)) = (person, days.binary_search(&row.date)) {
            self.seen[day * staff.people.len() + person].merge(row.seen);
            return;
        }
        let (name, unit) = match person {
            Some(p) => {
                let p = &staff.people[p];
                (staff.name(p).to_owned(), staff.unit(p).to_owned())
            }
            None => (row.name.into_owned(), row.unit.into_owned()),
        };
        let nip = row.nip.into_owned();
        let extra = (self.extra)
            .entry((row.date, nip.clone()))
            .or_insert_with(|| Extra {
                person,
                nip,
                name: name.clone(),
                unit: unit.clone(),
                seen: Observed::default(),
            });
        // Someone the staff file lacks is named by the smallest name and unit their rows
        // give, so that the order of the rows does not matter.
        for (mine, theirs) in [(&mut extra.name, name), (&mut extra.unit, unit)] {
            if mine.is_empty() || (!theirs.is_empty() && theirs < *mine) {
                *mine = theirs;
            }
        }
        extra.seen.merge(row.seen);
    }
}

/// The counts of one unit in one ISO week (or of a whole window).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Person-days with a working row in the roster.
    pub planned: u64,
    /// Of them, planned WFO.
    pub planned_office: u64,
    pub office_kept: u64,
    /// Planned WFH or WFA, and away (or with no place said) as planned.
    pub remote_kept: u64,
    /// Person-days of each class, in [`Class::ALL`] order.
    pub classes: [u64; 8],
    pub late: u64,
    pub early: u64,
}

impl Counts {
    pub fn add(&mut self, day: &Day) {
        if let Some(planned) = day.planned {
            self.planned += 1;
            let kept = day.class == Class::AsPlanned;
            if planned == Mode::Wfo {
                self.planned_office += 1;
                self.office_kept += u64::from(kept);
            }
            if planned.is_remote() {
                self.remote_kept += u64::from(kept);
            }
        }
        self.classes[day.class.index()] += 1;
        self.late += u64::from(day.seen.present() && day.seen.has(Observed::LATE));
        self.early += u64::from(day.seen.present() && day.seen.has(Observed::EARLY));
    }

    pub fn merge(&mut self, other: &Counts) {
        self.planned += other.planned;
        self.planned_office += other.planned_office;
        self.office_kept += other.office_kept;
        self.remote_kept += other.remote_kept;
        for (mine, theirs) in self.classes.iter_mut().zip(other.classes) {
            *mine += theirs;
        }
        self.late += other.late;
        self.early += other.early;
    }

    /// The share of planned person-days that went as planned, in percent (`None`: none
    /// planned).
    pub fn kept_pct(&self) -> Option<f64> {
        (self.planned > 0)
            .then(|| 100.0 * self.classes[Class::AsPlanned.index()] as f64 / self.planned as f64)
    }

    /// Person-days that departed from the roster.
    pub fn deviations(&self) -> u64 {
        Class::ALL
            .iter()
            .filter(|c| c.is_deviation())
            .map(|c| self.classes[c.index()])
            .sum()
    }
}

/// A person's name, and the class and date of each of their deviations.
pub type Deviations = (String, Vec<(Class, NaiveDate)>);

/// The weekly report: counts per ISO week and unit, the window's total, and each person's
/// deviations.
#[derive(Debug, Default)]
pub struct Weekly {
    /// By (ISO year, week, unit).
    pub rows: BTreeMap<(i32, u32, String), Counts>,
    pub total: Counts,
    /// By (unit, NIP): the name and each deviation's class and date.
    pub people: BTreeMap<(String, String), Deviations>,
    /// The counts of the unit and week being added to: person-days come a unit at a time.
    current: Option<((i32, u32, String), Counts)>,
}

impl Weekly {
    /// Counts one classified person-day; call [`Weekly::finish`] after the last.
    pub fn add(&mut self, day: &Day, nip: &str, name: &str, unit: &str) {
        let week = day.date.iso_week();
        let same = |key: &(i32, u32, String)| {
            key.0 == week.year() && key.1 == week.week() && key.2 == unit
        };
        if !self.current.as_ref().is_some_and(|(key, _)| same(key)) {
            self.finish();
            self.current = Some((
                (week.year(), week.week(), unit.to_owned()),
                Counts::default(),
            ));
        }
        if let Some((_, counts)) = &mut self.current {
            counts.add(day);
        }
        self.total.add(day);
        if day.class.is_deviation() {
            let entry = self
                .people
                .entry((unit.to_owned(), nip.to_owned()))
                .or_insert_with(|| (name.to_owned(), Vec::new()));
            entry.1.push((day.class, day.date));
        }
    }

    /// The report of one unit alone (`{unit}` outputs).
    pub fn only(&self, unit: &str) -> Weekly {
        let mut part = Weekly::default();
        for (key, counts) in self.rows.iter().filter(|(key, _)| key.2 == unit) {
            part.total.merge(counts);
            part.rows.insert(key.clone(), *counts);
        }
        part.people = (self.people.iter())
            .filter(|((u, _), _)| u == unit)
            .map(|(key, deviations)| (key.clone(), deviations.clone()))
            .collect();
        part
    }

    /// Moves the counts being added to into [`Weekly::rows`].
    pub fn finish(&mut self) {
        if let Some((key, counts)) = self.current.take() {
            self.rows.entry(key).or_default().merge(&counts);
        }
    }

    /// The rows as printed: week by week, and within a week the units that kept least first.
    pub fn worst_first(&self) -> Vec<(String, &str, &Counts)> {
        let mut rows: Vec<(String, &str, &Counts)> = self
            .rows
            .iter()
            .map(|((year, week, unit), counts)| {
                (format!("{year}-W{week:02}"), unit.as_str(), counts)
            })
            .collect();
        rows.sort_by(|a, b| {
            let kept = |c: &Counts| c.kept_pct().unwrap_or(100.0);
            a.0.cmp(&b.0)
                .then(kept(a.2).total_cmp(&kept(b.2)))
                .then(b.2.deviations().cmp(&a.2.deviations()))
                .then(a.1.cmp(b.1))
        });
        rows
    }
}

/// The label of a day in the `--actual` roster's `rule` column: `actual`, then the rule the
/// roster planned it under (`actual: Bendahara tetap WFO`), so that `--previous` counts the
/// day in the pool it was planned in.
pub fn actual_rule(planned_rule: &str) -> String {
    if planned_rule.is_empty() {
        crate::carry::ACTUAL_LABEL.to_owned()
    } else {
        format!("{}: {planned_rule}", crate::carry::ACTUAL_LABEL)
    }
}
