//! The one pipeline every planning command runs: the files a command settled are read
//! ([`Loaded`]) and resolved ([`Loaded::resolver`]), the history carried in and the published
//! roster read ([`History`]), and the units decided before the day-by-day plan ([`Decided`]):
//! published days kept and requests granted, a rehearsal audited and the units it leaves
//! unmet repaired. Decisions only: nothing here writes or prints, so that
//! `plan` writes and `explain` explains the very same roster.

use crate::audit::Report;
use crate::carry::{Carry, Past};
use crate::error::Result;
use crate::explain::{Explanation, explain};
use crate::grants::Grants;
use crate::input::Options;
use crate::leave::Leave;
use crate::planner::causes::causes;
use crate::planner::{
    Kept, Overrides, PinOf, Planner, Repairs, Wish, WishOf, keep_and_grant, rehearse, repairs,
    request_wishes, requested_units, wishes_of,
};
use crate::policy::Policy;
use crate::published::{Published, Rows};
use crate::requests::Requests;
use crate::resolve::{Decision, Resolver};
use crate::roster_file::{Dating, RosterRow};
use crate::staff::{Id, Staff};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod check;
pub mod settle;
pub mod write;
pub use check::{audit_roster, impossible_causes};

/// What a planning run reads, as its command settled it.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// The policy, its period narrowed to the window.
    pub policy: &'a Policy,
    /// The policy's whole period, before any window narrowed it.
    pub period: (NaiveDate, NaiveDate),
    pub staff: &'a Path,
    pub leave: Option<&'a Path>,
    pub requests: Option<&'a Path>,
    /// The earlier rosters (`--previous`), in order: a later file's day replaces an earlier
    /// one's.
    pub previous: &'a [PathBuf],
    /// The published roster a re-plan keeps (`--published`), from the window's first day.
    pub published: &'a [PathBuf],
    /// Its rows, read once (when the window was settled).
    pub published_rows: &'a Arc<Rows>,
    /// How to read every file.
    pub options: &'a Options,
}

/// The staff, leave and requests of a run, read and validated; the resolver borrows them.
pub struct Loaded {
    pub staff: Staff,
    pub leave: Leave,
    /// Read against the window's working days.
    pub requests: Requests,
    /// With a published roster: the policy over its whole period, which names the rule of
    /// a published day from a roster without a `rule` column.
    whole: Option<Policy>,
}

impl Loaded {
    pub fn read(sources: &Sources) -> Result<Loaded> {
        let (policy, options) = (sources.policy, sources.options);
        let staff = Staff::read(sources.staff, options)?;
        let leave = match sources.leave {
            Some(path) => Leave::read(path, &staff, options)?,
            None => Leave::default(),
        };
        let requests = match sources.requests {
            Some(path) => {
                let days = policy.period.working_days();
                Requests::read(path, &staff, policy, &days, options)?
            }
            None => Requests::default(),
        };
        let whole = (!sources.published.is_empty()).then(|| {
            let mut whole = policy.clone();
            whole.period.start = sources.period.0;
            whole.period.end = sources.period.1;
            whole
        });
        Ok(Loaded {
            staff,
            leave,
            requests,
            whole,
        })
    }

    /// Who is fixed and who rotates on each day of the window.
    pub fn resolver<'a>(&'a self, policy: &'a Policy) -> Resolver<'a> {
        Resolver::new(policy, &self.staff, &self.leave).with_requests(&self.requests)
    }
}

/// The rule of a published person-day from a roster without a `rule` column (a wide one, a
/// workbook): the one the policy gives that day, so the long roster is written whole.
struct RuleOf<'a> {
    over_period: Resolver<'a>,
    by_nip: FxHashMap<&'a str, usize>,
}

impl RuleOf<'_> {
    fn of(&self, row: &RosterRow) -> String {
        let over_period = &self.over_period;
        let (Some(&person), Ok(day)) = (
            self.by_nip.get(row.nip.as_str()),
            over_period.days.binary_search(&row.date),
        ) else {
            return String::new();
        };
        let label = |source| over_period.source_label(source).to_owned();
        match over_period.decide(person, day) {
            (source, Decision::Fixed(mode)) if mode == row.mode => label(source),
            (_, Decision::Rotate(source)) if row.mode.split_index().is_some() => label(source),
            _ => String::new(),
        }
    }
}

/// What a run continues from: the history carried in (`--previous`, and the published days
/// before the window) and the published roster it keeps, with the wishes they and the soft
/// requests make.
pub struct History<'a> {
    pub resolver: &'a Resolver<'a>,
    pub carry: Carry,
    pub published: Option<Published>,
    requests: &'a Requests,
    /// The units with a soft request: only there do requests make wishes.
    requested_units: Vec<Id>,
    rule_of: Option<RuleOf<'a>>,
}

impl<'a> History<'a> {
    /// Reads the earlier rosters and the published roster.
    pub fn read(
        resolver: &'a Resolver<'a>,
        sources: &Sources,
        loaded: &'a Loaded,
    ) -> Result<History<'a>> {
        let policy = resolver.policy;
        // A published roster's days before the window are history, like an earlier roster's:
        // its rows, read once, follow the earlier rosters.
        let mut past: Vec<Past> = (sources.previous.iter())
            .map(|f| Past::File(f.clone(), Dating::Before(policy.period.start)))
            .collect();
        if !sources.published.is_empty() {
            past.push(Past::Rows(sources.published_rows));
        }
        let carry = if past.is_empty() {
            Carry::default()
        } else {
            Carry::read_past(resolver, &past, sources.options).or_else(|error| {
                // An error in the published rows is told with its file and line.
                let files: Vec<(PathBuf, Dating)> = (sources.previous.iter())
                    .map(|f| (f.clone(), Dating::Before(policy.period.start)))
                    .chain((sources.published.iter()).map(|f| {
                        let (start, end) = sources.period;
                        (f.clone(), Dating::Within(start, end))
                    }))
                    .collect();
                Carry::read_dated(resolver, &files, sources.options).and(Err(error))
            })?
        };
        let rule_of = loaded.whole.as_ref().map(|whole| RuleOf {
            over_period: Resolver::new(whole, &loaded.staff, &loaded.leave),
            by_nip: loaded.staff.index_by_nip(),
        });
        let mut history = History {
            resolver,
            carry,
            published: None,
            requests: &loaded.requests,
            requested_units: requested_units(&loaded.requests, &loaded.staff),
            rule_of,
        };
        if !sources.published.is_empty() {
            let published = Published::read(resolver, sources.published_rows, sources.period);
            history.published = Some(published);
        }
        Ok(history)
    }

    /// The `rule` of a published history row from a roster without that column (empty when
    /// there is no published roster).
    pub fn rule_of(&self, row: &RosterRow) -> String {
        self.rule_of
            .as_ref()
            .map_or_else(String::new, |r| r.of(row))
    }

    /// The wishes the planner breaks ties toward: published days and soft requests; none
    /// without either.
    pub fn wishes(&self) -> Option<impl Fn(usize, usize) -> SmallVec<[Wish; 2]> + '_> {
        let published = self.published.as_ref();
        let requested = !self.requested_units.is_empty();
        (published.is_some() || requested).then(move || {
            let requests = self.requests;
            move |person: usize, day: usize| {
                let pins = |person, day| published?.pin(person, day);
                let soft = request_wishes(requests);
                let pin_of: Option<PinOf> = published.is_some().then_some(&pins);
                let soft_of: Option<WishOf> = requested.then_some(&soft);
                wishes_of(pin_of, soft_of)(person, day)
            }
        })
    }
}

/// The units whose rotation a run decides before planning day by day: published days kept
/// and requests granted, then the exact search's repairs.
pub struct Decided<'a> {
    pub history: &'a History<'a>,
    /// Published days kept and requests granted, unit by unit.
    pub kept: Kept,
}

impl<'a> Decided<'a> {
    /// Keeps published days and grants requests as far as every guarantee allows.
    pub fn decide(history: &'a History<'a>) -> Decided<'a> {
        let published = history.published.as_ref();
        let units = &history.requested_units;
        let kept = if published.is_none() && units.is_empty() {
            Kept::default()
        } else {
            let pins = |person, day| published?.pin(person, day);
            let soft = request_wishes(history.requests);
            let pin_of: Option<PinOf> = published.is_some().then_some(&pins);
            let soft_of: Option<WishOf> = (!units.is_empty()).then_some(&soft);
            let (resolver, carry) = (history.resolver, &history.carry);
            keep_and_grant(resolver, carry, pin_of, soft_of, units)
        };
        Decided { history, kept }
    }

    /// The units whose rotation is decided before the day-by-day plan.
    pub fn base(&self) -> &Overrides {
        &self.kept.overrides
    }

    /// Plans the window day by day with `overrides` and audits it, writing nothing.
    pub fn rehearse(&self, overrides: &Overrides) -> Report {
        let history = self.history;
        let wishes = history.wishes();
        let wish_of: Option<WishOf> = wishes.as_ref().map(|w| w as WishOf);
        rehearse(history.resolver, &history.carry, overrides, wish_of)
    }

    /// The exact search's repairs of the units the day-by-day plan with the base overrides
    /// left with an unmet guarantee (`audited`: its audit).
    pub fn repairs(&self, audited: &Report) -> Repairs {
        if audited.is_clean() {
            return Repairs::default();
        }
        let history = self.history;
        let wishes = history.wishes();
        let wish_of: Option<WishOf> = wishes.as_ref().map(|w| w as WishOf);
        repairs(
            history.resolver,
            &history.carry,
            audited,
            self.base(),
            wish_of,
        )
    }

    /// The base overrides with the units the repairs `planned`: what the roster is planned
    /// with.
    pub fn repaired(&self, planned: Overrides) -> Overrides {
        let mut overrides = self.base().clone();
        overrides.extend(planned);
        overrides
    }

    /// One person's days in the roster `plan` writes from the same inputs (a rehearsal, its
    /// repairs, then the plan), why each day is what it is, what became of their requests,
    /// and, in a unit no roster can serve, why and what fixes it.
    pub fn explain(&self, person: usize) -> Explanation {
        let history = self.history;
        let (resolver, carry, requests) = (history.resolver, &history.carry, history.requests);
        // A person's rotation depends on everyone in their pool: plan them all.
        let mut repaired = self.repairs(&self.rehearse(self.base()));
        let overrides = self.repaired(std::mem::take(&mut repaired.planned));
        let wishes = history.wishes();
        let mut planner = Planner::new(resolver, carry).with_overrides(&overrides);
        if let Some(wishes) = &wishes {
            planner = planner.with_wishes(wishes as WishOf);
        }
        let mut grants = Grants::new(resolver, requests, carry).with_refusals(&overrides);
        let mut schedule = Vec::with_capacity(resolver.days.len());
        while let Some((day, cells)) = planner.next_day() {
            schedule.push(cells[person]);
            grants.observe_day(day, cells);
        }
        let mut explanation = explain(resolver, person, schedule);
        explanation.requests = (grants.finish().into_iter())
            .filter(|o| requests.list[o.request].person == person)
            .collect();
        let unit = resolver.staff.people[person].unit;
        if repaired.impossible.contains(&unit) {
            explanation.causes = causes(resolver, carry, &[unit]);
        }
        explanation
    }
}
