//! The one pipeline every planning command runs: the files a command settled are read
//! ([`Loaded`]), resolved ([`Loaded::resolver`]), and planned ([`Decided`]): the history
//! carried in, the published days kept and the requests granted, a rehearsal audited and the
//! units it leaves unmet repaired. Decisions only: nothing here writes or prints, so that
//! `plan` writes and `explain` explains the very same roster.

use crate::audit::Report;
use crate::carry::Carry;
use crate::error::Result;
use crate::input::Options;
use crate::leave::Leave;
use crate::planner::{
    Kept, Overrides, PinOf, Repairs, Wish, WishOf, keep_and_grant, rehearse, repairs,
    request_wishes, requested_units, wishes_of,
};
use crate::policy::Policy;
use crate::published::Published;
use crate::requests::Requests;
use crate::resolve::{Decision, Resolver};
use crate::roster_file::{Dating, RosterRow};
use crate::staff::{Id, Staff};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::path::{Path, PathBuf};

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

/// What a run decided before anything is planned day by day: the history it continues, the
/// published roster it keeps, and the units whose rotation is fixed already (published days
/// kept, requests granted).
pub struct Decided<'a> {
    pub resolver: &'a Resolver<'a>,
    /// The history: `--previous`, and the published days before the window.
    pub carry: Carry,
    pub published: Option<Published>,
    /// Published days kept and requests granted, unit by unit.
    pub kept: Kept,
    requests: &'a Requests,
    /// The units with a soft request: only there do requests make wishes.
    requested_units: Vec<Id>,
    rule_of: Option<RuleOf<'a>>,
}

impl<'a> Decided<'a> {
    /// Reads the history and the published roster, then keeps published days and grants
    /// requests as far as every guarantee allows.
    pub fn decide(
        resolver: &'a Resolver<'a>,
        sources: &Sources,
        loaded: &'a Loaded,
    ) -> Result<Decided<'a>> {
        let policy = resolver.policy;
        // A published roster's days before the window are history, like an earlier roster's.
        let history: Vec<(PathBuf, Dating)> = (sources.previous.iter())
            .map(|f| (f.clone(), Dating::Before(policy.period.start)))
            .chain((sources.published.iter()).map(|f| {
                let (start, end) = sources.period;
                (f.clone(), Dating::Within(start, end))
            }))
            .collect();
        let carry = if history.is_empty() {
            Carry::default()
        } else {
            Carry::read_dated(resolver, &history, sources.options)?
        };
        let rule_of = loaded.whole.as_ref().map(|whole| RuleOf {
            over_period: Resolver::new(whole, &loaded.staff, &loaded.leave),
            by_nip: loaded.staff.index_by_nip(),
        });
        let mut decided = Decided {
            resolver,
            carry,
            published: None,
            kept: Kept::default(),
            requests: &loaded.requests,
            requested_units: requested_units(&loaded.requests, &loaded.staff),
            rule_of,
        };
        if !sources.published.is_empty() {
            let rule_of = |row: &RosterRow| decided.rule_of(row);
            let published = Published::read(
                resolver,
                sources.published,
                sources.period,
                sources.options,
                &rule_of,
            )?;
            decided.published = Some(published);
        }
        decided.kept = decided.keep_and_grant();
        Ok(decided)
    }

    /// The `rule` of a published history row from a roster without that column (empty when
    /// there is no published roster).
    pub fn rule_of(&self, row: &RosterRow) -> String {
        self.rule_of
            .as_ref()
            .map_or_else(String::new, |r| r.of(row))
    }

    /// The wishes the day-by-day planner breaks ties toward: published days and soft
    /// requests; none without either.
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

    fn keep_and_grant(&self) -> Kept {
        let published = self.published.as_ref();
        if published.is_none() && self.requested_units.is_empty() {
            return Kept::default();
        }
        let pins = |person, day| published?.pin(person, day);
        let soft = request_wishes(self.requests);
        let pin_of: Option<PinOf> = published.is_some().then_some(&pins);
        let soft_of: Option<WishOf> = (!self.requested_units.is_empty()).then_some(&soft);
        let (resolver, carry) = (self.resolver, &self.carry);
        keep_and_grant(resolver, carry, pin_of, soft_of, &self.requested_units)
    }

    /// The units whose rotation is decided before the day-by-day plan.
    pub fn base(&self) -> &Overrides {
        &self.kept.overrides
    }

    /// Plans the window day by day with `overrides` and audits it, writing nothing.
    pub fn rehearse(&self, overrides: &Overrides) -> Report {
        let wishes = self.wishes();
        let wish_of: Option<WishOf> = wishes.as_ref().map(|w| w as WishOf);
        rehearse(self.resolver, &self.carry, overrides, wish_of)
    }

    /// The exact search's repairs of the units the day-by-day plan with the base overrides
    /// left with an unmet guarantee (`audited`: its audit).
    pub fn repairs(&self, audited: &Report) -> Repairs {
        if audited.is_clean() {
            return Repairs::default();
        }
        let wishes = self.wishes();
        let wish_of: Option<WishOf> = wishes.as_ref().map(|w| w as WishOf);
        repairs(self.resolver, &self.carry, audited, self.base(), wish_of)
    }

    /// The base overrides with the units the repairs `planned`: what the roster is planned
    /// with.
    pub fn repaired(&self, planned: Overrides) -> Overrides {
        let mut overrides = self.base().clone();
        overrides.extend(planned);
        overrides
    }
}
