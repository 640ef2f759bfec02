//! Why a person's days are what they are: which rule (or leave, or the staff file's `mode`)
//! decided each day, which selectors matched, and why earlier rules did not.

use crate::pattern::Pattern;
use crate::planner::Cell;
use crate::policy::{Effect, Rule};
use crate::resolve::{Resolver, Source};

/// One selector of a rule, checked against the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectorCheck {
    pub key: &'static str,
    pub value: String,
    /// The first pattern that matched, if any.
    pub matched: Option<String>,
    pub patterns: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RuleCheck {
    pub index: usize,
    pub name: String,
    pub line: usize,
    pub effect: Effect,
    pub selectors: Vec<SelectorCheck>,
    /// The rule's date selectors (`weekdays`, `dates`, `from`, `to`).
    pub dates: Vec<DateSelector>,
    /// Working days its date selectors admit.
    pub admitted_days: usize,
    /// Working days on which it decided the person's mode.
    pub decided_days: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Explanation {
    pub person: usize,
    pub rules: Vec<RuleCheck>,
    /// The working days each source decided, in order of first appearance.
    pub decided: Vec<(Source, Vec<usize>)>,
    /// The person's cell on each working day.
    pub schedule: Vec<Cell>,
    /// What became of each day of the person's requests.
    pub requests: Vec<crate::grants::Outcome>,
    /// In a unit no roster can serve: why, and the smallest changes that fix it.
    pub causes: Vec<crate::planner::causes::Finding>,
}

fn check(key: &'static str, patterns: &Option<Vec<Pattern>>, value: &str) -> Option<SelectorCheck> {
    let list = patterns.as_ref()?;
    let matched = if key == "teams" && value.is_empty() {
        None
    } else {
        list.iter()
            .find(|p| p.matches(value))
            .map(std::string::ToString::to_string)
    };
    Some(SelectorCheck {
        key,
        value: value.to_owned(),
        matched,
        patterns: list.iter().map(std::string::ToString::to_string).collect(),
    })
}

/// One of a rule's date selectors, by its key in the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSelector {
    Weekdays(Vec<chrono::Weekday>),
    Dates(Vec<chrono::NaiveDate>),
    From(chrono::NaiveDate),
    To(chrono::NaiveDate),
}

/// The rule's date selectors.
fn date_selectors(rule: &Rule) -> Vec<DateSelector> {
    let mut out = Vec::new();
    if let Some(days) = &rule.weekdays {
        out.push(DateSelector::Weekdays(days.clone()));
    }
    if let Some(dates) = &rule.dates {
        out.push(DateSelector::Dates(dates.iter().copied().collect()));
    }
    if let Some(from) = rule.from {
        out.push(DateSelector::From(from));
    }
    if let Some(to) = rule.to {
        out.push(DateSelector::To(to));
    }
    out
}

/// Explains `person`'s days; `schedule` is their cell on each working day, from the planner.
pub fn explain(resolver: &Resolver, person: usize, schedule: Vec<Cell>) -> Explanation {
    let staff = resolver.staff;
    let p = &staff.people[person];
    let mut decided: Vec<(Source, Vec<usize>)> = Vec::new();
    for day in 0..resolver.days.len() {
        let (source, _) = resolver.decide(person, day);
        match decided.iter_mut().find(|(s, _)| *s == source) {
            Some((_, days)) => days.push(day),
            None => decided.push((source, vec![day])),
        }
    }
    let rules = resolver
        .policy
        .rules
        .iter()
        .enumerate()
        .map(|(index, rule)| {
            let selectors = [
                check("units", &rule.units, staff.unit(p)),
                check("roles", &rule.roles, staff.role(p)),
                check("teams", &rule.teams, staff.team(p)),
                check("nips", &rule.nips, staff.nip(p)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let decided_days = decided
                .iter()
                .find(|(s, _)| *s == Source::Rule(index as u16))
                .map(|(_, d)| d.clone())
                .unwrap_or_default();
            RuleCheck {
                index,
                name: rule.name.clone(),
                line: rule.line,
                effect: rule.effect,
                selectors,
                dates: date_selectors(rule),
                admitted_days: resolver
                    .days
                    .iter()
                    .filter(|d| rule.applies_on(**d))
                    .count(),
                decided_days,
            }
        })
        .collect();
    Explanation {
        person,
        rules,
        decided,
        schedule,
        requests: Vec::new(),
        causes: Vec::new(),
    }
}
