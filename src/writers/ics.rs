//! Calendars (`plan --ics`): RFC 5545 files of all-day events, one per person-day, that a
//! calendar app imports and, imported again after a re-plan, updates in place.
//!
//! Each event's UID is made of the date and the NIP alone, so the same person-day has the
//! same UID in every calendar roster writes for it; its SEQUENCE says which version it is.
//! The writer only writes: which days are events, their modes and their SEQUENCE numbers are
//! decided by the caller (see [`Issued`] for what an earlier calendar says).

pub use crate::calendars::{Day, Issued, IssuedCalendar, uid};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};
use std::io::{self, Write};

/// Whose days an event is of.
pub struct Person<'a> {
    pub nip: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
}

/// The words of a calendar, in the run's language.
pub struct Words<'a> {
    /// Each mode's event title, in [`Mode::ALL`] order.
    pub titles: [&'a str; 5],
    /// Each mode in words, in [`Mode::ALL`] order, for the description.
    pub modes: [&'a str; 5],
    /// `{name}`, `{nip}`, `{unit}`, `{mode}`, `{policy}`.
    pub description: &'a str,
    /// `{title}`.
    pub cancelled: &'a str,
    /// The policy's name.
    pub policy: &'a str,
}

/// Writes one calendar: its header when made, events person by person, the end on finish.
pub struct IcsWriter<'a, W: Write> {
    out: W,
    words: &'a Words<'a>,
    /// DTSTAMP of every event: fixed by the inputs, so that the same inputs give the same file.
    stamp: DateTime<Utc>,
}

impl<'a, W: Write> IcsWriter<'a, W> {
    /// `name` is the calendar's name (X-WR-CALNAME); `stamp` every event's DTSTAMP.
    pub fn new(
        mut out: W,
        name: &str,
        words: &'a Words<'a>,
        stamp: DateTime<Utc>,
    ) -> io::Result<Self> {
        let mut header = Calendar::empty();
        header
            .append_property(("VERSION", "2.0"))
            .append_property(("PRODID", "-//roster//roster plan --ics//EN"))
            .append_property(("CALSCALE", "GREGORIAN"))
            .append_property(("METHOD", "PUBLISH"))
            .name(name);
        // The calendar's own lines, events streamed after them and the end on finish.
        let text = header.to_string();
        let open = text.strip_suffix("END:VCALENDAR\r\n").unwrap_or(&text);
        out.write_all(open.as_bytes())?;
        Ok(IcsWriter { out, words, stamp })
    }

    /// The events of one person, in the order given.
    pub fn write_person(&mut self, person: &Person, days: &[Day]) -> io::Result<()> {
        let words = self.words;
        for day in days {
            let mut event = icalendar::Event::new();
            let title = day.mode.map_or("", |m| words.titles[m.index()]);
            event
                .uid(&uid(person.nip, day.date))
                .timestamp(self.stamp)
                .starts(day.date)
                .ends(day.date.succ_opt().unwrap_or(day.date))
                .sequence(day.sequence)
                .append_property(("TRANSP", "TRANSPARENT"));
            if let Some(mode) = day.mode {
                event.categories([mode.code()]);
            }
            if day.cancelled {
                let summary = crate::lang::fill_named(words.cancelled, &[("title", title)]);
                event.summary(&summary).status(EventStatus::Cancelled);
            } else {
                let description = crate::lang::fill_named(
                    words.description,
                    &[
                        ("name", person.name),
                        ("nip", person.nip),
                        ("unit", person.unit),
                        ("mode", day.mode.map_or("", |m| words.modes[m.index()])),
                        ("policy", words.policy),
                    ],
                );
                event
                    .summary(title)
                    .description(&description)
                    .status(EventStatus::Confirmed);
            }
            self.out.write_all(event.done().to_string().as_bytes())?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"END:VCALENDAR\r\n")?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendars::parse_uid;
    use crate::mode::Mode;
    use chrono::NaiveDate;

    fn words() -> Words<'static> {
        Words {
            titles: ["Office", "WFH", "WFA", "Field duty", "Leave"],
            modes: ["office", "home", "anywhere", "field", "leave"],
            description: "{name} ({nip}), {unit}: {mode}. {policy}",
            cancelled: "Cancelled: {title}",
            policy: "WFH 50%, Kota",
        }
    }

    #[test]
    fn a_calendar_reads_back_with_its_uids_sequences_and_cancellations() {
        let d = |day| NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
        let words = words();
        let stamp = d(24).and_hms_opt(0, 0, 0).unwrap().and_utc();
        let mut writer = IcsWriter::new(Vec::new(), "Kota, Bagian Umum", &words, stamp).unwrap();
        let person = Person {
            nip: "199001012020121001",
            name: "Siti, S.E.",
            unit: "Bagian Umum; Kota",
        };
        let days = [
            Day {
                date: d(24),
                mode: Some(Mode::Wfh),
                sequence: 0,
                cancelled: false,
            },
            Day {
                date: d(25),
                mode: Some(Mode::Wfo),
                sequence: 3,
                cancelled: true,
            },
        ];
        writer.write_person(&person, &days).unwrap();
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        assert!(text.contains("UID:20250324-199001012020121001@roster\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20250324\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20250325\r\n"));
        assert!(text.contains("DTSTAMP:20250324T000000Z\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let issued = IssuedCalendar::parse(&text).unwrap();
        let wfh = issued.get(person.nip, d(24)).unwrap();
        assert_eq!(
            (wfh.sequence, wfh.mode, wfh.cancelled),
            (0, Some(Mode::Wfh), false)
        );
        let gone = issued.get(person.nip, d(25)).unwrap();
        assert_eq!(
            (gone.sequence, gone.mode, gone.cancelled),
            (3, Some(Mode::Wfo), true)
        );
        assert_eq!(issued.get(person.nip, d(26)), None);
    }

    #[test]
    fn uids_read_back_only_when_roster_made_them() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 24).unwrap();
        assert_eq!(parse_uid(&uid("0012", date)), Some((date, "0012")));
        assert_eq!(parse_uid("20250324-0012@example.com"), None);
        assert_eq!(parse_uid("x-0012@roster"), None);
    }
}
