//! `roster explain` explains the roster `plan` writes: given the same `--previous`,
//! `--published --from` and `--requests`, every day of a person's schedule is the day `plan`
//! wrote for them (issue 23).

use crate::support::{Run, Workdir, repo};
use chrono::{Datelike, Days, NaiveDate};
use std::collections::BTreeMap;
use std::ffi::OsString;

/// The shipped Tangerang Selatan policy (alternating shifts, 28 Aug–27 Oct 2023), whose
/// example requests fall in September and October.
const POLICY: &str = "policies/tangsel-wfh-2023.toml";
/// The first day the re-plan may change.
const FROM: &str = "2023-09-18";

/// A soft request to be in the office on 2023-09-20, granted against the published WFH.
const GRANTED: &str = "199711082020101001";
/// Soft requests for Fridays at home, and days moved to make room for them ("rebalance").
const REBALANCED: &str = "199101122017011002";
/// A hard request: in the office on 2–6 October.
const HARD: &str = "198702262019021001";
/// In a unit where a colleague's leave starts within the window: every published day kept.
const KEPT: &str = "197212062002011003";
/// On leave from 18 September (the published roster did not know).
const ON_LEAVE: &str = "199211142022072007";

const PEOPLE: [&str; 5] = [GRANTED, REBALANCED, HARD, KEPT, ON_LEAVE];

/// The inputs both commands read: the policy, the example city's staff, leave and requests.
fn inputs(command: &str) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![command.into()];
    for (flag, path) in [
        ("--policy", POLICY),
        ("--staff", "examples/staff-kota-contoh.csv"),
        ("--leave", "examples/cuti.csv"),
        ("--requests", "examples/requests.csv"),
    ] {
        args.push(flag.into());
        args.push(repo(path).into());
    }
    args
}

/// The history and the published roster: the policy planned over the four weeks before its
/// period (`previous.csv`), then the period planned after them without leave or requests
/// (`published.csv`), as it was published.
fn history(w: &Workdir) {
    let policy = std::fs::read_to_string(repo(POLICY)).expect("policy");
    let earlier = (policy.replace("start    = 2023-08-28", "start    = 2023-07-31"))
        .replace("end      = 2023-10-27", "end      = 2023-08-25");
    assert_ne!(earlier, policy, "the period lines of {POLICY} moved");
    w.write("earlier.toml", earlier);
    let staff = repo("examples/staff-kota-contoh.csv");
    let staff = staff.to_str().expect("path");
    let run = w.roster(&[
        "plan",
        "--policy",
        "earlier.toml",
        "--staff",
        staff,
        "--out",
        "previous.csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = repo(POLICY);
    let policy = policy.to_str().expect("path");
    let run = w.roster(&[
        "plan",
        "--policy",
        policy,
        "--staff",
        staff,
        "--previous",
        "previous.csv",
        "--out",
        "published.csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The flags of the re-plan, for both commands.
const REPLAN: [&str; 6] = [
    "--previous",
    "previous.csv",
    "--published",
    "published.csv",
    "--from",
    FROM,
];

fn date(text: &str) -> NaiveDate {
    text.parse().expect("ISO date")
}

/// Per NIP: date → (mode, rule) of each row of a long roster from `from` on.
fn roster_days(text: &str, from: NaiveDate) -> BTreeMap<String, BTreeMap<NaiveDate, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (d, nip, mode) = (column("date"), column("nip"), column("mode"));
    let mut days: BTreeMap<String, BTreeMap<NaiveDate, String>> = BTreeMap::new();
    for record in reader.records() {
        let record = record.expect("row");
        let day = date(&record[d]);
        if day >= from {
            let person = days.entry(record[nip].to_owned()).or_default();
            person.insert(day, record[mode].to_owned());
        }
    }
    days
}

/// The modes of `explain`'s schedule, by date: a line per week from the week of `first`,
/// a column per workday (`·` a day off, blank outside the period).
fn schedule(stdout: &str, first: NaiveDate) -> BTreeMap<NaiveDate, String> {
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines.iter().position(|l| *l == "Schedule:").expect(stdout) + 1;
    let weekdays: Vec<String> = lines[at]
        .split_whitespace()
        .skip(1)
        .map(str::to_owned)
        .collect();
    assert_eq!(weekdays, ["Mon", "Tue", "Wed", "Thu", "Fri"], "{stdout}");
    // The first column starts after the week's label, padded to the widest (the header is
    // ASCII: its byte offsets count characters).
    let start = lines[at].find("Mon").expect("Mon");
    let mut monday = first - Days::new(first.weekday().num_days_from_monday().into());
    let mut modes = BTreeMap::new();
    for line in &lines[at + 1..] {
        if line.trim().is_empty() {
            break;
        }
        let cells: Vec<char> = line.chars().collect();
        for column in 0..weekdays.len() {
            let from = (start + 7 * column).min(cells.len());
            let to = (from + 6).min(cells.len());
            let cell: String = cells[from..to].iter().collect();
            let cell = cell.trim();
            if !cell.is_empty() && cell != "·" {
                modes.insert(monday + Days::new(column as u64), cell.to_owned());
            }
        }
        monday = monday + Days::new(7);
    }
    modes
}

fn explain(w: &Workdir, nip: &str, extra: &[&str]) -> Run {
    let mut args = inputs("explain");
    args.extend(extra.iter().map(OsString::from));
    args.push(nip.into());
    w.roster(&args)
}

#[test]
fn explain_shows_the_days_a_replan_writes() {
    let w = Workdir::new();
    history(&w);
    let mut args = inputs("plan");
    args.extend(REPLAN.iter().map(OsString::from));
    args.extend(["--out", "roster.csv", "--changes", "changes.csv", "-q"].map(OsString::from));
    let run = w.roster(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from = date(FROM);
    let planned = roster_days(&w.read("roster.csv"), from);
    let published = roster_days(&w.read("published.csv"), from);

    // The people are what their names say.
    let changes = w.read("changes.csv");
    let changed = |nip: &str, why: &str| {
        let tail = format!(",{why}");
        changes
            .lines()
            .any(|l| l.contains(nip) && l.ends_with(&tail))
    };
    assert!(changed(GRANTED, "request"), "{changes}");
    assert!(changed(REBALANCED, "rebalance"), "{changes}");
    assert!(changed(HARD, "request"), "{changes}");
    assert!(changed(ON_LEAVE, "leave"), "{changes}");
    assert_eq!(planned[KEPT], published[KEPT], "{KEPT}'s days were kept");
    assert!(!changes.contains(KEPT), "{changes}");
    assert_eq!(planned[GRANTED][&date("2023-09-20")], "WFO");

    let mut fresh_differs = Vec::new();
    for nip in PEOPLE {
        let run = explain(&w, nip, &REPLAN);
        assert_eq!(run.code, 0, "{nip}: {}", run.stderr);
        let explained = schedule(&run.stdout, from);
        assert_eq!(
            explained, planned[nip],
            "{nip}: explain's days (left) are not the roster's (right)\n{}",
            run.stdout
        );
        // Without the re-plan's flags, explain explains a fresh plan of the whole period.
        let run = explain(&w, nip, &[]);
        assert_eq!(run.code, 0, "{nip}: {}", run.stderr);
        let first = date("2023-08-28");
        let fresh: BTreeMap<NaiveDate, String> = (schedule(&run.stdout, first).into_iter())
            .filter(|(day, _)| *day >= from)
            .collect();
        if fresh != planned[nip] {
            fresh_differs.push(nip);
        }
    }
    // The comparison says something: the fresh plan is another roster for these people.
    assert!(
        fresh_differs.contains(&KEPT) && fresh_differs.contains(&GRANTED),
        "{fresh_differs:?}"
    );
}

#[test]
fn explain_settles_the_window_as_plan_does() {
    let w = Workdir::new();
    history(&w);
    // --from alone is not a window.
    let run = explain(&w, GRANTED, &["--from", FROM]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--from needs --to"), "{}", run.stderr);
    // --published needs --from, and takes no --to: it runs to the published roster's end.
    let run = explain(&w, GRANTED, &["--published", "published.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let to = [
        "--published",
        "published.csv",
        "--from",
        FROM,
        "--to",
        "2023-10-06",
    ];
    let run = explain(&w, GRANTED, &to);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // A window: only its days, as `plan --from --to` writes them.
    let window = [
        "--previous",
        "previous.csv",
        "--from",
        FROM,
        "--to",
        "2023-10-06",
    ];
    let mut args = inputs("plan");
    args.extend(window.iter().map(OsString::from));
    args.extend(["--out", "window.csv", "-q"].map(OsString::from));
    let run = w.roster(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let planned = roster_days(&w.read("window.csv"), date(FROM));
    for nip in [GRANTED, HARD] {
        let run = explain(&w, nip, &window);
        assert_eq!(run.code, 0, "{nip}: {}", run.stderr);
        let explained = schedule(&run.stdout, date(FROM));
        assert_eq!(explained.len(), 14, "{}", run.stdout);
        assert_eq!(explained, planned[nip], "{nip}\n{}", run.stdout);
    }
}
