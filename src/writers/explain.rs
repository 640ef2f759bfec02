//! `roster explain` as text: the person, the rules in order, the days each source decided,
//! and the schedule as a compact calendar.

use crate::calendar::hari;
use crate::explain::Explanation;
use crate::policy::{Effect, Split};
use crate::resolve::{Resolver, Source};
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

fn effect_text(effect: &Effect) -> String {
    match effect {
        Effect::Mode(m) => m.to_string(),
        Effect::Split(s) => format!("rotates {}", split_text(s)),
    }
}

/// Working days as compact ranges: `2025-03-24..2025-03-27, 2025-04-08`. A range runs over
/// consecutive working days with only non-workdays (a weekend) between them; a holiday
/// ends it, so a range never hides a day off.
fn day_ranges(resolver: &Resolver, days: &[usize]) -> String {
    let period = &resolver.policy.period;
    let adjacent = |a: usize, b: usize| {
        b == a + 1
            && resolver.days[a]
                .iter_days()
                .skip(1)
                .take_while(|d| *d < resolver.days[b])
                .all(|d| !period.workdays.contains(&d.weekday()))
    };
    let mut parts = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && adjacent(days[j], days[j + 1]) {
            j += 1;
        }
        let (a, b) = (resolver.days[days[i]], resolver.days[days[j]]);
        parts.push(if i == j {
            a.to_string()
        } else {
            format!("{a}..{b}")
        });
        i = j + 1;
    }
    const SHOWN: usize = 6;
    if parts.len() > SHOWN {
        let more = parts.len() - SHOWN;
        parts.truncate(SHOWN);
        parts.push(format!("... and {more} more"));
    }
    parts.join(", ")
}

pub fn render(resolver: &Resolver, e: &Explanation) -> String {
    let staff = resolver.staff;
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
    let _ = writeln!(out, "  unit: {}", staff.unit(p));
    let _ = writeln!(out, "  team: {}", dash(staff.team(p)));
    let _ = writeln!(out, "  role: {}", dash(staff.role(p)));
    let _ = writeln!(
        out,
        "  staff file mode: {}",
        p.mode
            .map_or("- (rotates unless a rule fixes it)".to_owned(), |m| m
                .to_string())
    );
    let period = &resolver.policy.period;
    let leave: Vec<_> = resolver
        .leave
        .ranges(e.person)
        .iter()
        .filter(|(from, to)| *to >= period.start && *from <= period.end)
        .collect();
    if !leave.is_empty() {
        let list: Vec<String> = leave.iter().map(|(a, b)| format!("{a}..{b}")).collect();
        let _ = writeln!(out, "  leave: {}", list.join(", "));
    }
    let _ = writeln!(
        out,
        "\nRules, top to bottom (the first that matches decides):"
    );
    if e.rules.is_empty() {
        let _ = writeln!(out, "  (the policy has no rules)");
    }
    for rule in &e.rules {
        let _ = write!(
            out,
            "  {}. `{}` (line {}) → {}: ",
            rule.index + 1,
            rule.name,
            rule.line,
            effect_text(&rule.effect)
        );
        let failed: Vec<_> = rule
            .selectors
            .iter()
            .filter(|s| s.matched.is_none())
            .collect();
        if let Some(first) = failed.first() {
            let value = if first.value.is_empty() {
                "(none)".to_owned()
            } else {
                format!("\"{}\"", first.value)
            };
            let _ = writeln!(
                out,
                "does not match: {} {value} matches none of {}",
                first.key,
                first.patterns.join(", ")
            );
            continue;
        }
        let mut why: Vec<String> = rule
            .selectors
            .iter()
            .map(|s| {
                format!(
                    "{} \"{}\" matches {}",
                    s.key,
                    s.value,
                    s.matched.as_deref().unwrap_or("")
                )
            })
            .collect();
        if why.is_empty() {
            why.push("no person selectors (applies to everyone)".to_owned());
        }
        if !rule.dates.is_empty() {
            why.push(format!(
                "{} ({} working days)",
                rule.dates.join(", "),
                rule.admitted_days
            ));
        }
        let _ = writeln!(out, "matches: {}", why.join("; "));
        let earlier = rule.admitted_days.saturating_sub(rule.decided_days.len());
        if rule.decided_days.is_empty() {
            let _ = writeln!(
                out,
                "     decides no day: leave, the staff file or an earlier rule comes first"
            );
        } else if earlier > 0 {
            let _ = writeln!(
                out,
                "     decides {} day(s); on {earlier} other day(s) it admits, something earlier decides",
                rule.decided_days.len()
            );
        }
    }
    let _ = writeln!(out, "\nDays ({} working days):", resolver.days.len());
    for (source, days) in &e.decided {
        let what = match source {
            Source::Leave => "leave".to_owned(),
            Source::Staff => format!(
                "staff file mode {}",
                p.mode.map(|m| m.to_string()).unwrap_or_default()
            ),
            Source::Rule(i) => format!("rule `{}`", resolver.policy.rules[*i as usize].name),
            Source::Default => format!("default split ({})", split_text(&resolver.policy.split)),
        };
        let _ = writeln!(
            out,
            "  {what}: {} day(s): {}",
            days.len(),
            day_ranges(resolver, days)
        );
    }
    let _ = writeln!(out, "\nSchedule:");
    out.push_str(&calendar(resolver, e));
    out
}

/// One line per ISO week, one column per workday: the mode, `·` for a day off.
fn calendar(resolver: &Resolver, e: &Explanation) -> String {
    let period = &resolver.policy.period;
    let mut workdays = period.workdays.clone();
    workdays.sort_by_key(|d| d.num_days_from_monday());
    let mut out = String::from("  week    ");
    for d in &workdays {
        let _ = write!(out, " {:<6}", hari(*d));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    let mode_on = |date: NaiveDate| {
        resolver
            .days
            .binary_search(&date)
            .ok()
            .map(|i| e.schedule[i].mode.code())
    };
    let first_monday =
        period.start - chrono::Days::new(period.start.weekday().num_days_from_monday().into());
    let mut monday = first_monday;
    while monday <= period.end {
        let week = monday.iso_week();
        let _ = write!(out, "  {}-W{:02}", week.year(), week.week());
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
        monday = monday + chrono::Days::new(7);
    }
    out
}
