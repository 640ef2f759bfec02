//! An exact oracle for SPEC §6 on small cases: does a long roster exist that the checker
//! ([`crate::checker::violated`]) finds nothing wrong with? Every guarantee, as the checker
//! reads it, becomes a SAT problem over the rotating person-days, solved by a pure-Rust
//! solver. Like the checker it borrows from the library only the validated policy and the
//! staff reader, so it can say when `plan`'s exit 3 is wrong.
//!
//! A rotating day takes one of its split's modes with a share above 0, as in the checker:
//! "within 1 of share × n" under an alternating pattern is a tolerance on those modes' counts,
//! never another mode; with `teams = "together"` a day may be off by as much as the largest
//! team present.

use crate::checker::{Expect, Roster, expect};
use chrono::{Datelike, NaiveDate};
use roster::policy::{Policy, RotationPattern, Teams};
use roster::staff::Staff;
use rustsat::encodings::card::{BoundLower, BoundLowerIncremental, BoundUpper};
use rustsat::encodings::card::{BoundUpperIncremental, Encode, Totalizer};
use rustsat::instances::{BasicVarManager, ManageVars};
use rustsat::solvers::{Solve, SolverResult};
use rustsat::types::{Lit, TernaryVal};
use rustsat_batsat::BasicSolver;
use std::collections::BTreeMap;

const MODES: [&str; 3] = ["WFO", "WFH", "WFA"];

pub enum Verdict {
    /// A roster that meets every guarantee.
    Feasible(Roster),
    Infeasible,
}

/// The choice of one rotating person-day: a literal per mode of [`MODES`], exactly one true.
type Choice = [Lit; 3];

/// A person-day after precedence: fixed (mode, rule column) or rotating (rule column, split,
/// choice).
enum Day {
    Fixed(String, String),
    Rotating(String, [u32; 3], Choice),
}

/// Decides whether `policy` with these people and leave rows admits a roster that meets
/// every guarantee, and gives one when it does.
pub fn solve(policy: &Policy, staff: &Staff, leave: &[(String, NaiveDate, NaiveDate)]) -> Verdict {
    solve_with_spread(policy, staff, leave, 1)
}

/// The guarantees a model holds; the others are left out, to ask whether those held alone
/// leave room for something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub quota: bool,
    pub fairness: bool,
    pub weekly_cap: bool,
    pub run_cap: bool,
    pub office_floor: bool,
}

impl Held {
    pub const ALL: Held = Held {
        quota: true,
        fairness: true,
        weekly_cap: true,
        run_cap: true,
        office_floor: true,
    };

    /// Only the guarantees named (`quota`, `fairness`, `weekly_cap`, `run_cap`,
    /// `office_floor`); `None` for another name.
    pub fn only<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<Held> {
        let mut held = Held {
            quota: false,
            fairness: false,
            weekly_cap: false,
            run_cap: false,
            office_floor: false,
        };
        for name in names {
            *held.flag(name)? = true;
        }
        Some(held)
    }

    fn flag(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "quota" => &mut self.quota,
            "fairness" => &mut self.fairness,
            "weekly_cap" => &mut self.weekly_cap,
            "run_cap" => &mut self.run_cap,
            "office_floor" => &mut self.office_floor,
            _ => return None,
        })
    }
}

/// A soft request day: who, when, and the modes that meet it.
#[derive(Debug, Clone)]
pub struct Request {
    pub nip: String,
    pub date: NaiveDate,
    pub admits: Vec<&'static str>,
}

/// [`solve`], with fairness tightened to `spread` (0: people with as many rotating days in a
/// pool have exactly the same counts).
pub fn solve_with_spread(
    policy: &Policy,
    staff: &Staff,
    leave: &[(String, NaiveDate, NaiveDate)],
    spread: usize,
) -> Verdict {
    let days = policy.period.working_days();
    let (mut sat, people) = build(policy, staff, leave, spread, Held::ALL);
    if !sat.solve() {
        return Verdict::Infeasible;
    }
    let mut rows = BTreeMap::new();
    for (p, list) in staff.people.iter().zip(&people) {
        for (&date, day) in days.iter().zip(list) {
            let row = match day {
                Day::Fixed(mode, label) => (mode.clone(), label.clone()),
                Day::Rotating(label, _, choice) => {
                    let m = (0..3)
                        .find(|&m| sat.is_true(choice[m]))
                        .expect("a rotating day takes one mode");
                    (MODES[m].to_owned(), label.clone())
                }
            };
            rows.insert((date, staff.nip(p).to_owned()), row);
        }
    }
    Verdict::Feasible(Roster {
        rows,
        duplicates: 0,
    })
}

/// What meets `request` in the model: `Ok` with the literals of the rotating day's admitted
/// modes, or `Err` with whether a fixed day meets it.
fn meets(
    policy: &Policy,
    staff: &Staff,
    people: &[Vec<Day>],
    request: &Request,
) -> Result<Vec<Lit>, bool> {
    let person = (staff.people.iter())
        .position(|p| staff.nip(p) == request.nip)
        .expect("a request names someone on the staff");
    let day = (policy.period.working_days().iter())
        .position(|&d| d == request.date)
        .expect("a request falls on a working day");
    match &people[person][day] {
        Day::Fixed(mode, _) => Err(request.admits.contains(&mode.as_str())),
        Day::Rotating(_, _, choice) => Ok((0..3)
            .filter(|&m| request.admits.contains(&MODES[m]))
            .map(|m| choice[m])
            .collect()),
    }
}

/// Whether some roster meets the guarantees `held` (each rotating day one of its split's
/// modes) and every request of `met`.
pub fn grantable(
    policy: &Policy,
    staff: &Staff,
    leave: &[(String, NaiveDate, NaiveDate)],
    held: Held,
    met: &[Request],
) -> bool {
    let (mut sat, people) = build(policy, staff, leave, 1, held);
    for request in met {
        match meets(policy, staff, &people, request) {
            Ok(lits) => sat.clause(lits),
            Err(true) => {}
            Err(false) => return false,
        }
    }
    sat.solve()
}

/// The most of `requests` that a roster meeting every guarantee meets together; `None` when
/// no roster meets every guarantee.
pub fn most_requests(
    policy: &Policy,
    staff: &Staff,
    leave: &[(String, NaiveDate, NaiveDate)],
    requests: &[Request],
) -> Option<usize> {
    let (mut sat, people) = build(policy, staff, leave, 1, Held::ALL);
    let mut always = 0;
    let mut met = Vec::new();
    for request in requests {
        match meets(policy, staff, &people, request) {
            Ok(lits) => {
                // Holds only where the day takes an admitted mode.
                let lit = sat.vars.new_lit();
                sat.clause(std::iter::once(!lit).chain(lits));
                met.push(lit);
            }
            Err(true) => always += 1,
            Err(false) => {}
        }
    }
    if !sat.solve() {
        return None;
    }
    let mut counter = Totalizer::from(met.clone());
    loop {
        let best = met.iter().filter(|&&l| sat.is_true(l)).count();
        let more = sat.at_least(&mut counter, best + 1);
        sat.clause([more]);
        if !sat.solve() {
            return Some(always + best);
        }
    }
}

/// The model of every rotating person-day, with the guarantees of `held` (fairness within
/// `spread`).
fn build(
    policy: &Policy,
    staff: &Staff,
    leave: &[(String, NaiveDate, NaiveDate)],
    spread: usize,
    held: Held,
) -> (Sat, Vec<Vec<Day>>) {
    let days = policy.period.working_days();
    let mut sat = Sat::new();
    let people: Vec<Vec<Day>> = staff
        .people
        .iter()
        .map(|p| {
            days.iter()
                .map(|&date| match expect(policy, staff, leave, p, date) {
                    Expect::Fixed(mode, label) => Day::Fixed(mode, label),
                    Expect::Rotate(label, split) => {
                        let choice = sat.choice();
                        for m in (0..3).filter(|&m| split[m] == 0) {
                            sat.clause([!choice[m]]);
                        }
                        Day::Rotating(label, split, choice)
                    }
                })
                .collect()
        })
        .collect();
    if held.quota {
        quota(policy, staff, &people, &mut sat);
    }
    if held.fairness {
        fairness(staff, &people, spread, &mut sat);
    }
    caps(policy, &days, &people, held, &mut sat);
    if held.office_floor {
        office_floor(policy, staff, &people, &mut sat);
    }
    (sat, people)
}

/// A pool as the checker keys it: unit and rule label.
type Pool<'a> = (&'a str, &'a str);

struct RotatingDay<'a> {
    pool: Pool<'a>,
    person: usize,
    day: usize,
    split: [u32; 3],
    choice: &'a Choice,
}

fn rotating<'a>(staff: &'a Staff, people: &'a [Vec<Day>]) -> impl Iterator<Item = RotatingDay<'a>> {
    staff
        .people
        .iter()
        .zip(people)
        .enumerate()
        .flat_map(move |(person, (p, list))| {
            list.iter().enumerate().filter_map(move |(day, d)| match d {
                Day::Fixed(..) => None,
                Day::Rotating(label, split, choice) => Some(RotatingDay {
                    pool: (staff.unit(p), label.as_str()),
                    person,
                    day,
                    split: *split,
                    choice,
                }),
            })
        })
}

/// A pool's split and the choices of some of its rotating days.
type PoolChoices<'a> = ([u32; 3], Vec<&'a Choice>);

/// Guarantee 3. `share × n / 100` is compared in hundredths, so no rounding creeps in.
fn quota(policy: &Policy, staff: &Staff, people: &[Vec<Day>], sat: &mut Sat) {
    let rotation = &policy.rotation;
    let alternating = rotation.pattern != RotationPattern::Balanced;
    // Whole teams share a group, so a day may be off by as much as the largest team present.
    let together = alternating && rotation.teams == Teams::Together;
    let mut pool_days: BTreeMap<(Pool, usize), PoolChoices> = BTreeMap::new();
    let mut team_sizes: BTreeMap<(Pool, usize), BTreeMap<&str, usize>> = BTreeMap::new();
    for r in rotating(staff, people) {
        let entry = pool_days
            .entry((r.pool, r.day))
            .or_insert((r.split, Vec::new()));
        entry.1.push(r.choice);
        let team = staff.team(&staff.people[r.person]);
        if !team.is_empty() {
            *team_sizes
                .entry((r.pool, r.day))
                .or_default()
                .entry(team)
                .or_insert(0) += 1;
        }
    }
    let mut totals: BTreeMap<Pool, PoolChoices> = BTreeMap::new();
    for ((pool, day), (split, choices)) in &pool_days {
        let slack = if together {
            team_sizes
                .get(&(*pool, *day))
                .and_then(|teams| teams.values().max().copied())
                .unwrap_or(1)
                .max(1)
        } else {
            1
        };
        for (m, &share) in split.iter().enumerate() {
            let hundredths = share as usize * choices.len();
            let (lo, hi) = if alternating {
                within(hundredths, slack)
            } else {
                (hundredths / 100, hundredths.div_ceil(100))
            };
            sat.between(mode_lits(choices, m), lo, hi);
        }
        let total = totals.entry(*pool).or_insert((*split, Vec::new()));
        total.1.extend(choices);
    }
    if !alternating {
        for (split, choices) in totals.values() {
            for (m, &share) in split.iter().enumerate() {
                let (lo, hi) = within_one(share as usize * choices.len());
                sat.between(mode_lits(choices, m), lo, hi);
            }
        }
    }
}

/// The counts c with |c - hundredths / 100| <= 1.
fn within_one(hundredths: usize) -> (usize, usize) {
    within(hundredths, 1)
}

/// The counts c with |c - hundredths / 100| <= slack.
fn within(hundredths: usize, slack: usize) -> (usize, usize) {
    (
        hundredths.saturating_sub(100 * slack).div_ceil(100),
        (hundredths + 100 * slack) / 100,
    )
}

fn mode_lits(choices: &[&Choice], m: usize) -> Vec<Lit> {
    choices.iter().map(|c| c[m]).collect()
}

/// Guarantee 4: in a pool, people with as many rotating days differ by at most one in each
/// mode's count.
fn fairness(staff: &Staff, people: &[Vec<Day>], spread: usize, sat: &mut Sat) {
    let mut person_pool: BTreeMap<(Pool, usize), Vec<&Choice>> = BTreeMap::new();
    for r in rotating(staff, people) {
        person_pool
            .entry((r.pool, r.person))
            .or_default()
            .push(r.choice);
    }
    let mut groups: BTreeMap<(Pool, usize), Vec<&[&Choice]>> = BTreeMap::new();
    for ((pool, _), choices) in &person_pool {
        groups
            .entry((*pool, choices.len()))
            .or_default()
            .push(choices);
    }
    for ((_, days), group) in groups {
        for m in 0..3 {
            let at_least: Vec<Vec<Lit>> = group
                .iter()
                .map(|choices| {
                    let mut counter = Totalizer::from(mode_lits(choices, m));
                    (0..=days).map(|k| sat.at_least(&mut counter, k)).collect()
                })
                .collect();
            // count(a) >= k forces count(b) >= k - spread, both ways round.
            for a in &at_least {
                for b in &at_least {
                    for k in spread + 1..=days {
                        sat.clause([!a[k], b[k - spread]]);
                    }
                }
            }
        }
    }
}

fn is_remote(mode: &str) -> bool {
    mode == "WFH" || mode == "WFA"
}

/// Guarantee 5's caps, per person, as the checker reads them: a week or a run is broken only
/// when it holds a rotating remote day.
fn caps(policy: &Policy, days: &[NaiveDate], people: &[Vec<Day>], held: Held, sat: &mut Sat) {
    let rotation = &policy.rotation;
    for list in people {
        if let Some(cap) = rotation.max_remote_per_week.filter(|_| held.weekly_cap) {
            // (fixed remote days, remote literals of rotating days)
            let mut weeks: BTreeMap<(i32, u32), (usize, Vec<Lit>)> = BTreeMap::new();
            for (date, day) in days.iter().zip(list) {
                let w = date.iso_week();
                let week = weeks.entry((w.year(), w.week())).or_default();
                match day {
                    Day::Fixed(mode, _) => week.0 += usize::from(is_remote(mode)),
                    // Out of the office is remote: a rotating day has no other modes.
                    Day::Rotating(_, _, choice) => week.1.push(!choice[0]),
                }
            }
            for (fixed, remote) in weeks.into_values() {
                // Fixed days alone at the cap leave no room for a rotating remote day.
                sat.between(remote, 0, (cap as usize).saturating_sub(fixed));
            }
        }
        if let Some(max) = rotation.max_consecutive_remote.filter(|_| held.run_cap) {
            // A run longer than `max` that holds a rotating day has a window of max + 1 days
            // that holds it too: in each such window a rotating day must be in the office.
            'window: for window in list.windows(max as usize + 1) {
                let mut office = Vec::new();
                let mut any_rotating = false;
                for day in window {
                    match day {
                        Day::Fixed(mode, _) if !is_remote(mode) => continue 'window,
                        Day::Fixed(..) => {}
                        Day::Rotating(_, _, choice) => {
                            any_rotating = true;
                            office.push(choice[0]);
                        }
                    }
                }
                if any_rotating {
                    sat.clause(office);
                }
            }
        }
    }
}

#[derive(Default)]
struct UnitDay {
    /// People not on leave.
    present: u32,
    fixed_office: usize,
    /// The office literals of the rotating days.
    office: Vec<Lit>,
}

/// Guarantee 5's `min_office` on every unit-day with a rotating person.
fn office_floor(policy: &Policy, staff: &Staff, people: &[Vec<Day>], sat: &mut Sat) {
    let Some(floor) = policy.rotation.min_office else {
        return;
    };
    let mut unit_days: BTreeMap<(&str, usize), UnitDay> = BTreeMap::new();
    for (p, list) in staff.people.iter().zip(people) {
        for (d, day) in list.iter().enumerate() {
            let unit_day = unit_days.entry((staff.unit(p), d)).or_default();
            match day {
                Day::Fixed(mode, _) => {
                    unit_day.present += u32::from(mode != "LEAVE");
                    unit_day.fixed_office += usize::from(mode == "WFO");
                }
                Day::Rotating(_, _, choice) => {
                    unit_day.present += 1;
                    unit_day.office.push(choice[0]);
                }
            }
        }
    }
    for unit_day in unit_days.into_values() {
        if !unit_day.office.is_empty() {
            let need =
                (floor.required(unit_day.present) as usize).saturating_sub(unit_day.fixed_office);
            let most = unit_day.office.len();
            sat.between(unit_day.office, need, most);
        }
    }
}

/// The solver, its variables, and a literal that is always true.
struct Sat {
    solver: BasicSolver,
    vars: BasicVarManager,
    truth: Lit,
}

impl Sat {
    fn new() -> Sat {
        let mut vars = BasicVarManager::default();
        let truth = vars.new_lit();
        let mut sat = Sat {
            solver: BasicSolver::default(),
            vars,
            truth,
        };
        sat.clause([truth]);
        sat
    }

    fn clause(&mut self, lits: impl IntoIterator<Item = Lit>) {
        self.solver
            .add_clause(lits.into_iter().collect())
            .expect("the solver takes the clause");
    }

    fn choice(&mut self) -> Choice {
        let choice = [(); 3].map(|()| self.vars.new_lit());
        self.clause(choice);
        for (i, &a) in choice.iter().enumerate() {
            for &b in &choice[i + 1..] {
                self.clause([!a, !b]);
            }
        }
        choice
    }

    /// A literal true exactly when at least `k` of the counter's inputs are.
    fn at_least(&mut self, counter: &mut Totalizer, k: usize) -> Lit {
        if k == 0 {
            return self.truth;
        }
        if k > counter.n_lits() {
            return !self.truth;
        }
        let encoded = "the totalizer encodes in memory";
        counter
            .encode_lb_change(k..=k, &mut self.solver, &mut self.vars)
            .expect(encoded);
        counter
            .encode_ub_change(k - 1..=k - 1, &mut self.solver, &mut self.vars)
            .expect(encoded);
        let lower = counter.enforce_lb(k).expect(encoded);
        // Both directions must land on one output literal for it to mean "count >= k".
        assert_eq!(lower.len(), 1, "a totalizer bound is one output literal");
        assert_eq!(counter.enforce_ub(k - 1).ok(), Some(vec![!lower[0]]));
        lower[0]
    }

    /// `lo <= (number of true lits) <= hi`.
    fn between(&mut self, lits: Vec<Lit>, lo: usize, hi: usize) {
        let mut counter = Totalizer::from(lits);
        let low = self.at_least(&mut counter, lo);
        let high = self.at_least(&mut counter, hi + 1);
        self.clause([low]);
        self.clause([!high]);
    }

    fn solve(&mut self) -> bool {
        match self.solver.solve().expect("the solver runs") {
            SolverResult::Sat => true,
            SolverResult::Unsat => false,
            SolverResult::Interrupted => unreachable!("no limit was set"),
        }
    }

    fn is_true(&self, lit: Lit) -> bool {
        self.solver.lit_val(lit).expect("a model after Sat") == TernaryVal::True
    }
}

/// The roster as the long CSV `roster check` reads, to show or replay a witness.
pub fn long_csv(staff: &Staff, roster: &Roster) -> String {
    let person = staff.index_by_nip();
    let mut rows: Vec<_> = roster.rows.iter().collect();
    rows.sort_by_key(|((date, nip), _)| {
        (*date, staff.unit(&staff.people[person[nip.as_str()]]), nip)
    });
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "date", "nip", "name", "unit", "team", "role", "mode", "group", "rule",
    ])
    .expect("write to memory");
    for ((date, nip), (mode, rule)) in rows {
        let p = &staff.people[person[nip.as_str()]];
        let date = date.to_string();
        out.write_record([
            date.as_str(),
            nip,
            staff.name(p),
            staff.unit(p),
            staff.team(p),
            staff.role(p),
            mode,
            "",
            rule,
        ])
        .expect("write to memory");
    }
    String::from_utf8(out.into_inner().expect("flush to memory")).expect("UTF-8 in, UTF-8 out")
}
