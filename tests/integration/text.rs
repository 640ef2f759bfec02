//! Text that comes from the inputs: roster headers read back, cells written out, and what
//! reaches a terminal (issue 13, items 9, 13, 14, 15 and 18).

use crate::support::{Run, Workdir, plan_fixture, repo};

/// Plans the round-trip fixture in `w` with `extra` arguments (quietly) and asserts it ran.
fn plan_in(w: &Workdir, extra: &[&str]) {
    let mut extra = extra.to_vec();
    extra.push("-q");
    let run = w.roster(&plan_fixture(&extra));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// `check` of `roster` (a file in `w`) against the round-trip fixture.
fn check_fixture(w: &Workdir, roster: &str) -> Run {
    w.roster(&[
        "check".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        repo("tests/fixtures/roundtrip/staff.csv").as_os_str(),
        "--roster".as_ref(),
        roster.as_ref(),
    ])
}

/// Appends `copies` copies of column `col` to every line of a CSV without quoted commas in
/// that column.
fn repeat_column(text: &str, col: usize, copies: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let cell = line.split(',').nth(col).expect("column");
        out.push_str(line);
        for _ in 0..copies {
            out.push(',');
            out.push_str(cell);
        }
        out.push('\n');
    }
    out
}

// ---- item 9: a repeated date column in a wide roster ----

#[test]
fn a_date_column_repeated_in_a_wide_roster_is_refused() {
    let w = Workdir::new();
    plan_in(&w, &["--wide", "wide.csv"]);
    let wide = w.read("wide.csv");
    // Column 7 is the first working day, 2025-03-24.
    assert!(wide.starts_with("nip,name,unit,team,role,group,2025-03-24,"));
    w.write("repeated.csv", repeat_column(&wide, 6, 2000));
    let run = check_fixture(&w, "repeated.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("repeated.csv:1: columns `2025-03-24` (column 7) and `2025-03-24` (column ")
            && run
                .stderr
                .contains("both give `2025-03-24`: keep one of them"),
        "{}",
        run.stderr
    );
    // The same date in the other spelling is the same column.
    w.write(
        "respelled.csv",
        wide.replacen("2025-03-25,", "24/03/2025,", 1),
    );
    let run = check_fixture(&w, "respelled.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("columns `2025-03-24` (column 7) and `24/03/2025` (column 8)"),
        "{}",
        run.stderr
    );
}

// ---- item 14: two columns giving one field in a roster ----

#[test]
fn two_mode_columns_are_refused_by_every_roster_reader() {
    let w = Workdir::new();
    plan_in(&w, &[]);
    let long = w.read("roster.csv");
    // A second `mode` column that says WFH everywhere: which one is meant?
    let doubled: String = long
        .lines()
        .enumerate()
        .map(|(i, line)| format!("{line},{}\n", if i == 0 { "mode" } else { "WFH" }))
        .collect();
    w.write("doubled.csv", doubled);
    let expected = "doubled.csv:1: columns `mode` (column 7) and `mode` (column 10) both give `mode`: keep one of them";
    let run = check_fixture(&w, "doubled.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    let run = w.roster(&["report", "--roster", "doubled.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    let previous = w.roster(&plan_fixture(&[
        "--previous",
        "doubled.csv",
        "--out",
        "next.csv",
    ]));
    assert_eq!(previous.code, 1, "{}", previous.stderr);
    assert!(previous.stderr.contains(expected), "{}", previous.stderr);
    // Aliases count: `date` and `tanggal` are one field.
    let aliased = long.replacen("date,nip,", "tanggal,nip,", 1);
    let aliased: String = aliased
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let first = line.split(',').next().unwrap_or_default();
            format!("{line},{}\n", if i == 0 { "Date" } else { first })
        })
        .collect();
    w.write("aliased.csv", aliased);
    let run = check_fixture(&w, "aliased.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("columns `tanggal` (column 1) and `Date` (column 10) both give `date`"),
        "{}",
        run.stderr
    );
}

// ---- item 15: dates with a sign in the long roster ----

#[test]
fn signed_years_in_the_long_roster_are_neutralised_and_read_back() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"x\"\n[period]\nstart = 2025-03-24\nend = 2025-03-28\n[split]\nWFO = 50\nWFH = 50\n",
    );
    w.write(
        "staff.csv",
        "nip,name,unit,role\n198609262015051001,A,U,r\n198703142014032002,B,U,r\n",
    );
    for (from, to) in [
        ("-0001-12-27", "-0001-12-31"),
        ("+262142-12-20", "+262142-12-24"),
    ] {
        let window = [
            format!("--from={from}"),
            format!("--to={to}"),
            "--policy=policy.toml".into(),
            "--staff=staff.csv".into(),
        ];
        let mut plan = vec!["plan".to_owned(), "--out=long.csv".into(), "-q".into()];
        plan.extend(window.iter().cloned());
        let run = w.roster(&plan);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let long = w.read("long.csv");
        let first = long.lines().nth(1).unwrap_or_default();
        assert!(first.starts_with(&format!("'{from},")), "{long}");
        assert!(long.lines().skip(1).all(|l| l.starts_with('\'')), "{long}");
        // check and --previous read the neutralised form back.
        let mut check = vec!["check".to_owned(), "--roster=long.csv".into()];
        check.extend(window.iter().cloned());
        let run = w.roster(&check);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.starts_with("0 violations"), "{}", run.stdout);
    }
    // Ordinary dates are written as before.
    let run = w.roster(&["plan", "--policy=policy.toml", "--staff=staff.csv", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        w.read("roster.csv")
            .lines()
            .nth(1)
            .unwrap_or_default()
            .starts_with("2025-03-24,")
    );
}
