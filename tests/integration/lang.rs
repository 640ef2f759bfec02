//! Bahasa Indonesia for the people who read the output (issue 14): the default language
//! from the environment, the official names of the days off, Indonesian numbers and dates.

use crate::support::Workdir;

/// `roster calendar --year 2025` in this environment, with these extra flags.
fn calendar(env: &[(&str, &str)], extra: &[&str]) -> String {
    let w = Workdir::new();
    let mut args = vec!["calendar", "--year", "2025"];
    args.extend(extra);
    let run = w.roster_env(&args, env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn is_indonesian(table: &str) -> bool {
    table.contains("Tanggal") && !table.contains("Date")
}

#[test]
fn the_default_language_follows_the_environment() {
    assert!(!is_indonesian(&calendar(&[], &[])));
    assert!(is_indonesian(&calendar(&[("LANG", "id_ID.UTF-8")], &[])));
    assert!(is_indonesian(&calendar(
        &[("LC_MESSAGES", "id_ID.UTF-8")],
        &[]
    )));
    assert!(is_indonesian(&calendar(&[("LC_ALL", "id_ID.UTF-8")], &[])));
    // LC_ALL before LC_MESSAGES before LANG.
    assert!(!is_indonesian(&calendar(
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "id_ID.UTF-8")],
        &[]
    )));
    assert!(is_indonesian(&calendar(
        &[("LC_MESSAGES", "id_ID.UTF-8"), ("LANG", "en_US.UTF-8")],
        &[]
    )));
    assert!(!is_indonesian(&calendar(&[("LANG", "C.UTF-8")], &[])));
    // --lang overrides the environment, both ways.
    assert!(!is_indonesian(&calendar(
        &[("LANG", "id_ID.UTF-8")],
        &["--lang", "en"]
    )));
    assert!(is_indonesian(&calendar(
        &[("LANG", "en_US.UTF-8")],
        &["--lang", "id"]
    )));
}

#[test]
fn the_calendar_in_indonesian_has_the_official_names() {
    let id = calendar(&[], &["--lang", "id"]);
    for name in [
        "Hari Kemerdekaan Republik Indonesia",
        "Maulid Nabi Muhammad SAW",
        "Cuti Bersama Hari Raya Idulfitri 1446 Hijriah",
        "Hari Suci Nyepi (Tahun Baru Saka 1947)",
    ] {
        assert!(id.contains(name), "no `{name}` in\n{id}");
    }
    for english in ["Independence Day", "Prophet's Birthday", "Joint Holiday"] {
        assert!(!id.contains(english), "`{english}` in\n{id}");
    }
    let en = calendar(&[], &[]);
    assert!(en.contains("Independence Day") && !en.contains("Hari Kemerdekaan"));
}

#[test]
fn the_calendar_in_indonesian_writes_dates_day_first() {
    let id = calendar(&[], &["--lang", "id"]);
    assert!(id.contains("│ 17/08/2025 ┆ Min  ┆"), "{id}");
    assert!(!id.contains("2025-08-17"), "{id}");
    assert!(calendar(&[], &[]).contains("│ 2025-08-17 ┆ Sun ┆"));
}

fn fixture(path: &str) -> String {
    crate::support::repo(&format!("tests/fixtures/roundtrip/{path}"))
        .display()
        .to_string()
}

fn report(extra: &[&str]) -> String {
    let roster = fixture("roster-excel.csv");
    let mut args = vec!["report", "--roster", roster.as_str(), "--by", "week"];
    args.extend(extra);
    let run = Workdir::new().roster(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn the_report_in_indonesian_reads_weeks_as_dates_and_decimal_commas() {
    let table = report(&["--lang", "id"]);
    assert!(table.contains("│ 24–28 Mar 2025 ┆"), "{table}");
    assert!(
        table.contains("70,0%") && !table.contains("70.0%"),
        "{table}"
    );
    assert!(!table.contains("2025-W13"), "{table}");
    // The CSV is data: the same in every language.
    let csv = report(&["--lang", "id", "--format", "csv"]);
    assert_eq!(csv, report(&["--format", "csv"]));
    assert!(csv.contains("2025-W13,") && csv.contains(",70.0,"), "{csv}");
}

#[test]
fn explain_in_indonesian_writes_days_and_weeks_as_dates() {
    let (policy, staff) = (fixture("policy.toml"), fixture("staff.csv"));
    let run = Workdir::new().roster(&[
        "explain",
        "198304252010012008",
        "--policy",
        policy.as_str(),
        "--staff",
        staff.as_str(),
        "--lang",
        "id",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("24–27 Mar 2025, 8–11 Apr 2025"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  31 Mar–4 Apr 2025 ·"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("2025-W1"), "{}", run.stdout);
}

/// Under `--lang id` the window, usage and output errors and `plan`'s notes are in Bahasa
/// Indonesia too, with Indonesian dates, and each error line starts `kesalahan: `.
#[test]
fn errors_and_notes_of_a_run_speak_indonesian() {
    use crate::support::plan_fixture;
    let w = Workdir::new();
    let id = |extra: &[&str]| {
        let mut args = plan_fixture(extra);
        args.extend(["--lang".into(), "id".into()]);
        w.roster(&args)
    };

    // A window after the policy's period (2025-03-24..2025-04-11).
    let run = id(&[
        "--from",
        "2025-04-14",
        "--to",
        "2025-04-18",
        "--out",
        "a.csv",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "kesalahan: rentang 14/04/2025 sampai 18/04/2025 berada di luar periode kebijakan \
         24/03/2025 sampai 11/04/2025: kebijakan ini sudah berakhir; rencanakan hari-hari \
         tersebut dengan kebijakan penggantinya\n"
    );

    // A file that is not there: the system's words in Indonesian.
    let run = w.roster(&[
        "plan",
        "--policy",
        "none.toml",
        "--staff",
        "none.csv",
        "--lang",
        "id",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "kesalahan: none.toml: berkas atau folder tidak ditemukan\n"
    );

    // An output that would overwrite an input: a usage error.
    let staff = crate::support::repo("tests/fixtures/roundtrip/staff.csv");
    let staff = staff.to_string_lossy();
    let run = id(&["--out", &staff]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "kesalahan: --out {staff} juga merupakan berkas masukan ("
        )) && run.stderr.ends_with("): pilih jalur keluaran lain\n"),
        "{}",
        run.stderr
    );

    // The note of --previous, under the summary whose heading has Indonesian dates.
    let run = id(&["--out", "first.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(" — 24 Mar–11 Apr 2025, "),
        "{}",
        run.stdout
    );
    let next =
        std::fs::read_to_string(crate::support::repo("tests/fixtures/roundtrip/policy.toml"))
            .unwrap()
            .replace("start = 2025-03-24", "start = 2025-04-14")
            .replace("end = 2025-04-11", "end = 2025-04-25");
    w.write("next.toml", next);
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        "next.toml".as_ref(),
        "--staff".as_ref(),
        crate::support::repo("tests/fixtures/roundtrip/staff.csv").as_os_str(),
        "--previous".as_ref(),
        "first.csv".as_ref(),
        "--out".as_ref(),
        "second.csv".as_ref(),
        "--lang".as_ref(),
        "id".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Jadwal sebelumnya: hitungan 11 pegawai dilanjutkan."),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Previous roster"), "{}", run.stdout);
}
