//! Why no roster meets every guarantee in a unit, and the changes that fix it: what the
//! exact search's causes (`planner::causes`) find, and the writers word.

use crate::mode::MinOffice;
use crate::mode::Mode;
use chrono::NaiveDate;

/// A week the cause is about: its first and last working day and how many it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub days: usize,
}

/// A guarantee constraint of an unsatisfiable core, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Constraint {
    /// A pool's daily count of a mode (guarantee 3).
    DailyQuota,
    /// A pool's total of a mode over the period (guarantee 3).
    PeriodQuota,
    /// Fairness (guarantee 4).
    Fairness,
    /// `max_remote_per_week` (guarantee 5).
    WeeklyCap,
    /// `max_consecutive_remote` (guarantee 5).
    RunCap,
    /// `min_office` (guarantee 5).
    OfficeFloor,
}

impl Constraint {
    pub const ALL: [Constraint; 6] = [
        Constraint::DailyQuota,
        Constraint::PeriodQuota,
        Constraint::Fairness,
        Constraint::WeeklyCap,
        Constraint::RunCap,
        Constraint::OfficeFloor,
    ];
}

/// Why no roster meets every guarantee in a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// With `cap` remote days a week, at most `most` percent of the rotating working days
    /// can be remote, and the quotas ask for `asked` percent: over the period, or in `week`
    /// only.
    WeeklyCap {
        cap: u32,
        most: u32,
        asked: u32,
        week: Option<Week>,
    },
    /// Fixed remote days (rules, staff modes, hard requests) use up the weekly cap: the
    /// quotas ask for `needed` remote person-days, `capacity` fit beside the fixed ones,
    /// `unfixed` would fit without them.
    FixedRemote {
        cap: u32,
        needed: u64,
        capacity: u64,
        unfixed: u64,
        week: Option<Week>,
    },
    /// `min_office` asks for `required` in the office where only `present` people are
    /// present (not on leave), on `days`.
    OfficeFloor {
        floor: MinOffice,
        required: u32,
        present: u32,
        days: Vec<NaiveDate>,
    },
    /// Fixed days (rules, staff modes, hard requests, field duty) leave only `can` people
    /// who can be in the office where `min_office` asks for `required`, on `days`.
    FixedOffice {
        floor: MinOffice,
        required: u32,
        can: u32,
        days: Vec<NaiveDate>,
    },
    /// With at most `max` remote days in a row, the working days `first..=last` can hold
    /// `capacity` remote person-days and the quotas ask for `needed`; `holiday` is the day
    /// off within or next to them.
    Runs {
        max: u32,
        first: NaiveDate,
        last: NaiveDate,
        needed: u64,
        capacity: u64,
        holiday: Option<NaiveDate>,
    },
    /// The office floor keeps `needed` office person-days over the period where the split's
    /// `office` percent allows `allowed`.
    OfficeTotals {
        floor: MinOffice,
        office: u32,
        needed: i64,
        allowed: i64,
    },
    /// No single count shows it: these guarantees cannot hold together on these days (the
    /// period when `days` is `None`). Empty when the search found no core in its budget.
    Combination {
        constraints: Vec<Constraint>,
        days: Option<(NaiveDate, NaiveDate)>,
    },
}

/// A policy knob and the value that makes the units of a cause possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A remote mode's share of a split (the default one, or a rule's), the rest going to
    /// WFO.
    Share {
        rule: Option<String>,
        mode: Mode,
        from: u32,
        to: u32,
    },
    MaxRemotePerWeek {
        from: u32,
        to: u32,
    },
    MaxConsecutiveRemote {
        from: u32,
        to: u32,
    },
    /// `to` of `None`: no office floor.
    MinOffice {
        from: MinOffice,
        to: Option<MinOffice>,
    },
    /// A rule, after the others, that keeps these units in the office (in `week` only, when
    /// the cause is one week): for a cause that holds in some units and not the others.
    Exempt {
        units: Vec<String>,
        week: Option<(NaiveDate, NaiveDate)>,
    },
}

/// One cause, the units it holds in, and the verified changes that fix all of them.
#[derive(Debug, Clone)]
pub struct Finding {
    pub cause: Cause,
    /// The units, by their index in the staff file (`staff::Id`).
    pub units: Vec<u32>,
    /// Each makes the exact search plan every unit of the finding; the smallest along its
    /// knob (one step less leaves a unit proven impossible).
    pub changes: Vec<Change>,
    /// When no change was found: the knobs tried.
    pub tried: Vec<Knob>,
}

/// The policy knobs a change may turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    Share,
    MaxRemotePerWeek,
    MaxConsecutiveRemote,
    MinOffice,
}

/// The name of the rule an exemption adds.
pub const EXEMPT_RULE: &str = "Exempt from rotating";
