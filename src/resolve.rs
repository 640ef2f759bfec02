//! Who decides each person-day (SPEC §2 precedence): leave > the staff file's `mode` > a
//! hard request (`--requests`) > the first matching rule > the default split. Shared by the planner and the audit, so both read
//! the policy the same way.

use crate::leave::Leave;
use crate::mode::Mode;
use crate::pattern::{Pattern, fold, words};
use crate::policy::{Effect, Policy, Rule, Split};
pub use crate::pools::PoolKey;
use crate::requests::Requests;
use crate::staff::Staff;
use crate::view::RosterView;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

pub use crate::view::{REQUEST_LABEL, Source};

/// The outcome for one person-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The mode is fixed by leave, the staff file, a hard request or a rule.
    Fixed(Mode),
    /// The person rotates under the split of this source (`Default` or a `Rule`).
    Rotate(Source),
}

pub struct Resolver<'a> {
    pub policy: &'a Policy,
    pub staff: &'a Staff,
    pub leave: &'a Leave,
    /// The requests file, when there is one ([`Resolver::with_requests`]).
    requests: Option<&'a Requests>,
    pub days: Vec<NaiveDate>,
    /// For each person, an index into the candidate lists: the rules whose unit, role, team
    /// and NIP selectors match the person, in policy order. Lists are shared: most people
    /// have the same one as their colleagues.
    candidates: Vec<u32>,
    /// For each candidate list and working day, the first of its rules whose date selectors
    /// admit the day, or [`NO_RULE`]: `first_rule[list * days + day]`. Patterns do not
    /// change from day to day, so a person-day is decided by one look-up.
    first_rule: Vec<u16>,
    /// The rules whose person selectors match no person.
    unmatched: Vec<Unmatched>,
}

/// A rule whose unit, role, team and NIP selectors match no person in the staff file:
/// likely a typo. (A rule whose people exist but whose days fall outside the window is not
/// one.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub rule: usize,
    /// The selectors (`units`, `roles`, `teams`, `nips`) none of whose patterns matches any
    /// value in the staff file. Empty when each matches someone, but nobody matches them all.
    pub dead: Vec<Selector>,
}

/// No rule decides the day.
const NO_RULE: u16 = u16::MAX;

/// The selectors of a rule that look at the person (the others look at the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    Units,
    Roles,
    Teams,
    Nips,
}

impl Selector {
    pub const ALL: [Selector; 4] = [
        Selector::Units,
        Selector::Roles,
        Selector::Teams,
        Selector::Nips,
    ];

    /// The key in the policy file.
    pub fn key(self) -> &'static str {
        match self {
            Selector::Units => "units",
            Selector::Roles => "roles",
            Selector::Teams => "teams",
            Selector::Nips => "nips",
        }
    }

    /// The rule's patterns for this selector, when it has the selector.
    pub fn patterns(self, rule: &Rule) -> Option<&[Pattern]> {
        match self {
            Selector::Units => rule.units.as_deref(),
            Selector::Roles => rule.roles.as_deref(),
            Selector::Teams => rule.teams.as_deref(),
            Selector::Nips => rule.nips.as_deref(),
        }
    }

    /// Its bit in a mask of selectors.
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Counts pattern tests and rule probes in unit tests, so that a test can bound the work of
/// resolving without timing it.
#[cfg(test)]
mod work {
    use std::cell::Cell;
    thread_local!(static DONE: Cell<u64> = const { Cell::new(0) });
    pub fn add(n: usize) {
        DONE.with(|d| d.set(d.get() + n as u64));
    }
    pub fn take() -> u64 {
        DONE.with(|d| d.replace(0))
    }
}
#[cfg(not(test))]
mod work {
    #[inline(always)]
    pub fn add(_: usize) {}
}

/// Every rule's patterns of one selector kind, indexed so that a value finds the rules it
/// satisfies without trying every pattern: word patterns under their first word (a value
/// can only match one whose first word it contains), globs tried in turn.
struct SelectorIndex<'p> {
    by_first_word: FxHashMap<&'p str, Vec<(u16, &'p Pattern)>>,
    globs: Vec<(u16, &'p Pattern)>,
}

impl<'p> SelectorIndex<'p> {
    fn new(rules: &'p [Rule], kind: Selector) -> SelectorIndex<'p> {
        let mut index = SelectorIndex {
            by_first_word: FxHashMap::default(),
            globs: Vec::new(),
        };
        for (r, rule) in rules.iter().enumerate() {
            for pattern in kind.patterns(rule).into_iter().flatten() {
                match pattern {
                    Pattern::Words(words) => index
                        .by_first_word
                        .entry(words[0].as_str())
                        .or_default()
                        .push((r as u16, pattern)),
                    Pattern::Glob(_) => index.globs.push((r as u16, pattern)),
                }
            }
        }
        index
    }

    /// The rules with a pattern of this kind that matches the [`fold`]ed `value`, ascending.
    fn matching(&self, value: &str) -> Vec<u16> {
        let mut rules = Vec::new();
        let mut test = |r: u16, pattern: &Pattern| {
            work::add(1);
            if pattern.matches_folded(value) {
                rules.push(r);
            }
        };
        let mut seen: Vec<&str> = Vec::new();
        for word in words(value) {
            if seen.contains(&word) {
                continue;
            }
            seen.push(word);
            for &(r, pattern) in self.by_first_word.get(word).into_iter().flatten() {
                test(r, pattern);
            }
        }
        for &(r, pattern) in &self.globs {
            test(r, pattern);
        }
        rules.sort_unstable();
        rules.dedup();
        rules
    }
}

/// Shares equal candidate lists between people.
#[derive(Default)]
struct Lists {
    ids: FxHashMap<Vec<u16>, u32>,
    lists: Vec<Vec<u16>>,
}

impl Lists {
    fn intern(&mut self, list: Vec<u16>) -> u32 {
        if let Some(&id) = self.ids.get(&list) {
            return id;
        }
        let id = self.lists.len() as u32;
        self.lists.push(list.clone());
        self.ids.insert(list, id);
        id
    }
}

impl<'a> Resolver<'a> {
    /// Decides once per person which rules' person selectors match (through an index of the
    /// patterns, and once per distinct unit, role and team), then once per distinct list of
    /// such rules which one decides each day: the work grows with staff and rules plus
    /// days, not with their product.
    pub fn new(policy: &'a Policy, staff: &'a Staff, leave: &'a Leave) -> Resolver<'a> {
        let days = policy.period.working_days();
        let rules = &policy.rules;
        // Which person selectors each rule has.
        let kinds: Vec<u8> = rules
            .iter()
            .map(|rule| {
                Selector::ALL
                    .into_iter()
                    .filter(|k| k.patterns(rule).is_some())
                    .fold(0, |mask, k| mask | k.bit())
            })
            .collect();
        // The rules each distinct unit, role and team satisfies, as shared sets: many
        // values satisfy the same rules (often none).
        let mut sets = Lists::default();
        let no_team = sets.intern(Vec::new());
        // For each rule, the kinds whose patterns match some value in the staff file.
        let mut hits = vec![0u8; rules.len()];
        let mut per_value = |kind: Selector, values: &[String]| -> Vec<u32> {
            let index = SelectorIndex::new(rules, kind);
            values
                .iter()
                .map(|v| {
                    let set = index.matching(&fold(v));
                    for &r in &set {
                        hits[r as usize] |= kind.bit();
                    }
                    sets.intern(set)
                })
                .collect()
        };
        let unit_sets = per_value(Selector::Units, &staff.units);
        let role_sets = per_value(Selector::Roles, &staff.roles);
        let team_sets = per_value(Selector::Teams, &staff.teams);
        let nip_index = SelectorIndex::new(rules, Selector::Nips);
        let nips = Selector::Nips.bit();
        let any_nips = kinds.iter().any(|k| k & nips != 0);
        // Rules without person selectors: they match everyone.
        let everyone: Vec<u16> = (0..rules.len() as u16)
            .filter(|&r| kinds[r as usize] == 0)
            .collect();

        let mut lists = Lists::default();
        // Per distinct triple of those sets: the list of the rules without `nips` it passes.
        let mut by_sets: FxHashMap<[u32; 3], u32> = FxHashMap::default();
        let mut passed = vec![0u8; rules.len()];
        let mut candidates = Vec::with_capacity(staff.people.len());
        for person in &staff.people {
            let key = [
                unit_sets[person.unit as usize],
                role_sets[person.role as usize],
                person.team.map_or(no_team, |t| team_sets[t as usize]),
            ];
            let attribute_lists = [
                (
                    Selector::Units.bit(),
                    sets.lists[key[0] as usize].as_slice(),
                ),
                (
                    Selector::Roles.bit(),
                    sets.lists[key[1] as usize].as_slice(),
                ),
                (
                    Selector::Teams.bit(),
                    sets.lists[key[2] as usize].as_slice(),
                ),
            ];
            let plain = *by_sets.entry(key).or_insert_with(|| {
                let mut touched = Vec::new();
                for (kind, list) in attribute_lists {
                    for &r in list {
                        if passed[r as usize] == 0 {
                            touched.push(r);
                        }
                        passed[r as usize] |= kind;
                    }
                }
                work::add(touched.len() + everyone.len());
                let mut list: Vec<u16> = touched
                    .iter()
                    .copied()
                    .filter(|&r| passed[r as usize] == kinds[r as usize])
                    .chain(everyone.iter().copied())
                    .collect();
                for &r in &touched {
                    passed[r as usize] = 0;
                }
                list.sort_unstable();
                lists.intern(list)
            });
            if !any_nips {
                candidates.push(plain);
                continue;
            }
            // The rules whose `nips` match this person and whose other selectors pass.
            let by_nip: Vec<u16> = nip_index
                .matching(&fold(staff.nip(person)))
                .into_iter()
                .inspect(|&r| hits[r as usize] |= nips)
                .filter(|&r| {
                    attribute_lists.iter().all(|&(kind, list)| {
                        kinds[r as usize] & kind == 0 || list.binary_search(&r).is_ok()
                    })
                })
                .collect();
            if by_nip.is_empty() {
                candidates.push(plain);
                continue;
            }
            let mut list = lists.lists[plain as usize].clone();
            list.extend(by_nip);
            list.sort_unstable();
            candidates.push(lists.intern(list));
        }

        let mut used = vec![false; lists.lists.len()];
        for &id in &candidates {
            used[id as usize] = true;
        }
        let mut matches_someone = vec![false; rules.len()];
        for (list, _) in lists.lists.iter().zip(&used).filter(|(_, used)| **used) {
            for &r in list {
                matches_someone[r as usize] = true;
            }
        }
        let unmatched = (0..rules.len())
            .filter(|&r| !matches_someone[r])
            .map(|rule| Unmatched {
                rule,
                dead: Selector::ALL
                    .into_iter()
                    .filter(|k| kinds[rule] & k.bit() != 0 && hits[rule] & k.bit() == 0)
                    .collect(),
            })
            .collect();
        let first_rule = first_rules(rules, &days, &lists.lists);
        Resolver {
            policy,
            staff,
            leave,
            requests: None,
            days,
            candidates,
            first_rule,
            unmatched,
        }
    }

    /// Hard requests fix their days (after leave and the staff file's `mode`, before the
    /// rules); soft ones are the planner's. `requests` must have been read against this
    /// resolver's working days.
    pub fn with_requests(mut self, requests: &'a Requests) -> Resolver<'a> {
        self.requests = (!requests.is_empty()).then_some(requests);
        self
    }

    /// The requests file, when the run has one with requests in the window.
    pub fn requests(&self) -> Option<&'a Requests> {
        self.requests
    }

    pub fn decide(&self, person: usize, day: usize) -> (Source, Decision) {
        if self.leave.is_on_leave(person, self.days[day]) {
            return (Source::Leave, Decision::Fixed(Mode::Leave));
        }
        if let Some(mode) = self.staff.people[person].mode {
            return (Source::Staff, Decision::Fixed(mode));
        }
        if let Some(mode) = self.requests.and_then(|r| r.hard(person, day)) {
            return (Source::Request, Decision::Fixed(mode));
        }
        let list = self.candidates[person] as usize;
        match self.first_rule[list * self.days.len() + day] {
            NO_RULE => (Source::Default, Decision::Rotate(Source::Default)),
            rule => {
                let source = Source::Rule(rule);
                match self.policy.rules[rule as usize].effect {
                    Effect::Mode(mode) => (source, Decision::Fixed(mode)),
                    Effect::Split(_) => (source, Decision::Rotate(source)),
                }
            }
        }
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
        crate::view::source_label(self.policy, source)
    }

    /// What the writers see of this run.
    pub fn view(&self) -> RosterView<'_> {
        RosterView {
            policy: self.policy,
            staff: self.staff,
            leave: self.leave,
            requests: self.requests,
            days: &self.days,
        }
    }

    /// The rules whose person selectors match no person, in policy order.
    pub fn rules_matching_nobody(&self) -> &[Unmatched] {
        &self.unmatched
    }
}

/// For each candidate list and working day, the first rule of the list whose date selectors
/// admit the day. A list's rules are taken in order and each fills the days still open, so a
/// list costs its length plus the days its rules admit, not its length times the days; a
/// rule that admits the same days as an earlier rule of the list is skipped whole.
fn first_rules(rules: &[Rule], days: &[NaiveDate], lists: &[Vec<u16>]) -> Vec<u16> {
    let mut day_sets: FxHashMap<Vec<u32>, u32> = FxHashMap::default();
    let admitted: Vec<(u32, Vec<u32>)> = rules
        .iter()
        .map(|rule| {
            let set: Vec<u32> = (0..days.len() as u32)
                .filter(|&d| rule.applies_on(days[d as usize]))
                .collect();
            let next = day_sets.len() as u32;
            (*day_sets.entry(set.clone()).or_insert(next), set)
        })
        .collect();
    let mut first = vec![NO_RULE; lists.len() * days.len()];
    let mut seen: Vec<u32> = Vec::new();
    for (list, row) in lists.iter().zip(first.chunks_mut(days.len().max(1))) {
        let mut open = days.len();
        seen.clear();
        for &r in list {
            if open == 0 {
                break;
            }
            work::add(1);
            let (set_id, set) = &admitted[r as usize];
            if set.is_empty() || seen.contains(set_id) {
                continue;
            }
            seen.push(*set_id);
            for &d in set {
                work::add(1);
                if row[d as usize] == NO_RULE {
                    row[d as usize] = r;
                    open -= 1;
                }
            }
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    const HEAD: &str = "name = \"t\"\n[period]\nstart = 2025-03-03\nend = 2025-03-28\n[split]\nWFO = 50\nWFH = 50\n";

    fn staff(text: &str) -> Staff {
        Staff::from_reader(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            "s.csv",
        )
        .unwrap()
    }

    /// `people` people in 7 units, 5 roles and 3 teams (one in 4 without a team).
    fn many_people(people: usize) -> String {
        let mut text = "nip,name,unit,role,team\n".to_owned();
        for i in 0..people {
            let team = if i % 4 == 0 {
                String::new()
            } else {
                format!("Tim {}", i % 3)
            };
            let _ = writeln!(
                text,
                "{},P{i},Dinas {} Kota,{} Umum,{team}",
                198000000000000000u64 + i as u64,
                i % 7,
                ["Bendahara", "Staf", "Pengawas", "Analis", "Kepala"][i % 5]
            );
        }
        text
    }

    /// What SPEC §2 says, the slow way: the first rule whose every selector matches.
    fn reference(r: &Resolver, person: usize, day: usize) -> Option<u16> {
        let p = &r.staff.people[person];
        let team = r.staff.team(p);
        let matches = |list: &Option<Vec<Pattern>>, value: &str, present: bool| {
            list.as_ref()
                .is_none_or(|l| present && l.iter().any(|pat| pat.matches(value)))
        };
        r.policy
            .rules
            .iter()
            .position(|rule| {
                matches(&rule.units, r.staff.unit(p), true)
                    && matches(&rule.roles, r.staff.role(p), true)
                    && matches(&rule.teams, team, !team.is_empty())
                    && matches(&rule.nips, r.staff.nip(p), true)
                    && rule.applies_on(r.days[day])
            })
            .map(|i| i as u16)
    }

    #[test]
    fn decides_like_the_first_matching_rule() {
        let mut policy = HEAD.to_owned();
        let rules = [
            "nips = [\"198000000000000003\", \"198000000000000010\"]\nweekdays = [\"mon\"]",
            "units = [\"dinas 1\"]\nroles = [\"bendahara\"]",
            "units = [\"Dinas 2*\", \"dinas 3 kota\"]\nteams = [\"tim 1\"]\nfrom = 2025-03-10",
            "roles = [\"*umum\"]\nnips = [\"1980000000000000?5\"]",
            "teams = [\"tim\"]\ndates = [2025-03-05, 2025-03-20]",
            "units = [\"kota\"]\nroles = [\"staf\"]\nweekdays = [\"fri\"]\nto = 2025-03-21",
            "dates = [2025-03-12]",
            "units = [\"dinas 4\"]",
            "units = [\"nowhere\"]",
        ];
        for (i, selectors) in rules.iter().enumerate() {
            let _ = write!(
                policy,
                "[[rule]]\nname = \"r{i}\"\n{selectors}\nmode = \"WFO\"\n"
            );
        }
        let policy = Policy::parse(&policy, "p.toml").unwrap();
        let staff = staff(&many_people(120));
        let leave = Leave::default();
        let r = Resolver::new(&policy, &staff, &leave);
        for person in 0..staff.people.len() {
            for day in 0..r.days.len() {
                let expected = match reference(&r, person, day) {
                    Some(i) => Source::Rule(i),
                    None => Source::Default,
                };
                assert_eq!(
                    r.decide(person, day).0,
                    expected,
                    "person {person}, day {day}"
                );
            }
        }
        assert_eq!(
            r.rules_matching_nobody(),
            [Unmatched {
                rule: 8,
                dead: vec![Selector::Units]
            }]
        );
    }

    /// Leave > the staff file's `mode` > a hard request > the rules; soft requests change
    /// nothing here.
    #[test]
    fn hard_requests_come_after_leave_and_the_staff_mode_and_before_rules() {
        let policy = format!(
            "{HEAD}[[rule]]\nname = \"Bendahara\"\nroles = [\"bendahara\"]\nmode = \"WFO\"\n"
        );
        let policy = Policy::parse(&policy, "p.toml").unwrap();
        let staff =
            staff("nip,name,unit,role,mode\n1,A,U,Bendahara,\n2,B,U,Staf,WFO\n3,C,U,Staf,\n");
        let leave = Leave::from_reader(
            Box::new(std::io::Cursor::new(
                b"nip,from,to\n1,2025-03-04,2025-03-04\n".to_vec(),
            )),
            "l.csv",
            &staff,
        )
        .unwrap();
        let days = policy.period.working_days();
        let requests = Requests::from_reader(
            Box::new(std::io::Cursor::new(
                b"nip,from,to,wish,strength\n1,2025-03-03,2025-03-05,WFH,hard\n2,2025-03-03,2025-03-03,WFA,hard\n3,2025-03-03,2025-03-03,WFH,soft\n".to_vec(),
            )),
            "r.csv",
            &staff,
            &policy,
            &days,
        )
        .unwrap();
        let r = Resolver::new(&policy, &staff, &leave).with_requests(&requests);
        let p = |nip: &str| staff.index_by_nip()[nip];
        let wfh = (Source::Request, Decision::Fixed(Mode::Wfh));
        assert_eq!(r.decide(p("1"), 0), wfh);
        assert_eq!(
            r.decide(p("1"), 1),
            (Source::Leave, Decision::Fixed(Mode::Leave))
        );
        assert_eq!(r.decide(p("1"), 2), wfh);
        assert_eq!(
            r.decide(p("1"), 3),
            (Source::Rule(0), Decision::Fixed(Mode::Wfo))
        );
        assert_eq!(
            r.decide(p("2"), 0),
            (Source::Staff, Decision::Fixed(Mode::Wfo))
        );
        assert_eq!(
            r.decide(p("3"), 0),
            (Source::Default, Decision::Rotate(Source::Default))
        );
        assert_eq!(r.source_label(Source::Request), "request");
    }

    /// Issue 13 item 12: many rules (or one rule of many patterns) against many people cost
    /// rules + people + days, not rules × people (× days). Counted, not timed.
    #[test]
    fn work_grows_with_rules_plus_people() {
        let people = 600;
        let rules = 600;
        let staff = staff(&many_people(people));
        let leave = Leave::default();
        let mut by_nip = HEAD.to_owned();
        let mut dated = HEAD.to_owned();
        let mut patterns = Vec::new();
        for i in 0..rules {
            let nip = 198000000000000000u64 + 3 * i as u64;
            let _ = write!(
                by_nip,
                "[[rule]]\nname = \"n{i}\"\nnips = [\"{nip}\"]\nmode = \"WFO\"\n"
            );
            // Rules for other periods: they match everyone and admit no day of this one.
            let _ = write!(
                dated,
                "[[rule]]\nname = \"d{i}\"\nroles = [\"umum\"]\ndates = [2024-01-{:02}]\nmode = \"WFO\"\n",
                1 + i % 28
            );
            patterns.push(format!("\"{nip}\""));
        }
        let one_rule = format!(
            "{HEAD}[[rule]]\nname = \"one\"\nnips = [{}]\nmode = \"WFO\"\n",
            patterns.join(", ")
        );
        for text in [by_nip, dated, one_rule] {
            let policy = Policy::parse(&text, "p.toml").unwrap();
            work::take();
            let r = Resolver::new(&policy, &staff, &leave);
            for person in 0..people {
                for day in 0..r.days.len() {
                    r.decide(person, day);
                }
            }
            let done = work::take();
            let bound = 20 * (rules + people + r.days.len()) as u64;
            assert!(
                done <= bound,
                "{done} steps for {rules} rules and {people} people"
            );
        }
    }
}
