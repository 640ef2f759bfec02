//! Input errors (SPEC §2-§3, §7, §9): every one exits 1, points at `file:line[:column]`,
//! says what is wrong and writes nothing. Also the lenient readings and warnings that must
//! not fail, and the usage error of an output that would overwrite an input.
//!
//! Each bad input is the valid [`POLICY`], [`STAFF`] or [`LEAVE`] with one small edit, so the
//! expected line and column can be read off the numbered lines below.

use crate::support::{Run, Workdir};

/// 1 name, 3 [period], 4 start, 5 end, 6 calendar, 8 [split], 9 WFO, 10 WFH, 12 [rotation],
/// 13 pattern, 15 [[rule]], 16 name, 17 roles, 18 mode.
const POLICY: &str = r#"name = "WFH 50% Uji"

[period]
start = 2025-06-02
end = 2025-06-13
calendar = "indonesia"

[split]
WFO = 50
WFH = 50

[rotation]
pattern = "balanced"

[[rule]]
name = "Bendahara di kantor"
roles = ["bendahara"]
mode = "WFO"
"#;

/// 1 header, 2 Ani, 3 Budi, 4 Citra, 5 Dedi.
const STAFF: &str = "\
nip,name,unit,role
199001012015011001,Ani,Dinas A,Bendahara
199001012015011002,Budi,Dinas A,Staf
199001012015011003,Citra,Dinas B,Staf
199001012015011004,Dedi,Dinas B,Staf
";

/// 1 header, 2 Budi's leave; the bad row of each case is appended as line 3.
const LEAVE: &str = "\
nip,from,to,type
199001012015011002,2025-06-03,2025-06-04,cuti
";

/// `text` with its only occurrence of `from` replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

/// `text` with its only occurrence of `from` replaced by raw bytes (not UTF-8).
fn edit_bytes(text: &str, from: &str, to: &[u8]) -> Vec<u8> {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    let at = text.find(from).unwrap_or_default();
    [
        &text.as_bytes()[..at],
        to,
        &text.as_bytes()[at + from.len()..],
    ]
    .concat()
}

/// Writes the inputs, runs `roster plan` on them with `extra` flags.
fn plan(
    policy: &str,
    staff: impl AsRef<[u8]>,
    leave: Option<&str>,
    extra: &[&str],
) -> (Workdir, Run) {
    let w = Workdir::new();
    w.write("policy.toml", policy);
    w.write("staff.csv", staff);
    let mut args = vec!["plan", "--policy", "policy.toml", "--staff", "staff.csv"];
    if let Some(leave) = leave {
        w.write("leave.csv", leave);
        args.extend(["--leave", "leave.csv"]);
    }
    args.extend(extra);
    let run = w.roster(&args);
    (w, run)
}

/// A run that must fail as an input error: exit 1 and no roster written.
fn fails(policy: &str, staff: impl AsRef<[u8]>, leave: Option<&str>) -> Run {
    let (w, run) = plan(policy, staff, leave, &[]);
    assert_eq!(run.code, 1, "expected exit 1; stderr:\n{}", run.stderr);
    assert!(!w.exists("roster.csv"), "a failed run wrote roster.csv");
    run
}

/// Some stderr line is `<kind>: <at>: ...<fragment>...`.
fn assert_reported(run: &Run, kind: &str, at: &str, fragment: &str) {
    let prefix = format!("{kind}: {at}: ");
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with(&prefix) && l.contains(fragment)),
        "expected a line `{prefix}...{fragment}...`; stderr was:\n{}",
        run.stderr
    );
}

fn policy_error(policy: &str, at: &str, fragment: &str) {
    assert_reported(&fails(policy, STAFF, None), "error", at, fragment);
}

fn staff_error(staff: impl AsRef<[u8]>, at: &str, fragment: &str) {
    assert_reported(&fails(POLICY, staff, None), "error", at, fragment);
}

fn leave_error(leave: &str, at: &str, fragment: &str) {
    assert_reported(&fails(POLICY, STAFF, Some(leave)), "error", at, fragment);
}

#[test]
fn base_inputs_plan_cleanly() {
    let (w, run) = plan(POLICY, STAFF, Some(LEAVE), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // 4 people x 8 working days (6 and 9 June are days off), plus the header.
    assert_eq!(w.read("roster.csv").lines().count(), 33);
}

// ---- policy file (SPEC §2, §9 "Policy types") ----

#[test]
fn policy_unknown_top_level_key() {
    let policy = edit(POLICY, "Uji\"\n\n", "Uji\"\nbasiss = \"SE 2025\"\n");
    policy_error(&policy, "policy.toml:2:1", "unknown field `basiss`");
}

#[test]
fn policy_unknown_key_in_period() {
    let policy = edit(POLICY, "calendar =", "kalender =");
    policy_error(&policy, "policy.toml:6:1", "unknown field `kalender`");
}

#[test]
fn policy_unknown_key_in_rotation() {
    let policy = edit(POLICY, "pattern =", "patern =");
    policy_error(&policy, "policy.toml:13:1", "unknown field `patern`");
}

#[test]
fn policy_unknown_key_in_rule() {
    let policy = edit(POLICY, "roles =", "rloes =");
    policy_error(&policy, "policy.toml:17:1", "unknown field `rloes`");
}

#[test]
fn policy_wrong_type() {
    let policy = edit(POLICY, "WFO = 50", "WFO = \"50\"");
    policy_error(
        &policy,
        "policy.toml:9:7",
        "`WFO` expects a whole number from 0 to 100 such as 60, without % or quotes; found `\"50\"`: write WFO = 50",
    );
}

#[test]
fn policy_share_with_percent_sign() {
    for wrong in ["\"60%\"", "60%"] {
        let policy = edit(POLICY, "WFO = 50", &format!("WFO = {wrong}"));
        policy_error(&policy, "policy.toml:9:7", "write WFO = 60");
    }
}

#[test]
fn policy_date_written_day_first() {
    for wrong in ["\"02/06/2025\"", "02/06/2025", "02-06-2025"] {
        let policy = edit(POLICY, "start = 2025-06-02", &format!("start = {wrong}"));
        policy_error(
            &policy,
            "policy.toml:4:9",
            "dates are written 2025-08-29 (year-month-day, without quotes)",
        );
        policy_error(&policy, "policy.toml:4:9", "write start = 2025-06-02");
    }
}

#[test]
fn policy_wrong_kinds_never_name_types() {
    for (from, to) in [
        ("WFO = 50", "WFO = 50.5"),
        ("WFO = 50", "WFO = true"),
        ("roles = [\"bendahara\"]", "roles = \"bendahara\""),
        ("roles = [\"bendahara\"]", "roles = [1]"),
        ("roles = [\"bendahara\"]", "dates = [\"2025-06-03\"]"),
        ("end = 2025-06-13", "end = 20250613"),
        ("calendar = \"indonesia\"", "calendar = 1"),
        ("[[rule]]", "[rule]"),
        ("pattern = \"balanced\"", "pattern = 2"),
    ] {
        let run = fails(&edit(POLICY, from, to), STAFF, None);
        for jargon in [
            "i64",
            "TOML",
            "string",
            "sequence",
            "invalid type",
            "struct",
            "variant",
        ] {
            assert!(!run.stderr.contains(jargon), "{to}: {}", run.stderr);
        }
    }
}

#[test]
fn policy_impossible_date() {
    let policy = edit(POLICY, "end = 2025-06-13", "end = 2025-02-30");
    policy_error(&policy, "policy.toml:5:7", "invalid date");
}

#[test]
fn policy_end_before_start() {
    let policy = edit(POLICY, "end = 2025-06-13", "end = 2025-05-30");
    policy_error(
        &policy,
        "policy.toml:5:7",
        "`end` (2025-05-30) is before `start` (2025-06-02)",
    );
}

#[test]
fn policy_split_not_summing_to_100() {
    let policy = edit(POLICY, "WFO = 50", "WFO = 60");
    policy_error(&policy, "policy.toml:8:1", "adds up to 110");
    let rule_split = edit(POLICY, "mode = \"WFO\"", "split = { WFH = 90 }");
    policy_error(&rule_split, "policy.toml:18:9", "adds up to 90");
}

#[test]
fn policy_split_naming_another_mode() {
    let policy = edit(POLICY, "WFH = 50\n", "WFH = 50\nFIELD = 10\n");
    policy_error(&policy, "policy.toml:11:1", "unknown field `FIELD`");
    let rule_split = edit(POLICY, "mode = \"WFO\"", "split = { WFH = 90, FIELD = 10 }");
    policy_error(&rule_split, "policy.toml:18:21", "unknown field `FIELD`");
}

#[test]
fn policy_rule_with_mode_and_split() {
    let policy = edit(
        POLICY,
        "mode = \"WFO\"",
        "mode = \"WFO\"\nsplit = { WFH = 100 }",
    );
    policy_error(&policy, "policy.toml:19:9", "has both `mode` and `split`");
}

#[test]
fn policy_rule_without_effect() {
    let policy = edit(POLICY, "mode = \"WFO\"\n", "");
    policy_error(&policy, "policy.toml:15:1", "has no effect");
}

#[test]
fn policy_duplicate_rule_names() {
    let policy = format!(
        "{POLICY}\n[[rule]]\nname = \"Bendahara di kantor\"\nroles = [\"pengawas\"]\nmode = \"WFO\"\n"
    );
    policy_error(
        &policy,
        "policy.toml:21:8",
        "already used by the rule at line 16",
    );
}

#[test]
fn policy_empty_pattern() {
    let policy = edit(POLICY, "[\"bendahara\"]", "[\"\"]");
    policy_error(&policy, "policy.toml:17:10", "a pattern must not be empty");
}

#[test]
fn policy_empty_selector_list() {
    let policy = edit(POLICY, "roles = [\"bendahara\"]", "units = []");
    policy_error(&policy, "policy.toml:17:9", "`units` is empty");
}

#[test]
fn policy_rule_unknown_mode() {
    let policy = edit(POLICY, "mode = \"WFO\"", "mode = \"WFX\"");
    policy_error(&policy, "policy.toml:18:8", "unknown mode `WFX`");
}

#[test]
fn policy_rule_cannot_set_leave() {
    let policy = edit(POLICY, "mode = \"WFO\"", "mode = \"LEAVE\"");
    policy_error(&policy, "policy.toml:18:8", "cannot set LEAVE");
}

#[test]
fn policy_unknown_rotation_pattern() {
    let policy = edit(POLICY, "\"balanced\"", "\"zigzag\"");
    policy_error(
        &policy,
        "policy.toml:13:11",
        "unknown pattern `zigzag`: expected balanced, alternate-days or alternate-weeks",
    );
}

#[test]
fn policy_unknown_rotation_teams() {
    let policy = edit(
        POLICY,
        "\"balanced\"\n",
        "\"balanced\"\nteams = \"mixed\"\n",
    );
    policy_error(
        &policy,
        "policy.toml:14:9",
        "unknown teams `mixed`: expected spread, together or ignore",
    );
}

#[test]
fn policy_min_office_without_percent_sign() {
    let policy = edit(
        POLICY,
        "\"balanced\"\n",
        "\"balanced\"\nmin_office = \"25\"\n",
    );
    policy_error(
        &policy,
        "policy.toml:14:14",
        "`min_office` expects a whole number of people such as 1, or a percentage in quotes such as \"25%\"; found `\"25\"`",
    );
}

#[test]
fn policy_period_beyond_the_calendar() {
    let policy = edit(POLICY, "end = 2025-06-13", "end = 2027-01-08");
    policy_error(&policy, "policy.toml:6:12", "reaches 2027");
}

#[test]
fn policy_period_without_working_day() {
    let weekend = edit(POLICY, "start = 2025-06-02", "start = 2025-06-07");
    let policy = edit(&weekend, "end = 2025-06-13", "end = 2025-06-08");
    policy_error(&policy, "policy.toml:3:1", "has no working day");
}

#[test]
fn policy_missing_name() {
    let policy = edit(POLICY, "name = \"WFH 50% Uji\"", "# no name");
    policy_error(&policy, "policy.toml:1:1", "missing field `name`");
}

#[test]
fn policy_missing_split() {
    let policy = edit(POLICY, "[split]\nWFO = 50\nWFH = 50\n", "");
    policy_error(&policy, "policy.toml:1:1", "missing field `split`");
}

#[test]
fn policy_unknown_calendar() {
    let policy = edit(POLICY, "\"indonesia\"", "\"malaysia\"");
    policy_error(&policy, "policy.toml:6:12", "unknown calendar `malaysia`");
}

#[test]
fn policy_invalid_workday_name() {
    let workdays = "\"indonesia\"\nworkdays = [\"mon\", \"tue\", \"fry\"]";
    let policy = edit(POLICY, "\"indonesia\"", workdays);
    policy_error(&policy, "policy.toml:7:27", "unknown weekday `fry`");
}

#[test]
fn policy_duplicate_workday() {
    let workdays = "\"indonesia\"\nworkdays = [\"mon\", \"tue\", \"Mon\"]";
    let policy = edit(POLICY, "\"indonesia\"", workdays);
    policy_error(&policy, "policy.toml:7:27", "`Mon` is listed twice");
}

// ---- staff file (SPEC §3, §9 "Staff headers", "Staff `mode`") ----

#[test]
fn staff_missing_required_column() {
    let staff = edit(STAFF, "nip,name,unit,role", "nip,nama,unit kerja,golongan");
    let run = fails(POLICY, staff, None);
    assert_reported(
        &run,
        "error",
        "staff.csv:1",
        "missing required column `role`",
    );
    assert!(
        run.stderr.contains("nip, nama, unit kerja, golongan"),
        "the headers found: {}",
        run.stderr
    );
}

/// A header row too wide to list whole (a SIASN export with every column): the error names
/// the first headers, then how many more there are, in the language asked for.
#[test]
fn staff_missing_column_lists_a_screenful_of_headers_then_how_many_more() {
    let headers: Vec<String> = (1..=60).map(|n| format!("KOLOM {n}")).collect();
    let staff = format!(
        "nip,nama,unit,{}\n199001012015011001,Ani,Dinas A\n",
        headers.join(",")
    );
    let run = fails(POLICY, &staff, None);
    assert_reported(
        &run,
        "error",
        "staff.csv:1",
        "missing required column `role`",
    );
    assert!(
        run.stderr.contains("nip, nama, unit, KOLOM 1, KOLOM 2,")
            && run.stderr.contains("… and 23 more (63 in all)"),
        "{}",
        run.stderr
    );
    let (_, run) = plan(POLICY, &staff, None, &["--lang", "id"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kesalahan: staff.csv:1: kolom wajib `role`")
            && run.stderr.contains("… dan 23 lainnya (63 seluruhnya)"),
        "{}",
        run.stderr
    );
}

/// Two NIPs that differed only in their last three digits, both cut to `…000` by a
/// spreadsheet: not a plain duplicate but a cut NIP, saying why it looks cut (the earlier
/// line) and how to get whole NIPs, in either language.
#[test]
fn staff_duplicate_cut_nips_say_why_and_how_to_fix() {
    let staff = edit(STAFF, "199001012015011001", "199001012015011000");
    let staff = edit(&staff, "199001012015011002", "199001012015011000");
    let run = fails(POLICY, &staff, None);
    assert_reported(
        &run,
        "error",
        "staff.csv:3",
        "NIP 199001012015011000 lost its last three digits to a spreadsheet (it ends in 000, and line 2 has the same NIP). Every NIP of the file is suspect",
    );
    let (_, run) = plan(POLICY, &staff, None, &["--lang", "id"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_reported(
        &run,
        "kesalahan",
        "staff.csv:3",
        "tiga digit terakhir NIP 199001012015011000 hilang",
    );
    assert!(
        run.stderr
            .contains("NIP ini berakhir 000, dan baris 2 memuat NIP yang sama")
            && run
                .stderr
                .contains("Semua NIP di berkas ini patut diragukan"),
        "{}",
        run.stderr
    );
}

#[test]
fn staff_empty_nip() {
    let staff = edit(STAFF, "199001012015011002,Budi", ",Budi");
    staff_error(staff, "staff.csv:3", "empty NIP");
}

#[test]
fn staff_empty_name() {
    let staff = edit(STAFF, ",Citra,", ",,");
    staff_error(staff, "staff.csv:4", "empty name");
}

#[test]
fn staff_empty_unit() {
    let staff = edit(STAFF, ",Dedi,Dinas B,", ",Dedi,,");
    staff_error(staff, "staff.csv:5", "empty unit");
}

#[test]
fn staff_duplicate_nip_names_both_lines() {
    let staff = edit(STAFF, "199001012015011004", "199001012015011002");
    let run = fails(POLICY, staff, None);
    assert_reported(
        &run,
        "error",
        "staff.csv:5",
        "duplicate NIP 199001012015011002",
    );
    assert_reported(&run, "error", "staff.csv:5", "line 3");
}

#[test]
fn staff_unknown_mode() {
    let staff = "nip,name,unit,role,mode\n\
                 199001012015011001,Ani,Dinas A,Bendahara,WFO\n\
                 199001012015011002,Budi,Dinas A,Staf,\n\
                 199001012015011003,Citra,Dinas B,Staf,WFX\n";
    staff_error(staff, "staff.csv:4", "unknown mode `WFX`");
}

#[test]
fn staff_mode_leave_is_refused() {
    let staff = "nip,name,unit,role,mode\n\
                 199001012015011001,Ani,Dinas A,Bendahara,wfo\n\
                 199001012015011002,Budi,Dinas A,Staf,leave\n";
    staff_error(staff, "staff.csv:3", "leave file");
}

#[test]
fn staff_invalid_utf8() {
    let windows_1252 = edit_bytes(STAFF, "Citra", b"Jos\xe9");
    staff_error(windows_1252, "staff.csv:4", "not valid UTF-8");
    let stray_byte = edit_bytes(STAFF, "Dedi", b"\xff");
    staff_error(stray_byte, "staff.csv:5", "not valid UTF-8");
}

#[test]
fn staff_ragged_row() {
    let staff = edit(STAFF, "Citra,Dinas B,Staf", "Citra,Dinas B");
    staff_error(staff, "staff.csv:4", "3 cells but the header has 4");
}

#[test]
fn staff_two_columns_for_one_field() {
    let staff = "NIP,NIP Baru,name,unit,role\n\
                 1,199001012015011001,Ani,Dinas A,Bendahara\n";
    staff_error(
        staff,
        "staff.csv:1",
        "`NIP` (column 1) and `NIP Baru` (column 2)",
    );
}

#[test]
fn staff_empty_file() {
    // SPEC §3 lists no line for this one; the file name and the reason are enough.
    let run = fails(POLICY, "", None);
    assert!(
        run.stderr.contains("error: staff.csv") && run.stderr.contains("empty"),
        "{}",
        run.stderr
    );
}

#[test]
fn staff_header_only() {
    let run = fails(POLICY, "nip,name,unit,role\n", None);
    assert!(
        run.stderr.contains("error: staff.csv") && run.stderr.contains("no person"),
        "{}",
        run.stderr
    );
}

// ---- leave file (SPEC §3, §9 "Leave") ----

#[test]
fn leave_nip_not_in_staff() {
    // Someone who left: a warning (issue 22, item 27), an error only under --strict.
    let leave = format!("{LEAVE}199001012015011009,2025-06-03,2025-06-04,cuti\n");
    let (_, run) = plan(POLICY, STAFF, Some(&leave), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: leave.csv:3: NIP 199001012015011009 is not in the staff file (someone who left?)"
        ),
        "{}",
        run.stderr
    );
    let (_, run) = plan(POLICY, STAFF, Some(&leave), &["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn leave_from_after_to() {
    let leave = format!("{LEAVE}199001012015011003,2025-06-05,2025-06-04,cuti\n");
    leave_error(
        &leave,
        "leave.csv:3",
        "`to` (2025-06-04) is before `from` (2025-06-05)",
    );
}

#[test]
fn leave_bad_date() {
    let leave = format!("{LEAVE}199001012015011003,2025-06-31,2025-07-04,cuti\n");
    leave_error(&leave, "leave.csv:3", "`from` is `2025-06-31`");
}

#[test]
fn leave_missing_column() {
    let leave = "nip,from,type\n199001012015011002,2025-06-03,cuti\n";
    let run = fails(POLICY, STAFF, Some(leave));
    assert_reported(&run, "error", "leave.csv:1", "missing required column `to`");
    assert!(run.stderr.contains("nip, from, type"), "{}", run.stderr);
}

// ---- what must not fail ----

#[test]
fn spreadsheet_export_reads_like_a_clean_file() {
    // Semicolons, BOM, CRLF, Indonesian headers, padding, shuffled rows and Excel's
    // trailing `;;;;` rows: the same people, so the same roster byte for byte (SPEC §9).
    let export = "\u{feff}NIP;Nama;Unit Kerja;Jabatan;Bidang\r\n\
                  199001012015011004; Dedi ;Dinas  B;Staf;\r\n\
                  199001012015011001;Ani;Dinas A;Bendahara;Keuangan\r\n\
                  199001012015011003;Citra;Dinas B;Staf;\r\n\
                  199001012015011002;Budi;Dinas A;Staf;Umum\r\n\
                  ;;;;\r\n\
                  ;;;;\r\n";
    let clean = "nip,name,unit,role,team\n\
                 199001012015011001,Ani,Dinas A,Bendahara,Keuangan\n\
                 199001012015011002,Budi,Dinas A,Staf,Umum\n\
                 199001012015011003,Citra,Dinas B,Staf,\n\
                 199001012015011004,Dedi,Dinas B,Staf,\n";
    let (w, run) = plan(POLICY, export, None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (w_clean, run_clean) = plan(POLICY, clean, None, &[]);
    assert_eq!(run_clean.code, 0, "{}", run_clean.stderr);
    assert_eq!(w.read("roster.csv"), w_clean.read("roster.csv"));
    assert!(
        w.read("roster.csv")
            .contains(",199001012015011001,Ani,Dinas A,Keuangan,Bendahara,WFO,,")
    );
}

#[test]
fn crlf_blank_line_is_skipped() {
    let staff = STAFF.replace('\n', "\r\n") + "\r\n";
    let (w, run) = plan(POLICY, staff, None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(w.read("roster.csv").lines().count(), 33);
}

#[test]
fn short_nip_is_a_warning_and_strict_makes_it_an_error() {
    let staff = edit(STAFF, "199001012015011003", "12345");
    let (w, run) = plan(POLICY, &staff, None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_reported(
        &run,
        "warning",
        "staff.csv:4",
        "NIP `12345` is not 18 digits",
    );
    assert!(w.exists("roster.csv"));

    let (w, run) = plan(POLICY, &staff, None, &["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_reported(&run, "warning", "staff.csv:4", "not 18 digits");
    assert!(run.stderr.contains("--strict"), "{}", run.stderr);
    assert!(!w.exists("roster.csv"));
}

#[test]
fn rule_matching_nobody_is_a_warning() {
    let policy = edit(POLICY, "[\"bendahara\"]", "[\"bendahar\"]");
    let (w, run) = plan(&policy, STAFF, None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The typo is named, with the role it was probably meant to be.
    assert_reported(
        &run,
        "warning",
        "policy.toml:16",
        "rule `Bendahara di kantor` matches nobody (a typo?): no role in the staff file matches \"bendahar\" (did you mean \"Bendahara\"?)",
    );
    assert!(w.exists("roster.csv"));
}

#[test]
fn failed_run_keeps_the_previous_roster() {
    let w = Workdir::new();
    w.write("policy.toml", edit(POLICY, "WFO = 50", "WFO = 60"));
    w.write("staff.csv", STAFF);
    w.write("roster.csv", "the previous roster\n");
    let run = w.roster(&["plan", "--policy", "policy.toml", "--staff", "staff.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(w.read("roster.csv"), "the previous roster\n");
}

// ---- usage ----

#[test]
fn out_over_the_staff_file_is_refused() {
    for out in ["staff.csv", "./staff.csv"] {
        let (w, run) = plan(POLICY, STAFF, None, &["--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains("--out"), "{}", run.stderr);
        assert_eq!(
            w.read("staff.csv"),
            STAFF,
            "--out {out} changed the staff file"
        );
    }
}
