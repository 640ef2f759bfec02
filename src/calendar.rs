//! The built-in `indonesia` calendar: libur nasional and cuti bersama (SKB 3 Menteri).
//!
//! The facts ship inside the binary from `data/indonesia-days-off-2023-2026.csv`; a year the
//! data does not cover is an error for the caller, never a silent gap.

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

const DATA: &str = include_str!("../data/indonesia-days-off-2023-2026.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOffKind {
    /// Libur nasional.
    Holiday,
    /// Cuti bersama.
    JointLeave,
}

impl DayOffKind {
    pub fn label(self) -> &'static str {
        match self {
            DayOffKind::Holiday => "libur nasional",
            DayOffKind::JointLeave => "cuti bersama",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    pub date: NaiveDate,
    pub kind: DayOffKind,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Calendar {
    days: Vec<DayOff>,
    years: BTreeSet<i32>,
}

impl Calendar {
    /// The built-in calendar. The embedded data is part of the source tree and is checked by
    /// the unit tests below, so a malformed line is a build defect, not a user error.
    pub fn indonesia() -> Calendar {
        let mut days = Vec::new();
        for line in DATA.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let mut cells = line.splitn(3, ',');
            let (date, kind, name) = (cells.next(), cells.next(), cells.next());
            let date = date
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .expect("embedded calendar: bad date");
            let kind = match kind {
                Some("holiday") => DayOffKind::Holiday,
                Some("cuti-bersama") => DayOffKind::JointLeave,
                other => panic!("embedded calendar: unknown kind {other:?}"),
            };
            days.push(DayOff {
                date,
                kind,
                name: name.unwrap_or_default().to_owned(),
            });
        }
        days.sort_by_key(|d| d.date);
        let years = days.iter().map(|d| d.date.year()).collect();
        Calendar { days, years }
    }

    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub fn days(&self) -> &[DayOff] {
        &self.days
    }

    pub fn is_day_off(&self, date: NaiveDate) -> bool {
        self.days.binary_search_by_key(&date, |d| d.date).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn embedded_data_covers_2023_to_2026() {
        let cal = Calendar::indonesia();
        assert_eq!(
            cal.years().collect::<Vec<_>>(),
            vec![2023, 2024, 2025, 2026]
        );
        assert!(!cal.covers(2022) && !cal.covers(2027));
        assert_eq!(cal.days().len(), 109);
    }

    #[test]
    fn lebaran_2025_and_cuti_bersama() {
        let cal = Calendar::indonesia();
        for day in ["2025-03-31", "2025-04-01", "2025-04-02", "2025-04-07"] {
            assert!(cal.is_day_off(date(day)), "{day}");
        }
        assert!(!cal.is_day_off(date("2025-03-24")));
        let kinds: Vec<_> = cal
            .days()
            .iter()
            .filter(|d| d.date == date("2025-04-02"))
            .map(|d| d.kind)
            .collect();
        assert_eq!(kinds, vec![DayOffKind::JointLeave]);
    }
}
