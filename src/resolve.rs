//! Who decides each person-day (SPEC §2 precedence): leave > the staff file's `mode` > the
//! first matching rule > the default split. Shared by the planner and the audit, so both read
//! the policy the same way.

use crate::leave::Leave;
use crate::mode::Mode;
use crate::pattern::{Pattern, fold};
use crate::policy::{Effect, Policy, Split};
pub use crate::pools::PoolKey;
use crate::staff::{Id, Staff};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// What decided a person-day; written in the roster's `rule` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Default,
    Rule(u16),
    Staff,
    Leave,
}

/// The outcome for one person-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The mode is fixed by leave, the staff file or a rule.
    Fixed(Mode),
    /// The person rotates under the split of this source (`Default` or a `Rule`).
    Rotate(Source),
}

pub struct Resolver<'a> {
    pub policy: &'a Policy,
    pub staff: &'a Staff,
    pub leave: &'a Leave,
    pub days: Vec<NaiveDate>,
    /// For each rule, whether its date selectors admit each working day.
    rule_days: Vec<Vec<bool>>,
    /// For each person, an index into `candidate_lists`: the rules whose unit, role, team
    /// and NIP selectors match the person, in policy order.
    candidates: Vec<u32>,
    candidate_lists: Vec<Vec<u16>>,
}

fn any_match(patterns: &Option<Vec<Pattern>>, folded: Option<&str>) -> bool {
    match (patterns, folded) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(list), Some(value)) => list.iter().any(|p| p.matches_folded(value)),
    }
}

impl<'a> Resolver<'a> {
    pub fn new(policy: &'a Policy, staff: &'a Staff, leave: &'a Leave) -> Resolver<'a> {
        let days = policy.period.working_days();
        let rule_days = policy
            .rules
            .iter()
            .map(|r| days.iter().map(|&d| r.applies_on(d)).collect())
            .collect();
        let folded_units: Vec<String> = staff.units.iter().map(|u| fold(u)).collect();
        let folded_roles: Vec<String> = staff.roles.iter().map(|r| fold(r)).collect();
        let folded_teams: Vec<String> = staff.teams.iter().map(|t| fold(t)).collect();
        // The rules whose unit, role and team selectors match, per distinct (unit, role,
        // team): a few thousand combinations even for millions of people.
        let mut by_attributes: FxHashMap<(Id, Id, Option<Id>), Vec<u16>> = FxHashMap::default();
        let mut list_ids: FxHashMap<Vec<u16>, u32> = FxHashMap::default();
        let mut candidate_lists: Vec<Vec<u16>> = Vec::new();
        let by_nip = policy.rules.iter().any(|r| r.nips.is_some());
        let mut candidates = Vec::with_capacity(staff.people.len());
        for person in &staff.people {
            let attributes = by_attributes
                .entry((person.unit, person.role, person.team))
                .or_insert_with(|| {
                    policy
                        .rules
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| {
                            any_match(&r.units, Some(&folded_units[person.unit as usize]))
                                && any_match(&r.roles, Some(&folded_roles[person.role as usize]))
                                && any_match(
                                    &r.teams,
                                    person.team.map(|t| folded_teams[t as usize].as_str()),
                                )
                        })
                        .map(|(i, _)| i as u16)
                        .collect()
                });
            // Without `nips` selectors the list is the attributes' own, already interned.
            let id = if !by_nip && let Some(&id) = list_ids.get(attributes.as_slice()) {
                id
            } else {
                let nip = fold(staff.nip(person));
                let list: Vec<u16> = attributes
                    .iter()
                    .copied()
                    .filter(|&i| any_match(&policy.rules[i as usize].nips, Some(&nip)))
                    .collect();
                let next = candidate_lists.len() as u32;
                *list_ids.entry(list.clone()).or_insert_with(|| {
                    candidate_lists.push(list);
                    next
                })
            };
            candidates.push(id);
        }
        Resolver {
            policy,
            staff,
            leave,
            days,
            rule_days,
            candidates,
            candidate_lists,
        }
    }

    /// The rules whose non-date selectors match this person, in policy order.
    pub fn candidate_rules(&self, person: usize) -> &[u16] {
        &self.candidate_lists[self.candidates[person] as usize]
    }

    pub fn decide(&self, person: usize, day: usize) -> (Source, Decision) {
        if self.leave.is_on_leave(person, self.days[day]) {
            return (Source::Leave, Decision::Fixed(Mode::Leave));
        }
        if let Some(mode) = self.staff.people[person].mode {
            return (Source::Staff, Decision::Fixed(mode));
        }
        for &rule in self.candidate_rules(person) {
            if self.rule_days[rule as usize][day] {
                let source = Source::Rule(rule);
                return match self.policy.rules[rule as usize].effect {
                    Effect::Mode(mode) => (source, Decision::Fixed(mode)),
                    Effect::Split(_) => (source, Decision::Rotate(source)),
                };
            }
        }
        (Source::Default, Decision::Rotate(Source::Default))
    }

    /// The split a rotating source shares out.
    pub fn split(&self, source: Source) -> Split {
        match source {
            Source::Rule(i) => match self.policy.rules[i as usize].effect {
                Effect::Split(split) => split,
                Effect::Mode(_) => self.policy.split,
            },
            _ => self.policy.split,
        }
    }

    /// The text of the roster's `rule` column.
    pub fn source_label(&self, source: Source) -> &str {
        match source {
            Source::Default => "",
            Source::Rule(i) => &self.policy.rules[i as usize].name,
            Source::Staff => "staff",
            Source::Leave => "leave",
        }
    }

    /// Rules that match no person on any working day: likely a typo.
    pub fn unused_rules(&self) -> Vec<usize> {
        let mut used = vec![false; self.policy.rules.len()];
        for list in &self.candidate_lists {
            for &r in list {
                used[r as usize] = true;
            }
        }
        (0..self.policy.rules.len())
            .filter(|&r| !used[r] || !self.rule_days[r].iter().any(|&d| d))
            .collect()
    }
}
