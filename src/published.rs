//! A roster already published (`plan --published R --from D`): what people were told. Its
//! days before D are history and stay as they are; its days from D on are what a re-plan
//! keeps wherever the current inputs and the guarantees allow.

use crate::error::{Error, Result};
use crate::facts::problems::Problem;
use crate::input::Options;
use crate::mode::Mode;
use crate::resolve::{Decision, Resolver, Source};
use crate::roster_file::{self, Dating, RosterRow};
use crate::view::Cell;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;

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
    /// The published rosters as read, whose rows before `from` are the history the long
    /// roster keeps.
    rows: Arc<Rows>,
    /// The history's rows in the long roster's order (date, unit, NIP), when the file order
    /// is not it already: several files (one per unit), or one out of date order.
    history: Option<Vec<u32>>,
}

/// The published rosters (`--published`), read once: the window's end, the history the
/// carry counts, the days a re-plan keeps and the history written back all come from here.
/// A row is two numbers (who, and the group, rule and mode), a run of rows of one date one
/// more; the texts of each distinct person and of each group and rule are kept once.
#[derive(Debug, Default)]
pub struct Rows {
    /// The last date, `None` for rosters without a row.
    pub last: Option<NaiveDate>,
    /// How many files were read.
    files: usize,
    /// The NIP, name, unit, team and role of every distinct person of the rows, end to end.
    text: String,
    /// Where each person's five texts end in `text` (each starts where the one before ends).
    who: Vec<[usize; 5]>,
    /// The distinct (group, rule) pairs of the rows.
    tags: Vec<(String, Option<String>)>,
    /// Per row, in file order: its person, and its tag and mode (`tag << 3 | mode`).
    rows: Vec<(u32, u32)>,
    /// The rows' dates: the first row of each run of rows with one date, and that date.
    dates: Vec<(u32, NaiveDate)>,
}

impl Rows {
    /// The five texts of person `who`: NIP, name, unit, team, role.
    fn texts(&self, who: usize) -> [&str; 5] {
        let mut start = match who {
            0 => 0,
            _ => self.who[who - 1][4],
        };
        self.who[who].map(|end| {
            let text = &self.text[start..end];
            start = end;
            text
        })
    }

    fn nip(&self, who: usize) -> &str {
        self.texts(who)[0]
    }

    fn unit(&self, who: usize) -> &str {
        self.texts(who)[2]
    }

    fn who_of(&self, row: usize) -> usize {
        self.rows[row].0 as usize
    }

    fn mode_of(&self, row: usize) -> Mode {
        Mode::ALL[(self.rows[row].1 & 7) as usize]
    }

    fn date_of(&self, row: usize) -> NaiveDate {
        let run = self
            .dates
            .partition_point(|&(first, _)| first as usize <= row);
        self.dates[run - 1].1
    }

    /// Each row's index and date, in file order.
    fn each(&self, mut each: impl FnMut(usize, NaiveDate)) {
        let _ = self.try_each(|i, date| {
            each(i, date);
            Ok(())
        });
    }

    fn try_each(&self, mut each: impl FnMut(usize, NaiveDate) -> Result<()>) -> Result<()> {
        for (run, &(first, date)) in self.dates.iter().enumerate() {
            let end = self
                .dates
                .get(run + 1)
                .map_or(self.rows.len(), |r| r.0 as usize);
            for i in first as usize..end {
                each(i, date)?;
            }
        }
        Ok(())
    }

    /// Row `i` (of `date`) as read (its line is not kept: 0).
    fn fill(&self, i: usize, date: NaiveDate, out: &mut RosterRow) {
        let (who, tag) = self.rows[i];
        let [nip, name, unit, team, role] = self.texts(who as usize);
        let (group, rule) = &self.tags[(tag >> 3) as usize];
        out.date = date;
        for (field, text) in [
            (&mut out.nip, nip),
            (&mut out.name, name),
            (&mut out.unit, unit),
            (&mut out.team, team),
            (&mut out.role, role),
            (&mut out.group, group.as_str()),
        ] {
            field.clear();
            field.push_str(text);
        }
        out.mode = Mode::ALL[(tag & 7) as usize];
        match (rule, &mut out.rule) {
            (None, rule) => *rule = None,
            (Some(from), Some(rule)) => {
                rule.clear();
                rule.push_str(from);
            }
            (Some(from), rule) => *rule = Some(from.clone()),
        }
    }

    /// Each row before `start`, in file order, as read (its line is not kept: 0).
    pub fn each_before(
        &self,
        start: NaiveDate,
        mut each: impl FnMut(&RosterRow) -> Result<()>,
    ) -> Result<()> {
        let mut row = RosterRow::empty();
        self.try_each(|i, date| {
            if date >= start {
                return Ok(());
            }
            self.fill(i, date, &mut row);
            each(&row)
        })
    }

    /// Reads the published rosters `files` (any form a roster is read in), whose day columns
    /// are dated within `period`. Refuses what `check` would find wrong with the rows
    /// themselves, before they are copied into the new roster: a date outside `period` (a
    /// roster of another policy or period) and a person-day given twice (a repeated row, or
    /// one file given twice), naming both rows.
    pub fn read(
        files: &[PathBuf],
        period: (NaiveDate, NaiveDate),
        options: &Options,
    ) -> Result<Rows> {
        const NONE: u32 = u32::MAX;
        let span = usize::try_from((period.1 - period.0).num_days() + 1).unwrap_or(0);
        // Per NIP: its number, and the last person of the rows with that NIP (the others
        // chained through `same_nip`).
        let mut nips: FxHashMap<String, (usize, u32)> = FxHashMap::default();
        let mut same_nip: Vec<u32> = Vec::new();
        // Per person of the rows: the number of their NIP, and the person on the row after
        // theirs the last time.
        let mut nip_of: Vec<u32> = Vec::new();
        let mut following: Vec<u32> = Vec::new();
        let mut previous = NONE;
        let mut tag_index: FxHashMap<(String, Option<String>), u32> = FxHashMap::default();
        let mut last_tag: Option<u32> = None;
        let mut seen: Vec<u64> = Vec::new();
        let mut repeated: Option<(String, NaiveDate)> = None;
        let mut rows = Rows {
            files: files.len(),
            ..Rows::default()
        };
        for file in files {
            roster_file::read(
                file,
                options,
                Dating::Within(period.0, period.1),
                |row, nip_cells| {
                    if row.date < period.0 || row.date > period.1 {
                        return Err(nip_cells.error(
                            row.line,
                            Problem::PublishedOutside {
                                date: row.date,
                                start: period.0,
                                end: period.1,
                            },
                        ));
                    }
                    rows.last = rows.last.max(Some(row.date));
                    if repeated.is_some() {
                        return Ok(());
                    }
                    let texts = [&row.nip, &row.name, &row.unit, &row.team, &row.role];
                    let texts = texts.map(String::as_str);
                    // A roster lists its people in the same order every day: the person who
                    // followed the last row's person last time is most likely this row's.
                    let guess = (previous != NONE)
                        .then(|| following[previous as usize])
                        .filter(|&g| g != NONE && rows.texts(g as usize) == texts);
                    let (person, head) = match guess {
                        Some(who) => (nip_of[who as usize] as usize, who),
                        None => match nips.get(row.nip.as_str()) {
                            Some(&found) => found,
                            None => {
                                let next = nips.len();
                                nips.insert(row.nip.clone(), (next, NONE));
                                (next, NONE)
                            }
                        },
                    };
                    let bit = person * span + (row.date - period.0).num_days() as usize;
                    if seen.len() <= bit / 64 {
                        seen.resize(bit / 64 + 1, 0);
                    }
                    if seen[bit / 64] & (1 << (bit % 64)) != 0 {
                        repeated = Some((row.nip.clone(), row.date));
                        return Ok(());
                    }
                    seen[bit / 64] |= 1 << (bit % 64);
                    // The person: one met before with the same texts, or a new one.
                    let mut who = head;
                    while guess.is_none() && who != NONE && rows.texts(who as usize) != texts {
                        who = same_nip[who as usize];
                    }
                    if who == NONE {
                        let mut ends = [0; 5];
                        for (end, text) in ends.iter_mut().zip(texts) {
                            rows.text.push_str(text);
                            *end = rows.text.len();
                        }
                        who = rows.who.len() as u32;
                        rows.who.push(ends);
                        same_nip.push(head);
                        nip_of.push(person as u32);
                        following.push(NONE);
                        if let Some(entry) = nips.get_mut(row.nip.as_str()) {
                            entry.1 = who;
                        }
                    }
                    // The group and rule: most rows repeat the last pair.
                    let same = |t: u32| {
                        let (group, rule) = &rows.tags[t as usize];
                        *group == row.group && *rule == row.rule
                    };
                    let tag = match last_tag.filter(|&t| same(t)) {
                        Some(t) => t,
                        None => {
                            let key = (row.group.clone(), row.rule.clone());
                            let t = *tag_index.entry(key).or_insert_with(|| {
                                rows.tags.push((row.group.clone(), row.rule.clone()));
                                (rows.tags.len() - 1) as u32
                            });
                            last_tag = Some(t);
                            t
                        }
                    };
                    if previous != NONE {
                        following[previous as usize] = who;
                    }
                    previous = who;
                    let i = rows.rows.len() as u32;
                    if rows.dates.last().is_none_or(|&(_, date)| date != row.date) {
                        rows.dates.push((i, row.date));
                    }
                    rows.rows.push((who, tag << 3 | row.mode.index() as u32));
                    Ok(())
                },
            )?;
        }
        if let Some((nip, date)) = repeated {
            return Err(Published::repeated(files, period, options, &nip, date));
        }
        Ok(rows)
    }
}

impl Published {
    /// The published rosters `rows` (each person-day in one of them, as [`Rows::read`] has
    /// checked), against the current staff and the window being re-planned.
    pub fn read(
        resolver: &Resolver,
        rows: &Arc<Rows>,
        period: (NaiveDate, NaiveDate),
    ) -> Published {
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
            rows: Arc::clone(rows),
            history: None,
        };
        // Whether the history rows come in date order (then the file order is the long
        // roster's, for one file).
        let mut ordered = true;
        let mut last_history: Option<NaiveDate> = None;
        let mut by_nip = staff.lookup();
        // Per person of the rows: who they are on the current staff, looked up once.
        let mut person_of: Vec<Option<Option<usize>>> = vec![None; rows.who.len()];
        let mut left = RosterRow::empty();
        rows.each(|i, date| {
            if date < from {
                ordered &= last_history.is_none_or(|last| last <= date);
                last_history = Some(date);
                return;
            }
            let Ok(day) = resolver.days.binary_search(&date) else {
                // A day after the window, or one that is no longer a working day.
                return;
            };
            let (who, mode) = (rows.who_of(i), rows.mode_of(i));
            let person = *person_of[who].get_or_insert_with(|| by_nip.find(rows.nip(who)));
            match person {
                Some(person) => {
                    published.known[person] = true;
                    let unit = &staff.units[staff.people[person].unit as usize];
                    let row_unit = rows.unit(who);
                    if !row_unit.is_empty() && row_unit != unit.as_str() {
                        published.moved[person] = Some(row_unit.to_owned());
                    }
                    published.modes[person * days + day] = Some(mode);
                }
                None => {
                    rows.fill(i, date, &mut left);
                    published.left.push(left.clone());
                }
            }
        });
        if !ordered || rows.files > 1 {
            // The long roster's order: date, unit, NIP (ties in file order).
            let mut history: Vec<(NaiveDate, u32)> = Vec::new();
            rows.each(|i, date| {
                if date < from {
                    history.push((date, i as u32));
                }
            });
            history.sort_by(|&(a, i), &(b, j)| {
                let (i, j) = (rows.who_of(i as usize), rows.who_of(j as usize));
                (a, rows.unit(i), rows.nip(i)).cmp(&(b, rows.unit(j), rows.nip(j)))
            });
            published.history = Some(history.into_iter().map(|(_, i)| i).collect());
        }
        published
            .left
            .sort_by(|a, b| (a.date, &a.nip).cmp(&(b.date, &b.nip)));
        published
    }

    /// Each row of the history (the published days before the window), in the order it is
    /// written back: its index in the rows and its date.
    fn each_history_row(&self, mut one: impl FnMut(usize, NaiveDate) -> Result<()>) -> Result<()> {
        let rows = &*self.rows;
        match &self.history {
            Some(order) => {
                (order.iter()).try_for_each(|&i| one(i as usize, rows.date_of(i as usize)))
            }
            None => rows.try_each(|i, date| match date < self.from {
                true => one(i, date),
                false => Ok(()),
            }),
        }
    }

    /// Hands each history row (before `from`) of `unit`, or of every unit, to `each` in date
    /// order; a row from a roster without a `rule` column gets `rule_of`'s.
    pub fn history(
        &self,
        unit: Option<&str>,
        rule_of: &dyn Fn(&RosterRow) -> String,
        each: &mut dyn FnMut(&RosterRow) -> Result<()>,
    ) -> Result<()> {
        let rows = &*self.rows;
        let wanted = |i: usize| unit.is_none_or(|u| rows.unit(rows.who_of(i)) == u);
        let mut row = RosterRow::empty();
        let one = |i: usize, date: NaiveDate| {
            if !wanted(i) {
                return Ok(());
            }
            rows.fill(i, date, &mut row);
            if row.rule.is_none() {
                row.rule = Some(rule_of(&row));
            }
            each(&row)
        };
        self.each_history_row(one)
    }

    /// As [`Published::history`], each row in parts a writer can escape once and reuse: the
    /// person (`who`, an index under [`Published::history_sizes`]'s first), their five texts
    /// (nip, name, unit, team, role), the mode, and the group with its rule (`tag`, under the
    /// second size, when the roster had a `rule` column; else the rule `rule_of` gives).
    pub fn history_parts(
        &self,
        unit: Option<&str>,
        rule_of: &dyn Fn(&RosterRow) -> String,
        each: &mut dyn FnMut(HistoryRow) -> Result<()>,
    ) -> Result<()> {
        let rows = &*self.rows;
        let mut row = RosterRow::empty();
        let one = |i: usize, date: NaiveDate| {
            let (who, tag) = rows.rows[i];
            let texts = rows.texts(who as usize);
            if unit.is_some_and(|u| texts[2] != u) {
                return Ok(());
            }
            let (group, rule) = &rows.tags[(tag >> 3) as usize];
            let rule = match rule {
                Some(rule) => HistoryRule::Tagged {
                    tag: (tag >> 3) as usize,
                    rule,
                },
                // A roster without a `rule` column: the rule the policy gives that day.
                None => {
                    rows.fill(i, date, &mut row);
                    HistoryRule::Given(rule_of(&row))
                }
            };
            each(HistoryRow {
                date,
                who: who as usize,
                texts,
                mode: Mode::ALL[(tag & 7) as usize],
                group,
                rule,
            })
        };
        self.each_history_row(one)
    }

    /// How many people and how many group-and-rule pairs the history rows index.
    pub fn history_sizes(&self) -> (usize, usize) {
        (self.rows.who.len(), self.rows.tags.len())
    }

    /// The error for the second row of `nip` on `date`, naming the first.
    fn repeated(
        files: &[PathBuf],
        period: (NaiveDate, NaiveDate),
        options: &Options,
        nip: &str,
        date: NaiveDate,
    ) -> Error {
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
                            Problem::PublishedDuplicate {
                                nip: nip.to_string(),
                                date,
                                first: first.clone(),
                            },
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
/// One published history row in parts ([`Published::history_parts`]).
pub struct HistoryRow<'a> {
    pub date: NaiveDate,
    /// The person, the same index for each of their rows.
    pub who: usize,
    /// NIP, name, unit, team, role.
    pub texts: [&'a str; 5],
    pub mode: Mode,
    pub group: &'a str,
    pub rule: HistoryRule<'a>,
}

/// A history row's rule: as its roster wrote it (the same `tag` for the same group and rule),
/// or the policy's for the day, when the roster had no `rule` column.
pub enum HistoryRule<'a> {
    Tagged { tag: usize, rule: &'a str },
    Given(String),
}
