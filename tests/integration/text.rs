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

/// Years outside 0000-9999 (written with a sign, which a spreadsheet would run as a formula)
/// can only come from a window, and a window must lie in the policy's period, which TOML dates
/// keep within 0000-9999: such a window is refused and nothing is written. The long roster
/// neutralises its date cell all the same (see `writers::long`'s unit test).
#[test]
fn signed_years_cannot_reach_the_long_roster() {
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
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "the window {from}..{to} is outside the policy's period 2025-03-24..2025-03-28"
            )),
            "{}",
            run.stderr
        );
        assert!(!w.exists("long.csv"));
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

// ---- item 13: control and bidi characters from the inputs never reach a terminal ----

/// A unit, a name and a NIP that set the window title, clear the screen and reverse text.
const HOSTILE_UNIT: &str = "Dinas\u{1b}]0;pwned\u{7}";
const HOSTILE_NAME: &str = "Ani\u{1b}[2J\u{202e}inA";
const HOSTILE_NIP: &str = "12\u{9b}8m";

fn assert_safe(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} has {bad:?}: {text:?}");
}

fn hostile_workdir() -> Workdir {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"x\"\n[period]\nstart = 2025-03-24\nend = 2025-03-28\n[split]\nWFO = 50\nWFH = 50\n",
    );
    w.write(
        "staff.csv",
        format!(
            "nip,name,unit,role\n198609262015051001,{HOSTILE_NAME},{HOSTILE_UNIT},Staf\n{HOSTILE_NIP},Budi,{HOSTILE_UNIT},Staf\n198703142014032002,Citra,Dinas B,Staf\n"
        ),
    );
    w
}

#[test]
fn control_and_bidi_characters_are_escaped_in_everything_printed() {
    let w = hostile_workdir();
    let inputs = ["--policy", "policy.toml", "--staff", "staff.csv"];
    fn with<'a>(command: &[&'a str], inputs: [&'a str; 4]) -> Vec<&'a str> {
        let mut args = command.to_vec();
        args.extend(inputs);
        args
    }
    // plan: the summary table (stdout, or stderr under --out -) and the NIP warning.
    for extra in [
        &["--color", "never"][..],
        &["--color", "always"],
        &["--out", "-"],
    ] {
        let run = w.roster(&with(&[&["plan"], extra].concat(), inputs));
        assert_eq!(run.code, 0, "{}", run.stderr);
        let (table, out) = if extra[0] == "--out" {
            (&run.stderr, "stderr")
        } else {
            (&run.stdout, "stdout")
        };
        assert!(table.contains("Dinas\\u{1b}]0;pwned\\u{7}"), "{table}");
        assert!(
            run.stderr.contains("NIP `12\\u{9b}8m` is not 18 digits"),
            "{}",
            run.stderr
        );
        if extra[1] == "always" {
            // Colour codes of the tool's own still get through.
            assert!(run.stdout.contains("\u{1b}[m"), "{:?}", run.stdout);
        } else {
            assert_safe(out, table);
            assert_safe("stderr", &run.stderr);
        }
    }
    // Files keep the data as it is, and so does a roster on stdout.
    let long = w.read("roster.csv");
    assert!(
        long.contains(HOSTILE_NAME) && long.contains(HOSTILE_UNIT),
        "{long:?}"
    );
    let run = w.roster(&with(&["plan", "--out", "-", "-q"], inputs));
    assert!(run.stdout.contains(HOSTILE_NAME), "{:?}", run.stdout);

    // explain: the person's name, unit and NIP.
    let run = w.roster(&with(&["explain", "198609262015051001"], inputs));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Ani\\u{1b}[2J\\u{202e}inA"),
        "{}",
        run.stdout
    );
    assert_safe("explain", &run.stdout);
    assert_safe("explain stderr", &run.stderr);

    // check: violations that quote the roster, and the table.
    let edited = long
        .replace("Citra", "Citra\u{1b}[8m")
        .replace("198703142014032002", "198703142014032099");
    w.write("edited.csv", &edited);
    let run = w.roster(&with(&["check", "--roster", "edited.csv"], inputs));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Citra\\u{1b}[8m is not in the staff file"),
        "{}",
        run.stdout
    );
    assert_safe("check", &run.stdout);
    // JSON keeps the data whole, in JSON's own escapes.
    let run = w.roster(&with(
        &["check", "--roster", "edited.csv", "--format", "json"],
        inputs,
    ));
    assert_safe("check --format json", &run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let units: Vec<&str> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["unit"].as_str())
        .collect();
    assert!(units.contains(&HOSTILE_UNIT), "{units:?}");

    // report: the table on the terminal; the CSV and a table file keep the data.
    let run = w.roster(&["report", "--roster", "roster.csv", "--by", "person"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Ani\\u{1b}[2J\\u{202e}inA"),
        "{}",
        run.stdout
    );
    assert_safe("report", &run.stdout);
    let run = w.roster(&[
        "report",
        "--roster",
        "roster.csv",
        "--by",
        "person",
        "--format",
        "csv",
    ]);
    assert!(run.stdout.contains(HOSTILE_NAME), "{:?}", run.stdout);

    // errors: a cell quoted in an error message.
    w.write(
        "staff.csv",
        "nip,name,unit,role,mode\n198609262015051001,A,U,Staf,W\u{1b}]2;x\u{7}FO\n",
    );
    let run = w.roster(&with(&["plan"], inputs));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown mode `W\\u{1b}]2;x\\u{7}FO`"),
        "{}",
        run.stderr
    );
    assert_safe("error", &run.stderr);
}

// ---- item 18: "matches nobody" only for rules whose selectors match no person ----

const SATPOL_STAFF: &str = "\
nip,name,unit,role
199001012015011001,Ani,Satuan Polisi Pamong Praja,Staf
199001012015011002,Budi,Satuan Polisi Pamong Praja,Bendahara
199001012015011003,Citra,Dinas Kesehatan,Staf
199001012015011004,Dedi,Dinas Kesehatan,Staf
";

/// The week of 2 to 6 June 2025, whose Friday (Idul Adha) is a holiday.
fn week_policy(rules: &str) -> String {
    format!(
        "name = \"x\"\n[period]\nstart = 2025-06-02\nend = 2025-06-06\nholidays = [2025-06-06]\n[split]\nWFO = 50\nWFH = 50\n{rules}"
    )
}

fn plan_week(w: &Workdir, rules: &str, extra: &[&str]) -> Run {
    w.write("policy.toml", week_policy(rules));
    w.write("staff.csv", SATPOL_STAFF);
    let mut args = vec!["plan", "--policy", "policy.toml", "--staff", "staff.csv"];
    args.extend(extra);
    w.roster(&args)
}

#[test]
fn a_rule_whose_days_fall_outside_the_window_is_not_a_typo() {
    let w = Workdir::new();
    let friday = "[[rule]]\nname = \"Jumat semua WFO\"\nweekdays = [\"fri\"]\nmode = \"WFO\"\n\
                  [[rule]]\nname = \"Jumat Dinkes WFH\"\nunits = [\"dinas kesehatan\"]\nweekdays = [\"jumat\"]\nmode = \"WFH\"\n";
    let run = plan_week(&w, friday, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_rule_matching_no_person_names_the_nearest_units_even_under_quiet() {
    let w = Workdir::new();
    let satpol =
        "[[rule]]\nname = \"Satpol PP di kantor\"\nunits = [\"Satpol PP\"]\nmode = \"WFO\"\n";
    let expected = "warning: policy.toml:10: rule `Satpol PP di kantor` matches nobody (a typo?): no unit in the staff file matches \"satpol pp\" (did you mean \"Satuan Polisi Pamong Praja\"?)\n";
    let run = plan_week(&w, satpol, &["-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, expected);
    let run = plan_week(&w, satpol, &["-q", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with(expected), "{}", run.stderr);
    // Each selector matches someone, but nobody has both.
    let both = "[[rule]]\nname = \"Bendahara Dinkes\"\nunits = [\"Dinas Kesehatan\"]\nroles = [\"bendahara\"]\nmode = \"WFO\"\n";
    let run = plan_week(&w, both, &["-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "rule `Bendahara Dinkes` matches nobody (a typo?): each of its selectors matches someone, but nobody matches all of them"
        ),
        "{}",
        run.stderr
    );
    // Under --quiet the staff file's warnings stay hidden; the typo does not.
    w.write("policy.toml", week_policy(satpol));
    w.write(
        "staff.csv",
        SATPOL_STAFF.replace("199001012015011004", "123"),
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "-q",
    ]);
    assert_eq!(run.stderr, expected);
}

/// Under `--lang id` the warning for a rule that matches nobody, and the note for a
/// `--previous` folder still to be made, are in Bahasa Indonesia.
#[test]
fn warnings_and_notes_speak_indonesian_with_lang_id() {
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"x\"\n[period]\nstart = 2025-06-02\nend = 2025-06-27\n[split]\nWFO = 60\nWFH = 40\n\
         [[rule]]\nname = \"Satpol PP di kantor\"\nunits = [\"Satpol PP\"]\nmode = \"WFO\"\n",
    );
    let staff = crate::support::repo("examples/staff-kota-contoh.csv");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        "policy.toml".as_ref(),
        "--staff".as_ref(),
        staff.as_os_str(),
        "--out".as_ref(),
        "/dev/null".as_ref(),
        "--previous".as_ref(),
        "riwayat".as_ref(),
        "--lang".as_ref(),
        "id".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "peringatan: policy.toml:9: aturan `Satpol PP di kantor` tidak mengenai siapa pun (salah ketik?): \
         tidak ada unit kerja di berkas pegawai yang cocok dengan \"satpol pp\" (maksudnya \"Satuan Polisi Pamong Praja\"?)\n\
         catatan: --previous riwayat belum ada: merencanakan tanpa jadwal sebelumnya\n"
    );
}

#[test]
fn a_short_nip_is_warned_about_in_indonesian_with_lang_id() {
    let w = Workdir::new();
    w.write(
        "staff.csv",
        "nip,name,unit,role\n12345,Ani,Dinas A,Staf\n198001012005011234,Budi,Dinas A,Staf\n",
    );
    let policy = crate::support::repo("tests/fixtures/roundtrip/policy.toml");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        policy.as_os_str(),
        "--staff".as_ref(),
        "staff.csv".as_ref(),
        "--out".as_ref(),
        "/dev/null".as_ref(),
        "--lang".as_ref(),
        "id".as_ref(),
    ]);
    assert!(
        run.stderr.contains(
            "peringatan: staff.csv:2: NIP `12345` tidak 18 digit (wajar untuk nomor lama atau PPPK; selain itu periksa kembali)\n"
        ),
        "{}",
        run.stderr
    );
}

/// Nothing a user reads sends them to a file they do not have: the help of every command
/// and the starter policy cite the README, never `SPEC`.
#[test]
fn help_and_the_starter_policy_never_cite_the_spec() {
    let w = Workdir::new();
    let commands = [
        "plan",
        "check",
        "report",
        "explain",
        "attendance",
        "init",
        "calendar",
        "completions",
    ];
    let mut texts = vec![w.roster(&["--help"]).stdout];
    for command in commands {
        let run = w.roster(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert!(run.stdout.contains("Usage:"), "{command}: {}", run.stdout);
        texts.push(run.stdout);
    }
    texts.push(w.roster(&["init"]).stdout);
    for text in texts {
        assert!(!text.contains("SPEC"), "{text}");
        assert!(!text.contains('§'), "{text}");
    }
}
