//! The `--html` page, rendered in headless Chromium: the office counts its script computes
//! must match the roster, and its filter must show only what matches.

use crate::checker::read_roster;
use crate::support::{Workdir, repo};
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
    let run = w.roster(&[
        "plan".as_ref(),
        "--policy".as_ref(),
        repo("policies/tangsel-wfh-2023.toml").as_os_str(),
        "--staff".as_ref(),
        repo("examples/staff-kota-contoh.csv").as_os_str(),
        "--leave".as_ref(),
        repo("examples/cuti.csv").as_os_str(),
        "--html".as_ref(),
        "page.html".as_ref(),
        "-q".as_ref(),
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
