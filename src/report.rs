//! Counts over a roster for monitoring: office and remote days per unit, per unit and ISO
//! week, or per person and ISO week.

use crate::cli::ReportBy;
use crate::mode::Mode;
use crate::roster_file::RosterRow;
use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};

/// One report row: its key cells (see [`key_headers`]) and the counts under it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub key: Vec<String>,
    pub people: usize,
    /// Person-days per mode, indexed like [`Mode::ALL`].
    pub counts: [u64; 5],
}

impl ReportRow {
    pub fn person_days(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn share(&self, part: u64) -> Option<f64> {
        let present = self.person_days() - self.counts[Mode::Leave.index()];
        (present > 0).then(|| 100.0 * part as f64 / present as f64)
    }

    /// WFO as a share of the person-days not on leave.
    pub fn office_pct(&self) -> Option<f64> {
        self.share(self.counts[Mode::Wfo.index()])
    }

    /// WFH + WFA as a share of the person-days not on leave.
    pub fn remote_pct(&self) -> Option<f64> {
        self.share(self.counts[Mode::Wfh.index()] + self.counts[Mode::Wfa.index()])
    }
}

pub fn key_headers(by: ReportBy) -> &'static [&'static str] {
    match by {
        ReportBy::Unit => &["unit"],
        ReportBy::Week => &["week", "unit"],
        ReportBy::Person => &["week", "nip", "name", "unit"],
    }
}

/// Strings numbered in the order first seen, so a report keeps each name once and keys its
/// counts by small numbers.
#[derive(Default)]
struct Strings {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
}

impl Strings {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(text.to_owned());
        self.ids.insert(text.to_owned(), id);
        id
    }

    /// Each string's place in sorted order, by id.
    fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut ranks = vec![0; order.len()];
        for (rank, id) in order.into_iter().enumerate() {
            ranks[id as usize] = rank as u32;
        }
        ranks
    }
}

/// A report row's key: the ids of its cells (see [`key_headers`]); unused cells are 0.
type Key = [u32; 4];

/// Accumulates rows of a roster into report rows. It keeps each distinct string once and
/// one entry per report row, never the roster's rows.
pub struct Report {
    by: ReportBy,
    strings: Strings,
    keys: FxHashMap<Key, u32>,
    /// Per report row, in the order first seen: its key, people and counts per mode.
    rows: Vec<(Key, usize, [u64; 5])>,
    /// (report row, NIP) pairs already counted in `people`; unused by person, whose key
    /// holds the NIP.
    members: FxHashSet<(u32, u32)>,
    /// The last date seen and its ISO week's id: rosters come a date at a time.
    last_week: Option<(NaiveDate, u32)>,
    /// Per NIP: the ids of its NIP, name and unit last seen, and (by person) the report row
    /// they went to, so a person's next row needs one lookup by NIP and two comparisons.
    people: Vec<Person>,
    by_nip: FxHashMap<String, u32>,
    last_slot: Option<u32>,
}

#[derive(Clone, Copy)]
struct Person {
    nip: u32,
    name: u32,
    unit: u32,
    /// The week and report row of the person's last row.
    row: Option<(u32, u32)>,
}

impl Report {
    pub fn new(by: ReportBy) -> Report {
        Report {
            by,
            strings: Strings::default(),
            keys: FxHashMap::default(),
            rows: Vec::new(),
            members: FxHashSet::default(),
            last_week: None,
            people: Vec::new(),
            by_nip: FxHashMap::default(),
            last_slot: None,
        }
    }

    fn week(&mut self, date: NaiveDate) -> u32 {
        if let Some((last, id)) = self.last_week
            && last == date
        {
            return id;
        }
        let week = date.iso_week();
        let id = (self.strings).id(&format!("{}-W{:02}", week.year(), week.week()));
        self.last_week = Some((date, id));
        id
    }

    pub fn add(&mut self, row: &RosterRow) {
        // A roster lists the same people in the same order each day: try the one after the
        // last before the hash table.
        let guess = self.last_slot.map_or(0, |s| s + 1);
        let slot = match self.people.get(guess as usize) {
            Some(p) if self.strings.names[p.nip as usize] == row.nip => Some(guess),
            _ => self.by_nip.get(row.nip.as_str()).copied(),
        };
        let known = slot.map(|i| self.people[i as usize]).filter(|p| {
            let names = &self.strings.names;
            names[p.name as usize] == row.name && names[p.unit as usize] == row.unit
        });
        let mut person = match known {
            Some(person) => person,
            None => Person {
                nip: self.strings.id(&row.nip),
                name: self.strings.id(&row.name),
                unit: self.strings.id(&row.unit),
                row: None,
            },
        };
        let index = match self.by {
            ReportBy::Person => {
                let week = self.week(row.date);
                match person.row {
                    Some((w, index)) if w == week => index,
                    _ => {
                        let index = self.row_of([week, person.nip, person.name, person.unit]);
                        person.row = Some((week, index));
                        index
                    }
                }
            }
            ReportBy::Week => {
                let week = self.week(row.date);
                self.row_of([week, person.unit, 0, 0])
            }
            ReportBy::Unit => self.row_of([person.unit, 0, 0, 0]),
        };
        let entry = &mut self.rows[index as usize];
        let new_member = match self.by {
            ReportBy::Person => entry.1 == 0,
            _ => self.members.insert((index, person.nip)),
        };
        entry.1 += usize::from(new_member);
        entry.2[row.mode.index()] += 1;
        self.last_slot = Some(match slot {
            Some(i) => {
                self.people[i as usize] = person;
                i
            }
            None => {
                let i = self.people.len() as u32;
                self.by_nip.insert(row.nip.clone(), i);
                self.people.push(person);
                i
            }
        });
    }

    /// The index of the report row with this key, numbering it when it is new.
    fn row_of(&mut self, key: Key) -> u32 {
        let next = self.rows.len() as u32;
        let index = *self.keys.entry(key).or_insert(next);
        if index == next {
            self.rows.push((key, 0, [0; 5]));
        }
        index
    }

    /// The report rows, sorted by their key cells.
    pub fn rows(self) -> ReportRows {
        let ranks = self.strings.ranks();
        let mut rows = self.rows;
        rows.sort_unstable_by_key(|(key, _, _)| key.map(|id| ranks[id as usize]));
        ReportRows {
            width: key_headers(self.by).len(),
            names: self.strings.names,
            rows,
        }
    }
}

/// A finished report: its rows in order, each made into a [`ReportRow`] only when read, so
/// that writers can go over them twice (widths, then lines) without holding them all.
pub struct ReportRows {
    width: usize,
    names: Vec<String>,
    rows: Vec<(Key, usize, [u64; 5])>,
}

impl ReportRows {
    pub fn iter(&self) -> impl Iterator<Item = ReportRow> + '_ {
        self.rows.iter().map(|(key, people, counts)| ReportRow {
            key: key[..self.width]
                .iter()
                .map(|&id| self.names[id as usize].clone())
                .collect(),
            people: *people,
            counts: *counts,
        })
    }
}
