//! Counts over a roster for monitoring: office and remote days per unit, per unit and ISO
//! week, or per person and ISO week.

use crate::cli::ReportBy;
use crate::mode::Mode;
use crate::roster_file::RosterRow;
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet};

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

/// Accumulates rows of a roster into report rows.
pub struct Report {
    by: ReportBy,
    rows: BTreeMap<Vec<String>, (BTreeSet<String>, [u64; 5])>,
}

impl Report {
    pub fn new(by: ReportBy) -> Report {
        Report {
            by,
            rows: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, row: &RosterRow) {
        let week = row.date.iso_week();
        let week = format!("{}-W{:02}", week.year(), week.week());
        let key = match self.by {
            ReportBy::Unit => vec![row.unit.clone()],
            ReportBy::Week => vec![week, row.unit.clone()],
            ReportBy::Person => vec![week, row.nip.clone(), row.name.clone(), row.unit.clone()],
        };
        let entry = self.rows.entry(key).or_default();
        if !entry.0.contains(&row.nip) {
            entry.0.insert(row.nip.clone());
        }
        entry.1[row.mode.index()] += 1;
    }

    pub fn rows(self) -> Vec<ReportRow> {
        self.rows
            .into_iter()
            .map(|(key, (people, counts))| ReportRow {
                key,
                people: people.len(),
                counts,
            })
            .collect()
    }
}
