//! The planner: pure, day by day. Each call to [`Planner::next_day`] decides one working day
//! for every person (in the staff's canonical order), so writers can stream the roster out
//! and memory grows with staff, not with staff × days.
//!
//! How a day is decided:
//! 1. every person-day is resolved (leave, staff `mode`, rules, default split);
//! 2. each pool's rotating people get modes: under `balanced` the day's quota (floor or ceil of
//!    share × n, the extra going to the mode furthest behind over the period) is filled by the
//!    people furthest behind their own share; under an alternating pattern the pool's shift
//!    groups take the modes of a fixed cycle, turned by one step per day or week;
//! 3. the caps veto remote days (the day becomes WFO), then `min_office` brings people with
//!    the most remote days back to the office until the unit's floor holds.
//!
//! Ties are broken by a hash of the NIP, never by file order, so the roster is the same
//! whatever the order of the staff file's rows.

use crate::carry::Carry;
use crate::mode::Mode;
use crate::policy::{RotationPattern, Split};
use crate::pools::{PerMode, PoolId, PoolKey, Pools, Tallies, Tally};
use crate::resolve::{Decision, Resolver, Source};
use alternating::mode_cycle;
use chrono::Datelike;
use rustc_hash::FxHashMap;

mod alternating;
mod balanced;
pub mod causes;
mod even;
mod exact;
mod flow;
mod keep;
mod transfers;
mod weeks;
mod window;

pub use exact::{
    GroupOf, Groups, MAX_PERSON_DAYS, Outcome, Overrides, Prefer, Refusal, UnitPlan, Wish,
    WishKind, WishOf, Wishes, solve_unit,
};
pub use keep::{
    Kept, PinOf, Pins, keep_and_grant, published_weight, request_wishes, requested_units, wishes_of,
};

use crate::audit::Report;
use crate::staff::Id;

/// How many conflicts the exact search may spend on one whole unit before it mends the unit
/// window by window instead: counted, not timed, so the roster is the same on every machine.
/// Each unit has its own budget, so what one unit gets never depends on the others.
pub const EXACT_BUDGET: u64 = 50_000;
/// The work the requests of a run may take (see [`keep_and_grant`]).
pub const EXACT_BUDGET_PER_RUN: u64 = 100_000;

/// What the exact search did for the units the day-by-day plan left with an unmet guarantee.
#[derive(Debug, Default)]
pub struct Repairs {
    /// Units it planned anew, meeting every guarantee.
    pub planned: Overrides,
    /// Units it proved impossible: no roster meets every guarantee.
    pub impossible: Vec<Id>,
    /// Units it could neither settle nor prove impossible within its budget.
    pub undecided: Vec<Id>,
}

/// Exact rotations for the units where the day-by-day plan (taking `base` from elsewhere,
/// ties toward `wishes`) left a guarantee unmet (the `report` of auditing it). A unit small
/// enough is solved whole by [`solve_unit`], which also proves a unit impossible; a larger
/// one, or one the whole search could not decide, is mended window by window from its
/// day-by-day roster (see [`window`]). Units proven impossible or left undecided keep the
/// day-by-day plan.
pub fn repairs(
    resolver: &Resolver,
    carry: &Carry,
    report: &Report,
    base: &Overrides,
    wishes: Option<WishOf>,
) -> Repairs {
    let mut failing: Vec<Id> = report.violations.iter().filter_map(|v| v.unit_id).collect();
    failing.sort_unstable();
    failing.dedup();
    let mut repairs = Repairs::default();
    // Alternating patterns: first try moving whole shift groups, which keeps the pattern on
    // all but the fewest days; then people one by one.
    let grouped = resolver
        .policy
        .rotation
        .pattern
        .is_alternating()
        .then(|| Planner::new(resolver, carry));
    let group_of = |person: usize, key: PoolKey| grouped.as_ref()?.group_of(person, key);
    let mut by_windows = rustc_hash::FxHashSet::default();
    for unit in failing {
        let mut outcome = Outcome::GaveUp;
        let tries: &[Option<GroupOf>] = if grouped.is_some() {
            &[Some(&group_of), None]
        } else {
            &[None]
        };
        for &groups in tries {
            let (found, _) = solve_unit(resolver, carry, unit, EXACT_BUDGET, groups, None);
            // Moving whole groups is a choice, not a guarantee: only the search that moves
            // people one by one proves a unit impossible.
            outcome = match found {
                Outcome::Impossible if groups.is_some() => Outcome::GaveUp,
                found => found,
            };
            if matches!(outcome, Outcome::Planned(_)) {
                break;
            }
        }
        match outcome {
            Outcome::Planned(plan) => {
                repairs.planned.insert(unit, plan);
            }
            Outcome::Impossible => repairs.impossible.push(unit),
            Outcome::GaveUp => {
                by_windows.insert(unit);
            }
        }
    }
    if by_windows.is_empty() {
        return repairs;
    }
    let (_, recorded) = rehearse_recording(resolver, carry, base, wishes, &by_windows);
    let mut units: Vec<Id> = by_windows.into_iter().collect();
    units.sort_unstable();
    for unit in units {
        let Some(modes) = recorded.get(&unit) else {
            continue;
        };
        match window::mend(resolver, carry, unit, modes.clone()).0 {
            Outcome::Planned(plan) => {
                repairs.planned.insert(unit, plan);
            }
            _ => repairs.undecided.push(unit),
        }
    }
    repairs
}

/// Plans the window (taking `overrides` from elsewhere, ties toward `wishes`) and audits it,
/// writing nothing: what a run would find, before it writes.
pub fn rehearse(
    resolver: &Resolver,
    carry: &Carry,
    overrides: &Overrides,
    wishes: Option<WishOf>,
) -> Report {
    rehearse_recording(resolver, carry, overrides, wishes, &Default::default()).0
}

/// [`rehearse`], also recording the planned mode of each rotating person-day of `units`:
/// per unit, `modes[(person - first) * days + day]` as [`UnitPlan::new`] takes them.
pub(crate) fn rehearse_recording(
    resolver: &Resolver,
    carry: &Carry,
    overrides: &Overrides,
    wishes: Option<WishOf>,
    units: &rustc_hash::FxHashSet<Id>,
) -> (Report, FxHashMap<Id, Vec<Option<Mode>>>) {
    let staff = resolver.staff;
    let days = resolver.days.len();
    let mut audit = crate::audit::Audit::new(resolver, carry);
    let mut planner = Planner::new(resolver, carry).with_overrides(overrides);
    if let Some(wishes) = wishes {
        planner = planner.with_wishes(wishes);
    }
    let mut recorded: FxHashMap<Id, Vec<Option<Mode>>> = FxHashMap::default();
    let mut modes = Vec::with_capacity(staff.people.len());
    while let Some((day, cells)) = planner.next_day() {
        modes.clear();
        modes.extend(cells.iter().map(|c| Some(c.mode)));
        audit.observe_day(day, &modes);
        for &unit in units {
            let people = staff.unit_people(unit as usize);
            let (first, last) = (people.start, people.end);
            let plan = recorded
                .entry(unit)
                .or_insert_with(|| vec![None; (last - first) * days]);
            for person in first..last {
                if matches!(resolver.decide(person, day).1, Decision::Rotate(_)) {
                    plan[(person - first) * days + day] = Some(cells[person].mode);
                }
            }
        }
    }
    (audit.finish(), recorded)
}

pub use crate::view::{Cell, group_name};

/// FNV-1a: a stable, order-independent tie-break.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What a pool's people aim for over the window.
#[derive(Debug, Clone)]
enum Goal {
    /// Their share of each mode.
    Share,
    /// Whole counts that everyone with as many rotating days can have alike (fairness spread
    /// 0), per number of rotating days, and the pool totals they add up to.
    Even {
        /// Shared, so that a day can hold the goal while it changes the planner.
        counts: std::rc::Rc<[[u32; 3]]>,
        totals: PerMode<u64>,
        person_days: u64,
    },
}

impl Tally {
    /// How far (in hundredths of a day) the person is behind their goal for `mode` if they
    /// rotate today: their share, or the even count paced over their days in the window.
    fn deficit(&self, split: &Split, goal: &Goal, mode: usize) -> i64 {
        let days = i64::from(self.days + 1);
        let had = 100 * i64::from(self.counts[mode]);
        match goal {
            Goal::Even { counts, .. } if self.window_days > 0 => {
                let even = counts
                    .get(self.window_days as usize)
                    .map_or(0, |c| i64::from(c[mode]));
                100 * even * days / i64::from(self.window_days) - had
            }
            _ => i64::from(split.0[mode]) * days - had,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct PersonState {
    tallies: Tallies,
    remote_this_week: u32,
    fixed_remote_left_this_week: u32,
    /// The working days of this week (bit = day − the week's first day) the person rotates.
    rotating_this_week: u32,
    run: u32,
    /// The working day (index; negative before the period) of the last remote day;
    /// `i32::MIN` for never.
    last_remote: i32,
    hash: u64,
    /// Wishes (see [`Wish`]) met so far: among those who wish for a mode, the day's places
    /// go to whoever has had fewest.
    wishes_met: u32,
    /// The last working day of this week on which the person wishes to be away.
    away_wish: Option<usize>,
}

impl PersonState {
    fn tally(&mut self, pool: PoolId) -> &mut Tally {
        self.tallies.entry(pool)
    }
}

#[derive(Debug, Clone)]
struct PoolState {
    key: PoolKey,
    split: Split,
    total_n: u64,
    totals: PerMode<u64>,
    /// Alternating patterns: the cycle of modes the groups walk through, and where it is.
    cycle: Vec<usize>,
    offset: Option<usize>,
    /// The pure pattern: the offset it started from and the steps taken since.
    pure: Option<(usize, usize)>,
    /// Pool-days on which some member's mode was not the pure pattern's.
    swapped_days: u32,
    goal: Goal,
}

pub struct Planner<'r> {
    resolver: &'r Resolver<'r>,
    carry: &'r Carry,
    day: usize,
    week_of_day: Vec<u32>,
    /// The first working day of the week being planned.
    week_start: usize,
    people: Vec<PersonState>,
    pools: Pools<PoolState>,
    cells: Vec<Cell>,
    /// Units whose rotation an exact search chose (see [`solve_unit`]).
    overrides: Option<&'r Overrides>,
    /// What people wish for on their rotating days: a tie-break among equals.
    wishes: Option<WishOf<'r>>,
}

impl<'r> Planner<'r> {
    /// A planner for the resolver's period, continuing from `carry` (see [`Carry`]; an
    /// empty one starts from scratch).
    pub fn new(resolver: &'r Resolver<'r>, carry: &'r Carry) -> Planner<'r> {
        // Number the ISO weeks the working days fall in: 0, 1, 2, ...
        let mut week_of_day: Vec<u32> = Vec::with_capacity(resolver.days.len());
        for (i, d) in resolver.days.iter().enumerate() {
            let same_week = i > 0 && resolver.days[i - 1].iso_week() == d.iso_week();
            week_of_day.push(match week_of_day.last() {
                Some(&w) if same_week => w,
                Some(&w) => w + 1,
                None => 0,
            });
        }
        let people = resolver
            .staff
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let carried = carry.person(i);
                PersonState {
                    hash: stable_hash(resolver.staff.nip(p)),
                    run: carried.map_or(0, |c| c.run),
                    last_remote: carried
                        .and_then(|c| c.since_remote)
                        .map_or(i32::MIN, |back| -(back.min(i32::MAX as u32) as i32)),
                    ..PersonState::default()
                }
            })
            .collect();
        let mut planner = Planner {
            resolver,
            carry,
            day: 0,
            week_of_day,
            week_start: 0,
            people,
            pools: Pools::default(),
            cells: vec![
                Cell {
                    mode: Mode::Wfo,
                    source: Source::Default,
                    group: None,
                };
                resolver.staff.people.len()
            ],
            overrides: None,
            wishes: None,
        };
        for (person, carried) in carry.people.iter().enumerate() {
            for t in &carried.tallies {
                let pool = planner.pool_id(t.pool);
                let tally = planner.people[person].tally(pool);
                tally.days = t.days;
                tally.counts = t.counts;
            }
        }
        if resolver.policy.rotation.pattern.is_alternating() {
            planner.form_groups();
        } else if carry.people.is_empty() {
            planner.set_even_goals();
        }
        planner
    }

    fn pool_id(&mut self, key: PoolKey) -> PoolId {
        if let Some(id) = self.pools.id(&key) {
            return id;
        }
        let split = self.resolver.split(key.source);
        let cycle = mode_cycle(&split);
        let (total_n, totals) = self.carry.pool_totals(&key);
        // The phase the previous roster ended on: the turn of the cycle that gives each
        // group the mode it had on the last day.
        let offset = self.carry.last_groups.get(&key).and_then(|seen| {
            (0..cycle.len()).find(|&o| {
                seen.iter()
                    .all(|&(g, m)| cycle.get((g as usize + o) % cycle.len()) == Some(&m))
            })
        });
        self.pools.intern(key, || PoolState {
            key,
            split,
            total_n,
            totals,
            cycle,
            offset,
            pure: None,
            swapped_days: 0,
            goal: Goal::Share,
        })
    }
    /// A person's shift group in a pool, under an alternating pattern.
    pub fn group_of(&self, person: usize, key: PoolKey) -> Option<u8> {
        let pool = self.pools.id(&key)?;
        let state = self.people.get(person)?;
        state
            .tallies
            .iter()
            .find(|t| t.pool == pool)
            .map(|t| t.group)
    }

    /// Alternating patterns: notes a pool-day on which someone left the pure pattern (a cap
    /// veto, the office floor, a turn chosen to keep the quota).
    fn count_swap(&mut self, pool: u32, members: &[usize]) {
        let state = &self.pools[pool];
        let Some((start, steps)) = state.pure else {
            return;
        };
        if self
            .overrides
            .is_some_and(|o| o.contains_key(&state.key.unit))
        {
            return;
        }
        let groups = state.cycle.len();
        let offset = (start + steps) % groups;
        let swapped = members.iter().any(|&p| {
            let group = self.people[p]
                .tallies
                .iter()
                .find(|t| t.pool == pool)
                .map_or(0, |t| t.group as usize);
            self.cells[p].mode != Mode::SPLIT[state.cycle[(group + offset) % groups]]
        });
        self.pools[pool].swapped_days += u32::from(swapped);
    }

    /// Pool-days on which an alternating pattern's groups or people left the pure pattern
    /// to meet the guarantees, so far.
    pub fn pattern_swaps(&self) -> u64 {
        let planned: u64 = self.pools.iter().map(|p| u64::from(p.swapped_days)).sum();
        let repaired: u64 = self.overrides.map_or(0, |o| {
            o.values().map(|plan| u64::from(plan.swapped_days)).sum()
        });
        planned + repaired
    }

    /// Takes the rotation of these units from an exact search instead of planning it.
    pub fn with_overrides(mut self, overrides: &'r Overrides) -> Planner<'r> {
        self.overrides = Some(overrides).filter(|o| !o.is_empty());
        self
    }

    /// Gives the day's places, among people equal for the guarantees, to those who wish for
    /// the mode (fewest wishes met so far first).
    pub fn with_wishes(mut self, wishes: WishOf<'r>) -> Planner<'r> {
        self.wishes = Some(wishes);
        self
    }

    /// The next working day: its index and one cell per person (canonical order).
    pub fn next_day(&mut self) -> Option<(usize, &[Cell])> {
        let day = self.day;
        if day >= self.resolver.days.len() {
            return None;
        }
        self.plan_day(day);
        self.day += 1;
        Some((day, &self.cells))
    }

    fn plan_day(&mut self, day: usize) {
        let r = self.resolver;
        let rotation = &r.policy.rotation;
        let new_week = day == 0 || self.week_of_day[day] != self.week_of_day[day - 1];
        if new_week {
            self.start_week(day);
        }
        // 1. Resolve, and gather each pool's rotating people.
        let mut rotating: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut pool_slot: FxHashMap<u32, usize> = FxHashMap::default();
        for person in 0..self.cells.len() {
            let (source, decision) = r.decide(person, day);
            match decision {
                Decision::Fixed(mode) => {
                    self.cells[person] = Cell {
                        mode,
                        source,
                        group: None,
                    };
                    if mode.is_remote() {
                        let state = &mut self.people[person];
                        state.fixed_remote_left_this_week =
                            state.fixed_remote_left_this_week.saturating_sub(1);
                        state.remote_this_week += 1;
                    }
                }
                Decision::Rotate(split_source) => {
                    let unit = r.staff.people[person].unit;
                    let pool = self.pool_id(PoolKey {
                        unit,
                        source: split_source,
                    });
                    self.cells[person].source = source;
                    let slot = *pool_slot.entry(pool).or_insert_with(|| {
                        rotating.push((pool, Vec::new()));
                        rotating.len() - 1
                    });
                    rotating[slot].1.push(person);
                }
            }
        }
        // 2. Modes within each pool.
        for (pool, members) in &rotating {
            let unit = self.pools[*pool].key.unit;
            if let Some(plan) = self.overrides.and_then(|o| o.get(&unit)) {
                for &p in members {
                    let group = rotation
                        .pattern
                        .is_alternating()
                        .then(|| self.people[p].tally(*pool).group);
                    self.cells[p].mode = plan.mode(p, day).unwrap_or(Mode::Wfo);
                    self.cells[p].group = group;
                }
                continue;
            }
            let eligible: Vec<bool> = members
                .iter()
                .map(|&p| self.may_be_remote(p, day))
                .collect();
            match rotation.pattern {
                RotationPattern::Balanced => self.fill_balanced(*pool, members, &eligible, day),
                pattern => {
                    let step = pattern == RotationPattern::AlternateDays || new_week;
                    self.fill_alternating(*pool, members, &eligible, step);
                }
            }
        }
        // 3. The office floor per unit.
        if let Some(min_office) = rotation.min_office {
            self.hold_office_floor(min_office, &rotating);
        }
        // Book the day.
        for (pool, members) in &rotating {
            self.count_swap(*pool, members);
            let state = &mut self.pools[*pool];
            state.total_n += members.len() as u64;
            for &p in members {
                let mode = self.cells[p].mode;
                if let Some(m) = mode.split_index() {
                    state.totals[m] += 1;
                    let tally = self.people[p].tally(*pool);
                    tally.days += 1;
                    tally.counts[m] += 1;
                }
                // Fixed remote days were counted when resolved.
                self.people[p].remote_this_week += u32::from(mode.is_remote());
            }
        }
        if let Some(wishes) = self.wishes {
            for (_, members) in &rotating {
                for &p in members {
                    let mode = self.cells[p].mode;
                    let met = (wishes.wishes(p, day).iter())
                        .filter(|w| mode.split_index().is_some_and(|m| w.admits[m]))
                        .count();
                    self.people[p].wishes_met += met as u32;
                }
            }
        }
        for (person, cell) in self.cells.iter().enumerate() {
            let state = &mut self.people[person];
            if cell.mode.is_remote() {
                state.run += 1;
                state.last_remote = day as i32;
            } else {
                state.run = 0;
            }
        }
    }

    /// Resets the weekly counters and counts each person's fixed remote days ahead this week.
    fn start_week(&mut self, day: usize) {
        let r = self.resolver;
        let week = self.week_of_day[day];
        let end = (day..r.days.len())
            .find(|&d| self.week_of_day[d] != week)
            .unwrap_or(r.days.len());
        let capped = r.policy.rotation.max_remote_per_week.is_some();
        let wishes = self.wishes;
        for (person, state) in self.people.iter_mut().enumerate() {
            state.away_wish = wishes.and_then(|w| {
                (day..end).rev().find(|&d| {
                    w.wishes(person, d)
                        .iter()
                        .any(|w| !w.admits[0] && (w.admits[1] || w.admits[2]))
                })
            });
            // The first week may have begun in the previous roster.
            state.remote_this_week = match (day, self.carry.person(person)) {
                (0, Some(c)) => c.week_remote,
                _ => 0,
            };
            state.fixed_remote_left_this_week = 0;
            state.rotating_this_week = 0;
            if capped {
                for d in day..end {
                    match r.decide(person, d).1 {
                        Decision::Fixed(m) => {
                            state.fixed_remote_left_this_week += u32::from(m.is_remote());
                        }
                        Decision::Rotate(_) => state.rotating_this_week |= 1 << (d - day).min(31),
                    }
                }
            }
        }
        self.week_start = day;
    }

    /// Under `max_remote_per_week`: whether a remote day today is one the person could not
    /// use later this week anyway, so that it takes nothing from the days still to come.
    fn remote_is_spare(&self, person: usize, day: usize) -> bool {
        let Some(cap) = self.resolver.policy.rotation.max_remote_per_week else {
            return false;
        };
        let state = &self.people[person];
        let offset = (day - self.week_start + 1).min(31);
        let later = (state.rotating_this_week >> offset).count_ones();
        let left = cap.saturating_sub(state.remote_this_week + state.fixed_remote_left_this_week);
        left > later
    }

    /// Whether the caps let the planner make this rotating day remote.
    fn may_be_remote(&self, person: usize, day: usize) -> bool {
        let r = self.resolver;
        let rotation = &r.policy.rotation;
        let state = &self.people[person];
        if let Some(cap) = rotation.max_remote_per_week
            && state.remote_this_week + state.fixed_remote_left_this_week + 1 > cap
        {
            return false;
        }
        if let Some(max) = rotation.max_consecutive_remote {
            let ahead = (day + 1..r.days.len())
                .take_while(
                    |&d| matches!(r.decide(person, d).1, Decision::Fixed(m) if m.is_remote()),
                )
                .count() as u32;
            if state.run + 1 + ahead > max {
                return false;
            }
        }
        true
    }

    /// Brings rotating people back to the office, most remote days first, until each unit
    /// with rotating people has `min_office` in the office.
    fn hold_office_floor(
        &mut self,
        min_office: crate::policy::MinOffice,
        rotating: &[(u32, Vec<usize>)],
    ) {
        let r = self.resolver;
        let mut by_unit: FxHashMap<u32, Vec<(u32, usize)>> = FxHashMap::default();
        for (pool, members) in rotating {
            let unit = self.pools[*pool].key.unit;
            by_unit
                .entry(unit)
                .or_default()
                .extend(members.iter().map(|&p| (*pool, p)));
        }
        let mut units: Vec<_> = by_unit.into_iter().collect();
        units.sort_unstable_by_key(|(u, _)| *u);
        for (unit, mut members) in units {
            if self.overrides.is_some_and(|o| o.contains_key(&unit)) {
                continue;
            }
            let people = r
                .staff
                .people
                .iter()
                .enumerate()
                .skip(r.staff.people.partition_point(|p| p.unit < unit))
                .take_while(|(_, p)| p.unit == unit);
            let (mut present, mut office) = (0u32, 0u32);
            for (i, _) in people {
                present += u32::from(self.cells[i].mode != Mode::Leave);
                office += u32::from(self.cells[i].mode == Mode::Wfo);
            }
            let required = min_office.required(present);
            if office >= required {
                continue;
            }
            members.retain(|&(_, p)| self.cells[p].mode.is_remote());
            let mut ranked: Vec<(u32, u64, usize)> = members
                .iter()
                .map(|&(pool, p)| {
                    let t = *self.people[p].tally(pool);
                    (t.counts.remote(), self.people[p].hash, p)
                })
                .collect();
            ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            for &(_, _, p) in ranked.iter().take((required - office) as usize) {
                self.cells[p].mode = Mode::Wfo;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_interleave_modes() {
        assert_eq!(mode_cycle(&Split([50, 50, 0])), vec![0, 1]);
        assert_eq!(mode_cycle(&Split([60, 40, 0])), vec![0, 1, 0, 1, 0]);
        assert_eq!(mode_cycle(&Split([0, 100, 0])), vec![1]);
        assert_eq!(mode_cycle(&Split([50, 25, 25])).len(), 4);
    }

    #[test]
    fn group_names() {
        assert_eq!(group_name(0), "A");
        assert_eq!(group_name(25), "Z");
        assert_eq!(group_name(26), "AA");
        assert_eq!(group_name(27), "AB");
    }
}
