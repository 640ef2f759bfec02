//! Rosters through a real spreadsheet: LibreOffice headless (`soffice`, Debian's
//! `libreoffice-calc`, which `.ci/run` installs) opens what `roster` wrote and saves it again,
//! and `roster` reads the result back.

use crate::support::{Workdir, plan_fixture, repo};
use std::path::{Path, PathBuf};
use std::process::Command;

const POLICY: &str = "tests/fixtures/roundtrip/policy.toml";
const STAFF: &str = "tests/fixtures/roundtrip/staff.csv";

/// Whether `soffice` is here; under CI its absence fails the test.
pub fn soffice() -> bool {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs soffice: .ci/run installs libreoffice-calc"
        );
        eprintln!("soffice is not installed: this spreadsheet round trip did not run");
    }
    found
}

/// Opens `file` in LibreOffice and saves it as `to` (a filter such as `csv` or
/// `csv:"Text - txt - csv (StarCalc)":44,34,76`) into `dir`; `infilter` says how to read a
/// CSV input. Returns the saved file.
pub fn convert(w: &Workdir, file: &Path, infilter: Option<&str>, to: &str, dir: &str) -> PathBuf {
    let mut command = Command::new("soffice");
    // A profile of its own, so that tests running at once do not share one.
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            w.path("lo-profile").display()
        ))
        .arg("--headless");
    if let Some(infilter) = infilter {
        command.arg(format!("--infilter={infilter}"));
    }
    let out = command
        .args(["--convert-to", to, "--outdir"])
        .arg(w.path(dir))
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let extension = to.split(':').next().unwrap();
    let saved = w
        .path(dir)
        .join(file.file_stem().unwrap())
        .with_extension(extension);
    assert!(
        saved.exists(),
        "soffice wrote nothing: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    saved
}

#[test]
fn an_excel_id_roster_saved_by_libreoffice_keeps_every_nip() {
    if !soffice() {
        return;
    }
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&["--csv-style", "excel-id", "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Opened as Excel-id CSV (`;`, UTF-8) and saved as LibreOffice's own CSV.
    let saved = convert(
        &w,
        &w.path("roster.csv"),
        Some("CSV:59,34,76,1"),
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "saved",
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    let nips: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().trim_matches('"'))
        .collect();
    assert_eq!(nips.len(), 11 * 8);
    assert!(
        nips.iter()
            .all(|n| n.len() == 18 && n.bytes().all(|b| b.is_ascii_digit())),
        "NIPs damaged: {:?}",
        &nips[..3]
    );
    let check = w.roster(&[
        "check".as_ref(),
        "--policy".as_ref(),
        repo(POLICY).as_os_str(),
        "--staff".as_ref(),
        repo(STAFF).as_os_str(),
        "--roster".as_ref(),
        saved.as_os_str(),
    ]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.starts_with("0 violations"), "{}", check.stdout);
}

/// Every working day of every unit prints next to the unit's names, and every page of the
/// roster names its unit and holds days: the workbook printed to PDF by LibreOffice, read
/// back page by page. The summary prints whole: no heading cut, shares as percentages.
#[test]
fn the_printed_workbook_shows_every_working_day_next_to_the_names() {
    if !soffice() || !crate::support::tool("pdftotext", "poppler-utils") {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&["--xlsx", "roster.xlsx", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = convert(&w, &w.path("roster.xlsx"), None, "pdf", "printed");
    // Each unit's NIPs and the heading of every working day, from the long roster. A day's
    // heading wraps: the weekday over the date.
    let mut unit_of = std::collections::BTreeMap::new();
    let mut days = std::collections::BTreeSet::new();
    let mut reader = csv::Reader::from_path(w.path("roster.csv")).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        unit_of.insert(r[1].to_owned(), r[3].to_owned());
        let date: chrono::NaiveDate = r[0].parse().unwrap();
        days.insert(date.format("%d/%m").to_string());
    }
    let mut printed: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    // The roster sheet's pages carry the policy and period at the top (the summary and
    // legend sheets follow them).
    let title = "WFH 50% ASN Pemkot Tangerang Selatan — 2023-08-28..2023-10-27";
    let all = crate::support::pdf_pages(&pdf);
    let pages: Vec<&String> = all.iter().filter(|p| p.contains(title)).collect();
    assert!(!pages.is_empty(), "no page has the print title:\n{all:?}");
    for page in &pages {
        let units: std::collections::BTreeSet<&String> = page
            .split_whitespace()
            .filter_map(|word| unit_of.get(word))
            .collect();
        assert!(!units.is_empty(), "a page without names:\n{page}");
        assert_eq!(units.len(), 1, "a page holds several units: {units:?}");
        let unit = units.into_iter().next().unwrap();
        // The unit column is repeated on every page, so the page names its unit.
        assert!(page.contains(unit.as_str()), "{unit} not named:\n{page}");
        let on_page: Vec<&String> = days.iter().filter(|d| page.contains(d.as_str())).collect();
        assert!(!on_page.is_empty(), "a page without days:\n{page}");
        printed
            .entry(unit.clone())
            .or_default()
            .extend(on_page.into_iter().cloned());
    }
    let all_units: std::collections::BTreeSet<&String> = unit_of.values().collect();
    assert_eq!(printed.len(), all_units.len());
    for (unit, seen) in &printed {
        let missing: Vec<&String> = days.difference(seen).collect();
        assert!(
            missing.is_empty(),
            "{unit}: days never printed next to its names: {missing:?}"
        );
    }
    // 44 working days: four pages across for each 30 people of a unit at most (it was eleven
    // for the smallest unit).
    let mut sizes: std::collections::BTreeMap<&String, usize> = Default::default();
    for unit in unit_of.values() {
        *sizes.entry(unit).or_default() += 1;
    }
    let bound: usize = sizes.values().map(|n| 4 * n.div_ceil(30)).sum();
    assert!(
        pages.len() <= bound,
        "{} pages, at most {bound}",
        pages.len()
    );
    // The summary sheet on one page wide: every heading whole, beside the figures.
    let summary: Vec<&String> = all.iter().filter(|p| p.contains("TOTAL")).collect();
    assert_eq!(summary.len(), 1, "{summary:#?}");
    let summary = summary[0];
    for heading in [
        "Staff",
        "Rotating",
        "Office min",
        "Office max",
        "Fairness",
        "Problems",
    ] {
        assert!(summary.contains(heading), "{heading} cut:\n{summary}");
    }
    assert!(
        summary.contains("18.7%"),
        "shares as percentages:\n{summary}"
    );
    for page in &all {
        assert!(
            !page.contains("roblems") || page.contains("Problems"),
            "a cut heading:\n{page}"
        );
    }
}

/// A unit's own workbook names the unit at the top of every printed page, and the
/// 9-person kelurahan's 44 working days print on four pages.
#[test]
fn a_units_workbook_names_the_unit_on_every_printed_page() {
    if !soffice() || !crate::support::tool("pdftotext", "poppler-utils") {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&["--xlsx", "opd/{unit}.xlsx", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = convert(
        &w,
        &w.path("opd/Kelurahan Sukamaju.xlsx"),
        None,
        "pdf",
        "printed",
    );
    let all = crate::support::pdf_pages(&pdf);
    let roster: Vec<&String> = all.iter().filter(|p| p.contains("2023-08-28..")).collect();
    assert!(!roster.is_empty() && roster.len() <= 4, "{roster:#?}");
    for page in &roster {
        let first = page.lines().find(|l| !l.trim().is_empty()).unwrap();
        assert!(first.contains("Kelurahan Sukamaju"), "{page}");
    }
    // The first page holds days, not only the names.
    assert!(roster[0].contains("28/08"), "{}", roster[0]);
}

/// The first `from` mode cell of the row holding `nip` in a flat ODS file, set to `to`. A cell
/// LibreOffice wrote once for several columns (`table:number-columns-repeated`) is split, so
/// that only the first of them changes.
fn edit_first_mode(fods: &str, nip: &str, from: &str, to: &str) -> String {
    let row = fods
        .find(&format!("<text:p>{nip}</text:p>"))
        .expect("the NIP's row");
    let row_end = row + fods[row..].find("</table:table-row>").unwrap();
    let text = row
        + fods[row..row_end]
            .find(&format!("<text:p>{from}</text:p>"))
            .expect("a mode cell to edit");
    let start = fods[..text].rfind("<table:table-cell").unwrap();
    let close = "</table:table-cell>";
    let end = text + fods[text..].find(close).unwrap() + close.len();
    let cell = &fods[start..end];
    let edited = cell.replace(
        &format!("<text:p>{from}</text:p>"),
        &format!("<text:p>{to}</text:p>"),
    );
    let attribute = "table:number-columns-repeated=\"";
    let replacement = match cell.find(attribute) {
        None => edited,
        Some(at) => {
            let digits = &cell[at + attribute.len()..];
            let n: usize = digits[..digits.find('"').unwrap()].parse().unwrap();
            let repeated = format!("{attribute}{n}\"");
            let rest = if n == 2 {
                cell.replace(&format!(" {repeated}"), "")
            } else {
                cell.replace(&repeated, &format!("{attribute}{}\"", n - 1))
            };
            edited.replace(&format!(" {repeated}"), "") + &rest
        }
    };
    format!("{}{replacement}{}", &fods[..start], &fods[end..])
}

/// The workbook `plan --xlsx` writes, opened in LibreOffice, one mode cell edited to break a
/// guarantee, saved as .xlsx and as CSV: `check` finds exactly that violation in both.
#[test]
fn an_edited_workbook_saved_by_libreoffice_comes_back_into_check() {
    if !soffice() {
        return;
    }
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&["--xlsx", "roster.xlsx", "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fods = convert(&w, &w.path("roster.xlsx"), None, "fods", "flat");
    let text = std::fs::read_to_string(&fods).unwrap();
    // The treasurer, whom a rule keeps in the office, works from home on the first day.
    let edited = edit_first_mode(&text, "198703142014032002", "WFO", "WFH");
    assert_ne!(edited, text);
    let fods = w.write("edited.fods", edited);
    let xlsx = convert(&w, &fods, None, "xlsx", "back");
    let csv = convert(
        &w,
        &fods,
        None,
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "back",
    );
    for saved in [xlsx, csv] {
        let check = w.roster(&[
            "check".as_ref(),
            "--policy".as_ref(),
            repo(POLICY).as_os_str(),
            "--staff".as_ref(),
            repo(STAFF).as_os_str(),
            "--roster".as_ref(),
            saved.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]);
        assert_eq!(
            check.code,
            3,
            "{}: {}{}",
            saved.display(),
            check.stdout,
            check.stderr
        );
        let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
        assert_eq!(report["violation_count"], 1, "{}", check.stdout);
        let violation = &report["violations"][0];
        assert_eq!(violation["guarantee"], 2, "{}", check.stdout);
        assert_eq!(violation["nip"], "198703142014032002");
        assert_eq!(violation["dates"], "2025-03-24");
    }
    // Untouched and saved again by LibreOffice, as .xlsx, .ods or .xls, it checks clean.
    for format in ["xlsx", "ods", "xls:MS Excel 97"] {
        let again = convert(&w, &w.path("roster.xlsx"), None, format, "again");
        let check = w.roster(&[
            "check".as_ref(),
            "--policy".as_ref(),
            repo(POLICY).as_os_str(),
            "--staff".as_ref(),
            repo(STAFF).as_os_str(),
            "--roster".as_ref(),
            again.as_os_str(),
        ]);
        assert_eq!(check.code, 0, "{format}: {}{}", check.stdout, check.stderr);
        assert!(check.stdout.starts_with("0 violations"), "{}", check.stdout);
    }
}
