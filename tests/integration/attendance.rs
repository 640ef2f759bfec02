//! `roster attendance` (issue 21): generated attendance with known deviations is classified
//! exactly, the weekly counts add up to the per-person-day file, the result does not depend on
//! row order or on one file against a folder of per-OPD files, the report fits the terminal,
//! bad exports are refused with the line, and `--actual` makes the next month's fairness
//! count what really happened.

use crate::support::{Run, Workdir, repo};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use roster::attendance::Class;
use roster::attendance::generate::{Generated, PlannedDay, Rates, Shape, generate};
use roster::input::Options;
use roster::roster_file::{self, Dating};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

const POLICY: &str = "policies/dki-wfh-2023.toml";
const STAFF: &str = "examples/staff-kota-contoh.csv";

/// Two weeks of the shipped example, planned once: the roster's text and its person-days.
fn planned() -> &'static (String, Vec<PlannedDay>) {
    static PLANNED: OnceLock<(String, Vec<PlannedDay>)> = OnceLock::new();
    PLANNED.get_or_init(|| {
        let w = Workdir::new();
        let run = plan(&w, "2023-09-04", "2023-09-15", None, "roster.csv");
        assert_eq!(run.code, 0, "{}", run.stderr);
        (w.read("roster.csv"), read_planned(&w.path("roster.csv")))
    })
}

fn plan(w: &Workdir, from: &str, to: &str, previous: Option<&str>, out: &str) -> Run {
    let mut args = vec![
        "plan", "--policy", "", "--staff", "", "--from", from, "--to", to,
    ];
    args.extend(["--out", out, "-q"]);
    if let Some(previous) = previous {
        args.extend(["--previous", previous]);
    }
    let (policy, staff) = (repo(POLICY), repo(STAFF));
    let mut args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    args[2] = policy.into();
    args[4] = staff.into();
    w.roster(&args)
}

fn read_planned(path: &Path) -> Vec<PlannedDay> {
    let mut days = Vec::new();
    roster_file::read(path, &Options::default(), Dating::Unknown, |row, _| {
        days.push(PlannedDay {
            date: row.date,
            nip: row.nip.clone(),
            name: row.name.clone(),
            unit: row.unit.clone(),
            mode: row.mode,
        });
        Ok(())
    })
    .expect("the planned roster reads");
    days
}

/// `roster attendance` on the example with these exports and extra arguments.
fn attendance(w: &Workdir, presensi: &[&str], extra: &[&str]) -> Run {
    attendance_env(w, presensi, extra, &[])
}

fn attendance_env(w: &Workdir, presensi: &[&str], extra: &[&str], env: &[(&str, &str)]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec!["attendance".into(), "--policy".into()];
    args.push(repo(POLICY).into());
    args.extend([
        "--staff".into(),
        repo(STAFF).into(),
        "--roster".into(),
        "roster.csv".into(),
    ]);
    args.push("--presensi".into());
    args.extend(presensi.iter().map(Into::into));
    args.extend(extra.iter().map(Into::into));
    w.roster_env(&args, env)
}

fn csv_text(made: &Generated, rows: &[&Vec<String>]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&made.header).unwrap();
    for row in rows {
        out.write_record(*row).unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// A permutation of `0..n` from `seed` (Fisher-Yates over a linear congruential stream).
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in (1..n).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        order.swap(i, (state >> 33) as usize % (i + 1));
    }
    order
}

type Records = Vec<BTreeMap<String, String>>;

fn records(text: &str) -> Records {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .map(str::to_owned)
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn rates() -> impl Strategy<Value = Rates> {
    (prop::collection::vec(0u8..=25, 9)).prop_map(|p| {
        let r = |i: usize| f64::from(p[i]) / 100.0;
        Rates {
            office_missed: r(0),
            office_on_remote_day: r(1),
            absent: r(2),
            leave: r(3),
            no_record: r(4),
            on_duty: r(5),
            not_planned: r(6),
            late: r(7),
            early: r(8),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn injected_deviations_are_classified_exactly_whatever_the_files(
        rates in rates(),
        events in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let (roster, days) = planned();
        let shape = if events { Shape::Events } else { Shape::Daily };
        let made = generate(days, &rates, shape, seed);
        let w = Workdir::new();
        w.write("roster.csv", roster);
        let rows: Vec<&Vec<String>> = made.rows.iter().map(|(_, r)| r).collect();
        w.write("presensi.csv", csv_text(&made, &rows));
        let one = attendance(&w, &["presensi.csv"], &["--out", "days.csv", "--summary", "sum.csv"]);
        prop_assert_eq!(one.code, 0, "{}", one.stderr);

        // Exactly the injected classes, for every person-day, and the late and early days.
        let got = records(&w.read("days.csv"));
        let classes: BTreeMap<(NaiveDate, String), String> = got
            .iter()
            .map(|r| ((r["date"].parse().unwrap(), r["nip"].clone()), r["class"].clone()))
            .collect();
        prop_assert_eq!(classes.len(), got.len(), "one row per person-day");
        let expected: BTreeMap<(NaiveDate, String), String> = made
            .expected
            .iter()
            .map(|(k, c)| (k.clone(), c.code().to_owned()))
            .collect();
        prop_assert_eq!(&classes, &expected);
        let flags = |column: &str| got.iter().filter(|r| r[column] == "1").count() as u64;
        prop_assert_eq!(flags("late"), made.late);
        prop_assert_eq!(flags("early"), made.early);
        // Every class with a rate worth the name shows up: the test is not vacuous.
        let seen: BTreeSet<&String> = classes.values().collect();
        for (class, rate) in [(Class::OfficeMissed, rates.office_missed), (Class::LeaveNotInRoster, rates.leave)] {
            if rate >= 0.1 {
                prop_assert!(seen.contains(&class.code().to_owned()), "{:?} never injected", class);
            }
        }

        // The weekly counts add up to the per-person-day file.
        let mut sums: BTreeMap<(String, String), BTreeMap<String, u64>> = BTreeMap::new();
        let mut total: BTreeMap<String, u64> = BTreeMap::new();
        for r in &got {
            let date: NaiveDate = r["date"].parse().unwrap();
            let week = format!("{}-W{:02}", date.iso_week().year(), date.iso_week().week());
            let mut add = |column: &str, n: u64| {
                *sums.entry((week.clone(), r["unit"].clone())).or_default().entry(column.to_owned()).or_default() += n;
                *total.entry(column.to_owned()).or_default() += n;
            };
            add(&r["class"], 1);
            add("planned", u64::from(!r["planned"].is_empty()));
            add("planned_office", u64::from(r["planned"] == "WFO"));
            add("late", r["late"].parse().unwrap());
            add("early", r["early"].parse().unwrap());
        }
        let columns = ["planned", "planned_office", "as_planned", "office_missed", "office_on_remote_day",
            "absent", "leave_not_in_roster", "no_record", "on_duty", "not_planned", "late", "early"];
        let summary = records(&w.read("sum.csv"));
        prop_assert_eq!(summary.len(), sums.len() + 1);
        for row in &summary {
            let counted = if row["unit"] == "TOTAL" && row["week"].is_empty() {
                &total
            } else {
                &sums[&(row["week"].clone(), row["unit"].clone())]
            };
            for column in columns {
                let n: u64 = row[column].parse().unwrap();
                prop_assert_eq!(n, counted.get(column).copied().unwrap_or(0), "{} {} {}", row["week"], row["unit"], column);
            }
        }

        // A folder of per-OPD files, each in another order, gives the same bytes.
        std::fs::create_dir(w.path("opd")).unwrap();
        let units: BTreeSet<&String> = made.rows.iter().map(|(u, _)| u).collect();
        for (i, unit) in units.iter().enumerate() {
            let mine: Vec<&Vec<String>> = made.rows.iter().filter(|(u, _)| u == *unit).map(|(_, r)| r).collect();
            let order = shuffled(mine.len(), seed ^ i as u64);
            let rows: Vec<&Vec<String>> = order.iter().map(|&k| mine[k]).collect();
            w.write(&format!("opd/{i:02}.csv"), csv_text(&made, &rows));
        }
        let folder = attendance(&w, &["opd"], &["--out", "days2.csv", "--summary", "sum2.csv"]);
        prop_assert_eq!(folder.code, 0, "{}", folder.stderr);
        prop_assert_eq!(w.read("days2.csv"), w.read("days.csv"));
        prop_assert_eq!(w.read("sum2.csv"), w.read("sum.csv"));
        prop_assert_eq!(folder.stdout, one.stdout);
    }
}

/// In a real terminal (a tmux pane) 100 and 80 columns wide, in both languages, no line of
/// the weekly report or of the people list wraps.
#[test]
fn the_weekly_report_fits_100_and_80_columns_in_both_languages() {
    let (roster, days) = planned();
    let made = generate(days, &Rates::default(), Shape::Daily, 7);
    let w = Workdir::new();
    w.write("roster.csv", roster);
    let rows: Vec<&Vec<String>> = made.rows.iter().map(|(_, r)| r).collect();
    w.write("presensi.csv", csv_text(&made, &rows));
    for lang in ["en", "id"] {
        for width in [100u16, 80] {
            for by in ["unit", "person"] {
                let mut args: Vec<std::ffi::OsString> =
                    vec!["attendance".into(), "--policy".into(), repo(POLICY).into()];
                args.extend(["--staff".into(), repo(STAFF).into()]);
                for arg in ["--roster", "roster.csv", "--presensi", "presensi.csv"] {
                    args.push(arg.into());
                }
                for arg in ["--lang", lang, "--by", by, "--out", "days.csv"] {
                    args.push(arg.into());
                }
                let Some(shown) = crate::support::in_tmux(&w.path("."), width, &args) else {
                    return;
                };
                assert!(
                    shown.contains('┌') || shown.contains('+'),
                    "no table:\n{shown}"
                );
                for line in shown.lines() {
                    let used = unicode_width::UnicodeWidthStr::width(line);
                    assert!(
                        used <= usize::from(width),
                        "{lang} {by} at {width}: {used} columns: {line}\n{shown}"
                    );
                }
                if by == "unit" {
                    let kept = if lang == "en" {
                        "as planned"
                    } else {
                        "sesuai jadwal"
                    };
                    assert!(shown.contains(kept), "{shown}");
                }
            }
        }
    }
}

#[test]
fn bad_exports_name_the_line_and_the_fix() {
    let (roster, _) = planned();
    let w = Workdir::new();
    w.write("roster.csv", roster);
    w.write(
        "presensi.csv",
        "NIP;Tanggal;Status\n196608022000011005;04/09/2023;Hadir\n196608022000011005;05/09/2023;Bolos\n",
    );
    let run = attendance(&w, &["presensi.csv"], &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("presensi.csv:3: unknown attendance status `Bolos`: expected one of Hadir (H), Terlambat (T, TL)"),
        "{}",
        run.stderr
    );
    // A NIP a spreadsheet cut to 15 digits is caught as it is in every other input.
    w.write(
        "presensi.csv",
        "NIP,Tanggal,Status\n196608022000011000,2023-09-04,H\n",
    );
    let run = attendance(&w, &["presensi.csv"], &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("presensi.csv:2"), "{}", run.stderr);
    assert!(run.stderr.contains("196608022000011005"), "{}", run.stderr);
    // In Indonesian too.
    w.write(
        "presensi.csv",
        "NIP,Tanggal,Status\n196608022000011005,2023-09-32,H\n",
    );
    let run = attendance(&w, &["presensi.csv"], &["--lang", "id"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("presensi.csv:2: `2023-09-32` bukan tanggal"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_shipped_example_export_reads() {
    let w = Workdir::new();
    let run = plan(&w, "2023-09-04", "2023-09-08", None, "roster.csv");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let example = repo("examples/presensi-kota-contoh.csv");
    let run = attendance(
        &w,
        &[example.to_str().unwrap()],
        &["--out", "days.csv", "--by", "person"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let classes: BTreeSet<String> = records(&w.read("days.csv"))
        .into_iter()
        .map(|r| r["class"].clone())
        .collect();
    for class in Class::ALL {
        assert!(
            classes.contains(class.code()),
            "{class:?} not in the example: {classes:?}"
        );
    }
}

/// Plan September, generate its attendance with the usual deviations, lose two of one
/// person's WFH days to leave, reconcile, and plan October with `--actual` as `--previous`:
/// October gives that person the days back, the audit carrying the actual days finds nothing
/// wrong, and over both months everyone's WFH days are within 1 of half their rotating days.
#[test]
fn actual_days_carry_into_next_months_fairness() {
    let w = Workdir::new();
    let run = plan(&w, "2023-09-01", "2023-09-30", None, "roster.csv");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let september = read_planned(&w.path("roster.csv"));
    let rules: BTreeMap<(NaiveDate, String), String> = records(&w.read("roster.csv"))
        .into_iter()
        .map(|r| {
            (
                (r["date"].parse().unwrap(), r["nip"].clone()),
                r["rule"].clone(),
            )
        })
        .collect();
    // The person first by NIP in the largest unit's default split, and two of their WFH days.
    let rotating = |d: &&PlannedDay| rules[&(d.date, d.nip.clone())].is_empty();
    let unit = "Sekretariat Daerah";
    let x = september
        .iter()
        .filter(rotating)
        .filter(|d| d.unit == unit)
        .map(|d| d.nip.clone())
        .min()
        .unwrap();
    let lost: Vec<NaiveDate> = september
        .iter()
        .filter(|d| d.nip == x && d.mode == roster::mode::Mode::Wfh)
        .map(|d| d.date)
        .take(2)
        .collect();
    assert_eq!(lost.len(), 2);
    let none = Rates {
        office_missed: 0.0,
        office_on_remote_day: 0.0,
        absent: 0.0,
        leave: 0.0,
        no_record: 0.0,
        on_duty: 0.0,
        not_planned: 0.0,
        late: 0.0,
        early: 0.0,
    };
    // Everyone else's month has the usual deviations; this person's, only the two days.
    let usual = generate(&september, &Rates::default(), Shape::Daily, 1);
    let clean = generate(&september, &none, Shape::Daily, 1);
    let others = usual.rows.iter().filter(|(_, row)| row[1] != x);
    let theirs = clean.rows.iter().filter(|(_, row)| row[1] == x);
    let mut text = String::from("NIP,Tanggal,Status,Lokasi\n");
    for (_, row) in others.chain(theirs) {
        let date = roster::attendance::parse_date_time(&row[4]).unwrap().0;
        if row[1] != x || !lost.contains(&date) {
            text.push_str(&format!("{},{},{},{}\n", row[1], row[4], row[7], row[8]));
        }
    }
    for date in &lost {
        text.push_str(&format!("{x},{date},Cuti Tahunan,\n"));
    }
    w.write("presensi.csv", text);
    let run = attendance(
        &w,
        &["presensi.csv"],
        &["--actual", "actual.csv", "--by", "person"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Leave not in the roster"),
        "{}",
        run.stdout
    );

    let run = plan(
        &w,
        "2023-10-01",
        "2023-10-21",
        Some("actual.csv"),
        "october.csv",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = plan(
        &w,
        "2023-10-01",
        "2023-10-21",
        Some("roster.csv"),
        "as-planned.csv",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The audit, carrying the actual days, finds nothing wrong.
    let (policy, staff) = (repo(POLICY), repo(STAFF));
    let check: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--policy".as_ref(),
        policy.as_os_str(),
        "--staff".as_ref(),
        staff.as_os_str(),
        "--from".as_ref(),
        "2023-10-01".as_ref(),
        "--to".as_ref(),
        "2023-10-21".as_ref(),
        "--roster".as_ref(),
        "october.csv".as_ref(),
        "--previous".as_ref(),
        "actual.csv".as_ref(),
    ];
    let run = w.roster(&check);
    assert_eq!(run.code, 0, "{}", run.stdout);

    // Counted here from the files, apart from the library: WFH and rotating days per person of
    // the pool, over the actual September and the new October.
    let tally = |file: &str, counts: &mut BTreeMap<String, (u32, u32)>| {
        for r in records(&w.read(file)) {
            let rule = r["rule"].as_str();
            if r["unit"] != unit || !(rule.is_empty() || rule == "actual") || r["mode"] == "LEAVE" {
                continue;
            }
            let entry = counts.entry(r["nip"].clone()).or_default();
            entry.0 += 1;
            entry.1 += u32::from(r["mode"] == "WFH");
        }
    };
    let wfh_in = |file: &str| {
        let mut counts = BTreeMap::new();
        tally(file, &mut counts);
        counts
    };
    let october = wfh_in("october.csv");
    let as_planned = wfh_in("as-planned.csv");
    // First in line: ahead of everyone whose September went as planned.
    let (planned_september, actual_september) = (wfh_in("roster.csv"), wfh_in("actual.csv"));
    let kept: Vec<&String> = (planned_september.iter())
        .filter(|(nip, counts)| actual_september.get(*nip) == Some(counts))
        .map(|(nip, _)| nip)
        .collect();
    assert!(kept.len() > 5, "{kept:?}");
    let most = kept.iter().map(|nip| october[*nip].1).max().unwrap();
    assert!(october[&x].1 >= most, "first in line: {october:?}");
    assert!(
        october[&x].1 > as_planned[&x].1,
        "{} vs {}",
        october[&x].1,
        as_planned[&x].1
    );
    let mut both = BTreeMap::new();
    tally("actual.csv", &mut both);
    tally("october.csv", &mut both);
    for (nip, (days, wfh)) in &both {
        let off = (f64::from(*wfh) - f64::from(*days) / 2.0).abs();
        assert!(off <= 1.0, "{nip}: {wfh} WFH of {days} rotating days");
    }
}

/// One OPD's roster against the whole city's export: only that OPD is reconciled, and the
/// others' check-ins are not "present, not planned".
#[test]
fn one_opds_roster_against_the_whole_export() {
    let (roster, days) = planned();
    let unit = "Dinas Kesehatan";
    let mut mine = String::new();
    for (i, line) in roster.lines().enumerate() {
        if i == 0 || line.contains(&format!(",{unit},")) {
            mine.push_str(line);
            mine.push('\n');
        }
    }
    let made = generate(days, &Rates::default(), Shape::Events, 3);
    let w = Workdir::new();
    w.write("roster.csv", mine);
    let rows: Vec<&Vec<String>> = made.rows.iter().map(|(_, r)| r).collect();
    w.write("presensi.csv", csv_text(&made, &rows));
    let run = attendance(&w, &["presensi.csv"], &["--out", "days.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = records(&w.read("days.csv"));
    let ours: BTreeSet<&String> = days
        .iter()
        .filter(|d| d.unit == unit)
        .map(|d| &d.nip)
        .collect();
    let expected: BTreeMap<(NaiveDate, String), String> = (made.expected.iter())
        .filter(|((_, nip), _)| ours.contains(nip))
        .map(|(k, c)| (k.clone(), c.code().to_owned()))
        .collect();
    let classes: BTreeMap<(NaiveDate, String), String> = got
        .iter()
        .map(|r| {
            (
                (r["date"].parse().unwrap(), r["nip"].clone()),
                r["class"].clone(),
            )
        })
        .collect();
    assert!(got.iter().all(|r| r["unit"] == unit));
    assert_eq!(classes, expected);
}

/// Memory grows with people, not with export rows: a week of 2,000 people with forty check-in
/// events each a day (400,000 rows) reconciles under the address-space limit that
/// `memory.rs` sets for the other commands.
#[test]
fn memory_grows_with_people_not_with_export_rows() {
    use std::fmt::Write as _;
    const PEOPLE: u64 = 2000;
    let w = Workdir::new();
    let mut staff = String::from("nip,name,unit,role\n");
    for person in 0..PEOPLE {
        let nip = 199001012020011000 + person;
        writeln!(staff, "{nip},Pegawai {person},Dinas {},Staf", person % 4).unwrap();
    }
    w.write("staff.csv", staff);
    w.write(
        "week.toml",
        "name = \"memory\"\n[period]\nstart = 2025-07-07\nend = 2025-07-11\n[split]\nWFO = 60\nWFH = 40\n",
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "week.toml",
        "--staff",
        "staff.csv",
        "--out",
        "roster.csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut export = String::from("NIP,Tanggal Masuk,Tipe,Lokasi\n");
    for day in 7..=11 {
        for person in 0..PEOPLE {
            let nip = 199001012020011000 + person;
            for event in 0..40 {
                let kind = if event % 2 == 0 { "MASUK" } else { "PULANG" };
                writeln!(
                    export,
                    "{nip},2025-07-{day:02} {:02}:{:02},{kind},Dalam Radius",
                    7 + event / 6,
                    event % 60
                )
                .unwrap();
            }
        }
    }
    w.write("presensi.csv", export);
    let bin = env!("CARGO_BIN_EXE_roster");
    let has_prlimit = std::process::Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok();
    let mut command = if has_prlimit {
        let mut c = std::process::Command::new("prlimit");
        c.arg(format!("--as={}", 40u64 << 20)).arg(bin);
        c
    } else {
        eprintln!("prlimit not found: running without a memory limit");
        std::process::Command::new(bin)
    };
    let run: Run = command
        .args([
            "attendance",
            "--policy",
            "week.toml",
            "--staff",
            "staff.csv",
            "--roster",
            "roster.csv",
        ])
        .args([
            "--presensi",
            "presensi.csv",
            "--out",
            "days.csv",
            "--summary",
            "sum.csv",
            "--actual",
            "actual.csv",
        ])
        .current_dir(w.path(""))
        .env("NO_COLOR", "1")
        .output()
        .expect("run roster")
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Everyone checked in at the office: office days kept, remote days spent in the office.
    let planned = records(&w.read("roster.csv"));
    let days = records(&w.read("days.csv"));
    assert_eq!(days.len(), planned.len());
    for (plan, day) in planned.iter().zip(&days) {
        let class = if plan["mode"] == "WFO" {
            "as_planned"
        } else {
            "office_on_remote_day"
        };
        assert_eq!((&day["nip"], day["class"].as_str()), (&plan["nip"], class));
    }
}

/// `--xlsx`: a sheet per ISO week whose figures are the weekly CSV's, and a sheet of people.
#[test]
fn the_workbook_has_a_sheet_per_week_and_one_of_people() {
    use calamine::{Data, DataType, Reader};
    let (roster, days) = planned();
    let made = generate(days, &Rates::default(), Shape::Daily, 5);
    let w = Workdir::new();
    w.write("roster.csv", roster);
    let rows: Vec<&Vec<String>> = made.rows.iter().map(|(_, r)| r).collect();
    w.write("presensi.csv", csv_text(&made, &rows));
    let args = [
        "--xlsx",
        "report.xlsx",
        "--summary",
        "sum.csv",
        "--lang",
        "id",
    ];
    let run = attendance(&w, &["presensi.csv"], &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = calamine::open_workbook_auto(w.path("report.xlsx")).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["2023-W36", "2023-W37", "Pegawai"]);
    let summary = records(&w.read("sum.csv"));
    for week in ["2023-W36", "2023-W37"] {
        let sheet = book.worksheet_range(week).unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        // The last row is the week's total (JUMLAH in Indonesian).
        let (total, rows) = rows[1..].split_last().unwrap();
        assert_eq!(total[0], Data::String("JUMLAH".into()));
        let planned: f64 = rows.iter().map(|r| r[1].as_f64().unwrap()).sum();
        assert_eq!(total[1].as_f64(), Some(planned));
        let mut units = 0;
        for row in rows {
            let Data::String(unit) = &row[0] else {
                panic!("{row:?}")
            };
            units += 1;
            let csv = summary
                .iter()
                .find(|r| r["week"] == week && &r["unit"] == unit)
                .unwrap();
            for (col, column) in [
                "planned",
                "planned_office",
                "office_kept",
                "remote_kept",
                "office_missed",
            ]
            .iter()
            .enumerate()
            {
                assert_eq!(
                    row[col + 1],
                    Data::Float(csv[*column].parse().unwrap()),
                    "{week} {unit} {column}"
                );
            }
        }
        assert_eq!(units, summary.iter().filter(|r| r["week"] == week).count());
    }
    let people = book.worksheet_range("Pegawai").unwrap();
    assert!(people.rows().count() > 1);
}

/// `{unit}` in `--summary` and `--xlsx`: a file per OPD holding that OPD's rows of the whole
/// report; the per-person-day files refuse it before any work.
#[test]
fn a_report_per_opd_with_unit_placeholders() {
    let (roster, days) = planned();
    let made = generate(days, &Rates::default(), Shape::Daily, 9);
    let w = Workdir::new();
    w.write("roster.csv", roster);
    let rows: Vec<&Vec<String>> = made.rows.iter().map(|(_, r)| r).collect();
    w.write("presensi.csv", csv_text(&made, &rows));
    let args = ["--summary", "all.csv", "--xlsx", "opd/{unit}.xlsx"];
    let run = attendance(&w, &["presensi.csv"], &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = attendance(&w, &["presensi.csv"], &["--summary", "opd/{unit}.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let whole = records(&w.read("all.csv"));
    let units: BTreeSet<&String> = whole
        .iter()
        .filter(|r| !r["week"].is_empty())
        .map(|r| &r["unit"])
        .collect();
    assert!(units.len() > 10);
    for unit in units {
        let name: String = unit
            .chars()
            .map(|c| if c == '/' { '_' } else { c })
            .collect();
        assert!(w.exists(&format!("opd/{name}.xlsx")), "{unit}");
        let own = records(&w.read(&format!("opd/{name}.csv")));
        let (total, weeks) = own.split_last().unwrap();
        let expected: Vec<&BTreeMap<String, String>> =
            whole.iter().filter(|r| &r["unit"] == unit).collect();
        assert_eq!(weeks.iter().collect::<Vec<_>>(), expected);
        let planned: u64 = weeks
            .iter()
            .map(|r| r["planned"].parse::<u64>().unwrap())
            .sum();
        assert_eq!(total["planned"], planned.to_string());
    }
    let run = attendance(&w, &["presensi.csv"], &["--out", "days/{unit}.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("{unit}"), "{}", run.stderr);
}
