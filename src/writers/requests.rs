//! `--requests-report`: each day of each request, granted or not and why
//! (`line,nip,name,unit,date,wish,strength,reason,granted,why`), in date then NIP order.

use super::dialect::Dialect;
use super::field::push_record;
use crate::grants::{Outcome, Verdict};
use crate::lang::Lang;
use crate::requests::{Requests, Strength};
use crate::resolve::Resolver;
use std::io::Write;

pub const HEADER: [&str; 10] = [
    "line", "nip", "name", "unit", "date", "wish", "strength", "reason", "granted", "why",
];

/// Why a request day was not granted, in words (empty when it was).
pub fn why(resolver: &Resolver, outcome: &Outcome, lang: Lang) -> String {
    let t = &lang.labels().granting;
    let date = lang.date(resolver.days[outcome.day]);
    let fill = |template: &str| crate::lang::fill_named(template, &[("date", &date)]);
    match outcome.verdict {
        Verdict::Granted => String::new(),
        Verdict::OnLeave => fill(t.on_leave),
        Verdict::FixedByStaff => fill(t.fixed_by_staff),
        Verdict::FixedByRule(i) => crate::lang::fill_named(
            t.fixed_by_rule,
            &[("rule", &resolver.policy.rules[i as usize].name)],
        ),
        Verdict::NoShare => fill(t.no_share),
        Verdict::WeeklyCap => fill(t.weekly_cap),
        Verdict::RunCap => fill(t.run_cap),
        Verdict::QuotaFull => fill(t.quota_full),
        Verdict::OfficeFloor => fill(t.office_floor),
        Verdict::Share => fill(t.share),
    }
}

pub fn write<W: Write>(
    mut out: W,
    resolver: &Resolver,
    requests: &Requests,
    outcomes: &[Outcome],
    dialect: &Dialect,
    lang: Lang,
) -> std::io::Result<W> {
    let staff = resolver.staff;
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
        let date = resolver.days[outcome.day].to_string();
        let strength = match request.strength {
            Strength::Soft => "soft",
            Strength::Hard => "hard",
        };
        let granted = if outcome.verdict.is_granted() {
            "yes"
        } else {
            "no"
        };
        let why = why(resolver, outcome, lang);
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
            ],
            dialect,
        );
        out.write_all(&buf)?;
        buf.clear();
    }
    out.write_all(&buf)?;
    Ok(out)
}
