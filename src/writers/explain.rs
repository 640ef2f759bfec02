//! `roster explain` as text: the person, the rules in order, the days each source decided,
//! and the schedule as a compact calendar.

use crate::catalogue::Render;
use crate::explain::DateSelector;
use crate::explain::Explanation;
use crate::facts::run::{Candidate, Candidates};
use crate::grants::Outcome;
use crate::lang::{ExplainTexts as Words, Lang};
use crate::policy::{Effect, Split};
use crate::requests::{Request, Strength, When};
use crate::staff::Staff;
use crate::view::{RosterView, Source};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

fn split_text(split: &Split) -> String {
    let parts: Vec<String> = crate::mode::Mode::SPLIT
        .iter()
        .zip(split.0)
        .filter(|(_, share)| *share > 0)
        .map(|(m, share)| format!("{m} {share}%"))
        .collect();
    parts.join(" / ")
}

fn effect_text(effect: &Effect, w: &Words) -> String {
    match effect {
        Effect::Mode(m) => m.to_string(),
        Effect::Split(s) => format!("{} {}", w.rotates, split_text(s)),
    }
}

/// Working days as compact ranges: `2025-03-24..2025-03-27, 2025-04-08`. A range runs over
/// consecutive working days with only non-workdays (a weekend) between them; a holiday
/// ends it, so a range never hides a day off.
fn day_ranges(view: &RosterView, days: &[usize], w: &Words, lang: Lang) -> String {
    let period = &view.policy.period;
    let adjacent = |a: usize, b: usize| {
        b == a + 1
            && view.days[a]
                .iter_days()
                .skip(1)
                .take_while(|d| *d < view.days[b])
                .all(|d| !period.workdays.contains(&d.weekday()))
    };
    let mut parts = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && adjacent(days[j], days[j + 1]) {
            j += 1;
        }
        let (a, b) = (view.days[days[i]], view.days[days[j]]);
        parts.push(match lang {
            Lang::En if i == j => a.to_string(),
            Lang::En => format!("{a}..{b}"),
            // 24 Mar 2025, 24–27 Mar 2025: dates as they are written in Indonesia.
            Lang::Id => lang.days(a, b),
        });
        i = j + 1;
    }
    const SHOWN: usize = 6;
    if parts.len() > SHOWN {
        let more = parts.len() - SHOWN;
        parts.truncate(SHOWN);
        parts.push(format!("... {}", w.more.replace("{}", &more.to_string())));
    }
    parts.join(", ")
}

/// A rule's date selector by its key in the policy, its dates as people read them:
/// `weekdays: thu`, `from 24/03/2025`.
fn date_selector(selector: &DateSelector, lang: Lang) -> String {
    match selector {
        DateSelector::Weekdays(days) => {
            let names: Vec<String> = days.iter().map(|d| d.to_string().to_lowercase()).collect();
            format!("weekdays: {}", names.join(", "))
        }
        DateSelector::Dates(dates) => {
            let list: Vec<String> = dates.iter().map(|d| lang.date(*d)).collect();
            format!("dates: {}", list.join(", "))
        }
        DateSelector::From(from) => format!("from {}", lang.date(*from)),
        DateSelector::To(to) => format!("to {}", lang.date(*to)),
    }
}

fn words(lang: Lang) -> &'static Words {
    &lang.labels().explain
}

/// How many people a name that matches several lists.
pub const CANDIDATES_SHOWN: usize = 20;

/// The people a name that did not pick one person could be: at most [`CANDIDATES_SHOWN`]
/// of `people`, with NIP, name and unit, and how many there are in all.
pub fn candidates(staff: &Staff, people: &[usize]) -> Candidates {
    let shown = (people.iter().take(CANDIDATES_SHOWN))
        .map(|&person| {
            let p = &staff.people[person];
            Candidate {
                nip: staff.nip(p).to_owned(),
                name: staff.name(p).to_owned(),
                unit: staff.unit(p).to_owned(),
            }
        })
        .collect();
    Candidates {
        shown,
        total: people.len(),
    }
}

pub fn render(view: &RosterView, e: &Explanation, lang: Lang) -> String {
    let w = words(lang);
    let staff = view.staff;
    let p = &staff.people[e.person];
    let mut out = String::new();
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_owned()
        } else {
            s.to_owned()
        }
    };
    let _ = writeln!(out, "{} — {}", staff.nip(p), staff.name(p));
    let _ = writeln!(out, "  {}: {}", w.unit, staff.unit(p));
    let _ = writeln!(out, "  {}: {}", w.team, dash(staff.team(p)));
    let _ = writeln!(out, "  {}: {}", w.role, dash(staff.role(p)));
    let _ = writeln!(
        out,
        "  {}: {}",
        w.staff_mode,
        p.mode
            .map_or(w.rotates_unless.to_owned(), |m| m.to_string())
    );
    let period = &view.policy.period;
    let leave: Vec<_> = view
        .leave
        .ranges(e.person)
        .iter()
        .filter(|(from, to)| *to >= period.start && *from <= period.end)
        .collect();
    if !leave.is_empty() {
        let list: Vec<String> = leave.iter().map(|(a, b)| format!("{a}..{b}")).collect();
        let _ = writeln!(out, "  {}: {}", w.leave, list.join(", "));
    }
    if let Some(requests) = view.requests {
        let mine: Vec<&Request> = requests.of_person(e.person).collect();
        if !mine.is_empty() {
            let _ = writeln!(out, "  {} ({}):", w.requests, requests.file);
        }
        for request in mine {
            let reason = if request.reason.is_empty() {
                String::new()
            } else {
                format!(" — {}", request.reason)
            };
            let _ = writeln!(
                out,
                "    {} {}: {}: {} ({}){reason}",
                w.line,
                request.line,
                when_text(&request.when, w, lang),
                request.wish.render(lang),
                strength_text(request.strength, w),
            );
            // What became of it: how many of its days were granted, and why not the others.
            let index = requests.list.iter().position(|r| std::ptr::eq(r, request));
            let outcomes: Vec<&Outcome> = (e.requests.iter())
                .filter(|o| Some(o.request) == index)
                .collect();
            if !outcomes.is_empty() {
                let granted = outcomes.iter().filter(|o| o.verdict.is_granted()).count();
                let t = &lang.labels().granting;
                let _ = writeln!(
                    out,
                    "      {}",
                    crate::lang::fill_named(
                        t.person_requests,
                        &[
                            ("granted", &granted.to_string()),
                            ("made", &outcomes.len().to_string()),
                        ],
                    )
                );
                for outcome in outcomes.iter().filter(|o| !o.verdict.is_granted()) {
                    // Most reasons name their day; the others get it in front.
                    let date = lang.date(view.days[outcome.day]);
                    let why = super::requests::why(view, outcome, lang);
                    let _ = match why.contains(&date) {
                        true => writeln!(out, "        {why}"),
                        false => writeln!(out, "        {date}: {why}"),
                    };
                }
            }
        }
    }
    let _ = writeln!(out, "\n{}", w.rules);
    if e.rules.is_empty() {
        let _ = writeln!(out, "  {}", w.no_rules);
    }
    for rule in &e.rules {
        let _ = write!(
            out,
            "  {}. `{}` ({} {}) → {}: ",
            rule.index + 1,
            rule.name,
            w.line,
            rule.line,
            effect_text(&rule.effect, w)
        );
        let failed: Vec<_> = rule
            .selectors
            .iter()
            .filter(|s| s.matched.is_none())
            .collect();
        if let Some(first) = failed.first() {
            let value = if first.value.is_empty() {
                w.none.to_owned()
            } else {
                format!("\"{}\"", first.value)
            };
            let line = w
                .no_match
                .replace("{key}", first.key)
                .replace("{value}", &value)
                .replace("{patterns}", &first.patterns.join(", "));
            let _ = writeln!(out, "{line}");
            continue;
        }
        let mut why: Vec<String> = rule
            .selectors
            .iter()
            .map(|s| {
                w.pattern_match
                    .replace("{key}", s.key)
                    .replace("{value}", &s.value)
                    .replace("{pattern}", s.matched.as_deref().unwrap_or(""))
            })
            .collect();
        if why.is_empty() {
            why.push(w.everyone.to_owned());
        }
        if !rule.dates.is_empty() {
            why.push(format!(
                "{} ({} {})",
                rule.dates
                    .iter()
                    .map(|d| date_selector(d, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
                rule.admitted_days,
                w.working_days
            ));
        }
        let _ = writeln!(out, "{}: {}", w.matches, why.join("; "));
        let earlier = rule.admitted_days.saturating_sub(rule.decided_days.len());
        if rule.decided_days.is_empty() {
            let _ = writeln!(out, "     {}", w.decides_none);
        } else if earlier > 0 {
            let line = w
                .decides_some
                .replace("{n}", &rule.decided_days.len().to_string())
                .replace("{k}", &earlier.to_string());
            let _ = writeln!(out, "     {line}");
        }
    }
    let _ = writeln!(
        out,
        "\n{} ({} {}):",
        w.days,
        view.days.len(),
        w.working_days
    );
    for (source, days) in e
        .decided
        .iter()
        .flat_map(|entry| by_request(view, e, entry))
    {
        let what = match source {
            Source::Request => request_text(view, e.person, days[0], w),
            Source::Leave => w.leave.to_owned(),
            Source::Staff => format!(
                "{} {}",
                w.staff_mode,
                p.mode.map(|m| m.to_string()).unwrap_or_default()
            ),
            Source::Rule(i) => format!("{} `{}`", w.rule, view.policy.rules[i as usize].name),
            Source::Default => format!("{} ({})", w.default_split, split_text(&view.policy.split)),
        };
        let _ = writeln!(
            out,
            "  {what}: {} {}: {}",
            days.len(),
            w.day_count,
            day_ranges(view, &days, w, lang)
        );
    }
    let _ = writeln!(out, "\n{}", w.schedule);
    out.push_str(&calendar(view, e, lang, w));
    out
}

/// The days a source decided, those of hard requests split per request.
fn by_request(
    view: &RosterView,
    e: &Explanation,
    (source, days): &(Source, Vec<usize>),
) -> Vec<(Source, Vec<usize>)> {
    let Some(requests) = view.requests.filter(|_| *source == Source::Request) else {
        return vec![(*source, days.clone())];
    };
    let mut split: Vec<(usize, Vec<usize>)> = Vec::new();
    for &day in days {
        let line = requests.on(e.person, day).map_or(0, |r| r.line);
        match split.iter_mut().find(|(l, _)| *l == line) {
            Some((_, list)) => list.push(day),
            None => split.push((line, vec![day])),
        }
    }
    split
        .into_iter()
        .map(|(_, days)| (Source::Request, days))
        .collect()
}

/// "request (hard): reason", or the request's line when it gives no reason.
fn request_text(view: &RosterView, person: usize, day: usize, w: &Words) -> String {
    let request = view.requests.and_then(|r| r.on(person, day));
    match request {
        Some(r) if !r.reason.is_empty() => format!("{} ({}): {}", w.request, w.hard, r.reason),
        Some(r) => format!("{} ({}, {} {})", w.request, w.hard, w.line, r.line),
        None => format!("{} ({})", w.request, w.hard),
    }
}

fn strength_text(strength: Strength, w: &Words) -> &'static str {
    match strength {
        Strength::Soft => w.soft,
        Strength::Hard => w.hard,
    }
}

/// The days of a request as the file names them: `2025-03-26`, `2025-03-24..2025-03-28`,
/// `every Fri`, `every Mon/Thu 2025-03-24..2025-04-04` (Indonesian dates in Indonesian).
fn when_text(when: &When, w: &Words, lang: Lang) -> String {
    let date = |d: NaiveDate| match lang {
        Lang::En => d.to_string(),
        Lang::Id => lang.date(d),
    };
    match when {
        When::Date(d) => date(*d),
        When::Range(from, to) => format!("{}..{}", date(*from), date(*to)),
        When::Weekdays { days, from, to } => {
            let names: Vec<&str> = days.iter().map(|d| lang.weekday(*d)).collect();
            let mut text = format!("{} {}", w.every, names.join("/"));
            match (from, to) {
                (Some(from), Some(to)) => {
                    let _ = write!(text, " {}..{}", date(*from), date(*to));
                }
                (Some(from), None) => {
                    let _ = write!(text, " {}..", date(*from));
                }
                (None, Some(to)) => {
                    let _ = write!(text, " ..{}", date(*to));
                }
                (None, None) => {}
            }
            text
        }
    }
}

/// One line per week (its dates), one column per workday: the mode, `·` for a day off.
fn calendar(view: &RosterView, e: &Explanation, lang: Lang, w: &Words) -> String {
    let period = &view.policy.period;
    let mut workdays = period.workdays.clone();
    workdays.sort_by_key(chrono::Weekday::num_days_from_monday);
    let first_monday =
        period.start - chrono::Days::new(period.start.weekday().num_days_from_monday().into());
    let mondays: Vec<NaiveDate> = first_monday
        .iter_weeks()
        .take_while(|monday| *monday <= period.end)
        .collect();
    // Each week as the dates of its Monday to Friday, which people place (`24–28 Mar 2025`).
    let labels: Vec<String> = mondays
        .iter()
        .map(|monday| lang.days(*monday, *monday + chrono::Days::new(4)))
        .collect();
    let width = labels
        .iter()
        .map(|l| l.chars().count())
        .chain([w.week.chars().count()])
        .max()
        .unwrap_or_default();
    let pad = |text: &str| {
        let mut text = text.to_owned();
        text.extend(std::iter::repeat_n(' ', width - text.chars().count()));
        text
    };
    let mut out = format!("  {}", pad(w.week));
    for d in &workdays {
        let _ = write!(out, " {:<6}", lang.weekday(*d));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    let mode_on = |date: NaiveDate| {
        view.days
            .binary_search(&date)
            .ok()
            .map(|i| e.schedule[i].mode.code())
    };
    for (monday, label) in mondays.into_iter().zip(&labels) {
        let _ = write!(out, "  {}", pad(label));
        for d in &workdays {
            let date = monday + chrono::Days::new(d.num_days_from_monday().into());
            let cell = if date < period.start || date > period.end {
                ""
            } else {
                mode_on(date).unwrap_or("·")
            };
            let _ = write!(out, " {cell:<6}");
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out
}
