//! The built-in `indonesia` calendar: libur nasional and cuti bersama (SKB 3 Menteri).
//!
//! The facts ship inside the binary from `data/indonesia-days-off-2023-2026.csv`; a year the
//! data does not cover is an error for the caller, never a silent gap. Each day has its
//! English name and its official Indonesian name, as the SKB writes it (`name_id`).

use crate::lang::Lang;
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
    /// The official Indonesian name (SKB 3 Menteri).
    pub name_id: String,
}

impl DayOff {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name,
            Lang::Id => &self.name_id,
        }
    }
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
            let mut cells = line.splitn(4, ',');
            let (date, kind, name, name_id) =
                (cells.next(), cells.next(), cells.next(), cells.next());
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
                name_id: name_id.unwrap_or_default().to_owned(),
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

    /// The day off on `date`, if it is one.
    pub fn day_off(&self, date: NaiveDate) -> Option<&DayOff> {
        let i = self.days.binary_search_by_key(&date, |d| d.date).ok()?;
        Some(&self.days[i])
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
    fn every_day_has_its_official_indonesian_name() {
        let cal = Calendar::indonesia();
        for day in cal.days() {
            assert!(!day.name.is_empty(), "{}", day.date);
            assert!(!day.name_id.is_empty(), "{}: no Indonesian name", day.date);
            assert_ne!(day.name, day.name_id, "{}", day.date);
            assert_eq!(
                day.name_id.starts_with("Cuti Bersama "),
                day.kind == DayOffKind::JointLeave,
                "{}: {}",
                day.date,
                day.name_id
            );
        }
        let name = |d: &str| {
            let day = cal.days().iter().find(|x| x.date == date(d)).unwrap();
            (day.name(Lang::En).to_owned(), day.name(Lang::Id).to_owned())
        };
        assert_eq!(
            name("2025-08-17"),
            (
                "Independence Day".to_owned(),
                "Hari Kemerdekaan Republik Indonesia".to_owned()
            )
        );
        assert_eq!(name("2025-09-05").1, "Maulid Nabi Muhammad SAW");
        assert_eq!(
            name("2025-04-02").1,
            "Cuti Bersama Hari Raya Idulfitri 1446 Hijriah"
        );
        assert_eq!(name("2026-03-21").1, "Hari Raya Idulfitri 1447 Hijriah");
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
