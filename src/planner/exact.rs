//! Exact planning of one unit. The day-by-day planner is fast but cannot see every
//! consequence of today's choice (a weekly budget Friday needs, a run that ends on a day with
//! little room); when it leaves a guarantee unmet in a unit, the unit's whole window is posed
//! as a satisfiability problem over its rotating person-days, with every guarantee as a
//! constraint. A solution replaces the unit's rotation; a proof that none exists makes the
//! exit-3 claim true; a search that runs out of its budget leaves the planner's roster.
//!
//! Units are independent: caps belong to a person, a person belongs to one unit, and quotas,
//! fairness and `min_office` are per pool or per unit. So each unit is solved alone, and
//! memory grows with the unit's person-days, never the whole roster's.

use crate::carry::Carry;
use crate::guarantee::{Guarantee, Guarantees};
use crate::mode::Mode;
use crate::policy::{RotationPattern, Teams};
use crate::pools::{PerMode, PoolKey};
use crate::resolve::{Decision, Resolver};
use crate::staff::Id;
use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHashSet};
use rustsat::encodings::card::{BoundBoth, BoundLower, Totalizer};
use rustsat::instances::{BasicVarManager, ManageVars};
use rustsat::solvers::{Solve, SolverResult};
use rustsat::types::{Clause, Lit, TernaryVal};

/// The modes an exact search chose for one unit's rotating person-days.
#[derive(Debug, Clone)]
pub struct UnitPlan {
    first: usize,
    days: usize,
    modes: Vec<Option<Mode>>,
    /// Alternating patterns: pool-days on which the groups left the pure pattern.
    pub swapped_days: u32,
    /// The soft requests the search could not grant, each with what blocks it.
    pub refusals: Vec<Refusal>,
}

/// A day of a soft request the exact search did not grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub person: usize,
    pub day: usize,
    /// The guarantees that together leave no roster granting it with the requests granted
    /// (none of them can be left out); `None` when the search's budget ran out first.
    pub blocked_by: Option<Guarantees>,
}

impl UnitPlan {
    /// A unit's modes chosen elsewhere: `modes[(person - first) * days + day]` for each
    /// rotating person-day of the people from `first` on, `None` for fixed days.
    pub fn new(first: usize, days: usize, modes: Vec<Option<Mode>>) -> UnitPlan {
        UnitPlan {
            first,
            days,
            modes,
            swapped_days: 0,
            refusals: Vec::new(),
        }
    }

    /// The chosen mode of a rotating person-day of the unit.
    pub fn mode(&self, person: usize, day: usize) -> Option<Mode> {
        let i = person.checked_sub(self.first)?;
        *self.modes.get(i * self.days + day)?
    }
}

/// Units whose rotation comes from an exact search instead of the day-by-day planner.
pub type Overrides = FxHashMap<Id, UnitPlan>;

/// What the exact search found for a unit.
#[derive(Debug)]
pub enum Outcome {
    /// A rotation meeting every guarantee.
    Planned(UnitPlan),
    /// No rotation meets every guarantee: the inputs make one impossible.
    Impossible,
    /// The search ran out of its budget before deciding.
    GaveUp,
}

/// The most rotating person-days of a unit the exact search takes on (about 170 people over
/// a month): the daily counts' encodings grow with people × count, so beyond that a model
/// runs into millions of clauses and seconds per unit.
pub const MAX_PERSON_DAYS: usize = 4_000;

/// The most rotating person-days a window of a unit (see [`super::window`]) frees: the
/// rest of the unit is known, so its counts' encodings stay small.
pub(crate) const MAX_WINDOW_DAYS: usize = 10_000;

/// Work (conflicts times the model's clauses) the search may spend on fewer days off an
/// alternating pattern once it has a roster: about half a second here, whatever the size
/// of the model, and counted, not timed.
const MINIMISE_WORK: u64 = 100_000_000;

/// A Boolean that is either known while building the model or a solver literal.
#[derive(Debug, Clone, Copy)]
enum Bit {
    Known(bool),
    Var(Lit),
}

impl std::ops::Not for Bit {
    type Output = Bit;
    fn not(self) -> Bit {
        match self {
            Bit::Known(b) => Bit::Known(!b),
            Bit::Var(l) => Bit::Var(!l),
        }
    }
}

/// Stops the search after a number of conflicts, so that the budget is the same on every
/// machine and the roster stays deterministic.
#[derive(Default)]
struct Budget {
    conflicts: u64,
    limit: u64,
}

impl batsat::Callbacks for Budget {
    fn on_new_clause(&mut self, _clause: &[batsat::Lit], kind: batsat::clause::Kind) {
        if matches!(kind, batsat::clause::Kind::Learnt) {
            self.conflicts += 1;
        }
    }

    fn stop(&self) -> bool {
        self.conflicts >= self.limit
    }
}

struct Model {
    vars: BasicVarManager,
    solver: rustsat_batsat::Solver<Budget>,
    /// A constraint that can never hold was added.
    contradiction: bool,
    /// The guarantee constraint being added, while a window is checked or solved.
    current: Option<Key>,
    /// Window models: constraints whose every Bit is known are left out (the window cannot
    /// change them), and so are those in `relaxed`.
    window: bool,
    relaxed: FxHashSet<Key>,
    /// Checking a roster: the constraints found broken, with the people they name.
    broken: Vec<(Key, Vec<usize>)>,
    /// Checking a roster: the fewest and most days of a mode of each broken fairness.
    spreads: Vec<(Key, usize, usize, usize)>,
    /// Looking for an unsatisfiable core: each guarantee constraint holds only under its
    /// own assumption literal.
    activation: Option<FxHashMap<Key, Lit>>,
    /// Blaming refused requests: a literal per guarantee (in [`Guarantee::ALL`]'s order)
    /// that every clause of the guarantee is conditional on. Every search assumes them all;
    /// leaving some out asks whether the others alone allow a roster.
    selectors: Option<[Lit; 5]>,
}

/// What an impossible unit's proof rests on, for [`crate::planner::causes`]: a counting
/// argument, or else (when asked for) a core of guarantee constraints that cannot hold
/// together.
#[derive(Debug, Default)]
pub(crate) struct Why {
    /// Look for a core when no counting argument proves the unit impossible.
    pub want_core: bool,
    pub proof: Option<Proof>,
    /// The constraints of a core, as small as the search made it within its budget.
    pub core: Option<Vec<Key>>,
}

/// What a counting proof of impossibility counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Proof {
    /// The remote person-days the quotas ask for (`needed`) against what
    /// `max_remote_per_week` leaves the people (`capacity`), in the working days
    /// `days` (one ISO week; the whole period when the totals fail and no week does);
    /// `unfixed` is the capacity were no day fixed remote; `failing` of `weeks` fail.
    WeeklyCap {
        days: (usize, usize),
        needed: u64,
        capacity: u64,
        unfixed: u64,
        person_days: u64,
        failing: usize,
        weeks: usize,
    },
    /// Remote person-days asked for in the working days `days` (as many as
    /// `max_consecutive_remote` + 1) against what people can give without a longer run.
    Runs {
        days: (usize, usize),
        needed: u64,
        capacity: u64,
    },
    /// Office person-days `min_office` forces over the period against what the pools'
    /// totals allow.
    OfficeTotals { needed: i64, allowed: i64 },
}

/// A guarantee constraint a check found broken.
#[derive(Debug, Clone)]
pub(crate) struct Broken {
    pub key: Key,
    /// The people it names (unit-relative): the two ends of a fairness spread, those with
    /// fewest days first.
    pub people: Vec<usize>,
    /// A fairness spread: the fewest and the most days of the mode, and how many people
    /// have the fewest.
    pub spread: Option<(usize, usize, usize)>,
    /// A fairness spread: the first and last day of its pool in the period (a dated rule's
    /// pool may span a few weeks).
    pub span: Option<(usize, usize)>,
}

/// One guarantee constraint of a unit's model, by what it constrains: how a window repair
/// finds what is broken and where (days, people), and leaves out what it will not mend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    /// A pool-day's count of a mode (guarantee 3).
    Quota {
        day: usize,
        pool: usize,
        mode: usize,
    },
    /// The office floor of a day (guarantee 5).
    Office { day: usize },
    /// A person's remote days in the ISO week starting on working day `start`.
    Week { start: usize, person: usize },
    /// A person's run of remote days over `len` working days from `start`.
    Run {
        start: usize,
        len: usize,
        person: usize,
    },
    /// A pool's total of a mode over the period (guarantee 3, balanced).
    Total { pool: usize, mode: usize },
    /// Fairness among a pool's people with `days` rotating days (guarantee 4).
    Fair { pool: usize, days: u32, mode: usize },
}

impl Key {
    /// The guarantee the constraint belongs to.
    pub(crate) fn guarantee(&self) -> Guarantee {
        match self {
            Key::Quota { .. } | Key::Total { .. } => Guarantee::Quota,
            Key::Office { .. } => Guarantee::OfficeFloor,
            Key::Week { .. } => Guarantee::WeeklyCap,
            Key::Run { .. } => Guarantee::RunCap,
            Key::Fair { .. } => Guarantee::Fairness,
        }
    }

    /// The working days the constraint is about; `None` for the whole period.
    pub(crate) fn days(&self) -> Option<(usize, usize)> {
        match *self {
            Key::Quota { day, .. } | Key::Office { day } => Some((day, day)),
            Key::Week { start, .. } => Some((start, start)),
            Key::Run { start, len, .. } => Some((start, start + len.max(1) - 1)),
            Key::Total { .. } | Key::Fair { .. } => None,
        }
    }
}

/// A count of Bits with the literals that say "at least j".
struct Count {
    known: usize,
    len: usize,
    totalizer: Option<Totalizer>,
}

impl Model {
    fn new(limit: u64) -> Model {
        let mut solver = rustsat_batsat::Solver::<Budget>::default();
        solver.batsat_mut().cb_mut().limit = limit;
        Model {
            vars: BasicVarManager::default(),
            solver,
            contradiction: false,
            current: None,
            window: false,
            relaxed: FxHashSet::default(),
            broken: Vec::new(),
            spreads: Vec::new(),
            activation: None,
            selectors: None,
        }
    }

    /// Makes every guarantee constraint added from now on conditional on its guarantee's
    /// selector (see [`Model::selectors`]).
    fn with_selectors(&mut self) {
        self.selectors = Some([(); 5].map(|()| self.var()));
    }

    /// The selector of the guarantee whose constraint is being added, if any.
    fn selector(&self) -> Option<Lit> {
        Some(self.selectors?[self.current?.guarantee() as usize])
    }

    /// Searches for a roster meeting every guarantee and `assumed`, within the budget set.
    fn solve(&mut self, assumed: &[Lit]) -> anyhow::Result<SolverResult> {
        self.solve_under(Guarantee::ALL.into_iter().collect(), assumed)
    }

    /// Searches for a roster meeting `assumed` and the guarantees of `held` (all of them
    /// when the model has no selectors).
    fn solve_under(&mut self, held: Guarantees, assumed: &[Lit]) -> anyhow::Result<SolverResult> {
        use rustsat::solvers::SolveIncremental;
        match self.selectors {
            None => self.solver.solve_assumps(assumed),
            Some(selectors) => {
                let mut all: Vec<Lit> = held.iter().map(|g| selectors[g as usize]).collect();
                all.extend_from_slice(assumed);
                self.solver.solve_assumps(&all)
            }
        }
    }

    /// Looking for a core: the assumption literal of the constraint being added.
    fn activation(&mut self) -> Option<Lit> {
        let key = self.current?;
        if let Some(&lit) = self.activation.as_ref()?.get(&key) {
            return Some(lit);
        }
        let lit = self.var();
        self.activation.as_mut()?.insert(key, lit);
        Some(lit)
    }

    /// Starts the constraint `key`: whether to add it (a window leaves relaxed ones out).
    fn begin(&mut self, key: Key) -> bool {
        self.current = Some(key);
        !self.relaxed.contains(&key)
    }

    /// A constraint that cannot hold: the model has no solution, and a check notes which.
    /// With selectors, only its guarantee cannot hold.
    fn fail(&mut self) {
        // With selectors, only its guarantee cannot hold; looking for a core, only this
        // constraint.
        let conditions: Vec<Lit> = self
            .selector()
            .into_iter()
            .chain(self.activation())
            .collect();
        if !conditions.is_empty() {
            let _ = self
                .solver
                .add_clause(conditions.iter().map(|&l| !l).collect::<Clause>());
            return;
        }
        self.contradiction = true;
        if let Some(key) = self.current
            && self.broken.last().is_none_or(|(k, _)| *k != key)
        {
            self.broken.push((key, Vec::new()));
        }
    }

    fn var(&mut self) -> Lit {
        self.vars.new_var().pos_lit()
    }

    /// A variable the search first tries with the value `phase` (and keeps trying so).
    fn var_leaning(&mut self, phase: bool) -> Lit {
        use batsat::interface::SolverInterface;
        let lit = self.var();
        let solver = self.solver.batsat_mut();
        // The solver numbers its variables as the model does; make the ones before it.
        while solver.num_vars() < lit.vidx32() {
            solver.new_var_default();
        }
        if solver.num_vars() == lit.vidx32() {
            solver.new_var(batsat::lbool::new(phase), true);
        }
        lit
    }

    /// Literals for one mode among those allowed, exactly one of them true; with a `hint`,
    /// the search tries that mode first.
    fn choice(&mut self, allowed: [bool; 3], hint: Option<usize>) -> [Option<Lit>; 3] {
        let modes = [0, 1, 2].map(|m| {
            allowed[m].then(|| match hint {
                Some(h) => self.var_leaning(h == m),
                None => self.var(),
            })
        });
        let bits: Vec<Bit> = modes.iter().flatten().map(|&l| Bit::Var(l)).collect();
        self.any(&bits);
        for a in 0..bits.len() {
            for b in a + 1..bits.len() {
                self.any(&[!bits[a], !bits[b]]);
            }
        }
        modes
    }

    /// At least one of `bits` holds.
    fn any(&mut self, bits: &[Bit]) {
        let mut clause = Clause::new();
        if let Some(selector) = self.selector() {
            clause.add(!selector);
        }
        for &bit in bits {
            match bit {
                Bit::Known(true) => return,
                Bit::Known(false) => {}
                Bit::Var(l) => clause.add(l),
            }
        }
        if let Some(act) = self.activation() {
            clause.add(!act);
        }
        if clause.is_empty() && self.window {
            return;
        }
        if clause.is_empty() || self.solver.add_clause(clause).is_err() {
            self.fail();
        }
    }

    /// A count of `bits` whose "at least j" literals hold exactly when at least j do, for
    /// every j in `range` (outside it the count is left free to the solver's choice).
    fn count(&mut self, bits: &[Bit], range: std::ops::RangeInclusive<usize>) -> Count {
        let known = bits
            .iter()
            .filter(|b| matches!(b, Bit::Known(true)))
            .count();
        let lits: Vec<Lit> = bits
            .iter()
            .filter_map(|b| match b {
                Bit::Var(l) => Some(*l),
                Bit::Known(_) => None,
            })
            .collect();
        let len = lits.len();
        let totalizer = (!lits.is_empty()).then(|| {
            let mut t = Totalizer::from_iter(lits);
            let lo = range.start().saturating_sub(known).max(1);
            let hi = (range.end().saturating_sub(known) + 1).min(len);
            if lo <= hi
                && t.encode_both(lo - 1..=hi, &mut self.solver, &mut self.vars)
                    .is_err()
            {
                self.fail();
            }
            t
        });
        Count {
            known,
            len,
            totalizer,
        }
    }

    /// The Bit "the count is at least j" (j within the count's encoded range).
    fn at_least(&mut self, count: &Count, j: usize) -> Bit {
        if j <= count.known {
            return Bit::Known(true);
        }
        if j > count.known + count.len {
            return Bit::Known(false);
        }
        let Some(totalizer) = &count.totalizer else {
            return Bit::Known(false);
        };
        match totalizer.enforce_lb(j - count.known) {
            Ok(lits) if lits.len() == 1 => Bit::Var(lits[0]),
            _ => {
                self.fail();
                Bit::Known(false)
            }
        }
    }

    /// `lo <= count of bits <= hi`; the count, for more constraints on the same bits.
    fn between(&mut self, bits: &[Bit], lo: i64, hi: i64) -> Option<Count> {
        if self.window && bits.iter().all(|b| matches!(b, Bit::Known(_))) {
            return None;
        }
        if hi < lo {
            self.fail();
            return None;
        }
        let lo = lo.max(0) as usize;
        let hi = hi.max(0) as usize;
        let count = self.count(bits, lo..=hi.min(bits.len()));
        if lo > count.known + count.len || hi < count.known {
            self.fail();
            return None;
        }
        if lo > 0 {
            let bit = self.at_least(&count, lo);
            self.any(&[bit]);
        }
        if hi < count.known + count.len {
            let over = self.at_least(&count, hi + 1);
            self.any(&[!over]);
        }
        Some(count)
    }

    fn value(&self, lit: Lit) -> bool {
        matches!(self.solver.lit_val(lit), Ok(TernaryVal::True))
    }
}

/// One rotating person-day in the model: its mode literals (None where the split gives
/// the mode no share).
struct Slot {
    pool: usize,
    modes: [Option<Lit>; 3],
    /// A window's surroundings: the mode (index in [`Mode::SPLIT`]) the day keeps.
    known: Option<usize>,
}

impl Slot {
    fn is(&self, m: usize) -> Bit {
        match self.known {
            Some(k) => Bit::Known(k == m),
            None => self.modes[m].map_or(Bit::Known(false), Bit::Var),
        }
    }

    /// Whether the day can be remote at all.
    fn may_be_remote(&self) -> bool {
        match self.known {
            Some(k) => k != 0,
            None => self.modes[1].is_some() || self.modes[2].is_some(),
        }
    }

    /// The Bit "this day's mode does not meet `wish`"; `None` when the day can only meet it,
    /// or never can (then no choice of the search changes it).
    fn unmet(&self, wish: &Wish) -> Option<Bit> {
        if let Some(k) = self.known {
            return Some(Bit::Known(!wish.admits[k]));
        }
        let admitted: Vec<Lit> = (0..3)
            .filter(|&m| wish.admits[m])
            .filter_map(|m| self.modes[m])
            .collect();
        let others: Vec<Lit> = (0..3)
            .filter(|&m| !wish.admits[m])
            .filter_map(|m| self.modes[m])
            .collect();
        // Exactly one mode holds: unmet when the one admitted mode does not, or when the
        // one other mode does.
        match (admitted.as_slice(), others.as_slice()) {
            ([], _) | (_, []) => None,
            ([one], _) => Some(Bit::Var(!*one)),
            (_, [other]) => Some(Bit::Var(*other)),
            _ => None,
        }
    }
}

/// One day of a staff request in the model.
struct Requested {
    day: usize,
    /// The person's place in the unit.
    person: usize,
    hash: u64,
    /// Holds when the request is met.
    met: Lit,
    /// The modes that meet it.
    admits: [bool; 3],
}

/// Work (conflicts times the model's clauses) the search may spend on one request, and on
/// all requests of a unit: a large unit's conflicts cost more, so it gets fewer. Counted,
/// not timed, so the roster is the same on every machine.
const WORK_PER_REQUEST: u64 = 25_000_000;
const WORK_FOR_REQUESTS: u64 = 1_000_000_000;

/// Grants the most requests that can be granted together, and among such sets prefers, day
/// by day, those of people with fewest requests granted so far (then a hash of the NIP,
/// never the file's order): first the count is raised as far as the search can
/// ([`most_requests`]), then requests are granted one at a time in that order, each when a
/// roster meeting every guarantee, the count and every request granted before it exists (the
/// last one found is left in the solver). The literals held are returned, to hold while the
/// other wishes are weighed.
fn grant_requests(model: &mut Model, requested: &mut [Requested], people: usize) -> Vec<Lit> {
    let mut granted: Vec<Lit> = Vec::new();
    if requested.is_empty() {
        return granted;
    }
    let mut had = vec![0u32; people];
    // Which requests the last roster found meets.
    let mut met: Vec<bool> = requested.iter().map(|q| model.value(q.met)).collect();
    let start = model.solver.batsat_ref().cb().conflicts;
    let clauses = rustsat::solvers::SolveStats::n_clauses(&model.solver).max(1) as u64;
    let per_request = (WORK_PER_REQUEST / clauses).clamp(10, 500);
    let for_requests = (WORK_FOR_REQUESTS / clauses).clamp(100, 60_000);
    // First the most requests that can be granted together: a count of the met literals,
    // raised by bisection while the budget lasts; every grant below then keeps it.
    if let Some(most) = most_requests(model, requested, &mut met, start + for_requests / 2) {
        granted.push(most);
    }

    let mut order: Vec<usize> = (0..requested.len()).collect();
    order.sort_by_key(|&i| requested[i].day);
    let mut at = 0;
    while at < order.len() {
        let day = requested[order[at]].day;
        let end = at + order[at..].partition_point(|&i| requested[i].day == day);
        let today = &mut order[at..end];
        today.sort_by_key(|&i| {
            (
                had[requested[i].person],
                requested[i].hash,
                requested[i].person,
            )
        });
        for &i in today.iter() {
            let q = &requested[i];
            let ok = if met[i] {
                true
            } else {
                let conflicts = model.solver.batsat_ref().cb().conflicts;
                if conflicts - start >= for_requests {
                    false
                } else {
                    let budget = model.solver.batsat_mut().cb_mut();
                    budget.limit = conflicts + per_request;
                    granted.push(q.met);
                    let found = matches!(model.solve(&granted), Ok(SolverResult::Sat));
                    granted.pop();
                    if found {
                        met = requested.iter().map(|q| model.value(q.met)).collect();
                    }
                    found
                }
            };
            if ok {
                granted.push(q.met);
                had[q.person] += 1;
            }
        }
        at = end;
    }
    // Leave the solver on a roster meeting every request granted.
    let conflicts = model.solver.batsat_ref().cb().conflicts;
    model.solver.batsat_mut().cb_mut().limit = conflicts + per_request * 10;
    if !matches!(model.solve(&granted), Ok(SolverResult::Sat)) {
        granted.clear();
    }
    granted
}

/// Work (conflicts times the model's clauses) the search may spend finding what blocks the
/// requests of a unit it could not grant, and on one question about one of them.
const BLAME_WORK: u64 = 1_000_000_000;
const WORK_PER_QUESTION: u64 = 100_000_000;

/// For each request of `refused`, the guarantees that block it: a set of them under which
/// no roster meets it together with every request of `granted`, none of which can be left
/// out (the smallest the search finds, from the solver's core, one guarantee dropped at a
/// time). `None` where the budget runs out first, or the model has no selectors.
fn blame(model: &mut Model, granted: &[Lit], refused: &[&Requested]) -> Vec<Option<Guarantees>> {
    use rustsat::solvers::SolveIncremental;
    let Some(selectors) = model.selectors.filter(|_| !refused.is_empty()) else {
        return vec![None; refused.len()];
    };
    let clauses = rustsat::solvers::SolveStats::n_clauses(&model.solver).max(1) as u64;
    let per_question = (WORK_PER_QUESTION / clauses).clamp(50, 2_000);
    let total = (BLAME_WORK / clauses).clamp(1_000, 100_000);
    let start = model.solver.batsat_ref().cb().conflicts;
    let mut assumed = granted.to_vec();
    let mut out = Vec::with_capacity(refused.len());
    // Whether no roster meets the assumptions under `held`; `None` when out of budget.
    let blocked_under = |model: &mut Model, held: Guarantees, assumed: &[Lit]| {
        let conflicts = model.solver.batsat_ref().cb().conflicts;
        if conflicts - start >= total {
            return None;
        }
        model.solver.batsat_mut().cb_mut().limit = conflicts + per_question;
        match model.solve_under(held, assumed) {
            Ok(SolverResult::Unsat) => {
                // The selectors among the failed assumptions.
                let core = model.solver.core().unwrap_or_default();
                Some(Some(
                    held.iter()
                        .filter(|&g| core.contains(&!selectors[g as usize]))
                        .collect::<Guarantees>(),
                ))
            }
            Ok(SolverResult::Sat) => Some(None),
            _ => None,
        }
    };
    for q in refused {
        assumed.push(q.met);
        let all: Guarantees = Guarantee::ALL.into_iter().collect();
        let mut held = match blocked_under(model, all, &assumed) {
            Some(Some(core)) if !core.is_empty() => core,
            _ => {
                assumed.pop();
                out.push(None);
                continue;
            }
        };
        for g in Guarantee::ALL {
            if !held.contains(g) || held == Guarantees::one(g) {
                continue;
            }
            let mut without = held;
            without.remove(g);
            if let Some(Some(core)) = blocked_under(model, without, &assumed) {
                held = if core.is_empty() { without } else { core };
            }
        }
        assumed.pop();
        out.push(Some(held));
    }
    out
}

/// Raises the number of requests met together as far as the search can, within `limit`
/// conflicts: by bisection on a count of the requests' "met" literals, from what the last
/// roster meets. Returns the literal "at least that many are met" (to hold while the requests
/// are granted one by one), and leaves `met` on the best roster found.
fn most_requests(
    model: &mut Model,
    requested: &[Requested],
    met: &mut Vec<bool>,
    limit: u64,
) -> Option<Lit> {
    let bits: Vec<Bit> = requested.iter().map(|q| Bit::Var(q.met)).collect();
    let mut best = met.iter().filter(|&&m| m).count();
    if best == bits.len() {
        return None;
    }
    let count = model.count(&bits, best..=bits.len());
    if model.contradiction {
        return None;
    }
    let mut high = bits.len();
    while best < high {
        let want = (best + high).div_ceil(2);
        let conflicts = model.solver.batsat_ref().cb().conflicts;
        if conflicts >= limit {
            break;
        }
        model.solver.batsat_mut().cb_mut().limit = limit;
        let Bit::Var(at_least) = model.at_least(&count, want) else {
            break;
        };
        match model.solve(&[at_least]) {
            Ok(SolverResult::Sat) => {
                *met = requested.iter().map(|q| model.value(q.met)).collect();
                best = met.iter().filter(|&&m| m).count().max(want);
            }
            Ok(SolverResult::Unsat) => high = want - 1,
            _ => break,
        }
    }
    match model.at_least(&count, best) {
        Bit::Var(l) if best >= 1 => Some(l),
        _ => None,
    }
}

/// Reads a solution: each model person-day's mode, and the pool-days off the pattern.
type ReadModes<'a> = dyn Fn(&Model) -> (Vec<Option<Mode>>, usize) + 'a;

/// Lowers the weight of unmet wishes of the solution `modes` by bisection on a count of the
/// `unmet` Bits, each bound tried as an assumption, while a budget proportional to the
/// model's size lasts; returns the best solution found.
fn meet_wishes(
    model: &mut Model,
    unmet: &[Bit],
    mut modes: Vec<Option<Mode>>,
    read: &ReadModes,
    holding: &[Lit],
) -> Vec<Option<Mode>> {
    let weight = |model: &Model| {
        unmet
            .iter()
            .filter(|b| match b {
                Bit::Known(k) => *k,
                Bit::Var(l) => model.value(*l),
            })
            .count()
    };
    let mut best = weight(model);
    if best == 0 {
        return modes;
    }
    let clauses = rustsat::solvers::SolveStats::n_clauses(&model.solver).max(1) as u64;
    {
        let budget = &mut model.solver.batsat_mut().cb_mut();
        budget.limit = budget
            .limit
            .max(budget.conflicts)
            .saturating_add((WISH_WORK / clauses).max(50));
    }
    let count = model.count(unmet, 0..=best + 1);
    if model.contradiction {
        return modes;
    }
    let mut low = 0;
    while low < best {
        let bound = (low + best) / 2;
        // At most `bound` unmet: "at least bound + 1" must not hold.
        let over = match model.at_least(&count, bound + 1) {
            Bit::Known(false) => break,
            Bit::Known(true) => {
                low = bound + 1;
                continue;
            }
            Bit::Var(l) => l,
        };
        let mut assumed = holding.to_vec();
        assumed.push(!over);
        match model.solve(&assumed) {
            Ok(SolverResult::Sat) => {
                modes = read(model).0;
                best = weight(model);
            }
            Ok(SolverResult::Unsat) => low = bound + 1,
            _ => break,
        }
    }
    modes
}

/// A person in a pool: their place in the unit, carried counts (`--previous`) and their slots
/// in the window.
type Member<'a> = (usize, PerMode<u32>, Vec<&'a Slot>);

enum Day {
    Fixed(Mode),
    Rotating(Slot),
}

/// The counts a pool-day of `n` rotating people may have of a mode with `share`: the floor
/// or ceiling of share × n (balanced), or within `slack` people of it (alternating: one, or
/// the largest team present when teams stay together).
pub(super) fn day_bounds(share: u32, n: i64, alternating: bool, slack: i64) -> (i64, i64) {
    let target = i64::from(share) * n;
    if alternating {
        (
            ceil100(target - 100 * slack).max(0),
            floor100(target + 100 * slack),
        )
    } else {
        (floor100(target), ceil100(target))
    }
}

/// `ceil(a / 100)` and `floor(a / 100)` for hundredths that may be negative.
fn ceil100(a: i64) -> i64 {
    a.div_euclid(100) + i64::from(a.rem_euclid(100) != 0)
}

fn floor100(a: i64) -> i64 {
    a.div_euclid(100)
}

/// The shift group of a person in a pool, under an alternating pattern.
pub trait Groups {
    fn group(&self, person: usize, pool: PoolKey) -> Option<u8>;
}

impl<F: Fn(usize, PoolKey) -> Option<u8>> Groups for F {
    fn group(&self, person: usize, pool: PoolKey) -> Option<u8> {
        self(person, pool)
    }
}

pub type GroupOf<'a> = &'a dyn Groups;

/// What someone would like on a rotating person-day: the split modes that satisfy it (in
/// [`Mode::SPLIT`] order), and how the search treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wish {
    pub admits: [bool; 3],
    pub kind: WishKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WishKind {
    /// A staff request: granted one by one, in order, each only where every guarantee still
    /// holds with all those granted before.
    Request,
    /// A day to keep (the mode a published roster gave it): kept where it can, the weights
    /// of those left unmet as small as the search can make them.
    Keep { weight: u32 },
}

/// The wishes on a person-day (person, working day of the window): requests, and the days a
/// published roster gave.
pub trait Wishes {
    fn wishes(&self, person: usize, day: usize) -> smallvec::SmallVec<[Wish; 2]>;
}

impl<F: Fn(usize, usize) -> smallvec::SmallVec<[Wish; 2]>> Wishes for F {
    fn wishes(&self, person: usize, day: usize) -> smallvec::SmallVec<[Wish; 2]> {
        self(person, day)
    }
}

pub type WishOf<'a> = &'a dyn Wishes;

/// What the exact search should prefer: rosters meeting more `wishes`, searched first
/// around `hint` (a roster known to be good or near it: the published one, or the day-by-day
/// plan), which makes the first solution quick to find.
pub struct Prefer<'a> {
    pub wishes: WishOf<'a>,
    pub hint: &'a dyn Fn(usize, usize) -> Option<Mode>,
}

/// Work (conflicts times the model's clauses) the search may spend on meeting more wishes
/// once it has a roster: counted, not timed.
const WISH_WORK: u64 = 400_000_000;

/// Searches for a rotation of `unit` over the resolver's window that meets every guarantee,
/// continuing from `carry`, within `conflicts` conflicts of the SAT solver; says how many
/// it spent. With `groups` (alternating patterns), whole shift groups move together and the
/// search keeps the pure pattern on as many pool-days as it can; without, each person moves
/// on their own. With `wishes`, it then looks for the roster that leaves the least weight of
/// wishes unmet, while its budget lasts.
pub fn solve_unit(
    resolver: &Resolver,
    carry: &Carry,
    unit: Id,
    conflicts: u64,
    groups: Option<GroupOf>,
    prefer: Option<&Prefer>,
) -> (Outcome, u64) {
    let (outcome, spent, _) = solve_in(resolver, carry, unit, conflicts, groups, prefer, None);
    (outcome, spent)
}

/// A window of a unit: the rotating person-days the search may change. The others keep the
/// mode `frozen` gives them (the roster being repaired).
pub(crate) struct Window<'a> {
    /// The kept mode of a rotating person-day (person, day) outside the window; `None`
    /// inside it.
    pub frozen: &'a dyn Fn(usize, usize) -> Option<Mode>,
    /// Constraints left out: broken outside the window, mended by later windows.
    pub relaxed: FxHashSet<Key>,
    /// Only check the roster (every day frozen): list the broken constraints, solve nothing.
    pub check: bool,
    /// Whether the period-wide guarantees (totals, fairness) are in the model: a window of
    /// days leaves them to later windows, since the days outside it that they count will
    /// change too.
    pub period_wide: bool,
    /// A fairness constraint replaced by a step that narrows it, when no window can hold
    /// everyone: see [`Narrow`].
    pub narrow: Option<Narrow>,
    /// Windows that sweep the period forward: the last working day they answer for. A run
    /// of remote days reaching past it is left to the window that holds its end, so that
    /// days still to be mended do not bind this one.
    pub horizon: Option<usize>,
}

/// A step toward fairness: every free person of the group keeps a count of the mode within
/// `low..=high` (the spread now), and at most `ends` of them end at `low` or `high`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Narrow {
    pub key: Key,
    pub low: usize,
    pub high: usize,
    pub ends: usize,
}

/// [`solve_unit`], within a window when one is given: an "impossible" outcome then says only
/// that the window cannot be mended, and a check returns the constraints it found broken,
/// each with the people it names (unit-relative).
pub(crate) fn solve_in(
    resolver: &Resolver,
    carry: &Carry,
    unit: Id,
    conflicts: u64,
    groups: Option<GroupOf>,
    prefer: Option<&Prefer>,
    window: Option<&Window>,
) -> (Outcome, u64, Vec<Broken>) {
    solve_explaining(
        resolver, carry, unit, conflicts, groups, prefer, window, None,
    )
}

/// [`solve_in`], saying in `why` what an impossible unit's proof rests on.
#[allow(clippy::too_many_arguments)]
pub(crate) fn solve_explaining(
    resolver: &Resolver,
    carry: &Carry,
    unit: Id,
    conflicts: u64,
    groups: Option<GroupOf>,
    prefer: Option<&Prefer>,
    window: Option<&Window>,
    mut why: Option<&mut Why>,
) -> (Outcome, u64, Vec<Broken>) {
    let r = resolver;
    let rotation = &r.policy.rotation;
    let people = &r.staff.people;
    let first = people.partition_point(|p| p.unit < unit);
    let last = people.partition_point(|p| p.unit <= unit);
    let days = r.days.len();
    let checking = window.is_some_and(|w| w.check);
    let period_wide = window.is_none_or(|w| w.check || w.period_wide);
    let groups = groups.filter(|_| window.is_none());
    let mut model = Model::new(conflicts);
    if let Some(w) = window {
        model.window = !w.check;
        model.relaxed = w.relaxed.clone();
    }
    if why.as_ref().is_some_and(|w| w.want_core) {
        model.activation = Some(FxHashMap::default());
    }
    let mut pools: Vec<PoolKey> = Vec::new();
    let mut pool_index: FxHashMap<PoolKey, usize> = FxHashMap::default();
    // Moving whole groups: every member of a group shares the group's literals of the day.
    let mut group_lits: FxHashMap<(usize, u8, usize), [Option<Lit>; 3]> = FxHashMap::default();
    // The model's person-days, person by person.
    let mut grid: Vec<Vec<Day>> = Vec::with_capacity(last - first);
    // The literals of the hinted roster (see [`Prefer`]).
    let mut hinted: Vec<Lit> = Vec::new();
    for person in first..last {
        let mut row = Vec::with_capacity(days);
        for day in 0..days {
            row.push(match r.decide(person, day).1 {
                Decision::Fixed(mode) => Day::Fixed(mode),
                Decision::Rotate(source) => 'slot: {
                    let key = PoolKey { unit, source };
                    let pool = *pool_index.entry(key).or_insert_with(|| {
                        pools.push(key);
                        pools.len() - 1
                    });
                    if let Some(kept) = window.and_then(|w| (w.frozen)(person, day)) {
                        break 'slot Day::Rotating(Slot {
                            pool,
                            modes: [None; 3],
                            known: Some(kept.split_index().unwrap_or(0)),
                        });
                    }
                    let group = groups.and_then(|g| g.group(person, key));
                    let modes = match group.and_then(|g| group_lits.get(&(pool, g, day))) {
                        Some(shared) => *shared,
                        None => {
                            // Only the split's modes, under every pattern: "within 1"
                            // is a tolerance on their counts, never another mode.
                            let split = r.split(source);
                            let hint = prefer
                                .and_then(|p| (p.hint)(person, day))
                                .and_then(super::super::mode::Mode::split_index);
                            let modes = model.choice([0, 1, 2].map(|m| split.0[m] > 0), hint);
                            hinted.extend(hint.and_then(|m| modes[m]));
                            if let Some(g) = group {
                                group_lits.insert((pool, g, day), modes);
                            }
                            modes
                        }
                    };
                    Day::Rotating(Slot {
                        pool,
                        modes,
                        known: None,
                    })
                }
            });
        }
        grid.push(row);
    }
    let remote = |d: &Day| match d {
        Day::Fixed(mode) => Bit::Known(mode.is_remote()),
        Day::Rotating(slot) => !slot.is(0),
    };

    if window.is_none()
        && let Some(proof) = remote_beyond_weekly_caps(r, &grid, &pools, carry, first)
            .or_else(|| remote_beyond_runs(r, &grid, &pools))
            .or_else(|| office_beyond_totals(r, &grid, &pools, carry))
    {
        if let Some(why) = why.as_deref_mut() {
            why.proof = Some(proof);
        }
        return (Outcome::Impossible, 0, Vec::new());
    }
    // A model of a large unit (its daily counts run into the hundreds) is too big to pay
    // off: such units are mended window by window (see [`super::window`]).
    let free = (grid.iter().flatten())
        .filter(|d| matches!(d, Day::Rotating(s) if s.known.is_none()))
        .count();
    let most = if window.is_some() {
        MAX_WINDOW_DAYS
    } else {
        MAX_PERSON_DAYS
    };
    if !checking && free > most {
        return (Outcome::GaveUp, 0, Vec::new());
    }

    // With staff requests, every guarantee is conditional on a selector, so that a refused
    // request can be blamed on the guarantees that block it.
    let requests = |p: &Prefer| {
        (grid.iter().enumerate()).any(|(i, row)| {
            (row.iter().enumerate())
                .filter(|(_, d)| matches!(d, Day::Rotating(_)))
                .any(|(day, _)| {
                    (p.wishes.wishes(first + i, day).iter()).any(|w| w.kind == WishKind::Request)
                })
        })
    };
    if window.is_none() && prefer.is_some_and(requests) {
        model.with_selectors();
    }

    // Guarantee 3: each pool's daily counts, and (balanced) its totals over the period.
    let alternating = rotation.pattern != RotationPattern::Balanced;
    let together = alternating && rotation.teams == Teams::Together;
    for (pool, key) in pools.iter().enumerate() {
        let split = r.split(key.source);
        let (carried_n, carried_totals) = carry.pool_totals(key);
        let mut total_n = carried_n as i64;
        // Per mode: the days' lower bounds summed, the "took the upper bound" Bits, and the
        // counts of days the window keeps.
        let mut lower_sum = [0i64; 3];
        let mut known_sum = [0i64; 3];
        let mut upper_taken: [Vec<Bit>; 3] = Default::default();
        for day in 0..days {
            let slots: Vec<&Slot> = grid
                .iter()
                .filter_map(|row| match &row[day] {
                    Day::Rotating(s) if s.pool == pool => Some(s),
                    _ => None,
                })
                .collect();
            if slots.is_empty() {
                continue;
            }
            let n = slots.len() as i64;
            total_n += n;
            // Whole teams share a group: a day may be off by as much as the largest team.
            let slack = if together {
                let mut sizes: FxHashMap<Id, i64> = FxHashMap::default();
                for (i, row) in grid.iter().enumerate() {
                    if let (Day::Rotating(s), Some(team)) = (&row[day], people[first + i].team)
                        && s.pool == pool
                    {
                        *sizes.entry(team).or_insert(0) += 1;
                    }
                }
                sizes.into_values().max().unwrap_or(1).max(1)
            } else {
                1
            };
            let all_known = slots.iter().all(|s| s.known.is_some());
            for m in 0..3 {
                let (lo, hi) = day_bounds(split.0[m], n, alternating, slack);
                let bits: Vec<Bit> = slots.iter().map(|s| s.is(m)).collect();
                let active = model.begin(Key::Quota { day, pool, mode: m });
                if all_known {
                    known_sum[m] += slots.iter().filter(|s| s.known == Some(m)).count() as i64;
                    if checking {
                        model.between(&bits, lo, hi);
                    }
                    continue;
                }
                let count = if active {
                    model.between(&bits, lo, hi)
                } else {
                    None
                };
                if !alternating {
                    lower_sum[m] += lo;
                    if let (Some(count), true) = (count, hi > lo) {
                        let bit = model.at_least(&count, hi as usize);
                        upper_taken[m].push(bit);
                    }
                }
            }
        }
        if !alternating {
            for m in 0..3 {
                if !model.begin(Key::Total { pool, mode: m }) || !period_wide {
                    continue;
                }
                let target = i64::from(split.0[m]) * total_n;
                let carried = carried_totals[m] as i64 + known_sum[m] + lower_sum[m];
                let lo = ceil100(target - 100) - carried;
                let hi = floor100(target + 100) - carried;
                model.between(&upper_taken[m], lo, hi);
            }
        }
    }

    // Guarantee 4: in each pool, people with the same number of rotating days (previous
    // roster included) have counts of each mode within one of each other.
    for (pool, key) in pools.iter().enumerate() {
        let mut by_days: std::collections::BTreeMap<u32, Vec<Member>> =
            std::collections::BTreeMap::new();
        for (i, row) in grid.iter().enumerate() {
            let slots: Vec<&Slot> = row
                .iter()
                .filter_map(|d| match d {
                    Day::Rotating(s) if s.pool == pool => Some(s),
                    _ => None,
                })
                .collect();
            if slots.is_empty() {
                continue;
            }
            let carried = carry
                .person(first + i)
                .and_then(|c| c.tallies.iter().find(|t| t.pool == *key))
                .map_or((0, PerMode::default()), |t| (t.days, t.counts));
            by_days
                .entry(carried.0 + slots.len() as u32)
                .or_default()
                .push((i, carried.1, slots));
        }
        for (&total, group) in by_days.iter().filter(|(_, g)| g.len() > 1) {
            for m in 0..3 {
                let fair = Key::Fair {
                    pool,
                    days: total,
                    mode: m,
                };
                if !model.begin(fair) || !period_wide {
                    continue;
                }
                let counts: Vec<Count> = group
                    .iter()
                    .map(|(_, carried, slots)| {
                        let mut bits: Vec<Bit> = slots.iter().map(|s| s.is(m)).collect();
                        bits.extend((0..carried[m]).map(|_| Bit::Known(true)));
                        model.count(&bits, 0..=bits.len())
                    })
                    .collect();
                if counts.iter().all(|c| c.len == 0) {
                    // Every count is known: a check says who is at each end of the spread,
                    // those with fewest first, and the two counts.
                    let low = counts.iter().map(|c| c.known).min().unwrap_or(0);
                    let high = counts.iter().map(|c| c.known).max().unwrap_or(0);
                    if checking && high > low + 1 {
                        let at = |n: usize| {
                            (group.iter().zip(&counts))
                                .filter(move |(_, c)| c.known == n)
                                .map(|(g, _)| g.0)
                        };
                        let ends: Vec<usize> = at(low).chain(at(high)).collect();
                        model.spreads.push((fair, low, high, at(low).count()));
                        model.broken.push((fair, ends));
                    }
                    continue;
                }
                if let Some(step) = window.and_then(|w| w.narrow).filter(|n| n.key == fair) {
                    let mut at_end = Vec::new();
                    for (_, carried, slots) in group {
                        let mut bits: Vec<Bit> = slots.iter().map(|s| s.is(m)).collect();
                        bits.extend((0..carried[m]).map(|_| Bit::Known(true)));
                        let Some(count) = model.between(&bits, step.low as i64, step.high as i64)
                        else {
                            continue;
                        };
                        let above_low = model.at_least(&count, step.low + 1);
                        let at_high = model.at_least(&count, step.high);
                        let end = Bit::Var(model.var());
                        model.any(&[end, above_low]);
                        model.any(&[end, !at_high]);
                        at_end.push(end);
                    }
                    model.between(&at_end, 0, step.ends as i64);
                    continue;
                }
                let lo = counts.iter().map(|c| c.known).min().unwrap_or(0);
                let hi = counts.iter().map(|c| c.known + c.len).max().unwrap_or(0);
                // reached[j]: someone has at least j; then everyone has at least j - 1.
                for j in lo + 1..=hi {
                    let reached = Bit::Var(model.var());
                    for c in &counts {
                        let has = model.at_least(c, j);
                        model.any(&[!has, reached]);
                        let needed = model.at_least(c, j - 1);
                        model.any(&[!reached, needed]);
                    }
                }
            }
        }
    }

    // Guarantee 5: the caps, per person.
    for (i, row) in grid.iter().enumerate() {
        let carried = carry.person(first + i);
        if let Some(cap) = rotation.max_remote_per_week {
            let mut day = 0;
            while day < days {
                let week = r.days[day].iso_week();
                let end = (day..days)
                    .find(|&d| r.days[d].iso_week() != week)
                    .unwrap_or(days);
                let mut fixed_remote = if day == 0 {
                    carried.map_or(0, |c| c.week_remote)
                } else {
                    0
                };
                let mut chosen = Vec::new();
                for d in &row[day..end] {
                    match d {
                        Day::Fixed(mode) => fixed_remote += u32::from(mode.is_remote()),
                        Day::Rotating(_) => chosen.push(remote(d)),
                    }
                }
                if model.begin(Key::Week {
                    start: day,
                    person: i,
                }) {
                    model.between(&chosen, 0, i64::from(cap.saturating_sub(fixed_remote)));
                }
                day = end;
            }
        }
        if let Some(max) = rotation.max_consecutive_remote {
            // The carried run is remote days before the window, none of them rotating.
            let run_in = carried.map_or(0, |c| c.run) as usize;
            let sequence: Vec<(Bit, bool)> = std::iter::repeat_n((Bit::Known(true), false), run_in)
                .chain(
                    row.iter()
                        .map(|d| (remote(d), matches!(d, Day::Rotating(_)))),
                )
                .collect();
            let width = max as usize + 1;
            let horizon = window.and_then(|w| w.horizon);
            for (at, window) in sequence.windows(width).enumerate() {
                if !window.iter().any(|(_, rotating)| *rotating)
                    || window.iter().any(|(b, _)| matches!(b, Bit::Known(false)))
                {
                    continue;
                }
                let start = at.saturating_sub(run_in);
                // The run's last day is past the window's horizon.
                if horizon.is_some_and(|h| at + width - run_in > h + 1) {
                    continue;
                }
                let run = Key::Run {
                    start,
                    len: at + width - run_in.max(at),
                    person: i,
                };
                if model.begin(run) {
                    let clause: Vec<Bit> = window.iter().map(|(b, _)| !*b).collect();
                    model.any(&clause);
                }
            }
        }
    }

    // Guarantee 5: the office floor, per unit-day with rotating people.
    if let Some(floor) = rotation.min_office {
        for day in 0..days {
            let mut rotating = false;
            let mut present = 0u32;
            let mut office = Vec::new();
            for row in &grid {
                match &row[day] {
                    Day::Fixed(mode) => {
                        present += u32::from(*mode != Mode::Leave);
                        office.push(Bit::Known(*mode == Mode::Wfo));
                    }
                    Day::Rotating(slot) => {
                        rotating = true;
                        present += 1;
                        office.push(slot.is(0));
                    }
                }
            }
            if rotating && model.begin(Key::Office { day }) {
                let required = i64::from(floor.required(present));
                model.between(&office, required, i64::MAX / 4);
            }
        }
    }
    model.current = None;
    if checking {
        let spreads = std::mem::take(&mut model.spreads);
        let span_of = |pool: usize| {
            let days = (grid.iter()).flat_map(|row| {
                (row.iter().enumerate())
                    .filter(move |(_, d)| matches!(d, Day::Rotating(s) if s.pool == pool))
                    .map(|(day, _)| day)
            });
            days.clone().min().zip(days.max())
        };
        let broken = (model.broken.drain(..))
            .map(|(key, people)| {
                let spread = spreads.iter().find(|s| s.0 == key).map(|s| (s.1, s.2, s.3));
                let span = match key {
                    Key::Fair { pool, .. } => span_of(pool),
                    _ => None,
                };
                Broken {
                    key,
                    people,
                    spread,
                    span,
                }
            })
            .collect();
        return (Outcome::GaveUp, 0, broken);
    }
    if let Some(why) = why.filter(|w| w.want_core) {
        let (outcome, core) = unsat_core(&mut model);
        why.core = core;
        let spent = model.solver.batsat_ref().cb().conflicts;
        return (outcome, spent, Vec::new());
    }

    // Alternating patterns: a pool-day is off the pattern unless every group has the mode
    // of the pure cycle, turned from one offset (the search picks it) by a step a day or a
    // week.
    let mut off_pattern: Vec<Bit> = Vec::new();
    if groups.is_some() && alternating {
        let mut week_index = vec![0usize; days];
        for d in 1..days {
            let same = r.days[d].iso_week() == r.days[d - 1].iso_week();
            week_index[d] = week_index[d - 1] + usize::from(!same);
        }
        let step = |d: usize| {
            if rotation.pattern == RotationPattern::AlternateDays {
                d
            } else {
                week_index[d]
            }
        };
        for (pool, key) in pools.iter().enumerate() {
            let cycle = super::alternating::mode_cycle(&r.split(key.source));
            let offsets: Vec<Lit> = (0..cycle.len()).map(|_| model.var()).collect();
            let offset_bits: Vec<Bit> = offsets.iter().map(|&l| Bit::Var(l)).collect();
            model.between(&offset_bits, 1, 1);
            for day in 0..days {
                let mut present: Vec<(u8, [Option<Lit>; 3])> = group_lits
                    .iter()
                    .filter(|((p, _, d), _)| *p == pool && *d == day)
                    .map(|((_, g, _), lits)| (*g, *lits))
                    .collect();
                if present.is_empty() {
                    continue;
                }
                present.sort_unstable_by_key(|(g, _)| *g);
                let off = Bit::Var(model.var());
                for (o, &chosen) in offsets.iter().enumerate() {
                    for (g, lits) in &present {
                        let m = cycle[(*g as usize + o + step(day)) % cycle.len()];
                        let keeps = lits[m].map_or(Bit::Known(false), Bit::Var);
                        model.any(&[off, Bit::Var(!chosen), keeps]);
                    }
                }
                off_pattern.push(off);
            }
        }
    }

    // Wishes: requests one by one; the others as one "unmet" Bit per wish, repeated by its
    // weight.
    let mut unmet: Vec<Bit> = Vec::new();
    let mut requested: Vec<Requested> = Vec::new();
    if let Some(prefer) = prefer {
        for (i, row) in grid.iter().enumerate() {
            for (day, d) in row.iter().enumerate() {
                let Day::Rotating(slot) = d else { continue };
                for wish in prefer.wishes.wishes(first + i, day) {
                    let Some(bit) = slot.unmet(&wish) else {
                        continue;
                    };
                    match (wish.kind, bit) {
                        (WishKind::Request, Bit::Var(unmet)) => requested.push(Requested {
                            day,
                            person: i,
                            hash: super::stable_hash(r.staff.nip(&people[first + i])),
                            met: !unmet,
                            admits: wish.admits,
                        }),
                        // A request no choice of the search can meet or miss.
                        (WishKind::Request, Bit::Known(_)) => {}
                        (WishKind::Keep { weight }, bit) => {
                            unmet.extend(std::iter::repeat_n(bit, weight as usize));
                        }
                    }
                }
            }
        }
    }

    if model.contradiction {
        return (Outcome::Impossible, 0, Vec::new());
    }
    let spent = |model: &Model| model.solver.batsat_ref().cb().conflicts;
    // A hinted roster that meets every guarantee is found by propagation alone.
    let hinted_holds = !hinted.is_empty() && matches!(model.solve(&hinted), Ok(SolverResult::Sat));
    if !hinted_holds {
        match model.solve(&[]) {
            Ok(SolverResult::Sat) => {}
            Ok(SolverResult::Unsat) => return (Outcome::Impossible, spent(&model), Vec::new()),
            _ => return (Outcome::GaveUp, spent(&model), Vec::new()),
        }
    }
    let read = |model: &Model| {
        let modes: Vec<Option<Mode>> = grid
            .iter()
            .flatten()
            .map(|d| match d {
                Day::Fixed(_) => None,
                Day::Rotating(slot) => (0..3)
                    .find(|&m| match slot.known {
                        Some(k) => k == m,
                        None => slot.modes[m].is_some_and(|l| model.value(l)),
                    })
                    .map(|m| Mode::SPLIT[m]),
            })
            .collect();
        let swapped = off_pattern
            .iter()
            .filter(|b| matches!(b, Bit::Var(l) if model.value(*l)))
            .count();
        (modes, swapped)
    };
    let (mut modes, mut swapped) = read(&model);
    // Fewer pool-days off the pattern, while a small budget lasts: each solution found is
    // kept, and proving that none has fewer is not worth a long search.
    if swapped > 0 {
        let clauses = rustsat::solvers::SolveStats::n_clauses(&model.solver).max(1) as u64;
        let budget = &mut model.solver.batsat_mut().cb_mut();
        budget.limit = budget
            .limit
            .min(budget.conflicts + (MINIMISE_WORK / clauses).max(10));
        let count = model.count(&off_pattern, 0..=off_pattern.len());
        while swapped > 0 {
            let too_many = model.at_least(&count, swapped);
            model.any(&[!too_many]);
            if model.contradiction || !matches!(model.solve(&[]), Ok(SolverResult::Sat)) {
                break;
            }
            (modes, swapped) = read(&model);
        }
    }
    let granted = grant_requests(&mut model, &mut requested, last - first);
    if !granted.is_empty() {
        modes = read(&model).0;
    }
    if !unmet.is_empty() {
        modes = meet_wishes(&mut model, &unmet, modes, &read, &granted);
    }
    // The requests the roster leaves unmet, and what blocks each given those it meets.
    let met = |q: &Requested| {
        let mode = modes[q.person * days + q.day].and_then(super::super::mode::Mode::split_index);
        mode.is_some_and(|m| q.admits[m])
    };
    let held: Vec<Lit> = requested.iter().filter(|q| met(q)).map(|q| q.met).collect();
    let unmet: Vec<&Requested> = requested.iter().filter(|q| !met(q)).collect();
    let blocked = blame(&mut model, &held, &unmet);
    let refusals = (unmet.iter().zip(blocked))
        .map(|(q, blocked_by)| Refusal {
            person: first + q.person,
            day: q.day,
            blocked_by,
        })
        .collect();
    let plan = UnitPlan {
        first,
        days,
        modes,
        swapped_days: swapped as u32,
        refusals,
    };
    (Outcome::Planned(plan), spent(&model), Vec::new())
}

/// Work (conflicts times the model's clauses) for shrinking a core once one is found:
/// counted, not timed.
const CORE_WORK: u64 = 200_000_000;

/// Looking for a core: solves with every guarantee constraint assumed; when no roster meets
/// them all, the constraints the proof needed, then fewer while the budget lasts (each one
/// dropped whose absence still leaves no roster).
fn unsat_core(model: &mut Model) -> (Outcome, Option<Vec<Key>>) {
    use rustsat::solvers::SolveIncremental;
    let Some(activation) = model.activation.take() else {
        return (Outcome::GaveUp, None);
    };
    let mut acts: Vec<(Key, Lit)> = activation.into_iter().collect();
    acts.sort_unstable_by_key(|(key, _)| *key);
    let lits = |acts: &[(Key, Lit)]| acts.iter().map(|(_, l)| *l).collect::<Vec<Lit>>();
    match model.solve(&lits(&acts)) {
        Ok(SolverResult::Unsat) => {}
        _ => return (Outcome::GaveUp, None),
    }
    let in_core = |model: &mut Model, acts: &[(Key, Lit)]| -> Vec<(Key, Lit)> {
        let core = model.solver.core().unwrap_or_default();
        (acts.iter())
            .filter(|(_, l)| core.iter().any(|c| c.var() == l.var()))
            .copied()
            .collect()
    };
    let mut core = in_core(model, &acts);
    let clauses = rustsat::solvers::SolveStats::n_clauses(&model.solver).max(1) as u64;
    let start = model.solver.batsat_ref().cb().conflicts;
    let work = (CORE_WORK / clauses).max(100);
    let mut i = 0;
    while i < core.len() {
        let conflicts = model.solver.batsat_ref().cb().conflicts;
        if conflicts - start >= work {
            break;
        }
        model.solver.batsat_mut().cb_mut().limit = conflicts + (work / 10).max(10);
        let mut rest = core.clone();
        rest.remove(i);
        match model.solve(&lits(&rest)) {
            Ok(SolverResult::Unsat) => core = in_core(model, &rest),
            _ => i += 1,
        }
    }
    (
        Outcome::Impossible,
        Some(core.into_iter().map(|(key, _)| key).collect()),
    )
}

/// Whether some week's quotas ask for more remote person-days than the weekly cap leaves the
/// unit's people: a counting argument a SAT solver would take long to find. Says what it
/// counted in the first week that fails (or over the period).
fn remote_beyond_weekly_caps(
    r: &Resolver,
    grid: &[Vec<Day>],
    pools: &[PoolKey],
    carry: &Carry,
    first: usize,
) -> Option<Proof> {
    let rotation = &r.policy.rotation;
    let cap = rotation.max_remote_per_week?;
    if rotation.pattern.is_alternating() && rotation.teams == Teams::Together {
        return None;
    }
    let days = r.days.len();
    let mut day = 0;
    let mut period_capacity = 0u64;
    let (mut period_unfixed, mut period_person_days, mut weeks) = (0u64, 0u64, 0usize);
    let mut failed: Option<Proof> = None;
    while day < days {
        let week = r.days[day].iso_week();
        let end = (day..days)
            .find(|&d| r.days[d].iso_week() != week)
            .unwrap_or(days);
        let mut capacity = 0u64;
        let (mut unfixed, mut person_days) = (0u64, 0u64);
        for (i, row) in grid.iter().enumerate() {
            let mut fixed_remote = if day == 0 {
                carry.person(first + i).map_or(0, |c| c.week_remote)
            } else {
                0
            };
            let mut may_be_remote = 0u32;
            for d in &row[day..end] {
                match d {
                    Day::Fixed(mode) => fixed_remote += u32::from(mode.is_remote()),
                    Day::Rotating(slot) => may_be_remote += u32::from(slot.may_be_remote()),
                }
            }
            capacity += u64::from(cap.saturating_sub(fixed_remote).min(may_be_remote));
            unfixed += u64::from(cap.min(may_be_remote));
            person_days += row[day..end]
                .iter()
                .filter(|d| matches!(d, Day::Rotating(_)))
                .count() as u64;
        }
        let needed: u64 = (day..end).map(|d| least_remote(r, grid, pools, d)).sum();
        weeks += 1;
        if needed > capacity {
            let proof = Proof::WeeklyCap {
                days: (day, end - 1),
                needed,
                capacity,
                unfixed,
                person_days,
                failing: 0,
                weeks: 0,
            };
            failed = Some(failed.unwrap_or(proof));
            if let Some(Proof::WeeklyCap { failing, .. }) = failed.as_mut() {
                *failing += 1;
            }
        }
        period_capacity += capacity;
        period_unfixed += unfixed;
        period_person_days += person_days;
        day = end;
    }
    if let Some(Proof::WeeklyCap {
        weeks: mut_weeks, ..
    }) = failed.as_mut()
    {
        *mut_weeks = weeks;
        return failed;
    }
    // Over the period (balanced), the pools' remote totals may ask for more than the floors.
    if rotation.pattern.is_alternating() {
        return None;
    }
    let period_needed: i64 = pools
        .iter()
        .map(|key| {
            let (carried_n, carried) = carry.pool_totals(key);
            let n = carried_n as i64
                + grid
                    .iter()
                    .flatten()
                    .filter(|d| matches!(d, Day::Rotating(s) if pools[s.pool] == *key))
                    .count() as i64;
            let split = r.split(key.source);
            (1..3)
                .map(|m| (ceil100(i64::from(split.0[m]) * n - 100) - carried[m] as i64).max(0))
                .sum::<i64>()
        })
        .sum();
    (period_needed > period_capacity as i64).then_some(Proof::WeeklyCap {
        days: (0, days.saturating_sub(1)),
        needed: period_needed as u64,
        capacity: period_capacity,
        unfixed: period_unfixed,
        person_days: period_person_days,
        failing: 0,
        weeks,
    })
}

/// The fewest remote person-days the quotas allow on a day, over the unit's pools.
fn least_remote(r: &Resolver, grid: &[Vec<Day>], pools: &[PoolKey], day: usize) -> u64 {
    let alternating = r.policy.rotation.pattern.is_alternating();
    let mut least = 0;
    for (pool, key) in pools.iter().enumerate() {
        let split = r.split(key.source);
        let n = grid
            .iter()
            .filter(|row| matches!(&row[day], Day::Rotating(s) if s.pool == pool))
            .count() as i64;
        for m in 1..3 {
            let target = i64::from(split.0[m]) * n;
            least += if alternating {
                ceil100(target - 100).max(0)
            } else {
                floor100(target)
            } as u64;
        }
    }
    least
}

/// Whether some `max_consecutive_remote + 1` working days in a row ask for more remote
/// person-days than people can give without a run over the limit: in such a window each
/// person not broken off by an office or leave day can be remote on one day fewer than the
/// window has.
fn remote_beyond_runs(r: &Resolver, grid: &[Vec<Day>], pools: &[PoolKey]) -> Option<Proof> {
    let rotation = &r.policy.rotation;
    let max = rotation.max_consecutive_remote?;
    if rotation.pattern.is_alternating() && rotation.teams == Teams::Together {
        return None;
    }
    let width = max as usize + 1;
    let days = r.days.len();
    if days < width {
        return None;
    }
    let least: Vec<u64> = (0..days).map(|d| least_remote(r, grid, pools, d)).collect();
    (0..=days - width).find_map(|start| {
        let needed: u64 = least[start..start + width].iter().sum();
        let capacity: u64 = grid
            .iter()
            .map(|row| {
                let mut may_be_remote = 0u64;
                let mut broken = false;
                for d in &row[start..start + width] {
                    match d {
                        Day::Fixed(mode) => broken |= !mode.is_remote(),
                        Day::Rotating(slot) if slot.may_be_remote() => may_be_remote += 1,
                        Day::Rotating(_) => broken = true,
                    }
                }
                if broken {
                    may_be_remote
                } else {
                    may_be_remote.saturating_sub(1)
                }
            })
            .sum();
        (needed > capacity).then_some(Proof::Runs {
            days: (start, start + width - 1),
            needed,
            capacity,
        })
    })
}

/// Whether `min_office` asks for more office person-days over the period than the pools'
/// totals allow (balanced pattern): on a day whose quota allows either of two counts the
/// floor may force the higher one, and over many days that breaks the total.
fn office_beyond_totals(
    r: &Resolver,
    grid: &[Vec<Day>],
    pools: &[PoolKey],
    carry: &Carry,
) -> Option<Proof> {
    let rotation = &r.policy.rotation;
    let floor = rotation.min_office?;
    if rotation.pattern.is_alternating() {
        return None;
    }
    let days = r.days.len();
    let mut pool_n = vec![0i64; pools.len()];
    let mut needed = 0i64;
    for day in 0..days {
        let mut present = 0u32;
        let mut fixed_office = 0i64;
        let mut least_rotating = 0i64;
        let mut rotating = false;
        let mut n = vec![0i64; pools.len()];
        for row in grid {
            match &row[day] {
                Day::Fixed(mode) => {
                    present += u32::from(*mode != Mode::Leave);
                    fixed_office += i64::from(*mode == Mode::Wfo);
                }
                Day::Rotating(slot) => {
                    present += 1;
                    rotating = true;
                    n[slot.pool] += 1;
                }
            }
        }
        for (pool, key) in pools.iter().enumerate() {
            pool_n[pool] += n[pool];
            least_rotating += floor100(i64::from(r.split(key.source).0[0]) * n[pool]);
        }
        let required = if rotating {
            i64::from(floor.required(present)) - fixed_office
        } else {
            0
        };
        needed += least_rotating.max(required);
    }
    let allowed: i64 = pools
        .iter()
        .enumerate()
        .map(|(pool, key)| {
            let (carried_n, carried) = carry.pool_totals(key);
            let target = i64::from(r.split(key.source).0[0]) * (carried_n as i64 + pool_n[pool]);
            floor100(target + 100) - carried[0] as i64
        })
        .sum();
    (needed > allowed).then_some(Proof::OfficeTotals { needed, allowed })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::leave::Leave;
    use crate::policy::Policy;
    use crate::staff::Staff;

    /// A one-unit case for the search's tests (and the causes'): two working weeks of
    /// 7–18 July 2025, WFO = 50 / WFH = 50 under `rotation`, `people` staff, `leave` rows.
    pub(crate) fn inputs(rotation: &str, people: usize, leave: &str) -> (Policy, Staff, Leave) {
        let policy = Policy::parse(
            &format!(
                "name = \"t\"\n[period]\nstart = 2025-07-07\nend = 2025-07-18\n\
                 [split]\nWFO = 50\nWFH = 50\n[rotation]\n{rotation}\n"
            ),
            "policy.toml",
        )
        .unwrap();
        let mut text = String::from("nip,name,unit,role\n");
        for i in 0..people {
            text += &format!("19900101201501100{i},Orang {i},Dinas,Staf\n");
        }
        let staff = Staff::from_reader(Box::new(std::io::Cursor::new(text)), "staff.csv").unwrap();
        let leave = Leave::from_reader(
            Box::new(std::io::Cursor::new(format!("nip,from,to\n{leave}"))),
            "leave.csv",
            &staff,
        )
        .unwrap();
        (policy, staff, leave)
    }

    #[test]
    fn half_remote_under_two_days_a_week_is_proven_impossible_at_once() {
        let (policy, staff, leave) = inputs("max_remote_per_week = 2", 4, "");
        let resolver = Resolver::new(&policy, &staff, &leave);
        let (outcome, spent) = solve_unit(&resolver, &Carry::default(), 0, 1_000, None, None);
        assert!(matches!(outcome, Outcome::Impossible), "{outcome:?}");
        assert_eq!(spent, 0, "a counting argument, not a search");
    }

    #[test]
    fn a_found_rotation_keeps_the_quota_and_the_run_limit() {
        let (policy, staff, leave) = inputs(
            "max_consecutive_remote = 1",
            4,
            "199001012015011003,2025-07-11,2025-07-11\n",
        );
        let resolver = Resolver::new(&policy, &staff, &leave);
        let (Outcome::Planned(plan), _) =
            solve_unit(&resolver, &Carry::default(), 0, 10_000, None, None)
        else {
            panic!("a roster exists");
        };
        for day in 0..resolver.days.len() {
            let modes: Vec<Option<Mode>> = (0..4).map(|p| plan.mode(p, day)).collect();
            let rotating = modes.iter().flatten().count();
            let office = modes.iter().filter(|m| **m == Some(Mode::Wfo)).count();
            assert!(2 * office >= rotating.saturating_sub(1) && 2 * office <= rotating + 1);
            if day > 0 {
                for p in 0..4 {
                    let remote = |d: usize| plan.mode(p, d).is_some_and(Mode::is_remote);
                    assert!(!(remote(day) && remote(day - 1)), "person {p}, day {day}");
                }
            }
        }
    }
}
