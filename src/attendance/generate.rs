//! A realistic attendance export made from a roster, with deviations injected at given rates
//! and the class each person-day must get: for tests, benchmarks and demonstrations
//! (`examples/presensi.rs`). Deterministic: every decision about a person-day comes from a
//! hash of the seed, the NIP and the date, so the same roster (in any row order) and seed give
//! the same export.

use super::Class;
use crate::mode::Mode;
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// One planned person-day, as a roster row gives it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlannedDay {
    pub date: NaiveDate,
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub mode: Mode,
}

/// The two shapes exports come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One row per person-day: check-in and check-out times, a status and a location.
    Daily,
    /// One row per check-in event (MASUK, PULANG), date and time in one cell.
    Events,
}

/// How often each deviation is injected, as a fraction of the person-days it can happen on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// Of planned WFO days: checked in away.
    pub office_missed: f64,
    /// Of planned WFH/WFA days: checked in at the office.
    pub office_on_remote_day: f64,
    /// Of planned working days: Alpa, Cuti/Sakit/Izin, no row, Dinas Luar.
    pub absent: f64,
    pub leave: f64,
    pub no_record: f64,
    pub on_duty: f64,
    /// Of each person's weeks: a check-in on the Saturday.
    pub not_planned: f64,
    /// Of present days: late, left early.
    pub late: f64,
    pub early: f64,
}

impl Default for Rates {
    fn default() -> Rates {
        Rates {
            office_missed: 0.04,
            office_on_remote_day: 0.03,
            absent: 0.005,
            leave: 0.02,
            no_record: 0.01,
            on_duty: 0.01,
            not_planned: 0.01,
            late: 0.08,
            early: 0.03,
        }
    }
}

impl Rates {
    /// Sets one rate from `name=percent` (`office_missed=5`); `Err` names the rates known.
    pub fn set(&mut self, text: &str) -> Result<(), String> {
        let known = "office_missed, office_on_remote_day, absent, leave, no_record, on_duty, not_planned, late, early";
        let (name, value) = text
            .split_once('=')
            .ok_or_else(|| format!("expected NAME=PERCENT, one of {known}"))?;
        let value: f64 = value
            .trim()
            .parse()
            .map_err(|_| format!("`{value}` is not a percentage"))?;
        if !(0.0..=100.0).contains(&value) {
            return Err(format!("`{value}` is not between 0 and 100"));
        }
        let rate = match name.trim() {
            "office_missed" => &mut self.office_missed,
            "office_on_remote_day" => &mut self.office_on_remote_day,
            "absent" => &mut self.absent,
            "leave" => &mut self.leave,
            "no_record" => &mut self.no_record,
            "on_duty" => &mut self.on_duty,
            "not_planned" => &mut self.not_planned,
            "late" => &mut self.late,
            "early" => &mut self.early,
            other => return Err(format!("unknown rate `{other}`: expected one of {known}")),
        };
        *rate = value / 100.0;
        Ok(())
    }
}

/// The export and what reconciling it must find.
#[derive(Debug, Default)]
pub struct Generated {
    pub header: Vec<&'static str>,
    /// Each row with its unit (for one file per OPD).
    pub rows: Vec<(String, Vec<String>)>,
    /// The class of every person-day, planned or checked in.
    pub expected: BTreeMap<(NaiveDate, String), Class>,
    /// Person-days with a late arrival and with an early departure.
    pub late: u64,
    pub early: u64,
}

/// splitmix64: a well-mixed 64-bit hash step.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The random stream of one person-day.
struct Dice(u64);

impl Dice {
    fn new(seed: u64, nip: &str, date: NaiveDate) -> Dice {
        let mut h = mix(seed);
        for b in nip.bytes() {
            h = mix(h ^ u64::from(b));
        }
        Dice(mix(h ^ date.num_days_from_ce() as u64))
    }

    /// A number in [0, 1).
    fn roll(&mut self) -> f64 {
        self.0 = mix(self.0);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.roll() * from.len() as f64) as usize % from.len()]
    }
}

/// The export of `planned` (any order) under `rates`, in `shape`, with `seed`.
pub fn generate(planned: &[PlannedDay], rates: &Rates, shape: Shape, seed: u64) -> Generated {
    let mut days: Vec<&PlannedDay> = planned.iter().collect();
    days.sort();
    let mut out = Generated {
        header: match shape {
            Shape::Daily => vec![
                "No",
                "NIP",
                "Nama",
                "Unit Kerja",
                "Tanggal",
                "Jam Masuk",
                "Jam Pulang",
                "Status",
                "Lokasi",
            ],
            Shape::Events => vec![
                "NIP",
                "Nama",
                "OPD",
                "Tanggal Masuk",
                "Tipe",
                "Status Kehadiran",
                "Lokasi",
            ],
        },
        ..Generated::default()
    };
    let planned_at: BTreeSet<(NaiveDate, &str)> =
        days.iter().map(|d| (d.date, d.nip.as_str())).collect();
    let mut saturdays: BTreeSet<(NaiveDate, &PlannedDay)> = BTreeSet::new();
    // Saturdays after the roster's last day are outside any window it is reconciled over.
    let last = days.last().map_or(NaiveDate::MIN, |d| d.date);
    for day in &days {
        let mut dice = Dice::new(seed, &day.nip, day.date);
        let class = inject(day.mode, rates, &mut dice);
        let late = rates.late > dice.roll();
        let early = rates.early > dice.roll();
        write_day(
            &mut out,
            day,
            day.mode,
            class,
            (late, early),
            shape,
            &mut dice,
        );
        let saturday = day.date
            + chrono::Days::new(u64::from(
                5 - day.date.weekday().num_days_from_monday().min(5),
            ));
        if saturday.weekday() == Weekday::Sat
            && saturday <= last
            && !planned_at.contains(&(saturday, day.nip.as_str()))
        {
            saturdays.insert((saturday, day));
        }
    }
    // One Saturday check-in per person and week at most: the first planned day of the week
    // speaks for the person.
    let mut done: BTreeSet<(NaiveDate, &str)> = BTreeSet::new();
    for (saturday, day) in saturdays {
        if !done.insert((saturday, day.nip.as_str())) {
            continue;
        }
        let mut dice = Dice::new(seed ^ 0x5A7, &day.nip, saturday);
        if rates.not_planned > dice.roll() {
            let on_saturday = PlannedDay {
                date: saturday,
                ..day.clone()
            };
            write_day(
                &mut out,
                &on_saturday,
                Mode::Wfo,
                Class::NotPlanned,
                (false, false),
                shape,
                &mut dice,
            );
        }
    }
    out
}

/// The class injected on a day planned as `mode`.
fn inject(mode: Mode, rates: &Rates, dice: &mut Dice) -> Class {
    let r = dice.roll();
    if mode == Mode::Leave {
        return Class::AsPlanned;
    }
    let mut options = vec![
        (Class::AbsentWithoutLeave, rates.absent),
        (Class::LeaveNotInRoster, rates.leave),
        (Class::NoRecord, rates.no_record),
    ];
    match mode {
        Mode::Wfo => options.push((Class::OfficeMissed, rates.office_missed)),
        Mode::Wfh | Mode::Wfa => {
            options.push((Class::OfficeOnRemoteDay, rates.office_on_remote_day));
        }
        _ => {}
    }
    if mode != Mode::Field {
        options.push((Class::OnDuty, rates.on_duty));
    }
    let mut edge = 0.0;
    for (class, rate) in options {
        edge += rate;
        if r < edge {
            return class;
        }
    }
    Class::AsPlanned
}

/// The rows of one person-day that must be classified `class`.
fn write_day(
    out: &mut Generated,
    day: &PlannedDay,
    mode: Mode,
    class: Class,
    (late, early): (bool, bool),
    shape: Shape,
    dice: &mut Dice,
) {
    let office = ["Dalam Radius", "Kantor"];
    let away = ["Luar Radius", "Rumah", "WFH"];
    // Present, and where: None for a day without a check-in.
    let present = match (class, mode) {
        (Class::AsPlanned, Mode::Wfo) | (Class::OfficeOnRemoteDay | Class::NotPlanned, _) => {
            Some(dice.pick(&office))
        }
        (Class::AsPlanned, Mode::Wfh | Mode::Wfa) | (Class::OfficeMissed, _) => {
            Some(dice.pick(&away))
        }
        (Class::AsPlanned, Mode::Field) => Some(""),
        _ => None,
    };
    let status = match class {
        Class::AbsentWithoutLeave => dice.pick(&["Alpa", "TK", "Tanpa Keterangan", "A"]),
        Class::LeaveNotInRoster => dice.pick(&["Sakit", "Izin", "Cuti Tahunan", "S", "I"]),
        Class::OnDuty => dice.pick(&["Dinas Luar", "DL", "Tugas Belajar"]),
        Class::AsPlanned if mode == Mode::Leave => "Cuti",
        _ => "",
    };
    if class == Class::NoRecord || (mode == Mode::Leave && dice.roll() < 0.5) {
        // No row at all (a leave day often has none either).
        out.expected.insert((day.date, day.nip.clone()), class);
        return;
    }
    let (late, early) = if present.is_some() {
        (late, early)
    } else {
        (false, false)
    };
    let date = match dice.roll() {
        r if r < 0.6 => day.date.format("%Y-%m-%d").to_string(),
        r if r < 0.8 => day.date.format("%d/%m/%Y").to_string(),
        _ => day.date.format("%d-%m-%Y").to_string(),
    };
    let check_in = if late { "07:48" } else { "07:21" };
    let check_out = if early { "14:10" } else { "16:05" };
    let (late, early) = match shape {
        Shape::Daily => {
            let status = match present {
                Some(_) if late => "Terlambat",
                Some(_) if early => "Pulang Cepat",
                Some(_) => dice.pick(&["Hadir", "H", "Tepat Waktu"]),
                None => status,
            };
            let times = match present {
                Some(_) => [check_in, check_out],
                None => ["", ""],
            };
            let number = (out.rows.len() + 1).to_string();
            let row = vec![
                number,
                day.nip.clone(),
                day.name.clone(),
                day.unit.clone(),
                date,
                times[0].into(),
                times[1].into(),
                status.into(),
                present.unwrap_or("").into(),
            ];
            out.rows.push((day.unit.clone(), row));
            // A daily row has one status: lateness wins it.
            (late, early && !late)
        }
        Shape::Events => {
            let row = |time: &str, kind: &str, status: &str, place: &str| {
                vec![
                    day.nip.clone(),
                    day.name.clone(),
                    day.unit.clone(),
                    format!("{date} {time}"),
                    kind.to_owned(),
                    status.to_owned(),
                    place.to_owned(),
                ]
            };
            match present {
                Some(place) => {
                    out.rows.push((
                        day.unit.clone(),
                        row(
                            check_in,
                            "MASUK",
                            if late { "Terlambat" } else { "" },
                            place,
                        ),
                    ));
                    // Where they checked out says nothing of where they worked.
                    let leaving = dice.pick(&["Luar Radius", "Dalam Radius", ""]);
                    out.rows.push((
                        day.unit.clone(),
                        row(
                            check_out,
                            "PULANG",
                            if early { "Pulang Cepat" } else { "" },
                            leaving,
                        ),
                    ));
                }
                None => out.rows.push((
                    day.unit.clone(),
                    vec![
                        day.nip.clone(),
                        day.name.clone(),
                        day.unit.clone(),
                        date,
                        String::new(),
                        status.to_owned(),
                        String::new(),
                    ],
                )),
            }
            (late, early)
        }
    };
    out.late += u64::from(late);
    out.early += u64::from(early);
    out.expected.insert((day.date, day.nip.clone()), class);
}
