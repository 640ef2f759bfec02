//! Outputs all or nothing: collisions refused before any work, a failed commit put back,
//! permissions kept, placeholders confined, signals and concurrent runs, `--previous` folders
//! that are missing or hold something other than files, and windows outside the period.

use crate::faults::as_unprivileged;
use crate::support::{Run, Workdir, plan_fixture, repo};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const OLD: &str = "old contents\n";

/// The hidden files in `dir` that a run left.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".roster-"))
        .collect()
}

#[test]
fn a_folder_as_an_output_fails_before_anything_is_replaced() {
    let w = Workdir::new();
    w.write("r.csv", OLD);
    w.write("w.csv", OLD);
    std::fs::create_dir(w.path("D")).unwrap();
    let run = w.roster(&plan_fixture(&[
        "--out",
        "r.csv",
        "--wide",
        "w.csv",
        "--summary",
        "D",
        "-q",
    ]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: D: is a folder: name a file for this output\n"
    );
    assert_eq!(w.read("r.csv"), OLD);
    assert_eq!(w.read("w.csv"), OLD);
    assert!(leftovers(&w.path(".")).is_empty());
}

#[test]
fn a_commit_that_fails_half_way_puts_back_what_it_replaced() {
    let w = Workdir::new();
    w.write("r.csv", OLD);
    // A name longer than any file system allows: nothing before the move can tell.
    let long = format!("{}.csv", "s".repeat(300));
    let run = w.roster(&plan_fixture(&[
        "--out",
        "r.csv",
        "--wide",
        "new/deeper/w.csv",
        "--summary",
        &long,
        "-q",
    ]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("File name too long"), "{}", run.stderr);
    assert_eq!(w.read("r.csv"), OLD, "the roster was replaced");
    assert!(!w.exists("new"), "a folder made for the failed run is left");
    assert!(
        leftovers(&w.path(".")).is_empty(),
        "{:?}",
        leftovers(&w.path("."))
    );
}

#[test]
fn two_outputs_naming_one_file_are_refused() {
    let w = Workdir::new();
    w.write("a.csv", OLD);
    std::os::unix::fs::symlink("a.csv", w.path("link.csv")).unwrap();
    std::fs::hard_link(w.path("a.csv"), w.path("hard.csv")).unwrap();
    for (flag, path) in [
        ("--summary", "./a.csv"),
        ("--xlsx", "a.csv"),
        ("--wide", "link.csv"),
        ("--html", "hard.csv"),
        ("--wide", "sub/../a.csv"),
    ] {
        let run = w.roster(&plan_fixture(&["--out", "a.csv", flag, path, "-q"]));
        assert_eq!(run.code, 2, "{flag} {path}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: --out a.csv and {flag} {path} are the same file: give each output its own path\n"
            )
        );
        assert_eq!(w.read("a.csv"), OLD);
    }
    // Two new files with one name, too.
    let run = w.roster(&plan_fixture(&[
        "--out", "n.csv", "--wide", "./n.csv", "-q",
    ]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!w.exists("n.csv"));
}

#[test]
fn a_roster_inside_a_previous_folder_is_an_input() {
    let w = Workdir::new();
    let first = w.roster(&plan_fixture(&["--out", "rosters/first.csv", "-q"]));
    assert_eq!(first.code, 0, "{}", first.stderr);
    let history = w.read("rosters/first.csv");
    // A window shorter than the roster's days: the roster is history, not the roster being
    // planned again (issue 22, item 26).
    let run = w.roster(&plan_fixture(&[
        "--previous",
        "rosters",
        "--from",
        "2025-03-24",
        "--to",
        "2025-03-26",
        "--out",
        "rosters/first.csv",
        "-q",
    ]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: --out rosters/first.csv is also an input"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("rosters/first.csv"), history);
}

#[cfg(unix)]
#[test]
fn a_private_roster_stays_private() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.write("r.csv", OLD);
    std::fs::set_permissions(w.path("r.csv"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = w.roster(&plan_fixture(&["--out", "r.csv", "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_ne!(w.read("r.csv"), OLD);
    let mode = std::fs::metadata(w.path("r.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// Another user's read-only roster in a folder anyone may write is not replaced (run as an
/// unprivileged user when the tests run as root; as the owner of a read-only file otherwise).
#[cfg(unix)]
#[test]
fn a_file_you_could_not_write_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.write(
        "policy.toml",
        std::fs::read(repo("tests/fixtures/roundtrip/policy.toml")).unwrap(),
    );
    w.write(
        "staff.csv",
        std::fs::read(repo("tests/fixtures/roundtrip/staff.csv")).unwrap(),
    );
    std::fs::create_dir(w.path("shared")).unwrap();
    w.write("shared/roster.csv", OLD);
    for (path, mode) in [
        (".", 0o755),
        ("policy.toml", 0o644),
        ("staff.csv", 0o644),
        ("shared/roster.csv", 0o444),
        ("shared", 0o777),
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
        "shared/roster.csv",
        "-q",
    ]
    .iter()
    .map(std::convert::Into::into)
    .collect();
    let run = as_unprivileged(&w, &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "error: shared/roster.csv: Permission denied (os error 13): roster replaces an output only where you could write it"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("shared/roster.csv"), OLD);
}

#[test]
fn placeholders_cannot_lead_out_of_their_folder() {
    let w = Workdir::new();
    w.write(
        "...toml",
        std::fs::read(repo("tests/fixtures/roundtrip/policy.toml")).unwrap(),
    );
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        "...toml".as_ref(),
        "--staff".as_ref(),
        repo("tests/fixtures/roundtrip/staff.csv").as_os_str(),
        "--out".as_ref(),
        "rosters/{policy}/{start}.csv".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(w.exists("rosters/__/2025-03-24.csv"));
    assert!(!w.exists("2025-03-24.csv"), "{{policy}} escaped rosters/");
}

#[test]
fn a_failed_run_leaves_no_folder_behind() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("D")).unwrap();
    let run = w.roster(&plan_fixture(&[
        "--out",
        "new/r.csv",
        "--summary",
        "D",
        "-q",
    ]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!w.exists("new"));
    // A broken staff file fails after the outputs are settled: still nothing made.
    w.write("staff.csv", "nip,name\n1,a\n");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        "staff.csv".as_ref(),
        "--out".as_ref(),
        "new/r.csv".as_ref(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!w.exists("new"));
}

/// A staff file large enough that a debug build is still writing when it is interrupted.
fn large_staff(w: &Workdir) {
    w.write(
        "policy.toml",
        std::fs::read(repo("tests/fixtures/roundtrip/policy.toml")).unwrap(),
    );
    let mut staff = String::from("nip,name,unit,role\n");
    for i in 0..80_000 {
        staff.push_str(&format!(
            "19900101201501{i:04},Pegawai {i},Dinas {},Staf\n",
            i % 40
        ));
    }
    w.write("staff.csv", staff);
}

fn spawn_plan(w: &Workdir, extra: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_roster"))
        .args([
            "plan",
            "--policy",
            "policy.toml",
            "--staff",
            "staff.csv",
            "-q",
        ])
        .args(extra)
        .current_dir(w.path("."))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until a temporary file of `dir` has data; false if the run ended first.
fn wait_for_writing(child: &mut std::process::Child, dir: &Path) -> bool {
    let started = Instant::now();
    loop {
        let writing = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".roster-"))
            .any(|t| t.metadata().is_ok_and(|m| m.len() > 0));
        if writing {
            return true;
        }
        if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(120) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(unix)]
#[test]
fn signals_remove_the_temporary_files() {
    use std::os::unix::process::ExitStatusExt;
    let w = Workdir::new();
    large_staff(&w);
    std::fs::create_dir(w.path("out")).unwrap();
    w.write("out/roster.csv", OLD);
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        let mut child = spawn_plan(&w, &["--out", "out/roster.csv", "--wide", "out/wide.csv"]);
        assert!(
            wait_for_writing(&mut child, &w.path("out")),
            "the run ended before it was seen writing"
        );
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        assert_eq!(w.read("out/roster.csv"), OLD);
        assert!(!w.exists("out/wide.csv"));
        assert!(
            leftovers(&w.path("out")).is_empty(),
            "SIG{signal} left {:?}",
            leftovers(&w.path("out"))
        );
    }
}

#[test]
fn temporary_files_a_killed_run_left_are_removed_by_the_next() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("out")).unwrap();
    for name in [".roster-a1B2c3.tmp", ".roster-Zz9yY8", ".roster-q1w2e3.old"] {
        w.write(&format!("out/{name}"), "abandoned");
    }
    w.write("out/.roster-notes.txt", "not ours");
    let run = w.roster(&plan_fixture(&["--out", "out/roster.csv", "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(leftovers(&w.path("out")), [".roster-notes.txt"]);
}

#[cfg(unix)]
#[test]
fn a_folder_another_run_is_writing_to_is_not_written() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("out")).unwrap();
    w.write("out/roster.csv", OLD);
    // What a run writing there holds.
    let held = std::fs::File::open(w.path("out")).unwrap();
    held.lock().unwrap();
    let run = w.roster(&plan_fixture(&["--out", "out/roster.csv", "-q"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: out: another roster run is writing to this folder; run again when it has finished\n"
    );
    assert_eq!(w.read("out/roster.csv"), OLD);
    drop(held);
    let run = w.roster(&plan_fixture(&["--out", "out/roster.csv", "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Two runs at once over the same outputs: whatever the timing, the long and the wide roster
/// in place come from the same run.
#[test]
fn concurrent_runs_never_mix_their_outputs() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        std::fs::read(repo("tests/fixtures/roundtrip/policy.toml")).unwrap(),
    );
    w.write(
        "staff.csv",
        std::fs::read(repo("tests/fixtures/roundtrip/staff.csv")).unwrap(),
    );
    let windows = [("2025-03-24", "2025-03-28"), ("2025-04-08", "2025-04-11")];
    for _ in 0..6 {
        let children: Vec<_> = windows
            .iter()
            .map(|(from, to)| {
                spawn_plan(
                    &w,
                    &[
                        "--from", from, "--to", to, "--out", "r.csv", "--wide", "w.csv",
                    ],
                )
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let code = out.status.code();
            assert!(
                code == Some(0)
                    || (code == Some(1)
                        && String::from_utf8_lossy(&out.stderr)
                            .contains("another roster run is writing")),
                "{out:?}"
            );
        }
        let long_first = w.read("r.csv").lines().nth(1).unwrap()[..10].to_owned();
        let wide_first = w
            .read("w.csv")
            .lines()
            .next()
            .unwrap()
            .split(',')
            .nth(6)
            .unwrap()
            .to_owned();
        assert_eq!(
            long_first, wide_first,
            "the long and the wide roster of two runs"
        );
    }
}

/// Runs `plan` and gives up (failing) if it has not ended within a minute.
fn run_with_deadline(w: &Workdir, extra: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .args(plan_fixture(extra))
        .current_dir(w.path("."))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("plan blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap().into()
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_previous_folder_is_skipped() {
    let w = Workdir::new();
    let first = w.roster(&plan_fixture(&[
        "--from",
        "2025-03-24",
        "--to",
        "2025-03-28",
        "--out",
        "rosters/first.csv",
        "-q",
    ]));
    assert_eq!(first.code, 0, "{}", first.stderr);
    let made = Command::new("mkfifo")
        .arg(w.path("rosters/pipe.csv"))
        .status()
        .unwrap();
    assert!(made.success());
    let run = run_with_deadline(
        &w,
        &[
            "--from",
            "2025-04-08",
            "--to",
            "2025-04-11",
            "--previous",
            "rosters",
            "--out",
            "next.csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: --previous: rosters/pipe.csv is not a regular file; skipped\n"
    );
    assert!(
        run.stdout.contains("Previous roster: 11 people continue"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_previous_folder_is_an_empty_history() {
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&[
        "--previous",
        "rosters",
        "--out",
        "rosters/r.csv",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "note: --previous rosters does not exist yet: planning without earlier rosters\n"
    );
    assert!(w.exists("rosters/r.csv"));
    let quiet = w.roster(&plan_fixture(&[
        "--previous",
        "later/",
        "--out",
        "x.csv",
        "-q",
    ]));
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    // A missing file is still an error.
    let run = w.roster(&plan_fixture(&["--previous", "old.csv", "--out", "y.csv"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("old.csv"), "{}", run.stderr);
    assert!(!w.exists("y.csv"));
}

/// The data lines of a CSV file (without its header).
fn body(w: &Workdir, file: &str) -> Vec<String> {
    w.read(file).lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn unit_placeholder_writes_a_file_per_unit_holding_exactly_the_whole_roster() {
    let w = Workdir::new();
    let whole = w.roster(&plan_fixture(&[
        "--out",
        "all/roster.csv",
        "--wide",
        "all/wide.csv",
        "--summary",
        "all/summary.csv",
        "-q",
    ]));
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let split = w.roster(&plan_fixture(&[
        "--out",
        "opd/{unit}/roster.csv",
        "--wide",
        "opd/{unit}/wide.csv",
        "--summary",
        "opd/{unit}/summary.csv",
        "--xlsx",
        "opd/{unit}.xlsx",
        "--html",
        "opd/{unit}.html",
        "-q",
    ]));
    assert_eq!(split.code, 0, "{}", split.stderr);
    let mut units: Vec<String> = std::fs::read_dir(w.path("opd"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    units.sort();
    assert_eq!(
        units,
        [
            "Badan Perencanaan Pembangunan Daerah",
            "Dinas Komunikasi dan Informatika"
        ]
    );
    for (file, sort_by_date) in [
        ("roster.csv", true),
        ("wide.csv", false),
        ("summary.csv", false),
    ] {
        let mut rows: Vec<String> = units
            .iter()
            .flat_map(|u| body(&w, &format!("opd/{u}/{file}")))
            .collect();
        let mut all = body(&w, &format!("all/{file}"));
        if file == "summary.csv" {
            all.pop(); // the TOTAL row belongs to the whole roster only
        }
        if sort_by_date {
            // Per unit, a roster is by date then NIP; together, by date, unit, NIP.
            for unit in &units {
                let keys: Vec<(String, String)> = body(&w, &format!("opd/{unit}/{file}"))
                    .iter()
                    .map(|l| {
                        let mut cells = l.split(',');
                        (
                            cells.next().unwrap().to_owned(),
                            cells.next().unwrap().to_owned(),
                        )
                    })
                    .collect();
                assert!(keys.is_sorted(), "{unit}/{file} is not by date, then NIP");
            }
            rows.sort();
            all.sort();
        }
        assert_eq!(rows, all, "{file}");
        for unit in &units {
            let header = w.read(&format!("opd/{unit}/{file}"));
            let header = header.lines().next().unwrap();
            assert_eq!(
                header,
                w.read(&format!("all/{file}")).lines().next().unwrap()
            );
        }
    }
    for unit in &units {
        assert!(w.exists(&format!("opd/{unit}.xlsx")));
        let page = w.read(&format!("opd/{unit}.html"));
        assert!(page.contains(unit.as_str()));
        for other in units.iter().filter(|o| *o != unit) {
            assert!(
                !page.contains(other.as_str()),
                "{unit}'s page holds {other}"
            );
        }
    }
}

#[test]
fn unit_names_become_safe_file_names_and_clashes_are_refused() {
    let w = Workdir::new();
    w.write(
        "staff.csv",
        "nip,name,unit,role\n\
         199001012020011001,Ani,../Dinas A/B,Staf\n\
         199001012020011002,Budi,Dinas \u{7}C,Staf\n",
    );
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        "staff.csv".as_ref(),
        "--out".as_ref(),
        "opd/{unit}.csv".as_ref(),
        "-q".as_ref(),
    ]);
    // One person a unit cannot meet a 60/40 quota (exit 3); the roster is written all the same.
    assert_eq!(run.code, 3, "{}", run.stderr);
    let mut files: Vec<String> = std::fs::read_dir(w.path("opd"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, [".._Dinas A_B.csv", "Dinas _C.csv"]);
    // Two units whose names give one file name.
    w.write(
        "staff.csv",
        "nip,name,unit,role\n\
         199001012020011001,Ani,Dinas A/B,Staf\n\
         199001012020011002,Budi,Dinas A_B,Staf\n",
    );
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        "staff.csv".as_ref(),
        "--out".as_ref(),
        "split/{unit}.csv".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: --out: the units \"Dinas A/B\" and \"Dinas A_B\" would both be written to split/Dinas A_B.csv: rename one of them in the staff file, or leave {unit} out\n"
    );
    assert!(!w.exists("split"));
}
