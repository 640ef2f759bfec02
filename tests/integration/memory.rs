//! Bounded memory and output on large or broken inputs (issue 13, items 9 and 10): the binary
//! runs under an address-space limit on generated input, and what it prints stays small.

use crate::support::{Run, Workdir, scale};
use std::fmt::Write as _;
use std::process::Command;

/// The address space each run may use: about twice what these runs need now, and less than
/// they needed when they held every row (or every cell, or every violation).
const LIMIT: u64 = 40 << 20;

const PEOPLE: usize = 2000;

fn nip(person: usize) -> u64 {
    199001012020011000 + person as u64
}

/// Runs `roster` in `w` under `prlimit --as` (when util-linux has it; otherwise unlimited, and
/// only the outputs are checked).
fn limited(w: &Workdir, args: &[&str]) -> Run {
    let bin = env!("CARGO_BIN_EXE_roster");
    let has_prlimit = Command::new("prlimit").arg("--version").output().is_ok();
    let mut command = if has_prlimit {
        let mut c = Command::new("prlimit");
        c.arg(format!("--as={LIMIT}")).arg(bin);
        c
    } else {
        eprintln!("prlimit not found: running without a memory limit");
        Command::new(bin)
    };
    command
        .args(args)
        .current_dir(w.path(""))
        .env("NO_COLOR", "1")
        .output()
        .expect("run roster")
        .into()
}

/// `PEOPLE` staff in four units, a one-week policy and a quarter policy, no calendar.
fn workdir() -> Workdir {
    workdir_of(PEOPLE)
}

/// [`workdir`] with `people` staff.
fn workdir_of(people: usize) -> Workdir {
    let w = Workdir::new();
    let mut staff = String::from("nip,name,unit,role\n");
    for person in 0..people {
        writeln!(
            staff,
            "{},Pegawai {person},Dinas {},Staf",
            nip(person),
            person % 4
        )
        .unwrap();
    }
    w.write("staff.csv", staff);
    let policy = |end: &str| {
        format!(
            "name = \"memory\"\n[period]\nstart = 2025-07-07\nend = {end}\n[split]\nWFO = 60\nWFH = 40\n"
        )
    };
    w.write("week.toml", policy("2025-07-11"));
    w.write("quarter.toml", policy("2025-09-26"));
    w
}

/// A long roster of everyone over the `days` weekdays before 2025-07-07.
fn history(days: usize) -> String {
    history_of(days, PEOPLE)
}

/// [`history`] of the first `people` staff.
fn history_of(days: usize, people: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 7, 7).unwrap();
    let mut dates: Vec<_> = (1..)
        .map(|back| start - chrono::Days::new(back))
        .filter(|d| chrono::Datelike::weekday(d).number_from_monday() <= 5)
        .take(days)
        .collect();
    dates.reverse();
    let mut text = String::from("date,nip,name,unit,team,role,mode,group,rule\n");
    for date in dates {
        for person in 0..people {
            let day = chrono::Datelike::num_days_from_ce(&date) as usize;
            let mode = if (person + day) % 5 < 3 { "WFO" } else { "WFH" };
            writeln!(
                text,
                "{date},{},Pegawai {person},Dinas {},,Staf,{mode},,",
                nip(person),
                person % 4
            )
            .unwrap();
        }
    }
    text
}

/// One person's day repeated: every row after the first breaks guarantee 1; with that person
/// alone in `one.csv`.
fn duplicates(w: &Workdir, rows: usize) {
    w.write(
        "one.csv",
        format!("nip,name,unit,role\n{},Pegawai 0,Dinas 0,Staf\n", nip(0)),
    );
    let mut text = String::from("date,nip,name,unit,team,role,mode,group,rule\n");
    for _ in 0..rows {
        writeln!(text, "2025-07-07,{},Pegawai 0,Dinas 0,,Staf,WFO,,", nip(0)).unwrap();
    }
    w.write("dups.csv", text);
}

const DUPLICATES: usize = 50_000;

#[test]
fn check_counts_every_duplicate_row_but_prints_twenty() {
    let w = workdir();
    duplicates(&w, DUPLICATES);
    let run = limited(
        &w,
        &[
            "check",
            "--policy",
            "week.toml",
            "--staff",
            "one.csv",
            "--roster",
            "dups.csv",
        ],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    // The person's other four days have no row either.
    let total = DUPLICATES - 1 + 4;
    assert!(
        run.stdout
            .starts_with(&format!("{total} unmet guarantee(s):\n")),
        "{}",
        &run.stdout[..200.min(run.stdout.len())]
    );
    assert!(run.stdout.contains(&format!(
        "one row per person per working day) — {total} problem(s):\n"
    )));
    assert!(
        run.stdout
            .contains(&format!("  ... and {} more\n", total - 20))
    );
    assert_eq!(
        run.stdout.matches(" has two rows for this day ").count(),
        20
    );
    assert!(run.stdout.len() < 20_000, "{} bytes", run.stdout.len());
}

#[test]
fn check_json_keeps_twenty_examples_and_the_exact_counts() {
    let w = workdir();
    duplicates(&w, DUPLICATES);
    let run = limited(
        &w,
        &[
            "check",
            "--policy",
            "week.toml",
            "--staff",
            "one.csv",
            "--roster",
            "dups.csv",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stdout.len() < 40_000, "{} bytes", run.stdout.len());
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let total = (DUPLICATES - 1 + 4) as u64;
    assert_eq!(value["violations"].as_array().unwrap().len(), 20);
    assert_eq!(value["violation_count"], total);
    assert_eq!(
        value["violation_counts"],
        serde_json::json!([{
            "guarantee": 1,
            "title": "one row per person per working day",
            "unit": "Dinas 0",
            "count": total,
            "shown": 20,
        }])
    );
    assert_eq!(value["total"]["problems"], total);
}

#[test]
fn report_by_person_holds_people_and_weeks_not_rows() {
    let w = workdir();
    w.write("history.csv", history(40));
    let run = limited(&w, &["report", "--roster", "history.csv", "--by", "person"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A header, a rule under it, borders, and a row per person and week.
    let lines = run.stdout.lines().count();
    assert_eq!(lines, 4 + PEOPLE * 8, "{}", &run.stdout[..500]);
    // The week as its dates (2025-W20 is 12-16 May), padded to the widest week.
    let row = format!(
        " ┆ {} ┆ Pegawai 0    ┆ Dinas 0 ┆      1 ┆           5 ┆",
        nip(0)
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("│ 12–16 May 2025 ") && l.contains(&row)),
        "{}",
        &run.stdout[..500]
    );
}

#[test]
fn previous_roster_streams_into_the_carry() {
    let w = workdir();
    w.write("history.csv", history(40));
    let run = limited(
        &w,
        &[
            "plan",
            "--policy",
            "week.toml",
            "--staff",
            "staff.csv",
            "--previous",
            "history.csv",
            "--out",
            "roster.csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "Previous roster: {PEOPLE} people continue their counts."
        )),
        "{}",
        run.stdout
    );
    assert_eq!(w.read("roster.csv").lines().count(), 1 + PEOPLE * 5);
}

#[test]
fn xlsx_is_written_row_by_row() {
    let w = workdir();
    let run = limited(
        &w,
        &[
            "plan",
            "--policy",
            "quarter.toml",
            "--staff",
            "staff.csv",
            "--out",
            "roster.csv",
            "--xlsx",
            "roster.xlsx",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(w.path("roster.xlsx")).unwrap();
    let sheet = book.worksheet_range("Roster").unwrap();
    assert_eq!(sheet.height(), 1 + PEOPLE);
}

/// Rosters read out of date order, or a later one correcting an earlier one's days, carry
/// the same as the one roster they make up. With everyone remote on the last day the week
/// cannot be met, and each plan explains why (exit 3), which takes 20 s of CPU for each of
/// these plans at 2,000 people in a debug build: 200 by default, 2,000 in the slow run.
#[test]
fn previous_rosters_out_of_order_or_overlapping_carry_like_one() {
    let people = scale(200, PEOPLE);
    let w = workdir_of(people);
    let text = history_of(10, people);
    w.write("history.csv", &text);
    let plan = |previous: &[&str], out: &str| {
        let mut args = vec![
            "plan",
            "--policy",
            "week.toml",
            "--staff",
            "staff.csv",
            "--out",
            out,
            "-q",
        ];
        for p in previous {
            args.extend(["--previous", p]);
        }
        let run = w.roster(&args);
        assert!(matches!(run.code, 0 | 3), "{}", run.stderr);
        w.read(out)
    };
    let lines: Vec<&str> = text.lines().collect();
    let (header, rows) = (lines[0], &lines[1..]);
    // Everyone remote on the last day, so streaks and the last week carry over.
    let last_day = rows[rows.len() - 1].split(',').next().unwrap().to_owned();
    let edited: Vec<String> = rows
        .iter()
        .map(|r| {
            if r.starts_with(&last_day) {
                r.replace(",WFO,", ",WFH,")
            } else {
                r.to_string()
            }
        })
        .collect();
    let join = |rows: &[String]| format!("{header}\n{}\n", rows.join("\n"));
    w.write("edited.csv", join(&edited));
    let expected = plan(&["edited.csv"], "expected.csv");
    assert_ne!(expected, plan(&["history.csv"], "plain.csv"));
    // The same rows backwards.
    let mut backwards = edited.clone();
    backwards.reverse();
    w.write("backwards.csv", join(&backwards));
    assert_eq!(plan(&["backwards.csv"], "a.csv"), expected);
    // The original, then a correction of its last day.
    let correction: Vec<String> = edited
        .iter()
        .filter(|r| r.starts_with(&last_day))
        .cloned()
        .collect();
    w.write("correction.csv", join(&correction));
    assert_eq!(plan(&["history.csv", "correction.csv"], "b.csv"), expected);
    // The correction first: the original, read after it, wins.
    assert_eq!(
        plan(&["correction.csv", "history.csv"], "c.csv"),
        plan(&["history.csv"], "d.csv")
    );
    // Split in two files given late first.
    let half = edited.len() / 2;
    w.write("early.csv", join(&edited[..half]));
    w.write("late.csv", join(&edited[half..]));
    assert_eq!(plan(&["late.csv", "early.csv"], "e.csv"), expected);
    assert_eq!(plan(&["early.csv", "late.csv"], "f.csv"), expected);
}
