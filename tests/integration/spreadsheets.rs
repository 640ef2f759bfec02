//! For planners: the XLSX workbook, Excel-friendly CSV, Indonesian labels, completions and the
//! man page.

use crate::checker::read_roster;
use crate::support::{Workdir, plan_fixture, repo};
use calamine::{Data, Reader, Xlsx, open_workbook};

const POLICY: &str = "tests/fixtures/roundtrip/policy.toml";
const STAFF: &str = "tests/fixtures/roundtrip/staff.csv";

fn plan(w: &Workdir, extra: &[&str]) -> crate::support::Run {
    w.roster(&plan_fixture(extra))
}

#[test]
fn the_workbook_holds_every_cell_of_the_roster_and_nips_as_text() {
    let w = Workdir::new();
    // Hostile names stay text, too.
    let staff = std::fs::read_to_string(repo(STAFF))
        .unwrap()
        .replace("Budi Hartono", "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        .replace("Siti Rahmawati", "=1+1");
    w.write("staff.csv", staff);
    let run = w.roster(&[
        "plan",
        "--policy",
        repo(POLICY).to_str().unwrap(),
        "--staff",
        "staff.csv",
        "--xlsx",
        "roster.xlsx",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let long = read_roster(&w.path("roster.csv"));
    let mut book: Xlsx<_> = open_workbook(w.path("roster.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Roster", "Summary", "Legend"]);
    let sheet = book.worksheet_range("Roster").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<String> = rows[0]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    assert_eq!(
        &header[..6],
        ["NIP", "Name", "Unit", "Team", "Role", "Group"]
    );
    assert_eq!(header[6], "Mon 24/03");
    assert_eq!(
        &header[header.len() - 5..],
        ["WFO", "WFH", "WFA", "FIELD", "LEAVE"]
    );
    let dates: Vec<String> = long
        .rows
        .keys()
        .map(|(d, _)| d.to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(header.len(), 6 + dates.len() + 5);
    let mut cells = 0;
    for row in &rows[1..] {
        let Data::String(nip) = &row[0] else {
            panic!("NIP cell {:?} is not text", row[0]);
        };
        assert_eq!(nip.len(), 18);
        for (i, date) in dates.iter().enumerate() {
            let expected = &long.rows[&(date.parse().unwrap(), nip.clone())].0;
            assert_eq!(&row[6 + i].to_string(), expected, "{nip} {date}");
            cells += 1;
        }
        let counted: f64 = (0..5)
            .map(|k| match &row[6 + dates.len() + k] {
                Data::Float(f) => *f,
                other => panic!("count {other:?}"),
            })
            .sum();
        assert_eq!(counted as usize, dates.len());
    }
    assert_eq!(cells, long.rows.len());
    let names: Vec<String> = rows[1..].iter().map(|r| r[1].to_string()).collect();
    assert!(
        names
            .iter()
            .any(|n| n == "=1+1" || n.starts_with("=HYPERLINK")),
        "{names:?}"
    );
    let summary = book.worksheet_range("Summary").unwrap();
    let last = summary.rows().next_back().unwrap();
    assert_eq!(last[0].to_string(), "TOTAL");
    assert_eq!(last[1], Data::Float(11.0));
}

#[test]
fn the_workbook_speaks_indonesian_with_lang_id() {
    let w = Workdir::new();
    let run = plan(&w, &["--xlsx", "r.xlsx", "--lang", "id", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book: Xlsx<_> = open_workbook(w.path("r.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Jadwal", "Ringkasan", "Keterangan"]);
    let sheet = book.worksheet_range("Jadwal").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    assert_eq!(header[1], "Nama");
    assert_eq!(header[6], "Sen 24/03");
}

#[test]
fn excel_id_csv_has_bom_semicolons_and_crlf_and_checks_clean() {
    let w = Workdir::new();
    let run = plan(
        &w,
        &[
            "--csv-style",
            "excel-id",
            "--wide",
            "wide.csv",
            "--summary",
            "sum.csv",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["roster.csv", "wide.csv", "sum.csv"] {
        let bytes = std::fs::read(w.path(file)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{file}: no BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.lines().next().unwrap().contains(';'), "{file}");
        assert_eq!(
            text.matches('\n').count(),
            text.matches("\r\n").count(),
            "{file}: bare LF"
        );
    }
    for roster in ["roster.csv", "wide.csv"] {
        let check = w.roster(&[
            "check",
            "--policy",
            repo(POLICY).to_str().unwrap(),
            "--staff",
            repo(STAFF).to_str().unwrap(),
            "--roster",
            roster,
        ]);
        assert_eq!(check.code, 0, "{roster}: {}", check.stdout);
    }
    let run = plan(&w, &["--delimiter", "|", "--out", "pipe.csv", "-q"]);
    assert_eq!(run.code, 0);
    assert!(
        w.read("pipe.csv")
            .starts_with("date|nip|name|unit|team|role|mode|group|rule\n")
    );
    let run = plan(&w, &["--delimiter", "x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--delimiter 'x'"), "{}", run.stderr);
}

#[test]
fn summaries_in_both_languages() {
    let w = Workdir::new();
    for lang in ["en", "id"] {
        let run = plan(&w, &["--lang", lang, "--color", "never"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("summary_{lang}"), run.stdout);
    }
    let run = plan(&w, &["--color", "always"]);
    assert!(
        run.stdout.contains("\u{1b}["),
        "no colour with --color always"
    );
    let run = plan(&w, &[]);
    assert!(!run.stdout.contains("\u{1b}["), "colour into a pipe");
}

#[test]
fn completions_and_man_page() {
    let w = Workdir::new();
    for (shell, marker) in [
        ("bash", "_roster()"),
        ("zsh", "#compdef roster"),
        ("fish", "complete -c roster"),
    ] {
        let run = w.roster(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(
            run.stdout.contains(marker),
            "{shell}: {}",
            &run.stdout[..200.min(run.stdout.len())]
        );
        assert!(
            run.stdout.contains("previous"),
            "{shell} misses plan's options"
        );
    }
    let man = w.roster(&["man"]);
    assert_eq!(man.code, 0);
    w.write("roster.1", &man.stdout);
    let rendered = std::process::Command::new("man")
        .args(["-l", "roster.1"])
        .current_dir(w.path("."))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .expect("man runs");
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(text.contains("roster"), "{text}");
    assert!(text.contains("calendar"), "{text}");
}

/// The workbook's printed page header names the policy and its period as the language writes
/// it: ISO in English, `28 Agu–27 Okt 2023` in Indonesian, as the summary does.
#[test]
fn the_workbook_print_header_writes_the_period_in_the_language_asked() {
    let header = |lang: &str| {
        let w = crate::support::Workdir::new();
        let run = w.plan_example(&["--xlsx", "r.xlsx", "-q", "--lang", lang]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let file = std::fs::File::open(w.path("r.xlsx")).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut headers = String::new();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            if part.name().unwrap().starts_with("xl/worksheets/") {
                let mut xml = String::new();
                std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
                if let Some(at) = xml.find("<oddHeader>") {
                    headers.push_str(&xml[at..xml[at..].find("</oddHeader>").unwrap() + at]);
                }
            }
        }
        headers
    };
    let en = header("en");
    assert!(en.contains("— 2023-08-28..2023-10-27"), "{en}");
    let id = header("id");
    assert!(id.contains("— 28 Agu–27 Okt 2023"), "{id}");
}
