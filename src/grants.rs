//! Which requests a roster granted, and for each one it did not, the reason. Where the exact
//! search planned the unit, the reason is what it proved: the guarantees under which no
//! roster grants the request together with those granted. Elsewhere (units planned day by
//! day) it is read off the planned days as they go by (the cells of each day, in the staff's
//! canonical order): the guarantee that binds on that day in this roster.

use crate::guarantee::{Guarantee, Guarantees};
use crate::mode::Mode;
use crate::planner::{Cell, Overrides};
use crate::requests::Requests;
use crate::resolve::{Decision, Resolver, Source};
use chrono::Datelike;
use rustc_hash::FxHashMap;

/// What became of one day of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Granted,
    /// The day is leave.
    OnLeave,
    /// The staff file's `mode` fixes the day.
    FixedByStaff,
    /// A rule fixes the day (its index).
    FixedByRule(u16),
    /// The split the person rotates under gives the wished modes no share.
    NoShare,
    /// These guarantees block it. From the exact search: no roster meeting them grants the
    /// request together with the requests granted, and none of them can be left out. From a
    /// day-by-day plan: the one guarantee that binds on the day in this roster (the
    /// person's week at `max_remote_per_week`, a run at `max_consecutive_remote`, the
    /// pool's quota full, the office at `min_office`).
    Blocked(Guarantees),
    /// Planned day by day, with nothing binding on the day: the person already had their
    /// share of the mode (fairness), or the wish lost to another for the last place.
    Share,
    /// The exact search ran out of its budget before it could say what blocks it.
    Undecided,
}

impl Verdict {
    pub fn is_granted(self) -> bool {
        self == Verdict::Granted
    }
}

/// One day of one request, judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Index into [`Requests::list`].
    pub request: usize,
    /// Working day of the window.
    pub day: usize,
    pub verdict: Verdict,
}

/// A refused rotating day whose reason waits for the rest of the person's week and run.
#[derive(Debug, Clone, Copy)]
struct Refused {
    outcome: usize,
    person: usize,
    quota_full: bool,
    office_floor: bool,
}

pub struct Grants<'r> {
    resolver: &'r Resolver<'r>,
    requests: &'r Requests,
    /// Per working day, the request days on it: (request, person).
    by_day: Vec<Vec<(usize, usize)>>,
    outcomes: Vec<Outcome>,
    refused: Vec<Refused>,
    /// Every day's mode of each person with a request, for the caps' reasons.
    modes: FxHashMap<usize, Vec<Mode>>,
    /// Remote days in a row before the window, per person with a request.
    run_in: FxHashMap<usize, u32>,
    /// What the exact search found blocks a refused request day (person, day).
    proven: FxHashMap<(usize, usize), Option<Guarantees>>,
}

impl<'r> Grants<'r> {
    pub fn new(
        resolver: &'r Resolver<'r>,
        requests: &'r Requests,
        carry: &crate::carry::Carry,
    ) -> Grants<'r> {
        let days = resolver.days.len();
        let mut by_day = vec![Vec::new(); days];
        let mut modes = FxHashMap::default();
        let mut run_in = FxHashMap::default();
        for (i, request) in requests.list.iter().enumerate() {
            for &day in &request.days {
                if day < days {
                    by_day[day].push((i, request.person));
                }
            }
            modes
                .entry(request.person)
                .or_insert_with(|| vec![Mode::Wfo; days]);
            run_in.insert(
                request.person,
                carry.person(request.person).map_or(0, |c| c.run),
            );
        }
        Grants {
            resolver,
            requests,
            by_day,
            outcomes: Vec::new(),
            refused: Vec::new(),
            modes,
            run_in,
            proven: FxHashMap::default(),
        }
    }

    /// Takes the reasons the exact search proved for the units it planned.
    pub fn with_refusals(mut self, plans: &Overrides) -> Grants<'r> {
        for refusal in plans.values().flat_map(|plan| &plan.refusals) {
            (self.proven).insert((refusal.person, refusal.day), refusal.blocked_by);
        }
        self
    }

    pub fn observe_day(&mut self, day: usize, cells: &[Cell]) {
        let r = self.resolver;
        for (person, modes) in &mut self.modes {
            modes[day] = cells[*person].mode;
        }
        for &(request, person) in &self.by_day[day] {
            let wish = self.requests.list[request].wish;
            let cell = cells[person];
            let outcome = self.outcomes.len();
            let mut verdict = |verdict| {
                self.outcomes.push(Outcome {
                    request,
                    day,
                    verdict,
                });
            };
            if wish.admits(cell.mode) {
                verdict(Verdict::Granted);
                continue;
            }
            let source = match r.decide(person, day) {
                (Source::Leave, _) => {
                    verdict(Verdict::OnLeave);
                    continue;
                }
                (Source::Staff, Decision::Fixed(_)) => {
                    verdict(Verdict::FixedByStaff);
                    continue;
                }
                (Source::Rule(i), Decision::Fixed(_)) => {
                    verdict(Verdict::FixedByRule(i));
                    continue;
                }
                (_, Decision::Fixed(_)) => {
                    verdict(Verdict::Share);
                    continue;
                }
                (_, Decision::Rotate(source)) => source,
            };
            if let Some(proven) = self.proven.get(&(person, day)) {
                verdict(proven.map_or(Verdict::Undecided, Verdict::Blocked));
                continue;
            }
            let split = r.split(source);
            let wished: Vec<usize> = (0..3)
                .filter(|&m| wish.admits(Mode::SPLIT[m]) && split.0[m] > 0)
                .collect();
            if wished.is_empty() {
                verdict(Verdict::NoShare);
                continue;
            }
            // The pool's people that day, and the unit's office.
            let staff = r.staff;
            let unit = staff.people[person].unit;
            let people = staff.unit_people(unit as usize);
            let (first, last) = (people.start, people.end);
            let (mut n, mut counts) = (0u64, [0u64; 3]);
            let (mut present, mut office) = (0u32, 0u32);
            for (p, cell) in cells.iter().enumerate().take(last).skip(first) {
                present += u32::from(cell.mode != Mode::Leave);
                office += u32::from(cell.mode == Mode::Wfo);
                if r.decide(p, day).1 == Decision::Rotate(source)
                    && let Some(m) = cell.mode.split_index()
                {
                    n += 1;
                    counts[m] += 1;
                }
            }
            let quota_full = wished
                .iter()
                .all(|&m| 100 * counts[m] >= u64::from(split.0[m]) * n);
            let office_floor = wish.admits(Mode::Wfh)
                && r.policy
                    .rotation
                    .min_office
                    .is_some_and(|floor| office <= floor.required(present));
            verdict(Verdict::Share);
            self.refused.push(Refused {
                outcome,
                person,
                quota_full,
                office_floor,
            });
        }
    }

    /// Every request day judged, in day order.
    pub fn finish(mut self) -> Vec<Outcome> {
        let r = self.resolver;
        let rotation = &r.policy.rotation;
        for refused in std::mem::take(&mut self.refused) {
            let outcome = &mut self.outcomes[refused.outcome];
            let wish = self.requests.list[outcome.request].wish;
            let modes = &self.modes[&refused.person];
            let day = outcome.day;
            let remote_wish = wish.admits(Mode::Wfh) || wish.admits(Mode::Wfa);
            let week = r.days[day].iso_week();
            let week_remote = (0..r.days.len())
                .filter(|&d| r.days[d].iso_week() == week && modes[d].is_remote())
                .count() as u32;
            let run = || {
                let before = (0..day).rev().take_while(|&d| modes[d].is_remote()).count();
                let before = if before == day {
                    before as u32 + self.run_in.get(&refused.person).copied().unwrap_or(0)
                } else {
                    before as u32
                };
                let after = (day + 1..r.days.len())
                    .take_while(|&d| modes[d].is_remote())
                    .count() as u32;
                before + 1 + after
            };
            let weekly_cap = || {
                rotation
                    .max_remote_per_week
                    .is_some_and(|cap| week_remote >= cap)
            };
            let run_cap = || {
                rotation
                    .max_consecutive_remote
                    .is_some_and(|max| run() > max)
            };
            let binding = if refused.quota_full {
                Some(Guarantee::Quota)
            } else if remote_wish && weekly_cap() {
                Some(Guarantee::WeeklyCap)
            } else if remote_wish && run_cap() {
                Some(Guarantee::RunCap)
            } else if remote_wish && refused.office_floor {
                Some(Guarantee::OfficeFloor)
            } else {
                None
            };
            outcome.verdict =
                binding.map_or(Verdict::Share, |g| Verdict::Blocked(Guarantees::one(g)));
        }
        self.outcomes
    }
}

/// Requests made and granted per unit (request days, soft and hard), for the summary.
pub fn per_unit(resolver: &Resolver, requests: &Requests, outcomes: &[Outcome]) -> Vec<(u64, u64)> {
    let mut counts = vec![(0u64, 0u64); resolver.staff.units.len()];
    for outcome in outcomes {
        let person = requests.list[outcome.request].person;
        let unit = resolver.staff.people[person].unit as usize;
        counts[unit].0 += 1;
        counts[unit].1 += u64::from(outcome.verdict.is_granted());
    }
    counts
}
