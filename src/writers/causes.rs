//! The causes of units proven impossible and the changes that fix them
//! ([`crate::facts::causes`], found by `planner::causes`), in words: at the top of an exit-3 report, in `explain`, and
//! as rows of `--causes FILE` (CSV or JSON, by the file's extension).

use crate::facts::causes::{Cause, Change, Constraint, Finding, Knob, Week};
use crate::lang::{CauseTexts, Lang, fill_named};
use crate::policy::MinOffice;
use crate::view::RosterView;
use chrono::NaiveDate;
use std::io::Write;

/// How many units and days a sentence names before "and N more".
const NAMED: usize = 3;

/// The findings as the report's opening lines, each wrapped to `width` columns: the cause,
/// the units it holds in, and the changes that fix it.
pub fn render_text(findings: &[Finding], view: &RosterView, lang: Lang, width: usize) -> String {
    let mut text = String::new();
    for finding in findings {
        for line in [
            sentence(&finding.cause, view, lang),
            units_line(finding, view, lang),
            fixes(finding, lang),
        ] {
            // "hari-orang" and "person-days" are one word: never broken at the hyphen.
            let options = textwrap::Options::new(width.max(20))
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            text.push_str(&textwrap::fill(&line, options));
            text.push('\n');
        }
    }
    text
}

/// A list of at most [`NAMED`] items, then "and N more".
fn named_list(items: &[String], lang: Lang) -> String {
    let shown = items.len().min(NAMED);
    let mut list = items[..shown].join(", ");
    if items.len() > shown {
        let more = lang
            .labels()
            .and_more
            .replace("{}", &(items.len() - shown).to_string());
        list = format!("{list} {more}");
    }
    list
}

fn days_list(days: &[NaiveDate], view: &RosterView, lang: Lang) -> String {
    if days.len() > NAMED && days.len() == view.days.len() {
        return lang.labels().causes.every_day.to_owned();
    }
    let days: Vec<String> = days.iter().map(|d| lang.day(*d)).collect();
    named_list(&days, lang)
}

fn week_text(week: &Week, lang: Lang) -> String {
    lang.days(week.first, week.last)
}

fn floor_text(floor: MinOffice) -> String {
    match floor {
        MinOffice::Count(n) => n.to_string(),
        MinOffice::Percent(p) => format!("\"{p}%\""),
    }
}

/// The cause in one sentence.
pub fn sentence(cause: &Cause, view: &RosterView, lang: Lang) -> String {
    let t = &lang.labels().causes;
    let n = |v: &dyn ToString| v.to_string();
    match cause {
        Cause::WeeklyCap {
            cap,
            most,
            asked,
            week,
        } => {
            let values = [
                ("cap", n(cap)),
                ("most", n(most)),
                ("asked", n(asked)),
                (
                    "week",
                    week.map(|w| week_text(&w, lang)).unwrap_or_default(),
                ),
                ("days", week.map(|w| w.days.to_string()).unwrap_or_default()),
            ];
            fill(
                if week.is_some() {
                    t.weekly_cap_week
                } else {
                    t.weekly_cap
                },
                &values,
            )
        }
        Cause::FixedRemote {
            cap,
            needed,
            capacity,
            unfixed,
            week,
        } => fill(
            if week.is_some() {
                t.fixed_remote_week
            } else {
                t.fixed_remote
            },
            &[
                ("cap", n(cap)),
                ("needed", n(needed)),
                ("capacity", n(capacity)),
                ("unfixed", n(unfixed)),
                (
                    "week",
                    week.map(|w| week_text(&w, lang)).unwrap_or_default(),
                ),
                ("days", week.map(|w| w.days.to_string()).unwrap_or_default()),
            ],
        ),
        Cause::OfficeFloor {
            floor,
            required,
            present,
            days,
        } => fill(
            t.office_floor,
            &[
                ("floor", floor_text(*floor)),
                ("required", n(required)),
                ("present", n(present)),
                ("days", days_list(days, view, lang)),
            ],
        ),
        Cause::FixedOffice {
            floor,
            required,
            can,
            days,
        } => fill(
            t.fixed_office,
            &[
                ("floor", floor_text(*floor)),
                ("required", n(required)),
                ("can", n(can)),
                ("days", days_list(days, view, lang)),
            ],
        ),
        Cause::Runs {
            max,
            first,
            last,
            needed,
            capacity,
            holiday,
        } => {
            let span = lang.days(*first, *last);
            let values = [
                ("max", n(max)),
                ("span", span),
                ("needed", n(needed)),
                ("capacity", n(capacity)),
                (
                    "holiday",
                    holiday.map_or(String::new(), |d| holiday_name(view, d, t, lang)),
                ),
            ];
            fill(
                if holiday.is_some() {
                    t.runs_holiday
                } else {
                    t.runs
                },
                &values,
            )
        }
        Cause::OfficeTotals {
            floor,
            office,
            needed,
            allowed,
        } => fill(
            t.office_totals,
            &[
                ("floor", floor_text(*floor)),
                ("office", n(office)),
                ("needed", n(needed)),
                ("allowed", n(allowed)),
            ],
        ),
        Cause::Combination { constraints, days } => {
            if constraints.is_empty() {
                return t.unexplained.to_owned();
            }
            let names: Vec<&str> = constraints.iter().map(|c| constraint_name(*c, t)).collect();
            let values = [
                ("constraints", names.join(", ")),
                ("span", days.map_or(String::new(), |(a, b)| lang.days(a, b))),
            ];
            fill(
                if days.is_some() {
                    t.combination
                } else {
                    t.combination_period
                },
                &values,
            )
        }
    }
}

fn constraint_name(c: Constraint, t: &CauseTexts) -> &'static str {
    let i = Constraint::ALL.iter().position(|&k| k == c).unwrap_or(0);
    t.constraints[i]
}

fn holiday_name(view: &RosterView, date: NaiveDate, t: &CauseTexts, lang: Lang) -> String {
    match view.policy.period.day_off(date) {
        Some(crate::policy::DayOffReason::Calendar(day)) => fill(
            t.holiday_named,
            &[
                ("name", day.name(lang).to_owned()),
                ("date", lang.day(date)),
            ],
        ),
        _ => fill(t.holiday, &[("date", lang.day(date))]),
    }
}

fn fill(template: &str, values: &[(&str, String)]) -> String {
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill_named(template, &values)
}

fn units_line(finding: &Finding, view: &RosterView, lang: Lang) -> String {
    let t = &lang.labels().causes;
    let names: Vec<String> = (finding.units.iter())
        .map(|&u| view.staff.units[u as usize].clone())
        .collect();
    match names.as_slice() {
        [one] => fill(t.one_unit, &[("unit", one.clone())]),
        _ => fill(
            t.units,
            &[
                ("n", names.len().to_string()),
                ("list", named_list(&names, lang)),
            ],
        ),
    }
}

/// One change in words ("raise `max_remote_per_week` to 3").
pub fn change_text(change: &Change, lang: Lang) -> String {
    let t = &lang.labels().causes;
    match change {
        Change::Share { rule, mode, to, .. } => match rule {
            Some(rule) => fill(
                t.share_of_rule,
                &[
                    ("mode", mode.code().to_owned()),
                    ("rule", rule.clone()),
                    ("to", to.to_string()),
                ],
            ),
            None => fill(
                t.share,
                &[("mode", mode.code().to_owned()), ("to", to.to_string())],
            ),
        },
        Change::MaxRemotePerWeek { to, .. } => {
            fill(t.max_remote_per_week, &[("to", to.to_string())])
        }
        Change::MaxConsecutiveRemote { to, .. } => {
            fill(t.max_consecutive_remote, &[("to", to.to_string())])
        }
        Change::MinOffice { to: Some(to), .. } => fill(t.min_office, &[("to", floor_text(*to))]),
        Change::MinOffice { to: None, .. } => t.no_min_office.to_owned(),
        Change::Exempt { units, week } => {
            let list = named_list(units, lang);
            match week {
                Some((first, last)) => fill(
                    t.exempt_week,
                    &[("units", list), ("week", lang.days(*first, *last))],
                ),
                None => fill(t.exempt, &[("units", list)]),
            }
        }
    }
}

/// The changes that fix a finding, as one sentence; or which knobs nothing on fixes.
pub fn fixes(finding: &Finding, lang: Lang) -> String {
    let t = &lang.labels().causes;
    if finding.changes.is_empty() {
        let knobs: Vec<&str> = (finding.tried.iter())
            .map(|k| t.knobs[knob_index(*k)])
            .collect();
        return fill(t.no_change, &[("knobs", knobs.join(", "))]);
    }
    let changes: Vec<String> = finding
        .changes
        .iter()
        .map(|c| change_text(c, lang))
        .collect();
    let mut text = changes.join(t.or);
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text.push('.');
    text
}

fn knob_index(knob: Knob) -> usize {
    match knob {
        Knob::Share => 0,
        Knob::MaxRemotePerWeek => 1,
        Knob::MaxConsecutiveRemote => 2,
        Knob::MinOffice => 3,
    }
}

/// The cause's kind, for files.
fn kind(cause: &Cause) -> &'static str {
    match cause {
        Cause::WeeklyCap { week: None, .. } => "weekly_cap",
        Cause::WeeklyCap { .. } => "weekly_cap_week",
        Cause::FixedRemote { .. } => "fixed_remote",
        Cause::OfficeFloor { .. } => "office_floor",
        Cause::FixedOffice { .. } => "fixed_office",
        Cause::Runs { .. } => "runs",
        Cause::OfficeTotals { .. } => "office_totals",
        Cause::Combination { .. } => "combination",
    }
}

/// A change as the policy key it sets and the values before and after.
fn change_fields(change: &Change) -> (&'static str, Option<String>, String, String) {
    match change {
        Change::Share {
            rule,
            mode,
            from,
            to,
        } => (mode.code(), rule.clone(), from.to_string(), to.to_string()),
        Change::MaxRemotePerWeek { from, to } => (
            "max_remote_per_week",
            None,
            from.to_string(),
            to.to_string(),
        ),
        Change::MaxConsecutiveRemote { from, to } => (
            "max_consecutive_remote",
            None,
            from.to_string(),
            to.to_string(),
        ),
        Change::MinOffice { from, to } => (
            "min_office",
            None,
            from.to_string(),
            to.map(|t| t.to_string()).unwrap_or_default(),
        ),
        // The rule to add, and the week's first and last day when it is one week.
        Change::Exempt { week, .. } => (
            "exempt",
            Some(crate::facts::causes::EXEMPT_RULE.to_owned()),
            week.map(|w| w.0.to_string()).unwrap_or_default(),
            week.map(|w| w.1.to_string()).unwrap_or_default(),
        ),
    }
}

/// `--causes FILE.json`: one object per finding.
pub fn write_json<W: Write>(
    findings: &[Finding],
    view: &RosterView,
    lang: Lang,
    mut out: W,
) -> std::io::Result<W> {
    let list: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let units: Vec<&str> = (f.units.iter())
                .map(|&u| view.staff.units[u as usize].as_str())
                .collect();
            let changes: Vec<serde_json::Value> = (f.changes.iter())
                .map(|c| {
                    let (key, rule, from, to) = change_fields(c);
                    serde_json::json!({
                        "key": key, "rule": rule, "from": from, "to": to,
                        "text": change_text(c, lang),
                    })
                })
                .collect();
            serde_json::json!({
                "cause": kind(&f.cause),
                "units": units,
                "sentence": sentence(&f.cause, view, lang),
                "changes": changes,
                "fixes": fixes(f, lang),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut out, &list)?;
    out.write_all(b"\n")?;
    Ok(out)
}

/// `--causes FILE.csv`: one row per unit and change (a unit with no change has one row
/// with the change's columns empty).
pub fn write_csv<W: Write>(
    findings: &[Finding],
    view: &RosterView,
    lang: Lang,
    dialect: &crate::writers::dialect::Dialect,
    mut out: W,
) -> std::io::Result<W> {
    out.write_all(dialect.preamble())?;
    let mut buf = Vec::new();
    let header = [
        "unit", "cause", "sentence", "key", "rule", "from", "to", "change",
    ];
    crate::writers::field::push_record(&mut buf, header, dialect);
    for f in findings {
        let said = sentence(&f.cause, view, lang);
        for &unit in &f.units {
            let unit = view.staff.units[unit as usize].as_str();
            if f.changes.is_empty() {
                let none = fixes(f, lang);
                let row = [unit, kind(&f.cause), &said, "", "", "", "", &none];
                crate::writers::field::push_record(&mut buf, row, dialect);
            }
            for c in &f.changes {
                let (key, rule, from, to) = change_fields(c);
                let text = change_text(c, lang);
                let rule = rule.unwrap_or_default();
                let row = [unit, kind(&f.cause), &said, key, &rule, &from, &to, &text];
                crate::writers::field::push_record(&mut buf, row, dialect);
            }
        }
    }
    out.write_all(&buf)?;
    Ok(out)
}
