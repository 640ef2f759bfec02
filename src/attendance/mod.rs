//! Plan against actual (issue 21): what an attendance (presensi) export says of each
//! person-day, set against the roster. This module holds the facts: the status vocabulary of
//! presensi apps, what one or more rows say of a person-day ([`Observed`]), and the class of
//! each planned person-day ([`Class`]). Reading the exports is [`presensi`], the reconciling
//! and the weekly counts are [`reconcile`], and a realistic export with known deviations is
//! [`generate`].

pub mod generate;
pub mod presensi;
pub mod reconcile;

use crate::mode::Mode;
use crate::pattern::fold;
use chrono::{NaiveDate, NaiveTime};

/// What became of a person-day, from the roster's point of view. Every planned person-day
/// gets exactly one class; a check-in on a day the roster has no working row for gets
/// [`Class::NotPlanned`]. Late arrivals and early departures are not classes: they are
/// counted apart, on days the person was present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Where the roster put them: in the office on an office day, away on a remote day, on
    /// leave on a leave day, at work on a field day.
    AsPlanned,
    /// Planned WFO: checked in away from the office, or a row without a check-in.
    OfficeMissed,
    /// Planned WFH or WFA: checked in at the office.
    OfficeOnRemoteDay,
    /// Alpa / Tanpa Keterangan on a planned working day.
    AbsentWithoutLeave,
    /// Cuti, Sakit or Izin on a planned working day.
    LeaveNotInRoster,
    /// No row at all for a planned working day (or only a row without a check-in on a remote
    /// or field day).
    NoRecord,
    /// Dinas Luar or Tugas Belajar on a day the roster did not plan as field duty: away by
    /// duty, not a deviation anyone chose.
    OnDuty,
    /// Present on a day the roster has no working row for: an off day, a planned leave day,
    /// or someone not in the staff file.
    NotPlanned,
}

impl Class {
    pub const ALL: [Class; 8] = [
        Class::AsPlanned,
        Class::OfficeMissed,
        Class::OfficeOnRemoteDay,
        Class::AbsentWithoutLeave,
        Class::LeaveNotInRoster,
        Class::NoRecord,
        Class::OnDuty,
        Class::NotPlanned,
    ];

    /// The code in CSV outputs (the same in every language).
    pub fn code(self) -> &'static str {
        match self {
            Class::AsPlanned => "as_planned",
            Class::OfficeMissed => "office_missed",
            Class::OfficeOnRemoteDay => "office_on_remote_day",
            Class::AbsentWithoutLeave => "absent",
            Class::LeaveNotInRoster => "leave_not_in_roster",
            Class::NoRecord => "no_record",
            Class::OnDuty => "on_duty",
            Class::NotPlanned => "not_planned",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the class is a departure from the roster that a monitoring unit follows up.
    pub fn is_deviation(self) -> bool {
        !matches!(self, Class::AsPlanned | Class::OnDuty)
    }
}

/// Where a check-in was made, as far as the export says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Office,
    Away,
}

/// What a status cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Hadir, Terlambat, Pulang Cepat and their kin; `place` when the status names it (WFH).
    Present {
        late: bool,
        early: bool,
        place: Option<Place>,
    },
    /// Cuti (any kind), Sakit, Izin.
    Leave,
    /// Dinas Luar, SPPD, Tugas Belajar.
    Duty,
    /// Alpa, Tanpa Keterangan, Tidak Hadir.
    Absent,
    /// Libur, Cuti Bersama: a day off, which says nothing of a working day.
    Off,
}

/// Every status word known, folded (lower case, `_` as a space), with what it says.
const STATUSES: &[(&str, Status)] = &[
    ("hadir", PRESENT),
    ("h", PRESENT),
    ("tepat waktu", PRESENT),
    ("absen masuk", PRESENT),
    ("masuk", PRESENT),
    ("present", PRESENT),
    ("hap", PRESENT),
    ("has", PRESENT),
    (
        "wfo",
        Status::Present {
            late: false,
            early: false,
            place: Some(Place::Office),
        },
    ),
    ("wfh", AWAY),
    ("wfa", AWAY),
    ("terlambat", LATE),
    ("t", LATE),
    ("tl", LATE),
    ("telat", LATE),
    ("pulang cepat", EARLY),
    ("pulang awal", EARLY),
    ("pc", EARLY),
    ("cp", EARLY),
    ("izin", Status::Leave),
    ("ijin", Status::Leave),
    ("i", Status::Leave),
    ("sakit", Status::Leave),
    ("s", Status::Leave),
    ("cuti", Status::Leave),
    ("c", Status::Leave),
    ("dinas luar", Status::Duty),
    ("dl", Status::Duty),
    ("sppd", Status::Duty),
    ("perjalanan dinas", Status::Duty),
    ("tugas belajar", Status::Duty),
    ("tb", Status::Duty),
    ("alpa", Status::Absent),
    ("alpha", Status::Absent),
    ("a", Status::Absent),
    ("tanpa keterangan", Status::Absent),
    ("tk", Status::Absent),
    ("tidak hadir", Status::Absent),
    ("tidak absen masuk", Status::Absent),
    ("mangkir", Status::Absent),
    ("tap", Status::Absent),
    ("libur", Status::Off),
    ("libur nasional", Status::Off),
    ("cuti bersama", Status::Off),
];

const PRESENT: Status = Status::Present {
    late: false,
    early: false,
    place: None,
};
const AWAY: Status = Status::Present {
    late: false,
    early: false,
    place: Some(Place::Away),
};
const LATE: Status = Status::Present {
    late: true,
    early: false,
    place: None,
};
const EARLY: Status = Status::Present {
    late: false,
    early: true,
    place: None,
};

/// The statuses named in messages: one spelling of each kind, then the abbreviations.
pub const KNOWN_STATUSES: &str = "Hadir (H), Terlambat (T, TL), Pulang Cepat (PC, CP), Izin (I), Sakit (S), Cuti (C, Cuti Tahunan, ...), Dinas Luar (DL, SPPD), Tugas Belajar (TB), Alpa (A), Tanpa Keterangan (TK), Tidak Hadir, WFO, WFH, WFA, Libur";

/// A status cell read; `None` for one no app writes (the caller names the known ones).
pub fn parse_status(cell: &str) -> Option<Status> {
    let folded = fold(&cell.replace(['_', '-'], " "));
    let folded = folded.trim_end_matches('.');
    if let Some((_, status)) = STATUSES.iter().find(|(word, _)| *word == folded) {
        return Some(*status);
    }
    // The kinds of leave: cuti tahunan, cuti sakit, cuti melahirkan, cuti alasan penting...
    if folded.starts_with("cuti ") || folded.starts_with("izin ") || folded.starts_with("ijin ") {
        return Some(Status::Leave);
    }
    // Terlambat 15 menit, TL1, TL 2: lateness with its minutes or band.
    if folded.starts_with("terlambat ")
        || folded.starts_with("tl") && folded[2..].trim().bytes().all(|b| b.is_ascii_digit())
    {
        return Some(LATE);
    }
    if folded.starts_with("psw") {
        return Some(EARLY);
    }
    None
}

/// Where a check-in was made, from a location or category cell: `Dalam Radius`, `Kantor`,
/// `WFO` are the office; `Luar Radius`, `Rumah`, `WFH`, `Remote` are away. A place name or
/// coordinates say neither (`None`): only the flag or category an export has can tell.
pub fn parse_place(cell: &str) -> Option<Place> {
    let folded = fold(cell);
    let words: Vec<&str> = crate::pattern::words(&folded).collect();
    let has = |w: &str| words.contains(&w);
    if has("luar")
        || has("rumah")
        || has("wfh")
        || has("wfa")
        || has("remote")
        || has("home")
        || has("tidak")
    {
        Some(Place::Away)
    } else if has("dalam") || has("kantor") || has("wfo") || has("office") {
        Some(Place::Office)
    } else {
        None
    }
}

/// A WFH flag cell: `Ya`/`Y`/`1`/`true`/`WFH` is away, `Tidak`/`N`/`0`/`false`/`WFO` the
/// office, empty says nothing (`Some(None)`); `None` for anything else.
pub fn parse_wfh_flag(cell: &str) -> Option<Option<Place>> {
    match fold(cell).as_str() {
        "" => Some(None),
        "ya" | "y" | "yes" | "1" | "true" | "wfh" | "wfa" => Some(Some(Place::Away)),
        "tidak" | "t" | "n" | "no" | "0" | "false" | "wfo" => Some(Some(Place::Office)),
        _ => None,
    }
}

/// A check-in type cell: `true` for a check-in (MASUK, IN), `false` for a check-out.
pub fn parse_event(cell: &str) -> Option<bool> {
    match fold(&cell.replace('_', " ")).as_str() {
        "masuk" | "in" | "check in" | "checkin" | "datang" | "absen masuk" => Some(true),
        "pulang" | "out" | "check out" | "checkout" | "keluar" | "absen pulang" => Some(false),
        _ => None,
    }
}

/// A date cell, maybe with a time after it: ISO, `dd/mm/yyyy`, `dd-mm-yyyy`, and a workbook
/// date cell (read as ISO). The time part, when there is one, is returned too.
pub fn parse_date_time(cell: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let (date, time) = match cell.split_once([' ', 'T']) {
        Some((date, time)) => (date, Some(time.trim())),
        None => (cell, None),
    };
    let date = day_month_year(date)
        .or_else(|| crate::input::parse_date(date))
        .or_else(|| NaiveDate::parse_from_str(date, "%d-%m-%Y").ok())?;
    let time = match time {
        Some(t) if !t.is_empty() => Some(parse_time(t)?),
        _ => None,
    };
    Some((date, time))
}

/// `dd/mm/yyyy` or `dd-mm-yyyy` read without chrono's format parser: an export has a date on
/// every row.
fn day_month_year(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[2] != b[5] || !matches!(b[2], b'/' | b'-') {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(&b[6..])? as i32, number(&b[3..5])?, number(&b[..2])?)
}

/// `07:12`, `7:12`, `07.12` or `07:12:30` without chrono's format parser.
fn clock(text: &str) -> Option<NaiveTime> {
    let mut parts = text.split([':', '.']);
    let mut number = || {
        let part = parts.next()?;
        (matches!(part.len(), 1 | 2) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (hour, minute) = (number()?, number()?);
    let second = number().unwrap_or(0);
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// A time of day: `07:12`, `07.12`, `07:12:30`, `7:12`, or a fraction of a day (`0.3`, a
/// workbook time cell).
pub fn parse_time(cell: &str) -> Option<NaiveTime> {
    let cell = cell.trim();
    // `07:12` or `07.12`, as most exports write every time, read at once.
    if let [h1, h2, b':' | b'.', m1, m2] = *cell.as_bytes()
        && [h1, h2, m1, m2].iter().all(u8::is_ascii_digit)
        && let Some(time) = NaiveTime::from_hms_opt(
            u32::from(h1 - b'0') * 10 + u32::from(h2 - b'0'),
            u32::from(m1 - b'0') * 10 + u32::from(m2 - b'0'),
            0,
        )
    {
        return Some(time);
    }
    // Minutes and seconds are two digits: `0.3` is a fraction of a day, not 00:03.
    let two_digits = cell.split([':', '.']).skip(1).all(|part| part.len() == 2);
    if two_digits && let Some(time) = clock(cell) {
        return Some(time);
    }
    let fraction: f64 = cell.parse().ok()?;
    if !(0.0..1.0).contains(&fraction) {
        return None;
    }
    let seconds = (fraction * 86_400.0).round() as u32;
    NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0)
}

/// What the rows of one person-day say, merged: a set of flags, so that the order of the rows
/// (and which file they came from) cannot change it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Observed(u16);

impl Observed {
    /// Some row names the person-day.
    pub const ROW: u16 = 1;
    /// A check-in time, or a status that says they were there.
    pub const PRESENT: u16 = 1 << 1;
    pub const LEAVE: u16 = 1 << 2;
    pub const DUTY: u16 = 1 << 3;
    pub const ABSENT: u16 = 1 << 4;
    pub const LATE: u16 = 1 << 5;
    pub const EARLY: u16 = 1 << 6;
    /// A check-in at the office.
    pub const OFFICE: u16 = 1 << 7;
    /// A check-in away from it.
    pub const AWAY: u16 = 1 << 8;

    pub fn from_bits(bits: u16) -> Observed {
        Observed(bits)
    }

    pub fn bits(self) -> u16 {
        self.0
    }

    pub fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }

    pub fn merge(&mut self, other: Observed) {
        self.0 |= other.0;
    }

    /// One row: its status (if any), whether it has a check-in time, where the check-in was
    /// made, and whether it is a check-out row (whose place is not where they worked).
    pub fn row(
        status: Option<Status>,
        checked_in: bool,
        place: Option<Place>,
        check_out_row: bool,
    ) -> Observed {
        let mut bits = Observed::ROW;
        let mut place = place;
        match status {
            Some(Status::Present {
                late,
                early,
                place: said,
            }) => {
                bits |= Observed::PRESENT;
                if late {
                    bits |= Observed::LATE;
                }
                if early {
                    bits |= Observed::EARLY;
                }
                place = place.or(said);
            }
            Some(Status::Leave) => bits |= Observed::LEAVE,
            Some(Status::Duty) => bits |= Observed::DUTY,
            Some(Status::Absent) => bits |= Observed::ABSENT,
            Some(Status::Off) | None => {}
        }
        if checked_in {
            bits |= Observed::PRESENT;
        }
        if bits & Observed::PRESENT != 0 && !check_out_row {
            match place {
                Some(Place::Office) => bits |= Observed::OFFICE,
                Some(Place::Away) => bits |= Observed::AWAY,
                None => {}
            }
        }
        Observed(bits)
    }

    /// Where they checked in: the office when any check-in was there.
    pub fn place(self) -> Option<Place> {
        if self.has(Observed::OFFICE) {
            Some(Place::Office)
        } else if self.has(Observed::AWAY) {
            Some(Place::Away)
        } else {
            None
        }
    }

    pub fn present(self) -> bool {
        self.has(Observed::PRESENT)
    }
}

/// The class of a person-day planned as `planned` (`None`: no working row in the roster)
/// given what was observed; `None` when there is nothing to say (no plan, no presence).
///
/// A check-in beats a status that says otherwise (someone marked Izin who checked in was
/// there); among the rest, leave beats duty, and duty beats absence.
pub fn classify(planned: Option<Mode>, seen: Observed) -> Option<Class> {
    let Some(planned) = planned else {
        return seen.present().then_some(Class::NotPlanned);
    };
    if planned == Mode::Leave {
        return Some(if seen.present() {
            Class::NotPlanned
        } else {
            Class::AsPlanned
        });
    }
    Some(if seen.present() {
        match (planned, seen.place()) {
            (Mode::Wfo, Some(Place::Away)) => Class::OfficeMissed,
            (Mode::Wfh | Mode::Wfa, Some(Place::Office)) => Class::OfficeOnRemoteDay,
            _ => Class::AsPlanned,
        }
    } else if seen.has(Observed::LEAVE) {
        Class::LeaveNotInRoster
    } else if seen.has(Observed::DUTY) {
        if planned == Mode::Field {
            Class::AsPlanned
        } else {
            Class::OnDuty
        }
    } else if seen.has(Observed::ABSENT) {
        Class::AbsentWithoutLeave
    } else if seen.has(Observed::ROW) && planned == Mode::Wfo {
        Class::OfficeMissed
    } else {
        Class::NoRecord
    })
}

/// What the person did on a planned person-day, as a roster mode (`--actual`): leave taken
/// is LEAVE, duty away is FIELD, a check-in at the office is WFO and one away is the planned
/// remote mode (WFH when the day was not planned remote). Where nothing says where they were
/// (no record, absent without leave, a check-in without a place), the roster stands.
pub fn actual_mode(planned: Mode, seen: Observed) -> Mode {
    if seen.present() {
        return match seen.place() {
            Some(Place::Office) => Mode::Wfo,
            Some(Place::Away) if planned.is_remote() => planned,
            Some(Place::Away) => Mode::Wfh,
            None if planned == Mode::Leave => Mode::Wfo,
            None => planned,
        };
    }
    if seen.has(Observed::LEAVE) {
        Mode::Leave
    } else if seen.has(Observed::DUTY) {
        Mode::Field
    } else {
        planned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_in_their_common_spellings() {
        assert_eq!(parse_status("Hadir"), Some(PRESENT));
        assert_eq!(parse_status(" H "), Some(PRESENT));
        assert_eq!(parse_status("absen_masuk"), Some(PRESENT));
        assert_eq!(parse_status("TERLAMBAT"), Some(LATE));
        assert_eq!(parse_status("TL2"), Some(LATE));
        assert_eq!(parse_status("pulang_awal"), Some(EARLY));
        assert_eq!(parse_status("Cuti Tahunan"), Some(Status::Leave));
        assert_eq!(parse_status("cuti bersama"), Some(Status::Off));
        assert_eq!(parse_status("DL"), Some(Status::Duty));
        assert_eq!(parse_status("Tanpa Keterangan"), Some(Status::Absent));
        assert_eq!(parse_status("tidak_absen_masuk"), Some(Status::Absent));
        assert_eq!(parse_status("WFH"), Some(AWAY));
        assert_eq!(parse_status("Hadirr"), None);
        assert_eq!(parse_status("TLX"), None);
    }

    #[test]
    fn places_flags_and_times() {
        assert_eq!(parse_place("Dalam Radius"), Some(Place::Office));
        assert_eq!(parse_place("Luar Radius"), Some(Place::Away));
        assert_eq!(parse_place("luar kantor"), Some(Place::Away));
        assert_eq!(parse_place("Kantor Dinas Kesehatan"), Some(Place::Office));
        assert_eq!(parse_place("-6.2, 106.8"), None);
        assert_eq!(parse_wfh_flag("Ya"), Some(Some(Place::Away)));
        assert_eq!(parse_wfh_flag("0"), Some(Some(Place::Office)));
        assert_eq!(parse_wfh_flag(""), Some(None));
        assert_eq!(parse_wfh_flag("mungkin"), None);
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time("07.12"), t(7, 12));
        assert_eq!(parse_time("7:12"), t(7, 12));
        assert_eq!(parse_time("0.3"), t(7, 12));
        assert_eq!(parse_time("25:00"), None);
        let d = NaiveDate::from_ymd_opt(2025, 3, 24).unwrap();
        assert_eq!(parse_date_time("24-03-2025"), Some((d, None)));
        assert_eq!(parse_date_time("2025-03-24 07:12"), Some((d, t(7, 12))));
        assert_eq!(parse_date_time("24/03/2025 07.12"), Some((d, t(7, 12))));
        assert_eq!(parse_date_time("2025-03-24 7 pagi"), None);
    }

    #[test]
    fn each_class_from_what_was_seen() {
        let present = |place| Observed::row(Some(PRESENT), true, place, false);
        let status = |s| Observed::row(Some(s), false, None, false);
        let c = classify;
        assert_eq!(
            c(Some(Mode::Wfo), present(Some(Place::Office))),
            Some(Class::AsPlanned)
        );
        assert_eq!(c(Some(Mode::Wfo), present(None)), Some(Class::AsPlanned));
        assert_eq!(
            c(Some(Mode::Wfo), present(Some(Place::Away))),
            Some(Class::OfficeMissed)
        );
        assert_eq!(
            c(Some(Mode::Wfo), Observed::row(None, false, None, false)),
            Some(Class::OfficeMissed)
        );
        assert_eq!(
            c(Some(Mode::Wfh), present(Some(Place::Office))),
            Some(Class::OfficeOnRemoteDay)
        );
        assert_eq!(
            c(Some(Mode::Wfa), present(Some(Place::Away))),
            Some(Class::AsPlanned)
        );
        assert_eq!(
            c(Some(Mode::Wfh), status(Status::Absent)),
            Some(Class::AbsentWithoutLeave)
        );
        assert_eq!(
            c(Some(Mode::Wfo), status(Status::Leave)),
            Some(Class::LeaveNotInRoster)
        );
        assert_eq!(
            c(Some(Mode::Wfo), Observed::default()),
            Some(Class::NoRecord)
        );
        assert_eq!(
            c(Some(Mode::Wfo), status(Status::Duty)),
            Some(Class::OnDuty)
        );
        assert_eq!(
            c(Some(Mode::Field), status(Status::Duty)),
            Some(Class::AsPlanned)
        );
        assert_eq!(
            c(Some(Mode::Leave), status(Status::Leave)),
            Some(Class::AsPlanned)
        );
        assert_eq!(c(Some(Mode::Leave), present(None)), Some(Class::NotPlanned));
        assert_eq!(c(None, present(None)), Some(Class::NotPlanned));
        assert_eq!(c(None, status(Status::Absent)), None);
        // A check-out row's place is not where they worked.
        let mut day = Observed::row(None, true, Some(Place::Office), false);
        day.merge(Observed::row(None, false, Some(Place::Away), true));
        assert_eq!(c(Some(Mode::Wfo), day), Some(Class::AsPlanned));
    }

    #[test]
    fn what_actually_happened() {
        let present = |place| Observed::row(Some(PRESENT), true, place, false);
        assert_eq!(
            actual_mode(Mode::Wfh, present(Some(Place::Office))),
            Mode::Wfo
        );
        assert_eq!(
            actual_mode(Mode::Wfo, present(Some(Place::Away))),
            Mode::Wfh
        );
        assert_eq!(
            actual_mode(Mode::Wfa, present(Some(Place::Away))),
            Mode::Wfa
        );
        assert_eq!(
            actual_mode(
                Mode::Wfh,
                Observed::row(Some(Status::Leave), false, None, false)
            ),
            Mode::Leave
        );
        assert_eq!(
            actual_mode(
                Mode::Wfo,
                Observed::row(Some(Status::Duty), false, None, false)
            ),
            Mode::Field
        );
        assert_eq!(actual_mode(Mode::Wfh, Observed::default()), Mode::Wfh);
    }
}
