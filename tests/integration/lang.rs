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
