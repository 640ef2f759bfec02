//! `plan --ics`: the calendars, read back with a real client library (Python's `icalendar`,
//! Debian's python3-icalendar, which `.ci/run` installs): every event is a person-day of the
//! roster, `{nip}` files together are the whole roster, and a re-plan keeps the UIDs of the
//! days, raises SEQUENCE where a day changed and cancels the days that are gone.

use crate::checker::read_roster;
use crate::support::Workdir;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// Prints one JSON object per event of each file named on the command line.
const READ_EVENTS: &str = r#"
import json, sys
import icalendar
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    for event in calendar.walk('VEVENT'):
        categories = event.get('CATEGORIES')
        if categories is not None and hasattr(categories, 'cats'):
            categories = [str(c) for c in categories.cats]
        elif categories is not None:
            categories = [str(categories)]
        start = event.decoded('DTSTART')
        end = event.decoded('DTEND')
        print(json.dumps({
            'file': path,
            'uid': str(event['UID']),
            'start': start.isoformat(),
            'end': end.isoformat(),
            'all_day': not hasattr(start, 'hour'),
            'summary': str(event['SUMMARY']),
            'categories': categories or [],
            'sequence': int(event['SEQUENCE']),
            'status': str(event['STATUS']),
            'stamp': event.decoded('DTSTAMP').isoformat(),
        }))
"#;

/// A Python that has `icalendar`; under CI its absence fails the test.
fn python() -> Option<&'static str> {
    let found = ["/usr/bin/python3", "python3"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import icalendar"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs Python's icalendar: .ci/run installs python3-icalendar"
        );
        eprintln!("Python's icalendar is not installed: the calendars were not read back");
    }
    found
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    file: String,
    uid: String,
    date: NaiveDate,
    summary: String,
    mode: String,
    sequence: u32,
    cancelled: bool,
}

/// Every event of `files`, as the client library reads them.
fn read_events(python: &str, files: &[PathBuf]) -> Vec<Event> {
    let out = Command::new(python)
        .args(["-c", READ_EVENTS])
        .args(files)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let date = day(v["start"].as_str().unwrap());
            assert!(v["all_day"].as_bool().unwrap(), "{line}");
            assert_eq!(day(v["end"].as_str().unwrap()), date.succ_opt().unwrap());
            let status = v["status"].as_str().unwrap();
            assert!(status == "CONFIRMED" || status == "CANCELLED", "{line}");
            let categories = v["categories"].as_array().unwrap();
            Event {
                file: v["file"].as_str().unwrap().to_owned(),
                uid: v["uid"].as_str().unwrap().to_owned(),
                date,
                summary: v["summary"].as_str().unwrap().to_owned(),
                mode: categories[0].as_str().unwrap().to_owned(),
                sequence: v["sequence"].as_u64().unwrap() as u32,
                cancelled: status == "CANCELLED",
            }
        })
        .collect()
}

/// The NIP a UID names (`YYYYMMDD-NIP@roster`), checked against the event's date.
fn nip_of(event: &Event) -> String {
    let rest = event.uid.strip_suffix("@roster").expect("roster's UID");
    let (date, nip) = rest.split_once('-').expect("date-NIP");
    assert_eq!(date, event.date.format("%Y%m%d").to_string());
    nip.to_owned()
}

/// The confirmed events as roster rows: (date, NIP) → mode.
fn as_rows(events: &[Event]) -> BTreeMap<(NaiveDate, String), String> {
    let mut rows = BTreeMap::new();
    for event in events.iter().filter(|e| !e.cancelled) {
        let before = rows.insert((event.date, nip_of(event)), event.mode.clone());
        assert_eq!(before, None, "one event per person-day: {event:?}");
    }
    rows
}

fn roster_rows(w: &Workdir, name: &str) -> BTreeMap<(NaiveDate, String), String> {
    let roster = read_roster(&w.path(name));
    (roster.rows.into_iter())
        .map(|(key, (mode, _))| (key, mode))
        .collect()
}

fn files_under(dir: PathBuf) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

const WINDOW: [&str; 4] = ["--from", "2023-09-04", "--to", "2023-09-29"];

#[test]
fn calendars_hold_the_roster_one_file_or_a_file_per_person() {
    let Some(python) = python() else { return };
    let w = Workdir::new();
    let mut args = vec!["--out", "roster.csv", "--ics", "all.ics", "-q"];
    args.extend(WINDOW);
    let run = w.plan_example(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roster = roster_rows(&w, "roster.csv");
    let all = read_events(python, &[w.path("all.ics")]);
    assert_eq!(as_rows(&all), roster);
    let titles = [
        ("WFO", "Office"),
        ("WFH", "WFH"),
        ("LEAVE", "Leave"),
        ("FIELD", "Field duty"),
    ];
    for event in &all {
        assert_eq!(event.sequence, 0);
        let title = titles.iter().find(|(m, _)| *m == event.mode).unwrap().1;
        assert_eq!(event.summary, title);
    }

    // One file per person, in the unit's folder, in Indonesian: the files together are the
    // roster, and each holds one person's days.
    let mut args = vec!["--out", "again.csv", "--ics", "cal/{unit}/{nip}.ics"];
    args.extend(["-q", "--lang", "id"]);
    args.extend(WINDOW);
    let run = w.plan_example(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = files_under(w.path("cal"));
    let staff = std::fs::read_to_string(crate::support::repo("examples/staff-kota-contoh.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    assert_eq!(files.len(), staff);
    let each = read_events(python, &files);
    assert_eq!(as_rows(&each), roster);
    for event in &each {
        let file = PathBuf::from(&event.file);
        assert_eq!(
            file.file_stem().unwrap().to_string_lossy(),
            nip_of(event),
            "a person's file holds only their days"
        );
        if event.mode == "WFO" {
            assert_eq!(event.summary, "Kantor");
        }
    }
    // The same person-days have the same UIDs whatever the file or the language.
    let uids = |events: &[Event]| -> Vec<String> {
        let mut uids: Vec<String> = events.iter().map(|e| e.uid.clone()).collect();
        uids.sort();
        uids
    };
    assert_eq!(uids(&all), uids(&each));
}

#[test]
fn a_replan_keeps_the_uids_raises_sequence_where_a_day_changed_and_cancels_days_gone() {
    let Some(python) = python() else { return };
    let w = Workdir::new();
    let staff =
        std::fs::read_to_string(crate::support::repo("examples/staff-kota-contoh.csv")).unwrap();
    w.write("staff.csv", &staff);
    let plan = |extra: &[&str]| {
        let mut args = vec![
            "plan".to_owned(),
            "--policy".to_owned(),
            crate::support::repo("policies/tangsel-wfh-2023.toml")
                .display()
                .to_string(),
            "--staff".to_owned(),
            "staff.csv".to_owned(),
            "--out".to_owned(),
            "roster.csv".to_owned(),
            "--ics".to_owned(),
            "roster.ics".to_owned(),
            "-q".to_owned(),
        ];
        args.extend(extra.iter().map(std::string::ToString::to_string));
        w.roster(&args)
    };
    let mut first: Vec<&str> = WINDOW.to_vec();
    first.push("--summary");
    first.push("summary.csv");
    let run = plan(&first);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let published = read_events(python, &[w.path("roster.ics")]);
    let published_rows = roster_rows(&w, "roster.csv");

    // Someone leaves, someone takes leave; the roster is re-planned from the 18th.
    let mut lines = staff.lines();
    let header = lines.next().unwrap();
    let leaver = lines.next().unwrap();
    let leaver_nip = leaver.split(',').next().unwrap().to_owned();
    let rest: Vec<&str> = lines.collect();
    w.write("staff.csv", format!("{header}\n{}\n", rest.join("\n")));
    let on_leave = rest[0].split(',').next().unwrap().to_owned();
    w.write(
        "leave.csv",
        format!("nip,from,to\n{on_leave},2023-09-20,2023-09-22\n"),
    );
    let replan = [
        "--published",
        "roster.csv",
        "--from",
        "2023-09-18",
        "--leave",
        "leave.csv",
        "--changes",
        "changes.csv",
    ];
    let run = plan(&replan);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let replanned = read_events(python, &[w.path("roster.ics")]);
    assert_eq!(as_rows(&replanned), roster_rows(&w, "roster.csv"));

    let before: BTreeMap<&str, &Event> = published.iter().map(|e| (e.uid.as_str(), e)).collect();
    let after: BTreeMap<&str, &Event> = replanned.iter().map(|e| (e.uid.as_str(), e)).collect();
    // Every day people were given is still there, by the same UID: updated, not duplicated.
    assert!(before.keys().all(|uid| after.contains_key(uid)));
    assert_eq!(before.len(), after.len());
    let from = NaiveDate::from_ymd_opt(2023, 9, 18).unwrap();
    let (mut unchanged, mut changed, mut cancelled) = (0, 0, 0);
    for (uid, old) in &before {
        let new = after[uid];
        let nip = nip_of(new);
        if nip == leaver_nip && new.date >= from {
            assert!(new.cancelled, "{new:?}");
            assert_eq!(new.sequence, old.sequence + 1);
            cancelled += 1;
        } else if old.mode == new.mode {
            assert!(!new.cancelled);
            assert_eq!(new.sequence, old.sequence, "{new:?}");
            unchanged += 1;
        } else {
            assert!(new.date >= from, "history stays: {new:?}");
            assert_eq!(new.sequence, old.sequence + 1, "{new:?}");
            changed += 1;
        }
    }
    assert!(cancelled > 0 && unchanged > 0);
    assert!(changed >= 3, "the three days of leave at least: {changed}");
    let leave_days = (after.values())
        .filter(|e| nip_of(e) == on_leave && e.mode == "LEAVE")
        .count();
    assert_eq!(leave_days, 3);
    assert_eq!(published_rows.len(), before.len());

    // The leave is given back: those days change again and go one higher still; the
    // cancelled days stay cancelled at the number they had.
    w.write("leave.csv", "nip,from,to\n");
    let run = plan(&replan);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = read_events(python, &[w.path("roster.ics")]);
    for event in &again {
        let was = after[event.uid.as_str()];
        if event.mode != was.mode {
            assert_eq!(event.sequence, was.sequence + 1, "{event:?}");
        } else {
            assert_eq!(event.sequence, was.sequence, "{event:?}");
            assert_eq!(event.cancelled, was.cancelled);
        }
    }
    let given_back = (again.iter())
        .filter(|e| nip_of(e) == on_leave && after[e.uid.as_str()].mode == "LEAVE")
        .collect::<Vec<_>>();
    assert_eq!(given_back.len(), 3);
    assert!(
        given_back
            .iter()
            .all(|e| e.mode != "LEAVE" && e.sequence == 2)
    );
}

#[test]
fn nip_splits_only_calendars_and_a_file_that_is_not_a_calendar_is_left_alone() {
    let w = Workdir::new();
    let mut args = vec!["--wide", "w/{nip}.csv", "-q"];
    args.extend(WINDOW);
    let run = w.plan_example(&args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("{nip}"), "{}", run.stderr);
    assert!(run.stderr.contains("--ics"), "{}", run.stderr);

    w.write("cal.ics", "not a calendar\n");
    let mut args = vec!["--out", "r.csv", "--ics", "cal.ics", "-q"];
    args.extend(WINDOW);
    let run = w.plan_example(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cal.ics"), "{}", run.stderr);
    assert!(run.stderr.contains("SEQUENCE"), "{}", run.stderr);
    assert_eq!(w.read("cal.ics"), "not a calendar\n");
    assert!(!w.exists("r.csv"), "nothing is written");
}
