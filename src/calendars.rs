//! What each person's calendar holds (`plan --ics`): an event per day of the roster, a
//! cancelled one per day the calendar people were given has and the roster no longer has,
//! and each event's SEQUENCE, which a calendar app compares to take a re-imported event as
//! an update.
//!
//! SEQUENCE comes from the calendar being replaced, when there is one (the file at the
//! output's path): an event keeps its number while its mode stays, and goes one up when the
//! mode changes or the day is cancelled. Without that file, it comes from the published
//! roster of a re-plan: a day whose mode differs from the published one is 1, any other 0,
//! and a published day of the window with no row now (someone who left) is cancelled at 1.

use crate::error::Result;
use crate::mode::Mode;
use crate::published::Published;
use crate::roster_file::RosterRow;
use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike, EventStatus};
use rustc_hash::FxHashMap;

/// Someone the calendars hold who is not in the staff file: a person of the published roster
/// who has left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Former {
    pub nip: String,
    pub name: String,
    pub unit: String,
}

/// What a re-plan's published roster adds to the calendars: the days before the window
/// (which the long roster keeps as they are), and the window's days of people who left.
#[derive(Debug, Default)]
pub struct CalendarHistory {
    /// Per NIP: the published days before the window, in date order.
    pub before: FxHashMap<String, Vec<(NaiveDate, Mode)>>,
    /// Per NIP of someone no longer in the staff file: their published days of the window.
    pub removed: FxHashMap<String, Vec<(NaiveDate, Mode)>>,
    /// People of the published roster no longer in the staff file, by NIP.
    pub former: Vec<Former>,
}

impl CalendarHistory {
    /// Gathers the history of `published`, `is_staff` telling which NIPs are still on staff.
    pub fn gather(
        published: &Published,
        rule_of: &dyn Fn(&RosterRow) -> String,
        is_staff: &dyn Fn(&str) -> bool,
    ) -> Result<CalendarHistory> {
        let mut history = CalendarHistory::default();
        let mut former: FxHashMap<String, Former> = FxHashMap::default();
        let mut note = |row: &RosterRow| {
            if !is_staff(&row.nip) {
                former.entry(row.nip.clone()).or_insert_with(|| Former {
                    nip: row.nip.clone(),
                    name: row.name.clone(),
                    unit: row.unit.clone(),
                });
            }
        };
        published.history(None, rule_of, &mut |row| {
            note(row);
            (history.before.entry(row.nip.clone()).or_default()).push((row.date, row.mode));
            Ok(())
        })?;
        for row in &published.left {
            note(row);
            (history.removed.entry(row.nip.clone()).or_default()).push((row.date, row.mode));
        }
        for days in history
            .before
            .values_mut()
            .chain(history.removed.values_mut())
        {
            days.sort_by_key(|(date, _)| *date);
        }
        history.former = former.into_values().collect();
        history.former.sort_by(|a, b| a.nip.cmp(&b.nip));
        Ok(history)
    }
}

/// The days of one person's calendar, in date order.
///
/// `roster` holds the person's days in the new roster (history and window), in date order;
/// `published` the published mode of a day of the window; `removed` published days of the
/// window the roster no longer has; `issued` what the calendar being replaced said of the
/// person, by date; `window` the days that may have changed.
pub fn person_days(
    roster: &[(NaiveDate, Mode)],
    published: &dyn Fn(NaiveDate) -> Option<Mode>,
    removed: &[(NaiveDate, Mode)],
    issued: &[(NaiveDate, Issued)],
    window: (NaiveDate, NaiveDate),
) -> Vec<Day> {
    let issued_on = |date: NaiveDate| {
        (issued.binary_search_by_key(&date, |(d, _)| *d)).map_or(None, |at| Some(issued[at].1))
    };
    let in_roster = |date: NaiveDate| roster.binary_search_by_key(&date, |(d, _)| *d).is_ok();
    let mut days: Vec<Day> = (roster.iter())
        .map(|&(date, mode)| {
            let sequence = match issued_on(date) {
                Some(was) if was.mode == Some(mode) && !was.cancelled => was.sequence,
                Some(was) => was.sequence + 1,
                None => match published(date) {
                    Some(old) if old != mode => 1,
                    _ => 0,
                },
            };
            Day {
                date,
                mode: Some(mode),
                sequence,
                cancelled: false,
            }
        })
        .collect();
    let in_window = |date: NaiveDate| window.0 <= date && date <= window.1;
    // Days people were given that the roster no longer has: taken off their calendars.
    for &(date, was) in issued {
        if in_window(date) && !in_roster(date) {
            days.push(Day {
                date,
                mode: was.mode,
                sequence: if was.cancelled {
                    was.sequence
                } else {
                    was.sequence + 1
                },
                cancelled: true,
            });
        }
    }
    for &(date, mode) in removed {
        if in_window(date) && !in_roster(date) && issued_on(date).is_none() {
            days.push(Day {
                date,
                mode: Some(mode),
                sequence: 1,
                cancelled: true,
            });
        }
    }
    days.sort_by_key(|d| d.date);
    days
}

/// What the calendar being replaced said, per person; empty without one.
pub fn issued_of<'a>(issued: Option<&'a IssuedCalendar>, nip: &str) -> &'a [(NaiveDate, Issued)] {
    issued
        .and_then(|i| i.people.get(nip))
        .map_or(&[], Vec::as_slice)
}

/// The UID of a person-day's event: stable across re-plans, unique across people and days.
pub fn uid(nip: &str, date: NaiveDate) -> String {
    format!("{}-{nip}@roster", date.format("%Y%m%d"))
}

/// One event: a working day in its mode, or a day taken off the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    /// The day's mode; for a cancelled day, the mode it had, when known.
    pub mode: Option<Mode>,
    pub sequence: u32,
    pub cancelled: bool,
}

/// What an earlier calendar (the file a new one replaces) said of a person-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issued {
    pub sequence: u32,
    /// The mode of its CATEGORIES, when it is one.
    pub mode: Option<Mode>,
    pub cancelled: bool,
}

/// The events of an earlier calendar, by NIP and then date (those whose UID roster made).
#[derive(Debug, Default)]
pub struct IssuedCalendar {
    pub people: FxHashMap<String, Vec<(NaiveDate, Issued)>>,
}

impl IssuedCalendar {
    /// Reads a calendar's text; an error says why it is not one.
    pub fn parse(text: &str) -> Result<IssuedCalendar, String> {
        let calendar: Calendar = text.parse()?;
        let mut issued = IssuedCalendar::default();
        for event in calendar.events() {
            let Some((date, nip)) = event.get_uid().and_then(parse_uid) else {
                continue;
            };
            let mode = (event.get_categories().unwrap_or_default().iter())
                .find_map(|c| c.parse::<Mode>().ok());
            let found = Issued {
                sequence: event.get_sequence().unwrap_or(0),
                mode,
                cancelled: event.get_status() == Some(EventStatus::Cancelled),
            };
            issued
                .people
                .entry(nip.to_owned())
                .or_default()
                .push((date, found));
        }
        for days in issued.people.values_mut() {
            days.sort_by_key(|(date, _)| *date);
            days.dedup_by_key(|(date, _)| *date);
        }
        Ok(issued)
    }

    /// What the earlier calendar said of `nip` on `date`.
    pub fn get(&self, nip: &str, date: NaiveDate) -> Option<Issued> {
        let days = self.people.get(nip)?;
        let at = days.binary_search_by_key(&date, |(d, _)| *d).ok()?;
        Some(days[at].1)
    }
}

/// The date and NIP of a UID [`uid`] made.
pub(crate) fn parse_uid(uid: &str) -> Option<(NaiveDate, &str)> {
    let rest = uid.strip_suffix("@roster")?;
    let (date, nip) = rest.split_once('-')?;
    let date = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
    Some((date, nip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, day).unwrap()
    }

    fn was(sequence: u32, mode: Mode, cancelled: bool) -> Issued {
        Issued {
            sequence,
            mode: Some(mode),
            cancelled,
        }
    }

    #[test]
    fn an_earlier_calendar_numbers_changes_and_cancels_days_gone_from_the_window() {
        let roster = [(d(24), Mode::Wfh), (d(25), Mode::Wfo), (d(26), Mode::Wfo)];
        let issued = [
            (d(17), was(0, Mode::Wfh, false)),
            (d(24), was(2, Mode::Wfh, false)),
            (d(25), was(2, Mode::Wfh, false)),
            (d(27), was(1, Mode::Wfo, false)),
            (d(28), was(4, Mode::Wfo, true)),
        ];
        let days = person_days(&roster, &|_| None, &[], &issued, (d(24), d(28)));
        let seen: Vec<(u32, u32, bool)> = days
            .iter()
            .map(|d| {
                (
                    d.date.format("%d").to_string().parse().unwrap(),
                    d.sequence,
                    d.cancelled,
                )
            })
            .collect();
        // 17 is outside the window: left alone, not cancelled.
        assert_eq!(
            seen,
            [
                (24, 2, false),
                (25, 3, false),
                (26, 0, false),
                (27, 2, true),
                (28, 4, true)
            ]
        );
    }

    #[test]
    fn without_one_the_published_roster_says_what_changed() {
        let roster = [(d(24), Mode::Wfh), (d(25), Mode::Wfo)];
        let published = |date| (date == d(25)).then_some(Mode::Wfh);
        let days = person_days(&roster, &published, &[], &[], (d(24), d(28)));
        assert_eq!(days.iter().map(|d| d.sequence).collect::<Vec<_>>(), [0, 1]);
        let gone = person_days(&[], &|_| None, &[(d(26), Mode::Wfo)], &[], (d(24), d(28)));
        assert_eq!(gone.len(), 1);
        assert!(gone[0].cancelled && gone[0].sequence == 1);
    }
}
