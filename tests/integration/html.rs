//! The `--html` page, rendered in headless Chromium: the office counts its script computes
//! must match the roster, and its filter must show only what matches.

use crate::checker::read_roster;
use crate::support::{Workdir, repo, tool};
use std::collections::BTreeMap;
use std::process::Command;

/// Debian's Chromium, which `.ci/run` installs. Without it, CI fails; elsewhere the test
/// says it did not run.
fn chromium() -> Option<String> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromium: .ci/run installs it"
        );
        eprintln!("chromium is not installed: the HTML page was not rendered");
    }
    found.map(str::to_owned)
}

/// The DOM after the page's script ran.
fn render(browser: &str, w: &Workdir, page: &str, fragment: &str) -> String {
    let url = format!("file://{}{fragment}", w.path(page).display());
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!(
            "--user-data-dir={}",
            w.path("chromium-profile").display()
        ))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// (unit, date) -> office count, and the units whose sections are hidden.
fn read_page(dom: &str) -> (BTreeMap<(String, String), u32>, Vec<String>) {
    let mut counts = BTreeMap::new();
    let mut hidden = Vec::new();
    for section in dom.split("<section ").skip(1) {
        let unit = unescape(
            section
                .split("data-unit=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap(),
        );
        let tag = section.split('>').next().unwrap();
        if tag.contains("hidden") {
            hidden.push(unit.clone());
        }
        for cell in section.split("class=\"office\"").skip(1) {
            let date = cell
                .split("data-date=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let count = cell.split('>').nth(1).unwrap().split('<').next().unwrap();
            let count = count.parse().unwrap_or_else(|_| {
                panic!("{unit} {date}: office count {count:?} was not computed")
            });
            counts.insert((unit.clone(), date.to_owned()), count);
        }
    }
    (counts, hidden)
}

#[test]
fn the_page_counts_what_the_roster_says_and_filters() {
    let Some(browser) = chromium() else { return };
    let w = Workdir::new();
    let leave = repo("examples/cuti.csv");
    let run = w.plan_example(&[
        "--leave",
        leave.to_str().unwrap(),
        "--html",
        "page.html",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = w.read("page.html");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "the page loads something"
    );
    let roster = read_roster(&w.path("roster.csv"));
    let mut expected: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(w.path("roster.csv")).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        *expected
            .entry((r[3].to_owned(), r[0].to_owned()))
            .or_default() += u32::from(&r[6] == "WFO");
    }
    assert_eq!(expected.values().map(|_| 1).sum::<usize>(), 16 * 44);
    let (counts, hidden) = read_page(&render(&browser, &w, "page.html", ""));
    assert_eq!(counts, expected);
    assert!(hidden.is_empty());
    assert_eq!(roster.rows.len(), 299 * 44);
    // The filter, through the page's address: only the kelurahan stay.
    let (_, hidden) = read_page(&render(&browser, &w, "page.html", "#filter=kelurahan"));
    assert_eq!(hidden.len(), 14, "{hidden:?}");
    assert!(hidden.iter().all(|u| !u.contains("Kelurahan")));
}

/// The page printed to PDF by Chromium, as text, one string per page.
fn print_pages(browser: &str, w: &Workdir, page: &str) -> Vec<String> {
    let pdf = w.path("printed.pdf");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            w.path("chromium-profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", w.path(page).display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    crate::support::pdf_pages(&pdf)
}

#[test]
fn the_printed_page_shows_every_working_day_next_to_the_names() {
    let Some(browser) = chromium() else { return };
    if !tool("pdftotext", "poppler-utils") {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&["--html", "page.html", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = print_pages(&browser, &w, "page.html");
    // Each unit's people and the heading of every working day, from the roster.
    let mut units: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut days = std::collections::BTreeSet::new();
    let mut reader = csv::Reader::from_path(w.path("roster.csv")).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        units
            .entry(r[3].to_owned())
            .or_default()
            .insert(r[2].to_owned());
        let date: chrono::NaiveDate = r[0].parse().unwrap();
        days.insert(date.format("%a %d/%m").to_string());
    }
    assert_eq!(days.len(), 44);
    // The pages of each unit: from the page its heading opens to the next unit's.
    let heading = |page: &str| {
        units
            .keys()
            .find(|u| page.lines().any(|l| l.trim() == u.as_str()))
            .cloned()
    };
    let mut printed: BTreeMap<String, String> = BTreeMap::new();
    let mut current = None;
    for page in &pages {
        assert!(
            page.contains("work from the office"),
            "a page without the legend:\n{page}"
        );
        if let Some(unit) = heading(page) {
            assert!(!printed.contains_key(&unit), "{unit} is printed twice");
            current = Some(unit);
        }
        if let Some(unit) = &current {
            printed.entry(unit.clone()).or_default().push_str(page);
        }
    }
    assert_eq!(
        printed.len(),
        units.len(),
        "units printed: {:?}",
        printed.keys()
    );
    for (unit, people) in &units {
        let text = &printed[unit];
        for day in &days {
            assert!(text.contains(day.as_str()), "{unit}: {day} is not printed");
        }
        for person in people {
            // pdftotext keeps a line's words; a long name may wrap in its cell.
            let first = person.split(' ').next().unwrap();
            assert!(text.contains(first), "{unit}: {person} is not printed");
        }
        // A unit's first page holds no other unit's heading: each starts on a new page.
        let other = units
            .keys()
            .filter(|u| *u != unit)
            .find(|u| text.lines().any(|l| l.trim() == u.as_str()));
        assert!(other.is_none(), "{unit} shares a page with {other:?}");
    }
}

/// Each word of each page of a PDF with its box (`pdftotext -bbox`): (text, y top, y bottom).
fn words_by_page(pdf: &std::path::Path) -> Vec<Vec<(String, f64, f64)>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages: Vec<Vec<(String, f64, f64)>> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push(Vec::new());
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, word) = rest.split_once('>').unwrap();
            let word = word.trim_end_matches("</word>");
            let page = pages.last_mut().unwrap();
            page.push((
                unescape(word),
                attribute(tag, "yMin"),
                attribute(tag, "yMax"),
            ));
        }
    }
    pages
}

/// Printed, the legend at the foot of every page is clear of the tables, the office counts
/// are under whole week blocks only (once per unit and week), and nothing but white is at
/// the top of a page.
#[test]
fn the_printed_legend_is_never_overprinted_and_counts_follow_whole_blocks() {
    let Some(browser) = chromium() else { return };
    if !tool("pdftotext", "poppler-utils") || !tool("pdftoppm", "poppler-utils") {
        return;
    }
    let w = Workdir::new();
    let run = w.plan_example(&["--html", "page.html", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = print_pages(&browser, &w, "page.html");
    let pdf = w.path("printed.pdf");
    let pages = words_by_page(&pdf);
    assert_eq!(pages.len(), text.len());
    for (i, words) in pages.iter().enumerate() {
        // The legend's line at the foot: the lowest word only the legends have.
        let legend = words
            .iter()
            .filter(|(w, _, _)| w == "anywhere")
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or_else(|| panic!("page {}: no legend", i + 1));
        let others = words
            .iter()
            .filter(|(_, top, _)| (top - legend.1).abs() > 1.0);
        for (word, _, bottom) in others {
            assert!(
                *bottom < legend.1,
                "page {}: `{word}` runs into the legend",
                i + 1
            );
        }
    }
    // 16 units, 9 ISO weeks: one office row per unit and week, never one per page fragment.
    let office_rows: usize = text
        .iter()
        .map(|p| {
            p.lines()
                .filter(|l| l.trim_start().starts_with("Office "))
                .count()
        })
        .sum();
    assert_eq!(office_rows, 16 * 9);
    // Nothing at the top of a page but white (the 10 mm margin, less a little); the slivers
    // were on every page, so the first pages tell.
    for page in 1..=pages.len().min(20) {
        let (width, _, pixels) = crate::pdf::render(&pdf, page, 36);
        let strip = (8.0 / 25.4 * 36.0) as usize;
        let marked = pixels[..3 * width * strip]
            .chunks(3)
            .filter(|p| *p != [255, 255, 255])
            .count();
        assert_eq!(marked, 0, "page {page}: marks in the top margin");
    }
}

/// A province-sized page stays small and opens at once: the roster is data in the page and a
/// unit is drawn when it is opened.
#[test]
fn a_page_for_twenty_thousand_people_stays_small_and_draws_units_on_demand() {
    let Some(browser) = chromium() else { return };
    let w = Workdir::new();
    let mut staff = String::from("nip,name,unit,role\n");
    for i in 0..20_000 {
        staff.push_str(&format!(
            "1980010120050{i:05},Pegawai Nomor {i},Unit Kerja {},Analis Kebijakan Ahli Muda\n",
            i % 200
        ));
    }
    w.write("staff.csv", &staff);
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        "staff.csv".as_ref(),
        "--html".as_ref(),
        "page.html".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::metadata(w.path("page.html")).unwrap().len();
    // The staff file's own bytes, plus a character a working day and a little per person.
    let days = 8;
    let bound = staff.len() as u64 + 20_000 * (days + 24) + 64 * 1024;
    assert!(page < bound, "the page is {page} bytes (bound {bound})");
    let dom = render(&browser, &w, "page.html", "");
    assert_eq!(dom.matches("<section class=\"unit\"").count(), 200);
    assert!(
        !dom.contains("<table class=\"roster\""),
        "units were drawn before being opened"
    );
    // Looking for one person opens their unit only, and counts its days there.
    let (counts, hidden) = read_page(&render(
        &browser,
        &w,
        "page.html",
        "#filter=198001012005001234",
    ));
    assert_eq!(hidden.len(), 199);
    let unit = "Unit Kerja 34";
    assert!(!hidden.contains(&unit.to_owned()));
    let mut expected: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(w.path("roster.csv")).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        if &r[3] == unit {
            *expected
                .entry((r[3].to_owned(), r[0].to_owned()))
                .or_default() += u32::from(&r[6] == "WFO");
        }
    }
    assert_eq!(counts, expected);
}
