//! The guarantees at every unit size: a rotating day takes only its split's modes, and large
//! units that the day-by-day plan leaves broken are settled (SPEC §9 "Exit 3 at every size").

use crate::checker::{read_leave, read_roster, violated};
use crate::support::Workdir;
use roster::policy::Policy;
use roster::staff::Staff;

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
