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
