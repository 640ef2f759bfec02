//! Across periods and from cron: `--previous`, `--next`, output path templates, `--quiet`.

use crate::checker::{read_roster, violated};
use crate::support::{Run, Workdir, repo};
use roster::policy::Policy;
use roster::staff::Staff;
use std::collections::BTreeMap;

const STAFF: &str = "examples/staff-kota-contoh.csv";

/// Four weeks of June 2025 (Idul Adha on the 6th, cuti bersama on the 9th, 1 Muharram on
/// the 27th make the weeks 4, 4, 5 and 4 working days long).
const WEEKS: [(&str, &str); 4] = [
    ("2025-06-02", "2025-06-08"),
    ("2025-06-09", "2025-06-15"),
    ("2025-06-16", "2025-06-22"),
    ("2025-06-23", "2025-06-29"),
];

fn policy(pattern: &str, split: &str, caps: &str) -> String {
    format!(
        "name = \"Uji bergilir\"\n[period]\nstart = 2025-06-02\nend = 2025-06-29\ncalendar = \"indonesia\"\n\
         [split]\n{split}\n[rotation]\npattern = \"{pattern}\"\n{caps}\n\
         [[rule]]\nname = \"Bendahara\"\nroles = [\"bendahara\"]\nmode = \"WFO\"\n"
    )
}

fn plan(w: &Workdir, extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        "plan".into(),
        "--policy".into(),
        "policy.toml".into(),
        "--staff".into(),
    ];
    args.push(if w.exists("staff.csv") {
        "staff.csv".into()
    } else {
        repo(STAFF).into_os_string()
    });
    args.extend(extra.iter().map(std::convert::Into::into));
    w.roster(&args)
}

/// Concatenates long rosters into one (their rows, one header).
fn concatenate(w: &Workdir, files: &[String], into: &str) {
    let mut text = String::new();
    for (i, file) in files.iter().enumerate() {
        let body = w.read(file);
        let mut lines = body.lines();
        let header = lines.next().unwrap();
        if i == 0 {
            text.push_str(header);
            text.push('\n');
        }
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
    }
    w.write(into, text);
}

fn broken_over_all_weeks(w: &Workdir, roster: &str) -> std::collections::BTreeSet<u8> {
    let policy = Policy::parse(&w.read("policy.toml"), "policy.toml").unwrap();
    let staff = Staff::read(&repo(STAFF), &Default::default()).unwrap();
    violated(&policy, &staff, &[], &read_roster(&w.path(roster)))
}

#[test]
fn four_chained_weeks_are_as_good_as_one_four_week_run() {
    for (pattern, split, caps) in [
        ("balanced", "WFO = 60\nWFH = 40", "max_remote_per_week = 2"),
        ("balanced", "WFO = 70\nWFH = 20\nWFA = 10", ""),
        ("alternate-days", "WFO = 50\nWFH = 50", ""),
        ("alternate-weeks", "WFO = 50\nWFH = 50", ""),
    ] {
        let w = Workdir::new();
        w.write("policy.toml", policy(pattern, split, caps));
        let mut files = Vec::new();
        for (from, to) in WEEKS {
            let mut args = vec![
                "--from",
                from,
                "--to",
                to,
                "--out",
                "weeks/roster-{start}.csv",
                "-q",
            ];
            if !files.is_empty() {
                args.extend(["--previous", "weeks"]);
            }
            let run = plan(&w, &args);
            // A single week of alternate-weeks is one group's week at home: fair only over
            // the cycle, which the check over all four weeks below sees.
            assert!(
                run.code == 0 || pattern == "alternate-weeks",
                "{pattern} {from}: {}",
                run.stderr
            );
            files.push(format!("weeks/roster-{from}.csv"));
        }
        concatenate(&w, &files, "chained.csv");
        let broken = broken_over_all_weeks(&w, "chained.csv");
        assert!(
            broken.is_empty(),
            "{pattern} {split}: chained weeks break {broken:?}"
        );
        let one = plan(&w, &["--out", "one.csv", "-q"]);
        assert_eq!(one.code, 0, "{pattern}: {}", one.stderr);
        assert!(broken_over_all_weeks(&w, "one.csv").is_empty());
    }
}

/// Modes per person and date.
fn modes(w: &Workdir, file: &str) -> BTreeMap<(String, String), (String, String)> {
    let mut out = BTreeMap::new();
    let mut reader = csv::Reader::from_path(w.path(file)).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        out.insert(
            (r[1].to_owned(), r[0].to_owned()),
            (r[6].to_owned(), r[7].to_owned()),
        );
    }
    out
}

#[test]
fn alternating_phase_continues_from_the_last_roster_alone() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        policy("alternate-days", "WFO = 50\nWFH = 50", ""),
    );
    assert_eq!(
        plan(
            &w,
            &[
                "--from",
                "2025-06-02",
                "--to",
                "2025-06-08",
                "--out",
                "w1.csv"
            ]
        )
        .code,
        0
    );
    let run = plan(
        &w,
        &[
            "--from",
            "2025-06-09",
            "--to",
            "2025-06-15",
            "--out",
            "w2.csv",
            "--previous",
            "w1.csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (w1, w2) = (modes(&w, "w1.csv"), modes(&w, "w2.csv"));
    // Thursday 5 June ends week one; Tuesday 10 June starts week two.
    let mut continued = 0;
    for ((nip, date), (mode, group)) in &w1 {
        if date != "2025-06-05" || group.is_empty() {
            continue;
        }
        let (next_mode, next_group) = &w2[&(nip.clone(), "2025-06-10".to_owned())];
        assert_eq!(group, next_group, "{nip} changed shift group");
        assert_ne!(
            mode, next_mode,
            "{nip}: group {group} is {mode} on both sides of the boundary"
        );
        continued += 1;
    }
    assert!(continued > 50);
}

#[test]
fn new_hire_joins_at_the_average_and_the_summary_says_so() {
    let w = Workdir::new();
    w.write("policy.toml", policy("balanced", "WFO = 60\nWFH = 40", ""));
    let staff = std::fs::read_to_string(repo(STAFF)).unwrap();
    w.write("staff.csv", &staff);
    let run = plan(
        &w,
        &[
            "--from",
            "2025-06-02",
            "--to",
            "2025-06-15",
            "--out",
            "before.csv",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hire = "199901012025061001";
    w.write(
        "staff.csv",
        format!("{staff}{hire},Pegawai Baru,Dinas Kesehatan,Analis Kesehatan,Bidang P2P,III/a,\n"),
    );
    let run = plan(
        &w,
        &[
            "--from",
            "2025-06-16",
            "--to",
            "2025-06-22",
            "--out",
            "after.csv",
            "--previous",
            "before.csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = modes(&w, "after.csv");
    let remote = |nip: &str| {
        after
            .iter()
            .filter(|((n, _), (m, _))| n == nip && m == "WFH")
            .count()
    };
    // Five days at 40%: two days at home, like everyone else — not five.
    assert_eq!(remote(hire), 2);
    assert!(
        run.stdout.contains(
            "1 start at their pool's average (new, or moved to another unit): 199901012025061001"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn an_edited_previous_roster_is_honoured() {
    let w = Workdir::new();
    w.write("policy.toml", policy("balanced", "WFO = 50\nWFH = 50", ""));
    assert_eq!(
        plan(
            &w,
            &[
                "--from",
                "2025-06-02",
                "--to",
                "2025-06-08",
                "--out",
                "w1.csv",
                "-q"
            ]
        )
        .code,
        0
    );
    // A swap on one day: someone at home goes to the office and a colleague goes home.
    let text = w.read("w1.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let unit = ",Dinas Kesehatan,";
    let home = lines
        .iter()
        .position(|l| l.starts_with("2025-06-02") && l.contains(unit) && l.ends_with(",WFH,,"))
        .unwrap();
    let office = lines
        .iter()
        .position(|l| l.starts_with("2025-06-02") && l.contains(unit) && l.ends_with(",WFO,,"))
        .unwrap();
    lines[home] = lines[home].replace(",WFH,,", ",WFO,,");
    lines[office] = lines[office].replace(",WFO,,", ",WFH,,");
    w.write("w1-edited.csv", lines.join("\n") + "\n");
    let edited = plan(
        &w,
        &[
            "--from",
            "2025-06-09",
            "--to",
            "2025-06-22",
            "--out",
            "w2-edited.csv",
            "--previous",
            "w1-edited.csv",
            "-q",
        ],
    );
    assert_eq!(edited.code, 0, "{}", edited.stderr);
    let plain = plan(
        &w,
        &[
            "--from",
            "2025-06-09",
            "--to",
            "2025-06-22",
            "--out",
            "w2.csv",
            "--previous",
            "w1.csv",
            "-q",
        ],
    );
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert_ne!(
        w.read("w2.csv"),
        w.read("w2-edited.csv"),
        "the swap changed nothing"
    );
    concatenate(
        &w,
        &["w1-edited.csv".into(), "w2-edited.csv".into()],
        "both.csv",
    );
    w.write(
        "policy.toml",
        w.read("policy.toml")
            .replace("end = 2025-06-29", "end = 2025-06-22"),
    );
    assert!(broken_over_all_weeks(&w, "both.csv").is_empty());
}

#[test]
fn next_week_and_next_month_for_cron() {
    let w = Workdir::new();
    let lebaran = repo("policies/wfa-lebaran-2025.toml");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        lebaran.as_os_str(),
        "--staff".as_ref(),
        repo(STAFF).as_os_str(),
        "--next".as_ref(),
        "week".as_ref(),
        "--today".as_ref(),
        "2025-03-21".as_ref(),
        "--out".as_ref(),
        "out/{policy}/{start}_{end}.csv".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("2025-03-24..2025-03-30, 4 working days"),
        "{}",
        run.stdout
    );
    let path = "out/wfa-lebaran-2025/2025-03-24_2025-03-30.csv";
    let dates: std::collections::BTreeSet<String> =
        modes(&w, path).keys().map(|(_, d)| d.clone()).collect();
    // 28 March is cuti bersama for Nyepi.
    assert_eq!(
        dates.into_iter().collect::<Vec<_>>(),
        ["2025-03-24", "2025-03-25", "2025-03-26", "2025-03-27"]
    );
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        lebaran.as_os_str(),
        "--staff".as_ref(),
        repo(STAFF).as_os_str(),
        "--next".as_ref(),
        "month".as_ref(),
        "--today".as_ref(),
        "2025-03-21".as_ref(),
        "--out".as_ref(),
        "april.csv".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dates: std::collections::BTreeSet<String> = modes(&w, "april.csv")
        .keys()
        .map(|(_, d)| d.clone())
        .collect();
    // Idul Fitri and its cuti bersama (31 March to 7 April) are off, and the policy ends on
    // 11 April: April is planned as far as the policy reaches.
    assert_eq!(
        dates.into_iter().collect::<Vec<_>>(),
        ["2025-04-08", "2025-04-09", "2025-04-10", "2025-04-11"]
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // The week after the policy's end is no roster at all: cron mails the planner why.
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        lebaran.as_os_str(),
        "--staff".as_ref(),
        repo(STAFF).as_os_str(),
        "--next".as_ref(),
        "week".as_ref(),
        "--today".as_ref(),
        "2025-04-11".as_ref(),
        "--out".as_ref(),
        "after.csv".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "the window 2025-04-14..2025-04-20 is outside the policy's period 2025-03-17..2025-04-11: the policy has ended"
        ),
        "{}",
        run.stderr
    );
    assert!(!w.exists("after.csv"));
}

#[test]
fn quiet_runs_say_nothing_unless_something_is_wrong() {
    let w = Workdir::new();
    // A rule whose people exist but whose days fall outside the period says nothing, so
    // --quiet keeps cron mail empty.
    w.write(
        "policy.toml",
        policy("balanced", "WFO = 60\nWFH = 40", "")
            + "[[rule]]\nname = \"Juli\"\nunits = [\"Dinas Kesehatan\"]\nfrom = 2025-07-01\nmode = \"WFO\"\n",
    );
    let run = plan(&w, &["-q", "--summary", "sum/{start}.csv", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    assert!(w.exists("sum/2025-06-02.csv"));
    // A rule that matches nobody is likely a typo that sends a whole unit the wrong way:
    // it is said even under --quiet, and --strict makes it fatal.
    w.write(
        "policy.toml",
        policy("balanced", "WFO = 60\nWFH = 40", "")
            + "[[rule]]\nname = \"Tidak ada\"\nunits = [\"Dinas Pariwisata\"]\nmode = \"WFO\"\n",
    );
    let run = plan(&w, &["-q"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("rule `Tidak ada` matches nobody (a typo?)"),
        "{}",
        run.stderr
    );
    let run = plan(&w, &["-q", "--strict"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("matches nobody"), "{}", run.stderr);
    // Unmet guarantees still speak.
    w.write(
        "policy.toml",
        policy("balanced", "WFO = 20\nWFH = 80", "max_remote_per_week = 1"),
    );
    let run = plan(&w, &["-q"]);
    assert_eq!(run.code, 3);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("guarantee 3 (quota)"), "{}", run.stderr);
}

#[test]
fn an_output_template_that_names_an_input_is_refused() {
    let w = Workdir::new();
    w.write("policy.toml", policy("balanced", "WFO = 60\nWFH = 40", ""));
    assert_eq!(plan(&w, &["--out", "r-{start}.csv", "-q"]).code, 0);
    let before = w.read("r-2025-06-02.csv");
    let run = plan(
        &w,
        &["--previous", "r-2025-06-02.csv", "--out", "r-{start}.csv"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--out r-2025-06-02.csv is also an input"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("r-2025-06-02.csv"), before);
}

#[test]
fn caps_see_the_previous_roster_across_a_cut_week_and_a_running_streak() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        policy(
            "balanced",
            "WFO = 40\nWFH = 60",
            "max_remote_per_week = 2\nmax_consecutive_remote = 2",
        ),
    );
    // Week one ends remote for everyone on Wednesday and Thursday 4-5 June (6 June is
    // Idul Adha): an edited previous roster, rotating rows, 2 remote days in week 23.
    assert_eq!(
        plan(
            &w,
            &[
                "--from",
                "2025-06-02",
                "--to",
                "2025-06-05",
                "--out",
                "w1.csv",
                "-q"
            ]
        )
        .code,
        3
    );
    let edited: Vec<String> = w
        .read("w1.csv")
        .lines()
        .map(|l| {
            let rotating =
                l.ends_with(",,") && (l.starts_with("2025-06-04") || l.starts_with("2025-06-05"));
            let early = l.starts_with("2025-06-02") || l.starts_with("2025-06-03");
            if rotating {
                l.replace(",WFO,,", ",WFH,,")
            } else if early && l.ends_with(",,") {
                l.replace(",WFH,,", ",WFO,,")
            } else {
                l.to_owned()
            }
        })
        .collect();
    w.write("w1-edited.csv", edited.join("\n") + "\n");
    // Tuesday 10 June is the next working day (6 June Idul Adha, 9 June cuti bersama), so
    // the remote run of 4-5 June continues into it.
    let run = plan(
        &w,
        &[
            "--from",
            "2025-06-10",
            "--to",
            "2025-06-13",
            "--out",
            "w2.csv",
            "--previous",
            "w1-edited.csv",
            "-q",
        ],
    );
    assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
    let w2 = modes(&w, "w2.csv");
    let rotating_remote_on_10th = w2
        .iter()
        .filter(|((_, d), (m, _))| d == "2025-06-10" && (m == "WFH" || m == "WFA"))
        .count();
    // Everyone rotating was remote on 4 and 5 June: a third day in a row is not allowed.
    assert_eq!(
        rotating_remote_on_10th, 0,
        "a remote streak of 2 continued across the boundary"
    );
    // A window that cuts week 24 after its Tuesday, with Tuesday remote for everyone who
    // rotates in the (edited) previous roster.
    let mut cut: Vec<String> = w.read("w2.csv").lines().map(str::to_owned).collect();
    for line in &mut cut {
        if line.starts_with("2025-06-10") && line.ends_with(",WFO,,") {
            *line = line.replace(",WFO,,", ",WFH,,");
        }
    }
    let cut: Vec<String> = cut
        .into_iter()
        .filter(|l| !l.starts_with("2025-06-1") || l.starts_with("2025-06-10"))
        .collect();
    w.write("w2-cut.csv", cut.join("\n") + "\n");
    let run = plan(
        &w,
        &[
            "--from",
            "2025-06-11",
            "--to",
            "2025-06-13",
            "--out",
            "w3.csv",
            "--previous",
            "w2-cut.csv",
            "-q",
        ],
    );
    assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
    // With Tuesday remote, the week's cap of 2 leaves each rotating person at most one
    // more remote day from Wednesday to Friday.
    let w3 = modes(&w, "w3.csv");
    let mut per_person: BTreeMap<&str, usize> = BTreeMap::new();
    for ((nip, _), (mode, _)) in &w3 {
        if mode == "WFH" || mode == "WFA" {
            *per_person.entry(nip).or_default() += 1;
        }
    }
    assert!(!per_person.is_empty());
    assert!(per_person.values().all(|&n| n <= 1), "{per_person:?}");
}
