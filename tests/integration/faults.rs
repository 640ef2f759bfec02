//! Faults and hostile input: outputs that cannot be written, a killed run, spreadsheet
//! formulas in cells, and parsers fed arbitrary bytes.

use crate::support::{Workdir, plan_fixture, repo};
use proptest::prelude::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const POLICY: &str = "tests/fixtures/roundtrip/policy.toml";
const STAFF: &str = "tests/fixtures/roundtrip/staff.csv";

#[test]
fn full_disk_fails_cleanly_and_keeps_the_old_roster() {
    let w = Workdir::new();
    w.write("roster.csv", "old roster\n");
    let run = w.roster(&plan_fixture(&["--wide", "/dev/full", "-q"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: /dev/full: No space left on device"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("roster.csv"), "old roster\n");
    // The device is still a device, not a file renamed over it.
    let kind = std::fs::metadata("/dev/full").unwrap().file_type();
    assert!(!kind.is_file());
}

#[test]
fn a_parent_that_is_a_file_is_named() {
    let w = Workdir::new();
    w.write("notes", "a file");
    let run = w.roster(&plan_fixture(&["--out", "notes/roster.csv"]));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: notes/roster.csv: notes is a file, so it cannot hold a folder"),
        "{}",
        run.stderr
    );
}

/// Runs `roster` as an unprivileged user when the tests run as root (as CI does), so that
/// directory permissions apply.
pub fn as_unprivileged(w: &Workdir, args: &[std::ffi::OsString]) -> crate::support::Run {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        c.arg(env!("CARGO_BIN_EXE_roster"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_roster"))
    };
    command
        .args(args)
        .current_dir(w.path("."))
        .output()
        .expect("setpriv or roster runs")
        .into()
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_an_error_and_nothing_changes() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.write("policy.toml", std::fs::read(repo(POLICY)).unwrap());
    w.write("staff.csv", std::fs::read(repo(STAFF)).unwrap());
    std::fs::create_dir(w.path("locked")).unwrap();
    w.write("locked/roster.csv", "old\n");
    for (path, mode) in [
        (".", 0o755),
        ("policy.toml", 0o644),
        ("staff.csv", 0o644),
        ("locked/roster.csv", 0o644),
        ("locked", 0o555),
    ] {
        std::fs::set_permissions(w.path(path), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let args: Vec<std::ffi::OsString> = [
        "plan",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "--out",
        "locked/roster.csv",
    ]
    .iter()
    .map(std::convert::Into::into)
    .collect();
    let run = as_unprivileged(&w, &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("error: locked/roster.csv: Permission denied"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("locked/roster.csv"), "old\n");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    // 1.7 MB of roster: far more than a pipe buffer holds, so writing must hit the hang-up.
    let mut child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .args([
            "plan".as_ref(),
            "--policy".as_ref(),
            repo("policies/tangsel-wfh-2023.toml").as_os_str(),
            "--staff".as_ref(),
            repo("examples/staff-kota-contoh.csv").as_os_str(),
            "--out".as_ref(),
            "-".as_ref(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then hang up, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn hostile_cells_are_neutralised_everywhere_and_read_back() {
    let w = Workdir::new();
    w.write("policy.toml", std::fs::read(repo(POLICY)).unwrap());
    w.write(
        "staff.csv",
        "NIP,Nama,Unit Kerja,Jabatan,Bidang\n\
         198609262015051001,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",@SUM(A1),+62 812 3456,-\n\
         198703142014032002,Siti,@SUM(A1),Bendahara Pengeluaran,=1+1\n\
         199001052019031003,-,@SUM(A1),Staf,-\n\
         199105182020122004,+62 812 9999,-,Staf,\n\
         199207072019022006,Nur,-,=cmd|' /C calc'!A0,\n",
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "--wide",
        "wide.csv",
        "--summary",
        "summary.csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["roster.csv", "wide.csv", "summary.csv"] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(w.path(file))
            .unwrap();
        for record in reader.records() {
            for cell in &record.unwrap() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{file}: cell {cell:?} would run as a formula"
                );
            }
        }
    }
    assert!(
        w.read("roster.csv")
            .contains(",'@SUM(A1),'-,'+62 812 3456,")
    );
    let run = w.roster(&[
        "check",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "--roster",
        "roster.csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = w.roster(&[
        "check",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "--roster",
        "wide.csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // --previous reads the units back as they were, so every count continues (into a week
    // the policy is extended to).
    w.write(
        "next.toml",
        w.read("policy.toml")
            .replace("end = 2025-04-11", "end = 2025-04-18"),
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "next.toml",
        "--staff",
        "staff.csv",
        "--previous",
        "roster.csv",
        "--from",
        "2025-04-14",
        "--to",
        "2025-04-18",
        "--out",
        "next.csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Previous roster: 5 people continue their counts."),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("start at their pool's average"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_killed_run_leaves_the_previous_roster_as_it_was() {
    let w = Workdir::new();
    w.write("policy.toml", std::fs::read(repo(POLICY)).unwrap());
    let mut staff = String::from("nip,name,unit,role\n");
    for i in 0..80_000 {
        staff.push_str(&format!(
            "19900101201501{i:04},Pegawai {i},Dinas {},Staf\n",
            i % 40
        ));
    }
    w.write("staff.csv", staff);
    let old = "date,nip\nthe previous roster\n";
    w.write("roster.csv", old);
    let mut child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .args([
            "plan",
            "--policy",
            "policy.toml",
            "--staff",
            "staff.csv",
            "-q",
        ])
        .current_dir(w.path("."))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the run is writing its temporary file, then kill it mid-write.
    let started = Instant::now();
    let writing = loop {
        let temp = std::fs::read_dir(w.path("."))
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with(".roster-"));
        if temp.is_some_and(|t| t.metadata().is_ok_and(|m| m.len() > 0)) {
            break true;
        }
        if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(120) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        writing,
        "the run ended ({status:?}) before it was seen writing"
    );
    assert!(!status.success(), "the run finished before the kill");
    assert_eq!(w.read("roster.csv"), old);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary text and TOML-like text: an error or a policy, never a panic.
    #[test]
    fn policy_parser_never_panics(text in "(\\PC|\n){0,400}", tomlish in prop::collection::vec(
        prop::sample::select(vec![
            "name = \"x\"\n", "[period]\n", "start = 2025-06-02\n", "end = 2025-06-06\n",
            "end = 2025-02-30\n", "calendar = \"indonesia\"\n", "[split]\n", "WFO = 50\n",
            "WFH = 50\n", "WFA = -1\n", "[rotation]\n", "min_office = \"250%\"\n",
            "max_remote_per_week = 99999999999\n", "[[rule]]\n", "name = \"r\"\n",
            "units = [\"*\"]\n", "roles = [\"\"]\n", "dates = []\n", "mode = \"WFX\"\n",
            "split = { WFO = 100 }\n", "weekdays = [\"kamis\", \"thu\"]\n", "from = 9999-12-31\n",
            "workdays = []\n", "holidays = [1979-05-27T07:32:00Z]\n", "= =\n", "\"\n",
        ]),
        0..30,
    )) {
        let _ = roster::policy::Policy::parse(&text, "p.toml");
        let _ = roster::policy::Policy::parse(&tomlish.concat(), "p.toml");
    }

    /// Arbitrary bytes, and CSV-like bytes, to the staff and leave readers: never a panic.
    #[test]
    fn csv_readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), csvish in prop::collection::vec(
        prop::sample::select(vec![
            "nip,name,unit,role\n", "NIP;Nama;Unit Kerja;Jabatan;mode\r\n", "\u{feff}", "1,a,b,c\n",
            "198609262015051001;A;U;r;wfh\r\n", "\"", ",,,,\n", ";;;;\n", "\0", "'=x", "\n\n",
            "19860926 201505 1 001,B,U,r\n", "PK\u{3}\u{4}", "nip,from,to\n1,2025-02-30,2025-03-01\n",
        ]),
        0..40,
    )) {
        for input in [bytes.clone(), csvish.concat().into_bytes()] {
            let staff = roster::staff::Staff::from_reader(Box::new(std::io::Cursor::new(input.clone())), "s.csv");
            if let Ok(staff) = staff {
                let _ = roster::leave::Leave::from_reader(Box::new(std::io::Cursor::new(input)), "l.csv", &staff);
            }
        }
    }
}
