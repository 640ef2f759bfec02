//! Soft requests, tested as properties on small random units: every request `plan` reports
//! granted is in the roster, and no request is refused while its day had room, held to the
//! independent checker. "Room" is a roster differing only on that day that meets every
//! guarantee and keeps every granted request: the person alone moved to a wished mode, or
//! swapped with a colleague of the same pool whose day is not a granted request.

use crate::checker::{Roster, read_leave, read_roster, violated};
use crate::oracle::{Held, Request, grantable, most_requests};
use crate::support::Workdir;
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use roster::policy::Policy;
use roster::staff::Staff;
use std::fmt::Write;

const WISHES: [&str; 5] = ["WFH", "WFA", "WFO", "not WFO", "not remote"];

#[derive(Debug, Clone)]
struct Case {
    /// Per person: the unit (0 or 1) and whether a rule fixes them in the office.
    people: Vec<(u8, bool)>,
    split: [u32; 3],
    pattern: &'static str,
    max_week: Option<u32>,
    max_run: Option<u32>,
    min_office: Option<u32>,
    /// (person, working day, wish)
    requests: Vec<(usize, usize, usize)>,
}

fn case() -> impl Strategy<Value = Case> {
    case_with(3..=9, 1..=12)
}

/// Cases where requests compete: more of them, for fewer places.
fn contested() -> impl Strategy<Value = Case> {
    case_with(3..=8, 8..=30)
}

fn case_with(
    people: std::ops::RangeInclusive<usize>,
    requests: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((0u8..2, prop::bool::weighted(0.1)), people),
        (
            prop::sample::select(vec![[60, 40, 0], [50, 25, 25], [60, 20, 20], [40, 60, 0]]),
            prop::sample::select(vec![
                "balanced",
                "balanced",
                "alternate-days",
                "alternate-weeks",
            ]),
        ),
        prop::option::of(1u32..=3),
        prop::option::of(1u32..=2),
        prop::option::weighted(0.3, 1u32..=2),
        prop::collection::vec((0usize..9, 0usize..10, 0..WISHES.len()), requests),
    )
        .prop_map(
            |(people, (split, pattern), max_week, max_run, min_office, requests)| Case {
                // One request per person-day: two different ones are an error.
                requests: requests
                    .into_iter()
                    .map(|(p, d, w)| (p % people.len(), d, w))
                    .fold(Vec::new(), |mut kept: Vec<(usize, usize, usize)>, r| {
                        if !kept.iter().any(|k| (k.0, k.1) == (r.0, r.1)) {
                            kept.push(r);
                        }
                        kept
                    }),
                people,
                split,
                pattern,
                max_week,
                max_run,
                min_office,
            },
        )
}

fn nip(person: usize) -> String {
    format!("1990010120200110{:02}", person + 1)
}

/// Two weeks without a day off: 2025-07-07 to 2025-07-18.
fn working_day(day: usize) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2025, 7, 7).unwrap();
    start + chrono::Days::new((day + 2 * (day / 5)) as u64)
}

fn write_case(w: &Workdir, case: &Case) {
    let mut policy = String::from(
        "name = \"permintaan acak\"\n[period]\nstart = 2025-07-07\nend = 2025-07-18\ncalendar = \"indonesia\"\n",
    );
    let [wfo, wfh, wfa] = case.split;
    writeln!(policy, "[split]\nWFO = {wfo}\nWFH = {wfh}\nWFA = {wfa}").unwrap();
    writeln!(policy, "[rotation]\npattern = \"{}\"", case.pattern).unwrap();
    if let Some(n) = case.max_week {
        writeln!(policy, "max_remote_per_week = {n}").unwrap();
    }
    if let Some(n) = case.max_run {
        writeln!(policy, "max_consecutive_remote = {n}").unwrap();
    }
    if let Some(n) = case.min_office {
        writeln!(policy, "min_office = {n}").unwrap();
    }
    policy += "[[rule]]\nname = \"Bendahara di kantor\"\nroles = [\"Bendahara\"]\nmode = \"WFO\"\n";
    w.write("policy.toml", policy);
    let mut staff = String::from("nip,name,unit,role\n");
    for (i, &(unit, bendahara)) in case.people.iter().enumerate() {
        let role = if bendahara { "Bendahara" } else { "Analis" };
        writeln!(staff, "{},Pegawai {i},Unit {unit},{role}", nip(i)).unwrap();
    }
    w.write("staff.csv", staff);
    let mut requests = String::from("nip,date,wish,reason\n");
    for &(person, day, wish) in &case.requests {
        writeln!(
            requests,
            "{},{},{},acak",
            nip(person),
            working_day(day),
            WISHES[wish]
        )
        .unwrap();
    }
    w.write("requests.csv", requests);
}

fn admits(wish: &str, mode: &str) -> bool {
    match wish {
        "not WFO" => mode == "WFH" || mode == "WFA",
        "not remote" => mode == "WFO" || mode == "FIELD",
        wish => wish == mode,
    }
}

/// One row of `--requests-report`.
struct Reported {
    nip: String,
    date: NaiveDate,
    wish: String,
    granted: bool,
    why: String,
    blocked_by: String,
}

fn read_report(path: &std::path::Path) -> Vec<Reported> {
    let mut reader = csv::Reader::from_path(path).expect("requests report");
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
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
            "blocked_by"
        ]
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("report row");
            Reported {
                nip: r[1].to_owned(),
                date: r[4].parse().expect("date"),
                wish: r[5].to_owned(),
                granted: &r[8] == "yes",
                why: r[9].to_owned(),
                blocked_by: r[10].to_owned(),
            }
        })
        .collect()
}

/// `plan` on the policy, staff and requests written in `w`, with the requests report.
fn plan(w: &Workdir) -> crate::support::Run {
    plan_staff(w, "staff.csv")
}

fn plan_staff(w: &Workdir, staff: &str) -> crate::support::Run {
    w.roster(&[
        "plan",
        "--policy",
        "policy.toml",
        "--staff",
        staff,
        "--requests",
        "requests.csv",
        "--requests-report",
        "report.csv",
        "--quiet",
    ])
}

fn check_case(case: &Case) -> Result<(), TestCaseError> {
    let w = Workdir::new();
    write_case(&w, case);
    let run = plan(&w);
    prop_assert!(
        run.code == 0 || run.code == 3,
        "plan failed: {}",
        run.stderr
    );
    // The same roster and report whatever the order of the staff file's rows.
    let (planned, reported) = (w.read("roster.csv"), w.read("report.csv"));
    let text = w.read("staff.csv");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    w.write("staff-reversed.csv", lines.join("\n") + "\n");
    let reversed = plan_staff(&w, "staff-reversed.csv");
    prop_assert_eq!(reversed.code, run.code);
    prop_assert!(
        w.read("roster.csv") == planned,
        "the staff file's order changed the roster"
    );
    prop_assert!(
        w.read("report.csv") == reported,
        "the staff file's order changed the report"
    );
    let roster = read_roster(&w.path("roster.csv"));
    let report = read_report(&w.path("report.csv"));
    // Every day of every request is reported once, granted exactly when the roster meets it.
    for r in &report {
        let (mode, _) = &roster.rows[&(r.date, r.nip.clone())];
        prop_assert_eq!(
            r.granted,
            admits(&r.wish, mode),
            "{} on {}: reported {} but the roster has {}",
            r.nip,
            r.date,
            r.granted,
            mode
        );
        prop_assert_eq!(r.granted, r.why.is_empty());
    }
    if run.code != 0 {
        return Ok(());
    }
    let policy = Policy::parse(&w.read("policy.toml"), "policy.toml").expect("policy");
    let staff = Staff::read(&w.path("staff.csv"), &Default::default()).expect("staff");
    let leave = read_leave(None);
    prop_assert!(violated(&policy, &staff, &leave, &roster).is_empty());
    let granted: std::collections::BTreeSet<(NaiveDate, &str)> = (report.iter())
        .filter(|r| r.granted)
        .map(|r| (r.date, r.nip.as_str()))
        .collect();
    let unit_of = |nip: &str| {
        (0..case.people.len())
            .find(|&p| self::nip(p) == nip)
            .map(|p| case.people[p].0)
    };
    let try_roster = |changes: &[(&str, &str)], date: NaiveDate| -> bool {
        let mut rows = roster.rows.clone();
        for &(nip, mode) in changes {
            rows.get_mut(&(date, nip.to_owned())).expect("row").0 = mode.to_owned();
        }
        let changed = Roster {
            rows,
            duplicates: 0,
        };
        violated(&policy, &staff, &leave, &changed).is_empty()
    };
    for r in report.iter().filter(|r| !r.granted) {
        let (mode, rule) = &roster.rows[&(r.date, r.nip.clone())];
        // Fixed days are reported, not weighed.
        if rule == "Bendahara di kantor" {
            continue;
        }
        for wished in ["WFO", "WFH", "WFA"]
            .into_iter()
            .filter(|m| admits(&r.wish, m))
        {
            prop_assert!(
                !try_roster(&[(&r.nip, wished)], r.date),
                "{} was refused {} on {} ({}), yet {} alone meets every guarantee",
                r.nip,
                r.wish,
                r.date,
                r.why,
                wished
            );
            for ((date, other), (their, their_rule)) in &roster.rows {
                if *date != r.date
                    || *other == r.nip
                    || unit_of(other) != unit_of(&r.nip)
                    || their != wished
                    || their_rule != rule
                    || granted.contains(&(*date, other.as_str()))
                {
                    continue;
                }
                prop_assert!(
                    !try_roster(&[(&r.nip, wished), (other, mode)], r.date),
                    "{} was refused {} on {} ({}), yet swapping with {} meets every guarantee",
                    r.nip,
                    r.wish,
                    r.date,
                    r.why,
                    other
                );
            }
        }
    }
    Ok(())
}

/// The modes a roster row may have that meet `wish`.
fn admitted(wish: &str) -> Vec<&'static str> {
    ["WFO", "WFH", "WFA", "FIELD", "LEAVE"]
        .into_iter()
        .filter(|m| admits(wish, m))
        .collect()
}

/// Held to the exact oracle: `plan` grants as many request days as any roster meeting every
/// guarantee can grant together, and each refusal's `blocked_by` is true: under the named
/// guarantees alone no roster grants the day with every granted one, and leaving out any
/// one of them leaves room.
fn most_and_true_reasons(case: &Case) -> Result<(), TestCaseError> {
    let w = Workdir::new();
    write_case(&w, case);
    let run = plan(&w);
    prop_assert!(
        run.code == 0 || run.code == 3,
        "plan failed: {}",
        run.stderr
    );
    if run.code != 0 {
        return Ok(());
    }
    let files = || {
        ["policy.toml", "staff.csv", "requests.csv", "report.csv"]
            .map(|f| format!("--- {f}\n{}", w.read(f)))
            .concat()
    };
    let policy = Policy::parse(&w.read("policy.toml"), "policy.toml").expect("policy");
    let staff = Staff::read(&w.path("staff.csv"), &Default::default()).expect("staff");
    let leave = read_leave(None);
    let report = read_report(&w.path("report.csv"));
    let request = |r: &Reported| Request {
        nip: r.nip.clone(),
        date: r.date,
        admits: admitted(&r.wish),
    };
    let asked: Vec<Request> = report.iter().map(request).collect();
    let granted: Vec<Request> = report.iter().filter(|r| r.granted).map(request).collect();
    let most = most_requests(&policy, &staff, &leave, &asked);
    prop_assert_eq!(
        Some(granted.len()),
        most,
        "plan grants {} request days; the oracle's most\n{}",
        granted.len(),
        files()
    );
    for r in report.iter().filter(|r| !r.granted) {
        if ["rule", "no_share"].contains(&r.blocked_by.as_str()) {
            continue;
        }
        let names: Vec<&str> = r.blocked_by.split('+').collect();
        let held = Held::only(names.iter().copied());
        prop_assert!(
            held.is_some(),
            "{} on {}: `{}` ({}) names no guarantee, in a unit the exact search can take\n{}",
            r.nip,
            r.date,
            r.blocked_by,
            r.why,
            files()
        );
        let held = held.expect("checked");
        let mut with = granted.clone();
        with.push(request(r));
        prop_assert!(
            !grantable(&policy, &staff, &leave, held, &with),
            "{} on {} is refused for `{}` ({}), yet a roster meeting those guarantees grants it with every granted day\n{}",
            r.nip,
            r.date,
            r.blocked_by,
            r.why,
            files()
        );
        for left_out in &names {
            let fewer = Held::only(names.iter().copied().filter(|n| n != left_out));
            prop_assert!(
                grantable(&policy, &staff, &leave, fewer.expect("known names"), &with),
                "{} on {} is refused for `{}`, but `{}` is not needed: the others alone block it\n{}",
                r.nip,
                r.date,
                r.blocked_by,
                left_out,
                files()
            );
        }
    }
    Ok(())
}

/// 64 cases in the slow run, 16 by default.
fn case_count() -> u32 {
    crate::support::cases(16, 64)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: case_count(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Granted requests are in the roster; a refused one had no room on its day.
    #[test]
    fn no_soft_request_is_refused_while_its_day_had_room(case in case()) {
        check_case(&case)?;
    }

    /// The most request days that can be granted together are, and every refusal names
    /// the guarantees that truly block it.
    #[test]
    fn the_most_requests_are_granted_and_each_refusal_names_what_blocks_it(case in contested()) {
        most_and_true_reasons(&case)?;
    }
}

/// Two people share one place at home a day (50% of two). Ani asks for the 7th and the 9th,
/// Budi for the 9th: on the 9th Budi, who has had no request granted yet, wins the place, and
/// the order of the file's rows changes nothing.
#[test]
fn a_contested_place_goes_to_whoever_has_had_fewest_requests_granted() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"dua orang\"\n[period]\nstart = 2025-07-07\nend = 2025-07-18\ncalendar = \"indonesia\"\n[split]\nWFO = 50\nWFH = 50\n",
    );
    w.write(
        "staff.csv",
        format!(
            "nip,name,unit,role\n{},Ani,Unit 0,Analis\n{},Budi,Unit 0,Analis\n",
            nip(0),
            nip(1)
        ),
    );
    let rows = [
        format!("{},2025-07-07,WFH", nip(0)),
        format!("{},2025-07-09,WFH", nip(0)),
        format!("{},2025-07-09,WFH", nip(1)),
    ];
    let mut outcomes = Vec::new();
    for order in [[0, 1, 2], [2, 1, 0]] {
        let text: String = std::iter::once("nip,date,wish".to_owned())
            .chain(order.iter().map(|&i| rows[i].clone()))
            .map(|line| line + "\n")
            .collect();
        w.write("requests.csv", text);
        let run = plan(&w);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let report = read_report(&w.path("report.csv"));
        let granted = |who: usize, date: &str| {
            report
                .iter()
                .find(|r| r.nip == nip(who) && r.date.to_string() == date)
                .map(|r| r.granted)
        };
        assert_eq!(granted(0, "2025-07-07"), Some(true));
        assert_eq!(
            granted(1, "2025-07-09"),
            Some(true),
            "Budi has had none granted"
        );
        assert_eq!(granted(0, "2025-07-09"), Some(false));
        outcomes.push(w.read("roster.csv"));
    }
    assert_eq!(
        outcomes[0], outcomes[1],
        "the file's order changed the roster"
    );
}
