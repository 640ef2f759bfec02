//! The corpus of bad inputs in `tests/fixtures/bad/` (SPEC §2, §3, §7, §9): every case must
//! exit 1, say where and what in exactly one `error: ` line (`kesalahan: ` under `--lang id`),
//! and leave existing outputs and
//! the folder as they were.
//!
//! A case is a folder `NN-<file>-<what>` (`<file>` is `staff`, `policy`, `leave` or
//! `requests`, the input the error must name) holding `policy.toml`, `staff.csv`, maybe
//! `leave.csv` or `requests.csv`, and `expect.txt`: one fragment per line that stderr must
//! contain. Binary or large inputs are not committed: the cases in [`GENERATED`] get theirs
//! from [`generated`]. Cases the binary does not meet yet are listed in [`KNOWN_FAILING`];
//! the runner checks that they still fail, so the list cannot go stale.

use crate::support::{Run, Workdir, repo};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const CORPUS: &str = "tests/fixtures/bad";
const MIN_CASES: usize = 40;
/// Committed fixtures stay small; anything bigger is made by [`generated`].
const MAX_FIXTURE_BYTES: u64 = 20 * 1024;
const INPUTS: [&str; 4] = ["policy.toml", "staff.csv", "leave.csv", "requests.csv"];
const OUTPUTS: [&str; 3] = ["roster.csv", "wide.csv", "summary.csv"];

/// Cases whose `expect.txt` says what the binary should print but does not yet, and why.
/// Only the exit code and the message are excused: a run that exits 1 must still leave the
/// outputs and the folder untouched.
const KNOWN_FAILING: &[(&str, &str)] = &[];

fn roundtrip(file: &str) -> String {
    let path = repo(&format!("tests/fixtures/roundtrip/{file}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` with its only occurrence of `from` replaced by the bytes `to`.
fn splice(text: &str, from: &str, to: &[u8]) -> Vec<u8> {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    let at = text.find(from).unwrap_or_default();
    [
        &text.as_bytes()[..at],
        to,
        &text.as_bytes()[at + from.len()..],
    ]
    .concat()
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The cases with an input made by [`generated`] instead of committed, because it is binary
/// or large.
const GENERATED: [&str; 8] = [
    "01-staff-windows-1252",
    "02-staff-utf16",
    "03-staff-utf16-no-bom",
    "16-staff-10mb-cell",
    "17-staff-nul-bytes",
    "18-staff-xlsx",
    "67-policy-not-utf8",
    "80-leave-windows-1252",
];

/// The input [`GENERATED`] cases make here: the file name and its bytes. Every other file of
/// a case comes from its folder.
fn generated(case: &str) -> Option<(&'static str, Vec<u8>)> {
    let staff = || roundtrip("staff.csv");
    let file = match case {
        // Excel's "CSV (Comma delimited)": é and ñ as single Windows-1252 bytes, on line 4.
        "01-staff-windows-1252" => (
            "staff.csv",
            splice(&staff(), "Budi Hartono", b"Jos\xe9 Pe\xf1a"),
        ),
        // Excel's "Unicode Text", and the same without its byte order mark.
        "02-staff-utf16" => ("staff.csv", [&b"\xff\xfe"[..], &utf16le(&staff())].concat()),
        "03-staff-utf16-no-bom" => ("staff.csv", utf16le(&staff())),
        // A 10 MB name on line 3.
        "16-staff-10mb-cell" => (
            "staff.csv",
            splice(
                &staff(),
                "Siti Rahmawati",
                format!("Siti {}", "x".repeat(10 << 20)).as_bytes(),
            ),
        ),
        "17-staff-nul-bytes" => (
            "staff.csv",
            splice(&staff(), "Dewi Lestari", b"Dewi\0\0Lestari"),
        ),
        // A workbook saved under a .csv name: a ZIP archive.
        "18-staff-xlsx" => {
            let mut bytes = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
            bytes.extend_from_slice(b"[Content_Types].xml");
            bytes.extend((0..1024u32).map(|i| (i * 7 % 256) as u8));
            ("staff.csv", bytes)
        }
        // é as the Latin-1 byte 0xE9 at line 1, column 22.
        "67-policy-not-utf8" => (
            "policy.toml",
            splice(&roundtrip("policy.toml"), "Lebaran", b"L\xe9baran"),
        ),
        // An en dash (Windows-1252 0x96) in the `type` of line 3.
        "80-leave-windows-1252" => (
            "leave.csv",
            splice(
                "nip,from,to,type\n\
                 199001052019031003,2025-03-25,2025-03-26,cuti tahunan\n\
                 199105182020122004,2025-03-27,2025-03-27,cuti alasan penting - keluarga\n",
                " - ",
                b" \x96 ",
            ),
        ),
        _ => return None,
    };
    Some(file)
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo(CORPUS))
        .unwrap_or_else(|e| panic!("{CORPUS}: {e}"))
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn case_name(dir: &Path) -> String {
    dir.file_name()
        .expect("case folder name")
        .to_string_lossy()
        .into_owned()
}

/// The input a case's error must name, from its folder name `NN-<kind>-...`.
fn blamed_file(case: &str) -> &'static str {
    match case.split('-').nth(1) {
        Some("staff") => "staff.csv",
        Some("policy") => "policy.toml",
        Some("leave") => "leave.csv",
        Some("requests") => "requests.csv",
        _ => panic!(
            "{case}: a case folder is named NN-staff-..., NN-policy-..., NN-leave-... or NN-requests-..."
        ),
    }
}

/// The case's input files (committed and generated) and its expected fragments.
fn load(dir: &Path, case: &str) -> (Vec<(&'static str, Vec<u8>)>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut expect = None;
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{case}: {e}")) {
        let path = entry.expect("case entry").path();
        let name = case_name(&path);
        let size = path.metadata().map(|m| m.len()).unwrap_or_default();
        assert!(
            size < MAX_FIXTURE_BYTES,
            "{case}: {name} has {size} bytes; generate big inputs in `generated`"
        );
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{case}: {name}: {e}"));
        if name == "expect.txt" {
            expect = Some(String::from_utf8(bytes).expect("expect.txt is UTF-8"));
        } else if let Some(input) = INPUTS.iter().find(|i| **i == name) {
            inputs.push((*input, bytes));
        } else {
            panic!("{case}: unexpected file {name}");
        }
    }
    if let Some((name, bytes)) = generated(case) {
        assert!(
            inputs.iter().all(|(n, _)| *n != name),
            "{case}: {name} is generated, so it must not be committed too"
        );
        inputs.push((name, bytes));
    }
    for required in ["policy.toml", "staff.csv"] {
        assert!(
            inputs.iter().any(|(n, _)| *n == required),
            "{case}: no {required}"
        );
    }
    inputs.sort();
    let expect: Vec<String> = expect
        .unwrap_or_else(|| panic!("{case}: no expect.txt"))
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    assert!(!expect.is_empty(), "{case}: expect.txt is empty");
    (inputs, expect)
}

/// The start of an error line in `lang`.
fn error_prefix(lang: &str) -> &'static str {
    match lang {
        "id" => "kesalahan: ",
        _ => "error: ",
    }
}

/// `error: <file>:<line>: ...`, or `<file>:<line>:<column>: ` for the policy.
fn names_the_spot(line: &str, file: &str, lang: &str) -> bool {
    let Some(rest) = line
        .strip_prefix(error_prefix(lang))
        .and_then(|l| l.strip_prefix(file))
        .and_then(|l| l.strip_prefix(':'))
    else {
        return false;
    };
    let Some((spot, _message)) = rest.split_once(": ") else {
        return false;
    };
    let numbers: Vec<&str> = spot.split(':').collect();
    let wanted = if file.ends_with(".toml") { 2 } else { 1 };
    numbers.len() == wanted
        && numbers
            .iter()
            .all(|n| n.parse::<u64>().is_ok_and(|n| n >= 1))
}

/// What a case's run got wrong: `expectation` (exit code, message), which a case in
/// [`KNOWN_FAILING`] may get wrong, and `integrity` (something written after exit 1), which
/// no case may.
#[derive(Default)]
struct Problems {
    expectation: Vec<String>,
    integrity: Vec<String>,
}

fn run_case(dir: &Path, case: &str) -> (Run, Problems) {
    run_case_in(dir, case, "en")
}

/// [`run_case`] with `--lang`: the expected fragments are English, so only the English run
/// meets them.
fn run_case_in(dir: &Path, case: &str, lang: &str) -> (Run, Problems) {
    let (inputs, expect) = load(dir, case);
    let w = Workdir::new();
    for (name, bytes) in &inputs {
        w.write(name, bytes);
    }
    let sentinel = |out: &str| format!("sentinel {out}: must survive a failed run\n");
    for out in OUTPUTS {
        w.write(out, sentinel(out));
    }
    let mut args = vec!["plan", "--policy", "policy.toml", "--staff", "staff.csv"];
    if inputs.iter().any(|(n, _)| *n == "leave.csv") {
        args.extend(["--leave", "leave.csv"]);
    }
    if inputs.iter().any(|(n, _)| *n == "requests.csv") {
        args.extend(["--requests", "requests.csv"]);
    }
    args.extend([
        "--wide",
        "wide.csv",
        "--summary",
        "summary.csv",
        "--lang",
        lang,
    ]);
    let run = w.roster(&args);

    let mut problems = Problems::default();
    if run.code != 1 {
        problems
            .expectation
            .push(format!("exit code {}, expected 1", run.code));
    }
    for fragment in &expect {
        if !run.stderr.contains(fragment.as_str()) {
            problems
                .expectation
                .push(format!("stderr lacks `{fragment}`"));
        }
    }
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with(error_prefix(lang)))
        .collect();
    let file = blamed_file(case);
    match errors.as_slice() {
        [line] if names_the_spot(line, file, lang) => {}
        [line] => problems.expectation.push(format!(
            "the error line does not start `{}{file}:LINE{}: `: {line}",
            error_prefix(lang),
            if file.ends_with(".toml") {
                ":COLUMN"
            } else {
                ""
            }
        )),
        _ => problems.expectation.push(format!(
            "{} `{}` lines, expected exactly one",
            errors.len(),
            error_prefix(lang)
        )),
    }
    if run.code == 1 {
        for out in OUTPUTS {
            let now = std::fs::read_to_string(w.path(out)).unwrap_or_default();
            if now != sentinel(out) {
                problems
                    .integrity
                    .push(format!("{out} changed by a failed run"));
            }
        }
        let expected: BTreeSet<&str> = inputs.iter().map(|(n, _)| *n).chain(OUTPUTS).collect();
        let dir = w.path("");
        for entry in std::fs::read_dir(&dir).expect("work dir") {
            let name = case_name(&entry.expect("work dir entry").path());
            if !expected.contains(name.as_str()) {
                problems.integrity.push(format!(
                    "stray file `{name}` left behind{}",
                    if name.starts_with(".roster-") {
                        " (a temp file)"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    (run, problems)
}

fn known_failing(case: &str) -> Option<&'static str> {
    KNOWN_FAILING
        .iter()
        .find(|(name, _)| *name == case)
        .map(|(_, why)| *why)
}

#[test]
fn every_bad_input_is_refused_with_file_line_and_nothing_written() {
    let dirs = case_dirs();
    let names: Vec<String> = dirs.iter().map(|d| case_name(d)).collect();
    assert!(
        names.len() >= MIN_CASES,
        "{CORPUS} has {} cases, expected at least {MIN_CASES}",
        names.len()
    );
    for (case, _) in KNOWN_FAILING {
        assert!(
            names.iter().any(|n| n == case),
            "{case}: in KNOWN_FAILING but no such case folder"
        );
    }
    for case in GENERATED {
        assert!(
            names.iter().any(|n| n == case) && generated(case).is_some(),
            "{case}: in GENERATED but no such case folder, or `generated` does not make it"
        );
    }
    for case in &names {
        assert_eq!(
            generated(case).is_some(),
            GENERATED.contains(&case.as_str()),
            "{case}: `generated` and GENERATED disagree"
        );
    }
    let mut failures = Vec::new();
    let mut messages = String::new();
    for (dir, case) in dirs.iter().zip(&names) {
        let (run, problems) = run_case(dir, case);
        for line in run.stderr.lines().filter(|l| l.starts_with("error: ")) {
            messages.push_str(&format!("{case}\n  {line}\n"));
        }
        let mut report = problems.integrity;
        match (known_failing(case), problems.expectation.is_empty()) {
            (None, _) => report.extend(problems.expectation),
            (Some(_), false) => {}
            (Some(why), true) => report.push(format!(
                "listed in KNOWN_FAILING ({why}) but now meets its expectation: remove it from the list"
            )),
        }
        if !report.is_empty() {
            failures.push(format!(
                "{case}:\n  - {}\n  stderr: {}",
                report.join("\n  - "),
                run.stderr.trim_end()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
    // Every message of the corpus, read as a whole: plain words, no type names.
    insta::assert_snapshot!("bad_input_messages", messages);
}

/// English words a translated message would still hold if part of it were left untranslated.
const ENGLISH: [&str; 24] = [
    "the", "is", "are", "expected", "must", "not", "has", "have", "with", "of", "and", "or", "an",
    "to", "in", "be", "cannot", "found", "file", "row", "column", "empty", "unknown", "missing",
];

/// The English words of `message` outside what it quotes from the input (`...`, "...") and
/// the library's own words it passes on ("keterangan teknis: ...").
fn english_words(message: &str) -> Vec<String> {
    let mut own = String::new();
    let mut quote = None;
    for c in message.chars() {
        match (quote, c) {
            (None, '`' | '"') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, _) => own.push(c),
            _ => {}
        }
    }
    let own = match own.split_once("keterangan teknis:") {
        Some((before, after)) => format!("{before}{}", after.split_once(')').map_or("", |a| a.1)),
        None => own,
    };
    own.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

#[test]
fn english_words_are_found_outside_quotes() {
    assert_eq!(
        english_words("NIP `x` tidak ada di berkas pegawai"),
        Vec::<String>::new()
    );
    assert_eq!(english_words("empty NIP"), ["empty"]);
    assert_eq!(
        english_words("kolom `the` \"is\" kosong"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("tidak dapat dibaca (keterangan teknis: Cannot detect the file): buka"),
        Vec::<String>::new()
    );
}

/// The corpus under `--lang id`: still exit 1, one error line at the spot, nothing written,
/// and every message in Bahasa Indonesia (snapshotted, and checked for English words).
#[test]
fn every_bad_input_is_refused_in_indonesian_too() {
    let mut messages = String::new();
    let mut failures = Vec::new();
    for dir in case_dirs() {
        let case = case_name(&dir);
        let (run, problems) = run_case_in(&dir, &case, "id");
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with(error_prefix("id")))
            .collect();
        let at_the_spot =
            matches!(errors[..], [line] if names_the_spot(line, blamed_file(&case), "id"));
        if run.code != 1 || !at_the_spot || !problems.integrity.is_empty() {
            failures.push(format!(
                "{case}: exit {}: {}",
                run.code,
                run.stderr.trim_end()
            ));
        }
        for line in errors {
            messages.push_str(&format!("{case}\n  {line}\n"));
            // After `kesalahan: FILE:LINE: ` (or `FILE:LINE:COLUMN: `).
            let message = line.splitn(3, ": ").nth(2).unwrap_or(line);
            let english = english_words(message);
            if !english.is_empty() {
                failures.push(format!("{case}: English words {english:?} in: {line}"));
            }
        }
        if case.contains("-policy-") {
            for jargon in ["i64", "TOML", "string", "sequence", "invalid type"] {
                assert!(!run.stderr.contains(jargon), "{case}: {}", run.stderr);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    insta::assert_snapshot!("bad_input_messages_id", messages);
}

// ---- inputs that must NOT fail ----

/// The roundtrip staff file with `,` delimiters turned into `delimiter` (quoted commas kept).
fn with_delimiter(text: &str, delimiter: char) -> String {
    let mut quoted = false;
    text.chars()
        .map(|c| match c {
            '"' => {
                quoted = !quoted;
                c
            }
            ',' if !quoted => delimiter,
            _ => c,
        })
        .collect()
}

/// Plans the roundtrip policy with these inputs; it must exit 0 and write the roster.
fn plan_ok(case: &str, staff: &[u8], leave: Option<&[u8]>) -> Workdir {
    let w = Workdir::new();
    w.write("policy.toml", roundtrip("policy.toml"));
    w.write("staff.csv", staff);
    let mut args = vec!["plan", "--policy", "policy.toml", "--staff", "staff.csv"];
    if let Some(leave) = leave {
        w.write("leave.csv", leave);
        args.extend(["--leave", "leave.csv"]);
    }
    let run = w.roster(&args);
    assert_eq!(
        run.code, 0,
        "{case}: exit {}; stderr:\n{}",
        run.code, run.stderr
    );
    assert!(w.exists("roster.csv"), "{case}: no roster.csv written");
    w
}

#[test]
fn these_must_work() {
    let staff = roundtrip("staff.csv");
    let clean = plan_ok("clean", staff.as_bytes(), None).read("roster.csv");
    // 11 people x 8 working days, plus the header.
    assert_eq!(clean.lines().count(), 89, "clean: roster rows");

    let spreadsheet_forms = [
        (
            "CRLF with trailing empty lines",
            staff.replace('\n', "\r\n") + "\r\n\r\n",
        ),
        (
            "`;`-separated with a trailing `;;;;` line",
            with_delimiter(&staff, ';') + ";;;;\n",
        ),
        ("BOM", format!("\u{feff}{staff}")),
        (
            "BOM, `;`, CRLF and `;;;;` lines together",
            format!("\u{feff}{}", with_delimiter(&staff, ';') + ";;;;\n;;;;\n")
                .replace('\n', "\r\n"),
        ),
    ];
    for (case, text) in spreadsheet_forms {
        let w = plan_ok(case, text.as_bytes(), None);
        assert_eq!(
            w.read("roster.csv"),
            clean,
            "{case}: the roster differs from the clean file's"
        );
    }
    let header_only_leave = plan_ok(
        "a leave file with a header only",
        staff.as_bytes(),
        Some(b"nip,from,to,type\n"),
    );
    assert_eq!(
        header_only_leave.read("roster.csv"),
        clean,
        "a leave file with a header only: the roster differs from the one without leave"
    );

    // Budi's NIP with spaces in the staff file, without them in the leave file (and the
    // other way round): the same person, so the leave applies on 25 and 26 March.
    let budi = "199001052019031003";
    let spaced = "19900105 201903 1 003";
    let pairs = [
        (
            "NIP spaced in staff, compact in leave",
            staff.replacen(budi, spaced, 1),
            format!("nip,from,to,type\n{budi},2025-03-25,2025-03-26,cuti tahunan\n"),
        ),
        (
            "NIP compact in staff, spaced and Excel-quoted in leave, dd/mm/yyyy",
            staff.clone(),
            format!("nip,from,to\n'{spaced},25/03/2025,26/03/2025\n"),
        ),
    ];
    for (case, staff, leave) in pairs {
        let w = plan_ok(case, staff.as_bytes(), Some(leave.as_bytes()));
        let roster = w.read("roster.csv");
        let leave_days: Vec<&str> = roster
            .lines()
            .filter(|l| l.split(',').nth(1) == Some(budi) && l.split(',').nth(6) == Some("LEAVE"))
            .map(|l| l.split(',').next().unwrap_or_default())
            .collect();
        assert_eq!(
            leave_days,
            ["2025-03-25", "2025-03-26"],
            "{case}: Budi's LEAVE rows; roster:\n{roster}"
        );
    }
}
