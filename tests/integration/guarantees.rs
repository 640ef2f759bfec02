//! The guarantees at every unit size: a rotating day takes only its split's modes, and large
//! units that the day-by-day plan leaves broken are settled (SPEC §9 "Exit 3 at every size").

use crate::checker::{read_leave, read_roster, violated};
use crate::support::Workdir;
use chrono::Datelike;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use roster::policy::Policy;
use roster::staff::Staff;
use std::collections::BTreeSet;

/// Three people under alternate weeks with `WFO = 75, WFH = 25` and one remote day in a
/// row: the exact search used to meet the quota with a WFA day, a mode the split does not
/// name, and `check` passed the roster.
#[test]
fn a_rotating_day_takes_only_its_splits_modes() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"t\"\n[period]\nstart = 2025-07-07\nend = 2025-07-25\n\
         [split]\nWFO = 75\nWFH = 25\n[rotation]\npattern = \"alternate-weeks\"\n\
         max_consecutive_remote = 1\n",
    );
    w.write(
        "staff.csv",
        "nip,name,unit,role\n199001012015011000,O0,Dinas,Staf\n\
         199001012015011001,O1,Dinas,Staf\n199001012015011002,O2,Dinas,Staf\n",
    );
    w.write(
        "leave.csv",
        "nip,from,to\n199001012015011002,2025-07-23,2025-07-23\n",
    );
    let run = w.plan_written();
    assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
    let roster = w.read("roster.csv");
    for line in roster.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (mode, rule) = (cells[6], cells[8]);
        if rule.is_empty() {
            assert!(mode == "WFO" || mode == "WFH", "{line}");
        }
    }
    let policy = Policy::parse(&w.read("policy.toml"), "policy.toml").unwrap();
    let staff = Staff::read(&w.path("staff.csv"), &Default::default()).unwrap();
    let leave = read_leave(Some(&w.path("leave.csv")));
    let broken = violated(&policy, &staff, &leave, &read_roster(&w.path("roster.csv")));
    assert_eq!(
        run.code == 0,
        broken.is_empty(),
        "{broken:?}: {}",
        run.stderr
    );

    // `check` refuses a WFA day written into the roster by hand.
    let mut edited = String::new();
    let mut changed = false;
    for line in roster.lines() {
        if !changed && (line.ends_with(",WFH,A,") || line.ends_with(",WFH,B,")) {
            edited += &line.replacen(",WFH,", ",WFA,", 1);
            changed = true;
        } else {
            edited += line;
        }
        edited.push('\n');
    }
    assert!(changed, "the roster has a WFH day");
    w.write("edited.csv", edited);
    let run = w.roster(&[
        "check",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "--leave",
        "leave.csv",
        "--roster",
        "edited.csv",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("WFA, a mode the split does not name")
            || run.stdout.contains("WFA, a mode the split does not name"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

/// A unit of realistic size written into a work dir: `people` staff of one unit (teams
/// `Bidang 0..teams` in turn when `teams > 0`), and leave of 1–5 days for about one person in
/// `1 / leave_every`, within `leave_span` (days from the period's start), from a fixed seed.
fn unit(
    w: &Workdir,
    policy: &str,
    people: usize,
    teams: usize,
    leave_every: u64,
    leave_span: (i64, i64),
) {
    let start = Policy::parse(policy, "policy.toml").unwrap().period.start;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut staff = String::from("nip,name,unit,team,role\n");
    let mut leave = String::from("nip,from,to\n");
    for i in 0..people {
        let nip = format!("1985{i:014}");
        let team = if teams > 0 {
            format!("Bidang {}", i % teams)
        } else {
            String::new()
        };
        staff += &format!("{nip},Pegawai {i},Dinas Contoh,{team},Analis\n");
        if next() % leave_every == 0 {
            let from = start
                + chrono::Duration::days(
                    leave_span.0 + (next() % (leave_span.1 - leave_span.0) as u64) as i64,
                );
            let to = from + chrono::Duration::days((next() % 5) as i64);
            leave += &format!("{nip},{from},{to}\n");
        }
    }
    w.write("policy.toml", policy);
    w.write("staff.csv", staff);
    w.write("leave.csv", leave);
}

/// Plans what [`unit`] wrote: exit 0, and the independent checker finds nothing.
fn plans_clean(w: &Workdir) {
    let run = w.plan_written();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = Policy::parse(&w.read("policy.toml"), "policy.toml").unwrap();
    let staff = Staff::read(&w.path("staff.csv"), &Default::default()).unwrap();
    let leave = read_leave(Some(&w.path("leave.csv")));
    let broken = violated(&policy, &staff, &leave, &read_roster(&w.path("roster.csv")));
    assert!(broken.is_empty(), "the checker finds {broken:?}");
}

/// A 283-person Sekretariat Daerah under alternate weeks, two remote days a week and half
/// the unit in the office, over four weeks: the pure pattern's remote week is vetoed after
/// two days, so the day-by-day plan leaves three days a week with nobody at home (5,600
/// rotating person-days, beyond one exact model).
#[test]
fn a_large_unit_under_alternate_weeks_and_a_weekly_cap_is_settled() {
    let w = Workdir::new();
    unit(
        &w,
        "name = \"Setda\"\n[period]\nstart = 2025-07-07\nend = 2025-08-01\n\
         calendar = \"indonesia\"\n[split]\nWFO = 70\nWFH = 30\n[rotation]\n\
         pattern = \"alternate-weeks\"\nmax_remote_per_week = 2\nmin_office = \"50%\"\n",
        283,
        8,
        20,
        (0, 25),
    );
    plans_clean(&w);
}

/// A 70-person Dinas over a quarter with a third of its staff on leave around Lebaran
/// (cuti bersama included), two remote days a week and half in the office.
#[test]
fn a_quarter_with_lebaran_leave_is_settled() {
    let w = Workdir::new();
    unit(
        &w,
        "name = \"Dinsos\"\n[period]\nstart = 2025-03-03\nend = 2025-05-30\n\
         calendar = \"indonesia\"\n[split]\nWFO = 60\nWFH = 40\n[rotation]\n\
         max_remote_per_week = 2\nmin_office = \"50%\"\n",
        70,
        0,
        3,
        (21, 43),
    );
    plans_clean(&w);
}

/// Alternate weeks with whole teams together over eight weeks that hold the Imlek short
/// week: whole groups move on the fewest days.
#[test]
fn alternate_weeks_with_teams_together_over_a_short_week_are_settled() {
    let w = Workdir::new();
    unit(
        &w,
        "name = \"Kominfo\"\n[period]\nstart = 2025-01-06\nend = 2025-02-28\n\
         calendar = \"indonesia\"\n[split]\nWFO = 50\nWFH = 50\n[rotation]\n\
         pattern = \"alternate-weeks\"\nteams = \"together\"\nmax_remote_per_week = 3\n",
        75,
        9,
        10,
        (0, 50),
    );
    plans_clean(&w);
}

/// Half the unit remote under two remote days a week cannot be met in a five-day week: a
/// unit of 285 people (far past one exact model) is proven impossible by counting, at once,
/// not left "not proven".
#[test]
fn a_large_impossible_unit_is_proven_impossible_by_counting() {
    let w = Workdir::new();
    unit(
        &w,
        "name = \"PUPR\"\n[period]\nstart = 2025-07-07\nend = 2025-08-08\n\
         calendar = \"indonesia\"\n[split]\nWFO = 50\nWFH = 50\n[rotation]\n\
         pattern = \"alternate-days\"\nmax_remote_per_week = 2\n",
        285,
        0,
        12,
        (0, 30),
    );
    let run = w.plan_written();
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        !run.stderr.contains("none was proven impossible"),
        "{}",
        run.stderr
    );
}

/// A large unit built around a roster that meets every guarantee by construction, so that
/// "exit 3" on it is wrong whatever the planner does.
#[derive(Debug, Clone)]
struct Witnessed {
    pattern: &'static str,
    /// Remote days per five working days: 1 (20%) or 2 (40%), and whether they split
    /// between WFH and WFA.
    remote: usize,
    both_remote_modes: bool,
    /// Groups of five people (one of each phase); two teams of groups.
    groups: usize,
    /// Groups on leave together for five working days, from this working day.
    leave: Vec<(usize, usize)>,
    /// A dated rule pool for the second team, over ten working days from this one.
    rule_from: Option<usize>,
    /// Added to the caps the witness needs (a looser policy).
    slack: u32,
}

fn witnessed() -> impl Strategy<Value = Witnessed> {
    (
        prop_oneof![
            Just("balanced"),
            Just("alternate-days"),
            Just("alternate-weeks")
        ],
        1usize..=2,
        any::<bool>(),
        40usize..=56,
        proptest::collection::vec((0usize..56, 0usize..55), 0..6),
        proptest::option::of(0usize..50),
        0u32..=1,
    )
        .prop_map(
            |(pattern, remote, both, groups, leave, rule_from, slack)| Witnessed {
                pattern,
                remote,
                both_remote_modes: both && remote == 2,
                groups,
                leave: leave.into_iter().filter(|(g, _)| *g < groups).collect(),
                rule_from,
                slack,
            },
        )
}

/// Writes the policy, staff and leave of `case` into `w`, and returns the witness roster:
/// person `i` (phase `i % 5`) is remote on working day `d` when `(d + i) % 5` is one of the
/// remote positions, so every day has exactly the split's share of each pool remote, no one
/// is remote two working days in a row, and everyone's counts are within one of each other.
fn write_witnessed(w: &Workdir, case: &Witnessed) -> crate::checker::Roster {
    let wfo = 100 - 20 * case.remote as u32;
    let split = if case.both_remote_modes {
        format!("WFO = {wfo}\nWFH = 20\nWFA = 20")
    } else {
        format!("WFO = {wfo}\nWFH = {}", 100 - wfo)
    };
    let head = format!(
        "name = \"witness\"\n[period]\nstart = 2025-07-01\nend = 2025-09-30\n\
         calendar = \"indonesia\"\n[split]\n{split}\n"
    );
    let days = Policy::parse(&head, "policy.toml")
        .unwrap()
        .period
        .working_days();
    let people = case.groups * 5;
    let team = |i: usize| {
        if (i / 5).is_multiple_of(2) {
            "Tim A"
        } else {
            "Tim B"
        }
    };
    let nip = |i: usize| format!("1986{i:014}");
    let on_leave = |i: usize, d: usize| {
        (case.leave.iter()).any(|&(g, from)| g == i / 5 && (from..from + 5).contains(&d))
    };
    let in_rule = |i: usize, d: usize| {
        team(i) == "Tim B" && case.rule_from.is_some_and(|f| (f..f + 10).contains(&d))
    };
    let positions: &[usize] = if case.remote == 1 { &[0] } else { &[0, 2] };
    let mut rows = std::collections::BTreeMap::new();
    let mut week_most = 0u32;
    let mut week: std::collections::BTreeMap<(usize, (i32, u32)), u32> = Default::default();
    for i in 0..people {
        for (d, date) in days.iter().enumerate() {
            let rule = if in_rule(i, d) { "Tim B bergilir" } else { "" };
            let mode = if on_leave(i, d) {
                ("LEAVE", "leave")
            } else {
                match positions.iter().position(|&p| p == (d + i) % 5) {
                    Some(k) if case.both_remote_modes && k == 1 => ("WFA", rule),
                    Some(_) => ("WFH", rule),
                    None => ("WFO", rule),
                }
            };
            if mode.0 == "WFH" || mode.0 == "WFA" {
                let w = date.iso_week();
                let n = week.entry((i, (w.year(), w.week()))).or_insert(0);
                *n += 1;
                week_most = week_most.max(*n);
            }
            rows.insert((*date, nip(i)), (mode.0.to_owned(), mode.1.to_owned()));
        }
    }
    // Three treasurers fixed in the office by a rule.
    for k in 0..3 {
        for date in &days {
            rows.insert(
                (*date, format!("1987{k:014}")),
                ("WFO".to_owned(), "Bendahara di kantor".to_owned()),
            );
        }
    }
    let rule_pool = case.rule_from.map_or(String::new(), |f| {
        format!(
            "[[rule]]\nname = \"Tim B bergilir\"\nteams = [\"Tim B\"]\nfrom = {}\nto = {}\n\
             split = {{ {} }}\n",
            days[f],
            days[(f + 9).min(days.len() - 1)],
            split.replace('\n', ", ")
        )
    });
    w.write(
        "policy.toml",
        format!(
            "{head}[rotation]\npattern = \"{}\"\nmax_remote_per_week = {}\n\
             max_consecutive_remote = {}\nmin_office = \"50%\"\n\
             [[rule]]\nname = \"Bendahara di kantor\"\nroles = [\"bendahara\"]\nmode = \"WFO\"\n\
             {rule_pool}",
            case.pattern,
            week_most + case.slack,
            1 + case.slack,
        ),
    );
    let mut staff = String::from("nip,name,unit,team,role\n");
    for i in 0..people {
        staff += &format!("{},Pegawai {i},Dinas Besar,{},Analis\n", nip(i), team(i));
    }
    for k in 0..3 {
        staff += &format!("1987{k:014},Bendahara {k},Dinas Besar,,Bendahara\n");
    }
    w.write("staff.csv", staff);
    let mut leave = String::from("nip,from,to\n");
    for &(g, from) in &case.leave {
        for i in g * 5..g * 5 + 5 {
            leave += &format!("{},{},{}\n", nip(i), days[from], days[from + 4]);
        }
    }
    w.write("leave.csv", leave);
    crate::checker::Roster {
        rows,
        duplicates: 0,
    }
}

/// Plans the unit of `case`: its exit code, stderr, and what the independent checker finds
/// in the roster; first holds the witness to the checker, which proves that a roster exists.
fn plan_witnessed(case: &Witnessed) -> Result<(i32, String, BTreeSet<u8>), TestCaseError> {
    let w = Workdir::new();
    let witness = write_witnessed(&w, case);
    let policy = Policy::parse(&w.read("policy.toml"), "policy.toml").unwrap();
    let staff = Staff::read(&w.path("staff.csv"), &Default::default()).unwrap();
    let leave = read_leave(Some(&w.path("leave.csv")));
    // The construction can break fairness where a group's leave and the dated rule pool
    // overlap: such a case proves nothing, and another is drawn.
    let broken = violated(&policy, &staff, &leave, &witness);
    prop_assume!(broken.is_empty(), "the witness breaks {:?}", broken);
    let run = w.plan_written();
    let broken = violated(&policy, &staff, &leave, &read_roster(&w.path("roster.csv")));
    prop_assert_eq!(run.code == 0, broken.is_empty(), "{}", run.stderr);
    Ok((run.code, run.stderr, broken))
}

proptest! {
    #![proptest_config(ProptestConfig {
        // 4 new cases in the slow run, 1 by default; the regressions file's six run in both.
        cases: crate::support::cases(1, 4),
        ..ProptestConfig::default()
    })]

    /// Units of 200–280 rotating people over a quarter (12,000+ rotating person-days) with
    /// caps, leave, an office floor, a dated rule pool and each pattern, each built around
    /// a roster that meets every guarantee, so "exit 3" is wrong whatever the planner does:
    /// each must be settled, exit 0 with nothing the independent checker finds broken. The
    /// tightest are alternating weeks with 40% remote, two remote days a week and never two
    /// in a row: each week must give everyone exactly two days apart. The regressions file
    /// keeps the balanced units with one remote day a week, a dated rule pool and a group's
    /// leave whose fairness spread of 2 once ended in exit 3.
    #[test]
    fn a_large_unit_with_a_roster_is_planned_without_exit_3(case in witnessed()) {
        let (code, stderr, broken) = plan_witnessed(&case)?;
        prop_assert_eq!(code, 0, "{}", stderr);
        prop_assert!(broken.is_empty(), "the checker finds {:?}", broken);
    }
}
