//! `--requests-report`: each day of each request, granted or not and why
//! (`line,nip,name,unit,date,wish,strength,reason,granted,why,blocked_by`), in date then NIP
//! order.

use super::dialect::Dialect;
use super::field::push_record;
use crate::grants::{Outcome, Verdict};
use crate::guarantee::Guarantee;
use crate::lang::Lang;
use crate::requests::{Requests, Strength};
use crate::view::RosterView;
use std::io::Write;

pub const HEADER: [&str; 11] = [
    "line",
    "nip",
    "name",
    "unit",
    "date",
    "wish",
    "strength",
    "reason",
    "granted",
    "why",
    "blocked_by",
];

/// Why a request day was not granted, in words (empty when it was).
pub fn why(view: &RosterView, outcome: &Outcome, lang: Lang) -> String {
    let t = &lang.labels().granting;
    let date = lang.date(view.days[outcome.day]);
    let fill = |template: &str| crate::lang::fill_named(template, &[("date", &date)]);
    match outcome.verdict {
        Verdict::Granted => String::new(),
        Verdict::OnLeave => fill(t.on_leave),
        Verdict::FixedByStaff => fill(t.fixed_by_staff),
        Verdict::FixedByRule(i) => crate::lang::fill_named(
            t.fixed_by_rule,
            &[("rule", &view.policy.rules[i as usize].name)],
        ),
        Verdict::NoShare => fill(t.no_share),
        Verdict::Blocked(by) => {
            let phrases: Vec<String> = (by.iter())
                .map(|g| match g {
                    Guarantee::Quota => fill(t.quota_full),
                    Guarantee::Fairness => fill(t.fairness),
                    Guarantee::WeeklyCap => fill(t.weekly_cap),
                    Guarantee::RunCap => fill(t.run_cap),
                    Guarantee::OfficeFloor => fill(t.office_floor),
                })
                .collect();
            phrases.join(t.and)
        }
        Verdict::Share => fill(t.share),
        Verdict::Undecided => fill(t.undecided),
    }
}

/// What blocked a request day, for machines (`blocked_by`): the guarantees' codes joined by
/// `+`, or what else decided the day; empty when it was granted.
pub fn code(outcome: &Outcome) -> String {
    match outcome.verdict {
        Verdict::Granted => String::new(),
        Verdict::OnLeave => "leave".into(),
        Verdict::FixedByStaff => "staff_mode".into(),
        Verdict::FixedByRule(_) => "rule".into(),
        Verdict::NoShare => "no_share".into(),
        Verdict::Blocked(by) => by.codes(),
        Verdict::Share => "share".into(),
        Verdict::Undecided => "undecided".into(),
    }
}

pub fn write<W: Write>(
    mut out: W,
    view: &RosterView,
    requests: &Requests,
    outcomes: &[Outcome],
    dialect: &Dialect,
    lang: Lang,
) -> std::io::Result<W> {
    let staff = view.staff;
    let mut buf = dialect.preamble().to_vec();
    push_record(&mut buf, HEADER, dialect);
    let mut rows: Vec<&Outcome> = outcomes.iter().collect();
    let nip = |o: &Outcome| staff.nip(&staff.people[requests.list[o.request].person]);
    rows.sort_by(|a, b| (a.day, nip(a), a.request).cmp(&(b.day, nip(b), b.request)));
    for outcome in rows {
        let request = &requests.list[outcome.request];
        let person = &staff.people[request.person];
        // From a folder of requests files, the file too.
        let line = match *request.file == *requests.file {
            true => request.line.to_string(),
            false => format!("{}:{}", request.file, request.line),
        };
        let date = view.days[outcome.day].to_string();
        let strength = match request.strength {
            Strength::Soft => "soft",
            Strength::Hard => "hard",
        };
        let granted = if outcome.verdict.is_granted() {
            "yes"
        } else {
            "no"
        };
        let why = why(view, outcome, lang);
        let blocked_by = code(outcome);
        push_record(
            &mut buf,
            [
                line.as_str(),
                staff.nip(person),
                staff.name(person),
                &staff.units[person.unit as usize],
                &date,
                request.wish.label(),
                strength,
                &request.reason,
                granted,
                &why,
                &blocked_by,
            ],
            dialect,
        );
        out.write_all(&buf)?;
        buf.clear();
    }
    out.write_all(&buf)?;
    Ok(out)
}
