//! Staff requests (`--requests`, issue 12): hard requests as fixed days in the long roster
//! (`request` in the `rule` column) that `check`, `explain` and `--previous` read the same
//! way; the file as CSV or workbook; and its errors, with the line, in both languages.
//!
//! On the round-trip fixture: 24 Mar – 11 Apr 2025, working days 24–27 Mar and 8–11 Apr
//! (Nyepi and Lebaran are off), bendahara fixed WFO by rule.

use crate::support::{Run, Workdir, plan_fixture, repo};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const POLICY: &str = "tests/fixtures/roundtrip/policy.toml";
const STAFF: &str = "tests/fixtures/roundtrip/staff.csv";

/// Andi rotates; Siti is a bendahara (fixed WFO by rule); Budi asks softly for Fridays.
const REQUESTS: &str = "\
nip,date,from,to,weekday,wish,strength,reason
198609262015051001,2025-03-26,,,,WFH,hard,Anak sakit
198703142014032002,2025-04-09,,,,WFH,wajib,Menyusun SPJ di rumah
199001052019031003,,,,Jumat,WFH,soft,Mengantar anak
198703142014032002,,2025-03-24,2025-03-25,,not remote,soft,Rapat anggaran
";

/// `roster <command> --policy P --staff S` on the fixture, with `extra` arguments.
fn run(w: &Workdir, command: &str, extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        command.into(),
        "--policy".into(),
        repo(POLICY).into(),
        "--staff".into(),
        repo(STAFF).into(),
    ];
    args.extend(extra.iter().map(Into::into));
    w.roster(&args)
}

/// The roster's rows of this person on this date.
fn row(w: &Workdir, roster: &str, date: &str, nip: &str) -> String {
    let text = w.read(roster);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(&format!("{date},{nip},")))
        .collect();
    assert_eq!(rows.len(), 1, "{date} {nip} in\n{text}");
    rows[0].to_owned()
}

#[test]
fn a_hard_request_is_a_fixed_day_that_check_and_previous_read_back() {
    let w = Workdir::new();
    w.write("requests.csv", REQUESTS);
    let plan = w.roster(&plan_fixture(&["--requests", "requests.csv", "-q"]));
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    let andi = row(&w, "roster.csv", "2025-03-26", "198609262015051001");
    assert!(andi.ends_with(",WFH,,request"), "{andi}");
    // A hard request comes before the rules: the bendahara is at home that day only.
    let siti = row(&w, "roster.csv", "2025-04-09", "198703142014032002");
    assert!(siti.ends_with(",WFH,,request"), "{siti}");
    let siti = row(&w, "roster.csv", "2025-04-08", "198703142014032002");
    assert!(siti.ends_with(",WFO,,Bendahara tetap di kantor"), "{siti}");
    // Soft requests leave the resolver alone: no `request` on Budi's rows.
    let budi = row(&w, "roster.csv", "2025-04-11", "199001052019031003");
    assert!(!budi.ends_with("request"), "{budi}");
    assert_eq!(w.read("roster.csv").matches(",request\n").count(), 2);

    // `check` with the same requests finds nothing; without them the bendahara's day at
    // home breaks the rule.
    let checked = run(
        &w,
        "check",
        &["--requests", "requests.csv", "--roster", "roster.csv"],
    );
    assert_eq!(checked.code, 0, "{}\n{}", checked.stdout, checked.stderr);
    // A hand edit of a hard-request day is a fixed day broken, and says by which line.
    let roster = w.read("roster.csv");
    let andi = row(&w, "roster.csv", "2025-03-26", "198609262015051001");
    w.write(
        "edited.csv",
        roster.replace(&andi, &andi.replace(",WFH,,request", ",WFO,,request")),
    );
    let edited = run(
        &w,
        "check",
        &["--requests", "requests.csv", "--roster", "edited.csv"],
    );
    assert_eq!(edited.code, 3, "{}", edited.stdout);
    assert!(
        edited
            .stdout
            .contains("has a hard request (requests.csv:2): WFH expected, WFO found"),
        "{}",
        edited.stdout
    );
    let bare = run(&w, "check", &["--roster", "roster.csv"]);
    assert_eq!(bare.code, 3, "{}", bare.stdout);
    assert!(
        bare.stdout.contains("Bendahara tetap di kantor"),
        "{}",
        bare.stdout
    );

    // The last week planned again after the first: the request day read back is fixed,
    // in no pool, and the run goes through.
    w.write(
        "later.csv",
        "nip,date,wish,strength\n199001052019031003,2025-04-10,not remote,hard\n",
    );
    let later = w.roster(&plan_fixture(&[
        "--from",
        "2025-04-08",
        "--to",
        "2025-04-11",
        "--previous",
        "roster.csv",
        "--requests",
        "later.csv",
        "--out",
        "later-roster.csv",
        "-q",
    ]));
    assert_eq!(later.code, 0, "{}", later.stderr);
    let budi = row(&w, "later-roster.csv", "2025-04-10", "199001052019031003");
    assert!(budi.ends_with(",WFO,,request"), "{budi}");
}

#[test]
fn days_outside_the_window_are_left_for_other_runs() {
    let w = Workdir::new();
    w.write("requests.csv", REQUESTS);
    let run = w.roster(&plan_fixture(&[
        "--requests",
        "requests.csv",
        "--from",
        "2025-03-24",
        "--to",
        "2025-03-27",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Andi's day is in the window, Siti's (9 April) is not.
    assert_eq!(w.read("roster.csv").matches(",request\n").count(), 1);
}

#[test]
fn a_requests_workbook_with_indonesian_headers() {
    let w = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["NIP", "Tanggal", "Permintaan", "Sifat", "Alasan"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "198609262015051001").unwrap();
    // A typed date cell, as a spreadsheet stores it.
    let date = ExcelDateTime::from_ymd(2025, 3, 27).unwrap();
    let format = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(1, 1, &date, &format)
        .unwrap();
    sheet.write_string(1, 2, "bukan WFO").unwrap();
    sheet.write_string(1, 3, "Wajib").unwrap();
    sheet.write_string(1, 4, "Renovasi ruang kerja").unwrap();
    sheet.write_string(2, 0, "199999999999999999").unwrap();
    book.save(w.path("permintaan.xlsx")).unwrap();
    // The second row's NIP is unknown: the error names its cell.
    let bad = w.roster(&plan_fixture(&["--requests", "permintaan.xlsx", "-q"]));
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("permintaan.xlsx:Sheet1!A3: NIP 199999999999999999 is not in the staff file"),
        "{}",
        bad.stderr
    );

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["NIP", "Tanggal", "Permintaan", "Sifat", "Alasan"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "198609262015051001").unwrap();
    sheet
        .write_datetime_with_format(1, 1, &date, &format)
        .unwrap();
    sheet.write_string(1, 2, "bukan WFO").unwrap();
    sheet.write_string(1, 3, "Wajib").unwrap();
    book.save(w.path("permintaan.xlsx")).unwrap();
    let run = w.roster(&plan_fixture(&["--requests", "permintaan.xlsx", "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A hard `not WFO` is a day at home.
    let andi = row(&w, "roster.csv", "2025-03-27", "198609262015051001");
    assert!(andi.ends_with(",WFH,,request"), "{andi}");
}

#[test]
fn the_requests_file_is_an_input_no_output_may_overwrite() {
    let w = Workdir::new();
    w.write("requests.csv", REQUESTS);
    let run = w.roster(&plan_fixture(&[
        "--requests",
        "requests.csv",
        "--summary",
        "requests.csv",
    ]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(w.read("requests.csv"), REQUESTS);
}

#[test]
fn explain_lists_the_requests_in_both_languages() {
    let w = Workdir::new();
    w.write("requests.csv", REQUESTS);
    let explain = |lang: &str| {
        let run = run(
            &w,
            "explain",
            &[
                "--requests",
                "requests.csv",
                "--lang",
                lang,
                "198703142014032002",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let en = explain("en");
    assert!(
        en.contains("request (hard): Menyusun SPJ di rumah: 1 day(s): 2025-04-09"),
        "{en}"
    );
    insta::assert_snapshot!("explain_requests", en);
    let id = explain("id");
    assert!(
        id.contains("permintaan (wajib): Menyusun SPJ di rumah: 1 hari: 9 Apr 2025"),
        "{id}"
    );
    insta::assert_snapshot!("explain_requests_id", id);
}

/// Each bad requests file, with the line it names: a day off, outside the period, an
/// unknown NIP, two lines that want different things for one day.
const BAD: [(&str, &str); 4] = [
    (
        "day-off",
        "nip,date,wish\n198609262015051001,2025-03-26,WFH\n198609262015051001,2025-03-31,WFH\n",
    ),
    (
        "outside",
        "nip,from,to,wish\n198609262015051001,2025-04-08,2025-04-18,WFO\n",
    ),
    (
        "unknown-nip",
        "nip,date,wish\n199999999999999999,2025-03-26,WFH\n",
    ),
    (
        "conflict",
        "nip,from,to,date,wish\n199001052019031003,2025-03-24,2025-03-27,,WFO\n198609262015051001,,,2025-03-25,WFA\n199001052019031003,,,2025-03-26,not WFO\n",
    ),
];

#[test]
fn request_errors_name_the_line_in_both_languages() {
    let mut messages = String::new();
    for lang in ["en", "id"] {
        for (name, text) in BAD {
            let w = Workdir::new();
            let file = format!("{name}.csv");
            w.write(&file, text);
            let run = w.roster(&plan_fixture(&["--requests", &file, "--lang", lang]));
            assert_eq!(run.code, 1, "{name}: {}", run.stderr);
            assert!(
                !w.exists("roster.csv"),
                "{name}: a failed run wrote roster.csv"
            );
            assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
            messages.push_str(&run.stderr);
        }
    }
    insta::assert_snapshot!("request_errors", messages);
}
