//! Re-plans against a published roster (`plan --published R --from D --changes FILE`), end to
//! end: the properties of issue 12 on small random cases (unchanged inputs change nothing; a
//! new person changes only their unit; leave changes only the person's unit, and little), and
//! a month of the shipped PermenPANRB policy re-planned after three hires, a transfer and a
//! long leave, verified independently by `check --previous`.
//!
//! The re-plan's verdict is held to `check`: the re-planned days, audited with the history
//! before D as `--previous`, must give the exit code the re-plan gave.

use crate::support::{Run, Workdir, repo};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use roster::policy::Policy;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// A small random agency: each unit has rotating staff and a few fixed by a rule.
#[derive(Debug, Clone)]
struct Case {
    /// Per unit: (rotating people, people a rule keeps in the office).
    units: Vec<(usize, usize)>,
    /// WFH and WFA shares of the 40% remote.
    remote: (u32, u32),
    max_run: Option<u32>,
    min_office: Option<&'static str>,
    start: NaiveDate,
    weeks: u32,
    /// Picks the first day that may change, among the working days.
    from: usize,
    /// Picks the unit or person a change falls on.
    pick: usize,
    /// Working days of leave (property c).
    leave_days: usize,
}

/// Mondays, most of them a few weeks before 2025's libur nasional and cuti bersama (a case
/// starts on one of them or up to two days later).
const STARTS: [(i32, u32, u32); 6] = [
    (2025, 3, 17),
    (2025, 5, 5),
    (2025, 8, 4),
    (2025, 12, 15),
    (2025, 2, 3),
    (2025, 10, 6),
];

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((4usize..=12, 0usize..=2), 2..=3),
        prop::sample::select(vec![(40, 0), (20, 20), (0, 40)]),
        prop::option::weighted(0.5, 1u32..=2),
        // 70% in the office against a 60% share: some published rosters exit 3.
        prop::option::weighted(0.3, prop::sample::select(vec!["1", "\"40%\"", "\"70%\""])),
        prop::sample::select(STARTS.to_vec()),
        0u64..3,
        2u32..=4,
        any::<usize>(),
        any::<usize>(),
        1usize..=5,
    )
        .prop_map(
            |(units, remote, max_run, min_office, (y, m, d), offset, weeks, from, pick, leave)| {
                Case {
                    units,
                    remote,
                    max_run,
                    min_office,
                    start: NaiveDate::from_ymd_opt(y, m, d).expect("start")
                        + chrono::Days::new(offset),
                    weeks,
                    from,
                    pick,
                    leave_days: leave,
                }
            },
        )
}

/// NIPs from ...001: a sequence number is never 000, and a NIP ending in 000 that is not in
/// the staff file reads as one a spreadsheet cut to 15 digits (an error, by design).
fn nip(i: usize) -> String {
    format!("199001012015011{:03}", i + 1)
}

/// The one person property b adds.
const NEW_NIP: &str = "199505052020121900";

fn unit_name(u: usize) -> String {
    format!("Unit {u}")
}

/// A person of the case: (NIP, unit, rotating).
fn people(case: &Case) -> Vec<(String, usize, bool)> {
    let mut all = Vec::new();
    for (u, &(rotating, fixed)) in case.units.iter().enumerate() {
        for k in 0..rotating + fixed {
            all.push((nip(all.len()), u, k < rotating));
        }
    }
    all
}

fn write_case(w: &Workdir, case: &Case) {
    let end = case.start + chrono::Days::new(u64::from(case.weeks) * 7 - 3);
    let (wfh, wfa) = case.remote;
    let mut policy = format!(
        "name = \"terbit\"\n[period]\nstart = {}\nend = {end}\ncalendar = \"indonesia\"\n\
         [split]\nWFO = 60\n",
        case.start
    );
    for (mode, share) in [("WFH", wfh), ("WFA", wfa)] {
        if share > 0 {
            writeln!(policy, "{mode} = {share}").unwrap();
        }
    }
    policy += "[rotation]\nmax_remote_per_week = 2\n";
    if let Some(n) = case.max_run {
        writeln!(policy, "max_consecutive_remote = {n}").unwrap();
    }
    if let Some(m) = case.min_office {
        writeln!(policy, "min_office = {m}").unwrap();
    }
    policy +=
        "[[rule]]\nname = \"Bendahara tetap di kantor\"\nroles = [\"bendahara\"]\nmode = \"WFO\"\n";
    w.write("policy.toml", policy);
    let mut staff = String::from("nip,name,unit,role\n");
    for (i, (nip, u, rotating)) in people(case).iter().enumerate() {
        let role = if *rotating {
            "Analis Kebijakan"
        } else {
            "Bendahara Pengeluaran"
        };
        writeln!(staff, "{nip},Orang {i},{},{role}", unit_name(*u)).unwrap();
    }
    w.write("staff.csv", staff);
}

fn working_days(w: &Workdir, policy: &str) -> Vec<NaiveDate> {
    Policy::parse(&w.read(policy), policy)
        .expect("policy")
        .period
        .working_days()
}

/// The published roster: `plan` over the whole period into `pub.csv`.
fn publish(w: &Workdir, policy: &str, staff: &str, window: &[&str]) -> Run {
    let mut args = vec![
        "plan", "--policy", policy, "--staff", staff, "--out", "pub.csv", "-q",
    ];
    args.extend(window);
    w.roster(&args)
}

/// What a re-plan reads besides the policy and the published roster; `extra` takes flags
/// still to come (a requests file).
struct Inputs<'a> {
    policy: &'a str,
    staff: &'a str,
    leave: Option<&'a str>,
    extra: Vec<&'a str>,
}

/// `plan --published pub.csv --from D` into `re.csv` and `ch.csv`, with the summary.
fn replan(w: &Workdir, inputs: &Inputs, from: NaiveDate) -> Run {
    let from = from.to_string();
    let mut args = vec![
        "plan",
        "--policy",
        inputs.policy,
        "--staff",
        inputs.staff,
        "--published",
        "pub.csv",
        "--from",
        &from,
        "--out",
        "re.csv",
        "--changes",
        "ch.csv",
    ];
    if let Some(leave) = inputs.leave {
        args.extend(["--leave", leave]);
    }
    args.extend(&inputs.extra);
    w.roster(&args)
}

/// One row of `--changes`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    date: NaiveDate,
    nip: String,
    unit: String,
    old: String,
    new: String,
    why: String,
    /// A transfer's unit of origin (`transfer from UNIT` in the `why` column).
    from_unit: Option<String>,
}

fn changes(w: &Workdir) -> Vec<Change> {
    let mut reader = csv::Reader::from_path(w.path("ch.csv")).expect("open changes");
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        ["date", "nip", "name", "unit", "old", "new", "why"]
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("changes row");
            Change {
                date: NaiveDate::parse_from_str(&r[0], "%Y-%m-%d").expect("date"),
                nip: r[1].to_owned(),
                unit: r[3].to_owned(),
                old: r[4].to_owned(),
                new: r[5].to_owned(),
                why: r[6].split(" from ").next().unwrap_or_default().to_owned(),
                from_unit: r[6].split_once(" from ").map(|(_, unit)| unit.to_owned()),
            }
        })
        .collect()
}

/// Splits `re.csv` at `from` into the history (`history.csv`) and the re-planned days
/// (`window.csv`), and audits the latter with the former as `--previous`.
fn check_window(w: &Workdir, inputs: &Inputs, from: NaiveDate, to: NaiveDate) -> Run {
    let text = w.read("re.csv");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let (mut history, mut window) = (format!("{header}\n"), format!("{header}\n"));
    let from_text = from.to_string();
    for line in lines {
        // ISO dates compare as text.
        if line[..10] < *from_text {
            history += line;
            history.push('\n');
        } else {
            window += line;
            window.push('\n');
        }
    }
    w.write("history.csv", history);
    w.write("window.csv", window);
    let (from, to) = (from.to_string(), to.to_string());
    let mut args = vec![
        "check",
        "--policy",
        inputs.policy,
        "--staff",
        inputs.staff,
        "--roster",
        "window.csv",
        "--from",
        &from,
        "--to",
        &to,
        "--previous",
        "history.csv",
    ];
    if let Some(leave) = inputs.leave {
        args.extend(["--leave", leave]);
    }
    w.roster(&args)
}

/// The window planned afresh after the history `check_window` wrote: `plan --previous`.
fn fresh_plan(w: &Workdir, inputs: &Inputs, from: NaiveDate, to: NaiveDate) -> Run {
    let (from, to) = (from.to_string(), to.to_string());
    let mut args = vec![
        "plan",
        "--policy",
        inputs.policy,
        "--staff",
        inputs.staff,
        "--previous",
        "history.csv",
        "--from",
        &from,
        "--to",
        &to,
        "--out",
        "fresh.csv",
        "-q",
    ];
    if let Some(leave) = inputs.leave {
        args.extend(["--leave", leave]);
    }
    args.extend(&inputs.extra);
    w.roster(&args)
}

/// How many unmet guarantees a run lists ("N unmet guarantee(s)").
fn unmet(run: &Run) -> usize {
    run.stderr
        .lines()
        .find_map(|l| l.strip_suffix(" unmet guarantee(s):"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn files(w: &Workdir, names: &[&str]) -> String {
    names
        .iter()
        .filter(|f| w.exists(f))
        .map(|f| format!("--- {f}\n{}", w.read(f)))
        .collect()
}

/// 24 cases in the slow run, 6 by default (each case plans and re-plans, and checks).
fn case_count() -> u32 {
    crate::support::cases(6, 24)
}

/// The case written and published; the working days and the first day that may change.
fn published(case: &Case) -> (Workdir, Run, Vec<NaiveDate>, NaiveDate) {
    let w = Workdir::new();
    write_case(&w, case);
    let run = publish(&w, "policy.toml", "staff.csv", &[]);
    let days = working_days(&w, "policy.toml");
    let from = days[case.from % days.len()];
    (w, run, days, from)
}

/// The re-plan's exit code is the one `check --previous` gives its new days.
fn verdict_agrees(
    w: &Workdir,
    inputs: &Inputs,
    run: &Run,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(), TestCaseError> {
    let checked = check_window(w, inputs, from, to);
    prop_assert_eq!(
        checked.code,
        run.code,
        "re-plan exits {}, check --previous says:\n{}{}\n--- re-plan stderr\n{}{}",
        run.code,
        checked.stdout,
        checked.stderr,
        run.stderr,
        files(w, &["policy.toml", "staff.csv", "leave.csv"])
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: case_count(), ..ProptestConfig::default() })]

    /// (a) Unchanged inputs: no change listed, and the re-plan is the published roster, byte
    /// for byte.
    #[test]
    fn replan_with_unchanged_inputs_changes_nothing(case in case()) {
        let (w, published, _, from) = published(&case);
        prop_assert!(published.code == 0 || published.code == 3, "{}", published.stderr);
        let inputs = Inputs { policy: "policy.toml", staff: "staff.csv", leave: None, extra: vec![] };
        let run = replan(&w, &inputs, from);
        let context = || format!("from {from}\n{}", files(&w, &["policy.toml", "staff.csv"]));
        prop_assert_eq!(run.code, published.code, "{}\n{}", run.stderr, context());
        prop_assert_eq!(changes(&w), vec![], "{}", context());
        prop_assert!(
            std::fs::read(w.path("re.csv")).unwrap() == std::fs::read(w.path("pub.csv")).unwrap(),
            "re.csv differs from pub.csv\n{}", context()
        );
    }

    /// (b) One person joins one unit: every changed person-day is in that unit, the
    /// newcomer's are `new staff`, and a published roster that met every guarantee is
    /// re-planned into one that does too.
    #[test]
    fn replan_after_a_new_person_changes_only_their_unit(case in case()) {
        let (w, published, days, from) = published(&case);
        let unit = case.pick % case.units.len();
        let name = unit_name(unit);
        let mut staff = w.read("staff.csv");
        writeln!(staff, "{NEW_NIP},Orang Baru,{name},Analis Kebijakan").unwrap();
        w.write("staff-new.csv", staff);
        let inputs = Inputs { policy: "policy.toml", staff: "staff-new.csv", leave: None, extra: vec![] };
        let run = replan(&w, &inputs, from);
        let context = || format!("from {from}, new person in {name}\n{}",
            files(&w, &["policy.toml", "staff-new.csv", "ch.csv"]));
        prop_assert!(run.code == 0 || run.code == 3, "{}\n{}", run.stderr, context());
        let changed = changes(&w);
        for c in &changed {
            prop_assert_eq!(&c.unit, &name, "{:?}\n{}", c, context());
            prop_assert_eq!(c.why == "new staff", c.nip == NEW_NIP, "{:?}\n{}", c, context());
        }
        // The newcomer has a row on every day of the window.
        let window = days.iter().filter(|d| **d >= from).count();
        let theirs = changed.iter().filter(|c| c.nip == NEW_NIP).count();
        prop_assert_eq!(theirs, window, "{}", context());
        let to = *days.last().unwrap();
        verdict_agrees(&w, &inputs, &run, from, to)?;
        // A published roster that met every guarantee is re-planned into one that does, unless
        // its history rules that out: then planning the window afresh after the same history
        // (`plan --previous`) finds no roster either. (It can: a newcomer can make the
        // period's quota unreachable after days that rounded the other way.)
        if published.code == 0 && run.code == 3 {
            let fresh = fresh_plan(&w, &inputs, from, to);
            prop_assert_eq!(
                fresh.code, 3,
                "the re-plan exits 3, but plan --previous finds a roster (fresh.csv)\n{}\n{}",
                run.stderr, context()
            );
        }
        same_whatever_the_staff_order(&w, &inputs, from)?;
        replanned_again_changes_nothing(&w, &inputs, &run, from)?;
        if std::env::var_os("REPLAN_STATS").is_some() {
            eprintln!(
                "replan-stats new-person published={} replan={} changed={} others={}",
                published.code, run.code, changed.len(), changed.len() - theirs
            );
        }
    }

    /// (c) Leave for one rotating person from D on: every changed person-day is in their
    /// unit, theirs are `leave`, and few others move. How many fall outside the ISO weeks
    /// the leave touches is measured (see NOTES-replan.md), not forbidden: the weekly cap
    /// and fairness reach past the week.
    #[test]
    fn replan_after_leave_changes_only_their_unit_and_little(case in case()) {
        let (w, _, days, from) = published(&case);
        let rotating: Vec<(String, usize)> = people(&case)
            .into_iter()
            .filter(|p| p.2)
            .map(|p| (p.0, p.1))
            .collect();
        let (who, unit) = rotating[case.pick % rotating.len()].clone();
        let name = unit_name(unit);
        let window: Vec<NaiveDate> = days.iter().copied().filter(|d| *d >= from).collect();
        let leave: Vec<NaiveDate> = window.iter().copied().take(case.leave_days).collect();
        let to = *leave.last().unwrap();
        w.write("leave.csv", format!("nip,from,to\n{who},{from},{to}\n"));
        let inputs = Inputs { policy: "policy.toml", staff: "staff.csv", leave: Some("leave.csv"), extra: vec![] };
        let run = replan(&w, &inputs, from);
        let context = || format!("from {from}, leave of {who} ({name}) to {to}\n{}",
            files(&w, &["policy.toml", "staff.csv", "leave.csv", "ch.csv"]));
        prop_assert!(run.code == 0 || run.code == 3, "{}\n{}", run.stderr, context());
        let changed = changes(&w);
        let weeks: BTreeSet<_> = leave.iter().map(chrono::Datelike::iso_week).collect();
        let mut outside = 0;
        for c in &changed {
            prop_assert_eq!(&c.unit, &name, "{:?}\n{}", c, context());
            if c.nip == who && leave.contains(&c.date) {
                prop_assert_eq!(&c.why, "leave", "{:?}\n{}", c, context());
                prop_assert_eq!(&c.new, "LEAVE", "{:?}\n{}", c, context());
            } else {
                prop_assert_eq!(&c.why, "rebalance", "{:?}\n{}", c, context());
            }
            outside += usize::from(!weeks.contains(&c.date.iso_week()));
        }
        prop_assert_eq!(
            changed.iter().filter(|c| c.why == "leave").count(),
            leave.len(),
            "{}", context()
        );
        if std::env::var_os("REPLAN_STATS").is_some() {
            eprintln!(
                "replan-stats leave_days={} changed={} outside_weeks={} exit={}",
                leave.len(), changed.len(), outside, run.code
            );
        }
        // Where no roster meets every guarantee (exit 3) the re-plan may change more days, to
        // break fewer guarantees than the published days would; the bound is for a re-plan
        // that meets them all, found by the search that changes the fewest days.
        prop_assert!(
            run.code == 3
                || changed.len() <= LEAVE_CHANGES_PER_DAY * leave.len() + LEAVE_CHANGES_EXTRA,
            "{} person-days changed for {} days of leave ({} outside the weeks it touches)\n{}",
            changed.len(), leave.len(), outside, context()
        );
        let last = *days.last().unwrap();
        verdict_agrees(&w, &inputs, &run, from, last)?;
        if run.code == 3 {
            let fresh = fresh_plan(&w, &inputs, from, last);
            prop_assert_eq!(
                fresh.code, 3,
                "the re-plan exits 3, but plan --previous finds a roster (fresh.csv)\n{}\n{}",
                run.stderr, context()
            );
            if std::env::var_os("REPLAN_STATS").is_some() {
                eprintln!(
                    "replan-stats leave-exit3 unmet replan={} fresh={}",
                    unmet(&run), unmet(&fresh)
                );
            }
        }
        replanned_again_changes_nothing(&w, &inputs, &run, from)?;
    }

    /// A rotating person leaves the staff file: their days from D on are listed as `left`,
    /// and every other change is in their unit.
    #[test]
    fn replan_after_someone_left_changes_only_their_unit(case in case()) {
        let (w, _, days, from) = published(&case);
        let all = people(&case);
        let rotating: Vec<&(String, usize, bool)> = all.iter().filter(|p| p.2).collect();
        let (who, unit, _) = rotating[case.pick % rotating.len()].clone();
        let name = unit_name(unit);
        let staff: String = w
            .read("staff.csv")
            .lines()
            .filter(|l| !l.starts_with(&who))
            .map(|l| format!("{l}\n"))
            .collect();
        w.write("staff-left.csv", staff);
        let inputs = Inputs { policy: "policy.toml", staff: "staff-left.csv", leave: None, extra: vec![] };
        let run = replan(&w, &inputs, from);
        let context = || format!("from {from}, {who} ({name}) left\n{}",
            files(&w, &["policy.toml", "staff.csv", "ch.csv"]));
        prop_assert!(run.code == 0 || run.code == 3, "{}\n{}", run.stderr, context());
        let changed = changes(&w);
        for c in &changed {
            prop_assert_eq!(&c.unit, &name, "{:?}\n{}", c, context());
            prop_assert_eq!(c.why == "left", c.nip == who, "{:?}\n{}", c, context());
            if c.nip == who {
                prop_assert_eq!(&c.new, "", "{:?}\n{}", c, context());
            }
        }
        let window = days.iter().filter(|d| **d >= from).count();
        prop_assert_eq!(changed.iter().filter(|c| c.nip == who).count(), window, "{}", context());
        prop_assert!(!w.read("re.csv").lines().any(|l| l[..10] >= *from.to_string() && l.contains(&who)));
        verdict_agrees(&w, &inputs, &run, from, *days.last().unwrap())?;
        replanned_again_changes_nothing(&w, &inputs, &run, from)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: case_count(), ..ProptestConfig::default() })]

    /// A rotating person moves to another unit: every change is in the two units, theirs
    /// are `transfer` (every day of the window at most), and the others' `rebalance`.
    #[test]
    fn replan_after_a_transfer_changes_only_the_two_units(case in case()) {
        let (w, _, days, from) = published(&case);
        let all = people(&case);
        let rotating: Vec<&(String, usize, bool)> = all.iter().filter(|p| p.2).collect();
        let (who, unit, _) = rotating[case.pick % rotating.len()].clone();
        let to_unit = (unit + 1 + case.from % (case.units.len() - 1)) % case.units.len();
        let (old_name, new_name) = (unit_name(unit), unit_name(to_unit));
        let staff: String = w
            .read("staff.csv")
            .lines()
            .map(|l| match l.starts_with(&who) {
                true => format!("{}\n", l.replace(&format!(",{old_name},"), &format!(",{new_name},"))),
                false => format!("{l}\n"),
            })
            .collect();
        w.write("staff-moved.csv", staff);
        let inputs = Inputs { policy: "policy.toml", staff: "staff-moved.csv", leave: None, extra: vec![] };
        let run = replan(&w, &inputs, from);
        let context = || format!("from {from}, {who} moved from {old_name} to {new_name}\n{}",
            files(&w, &["policy.toml", "staff-moved.csv", "ch.csv"]));
        prop_assert!(run.code == 0 || run.code == 3, "{}\n{}", run.stderr, context());
        let changed = changes(&w);
        for c in &changed {
            prop_assert!(c.unit == old_name || c.unit == new_name, "{:?}\n{}", c, context());
            prop_assert_eq!(c.why == "transfer", c.nip == who, "{:?}\n{}", c, context());
            if c.nip == who {
                prop_assert_eq!(&c.unit, &new_name, "{:?}\n{}", c, context());
                prop_assert_eq!(c.from_unit.as_deref(), Some(old_name.as_str()), "{:?}\n{}", c, context());
            }
        }
        let window = days.iter().filter(|d| **d >= from).count();
        prop_assert!(changed.iter().filter(|c| c.nip == who).count() <= window, "{}", context());
        verdict_agrees(&w, &inputs, &run, from, *days.last().unwrap())?;
        if std::env::var_os("REPLAN_STATS").is_some() {
            eprintln!(
                "replan-stats transfer replan={} changed={} others={}",
                run.code, changed.len(), changed.iter().filter(|c| c.nip != who).count()
            );
        }
        replanned_again_changes_nothing(&w, &inputs, &run, from)?;
    }
}

/// SPEC §6.6 for a re-plan: the staff file's rows reversed give the same roster and the
/// same changes, byte for byte.
fn same_whatever_the_staff_order(
    w: &Workdir,
    inputs: &Inputs,
    from: NaiveDate,
) -> Result<(), TestCaseError> {
    let (roster, changed) = (w.read("re.csv"), w.read("ch.csv"));
    let text = w.read(inputs.staff);
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    w.write("staff-reversed.csv", lines.join("\n") + "\n");
    let reversed = Inputs {
        staff: "staff-reversed.csv",
        extra: inputs.extra.clone(),
        ..*inputs
    };
    replan(w, &reversed, from);
    prop_assert!(
        w.read("re.csv") == roster,
        "re.csv depends on the staff order"
    );
    prop_assert!(
        w.read("ch.csv") == changed,
        "ch.csv depends on the staff order"
    );
    Ok(())
}

/// The re-planned roster, published in turn and re-planned with the same inputs, changes
/// nothing: what a re-plan writes is a fixed point of re-planning.
fn replanned_again_changes_nothing(
    w: &Workdir,
    inputs: &Inputs,
    first: &Run,
    from: NaiveDate,
) -> Result<(), TestCaseError> {
    std::fs::copy(w.path("re.csv"), w.path("pub.csv")).unwrap();
    let again = replan(w, inputs, from);
    let context = || {
        format!(
            "re-planned again from {from}\n{}",
            files(w, &["policy.toml", inputs.staff, "leave.csv", "ch.csv"])
        )
    };
    prop_assert_eq!(again.code, first.code, "{}\n{}", again.stderr, context());
    prop_assert_eq!(changes(w), vec![], "{}", context());
    prop_assert!(
        std::fs::read(w.path("re.csv")).unwrap() == std::fs::read(w.path("pub.csv")).unwrap(),
        "re.csv differs from the re-plan it re-planned\n{}",
        context()
    );
    Ok(())
}

/// Property (c)'s bound on changed person-days: per day of leave, and over all.
const LEAVE_CHANGES_PER_DAY: usize = 4;
const LEAVE_CHANGES_EXTRA: usize = 4;

/// The shipped policy over August 2025 (20 working days: the 18th is cuti bersama), as a
/// policy of its own: a re-plan runs from D to the period's end.
fn august_policy(w: &Workdir) {
    let shipped = std::fs::read_to_string(repo("policies/permenpanrb-4-2025.toml")).unwrap();
    let policy = shipped
        .replace("start    = 2025-07-07", "start    = 2025-08-01")
        .replace("end      = 2025-09-26", "end      = 2025-08-29");
    assert_ne!(policy, shipped);
    w.write("august.toml", policy);
}

/// The transfer of the end-to-end test: an Analis Kebijakan of the Sekretariat Daerah.
const MOVED: &str = "199003032017051009";
/// The long leave: a Pamong Budaya of the Dinas Pendidikan dan Kebudayaan.
const ON_LEAVE: &str = "198908152019102001";
const HIRED: [(&str, &str, &str); 3] = [
    (
        "199807012025061001",
        "Dinas Kesehatan",
        "Pengadministrasi Umum",
    ),
    (
        "199911122025061002",
        "Dinas Komunikasi dan Informatika",
        "Pranata Komputer Ahli Pertama",
    ),
    (
        "200001052025061003",
        "Badan Perencanaan Pembangunan Daerah",
        "Perencana Ahli Pertama",
    ),
];

/// (d) A month of the shipped policy and staff published; from the 10th working day three
/// people are hired, one moves from the Sekretariat Daerah to the Dinas Perhubungan, and one
/// takes two weeks of leave. The re-plan meets every guarantee over the month (checked by
/// `check --previous` over the history plus the new days), and changes few person-days
/// beyond those the new inputs decide.
#[test]
fn replan_a_published_month_after_hires_a_transfer_and_leave() {
    let w = Workdir::new();
    august_policy(&w);
    let staff = repo("examples/staff-kota-contoh.csv");
    let staff = staff.to_str().unwrap();
    let published = publish(&w, "august.toml", staff, &[]);
    assert_eq!(published.code, 0, "{}", published.stderr);
    let days = working_days(&w, "august.toml");
    assert_eq!(days.len(), 20);
    let from = days[9];
    assert_eq!(from.to_string(), "2025-08-14");
    let to = *days.last().unwrap();
    let window = days.iter().filter(|d| **d >= from).count();

    let shipped = std::fs::read_to_string(repo("examples/staff-kota-contoh.csv")).unwrap();
    let mut changed_staff = String::new();
    for line in shipped.lines() {
        if line.starts_with(MOVED) {
            assert!(line.contains(",Sekretariat Daerah,"), "{line}");
            changed_staff += &line.replace(",Sekretariat Daerah,", ",Dinas Perhubungan,");
        } else {
            changed_staff += line;
        }
        changed_staff.push('\n');
    }
    for (i, (nip, unit, role)) in HIRED.iter().enumerate() {
        writeln!(
            changed_staff,
            "{nip},Pegawai Baru {i},{unit},{role},,III/a,"
        )
        .unwrap();
    }
    w.write("staff-now.csv", changed_staff);
    // Two weeks from D, over the cuti bersama of the 18th: 9 working days.
    w.write(
        "leave.csv",
        format!("nip,from,to,type\n{ON_LEAVE},{from},2025-08-27,sakit\n"),
    );
    let leave_days = days
        .iter()
        .filter(|d| (from..=NaiveDate::from_ymd_opt(2025, 8, 27).unwrap()).contains(d))
        .count();
    assert_eq!(leave_days, 9);
    // Twenty soft requests from D on, from rotating people of the offices (not the fixed
    // services, the transfer or the leave), every fifth one in the Sekretariat Daerah.
    let offices = [
        "Sekretariat Daerah",
        "Dinas Kesehatan",
        "Dinas Komunikasi dan Informatika",
        "Badan Perencanaan Pembangunan Daerah",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    ];
    let mut reader = csv::Reader::from_reader(shipped.as_bytes());
    let rotating: Vec<(String, String)> = reader
        .records()
        .map(|r| r.expect("staff row"))
        .filter(|r| {
            let fixed_role = ["Bendahara", "Pengawas", "PPTK", "Pimpinan", "Kepala"]
                .iter()
                .any(|f| r[3].contains(f));
            offices.contains(&&r[2])
                && !fixed_role
                && r[r.len() - 1].is_empty()
                && &r[0] != MOVED
                && &r[0] != ON_LEAVE
        })
        .map(|r| (r[0].to_owned(), r[2].to_owned()))
        .collect();
    assert!(rotating.len() >= 20, "{}", rotating.len());
    let wishes = ["WFH", "not WFO", "WFO", "WFA"];
    let mut requests = String::from("nip,date,wish,reason\n");
    let mut requested_units = BTreeSet::new();
    for i in 0..20 {
        let (nip, unit) = &rotating[(i * 7) % rotating.len()];
        let date = days[10 + i % 10];
        writeln!(
            requests,
            "{nip},{date},{},keperluan keluarga",
            wishes[i % 4]
        )
        .unwrap();
        requested_units.insert(unit.as_str());
    }
    w.write("requests.csv", requests);
    let inputs = Inputs {
        policy: "august.toml",
        staff: "staff-now.csv",
        leave: Some("leave.csv"),
        extra: vec![
            "--requests",
            "requests.csv",
            "--requests-report",
            "granted.csv",
        ],
    };
    let run = replan(&w, &inputs, from);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // Every guarantee over the month: the new days checked with the history before them.
    let checked = check_window(&w, &inputs, from, to);
    assert_eq!(checked.code, 0, "{}{}", checked.stdout, checked.stderr);
    // The history is the published roster's, verbatim.
    let published_text = w.read("pub.csv");
    let history: Vec<&str> = published_text
        .lines()
        .filter(|l| !l.starts_with("date,") && l[..10] < *from.to_string())
        .collect();
    let history_text = w.read("history.csv");
    assert_eq!(history_text.lines().skip(1).collect::<Vec<_>>(), history);

    let changed = changes(&w);
    let mut by_why: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in &changed {
        by_why.entry(&c.why).or_default().insert(&c.nip);
    }
    let of = |why: &str| by_why.get(why).cloned().unwrap_or_default();
    let hired: BTreeSet<&str> = HIRED.iter().map(|h| h.0).collect();
    assert_eq!(of("new staff"), hired);
    assert_eq!(of("transfer"), BTreeSet::from([MOVED]));
    assert_eq!(of("leave"), BTreeSet::from([ON_LEAVE]));
    let rebalance = changed.iter().filter(|c| c.why == "rebalance").count();
    let for_requests = changed.iter().filter(|c| c.why == "request").count();
    // The requests: each day reported, a granted one in the roster, and counted in the
    // summary.
    let report = w.read("granted.csv");
    let granted = report
        .lines()
        .skip(1)
        .filter(|l| l.contains(",yes,"))
        .count();
    assert_eq!(report.lines().count(), 21, "{report}");
    assert!(
        run.stdout
            .contains(&format!("Requests: 20 request days, {granted} granted.")),
        "{}",
        run.stdout
    );
    assert!(
        granted >= 10,
        "only {granted} of 20 requests granted\n{report}"
    );
    assert!(
        of("left").is_empty() && of("policy change").is_empty(),
        "{changed:?}"
    );
    // Each newcomer on every day of the window; the leave on each of its working days.
    for nip in &hired {
        assert_eq!(changed.iter().filter(|c| c.nip == *nip).count(), window);
    }
    let leave_rows: Vec<&Change> = changed.iter().filter(|c| c.nip == ON_LEAVE).collect();
    assert_eq!(leave_rows.len(), leave_days);
    assert!(
        leave_rows
            .iter()
            .all(|c| c.new == "LEAVE" && c.why == "leave")
    );
    // The transferred person starts afresh in the new unit: at most every day of the window.
    let moved = changed.iter().filter(|c| c.nip == MOVED).count();
    assert!(moved <= window);
    // Rebalancing stays in the units the changes and the requests touch.
    let mut touched: BTreeSet<&str> = [
        "Dinas Kesehatan",
        "Dinas Komunikasi dan Informatika",
        "Badan Perencanaan Pembangunan Daerah",
        "Sekretariat Daerah",
        "Dinas Perhubungan",
        "Dinas Pendidikan dan Kebudayaan",
    ]
    .into();
    touched.extend(requested_units.iter().copied());
    for c in &changed {
        assert!(touched.contains(c.unit.as_str()), "{c:?}");
    }
    // Measured: 3 × 11 new-staff days, 9 leave days, 6 of the transfer's 11 and 4 rebalanced
    // (52 in all). The bound: what the inputs decide (3 × 11 + 9 + 11 = 53) plus 12.
    // Granting a request may move a colleague's day too.
    assert!(
        rebalance <= E2E_REBALANCE + granted,
        "{rebalance} rebalanced person-days\n{}",
        w.read("ch.csv")
    );
    // A granted request changes at most its own day and the day of one colleague.
    assert!(for_requests <= granted, "{for_requests} > {granted}");
    let bound = 3 * window + leave_days + window + E2E_REBALANCE + 2 * granted;
    assert!(changed.len() <= bound, "{} > {bound}", changed.len());
    if std::env::var_os("REPLAN_STATS").is_some() {
        eprintln!(
            "e2e: {} changed ({rebalance} rebalance, {for_requests} request), {granted} of 20 granted",
            changed.len()
        );
    }
    let people: BTreeSet<&str> = changed.iter().map(|c| c.nip.as_str()).collect();
    let summary = format!(
        "Changes against the published roster from {from}: {} person-days of {} people.",
        changed.len(),
        people.len()
    );
    assert!(run.stdout.contains(&summary), "{summary}\n{}", run.stdout);
}

/// Rebalanced person-days the end-to-end re-plan may add to the changes its inputs decide.
const E2E_REBALANCE: usize = 12;

/// A published roster planned for a window of the period (`--from/--to`, or cron's `--next
/// month`), re-planned with unchanged inputs from a day inside it, should change nothing.
/// It does not: `--published` refuses `--to`, so the re-plan runs to the policy's end, and
/// every person-day after the published roster's last day is listed as a change (`old`
/// empty, `why` "policy change" or "rebalance"): 5681 person-days of 299 people here, and
/// re.csv holds September as well.
#[test]
fn replan_of_a_published_window_with_unchanged_inputs_changes_nothing() {
    let w = Workdir::new();
    let policy = repo("policies/permenpanrb-4-2025.toml");
    let staff = repo("examples/staff-kota-contoh.csv");
    let (policy, staff) = (policy.to_str().unwrap(), staff.to_str().unwrap());
    let published = publish(
        &w,
        policy,
        staff,
        &["--from", "2025-08-01", "--to", "2025-08-29"],
    );
    assert_eq!(published.code, 0, "{}", published.stderr);
    let inputs = Inputs {
        policy,
        staff,
        leave: None,
        extra: vec![],
    };
    let run = replan(&w, &inputs, NaiveDate::from_ymd_opt(2025, 8, 14).unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changed = changes(&w);
    assert!(
        changed.is_empty(),
        "{} changes, the first {:?}",
        changed.len(),
        changed.first()
    );
    assert!(w.read("re.csv") == w.read("pub.csv"));
}

/// The August month of the end-to-end test, published as a long roster (`pub.csv`) and in
/// the other forms `--published` reads: the wide CSV and the workbook.
fn august_in_every_form(w: &Workdir) -> String {
    august_policy(w);
    let staff = repo("examples/staff-kota-contoh.csv");
    let staff = staff.to_str().unwrap().to_owned();
    let published = publish(
        w,
        "august.toml",
        &staff,
        &["--wide", "pub-wide.csv", "--xlsx", "pub.xlsx"],
    );
    assert_eq!(published.code, 0, "{}", published.stderr);
    staff
}

/// Re-plans `published` (any form) from the 10th working day with unchanged inputs.
fn replan_unchanged(w: &Workdir, staff: &str, published: &str) -> Run {
    w.roster(&[
        "plan",
        "--policy",
        "august.toml",
        "--staff",
        staff,
        "--published",
        published,
        "--from",
        "2025-08-14",
        "--out",
        "re.csv",
        "--changes",
        "ch.csv",
        "-q",
    ])
}

/// The long roster's rows without the `rule` column.
fn without_rule(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let mut record = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(l.as_bytes())
                .into_records();
            let cells = record.next().unwrap().unwrap();
            cells.iter().take(8).collect::<Vec<_>>().join("|")
        })
        .collect()
}

/// A wide published roster, re-planned with unchanged inputs, changes nothing, and its days
/// come back in the long roster (only the `rule` column, which the wide form does not hold,
/// is left empty on the history's fixed days: see the ignored test below).
#[test]
fn replan_of_a_wide_published_roster_changes_nothing() {
    let w = Workdir::new();
    let staff = august_in_every_form(&w);
    let run = replan_unchanged(&w, &staff, "pub-wide.csv");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(changes(&w), vec![]);
    assert_eq!(
        without_rule(&w.read("re.csv")),
        without_rule(&w.read("pub.csv"))
    );
}

/// The history a re-plan copies from a wide (or workbook) published roster has no `rule`:
/// 1,791 rows of fixed days before the 14th (`Bendahara, pengawas, ...`, `staff`) come out
/// with an empty `rule` column, so the long roster is not the one plan wrote, although the
/// resolver knows each of those days' rule.
#[test]
fn replan_of_a_wide_published_roster_is_the_long_roster() {
    let w = Workdir::new();
    let staff = august_in_every_form(&w);
    let run = replan_unchanged(&w, &staff, "pub-wide.csv");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(w.read("re.csv") == w.read("pub.csv"));
}

/// The workbook `plan --xlsx` wrote, re-planned with unchanged inputs, changes nothing. It
/// cannot be read: its day columns (`Thu 14/08`, no year) are dated within the period for
/// the published days, but the same file is also read as history (`Carry::read`, dating
/// days *before* the window), where the window's own columns have no date: "error:
/// pub.xlsx:Roster!P1: day column `Thu 14/08`: no date before 2025-08-14 has this day and
/// weekday", exit 1.
#[test]
fn replan_of_a_published_workbook_changes_nothing() {
    let w = Workdir::new();
    let staff = august_in_every_form(&w);
    let run = replan_unchanged(&w, &staff, "pub.xlsx");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(changes(&w), vec![]);
    assert_eq!(
        without_rule(&w.read("re.csv")),
        without_rule(&w.read("pub.csv"))
    );
}

/// Two units of four, 60/20/20, two remote days a week, February 2025; the roster is
/// published, and from Friday the 7th a fifth person joins Unit 1.
fn newcomer_after_rounding_down(w: &Workdir) -> Run {
    w.write(
        "policy.toml",
        "name = \"terbit\"\n[period]\nstart = 2025-02-04\nend = 2025-03-01\n\
         calendar = \"indonesia\"\n[split]\nWFO = 60\nWFH = 20\nWFA = 20\n\
         [rotation]\nmax_remote_per_week = 2\n",
    );
    let mut staff = String::from("nip,name,unit,role\n");
    for i in 0..8 {
        writeln!(
            staff,
            "{},Orang {i},Unit {},Analis Kebijakan",
            nip(i),
            i / 4
        )
        .unwrap();
    }
    w.write("staff.csv", &staff);
    writeln!(staff, "{NEW_NIP},Orang Baru,Unit 1,Analis Kebijakan").unwrap();
    w.write("staff-new.csv", staff);
    let published = publish(w, "policy.toml", "staff.csv", &[]);
    assert_eq!(published.code, 0, "{}", published.stderr);
    let inputs = Inputs {
        policy: "policy.toml",
        staff: "staff-new.csv",
        leave: None,
        extra: vec![],
    };
    replan(w, &inputs, NaiveDate::from_ymd_opt(2025, 2, 7).unwrap())
}

/// Found by the new-person property: a published roster that met every guarantee, and no
/// re-plan can after a newcomer. Its first three days gave Unit 1 (four people, 2.4 in the
/// office a day) 2 WFO each: 6. With five people every later day needs exactly 3 WFO (48
/// over 16 days), so the period has 54 where 55.2 ± 1 is asked. The re-plan exits 3, and so
/// does planning the window afresh after the same history.
#[test]
fn a_newcomer_can_make_the_period_quota_unreachable() {
    let w = Workdir::new();
    let run = newcomer_after_rounding_down(&w);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Unit 1: 54 WFO person-days over the period, the policy asks for 55.2"),
        "{}",
        run.stderr
    );
    let inputs = Inputs {
        policy: "policy.toml",
        staff: "staff-new.csv",
        leave: None,
        extra: vec![],
    };
    let (from, to) = (
        NaiveDate::from_ymd_opt(2025, 2, 7).unwrap(),
        NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
    );
    assert_eq!(check_window(&w, &inputs, from, to).code, 3);
    let fresh = fresh_plan(&w, &inputs, from, to);
    assert_eq!(fresh.code, 3, "{}", fresh.stderr);
}

/// In that case the exact search proves Unit 1 impossible (`Outcome::Impossible`), yet the
/// note says it "could not settle which days to keep or grant (a unit of more than 4000
/// rotating person-days, or its budget ran out)": a unit of 80 person-days whose search
/// finished. `keep_and_grant` sends an impossible unit without a whole published plan to
/// `day_by_day`, the list that note names.
#[test]
fn an_impossible_unit_is_not_reported_as_out_of_budget() {
    let w = Workdir::new();
    let run = newcomer_after_rounding_down(&w);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(!run.stdout.contains("budget ran out"), "{}", run.stdout);
}

/// The policy changes from D: 60/40 published for September 2025, 50/50 from the 15th. The
/// period's totals cannot be met after two weeks at 60/40 (a fresh `plan --previous` of the
/// window reports just those two), but every day of the window can meet the new daily
/// quota. The re-plan changes nothing instead: the exact search proves the unit impossible
/// and `keep_and_grant` then keeps the published days whole (`Outcome::Impossible if
/// kept.contains_key(&unit)`), so the new split is ignored and 22 guarantees are listed as
/// unmet (20 of them daily quotas: "Dinas 2025-09-15: 4 of 10 rotating staff WFH, the
/// policy allows 5"), where only 2 must give way (SPEC §9 "Exit 3 is a claim").
#[test]
fn replan_after_a_split_change_meets_the_new_daily_quota() {
    let w = Workdir::new();
    let policy = "name = \"ubah\"\n[period]\nstart = 2025-09-01\nend = 2025-09-26\n[split]\n";
    w.write("before.toml", format!("{policy}WFO = 60\nWFH = 40\n"));
    w.write("after.toml", format!("{policy}WFO = 50\nWFH = 50\n"));
    let mut staff = String::from("nip,name,unit,role\n");
    for i in 0..10 {
        writeln!(staff, "{},Orang {i},Dinas,Analis", nip(i)).unwrap();
    }
    w.write("staff.csv", staff);
    let published = publish(&w, "before.toml", "staff.csv", &[]);
    assert_eq!(published.code, 0, "{}", published.stderr);
    let inputs = Inputs {
        policy: "after.toml",
        staff: "staff.csv",
        leave: None,
        extra: vec![],
    };
    let from = NaiveDate::from_ymd_opt(2025, 9, 15).unwrap();
    let to = NaiveDate::from_ymd_opt(2025, 9, 26).unwrap();
    let run = replan(&w, &inputs, from);
    assert_eq!(run.code, 3, "{}", run.stderr);
    check_window(&w, &inputs, from, to);
    let fresh = fresh_plan(&w, &inputs, from, to);
    // The cause and its change come first (issue 24), then the list.
    assert!(
        fresh
            .stderr
            .contains("\nLower WFH to 45.\n2 unmet guarantee(s)"),
        "{}",
        fresh.stderr
    );
    assert!(!changes(&w).is_empty(), "nothing changed:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("\nLower WFH to 45.\n2 unmet guarantee(s)"),
        "{}",
        run.stderr
    );
}

/// Found by the leave property: bug 5's mechanism after a plain leave. Two units (11 and 4
/// people), 60/40, two remote days a week, 17–27 March 2025; from Friday the 21st one
/// person of Unit 0 is on leave to the 26th. The re-plan changes only the four leave days
/// and lists 6 unmet daily quotas (the 21st, 25th and 26th); planning the window afresh
/// after the same history leaves only the 21st's 2 (the weekly cap binds on a Friday), so
/// the 25th and 26th did not have to give way: one more WFH on each would do.
#[test]
fn replan_after_leave_lists_only_the_guarantees_that_must_give_way() {
    let w = Workdir::new();
    let case = Case {
        units: vec![(11, 0), (4, 0)],
        remote: (40, 0),
        max_run: None,
        min_office: None,
        start: NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(),
        weeks: 2,
        from: 0,
        pick: 0,
        leave_days: 0,
    };
    write_case(&w, &case);
    let published = publish(&w, "policy.toml", "staff.csv", &[]);
    assert_eq!(published.code, 0, "{}", published.stderr);
    w.write(
        "leave.csv",
        format!("nip,from,to\n{},2025-03-21,2025-03-26\n", nip(7)),
    );
    let inputs = Inputs {
        policy: "policy.toml",
        staff: "staff.csv",
        leave: Some("leave.csv"),
        extra: vec![],
    };
    let from = NaiveDate::from_ymd_opt(2025, 3, 21).unwrap();
    let run = replan(&w, &inputs, from);
    assert_eq!(run.code, 3, "{}", run.stderr);
    check_window(
        &w,
        &inputs,
        from,
        *working_days(&w, "policy.toml").last().unwrap(),
    );
    let fresh = fresh_plan(
        &w,
        &inputs,
        from,
        NaiveDate::from_ymd_opt(2025, 3, 28).unwrap(),
    );
    assert_eq!((fresh.code, unmet(&fresh)), (3, 2), "{}", fresh.stderr);
    assert!(unmet(&run) <= unmet(&fresh), "{}", run.stderr);
}

/// A month published after an earlier one (`--previous july.csv`) and re-planned with the
/// same `--previous` and unchanged inputs changes nothing. (Left out, the earlier month's
/// counts no longer weigh on fairness, and the re-plan rebalances: 26 person-days here.)
#[test]
fn replan_with_the_same_previous_changes_nothing() {
    let w = Workdir::new();
    august_policy(&w);
    let shipped = std::fs::read_to_string(repo("policies/permenpanrb-4-2025.toml")).unwrap();
    w.write(
        "july.toml",
        shipped
            .replace("start    = 2025-07-07", "start    = 2025-07-01")
            .replace("end      = 2025-09-26", "end      = 2025-07-31"),
    );
    let staff = repo("examples/staff-kota-contoh.csv");
    let staff = staff.to_str().unwrap();
    let july = w.roster(&[
        "plan",
        "--policy",
        "july.toml",
        "--staff",
        staff,
        "--out",
        "july.csv",
        "-q",
    ]);
    assert_eq!(july.code, 0, "{}", july.stderr);
    let published = publish(&w, "august.toml", staff, &["--previous", "july.csv"]);
    assert_eq!(published.code, 0, "{}", published.stderr);
    let inputs = Inputs {
        policy: "august.toml",
        staff,
        leave: None,
        extra: vec!["--previous", "july.csv"],
    };
    let run = replan(&w, &inputs, NaiveDate::from_ymd_opt(2025, 8, 14).unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(changes(&w), vec![]);
    assert!(w.read("re.csv") == w.read("pub.csv"));
}

/// `--from` alone is a re-plan's first day: without `--published` it needs `--to`, and a
/// published roster that ends before it leaves nothing to re-plan. Both are usage errors.
#[test]
fn from_without_to_needs_a_published_roster_that_reaches_it() {
    let w = Workdir::new();
    let policy = repo("policies/permenpanrb-4-2025.toml");
    let staff = repo("examples/staff-kota-contoh.csv");
    let (policy, staff) = (policy.to_str().unwrap(), staff.to_str().unwrap());
    let alone = w.roster(&[
        "plan",
        "--policy",
        policy,
        "--staff",
        staff,
        "--from",
        "2025-08-04",
    ]);
    assert_eq!(alone.code, 2, "{}", alone.stderr);
    assert!(
        alone.stderr.contains("--from needs --to"),
        "{}",
        alone.stderr
    );
    assert!(!w.exists("roster.csv"));
    let published = publish(
        &w,
        policy,
        staff,
        &["--from", "2025-07-07", "--to", "2025-07-18"],
    );
    assert_eq!(published.code, 0, "{}", published.stderr);
    let late = w.roster(&[
        "plan",
        "--policy",
        policy,
        "--staff",
        staff,
        "--published",
        "pub.csv",
        "--from",
        "2025-08-04",
        "--out",
        "re.csv",
    ]);
    assert_eq!(late.code, 2, "{}", late.stderr);
    assert!(
        late.stderr
            .contains("the published roster ends on 2025-07-18, before --from 2025-08-04"),
        "{}",
        late.stderr
    );
    assert!(!w.exists("re.csv"));
}

/// `--changes` with `{unit}` gives each unit the rows of its people: together they are the
/// whole list.
#[test]
fn changes_per_unit_add_up_to_the_whole_list() {
    let w = Workdir::new();
    august_policy(&w);
    let staff = repo("examples/staff-kota-contoh.csv");
    let staff = staff.to_str().unwrap();
    assert_eq!(publish(&w, "august.toml", staff, &[]).code, 0);
    w.write(
        "leave.csv",
        format!("nip,from,to\n{ON_LEAVE},2025-08-14,2025-08-27\n{MOVED},2025-08-20,2025-08-22\n"),
    );
    let run = |changes: &str| {
        w.roster(&[
            "plan",
            "--policy",
            "august.toml",
            "--staff",
            staff,
            "--leave",
            "leave.csv",
            "--published",
            "pub.csv",
            "--from",
            "2025-08-14",
            "--out",
            "re.csv",
            "--changes",
            changes,
            "-q",
        ])
    };
    assert_eq!(run("ch.csv").code, 0);
    assert_eq!(run("ch/{unit}.csv").code, 0);
    let whole = w.read("ch.csv");
    let mut rows: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(w.path("ch")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            whole.lines().next(),
            "every file has the header"
        );
        rows.extend(lines.map(str::to_owned));
    }
    let mut expected: Vec<String> = whole.lines().skip(1).map(str::to_owned).collect();
    assert!(expected.len() >= 12, "{whole}");
    rows.sort();
    expected.sort();
    assert_eq!(rows, expected);
}

/// A published roster whose rows were re-sorted in a spreadsheet (here: reversed) is still
/// re-planned into the roster as planned: its history is written back in the long roster's
/// order, and with unchanged inputs nothing changes.
#[test]
fn a_resorted_published_roster_is_written_back_in_order() {
    let w = Workdir::new();
    august_policy(&w);
    let staff = repo("examples/staff-kota-contoh.csv");
    let staff = staff.to_str().unwrap();
    assert_eq!(publish(&w, "august.toml", staff, &[]).code, 0);
    let planned = w.read("pub.csv");
    let mut lines: Vec<&str> = planned.lines().collect();
    lines[1..].reverse();
    w.write("pub.csv", lines.join("\n") + "\n");
    let inputs = Inputs {
        policy: "august.toml",
        staff,
        leave: None,
        extra: vec![],
    };
    let run = replan(&w, &inputs, NaiveDate::from_ymd_opt(2025, 8, 14).unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(changes(&w), vec![]);
    assert!(
        w.read("re.csv") == planned,
        "re.csv is not the roster as planned"
    );
}
