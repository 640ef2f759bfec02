//! The calendars of a run (`plan --ics`): which days each file holds, for whom, with the
//! SEQUENCE numbers that continue the calendar it replaces; the ICS writer writes them.

use super::ics::{self, IcsWriter};
use super::output::{Destination, Pending, Sink, Target};
use super::wide::WideRoster;
use crate::calendars::{self, CalendarHistory, Former, IssuedCalendar};
use crate::error::{Error, Result};
use crate::facts::run::RunProblem;
use crate::lang::Lang;
use crate::published::Published;
use crate::view::RosterView;

/// The calendars of a run (`--ics`): one file, one per unit or one per person.
pub struct Calendars<'a> {
    pub view: RosterView<'a>,
    pub wide: &'a WideRoster,
    pub published: Option<&'a Published>,
    pub history: &'a CalendarHistory,
    pub lang: Lang,
}

/// Someone a calendar file holds: on staff (by index), or no longer.
#[derive(Clone, Copy)]
enum Holder<'a> {
    Staff(usize),
    Former(&'a Former),
}

impl Calendars<'_> {
    /// Writes each file of `destination` to its temporary file.
    pub fn write(&self, destination: &Destination) -> Result<Vec<Pending>> {
        let staff = self.view.staff;
        let policy = &self.view.policy.name;
        let staff_of = |people: std::ops::Range<usize>| people.map(Holder::Staff);
        let former = || self.history.former.iter().map(Holder::Former);
        let files: Vec<(&Target, String, Vec<Holder>)> = match destination {
            Destination::One(target) => {
                let holders = staff_of(0..staff.people.len()).chain(former()).collect();
                vec![(target, policy.clone(), holders)]
            }
            Destination::PerUnit { files, .. } => {
                // Someone who left goes with the unit they left while it is there, else with
                // the first file.
                let unit_of = |f: &Former| staff.units.iter().position(|u| *u == f.unit);
                (files.iter().enumerate())
                    .map(|(unit, target)| {
                        let holders = staff_of(staff.unit_people(unit))
                            .chain(former().filter(|h| match h {
                                Holder::Former(f) => unit_of(f).unwrap_or(0) == unit,
                                Holder::Staff(_) => false,
                            }))
                            .collect();
                        (target, format!("{policy} — {}", staff.units[unit]), holders)
                    })
                    .collect()
            }
            Destination::PerPerson { files, .. } => {
                let holders = staff_of(0..staff.people.len()).chain(former());
                (files.iter().zip(holders))
                    .map(|(target, holder)| {
                        let name = match holder {
                            Holder::Staff(p) => staff.name(&staff.people[p]),
                            Holder::Former(f) => &f.name,
                        };
                        (target, format!("{policy} — {name}"), vec![holder])
                    })
                    .collect()
            }
        };
        files
            .into_iter()
            .map(|(target, name, holders)| self.write_file(target, &name, &holders))
            .collect()
    }

    /// One calendar file: its holders' days, then anyone else the calendar it replaces had
    /// days of the window for (those are cancelled).
    fn write_file(&self, target: &Target, name: &str, holders: &[Holder]) -> Result<Pending> {
        let (view, lang) = (&self.view, self.lang);
        let staff = view.staff;
        let issued = read_issued(target)?;
        let labels = lang.labels();
        let texts = &labels.calendar;
        let words = ics::Words {
            titles: texts.titles,
            modes: labels.modes,
            description: texts.description,
            cancelled: texts.cancelled,
            policy: &view.policy.name,
        };
        let first = view.days.first().copied();
        let window = (view.policy.period.start, view.policy.period.end);
        let stamp = window.0.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        let io = |e| Error::io(target.name(), e);
        let mut writer = IcsWriter::new(Sink::open(target)?, name, &words, stamp).map_err(io)?;
        let mut written: rustc_hash::FxHashSet<&str> = Default::default();
        let mut roster: Vec<(chrono::NaiveDate, crate::mode::Mode)> = Vec::new();
        for &holder in holders {
            let (nip, person_name, unit) = match holder {
                Holder::Staff(p) => {
                    let person = &staff.people[p];
                    (staff.nip(person), staff.name(person), staff.unit(person))
                }
                Holder::Former(f) => (f.nip.as_str(), f.name.as_str(), f.unit.as_str()),
            };
            written.insert(nip);
            roster.clear();
            if let Some(before) = self.history.before.get(nip) {
                roster.extend(before.iter().filter(|(d, _)| first.is_none_or(|f| *d < f)));
            }
            if let Holder::Staff(p) = holder {
                roster.extend(view.days.iter().copied().zip(self.wide.modes(p)));
            }
            let published = |date: chrono::NaiveDate| -> Option<crate::mode::Mode> {
                let Holder::Staff(p) = holder else {
                    return None;
                };
                let day = view.days.binary_search(&date).ok()?;
                self.published?.mode(p, day)
            };
            let removed = self.history.removed.get(nip).map_or(&[][..], Vec::as_slice);
            let own = calendars::issued_of(issued.as_ref(), nip);
            let days = calendars::person_days(&roster, &published, removed, own, window);
            let person = ics::Person {
                nip,
                name: person_name,
                unit,
            };
            writer.write_person(&person, &days).map_err(io)?;
        }
        if let Some(issued) = &issued {
            let mut others: Vec<&String> = (issued.people.keys())
                .filter(|nip| !written.contains(nip.as_str()))
                .collect();
            others.sort();
            for nip in others {
                let own = calendars::issued_of(Some(issued), nip);
                let days = calendars::person_days(&[], &|_| None, &[], own, window);
                let person = ics::Person {
                    nip,
                    name: "",
                    unit: "",
                };
                writer.write_person(&person, &days).map_err(io)?;
            }
        }
        writer.finish().map_err(io)?.finish()
    }
}

/// The calendar an output replaces, when there is one: its SEQUENCE numbers continue.
fn read_issued(target: &Target) -> Result<Option<IssuedCalendar>> {
    let Target::File(path) = target else {
        return Ok(None);
    };
    if !path.is_file() {
        return Ok(None);
    }
    let unreadable = |why: String| Error::output(path, RunProblem::CalendarUnreadable { why });
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| unreadable(e.to_string()))?;
    IssuedCalendar::parse(&text).map(Some).map_err(unreadable)
}
