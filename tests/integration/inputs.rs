//! Inputs as planners have them: workbooks (`.xlsx`) for staff, leave and rosters, the
//! workbook `plan --xlsx` wrote coming back, NIPs a spreadsheet damaged, and SIASN exports as
//! they come.

use crate::support::{Run, Workdir, plan_fixture, repo};
use rust_xlsxwriter::Workbook;
use std::ffi::OsString;

const POLICY: &str = "tests/fixtures/roundtrip/policy.toml";
const STAFF: &str = "tests/fixtures/roundtrip/staff.csv";

fn args(list: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    list.iter().map(|a| a.as_ref().to_owned()).collect()
}

/// `check` of `roster` against the round-trip fixture, with `extra` arguments.
fn check(w: &Workdir, roster: &str, extra: &[&str]) -> Run {
    let mut list = args(&[
        &"check",
        &"--policy",
        &repo(POLICY),
        &"--staff",
        &repo(STAFF),
        &"--roster",
        &roster,
    ]);
    list.extend(extra.iter().map(OsString::from));
    w.roster(&list)
}

/// The round-trip staff file's rows, without the header.
fn staff_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo(STAFF)).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

const STAFF_HEADER: [&str; 5] = ["NIP", "Nama", "Unit Kerja", "Jabatan", "Bidang"];

/// The round-trip staff as a workbook; `nip_as_number` stores the NIPs as numbers, as a
/// spreadsheet does when they are typed or pasted into a General column.
fn staff_workbook(w: &Workdir, name: &str, sheet: &str, nip_as_number: bool) {
    let mut book = Workbook::new();
    let first = book.add_worksheet();
    first.set_name(sheet).unwrap();
    for (col, h) in STAFF_HEADER.iter().enumerate() {
        first.write_string(0, col as u16, *h).unwrap();
    }
    for (row, cells) in (1u32..).zip(staff_rows()) {
        for (col, cell) in cells.iter().enumerate() {
            if col == 0 && nip_as_number {
                first
                    .write_number(row, 0, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                first.write_string(row, col as u16, cell).unwrap();
            }
        }
    }
    let notes = book.add_worksheet();
    notes.set_name("Catatan").unwrap();
    notes.write_string(0, 0, "diekspor dari SIMPEG").unwrap();
    book.save(w.path(name)).unwrap();
}

fn plan_with_staff(w: &Workdir, staff: &str, extra: &[&str]) -> Run {
    let mut list = args(&[
        &"plan",
        &"--policy",
        &repo(POLICY),
        &"--staff",
        &staff,
        &"-q",
    ]);
    list.extend(extra.iter().map(OsString::from));
    w.roster(&list)
}

#[test]
fn a_staff_workbook_plans_like_the_csv_and_sheet_picks_a_sheet() {
    let w = Workdir::new();
    // Named .csv on purpose: the content decides.
    staff_workbook(&w, "pegawai.csv", "Pegawai", false);
    let run = plan_with_staff(&w, "pegawai.csv", &["--out", "from-xlsx.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = plan_with_staff(
        &w,
        &repo(STAFF).display().to_string(),
        &["--out", "from-csv.csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(w.read("from-xlsx.csv"), w.read("from-csv.csv"));

    let run = plan_with_staff(&w, "pegawai.csv", &["--sheet", "pegawai", "--out", "s.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = plan_with_staff(&w, "pegawai.csv", &["--sheet", "Catatan"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("missing required column `nip`"),
        "{}",
        run.stderr
    );
    let run = plan_with_staff(&w, "pegawai.csv", &["--sheet", "Data"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("no sheet `Data` (--sheet); the workbook has: Pegawai, Catatan"),
        "{}",
        run.stderr
    );
    let run = plan_with_staff(&w, "pegawai.csv", &["--sheet", "Data", "--lang", "id"]);
    assert_eq!(
        run.stderr,
        "kesalahan: pegawai.csv: tidak ada lembar kerja `Data` (--sheet); lembar kerja yang ada: \
         Pegawai, Catatan\n"
    );
}

#[test]
fn a_nip_stored_as_a_number_is_refused_with_its_cell_and_the_fix() {
    let w = Workdir::new();
    staff_workbook(&w, "pegawai.xlsx", "Sheet1", true);
    let run = plan_with_staff(&w, "pegawai.xlsx", &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: pegawai.xlsx:Sheet1!A2: this NIP is stored as a number"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("export the file again with the NIP column as text (from SIASN")
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    // In Bahasa Indonesia, at the same cell.
    let id = plan_with_staff(&w, "pegawai.xlsx", &["--lang", "id"]);
    assert!(
        id.stderr
            .starts_with("kesalahan: pegawai.xlsx:Sheet1!A2: NIP ini tersimpan sebagai angka (1.9")
            && id
                .stderr
                .contains("ekspor ulang berkasnya dengan kolom NIP sebagai teks"),
        "{}",
        id.stderr
    );
}

#[test]
fn leave_in_a_workbook() {
    let w = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["NIP", "Dari", "Sampai", "Jenis Cuti"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "198609262015051001").unwrap();
    // A date cell, as a spreadsheet stores a typed date.
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 25).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(1, 1, &date, &format)
        .unwrap();
    sheet.write_string(1, 2, "26/03/2025").unwrap();
    sheet.write_string(1, 3, "Cuti Tahunan").unwrap();
    book.save(w.path("cuti.xlsx")).unwrap();
    let run = plan_with_staff(
        &w,
        &repo(STAFF).display().to_string(),
        &["--leave", "cuti.xlsx"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let leave: Vec<String> = w
        .read("roster.csv")
        .lines()
        .filter(|l| l.contains("198609262015051001") && l.contains(",LEAVE,"))
        .map(|l| l[..10].to_owned())
        .collect();
    assert_eq!(leave, ["2025-03-25", "2025-03-26"]);
}

#[test]
fn the_planned_workbook_comes_back_into_check_report_and_previous() {
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&[
        "--xlsx",
        "roster.xlsx",
        "--lang",
        "id",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = check(&w, "roster.xlsx", &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("0 violations"), "{}", run.stdout);

    // `report` needs the period to date `Sen 24/03`.
    let report = |extra: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut list = args(&[&"report", &"--by", &"unit", &"--format", &"csv"]);
        list.extend(args(extra));
        w.roster(&list)
    };
    let bare = report(&[&"--roster", &"roster.xlsx"]);
    assert_eq!(bare.code, 1);
    assert!(
        bare.stderr
            .contains("roster.xlsx:Jadwal!G1: day column `Sen 24/03`")
            && bare.stderr.contains("--policy"),
        "{}",
        bare.stderr
    );
    let from_book = report(&[&"--roster", &"roster.xlsx", &"--policy", &repo(POLICY)]);
    assert_eq!(from_book.code, 0, "{}", from_book.stderr);
    let from_csv = report(&[&"--roster", &"roster.csv"]);
    assert_eq!(from_book.stdout, from_csv.stdout);

    // The next fortnight continues from the workbook: the caps see its last days.
    let next = std::fs::read_to_string(repo(POLICY))
        .unwrap()
        .replace("start = 2025-03-24", "start = 2025-04-14")
        .replace("end = 2025-04-11", "end = 2025-04-25");
    w.write("next.toml", next);
    let run = w.roster(&args(&[
        &"plan",
        &"--policy",
        &"next.toml",
        &"--staff",
        &repo(STAFF),
        &"--previous",
        &"roster.xlsx",
        &"--out",
        &"next.csv",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Previous roster: 11 people"),
        "{}",
        run.stdout
    );
}

/// A NIP in scientific notation with a point (LibreOffice, Excel in English), with a comma
/// (Excel in Indonesian), or cut to 15 digits.
fn damaged(nip: &str, how: &str) -> String {
    match how {
        "point" => format!("{}.{}E+17", &nip[..1], nip[1..15].trim_end_matches('0')),
        "comma" => format!("\"{},{}E+17\"", &nip[..1], &nip[1..6]),
        _ => format!("{}000", &nip[..15]),
    }
}

const DAMAGE: [&str; 3] = ["point", "comma", "truncated"];

/// One error, naming what happened and the fix, in a few lines.
fn assert_one_damage_error(run: &Run, file: &str, how: &str) {
    assert_eq!(run.code, 1, "{how} in {file}: {}{}", run.stdout, run.stderr);
    let output = format!("{}{}", run.stdout, run.stderr);
    assert!(output.lines().count() < 10, "{how} in {file}: {output}");
    assert_eq!(output.matches("error:").count(), 1, "{output}");
    assert!(
        run.stderr.contains(&format!("error: {file}:")),
        "{how}: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("spreadsheet") && run.stderr.contains("import the NIP column as Text"),
        "{how}: {}",
        run.stderr
    );
}

/// The round-trip long roster with every NIP damaged `how`.
fn damaged_roster(w: &Workdir, how: &str) -> String {
    let planned = w.read("roster.csv");
    let mut out = String::new();
    for (i, line) in planned.lines().enumerate() {
        if i == 0 {
            out.push_str(line);
        } else {
            let (date, rest) = line.split_once(',').unwrap();
            let (nip, rest) = rest.split_once(',').unwrap();
            out.push_str(&format!("{date},{},{rest}", damaged(nip, how)));
        }
        out.push('\n');
    }
    out
}

#[test]
fn damaged_nips_in_a_staff_file_are_one_error() {
    for how in DAMAGE {
        let w = Workdir::new();
        let mut text = String::new();
        for (i, line) in std::fs::read_to_string(repo(STAFF))
            .unwrap()
            .lines()
            .enumerate()
        {
            match line.split_once(',') {
                Some((nip, rest)) if i > 0 => {
                    text.push_str(&format!("{},{rest}\n", damaged(nip, how)));
                }
                _ => text.push_str(&format!("{line}\n")),
            }
        }
        w.write("staff.csv", text);
        let run = plan_with_staff(&w, "staff.csv", &[]);
        assert_one_damage_error(&run, "staff.csv", how);
        assert!(run.stderr.contains("staff.csv:2:"), "{}", run.stderr);
    }
}

#[test]
fn damaged_nips_in_a_leave_file_are_one_error() {
    for how in DAMAGE {
        let w = Workdir::new();
        let nip = "198609262015051001";
        w.write(
            "leave.csv",
            format!("nip,from,to\n{},2025-03-25,2025-03-26\n", damaged(nip, how)),
        );
        let run = plan_with_staff(
            &w,
            &repo(STAFF).display().to_string(),
            &["--leave", "leave.csv"],
        );
        assert_one_damage_error(&run, "leave.csv", how);
    }
}

#[test]
fn damaged_nips_in_a_roster_are_one_error_not_a_violation_per_row() {
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for how in DAMAGE {
        w.write("damaged.csv", damaged_roster(&w, how));
        let run = check(&w, "damaged.csv", &[]);
        assert_one_damage_error(&run, "damaged.csv", how);
        assert!(run.stderr.contains("damaged.csv:2:"), "{}", run.stderr);
        // `report` has no staff list: every NIP ending in 000 gives truncation away.
        let run = w.roster(&["report", "--roster", "damaged.csv"]);
        assert_one_damage_error(&run, "damaged.csv", how);
    }
}

#[test]
fn damaged_nips_in_a_previous_roster_are_one_error() {
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let next = std::fs::read_to_string(repo(POLICY))
        .unwrap()
        .replace("start = 2025-03-24", "start = 2025-04-14")
        .replace("end = 2025-04-11", "end = 2025-04-25");
    w.write("next.toml", next);
    for how in DAMAGE {
        w.write("damaged.csv", damaged_roster(&w, how));
        let run = w.roster(&args(&[
            &"plan",
            &"--policy",
            &"next.toml",
            &"--staff",
            &repo(STAFF),
            &"--previous",
            &"damaged.csv",
            &"--out",
            &"next.csv",
        ]));
        assert_one_damage_error(&run, "damaged.csv", how);
    }
}

/// What a roster says, without the columns the two staff files write differently.
fn essence(roster: &str) -> Vec<String> {
    roster
        .lines()
        .map(|line| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            [0, 1, 3, 5, 6].map(|i| record[i].to_owned()).join(",")
        })
        .collect()
}

#[test]
fn the_siasn_export_plans_like_its_plain_twin() {
    let w = Workdir::new();
    let policy = repo("policies/tangsel-wfa-2025.toml");
    for (staff, out) in [
        ("examples/siasn-export.csv", "siasn.csv"),
        ("examples/siasn-export-plain.csv", "plain.csv"),
    ] {
        let run = w.roster(&args(&[
            &"plan",
            &"--policy",
            &policy,
            &"--staff",
            &repo(staff),
            &"--out",
            &out,
            &"-q",
        ]));
        assert!(run.code == 0 || run.code == 3, "{staff}: {}", run.stderr);
        assert!(run.stderr.is_empty(), "{staff}: {}", run.stderr);
    }
    let siasn = w.read("siasn.csv");
    assert_eq!(essence(&siasn), essence(&w.read("plain.csv")));
    // Titles joined around the name; no `null` and no `'` left.
    assert!(
        siasn.contains(",\"dr. Wawan Ahmad Kusnadi, MARS\","),
        "{}",
        &siasn[..300]
    );
    assert!(!siasn.contains("null") && !siasn.contains(",'"));
}

#[test]
fn columns_mapped_by_hand_win_on_the_command_line_then_in_the_policy() {
    let w = Workdir::new();
    w.write(
        "staff.csv",
        "NIP BARU,NAMA,UNOR NAMA,JABATAN NAMA,KANTOR\n\
         '198609262015051001,Andi,Bidang A,Staf,Dinas X\n\
         '198703142014032002,Siti,Bidang B,Staf,Dinas X\n\
         '199001052019031003,null,Bidang B,Staf,Dinas Y\n",
    );
    let policy = std::fs::read_to_string(repo(POLICY)).unwrap();
    w.write("policy.toml", &policy);
    let units = |w: &Workdir| -> Vec<String> {
        let mut units: Vec<String> = essence(&w.read("roster.csv"))
            .iter()
            .skip(1)
            .map(|l| l.split(',').nth(2).unwrap().to_owned())
            .collect();
        units.dedup();
        units
    };
    // `null` is an empty name.
    let run = w.roster(&[
        "plan",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "-q",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("staff.csv:4: empty name"),
        "{}",
        run.stderr
    );
    w.write("staff.csv", w.read("staff.csv").replace(",null,", ",Budi,"));
    let plan = |extra: &[&str]| {
        let mut list = vec![
            "plan",
            "--policy",
            "policy.toml",
            "--staff",
            "staff.csv",
            "-q",
        ];
        list.extend(extra);
        w.roster(&list)
    };
    let run = plan(&[]);
    assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
    assert!(units(&w).starts_with(&["Bidang A".to_owned()]));
    w.write(
        "policy.toml",
        format!("{policy}\n[staff.columns]\nunit = \"KANTOR\"\n"),
    );
    // The policy's mapping: the unit is KANTOR.
    let run = plan(&[]);
    assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
    assert!(
        units(&w).starts_with(&["Dinas X".to_owned()]),
        "{:?}",
        units(&w)
    );
    // The command line wins over the policy.
    let run = plan(&["--column", "unit=UNOR NAMA"]);
    assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
    assert!(units(&w).starts_with(&["Bidang A".to_owned()]));
    let run = plan(&["--column", "unit=SATKER"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no column `SATKER` (mapped to `unit`); the header has: NIP BARU, NAMA, UNOR NAMA, JABATAN NAMA, KANTOR"),
        "{}",
        run.stderr
    );
    let run = plan(&["--column", "kantor=X"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn an_export_without_a_unit_column_says_how_to_name_one() {
    let w = Workdir::new();
    w.write(
        "staff.csv",
        "NIP,Nama,Jabatan,Satker\n198609262015051001,A,Staf,Dinas X\n",
    );
    let run = plan_with_staff(&w, "staff.csv", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("missing required column `unit`")
            && run.stderr.contains("--column unit=\"HEADER\""),
        "{}",
        run.stderr
    );
}

#[test]
fn the_per_unit_workbooks_check_together() {
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&["--xlsx", "opd/{unit}.xlsx", "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut books: Vec<String> = std::fs::read_dir(w.path("opd"))
        .unwrap()
        .map(|e| format!("opd/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    books.sort();
    assert_eq!(books.len(), 2);
    let mut list = args(&[
        &"check",
        &"--policy",
        &repo(POLICY),
        &"--staff",
        &repo(STAFF),
        &"--roster",
    ]);
    list.extend(books.iter().map(OsString::from));
    let run = w.roster(&list);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("0 violations"), "{}", run.stdout);
}
