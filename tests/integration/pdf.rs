//! The `--pdf` roster, read back with poppler (`pdftotext -layout`, `pdftoppm`; Debian's
//! `poppler-utils`, which `.ci/run` installs): every person and working day of a unit on that
//! unit's pages and no other's, rows whole with the roster's codes, the signature block on
//! the unit's last page, page counts, Indonesian words, the `[print]` table, nothing drawn
//! off the page.

use crate::support::{Workdir, pdf_pages, repo, tool};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// The long roster as the tests need it: per unit, its people (NIP to name) and, per
/// (date, NIP), the mode.
#[derive(Default)]
struct Roster {
    units: BTreeMap<String, BTreeMap<String, String>>,
    modes: BTreeMap<(NaiveDate, String), String>,
    days: BTreeSet<NaiveDate>,
}

fn read_roster(path: &Path) -> Roster {
    let mut reader = csv::Reader::from_path(path).expect("open roster");
    let mut roster = Roster::default();
    for record in reader.records() {
        let r = record.expect("row");
        let date: NaiveDate = r[0].parse().expect("date");
        roster
            .units
            .entry(r[3].to_owned())
            .or_default()
            .insert(r[1].to_owned(), r[2].to_owned());
        roster
            .modes
            .insert((date, r[1].to_owned()), r[6].to_owned());
        roster.days.insert(date);
    }
    roster
}

fn poppler() -> bool {
    tool("pdftotext", "poppler-utils") && tool("pdftoppm", "poppler-utils")
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One page as read back: its unit, its text, and its month blocks.
#[derive(Debug)]
struct PageText {
    unit: String,
    text: String,
    blocks: Vec<BlockText>,
}

/// A month block as read back: the days of its headings, and each row's NIP and line.
#[derive(Debug, Default)]
struct BlockText {
    days: Vec<NaiveDate>,
    rows: Vec<(String, String)>,
}

fn is_nip(token: &str) -> bool {
    token.len() == 18 && token.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a page of the English PDF: the `Unit:` line, and under each month title the day
/// numbers of the heading row (`No. NIP Name Role 1 4 5 …`) and the rows that follow.
fn read_page(text: &str, unit_label: &str, number_label: &str, months: &[&str; 12]) -> PageText {
    let mut unit = None;
    let mut blocks: Vec<BlockText> = Vec::new();
    let mut month: Option<(i32, u32)> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix(unit_label) {
            assert!(unit.is_none(), "two units on one page:\n{text}");
            unit = Some(name.trim().to_owned());
            continue;
        }
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        if let [name, year, ..] = words.as_slice()
            && let Some(m) = months.iter().position(|m| m == name)
            && let Ok(year) = year.parse::<i32>()
            && words.len() <= 3
        {
            month = Some((year, m as u32 + 1));
            continue;
        }
        if words.first() == Some(&number_label) {
            let (year, m) = month.expect("a month title above the day headings");
            let days = words
                .iter()
                .rev()
                .map_while(|w| w.parse::<u32>().ok())
                .map(|d| NaiveDate::from_ymd_opt(year, m, d).expect("a day of the month"))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            blocks.push(BlockText {
                days,
                rows: Vec::new(),
            });
            continue;
        }
        if let Some(nip) = words.iter().find(|w| is_nip(w)) {
            let block = blocks.last_mut().expect("rows under a heading");
            block.rows.push((nip.to_string(), trimmed.to_owned()));
        }
    }
    PageText {
        unit: unit.unwrap_or_else(|| panic!("no unit named on the page:\n{text}")),
        text: text.to_owned(),
        blocks,
    }
}

fn code(mode: &str) -> &'static str {
    match mode {
        "WFO" => "O",
        "WFH" => "H",
        "WFA" => "A",
        "FIELD" => "F",
        "LEAVE" => "L",
        other => panic!("mode {other}"),
    }
}

#[test]
fn every_person_and_working_day_of_a_unit_is_on_its_pages_only_in_whole_rows() {
    if !poppler() {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&["--pdf", "roster.pdf", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = read_roster(&w.path("roster.csv"));
    let pages: Vec<PageText> = pdf_pages(&w.path("roster.pdf"))
        .iter()
        .map(|p| read_page(p, "Unit:", "No.", &MONTHS_EN))
        .collect();
    let mut seen_units = Vec::new();
    for (unit, people) in &roster.units {
        let own: Vec<&PageText> = pages.iter().filter(|p| &p.unit == unit).collect();
        assert!(!own.is_empty(), "{unit} has no page");
        seen_units.push(unit.clone());
        let mut days = BTreeSet::new();
        let mut rows_per_person: BTreeMap<&str, usize> = BTreeMap::new();
        for page in &own {
            for block in &page.blocks {
                let block_days = &block.days;
                days.extend(block_days.iter().copied());
                for (nip, line) in &block.rows {
                    let name = people
                        .get(nip)
                        .unwrap_or_else(|| panic!("{nip} of another unit on {unit}'s page"));
                    // A whole row: the name, then one code per day of the block, the roster's.
                    let first_name = name.split([' ', ',']).next().unwrap();
                    assert!(line.contains(first_name), "{line} lacks {name}");
                    let codes: Vec<&str> = line
                        .split_whitespace()
                        .rev()
                        .take(block_days.len())
                        .collect();
                    let expected: Vec<&str> = block_days
                        .iter()
                        .rev()
                        .map(|d| code(&roster.modes[&(*d, nip.clone())]))
                        .collect();
                    assert_eq!(codes, expected, "{unit}: {line}");
                    *rows_per_person
                        .entry(people.get_key_value(nip).unwrap().0)
                        .or_default() += 1;
                }
            }
        }
        assert_eq!(days, roster.days, "{unit}: the working days");
        let months = roster
            .days
            .iter()
            .map(|d| (d.year(), d.month()))
            .collect::<BTreeSet<_>>()
            .len();
        for nip in people.keys() {
            assert_eq!(
                rows_per_person.get(nip.as_str()),
                Some(&months),
                "{unit}: {nip}"
            );
        }
        // The signature block ends the unit, on its last page only.
        let last = own.last().unwrap();
        assert!(last.text.contains("Acknowledged,"), "{}", last.text);
        assert!(
            last.text.contains(&format!("Head of {unit}")),
            "{}",
            last.text
        );
        for page in &own[..own.len() - 1] {
            assert!(!page.text.contains("Acknowledged,"), "{}", page.text);
        }
    }
    assert_eq!(seen_units.len(), roster.units.len());
    // Page n of m on each page, in order.
    for (i, page) in pages.iter().enumerate() {
        let footer = format!("Page {} of {}", i + 1, pages.len());
        assert!(page.text.contains(&footer), "{footer}:\n{}", page.text);
        assert!(page.text.contains("WFH 50% ASN Pemkot Tangerang Selatan"));
        assert!(page.text.contains("Basis: SE Wali Kota Tangerang Selatan"));
        assert!(page.text.contains("Codes:"));
    }
}

#[test]
fn a_nine_person_kelurahan_over_44_working_days_prints_on_two_pages() {
    if !poppler() {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&["--pdf", "opd/{unit}.pdf", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = read_roster(&w.path("roster.csv"));
    assert_eq!(roster.days.len(), 44);
    assert_eq!(roster.units["Kelurahan Sukamaju"].len(), 9);
    let pages = pdf_pages(&w.path("opd/Kelurahan Sukamaju.pdf"));
    assert_eq!(pages.len(), 2, "{pages:#?}");
    assert!(pages[1].contains("Page 2 of 2"));
    // One file per unit, each with its own people only.
    let files = std::fs::read_dir(w.path("opd")).unwrap().count();
    assert_eq!(files, roster.units.len());
    // The same inputs give the same bytes, whatever the staff file's row order.
    let staff = std::fs::read_to_string(repo("examples/staff-kota-contoh.csv")).unwrap();
    let mut lines: Vec<&str> = staff.lines().collect();
    lines[1..].reverse();
    w.write("reversed.csv", lines.join("\n") + "\n");
    let policy = repo("policies/tangsel-wfh-2023.toml");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        policy.as_os_str(),
        "--staff".as_ref(),
        "reversed.csv".as_ref(),
        "--out".as_ref(),
        "again.csv".as_ref(),
        "--pdf".as_ref(),
        "again/{unit}.pdf".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for entry in std::fs::read_dir(w.path("opd")).unwrap() {
        let entry = entry.unwrap();
        let again = w.path("again").join(entry.file_name());
        assert!(
            std::fs::read(entry.path()).unwrap() == std::fs::read(&again).unwrap(),
            "{:?} differs",
            entry.file_name()
        );
    }
}

#[test]
fn a_300_person_month_prints_each_unit_on_whole_pages_within_a_bound() {
    if !poppler() {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&[
        "--from",
        "2023-09-01",
        "--to",
        "2023-09-30",
        "--pdf",
        "roster.pdf",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = read_roster(&w.path("roster.csv"));
    let people: usize = roster.units.values().map(BTreeMap::len).sum();
    assert_eq!(people, 299);
    let pages = pdf_pages(&w.path("roster.pdf"));
    // Each unit starts a page; a page holds at least 30 rows with the signature: 16 units,
    // the largest (45 people) on two pages.
    let units = roster.units.len();
    let bound: usize = roster.units.values().map(|p| p.len().div_ceil(30)).sum();
    assert!(
        (units..=bound).contains(&pages.len()),
        "{} pages for {units} units (at most {bound})",
        pages.len()
    );
    assert_eq!(pages.len(), 17);
}

/// One OPD of 300 people over a month: every page holds whole rows, the month's headings
/// repeated, each person once, and the pages are as few as the rows need.
#[test]
fn a_300_person_opd_over_a_month_prints_whole_rows_on_every_page() {
    if !poppler() {
        return;
    }
    let w = Workdir::new();
    w.write(
        "policy.toml",
        "name = \"WFH 40% Dinas Besar\"\n[period]\nstart = 2025-06-02\nend = 2025-06-30\n\
         calendar = \"indonesia\"\n[split]\nWFO = 60\nWFH = 40\n",
    );
    let mut staff = String::from("nip,name,unit,role\n");
    for i in 0..300 {
        staff.push_str(&format!(
            "19800101200501{i:04},Pegawai Nomor {i},Dinas Besar,Analis Kebijakan Ahli Muda\n"
        ));
    }
    w.write("staff.csv", staff);
    let run = w.roster(&[
        "plan",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        "--pdf",
        "roster.pdf",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = read_roster(&w.path("roster.csv"));
    let texts = pdf_pages(&w.path("roster.pdf"));
    // At least 36 rows on a page (39 as laid out now), the last page's with the signature.
    assert!(
        (8..=300usize.div_ceil(36)).contains(&texts.len()),
        "{} pages",
        texts.len()
    );
    let mut seen = BTreeMap::new();
    for (i, text) in texts.iter().enumerate() {
        let page = read_page(text, "Unit:", "No.", &MONTHS_EN);
        assert_eq!(page.unit, "Dinas Besar");
        assert_eq!(page.blocks.len(), 1, "page {}", i + 1);
        let block = &page.blocks[0];
        assert_eq!(block.days.len(), roster.days.len(), "page {}", i + 1);
        assert!(!block.rows.is_empty());
        assert_eq!(text.contains("(continued)"), i > 0, "page {}", i + 1);
        for (nip, line) in &block.rows {
            let codes: Vec<&str> = line
                .split_whitespace()
                .rev()
                .take(block.days.len())
                .collect();
            let expected: Vec<&str> = (block.days.iter().rev())
                .map(|d| code(&roster.modes[&(*d, nip.clone())]))
                .collect();
            assert_eq!(codes, expected, "{line}");
            assert!(line.contains("Pegawai Nomor"), "{line}");
            *seen.entry(nip.clone()).or_insert(0) += 1;
        }
    }
    assert_eq!(seen.len(), 300);
    assert!(seen.values().all(|&n| n == 1));
    assert!(texts.last().unwrap().contains("Acknowledged,"));
}

#[test]
fn under_lang_id_the_pages_are_in_indonesian() {
    if !poppler() {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&["--pdf", "{unit}.pdf", "--lang", "id", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = pdf_pages(&w.path("Kelurahan Sukamaju.pdf"));
    let all = pages.concat();
    for words in [
        "Unit Kerja: Kelurahan Sukamaju",
        "Dasar: SE Wali Kota",
        "Bulan: Agustus–September 2023",
        "Oktober 2023",
        "Nama",
        "Jabatan",
        "Sen",
        "Di kantor",
        "Kode:",
        "bekerja dari kantor",
        "C cuti",
        "Halaman 1 dari 2",
        "Mengetahui,",
        "Kepala Kelurahan Sukamaju",
        "NIP. ....",
        "9 pegawai",
    ] {
        assert!(all.contains(words), "{words} missing:\n{all}");
    }
    for english in [
        "Page ",
        "Month",
        "Acknowledged",
        "Head of",
        "Codes",
        "staff",
    ] {
        assert!(!all.contains(english), "{english} in:\n{all}");
    }
}

#[test]
fn the_print_table_sets_the_letterhead_place_and_signer() {
    if !poppler() {
        return;
    }
    let w = Workdir::new();
    let policy = std::fs::read_to_string(repo("policies/tangsel-wfh-2023.toml")).unwrap();
    w.write(
        "policy.toml",
        format!(
            "{policy}\n[print]\nplace = \"Tangerang Selatan\"\nsigner_title = \"Lurah ({{unit}})\"\n\
             letterhead = \"PEMERINTAH KOTA TANGERANG SELATAN\"\n"
        ),
    );
    let staff = repo("examples/staff-kota-contoh.csv");
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        "policy.toml".as_ref(),
        "--staff".as_ref(),
        staff.as_os_str(),
        "--pdf".as_ref(),
        "{unit}.pdf".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = pdf_pages(&w.path("Kelurahan Mekarsari.pdf"));
    for page in &pages {
        assert!(page.contains("PEMERINTAH KOTA TANGERANG SELATAN"), "{page}");
    }
    let last = pages.last().unwrap();
    assert!(last.contains("Tangerang Selatan, ...."), "{last}");
    assert!(last.contains("Lurah (Kelurahan Mekarsari)"), "{last}");
    // A typo in the table is an error, as everywhere in the policy.
    w.write(
        "typo.toml",
        format!("{policy}\n[print]\nsigner = \"Lurah\"\n"),
    );
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        "typo.toml".as_ref(),
        "--staff".as_ref(),
        staff.as_os_str(),
        "--pdf".as_ref(),
        "x.pdf".as_ref(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("signer"), "{}", run.stderr);
    assert!(!w.exists("x.pdf"));
}

/// A page as pixels: width, height and RGB bytes (`pdftoppm -ppm`).
pub fn render(pdf: &Path, page: usize, dpi: u32) -> (usize, usize, Vec<u8>) {
    let out = Command::new("pdftoppm")
        .args([
            "-r",
            &dpi.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // P6, width, height, 255, then the pixels.
    let data = out.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (width, height, data[at + 1..].to_vec())
}

#[test]
fn pages_are_a4_landscape_and_nothing_is_drawn_in_the_margins() {
    if !poppler() {
        return;
    }
    let w = Workdir::new();
    // The longest names and roles of the example, and a three-month period.
    let run = w.plan_example(&["--pdf", "roster.pdf", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = w.path("roster.pdf");
    let pages = pdf_pages(&pdf).len();
    let dpi = 36;
    for page in 1..=pages {
        let (width, height, pixels) = render(&pdf, page, dpi);
        // A4 landscape: 297 x 210 mm.
        assert_eq!((width, height), (421, 298), "page {page}");
        // 10 mm margins; nothing but white within 8 mm of the edge.
        let edge = (8.0 / 25.4 * dpi as f64) as usize;
        let mut coloured = 0;
        for y in 0..height {
            for x in 0..width {
                let inside = x >= edge && x < width - edge && y >= edge && y < height - edge;
                let px = &pixels[3 * (y * width + x)..3 * (y * width + x) + 3];
                if !inside && px != [255, 255, 255] {
                    coloured += 1;
                }
            }
        }
        assert_eq!(coloured, 0, "page {page} draws in its margin");
        // The day cells are coloured by mode: the office green is on every page.
        assert!(
            pixels.chunks(3).any(|p| p == [0xC6, 0xEF, 0xCE]),
            "page {page} has no office cell"
        );
    }
    // The picture in the README, when asked for.
    if std::env::var_os("ROSTER_UPDATE_DOCS").is_some() {
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(w.path("roster.pdf"))
            .arg(repo("docs/pdf-page"))
            .status()
            .expect("pdftoppm runs");
        assert!(status.success());
    }
}
