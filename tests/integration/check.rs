//! `roster check`, `report`, `explain`, `init` and `calendar` end to end.

use crate::support::{Run, Workdir, repo};

const STAFF: &str = "examples/staff-kota-contoh.csv";
const LEAVE: &str = "examples/cuti.csv";
/// Caps, an office floor, exemptions and three modes: every mutation below has a target.
const POLICY: &str = "policies/permenpanrb-4-2025.toml";

fn args(list: &[&str]) -> Vec<std::ffi::OsString> {
    list.iter()
        .map(|a| match *a {
            "STAFF" => repo(STAFF).into_os_string(),
            "LEAVE" => repo(LEAVE).into_os_string(),
            "POLICY" => repo(POLICY).into_os_string(),
            other if other.starts_with("policies/") || other.starts_with("tests/") => {
                repo(other).into_os_string()
            }
            other => other.into(),
        })
        .collect()
}

/// Plans the permenpanrb policy and returns the roster's lines.
fn planned() -> (Workdir, Vec<String>) {
    let w = Workdir::new();
    let run = w.roster(&args(&[
        "plan", "--policy", "POLICY", "--staff", "STAFF", "--leave", "LEAVE", "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = w.read("roster.csv").lines().map(str::to_owned).collect();
    (w, lines)
}

fn check(w: &Workdir, lines: &[String]) -> Run {
    w.write("edited.csv", lines.join("\n") + "\n");
    w.roster(&args(&[
        "check",
        "--policy",
        "POLICY",
        "--staff",
        "STAFF",
        "--leave",
        "LEAVE",
        "--roster",
        "edited.csv",
    ]))
}

fn cells(line: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect()
}

fn join(cells: &[String]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(cells).unwrap();
    String::from_utf8(w.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_owned()
}

/// Sets the mode of every roster row (cells: date, nip, name, unit, team, role, mode,
/// group, rule) that `which` picks.
fn set_mode(lines: &mut [String], mode: &str, which: impl Fn(&[String]) -> bool) {
    for line in lines.iter_mut().skip(1) {
        let mut c = cells(line);
        if which(&c) {
            c[6] = mode.into();
            *line = join(&c);
        }
    }
}

fn assert_names(run: &Run, guarantee: u8) {
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let heading = format!("guarantee {guarantee} (");
    assert!(
        run.stdout.contains(&heading),
        "no {heading} in:\n{}",
        run.stdout
    );
}

#[test]
fn plans_of_every_shipped_policy_check_clean_long_and_wide() {
    for entry in std::fs::read_dir(repo("policies")).unwrap() {
        let policy = entry.unwrap().path();
        let w = Workdir::new();
        let plan = |extra: &[&str]| {
            let mut a = args(&[
                "plan", "--staff", "STAFF", "--leave", "LEAVE", "-q", "--policy",
            ]);
            a.push(policy.clone().into_os_string());
            a.extend(args(extra));
            w.roster(&a)
        };
        assert_eq!(plan(&["--wide", "wide.csv"]).code, 0);
        for roster in ["roster.csv", "wide.csv"] {
            let mut a = args(&[
                "check", "--staff", "STAFF", "--leave", "LEAVE", "--roster", roster, "--policy",
            ]);
            a.push(policy.clone().into_os_string());
            let run = w.roster(&a);
            assert_eq!(run.code, 0, "{} {roster}: {}", policy.display(), run.stdout);
            assert!(run.stdout.starts_with("0 violations\n"), "{}", run.stdout);
        }
    }
}

#[test]
fn flipped_rotating_days_break_the_quota() {
    let (w, mut lines) = planned();
    let first = cells(&lines[1]);
    let (date, unit) = (first[0].clone(), first[3].clone());
    set_mode(&mut lines, "WFH", |c| {
        c[0] == date && c[3] == unit && c[8].is_empty() && c[6] == "WFO"
    });
    let run = check(&w, &lines);
    assert_names(&run, 3);
    assert!(
        run.stdout.contains(&format!("{unit} {date}: ")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("rotating staff WFH, the policy allows"),
        "{}",
        run.stdout
    );
}

#[test]
fn exempt_person_at_home_breaks_fixed_modes() {
    let (w, mut lines) = planned();
    let i = lines
        .iter()
        .position(|l| l.contains(",WFO,,\"Bendahara"))
        .unwrap();
    lines[i] = lines[i].replace(",WFO,,\"Bendahara", ",WFH,,\"Bendahara");
    let run = check(&w, &lines);
    assert_names(&run, 2);
    assert!(
        run.stdout.contains("is fixed by rule `Bendahara"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("WFO expected, WFH found"),
        "{}",
        run.stdout
    );
}

#[test]
fn deleted_row_breaks_one_row_per_day() {
    let (w, mut lines) = planned();
    let gone = cells(&lines.remove(10));
    let run = check(&w, &lines);
    assert_names(&run, 1);
    assert!(
        run.stdout.contains(&format!("{} NIP {}", gone[0], gone[1])),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("has no row for this working day"),
        "{}",
        run.stdout
    );
}

#[test]
fn row_on_a_holiday_is_found() {
    let (w, mut lines) = planned();
    // 2025-08-18 is cuti bersama for Hari Kemerdekaan.
    let mut c = cells(&lines[1]);
    c[0] = "2025-08-18".into();
    lines.push(join(&c));
    let run = check(&w, &lines);
    assert_names(&run, 1);
    assert!(
        run.stdout
            .contains("has a row on 2025-08-18, which is a day off"),
        "{}",
        run.stdout
    );
}

#[test]
fn duplicated_row_is_found() {
    let (w, mut lines) = planned();
    lines.push(lines[5].clone());
    let run = check(&w, &lines);
    assert_names(&run, 1);
    let last = lines.len();
    assert!(
        run.stdout
            .contains(&format!("two rows for this day (lines 6 and {last})")),
        "{}",
        run.stdout
    );
}

#[test]
fn three_remote_days_in_a_week_break_the_cap() {
    let (w, mut lines) = planned();
    // The first rotating person of the first week: remote Monday to Wednesday.
    let nip = lines
        .iter()
        .skip(1)
        .map(|l| cells(l))
        .find(|c| c[8].is_empty())
        .map(|c| c[1].clone())
        .unwrap();
    set_mode(&mut lines, "WFH", |c| {
        c[1] == nip && ["2025-07-07", "2025-07-08", "2025-07-09"].contains(&c[0].as_str())
    });
    let run = check(&w, &lines);
    assert_names(&run, 5);
    assert!(
        // The week as its Monday to Friday: 2025-W28.
        run.stdout.contains(&format!("7–11 Jul 2025 NIP {nip}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("max_remote_per_week is 2"),
        "{}",
        run.stdout
    );
}

#[test]
fn empty_office_breaks_min_office() {
    let (w, mut lines) = planned();
    let unit = "Badan Perencanaan Pembangunan Daerah";
    set_mode(&mut lines, "WFA", |c| {
        c[0] == "2025-07-10" && c[3] == unit && c[8].is_empty()
    });
    let run = check(&w, &lines);
    assert_names(&run, 5);
    assert!(
        run.stdout.contains(&format!("{unit} 2025-07-10: ")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("in the office, min_office 40% asks for 6 of 14 present"),
        "{}",
        run.stdout
    );
}

#[test]
fn unknown_nip_is_found() {
    let (w, mut lines) = planned();
    let mut c = cells(&lines[1]);
    c[1] = "199912312025011999".into();
    c[2] = "Orang Asing".into();
    lines.push(join(&c));
    let run = check(&w, &lines);
    assert_names(&run, 1);
    assert!(
        run.stdout.contains("NIP 199912312025011999: line"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Orang Asing is not in the staff file"),
        "{}",
        run.stdout
    );
}

#[test]
fn spreadsheet_round_trip_checks_clean() {
    let w = Workdir::new();
    let bytes = std::fs::read(repo("tests/fixtures/roundtrip/roster-excel.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFdate;nip;"),
        "fixture lost its BOM"
    );
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "fixture lost its CRLF"
    );
    let run = w.roster(&args(&[
        "check",
        "--policy",
        "tests/fixtures/roundtrip/policy.toml",
        "--staff",
        "tests/fixtures/roundtrip/staff.csv",
        "--roster",
        "tests/fixtures/roundtrip/roster-excel.csv",
    ]));
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("0 violations\n"));
}

/// `check --format json` of `roster` against the planned inputs, with `extra` flags.
fn check_json(roster: &str, extra: &[&str]) -> Vec<std::ffi::OsString> {
    let mut a = args(&[
        "check", "--policy", "POLICY", "--staff", "STAFF", "--leave", "LEAVE", "--roster", roster,
        "--format", "json",
    ]);
    a.extend(args(extra));
    a
}

#[test]
fn json_lists_the_same_violations() {
    let (w, mut lines) = planned();
    lines.remove(10);
    w.write("edited.csv", lines.join("\n") + "\n");
    let run = w.roster(&check_json("edited.csv", &[]));
    assert_eq!(run.code, 3);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let violations = value["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0]["guarantee"], 1);
    assert_eq!(value["total"]["unit"], "TOTAL");
    assert_eq!(value["total"]["problems"], 1);
}

/// The JSON's message is worded in `--lang`; its dates stay ISO for programs.
#[test]
fn json_words_its_messages_in_the_language_asked_and_keeps_iso_dates() {
    let (w, mut lines) = planned();
    lines.remove(10);
    w.write("edited.csv", lines.join("\n") + "\n");
    let json = |lang: &str| {
        let run = w.roster(&check_json("edited.csv", &["--lang", lang]));
        assert_eq!(run.code, 3, "{}", run.stderr);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        value["violations"][0].clone()
    };
    let (en, id) = (json("en"), json("id"));
    let message = |v: &serde_json::Value| v["message"].as_str().unwrap().to_owned();
    assert!(
        message(&en).ends_with("has no row for this working day"),
        "{en}"
    );
    assert!(
        message(&id).ends_with("tidak punya baris untuk hari kerja ini"),
        "{id}"
    );
    let date = en["dates"].as_str().unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "{en}"
    );
    assert_eq!(en["dates"], id["dates"]);
}

/// A small roster whose text the snapshots below pin.
fn roundtrip(command: &[&str]) -> Run {
    let mut a = args(command);
    a.extend(args(&[
        "--policy",
        "tests/fixtures/roundtrip/policy.toml",
        "--staff",
        "tests/fixtures/roundtrip/staff.csv",
    ]));
    Workdir::new().roster(&a)
}

#[test]
fn check_report_snapshot() {
    let w = Workdir::new();
    let original =
        std::fs::read_to_string(repo("tests/fixtures/roundtrip/roster-excel.csv")).unwrap();
    // A bendahara at home and a row deleted.
    let edited = original
        .replacen(
            ";Bendahara Pengeluaran;wfo;",
            ";Bendahara Pengeluaran;WFH;",
            1,
        )
        .replacen(
            ";Bendahara Pengeluaran;WFO;",
            ";Bendahara Pengeluaran;WFH;",
            1,
        );
    let mut lines: Vec<&str> = edited.split("\r\n").collect();
    lines.remove(3);
    w.write("edited.csv", lines.join("\r\n"));
    let mut a = args(&["check", "--roster"]);
    a.push(w.path("edited.csv").into_os_string());
    a.extend(args(&[
        "--policy",
        "tests/fixtures/roundtrip/policy.toml",
        "--staff",
        "tests/fixtures/roundtrip/staff.csv",
    ]));
    let run = w.roster(&a);
    assert_eq!(run.code, 3);
    insta::assert_snapshot!("check_report", run.stdout);
    // The same in Bahasa Indonesia: headings, messages, numbers.
    a.extend(args(&["--lang", "id"]));
    let run = w.roster(&a);
    assert_eq!(run.code, 3);
    assert!(!run.stdout.contains("expected"), "{}", run.stdout);
    insta::assert_snapshot!("check_report_id", run.stdout);
}

/// The round-trip roster with every WFH day of Diskominfo's rotating staff but Rizky
/// Pratama's made WFO: four people with no WFH day, one with three.
fn unfair_roster(w: &Workdir) -> std::path::PathBuf {
    let original =
        std::fs::read_to_string(repo("tests/fixtures/roundtrip/roster-excel.csv")).unwrap();
    let edited: Vec<String> = (original.split("\r\n"))
        .map(|line| {
            if line.contains("Dinas Komunikasi") && !line.contains("198812022015031005") {
                line.replace(";WFH;", ";WFO;").replace(";wfh;", ";WFO;")
            } else {
                line.to_owned()
            }
        })
        .collect();
    w.write("unfair.csv", edited.join("\r\n"))
}

fn check_unfair(extra: &[&str]) -> Run {
    let w = Workdir::new();
    let mut a = args(&["check", "--roster"]);
    a.push(unfair_roster(&w).into_os_string());
    a.extend(args(&[
        "--policy",
        "tests/fixtures/roundtrip/policy.toml",
        "--staff",
        "tests/fixtures/roundtrip/staff.csv",
    ]));
    a.extend(args(extra));
    w.roster(&a)
}

/// The lines of the fairness group of `check`'s text.
fn fairness_group(stdout: &str) -> String {
    let start = stdout.find(" 4 (").expect("a fairness group");
    let start = stdout[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = stdout[start..]
        .find("\n\n")
        .map_or(stdout.len(), |i| start + i);
    stdout[start..end].to_owned()
}

#[test]
fn check_names_the_people_at_both_ends_of_a_fairness_spread() {
    let run = check_unfair(&[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    insta::assert_snapshot!("check_fairness_people", fairness_group(&run.stdout));
    let run = check_unfair(&["--lang", "id"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    insta::assert_snapshot!("check_fairness_people_id", fairness_group(&run.stdout));
}

#[test]
fn check_json_carries_the_people_of_a_fairness_spread() {
    let run = check_unfair(&["--format", "json"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fairness: Vec<&serde_json::Value> = (json["violations"].as_array().unwrap().iter())
        .filter(|v| v["guarantee"] == 4)
        .collect();
    let wfh = fairness
        .iter()
        .find(|v| v["message"].as_str().unwrap().ends_with("WFH days"))
        .expect("a WFH spread");
    let people = wfh["people"].as_array().unwrap();
    let at = |end: &str| -> Vec<(String, u64)> {
        (people.iter())
            .filter(|p| p["end"] == end)
            .map(|p| {
                (
                    p["nip"].as_str().unwrap().to_owned(),
                    p["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    // Three of the four with none are named, in canonical order; Rizky Pratama has three.
    assert_eq!(
        at("low"),
        [
            ("198609262015051001".to_owned(), 0),
            ("199001052019031003".to_owned(), 0),
            ("199105182020122004".to_owned(), 0),
        ]
    );
    assert_eq!(at("high"), [("198812022015031005".to_owned(), 3)]);
    assert_eq!(people[0]["name"], "Andi Saputra, S.Kom.");
    assert_eq!(
        wfh["people_total"],
        serde_json::json!({"low": 4, "high": 1})
    );
    // Other violations carry no people.
    let quota = (json["violations"].as_array().unwrap().iter())
        .find(|v| v["guarantee"] == 3)
        .unwrap();
    assert_eq!(quota["people"], serde_json::json!([]));
    assert!(quota["people_total"].is_null());
}

#[test]
fn weekly_report_snapshot() {
    let run = Workdir::new().roster(&args(&[
        "report",
        "--roster",
        "tests/fixtures/roundtrip/roster-excel.csv",
        "--by",
        "week",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("weekly_report", run.stdout);
}

#[test]
fn report_by_person_as_csv() {
    let run = Workdir::new().roster(&args(&[
        "report",
        "--roster",
        "tests/fixtures/roundtrip/roster-excel.csv",
        "--by",
        "person",
        "--format",
        "csv",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("week,nip,name,unit,people,person_days,WFO,WFH,WFA,FIELD,LEAVE,office_pct,remote_pct")
    );
    // 11 people over the weeks 13, 14 (days off only) and 15.
    assert_eq!(lines.count(), 22);
}

#[test]
fn explain_snapshot() {
    let run = roundtrip(&["explain", "198304252010012008"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("explain_bendahara", run.stdout);
    let run = roundtrip(&["explain", "'199508082022032010"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("explain_rotating", run.stdout);
    let run = roundtrip(&["explain", "1"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("NIP 1 is not in"), "{}", run.stderr);
}

#[test]
fn init_writes_a_starter_that_plans_the_example_and_never_overwrites() {
    let w = Workdir::new();
    let run = w.roster(&["init", "policy.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let starter = w.read("policy.toml");
    let run = w.roster(&args(&[
        "plan",
        "--policy",
        "policy.toml",
        "--staff",
        "STAFF",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    w.write("policy.toml", "edited");
    let run = w.roster(&["init", "policy.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("policy.toml already exists"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("policy.toml"), "edited");
    assert_eq!(w.roster(&["init"]).stdout, starter);
}

#[test]
fn calendar_lists_days_off_of_a_year() {
    let run = Workdir::new().roster(&["calendar", "--year", "2025"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("│ 2025-03-31 ┆ Mon ┆ libur nasional ┆ Eid al-Fitr"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("│ 2025-04-07 ┆ Mon ┆ cuti bersama"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("2024-"));
    let run = Workdir::new().roster(&["calendar", "--year", "2025", "--lang", "id"]);
    assert!(
        run.stdout.contains("│ Tanggal    ┆ Hari ┆ Jenis"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("│ 31/03/2025 ┆ Sen  ┆ libur nasional"),
        "{}",
        run.stdout
    );
    let run = Workdir::new().roster(&["calendar", "--year", "2027"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("does not cover 2027"), "{}", run.stderr);
}

/// Two people, 50% at home, two weeks: the second week checked alone or after the first.
fn two_weeks(w: &Workdir, policy_extra: &str) {
    w.write(
        "policy.toml",
        format!(
            "name = \"Dua orang\"\n[period]\nstart = 2025-07-07\nend = 2025-07-18\n\
             [split]\nWFO = 50\nWFH = 50\n{policy_extra}"
        ),
    );
    w.write(
        "staff.csv",
        "nip,name,unit,role\n199001012015011001,Ani,Dinas,Staf\n\
         199001012015011002,Budi,Dinas,Staf\n",
    );
}

/// Long rows for Ani and Budi: `modes` per date, Ani's then Budi's.
fn two_week_rows(days: &[(&str, &str, &str)]) -> String {
    let mut text = String::from("date,nip,name,unit,team,role,mode,group,rule\n");
    for (date, ani, budi) in days {
        text += &format!("{date},199001012015011001,Ani,Dinas,,Staf,{ani},,\n");
        text += &format!("{date},199001012015011002,Budi,Dinas,,Staf,{budi},,\n");
    }
    text
}

fn check_second_week(w: &Workdir, previous: &[&str]) -> Run {
    let mut list = vec![
        "check",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "--roster",
        "week2.csv",
        "--from",
        "2025-07-14",
        "--to",
        "2025-07-18",
    ];
    for p in previous {
        list.extend(["--previous", p]);
    }
    w.roster(&list)
}

/// `check --previous` counts fairness over both periods, as `plan --previous` plans it: Budi
/// at home three days of five in each week is fair within a week (3 against 2) and unfair
/// over the two (6 against 4).
#[test]
fn check_previous_counts_fairness_over_both_periods() {
    let w = Workdir::new();
    two_weeks(&w, "");
    let week = |d: u32| {
        [0, 1, 2, 3, 4].map(|i| {
            let date = format!("2025-07-{:02}", d + i);
            let (ani, budi) = if i % 2 == 0 {
                ("WFO", "WFH")
            } else {
                ("WFH", "WFO")
            };
            (date, ani, budi)
        })
    };
    let rows = |d| {
        let days = week(d);
        let days: Vec<(&str, &str, &str)> =
            days.iter().map(|(d, a, b)| (d.as_str(), *a, *b)).collect();
        two_week_rows(&days)
    };
    w.write("week1.csv", rows(7));
    w.write("week2.csv", rows(14));
    let alone = check_second_week(&w, &[]);
    assert_eq!(alone.code, 0, "{}{}", alone.stdout, alone.stderr);
    let both = check_second_week(&w, &["week1.csv"]);
    assert_eq!(both.code, 3, "{}{}", both.stdout, both.stderr);
    assert!(
        both.stdout
            .contains("people with 10 rotating days have from 4 to 6 WFH days"),
        "{}",
        both.stdout
    );
    // A folder of earlier rosters reads the same; one still to be made is empty history.
    std::fs::create_dir(w.path("earlier")).unwrap();
    std::fs::copy(w.path("week1.csv"), w.path("earlier/week1.csv")).unwrap();
    assert_eq!(check_second_week(&w, &["earlier"]).code, 3);
    let first_run = check_second_week(&w, &["not-yet"]);
    assert_eq!(first_run.code, 0, "{}", first_run.stderr);
    // Rows of the window in the earlier roster do not count: the window's own rows do.
    assert_eq!(check_second_week(&w, &["week2.csv"]).code, 0);
}

/// The caps see across the boundary: Friday at home then Monday at home is two in a row.
#[test]
fn check_previous_continues_the_consecutive_cap() {
    let w = Workdir::new();
    two_weeks(&w, "[rotation]\nmax_consecutive_remote = 1\n");
    w.write(
        "week1.csv",
        two_week_rows(&[
            ("2025-07-07", "WFO", "WFH"),
            ("2025-07-08", "WFH", "WFO"),
            ("2025-07-09", "WFO", "WFH"),
            ("2025-07-10", "WFH", "WFO"),
            ("2025-07-11", "WFH", "WFO"),
        ]),
    );
    // Alone, the second week is fair and never two in a row; week 1 ends with Ani at home
    // on Thursday and Friday.
    w.write(
        "week2.csv",
        two_week_rows(&[
            ("2025-07-14", "WFH", "WFO"),
            ("2025-07-15", "WFO", "WFH"),
            ("2025-07-16", "WFH", "WFO"),
            ("2025-07-17", "WFO", "WFH"),
            ("2025-07-18", "WFH", "WFO"),
        ]),
    );
    let alone = check_second_week(&w, &[]);
    assert_eq!(alone.code, 0, "{}{}", alone.stdout, alone.stderr);
    let both = check_second_week(&w, &["week1.csv"]);
    assert_eq!(both.code, 3, "{}{}", both.stdout, both.stderr);
    assert!(
        both.stdout
            .contains("Ani is remote 3 working days in a row, max_consecutive_remote is 1"),
        "{}",
        both.stdout
    );
}
