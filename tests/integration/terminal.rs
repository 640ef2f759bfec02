//! The summary as people see it in a terminal: it fits the window, and a province's
//! thousand units do not scroll past.

use crate::support::{Workdir, repo};
use std::process::Command;

fn plan_at(w: &Workdir, columns: Option<&str>, lang: &str, staff: &str) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_roster"));
    command
        .args(["plan", "--policy"])
        .arg(repo("policies/tangsel-wfh-2023.toml"))
        .arg("--staff")
        .arg(staff)
        .args(["--out", "/dev/null", "--lang", lang])
        .current_dir(w.path("."))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_summary_fits_80_and_120_columns_in_both_languages() {
    let w = Workdir::new();
    let staff = repo("examples/staff-kota-contoh.csv");
    for lang in ["en", "id"] {
        for columns in ["80", "120"] {
            let text = plan_at(&w, Some(columns), lang, staff.to_str().unwrap());
            assert!(
                widest(&text) <= columns.parse().unwrap(),
                "{lang} at {columns}:\n{text}"
            );
            insta::assert_snapshot!(format!("summary_{lang}_{columns}"), text);
        }
    }
    // Without a terminal or COLUMNS, every column.
    let full = plan_at(&w, None, "en", staff.to_str().unwrap());
    assert!(full.contains("Achieved remote, rotating"));
    assert!(!full.contains("Columns left out"));
}

/// In a real pseudo-terminal 100 columns wide (util-linux `script`), no line of the summary
/// is longer than the window.
#[test]
fn in_a_100_column_terminal_no_line_wraps() {
    if !crate::support::tool("script", "bsdutils") {
        return;
    }
    let w = Workdir::new();
    let command = format!(
        "stty cols 100 rows 50; {} plan --policy {} --staff {} --out /dev/null --color never",
        env!("CARGO_BIN_EXE_roster"),
        repo("policies/tangsel-wfh-2023.toml").display(),
        repo("examples/staff-kota-contoh.csv").display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(w.path("."))
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(text.contains("┌"), "no table:\n{text}");
    assert!(
        widest(&text) <= 100,
        "a line is wider than 100 columns:\n{text}"
    );
}

#[test]
fn past_forty_units_the_terminal_gets_the_problems_and_the_largest() {
    let w = Workdir::new();
    let mut staff = String::from("nip,name,unit,role\n");
    for unit in 0..60 {
        // Unit u has u % 7 + 2 people.
        for person in 0..(unit % 7 + 2) {
            staff.push_str(&format!(
                "1990010120200{unit:02}{person:03},Pegawai {unit}-{person},Unit {unit:02},Staf\n"
            ));
        }
    }
    w.write("staff.csv", staff);
    let text = plan_at(&w, Some("120"), "en", "staff.csv");
    let rows = (text.lines())
        .filter(|l| {
            l.starts_with("│ Unit ") && l.chars().nth(7).is_some_and(|c| c.is_ascii_digit())
        })
        .count();
    assert_eq!(rows, 30, "{text}");
    assert!(text.contains("│ TOTAL"), "{text}");
    assert!(
        text.contains("30 of 60 units shown: those with problems, then the largest."),
        "{text}"
    );
    let notes = text.replace('\n', " ");
    assert!(
        notes.contains("Write the full table with --summary FILE."),
        "{text}"
    );
    // The largest units (8 people: units 6, 13, 20, ...) are among them.
    assert!(text.contains("│ Unit 06 "), "{text}");
    assert!(!text.contains("│ Unit 07 "), "{text}");
}
