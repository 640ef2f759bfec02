//! A roster already published (`plan --published R --from D`): what people were told. Its
//! days before D are history and stay as they are; its days from D on are what a re-plan
//! keeps wherever the current inputs and the guarantees allow.

use crate::error::{Error, Result};
use crate::input::Options;
use crate::lang::{Lang, input_error};
use crate::mode::Mode;
use crate::planner::Cell;
use crate::resolve::{Decision, Resolver, Source};
use crate::roster_file::{self, Dating, RosterRow};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::path::PathBuf;

/// Why a person-day changed, as written in the `why` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// Not in the published roster.
    NewStaff,
    /// In the published roster, no longer in the staff file.
    Left,
    /// In another unit than the published roster's.
    Transfer,
    /// Leave taken or given back.
    Leave,
    /// A staff request.
    Request,
    /// Fixed by the staff file's `mode` or a rule that now decide the day otherwise.
    PolicyChange,
    /// Moved to keep a guarantee after the other changes.
    Rebalance,
}

impl Why {
    pub fn code(self) -> &'static str {
        match self {
            Why::NewStaff => "new staff",
            Why::Left => "left",
            Why::Transfer => "transfer",
            Why::Leave => "leave",
            Why::Request => "request",
            Why::PolicyChange => "policy change",
            Why::Rebalance => "rebalance",
        }
    }
}

/// One changed person-day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub date: NaiveDate,
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub old: Option<Mode>,
    pub new: Option<Mode>,
    pub why: Why,
    /// For a transfer: the unit the published roster had the person in.
    pub from_unit: Option<String>,
}

/// A published roster, read against the current staff and the window being re-planned.
#[derive(Debug, Default)]
pub struct Published {
    /// The first day that may change.
    pub from: NaiveDate,
    days: usize,
    /// Per person of the current staff and working day of the window: the published mode.
    modes: Vec<Option<Mode>>,
    /// Per person: the unit the published roster had them in, when it is not their unit now.
    pub moved: Vec<Option<String>>,
    /// Per person: whether the published roster has them at all.
    pub known: Vec<bool>,
    /// Rows on the window's days of people no longer in the staff file.
    pub left: Vec<RosterRow>,
    /// Rows before `from`, in date then file order: the history the long roster keeps. Held
    /// only for several files (one per unit), which must be merged by date; one file is read
    /// again as the roster is written, so memory does not grow with the history.
    history: Vec<RosterRow>,
    /// The one published file whose history is read again, and how.
    reread: Option<(PathBuf, (NaiveDate, NaiveDate), Options)>,
}

/// Every person-day of the published rosters `files`, in file order, their day columns dated
/// within `period`.
fn each_row(
    files: &[PathBuf],
    period: (NaiveDate, NaiveDate),
    options: &Options,
    mut each: impl FnMut(RosterRow) -> Result<()>,
) -> Result<()> {
    for file in files {
        roster_file::read(
            file,
            options,
            Dating::Within(period.0, period.1),
            |row, _| each(row.clone()),
        )?;
    }
    Ok(())
}

/// A history row as the long roster writes it: one from a roster without a `rule` column
/// (a wide one, a workbook) gets `rule_of`'s.
fn with_rule(mut row: RosterRow, rule_of: &dyn Fn(&RosterRow) -> String) -> RosterRow {
    if row.rule.is_none() {
        row.rule = Some(rule_of(&row));
    }
    row
}

impl Published {
    /// Reads the published rosters `files` (any form a roster is read in; each person-day
    /// in one of them, as [`Published::last_date`] has checked), whose day columns are dated
    /// within `period`.
    pub fn read(
        resolver: &Resolver,
        files: &[PathBuf],
        period: (NaiveDate, NaiveDate),
        options: &Options,
        rule_of: &dyn Fn(&RosterRow) -> String,
    ) -> Result<Published> {
        let staff = resolver.staff;
        let days = resolver.days.len();
        let from = resolver.days.first().copied().unwrap_or(period.0);
        let people = staff.people.len();
        let mut published = Published {
            from,
            days,
            modes: vec![None; people * days],
            moved: vec![None; people],
            known: vec![false; people],
            left: Vec::new(),
            history: Vec::new(),
            reread: match files {
                [one] => Some((one.clone(), period, options.clone())),
                _ => None,
            },
        };
        let mut hold = published.reread.is_none();
        // Whether the history rows come in date order (then one file can be read again).
        let mut ordered = true;
        let mut last_history: Option<NaiveDate> = None;
        let mut by_nip = staff.lookup();
        each_row(files, period, options, |row| {
            if row.date < from {
                ordered &= last_history.is_none_or(|last| last <= row.date);
                last_history = Some(row.date);
                if hold {
                    published.history.push(with_rule(row, rule_of));
                }
                return Ok(());
            }
            let Ok(day) = resolver.days.binary_search(&row.date) else {
                // A day after the window, or one that is no longer a working day.
                return Ok(());
            };
            match by_nip.find(&row.nip) {
                Some(person) => {
                    published.known[person] = true;
                    let unit = &staff.units[staff.people[person].unit as usize];
                    if !row.unit.is_empty() && row.unit != *unit {
                        published.moved[person] = Some(row.unit.clone());
                    }
                    published.modes[person * days + day] = Some(row.mode);
                }
                None => published.left.push(row),
            }
            Ok(())
        })?;
        if !ordered && !hold {
            // One file out of date order: its history is held and sorted after all.
            hold = true;
            published.reread = None;
            each_row(files, period, options, |row| {
                if row.date < from {
                    published.history.push(with_rule(row, rule_of));
                }
                Ok(())
            })?;
        }
        debug_assert!(hold || published.history.is_empty());
        // The long roster's order: date, unit, NIP.
        (published.history)
            .sort_by(|a, b| (a.date, &a.unit, &a.nip).cmp(&(b.date, &b.unit, &b.nip)));
        published
            .left
            .sort_by(|a, b| (a.date, &a.nip).cmp(&(b.date, &b.nip)));
        Ok(published)
    }

    /// Hands each history row (before `from`) of `unit`, or of every unit, to `each` in date
    /// order; a row from a roster without a `rule` column gets `rule_of`'s.
    pub fn history(
        &self,
        unit: Option<&str>,
        rule_of: &dyn Fn(&RosterRow) -> String,
        each: &mut dyn FnMut(&RosterRow) -> Result<()>,
    ) -> Result<()> {
        let wanted = |row: &RosterRow| unit.is_none_or(|u| row.unit == u);
        let Some((file, period, options)) = &self.reread else {
            return self.history.iter().filter(|r| wanted(r)).try_for_each(each);
        };
        each_row(std::slice::from_ref(file), *period, options, |row| {
            if row.date >= self.from || !wanted(&row) {
                return Ok(());
            }
            each(&with_rule(row, rule_of))
        })
    }

    /// The last date of the published rosters `files`: a re-plan runs no further, so that a
    /// roster published for a month is re-planned as that month. Refuses what `check` would
    /// find wrong with the rows themselves, before they are copied into the new roster: a
    /// date outside `period` (a roster of another policy or period) and a person-day given
    /// twice (a repeated row, or one file given twice), naming both rows.
    pub fn last_date(
        files: &[PathBuf],
        period: (NaiveDate, NaiveDate),
        options: &Options,
    ) -> Result<Option<NaiveDate>> {
        let span = usize::try_from((period.1 - period.0).num_days() + 1).unwrap_or(0);
        let mut people: FxHashMap<String, usize> = FxHashMap::default();
        let mut seen: Vec<u64> = Vec::new();
        let mut repeated: Option<(String, NaiveDate)> = None;
        let mut last = None;
        let lang = Lang::messages();
        for file in files {
            roster_file::read(
                file,
                options,
                Dating::Within(period.0, period.1),
                |row, nips| {
                    if row.date < period.0 || row.date > period.1 {
                        return Err(nips.error(
                            row.line,
                            input_error(
                                |m| m.published_outside,
                                &[
                                    ("date", &lang.date(row.date)),
                                    ("start", &lang.date(period.0)),
                                    ("end", &lang.date(period.1)),
                                ],
                            ),
                        ));
                    }
                    last = last.max(Some(row.date));
                    if repeated.is_some() {
                        return Ok(());
                    }
                    let person = match people.get(&row.nip) {
                        Some(&person) => person,
                        None => {
                            let next = people.len();
                            people.insert(row.nip.clone(), next);
                            next
                        }
                    };
                    let bit = person * span + (row.date - period.0).num_days() as usize;
                    if seen.len() <= bit / 64 {
                        seen.resize(bit / 64 + 1, 0);
                    }
                    if seen[bit / 64] & (1 << (bit % 64)) != 0 {
                        repeated = Some((row.nip.clone(), row.date));
                    } else {
                        seen[bit / 64] |= 1 << (bit % 64);
                    }
                    Ok(())
                },
            )?;
        }
        if let Some((nip, date)) = repeated {
            return Err(Published::repeated(files, period, options, &nip, date));
        }
        Ok(last)
    }

    /// The error for the second row of `nip` on `date`, naming the first.
    fn repeated(
        files: &[PathBuf],
        period: (NaiveDate, NaiveDate),
        options: &Options,
        nip: &str,
        date: NaiveDate,
    ) -> Error {
        let lang = Lang::messages();
        let mut first: Option<String> = None;
        for file in files {
            let found = roster_file::read(
                file,
                options,
                Dating::Within(period.0, period.1),
                |row, nips| {
                    if row.nip != nip || row.date != date {
                        return Ok(());
                    }
                    match &first {
                        None => {
                            first = Some(format!("{}:{}", file.display(), row.line));
                            Ok(())
                        }
                        Some(first) => Err(nips.error(
                            row.line,
                            input_error(
                                |m| m.published_duplicate,
                                &[("nip", nip), ("date", &lang.date(date)), ("first", first)],
                            ),
                        )),
                    }
                },
            );
            if let Err(error) = found {
                return error;
            }
        }
        // The files changed between the two readings.
        Error::io(
            files.first().cloned().unwrap_or_default(),
            std::io::Error::other("changed while it was read"),
        )
    }

    /// The published mode of a person-day of the window.
    pub fn mode(&self, person: usize, day: usize) -> Option<Mode> {
        *self.modes.get(person * self.days + day)?
    }

    /// The published mode of a person-day the re-plan should keep: `None` for someone who
    /// moved to another unit since (their days start afresh in the new one).
    pub fn pin(&self, person: usize, day: usize) -> Option<Mode> {
        if self.moved.get(person)?.is_some() {
            return None;
        }
        self.mode(person, day)
    }
}

impl Published {
    /// The person-days of one working day of the window whose mode differs from the
    /// published one, with why: a person new to the roster, one who left, moved to another
    /// unit, took leave (or gave it back), a day now fixed otherwise by the staff file or a
    /// rule, or, failing all of these, a day moved to keep a guarantee.
    pub fn changes_on(&self, resolver: &Resolver, day: usize, cells: &[Cell]) -> Vec<Change> {
        let staff = resolver.staff;
        let date = resolver.days[day];
        let mut changes = Vec::new();
        for (person, cell) in cells.iter().enumerate() {
            let old = self.mode(person, day);
            // A transfer is listed even on a day whose mode did not change: the receiving
            // unit must learn of the newcomer.
            if old == Some(cell.mode) && self.moved[person].is_none() {
                continue;
            }
            let why = if !self.known[person] {
                Why::NewStaff
            } else if self.moved[person].is_some() {
                Why::Transfer
            } else if cell.mode == Mode::Leave || old == Some(Mode::Leave) {
                Why::Leave
            } else if cell.source == Source::Request
                || (resolver.requests())
                    .and_then(|r| r.on(person, day))
                    .is_some_and(|r| r.wish.admits(cell.mode))
            {
                Why::Request
            } else if matches!(resolver.decide(person, day).1, Decision::Fixed(_))
                || old.is_some_and(|m| m.split_index().is_none())
            {
                Why::PolicyChange
            } else {
                Why::Rebalance
            };
            let p = &staff.people[person];
            changes.push(Change {
                date,
                nip: staff.nip(p).to_owned(),
                name: staff.name(p).to_owned(),
                unit: staff.units[p.unit as usize].clone(),
                old,
                new: Some(cell.mode),
                why,
                from_unit: (why == Why::Transfer)
                    .then(|| self.moved[person].clone())
                    .flatten(),
            });
        }
        let left = self.left.partition_point(|row| row.date < date);
        for row in self.left[left..].iter().take_while(|row| row.date == date) {
            changes.push(Change {
                date,
                nip: row.nip.clone(),
                name: row.name.clone(),
                unit: row.unit.clone(),
                old: Some(row.mode),
                new: None,
                why: Why::Left,
                from_unit: None,
            });
        }
        changes
    }
}
