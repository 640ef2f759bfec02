//! Issue 22, "nothing lost, round three": the inputs and outputs added since issue 13 under
//! attack, one test per numbered item (the number is in each test's comment).

use crate::support::{Workdir, plan_fixture, repo};

/// Plans the round-trip fixture's whole period into `name`, and returns its contents.
fn published(w: &Workdir, name: &str) -> String {
    let run = w.roster(&plan_fixture(&["--out", name, "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    w.read(name)
}

/// Item 1: `report` reads the policy, so `--out` may not name it.
#[test]
fn report_does_not_replace_its_policy() {
    let w = Workdir::new();
    published(&w, "r.csv");
    let policy = std::fs::read_to_string(repo("tests/fixtures/roundtrip/policy.toml")).unwrap();
    w.write("p.toml", &policy);
    let run = w.roster(&[
        "report", "--roster", "r.csv", "--policy", "p.toml", "--out", "p.toml",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--out p.toml is also an input"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("p.toml"), policy);
}

/// Item 2: only `--out` may name the published roster.
#[test]
fn only_out_may_replace_the_published_roster() {
    let w = Workdir::new();
    let before = published(&w, "r.csv");
    w.write("q.csv", "nip,date,wish\n");
    for flag in [
        "--changes",
        "--wide",
        "--summary",
        "--html",
        "--xlsx",
        "--requests-report",
    ] {
        let run = w.roster(&plan_fixture(&[
            "--published",
            "r.csv",
            "--from",
            "2025-04-07",
            "--requests",
            "q.csv",
            "--out",
            "-",
            flag,
            "r.csv",
            "-q",
        ]));
        assert_eq!(run.code, 2, "{flag}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("{flag} r.csv is also an input")),
            "{flag}: {}",
            run.stderr
        );
        assert_eq!(w.read("r.csv"), before, "{flag}");
    }
    // `--out` still replaces it whole.
    let run = w.roster(&plan_fixture(&[
        "--published",
        "r.csv",
        "--from",
        "2025-04-07",
        "--out",
        "r.csv",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(w.read("r.csv"), before);
}

/// Item 3: the files of a `--requests` folder are inputs, and an output that would land
/// among them (to be read back as requests by the next run) is refused.
#[test]
fn a_requests_folder_is_read_not_written() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("permintaan")).unwrap();
    let requests = "nip,date,wish\n198609262015051001,2025-03-25,WFH\n";
    w.write("permintaan/opd.csv", requests);
    for report in ["permintaan/opd.csv", "permintaan/hasil.csv"] {
        let run = w.roster(&plan_fixture(&[
            "--requests",
            "permintaan",
            "--requests-report",
            report,
            "--out",
            "r.csv",
            "-q",
        ]));
        assert_eq!(run.code, 2, "{report}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("--requests-report {report}")),
            "{}",
            run.stderr
        );
        assert_eq!(w.read("permintaan/opd.csv"), requests);
        assert!(!w.exists("permintaan/hasil.csv"));
        assert!(!w.exists("r.csv"));
    }
    let run = w.roster(&plan_fixture(&[
        "--requests",
        "permintaan",
        "--requests-report",
        "hasil.csv",
        "--out",
        "r.csv",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Item 18: what a requests folder does not read is said, not skipped silently.
#[test]
fn a_requests_folder_warns_of_what_it_cannot_read() {
    let w = Workdir::new();
    std::fs::create_dir_all(w.path("permintaan/folder.csv")).unwrap();
    w.write(
        "permintaan/opd.csv",
        "nip,date,wish\n198609262015051001,2025-03-25,WFH\n",
    );
    std::os::unix::fs::symlink(w.path("gone.csv"), w.path("permintaan/dangling.csv")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(w.path("permintaan/pipe.xlsx"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let run = w.roster(&plan_fixture(&[
        "--requests",
        "permintaan",
        "--out",
        "r.csv",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["dangling.csv", "folder.csv", "pipe.xlsx"] {
        assert!(
            run.stderr.contains(&format!(
                "warning: --requests: permintaan/{name} is not a regular file"
            )),
            "{name}: {}",
            run.stderr
        );
    }
    // `check` and `explain` read the folder too.
    let run = w.roster(&[
        "check".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        repo("tests/fixtures/roundtrip/staff.csv").as_os_str(),
        "--requests".as_ref(),
        "permintaan".as_ref(),
        "--roster".as_ref(),
        "r.csv".as_ref(),
    ]);
    assert!(
        run.stderr
            .contains("permintaan/dangling.csv is not a regular file"),
        "{}",
        run.stderr
    );
}

/// Item 4: a published roster with a person-day twice (a repeated row, or one file given
/// twice) or with days outside the policy's period is refused, and nothing is written.
#[test]
fn a_published_roster_with_repeats_or_another_period_is_refused() {
    let w = Workdir::new();
    let roster = published(&w, "r.csv");
    let lines: Vec<&str> = roster.lines().collect();
    // Line 3 again, at the end, with its mode changed: a contradicting repeat.
    let repeat = lines[2].replace(",WFO,", ",WFH,").replace(",WFA,", ",WFO,");
    w.write("dup.csv", format!("{roster}{repeat}\n"));
    let replan = |published: &[&str], out: &str| {
        let mut args = vec![];
        for p in published {
            args.extend(["--published", p]);
        }
        args.extend(["--from", "2025-04-07", "--out", out, "-q"]);
        w.roster(&plan_fixture(&args))
    };
    let run = replan(&["dup.csv"], "dup.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let nip = lines[2].split(',').nth(1).unwrap();
    assert!(
        run.stderr.contains(&format!("dup.csv:{}", lines.len() + 1))
            && run.stderr.contains(&format!("NIP {nip} has a second row"))
            && run.stderr.contains("(the first is dup.csv:3)"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("dup.csv"), format!("{roster}{repeat}\n"));
    // One file given twice would double the history on every run.
    let run = replan(&["r.csv", "r.csv"], "r.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("(the first is r.csv:2)"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("r.csv"), roster);
    // Days outside the period: a roster planned under another policy or period.
    let early = lines[1].replacen("2025-03-24", "2025-03-17", 1);
    w.write(
        "other.csv",
        format!("{}\n{early}\n{}", lines[0], lines[1..].join("\n")),
    );
    let run = replan(&["other.csv"], "other.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("other.csv:2")
            && run
                .stderr
                .contains("2025-03-17 is outside the policy's period 2025-03-24..2025-04-11"),
        "{}",
        run.stderr
    );
}
