//! `roster plan` end to end on the shipped policies and example staff.

use crate::checker::{read_leave, read_roster, violated};
use crate::support::{Workdir, repo, scale};
use roster::policy::Policy;
use roster::staff::Staff;
use std::path::Path;

const STAFF: &str = "examples/staff-kota-contoh.csv";
const LEAVE: &str = "examples/cuti.csv";

fn shipped_policies() -> Vec<std::path::PathBuf> {
    let mut list: Vec<_> = std::fs::read_dir(repo("policies"))
        .expect("policies/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    list.sort();
    list
}

fn policy(path: &Path) -> Policy {
    Policy::parse(&std::fs::read_to_string(path).unwrap(), "p").unwrap()
}

#[test]
fn every_shipped_policy_plans_and_meets_every_guarantee() {
    let policies = shipped_policies();
    assert_eq!(policies.len(), 8);
    let staff = Staff::read(&repo(STAFF), &Default::default()).unwrap();
    let leave = read_leave(Some(&repo(LEAVE)));
    for path in policies {
        let w = Workdir::new();
        let run = w.roster(&[
            "plan".as_ref(),
            "--policy".as_ref(),
            path.as_os_str(),
            "--staff".as_ref(),
            repo(STAFF).as_os_str(),
            "--leave".as_ref(),
            repo(LEAVE).as_os_str(),
            "--wide".as_ref(),
            "wide.csv".as_ref(),
            "--summary".as_ref(),
            "summary.csv".as_ref(),
        ]);
        let name = path.display();
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
        assert!(run.stdout.contains("TOTAL"), "{name}");
        let roster = read_roster(&w.path("roster.csv"));
        let broken = violated(&policy(&path), &staff, &leave, &roster);
        assert!(broken.is_empty(), "{name}: guarantees {broken:?} broken");
        assert_wide_matches_long(&w, &roster);
        let summary = w.read("summary.csv");
        assert!(summary.starts_with("unit,staff,fixed,rotating,target_remote_pct"));
        let total = summary.lines().last().unwrap();
        assert!(total.starts_with("TOTAL,299,"), "{name}: {total}");
        let problems = total.split(',').nth(9);
        assert_eq!(problems, Some("0"), "{name}: {total}");
    }
}

fn assert_wide_matches_long(w: &Workdir, long: &crate::checker::Roster) {
    let mut reader = csv::Reader::from_path(w.path("wide.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let dates: Vec<&str> = headers.iter().skip(6).take(headers.len() - 11).collect();
    let mut rows = 0;
    for record in reader.records() {
        let r = record.unwrap();
        rows += 1;
        let mut counts = std::collections::HashMap::new();
        for (i, date) in dates.iter().enumerate() {
            let key = (date.parse().unwrap(), r[0].to_owned());
            assert_eq!(long.rows[&key].0, r[6 + i], "{date} {}", &r[0]);
            *counts.entry(r[6 + i].to_owned()).or_insert(0) += 1;
        }
        for (k, mode) in ["WFO", "WFH", "WFA", "FIELD", "LEAVE"].iter().enumerate() {
            let n: usize = r[6 + dates.len() + k].parse().unwrap();
            assert_eq!(n, counts.get(*mode).copied().unwrap_or(0));
        }
    }
    assert_eq!(rows * dates.len(), long.rows.len());
}

#[test]
fn roster_is_byte_identical_whatever_the_staff_file_looks_like() {
    let w = Workdir::new();
    let original = std::fs::read_to_string(repo(STAFF)).unwrap();
    let mut lines: Vec<&str> = original.lines().collect();
    let header = lines.remove(0);
    // Reverse and interleave the rows: a different order, deterministically.
    lines.reverse();
    let (even, odd): (Vec<_>, Vec<_>) = lines.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let shuffled: Vec<&str> = odd.into_iter().chain(even).map(|(_, l)| *l).collect();
    w.write(
        "shuffled.csv",
        format!("{header}\n{}\n\n", shuffled.join("\n")),
    );
    // The same people through a spreadsheet: `;`, BOM, CRLF, columns moved, extra spaces.
    let mut staff = csv::Reader::from_path(repo(STAFF)).unwrap();
    let mut excel = String::from("\u{feff}Golongan ; Jabatan;NIP;Unit Kerja;Nama;Bidang;mode\r\n");
    let mut records: Vec<csv::StringRecord> = staff.records().map(|r| r.unwrap()).collect();
    records.sort_by(|a, b| b[1].cmp(&a[1]));
    for r in records {
        excel.push_str(&format!(
            "{};  {} ;{};{};\"{}\";{};{}\r\n",
            &r[5], &r[3], &r[0], &r[2], &r[1], &r[4], &r[6]
        ));
    }
    w.write("excel.csv", excel);
    for (i, policy) in shipped_policies().iter().enumerate() {
        let mut outputs = Vec::new();
        for staff in [repo(STAFF), w.path("shuffled.csv"), w.path("excel.csv")] {
            let out = format!("r{i}-{}.csv", outputs.len());
            let run = w.roster(&[
                "plan".as_ref(),
                "--policy".as_ref(),
                policy.as_os_str(),
                "--staff".as_ref(),
                staff.as_os_str(),
                "--leave".as_ref(),
                repo(LEAVE).as_os_str(),
                "--out".as_ref(),
                out.as_ref(),
                "-q".as_ref(),
            ]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            outputs.push(std::fs::read(w.path(&out)).unwrap());
        }
        assert!(
            outputs[0] == outputs[1],
            "{}: row order changed the roster",
            policy.display()
        );
        assert!(
            outputs[0] == outputs[2],
            "{}: spreadsheet form changed the roster",
            policy.display()
        );
    }
}

#[test]
fn roster_to_stdout_sends_the_summary_to_stderr() {
    let w = Workdir::new();
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("policies/tangsel-wfh-2023.toml").as_os_str(),
        "--staff".as_ref(),
        repo(STAFF).as_os_str(),
        "--out".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("date,nip,name,unit,team,role,mode,group,rule\n")
    );
    assert!(run.stderr.contains("TOTAL"));
    assert!(!w.exists("roster.csv"));
    // Alternating shifts: every rotating row names its group, A or B.
    let rotating: Vec<&str> = run.stdout.lines().filter(|l| l.ends_with(",")).collect();
    assert!(!rotating.is_empty());
    assert!(
        rotating
            .iter()
            .all(|l| l.ends_with(",A,") || l.ends_with(",B,"))
    );
}

#[test]
fn formula_cells_are_neutralised() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"x\"\n[period]\nstart = 2025-06-02\nend = 2025-06-03\n[split]\nWFO = 100\n",
    );
    w.write(
        "staff.csv",
        "nip,name,unit,role\n199001012015011001,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",@SUM(A1),+62 812\n",
    );
    let run = w.roster(&["plan", "--policy", "policy.toml", "--staff", "staff.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = w.read("roster.csv");
    let row = roster.lines().nth(1).unwrap();
    assert_eq!(
        row,
        "2025-06-02,199001012015011001,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(A1),,'+62 812,WFO,,"
    );
}

#[test]
fn impossible_policy_writes_best_roster_and_exits_3() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"x\"\n[period]\nstart = 2025-06-02\nend = 2025-06-13\n[split]\nWFO = 50\nWFH = 50\n[rotation]\nmax_remote_per_week = 2\nmin_office = 3\n",
    );
    w.write(
        "staff.csv",
        "nip,name,unit,role\n199001012015011001,A,Kecil,staf\n199001012015011002,B,Kecil,staf\n",
    );
    let run = w.roster(&["plan", "--policy", "policy.toml", "--staff", "staff.csv"]);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("guarantee 5 (caps and office floor)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Kecil 2025-06-02: 2 in the office, min_office 3 asks for 3 of 2 present"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("roster.csv").lines().count(), 1 + 2 * 10);
}

#[cfg(unix)]
#[test]
fn written_files_get_ordinary_permissions_and_replace_old_ones() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.write("roster.csv", "old");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("policies/wfa-lebaran-2025.toml").as_os_str(),
        "--staff".as_ref(),
        repo(STAFF).as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(w.read("roster.csv").starts_with("date,nip"));
    let mode = std::fs::metadata(w.path("roster.csv"))
        .unwrap()
        .permissions()
        .mode();
    // Readable by others unless the umask says otherwise; never the temp file's 0600.
    assert_ne!(mode & 0o777, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(w.path("."))
        .unwrap()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".roster-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn from_and_to_replace_the_period() {
    let w = Workdir::new();
    let args = |from: &str, to: &str| {
        vec![
            "plan".into(),
            "--policy".into(),
            repo("policies/wfa-lebaran-2025.toml").into_os_string(),
            "--staff".into(),
            repo(STAFF).into_os_string(),
            "--from".into(),
            from.into(),
            "--to".into(),
            to.into(),
            "-q".into(),
        ]
    };
    let run = w.roster(&args("2025-03-27", "2025-04-08"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = read_roster(&w.path("roster.csv"));
    let dates: std::collections::BTreeSet<String> =
        roster.rows.keys().map(|(d, _)| d.to_string()).collect();
    // 28 March to 7 April are Nyepi, Idul Fitri and cuti bersama.
    assert_eq!(
        dates.into_iter().collect::<Vec<_>>(),
        ["2025-03-27", "2025-04-08"]
    );
    let run = w.roster(&args("2025-04-08", "2025-03-27"));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--to 2025-03-27 is before --from 2025-04-08"),
        "{}",
        run.stderr
    );
    // A window reaching past the period plans the days the policy covers.
    let run = w.roster(&args("2025-04-08", "2025-04-20"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = read_roster(&w.path("roster.csv"));
    let dates: std::collections::BTreeSet<String> =
        roster.rows.keys().map(|(d, _)| d.to_string()).collect();
    assert_eq!(
        dates.into_iter().collect::<Vec<_>>(),
        ["2025-04-08", "2025-04-09", "2025-04-10", "2025-04-11"]
    );
    // One wholly outside it is an error naming the period, and writes nothing.
    std::fs::remove_file(w.path("roster.csv")).unwrap();
    for (from, to, when) in [
        ("2026-12-28", "2027-01-08", "the policy has ended"),
        ("2025-03-03", "2025-03-14", "the policy has not begun yet"),
    ] {
        let run = w.roster(&args(from, to));
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: the window {from}..{to} is outside the policy's period 2025-03-17..2025-04-11: {when}{}\n",
                if when.contains("ended") {
                    "; plan these days with the policy that follows it"
                } else {
                    ""
                }
            )
        );
        assert!(!w.exists("roster.csv"));
    }
}

#[test]
fn summary_and_help_snapshots() {
    let w = Workdir::new();
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        repo("tests/fixtures/roundtrip/staff.csv").as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("plan_summary", run.stdout);
    let help = w.roster(&["--help"]);
    assert_eq!(help.code, 0);
    insta::assert_snapshot!("help", help.stdout);
    let help = w.roster(&["plan", "--help"]);
    insta::assert_snapshot!("plan_help", help.stdout);
}

/// `examples/synth`, which `cargo test` builds beside this test binary.
fn synth() -> std::path::PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile = deps.parent().and_then(|d| d.parent()).unwrap();
    let exe = profile
        .join("examples")
        .join(format!("synth{}", std::env::consts::EXE_SUFFIX));
    assert!(exe.exists(), "{} is not built", exe.display());
    exe
}

/// 10,000 generated staff over the benchmark's quarter in the slow run, 2,000 by default.
#[test]
fn a_generated_10k_staff_quarter_meets_every_guarantee() {
    let people = scale(2_000, 10_000);
    let w = Workdir::new();
    let out = std::process::Command::new(synth())
        .args(["--staff", &people.to_string(), "--seed", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    w.write("staff.csv", &out.stdout);
    let policy = repo("benches/quarter.toml");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        policy.as_os_str(),
        "--staff".as_ref(),
        "staff.csv".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let staff = Staff::read(&w.path("staff.csv"), &Default::default()).unwrap();
    assert_eq!(staff.people.len(), people);
    let roster = read_roster(&w.path("roster.csv"));
    let broken = violated(&self::policy(&policy), &staff, &[], &roster);
    assert!(broken.is_empty(), "guarantees {broken:?} broken");
}
