//! Issue 22, "nothing lost, round three": the inputs and outputs added since issue 13 under
//! attack, one test per numbered item (the number is in each test's comment).

use crate::support::{Workdir, plan_fixture, repo};

/// Plans the round-trip fixture's whole period into `name`, and returns its contents.
fn published(w: &Workdir, name: &str) -> String {
    let run = w.roster(&plan_fixture(&["--out", name, "-q"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    w.read(name)
}

/// Item 1: `report` reads the policy, so `--out` may not name it.
#[test]
fn report_does_not_replace_its_policy() {
    let w = Workdir::new();
    published(&w, "r.csv");
    let policy = std::fs::read_to_string(repo("tests/fixtures/roundtrip/policy.toml")).unwrap();
    w.write("p.toml", &policy);
    let run = w.roster(&[
        "report", "--roster", "r.csv", "--policy", "p.toml", "--out", "p.toml",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--out p.toml is also an input"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("p.toml"), policy);
}

/// Item 2: only `--out` may name the published roster.
#[test]
fn only_out_may_replace_the_published_roster() {
    let w = Workdir::new();
    let before = published(&w, "r.csv");
    w.write("q.csv", "nip,date,wish\n");
    for flag in [
        "--changes",
        "--wide",
        "--summary",
        "--html",
        "--xlsx",
        "--requests-report",
    ] {
        let run = w.roster(&plan_fixture(&[
            "--published",
            "r.csv",
            "--from",
            "2025-04-07",
            "--requests",
            "q.csv",
            "--out",
            "-",
            flag,
            "r.csv",
            "-q",
        ]));
        assert_eq!(run.code, 2, "{flag}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("{flag} r.csv is also an input")),
            "{flag}: {}",
            run.stderr
        );
        assert_eq!(w.read("r.csv"), before, "{flag}");
    }
    // `--out` still replaces it whole.
    let run = w.roster(&plan_fixture(&[
        "--published",
        "r.csv",
        "--from",
        "2025-04-07",
        "--out",
        "r.csv",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(w.read("r.csv"), before);
}

/// Item 3: the files of a `--requests` folder are inputs, and an output that would land
/// among them (to be read back as requests by the next run) is refused.
#[test]
fn a_requests_folder_is_read_not_written() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("permintaan")).unwrap();
    let requests = "nip,date,wish\n198609262015051001,2025-03-25,WFH\n";
    w.write("permintaan/opd.csv", requests);
    for report in ["permintaan/opd.csv", "permintaan/hasil.csv"] {
        let run = w.roster(&plan_fixture(&[
            "--requests",
            "permintaan",
            "--requests-report",
            report,
            "--out",
            "r.csv",
            "-q",
        ]));
        assert_eq!(run.code, 2, "{report}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("--requests-report {report}")),
            "{}",
            run.stderr
        );
        assert_eq!(w.read("permintaan/opd.csv"), requests);
        assert!(!w.exists("permintaan/hasil.csv"));
        assert!(!w.exists("r.csv"));
    }
    let run = w.roster(&plan_fixture(&[
        "--requests",
        "permintaan",
        "--requests-report",
        "hasil.csv",
        "--out",
        "r.csv",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Item 18: what a requests folder does not read is said, not skipped silently.
#[test]
fn a_requests_folder_warns_of_what_it_cannot_read() {
    let w = Workdir::new();
    std::fs::create_dir_all(w.path("permintaan/folder.csv")).unwrap();
    w.write(
        "permintaan/opd.csv",
        "nip,date,wish\n198609262015051001,2025-03-25,WFH\n",
    );
    std::os::unix::fs::symlink(w.path("gone.csv"), w.path("permintaan/dangling.csv")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(w.path("permintaan/pipe.xlsx"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let run = w.roster(&plan_fixture(&[
        "--requests",
        "permintaan",
        "--out",
        "r.csv",
        "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["dangling.csv", "folder.csv", "pipe.xlsx"] {
        assert!(
            run.stderr.contains(&format!(
                "warning: --requests: permintaan/{name} is not a regular file"
            )),
            "{name}: {}",
            run.stderr
        );
    }
    // `check` and `explain` read the folder too.
    let run = w.roster(&[
        "check".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        repo("tests/fixtures/roundtrip/staff.csv").as_os_str(),
        "--requests".as_ref(),
        "permintaan".as_ref(),
        "--roster".as_ref(),
        "r.csv".as_ref(),
    ]);
    assert!(
        run.stderr
            .contains("permintaan/dangling.csv is not a regular file"),
        "{}",
        run.stderr
    );
}

/// Item 4: a published roster with a person-day twice (a repeated row, or one file given
/// twice) or with days outside the policy's period is refused, and nothing is written.
#[test]
fn a_published_roster_with_repeats_or_another_period_is_refused() {
    let w = Workdir::new();
    let roster = published(&w, "r.csv");
    let lines: Vec<&str> = roster.lines().collect();
    // Line 3 again, at the end, with its mode changed: a contradicting repeat.
    let repeat = lines[2].replace(",WFO,", ",WFH,").replace(",WFA,", ",WFO,");
    w.write("dup.csv", format!("{roster}{repeat}\n"));
    let replan = |published: &[&str], out: &str| {
        let mut args = vec![];
        for p in published {
            args.extend(["--published", p]);
        }
        args.extend(["--from", "2025-04-07", "--out", out, "-q"]);
        w.roster(&plan_fixture(&args))
    };
    let run = replan(&["dup.csv"], "dup.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let nip = lines[2].split(',').nth(1).unwrap();
    assert!(
        run.stderr.contains(&format!("dup.csv:{}", lines.len() + 1))
            && run.stderr.contains(&format!("NIP {nip} has a second row"))
            && run.stderr.contains("(the first is dup.csv:3)"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("dup.csv"), format!("{roster}{repeat}\n"));
    // One file given twice would double the history on every run.
    let run = replan(&["r.csv", "r.csv"], "r.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("(the first is r.csv:2)"),
        "{}",
        run.stderr
    );
    assert_eq!(w.read("r.csv"), roster);
    // Days outside the period: a roster planned under another policy or period.
    let early = lines[1].replacen("2025-03-24", "2025-03-17", 1);
    w.write(
        "other.csv",
        format!("{}\n{early}\n{}", lines[0], lines[1..].join("\n")),
    );
    let run = replan(&["other.csv"], "other.csv");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("other.csv:2")
            && run
                .stderr
                .contains("2025-03-17 is outside the policy's period 2025-03-24..2025-04-11"),
        "{}",
        run.stderr
    );
}

/// A staff file of `units` units of one person each, and two policies over one week whose
/// rosters differ on every row (all WFO, all WFH).
fn many_units(w: &Workdir, units: usize) {
    let mut staff = String::from("nip,name,unit,role\n");
    for i in 0..units {
        staff.push_str(&format!("19800101200501{i:04},P{i},Unit {i:04},Staf\n"));
    }
    w.write("staff.csv", staff);
    for (name, mode) in [("old.toml", "WFO"), ("new.toml", "WFH")] {
        w.write(
            name,
            format!(
                "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-06\n[split]\n{mode} = 100\n"
            ),
        );
    }
}

/// What the per-unit files of `opd/` hold: `Some("WFO")` when every one is old, `Some("WFH")`
/// when every one is new, `None` for a mix; and roster's own files left in the folder.
fn unit_files(w: &Workdir, units: usize) -> (Option<&'static str>, Vec<String>) {
    let mut modes = std::collections::BTreeSet::new();
    let mut count = 0;
    let mut leftovers = Vec::new();
    for entry in std::fs::read_dir(w.path("opd")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with(".roster-") {
            leftovers.push(name);
            continue;
        }
        count += 1;
        let text = w.read(&format!("opd/{name}"));
        modes.insert(if text.contains(",WFO,") { "WFO" } else { "WFH" });
    }
    let state = match (count == units, modes.len()) {
        (true, 1) => modes.into_iter().next(),
        _ => None,
    };
    (state, leftovers)
}

/// Starts `plan` with `policy` into `opd/{unit}.csv`, waits until it moves its outputs into
/// place (a backup or a journal appears), waits `delay` more and sends `signal`; returns the
/// exit status and stdout.
fn signal_during_commit(
    w: &Workdir,
    policy: &str,
    delay: std::time::Duration,
    signal: &str,
) -> (std::process::ExitStatus, String, bool) {
    use std::process::{Command, Stdio};
    let child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .args([
            "plan",
            "--policy",
            policy,
            "--staff",
            "staff.csv",
            "--out",
            "opd/{unit}.csv",
        ])
        .current_dir(w.path("."))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let committing = loop {
        let seen = std::fs::read_dir(w.path("opd"))
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(".roster-")
                    && (name.ends_with(".old") || name.ends_with(".journal"))
            });
        if seen {
            break true;
        }
        if started.elapsed() > std::time::Duration::from_secs(120) {
            break false;
        }
    };
    std::thread::sleep(delay);
    let _ = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        committing,
    )
}

/// Items 5 and 6: a run killed (SIGKILL) at many points of moving 300 per-unit files into
/// place leaves, once the next run into the folder has started, every file wholly old or
/// wholly new, and none of roster's own files behind.
#[test]
fn a_run_killed_while_committing_is_rolled_back_by_the_next() {
    let w = Workdir::new();
    let units = 200;
    many_units(&w, units);
    let old = w.roster(&[
        "plan",
        "--policy",
        "old.toml",
        "--staff",
        "staff.csv",
        "--out",
        "opd/{unit}.csv",
        "-q",
    ]);
    assert_eq!(old.code, 0, "{}", old.stderr);
    let mut outcomes = Vec::new();
    for delay in [0, 1, 2, 4, 8, 16, 32, 64] {
        let delay = std::time::Duration::from_millis(delay);
        let (_, _, committing) = signal_during_commit(&w, "new.toml", delay, "KILL");
        assert!(committing, "the run was not seen committing");
        // The next run into the folder, which stops at once (its staff file is missing).
        let next = w.roster(&[
            "plan",
            "--policy",
            "old.toml",
            "--staff",
            "gone.csv",
            "--out",
            "opd/{unit}.csv",
            "-q",
        ]);
        assert_eq!(next.code, 1, "{}", next.stderr);
        let (state, leftovers) = unit_files(&w, units);
        assert!(
            state.is_some(),
            "after a kill {delay:?} into the commit: a mix of old and new"
        );
        assert!(leftovers.is_empty(), "{leftovers:?}");
        outcomes.push(state.unwrap());
        // Back to the old set for the next attempt.
        let old = w.roster(&[
            "plan",
            "--policy",
            "old.toml",
            "--staff",
            "staff.csv",
            "--out",
            "opd/{unit}.csv",
            "-q",
        ]);
        assert_eq!(old.code, 0, "{}", old.stderr);
    }
    eprintln!("outcomes: {outcomes:?}");
}

/// Item 6: no output may take the name of roster's own temporary files, which a later run
/// into the folder removes: not through `{unit}`, not written out.
#[test]
fn an_output_cannot_look_like_a_temporary_file() {
    let w = Workdir::new();
    w.write(
        "staff.csv",
        "nip,name,unit,role\n198001012005010001,Budi,.roster-abc123,Staf\n",
    );
    w.write(
        "p.toml",
        "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-06\n[split]\nWFO = 100\n",
    );
    for out in [
        "opd/{unit}.tmp",
        "opd/{unit}.old",
        "opd/{unit}",
        "opd/{unit}.journal",
        ".roster-x1y2z3.tmp",
    ] {
        let run = w.roster(&[
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "staff.csv",
            "--out",
            out,
            "-q",
        ]);
        assert_eq!(run.code, 2, "{out}: {}", run.stderr);
        assert!(
            run.stderr.contains("roster's own temporary files"),
            "{out}: {}",
            run.stderr
        );
    }
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "staff.csv",
        "--out",
        "opd/{unit}.csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(w.exists("opd/.roster-abc123.csv"));
}

/// Item 7: SIGTERM or SIGINT at many points of moving the outputs into place either rolls
/// back (the run ends by the signal; every output is old) or, once every output is in
/// place, lets the run finish with its summary; never new outputs and a silent end.
#[test]
fn a_signal_while_committing_rolls_back_or_lets_the_run_finish() {
    use std::os::unix::process::ExitStatusExt;
    let w = Workdir::new();
    let units = 200;
    many_units(&w, units);
    let plan_old = || {
        let old = w.roster(&[
            "plan",
            "--policy",
            "old.toml",
            "--staff",
            "staff.csv",
            "--out",
            "opd/{unit}.csv",
            "-q",
        ]);
        assert_eq!(old.code, 0, "{}", old.stderr);
    };
    plan_old();
    let mut outcomes = Vec::new();
    for (signal, delay) in [
        ("TERM", 0),
        ("INT", 1),
        ("TERM", 2),
        ("INT", 4),
        ("TERM", 8),
        ("INT", 16),
        ("TERM", 32),
        ("TERM", 64),
    ] {
        let delay = std::time::Duration::from_millis(delay);
        let (status, stdout, committing) = signal_during_commit(&w, "new.toml", delay, signal);
        assert!(committing, "the run was not seen committing");
        let (state, leftovers) = unit_files(&w, units);
        assert!(leftovers.is_empty(), "{leftovers:?}");
        if status.signal().is_some() || status.code().is_some_and(|c| c > 128) {
            assert_eq!(
                state,
                Some("WFO"),
                "SIG{signal} {delay:?} into the commit ended the run ({status:?}) but the outputs are not the old ones"
            );
        } else {
            assert_eq!(state, Some("WFH"), "{status:?}");
            assert!(
                stdout.contains("TOTAL"),
                "the run finished without its summary: {stdout}"
            );
        }
        outcomes.push((status.code(), status.signal(), state));
        plan_old();
    }
    eprintln!("outcomes: {outcomes:?}");
}

/// Item 8: a cell holding another delimiter is quoted in every CSV style, and each part of it
/// that would start a cell after a split at that delimiter is neutralised; `check` reads the
/// roster back as it was.
#[test]
fn a_formula_after_a_delimiter_inside_a_cell_never_runs() {
    let w = Workdir::new();
    w.write(
        "staff.csv",
        "nip,name,unit,role\n198001012005010001,Budi;=1+1;,Dinas|@SUM(A1),Staf\n198001012005010002,\"Ani,-2+3\",Dinas|@SUM(A1),Staf\t=HYPERLINK(1)\n",
    );
    w.write(
        "p.toml",
        "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-06\n[split]\nWFO = 50\nWFH = 50\n",
    );
    for style in ["standard", "excel-id"] {
        let run = w.roster(&[
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "staff.csv",
            "--out",
            "r.csv",
            "--summary",
            "s.csv",
            "--wide",
            "w.csv",
            "--csv-style",
            style,
            "-q",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for file in ["r.csv", "w.csv", "s.csv"] {
            let text = w.read(file);
            assert!(
                text.contains("\"Dinas|'@SUM(A1)\""),
                "{style} {file}: {text}"
            );
            // No cell, split at any of , ; tab |, starts a formula.
            for line in text.lines() {
                for cell in line.split([',', ';', '\t', '|']) {
                    let cell = cell.trim_start_matches('"');
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@'])
                            || cell.trim_start_matches(['=', '"']).starts_with("1980"),
                        "{style} {file}: a cell starts a formula: {cell:?} in {line:?}"
                    );
                }
            }
        }
        let roster = w.read("r.csv");
        assert!(roster.contains("\"Budi;'=1+1;\""), "{style}: {roster}");
        assert!(roster.contains("\"Ani,'-2+3\""), "{style}: {roster}");
        let check = w.roster(&[
            "check",
            "--policy",
            "p.toml",
            "--staff",
            "staff.csv",
            "--roster",
            "r.csv",
        ]);
        assert_eq!(check.code, 0, "{style}: {}{}", check.stdout, check.stderr);
    }
}

/// Item 9: `<!--<script>` (or `</script>`, `&`, U+2028) in a unit, name, role or NIP cannot
/// break out of the HTML page's data block: the block holds no `<`, `>` or `&` at all, and
/// reads back as the values.
#[test]
fn the_html_data_block_holds_no_markup() {
    let w = Workdir::new();
    w.write(
        "staff.csv",
        "nip,name,unit,role\n<!--<script>,Budi </script> & co,<!--<script> Dinas,Staf\u{2028}<b>\n198001012005010002,Ani,Dinas B,Staf\n",
    );
    w.write(
        "p.toml",
        "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-06\n[split]\nWFO = 50\nWFH = 50\n",
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "staff.csv",
        "--out",
        "r.csv",
        "--html",
        "r.html",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = w.read("r.html");
    let start =
        page.find("id=\"roster-data\">").expect("a data block") + "id=\"roster-data\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    let json = &page[start..end];
    assert!(!json.contains(['<', '>', '&']), "{json}");
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let text = data.to_string();
    // (U+2028 is whitespace to the staff reader, which makes it a space.)
    for value in [
        "<!--<script> Dinas",
        "Budi </script> & co",
        "Staf <b>",
        "<!--<script>",
    ] {
        let quoted = serde_json::to_string(value).unwrap();
        assert!(text.contains(&quoted), "{value}: {text}");
    }
    // The page's script follows the data block whole.
    assert!(page[end..].starts_with("</script><script>"));
}

/// Runs `roster` in `w` under `prlimit --as=256MiB`: a run that would need gigabytes fails
/// there instead of swapping the machine.
fn limited(w: &Workdir, args: &[&str]) -> crate::support::Run {
    limited_to(w, 256, args)
}

/// Runs `roster` in `w` with at most `mib` MiB of address space.
fn limited_to(w: &Workdir, mib: u64, args: &[&str]) -> crate::support::Run {
    std::process::Command::new("prlimit")
        .arg(format!("--as={}", mib << 20))
        .arg(env!("CARGO_BIN_EXE_roster"))
        .args(args)
        .current_dir(w.path(""))
        .env("NO_COLOR", "1")
        .output()
        .expect("prlimit (util-linux) runs roster")
        .into()
}

/// A staff workbook of two people, with `far` cells written beyond the table.
fn staff_workbook(far: &[(u32, u16)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["nip", "name", "unit", "role"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, nip) in ["198001012005010001", "198001012005010002"]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *nip).unwrap();
        sheet.write_string(r, 1, format!("P{r}")).unwrap();
        sheet.write_string(r, 2, "Dinas").unwrap();
        sheet.write_string(r, 3, "Staf").unwrap();
    }
    for &(r, c) in far {
        sheet.write_string(r, c, "x").unwrap();
    }
    book.save_to_buffer().unwrap()
}

const WEEK: &str =
    "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-06\n[split]\nWFO = 50\nWFH = 50\n";

/// Item 10: one cell at XFD1048576 (or far down column CV) is a bounded error naming the
/// sheet and the cell, in every command that reads workbooks, not an abort or gigabytes.
#[test]
fn a_stray_far_cell_in_a_workbook_is_a_bounded_error() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    for (name, far, last) in [
        ("xfd.xlsx", (1_048_575, 16_383), "XFD1048576"),
        ("cv.xlsx", (1_048_575, 99), "CV1048576"),
    ] {
        let book = staff_workbook(&[far]);
        assert!(book.len() < 10_000);
        w.write(name, &book);
        let run = limited(
            &w,
            &[
                "plan", "--policy", "p.toml", "--staff", name, "--out", "r.csv", "-q",
            ],
        );
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("its last cell is {last}"))
                && run.stderr.contains("Sheet1"),
            "{name}: {}",
            run.stderr
        );
        let run = limited(&w, &["report", "--roster", name]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(last), "{name}: {}", run.stderr);
    }
    // A table with a stray cell near it still reads.
    w.write("near.xlsx", staff_workbook(&[(0, 40)]));
    let run = limited(
        &w,
        &[
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "near.xlsx",
            "--out",
            "r.csv",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The workbook `book` with its shared strings' `uniqueCount` replaced by `count`.
fn with_unique_count(book: &[u8], count: &str) -> Vec<u8> {
    rewrite_part(book, "sharedStrings.xml", |text| {
        let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + text[at..].find('"').unwrap();
        format!("{}{count}{}", &text[..at], &text[end..])
    })
}

/// The workbook `book` with the part whose name ends in `part` rewritten by `edit`.
fn rewrite_part(book: &[u8], part_name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name.ends_with(part_name) {
            bytes = edit(&String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, stored).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Item 11: a shared strings part claiming 2^64-1 or 10^10 texts is an error, not a panic or
/// an abort.
#[test]
fn a_workbook_claiming_too_many_texts_is_an_error() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    let book = staff_workbook(&[]);
    for count in [
        "18446744073709551615",
        "10000000000",
        "99999999999999999999999",
    ] {
        w.write("s.xlsx", with_unique_count(&book, count));
        let run = limited(
            &w,
            &[
                "plan", "--policy", "p.toml", "--staff", "s.xlsx", "--out", "r.csv", "-q",
            ],
        );
        assert_eq!(run.code, 1, "{count}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("holds {count} texts")),
            "{count}: {}",
            run.stderr
        );
    }
    // The true count reads.
    w.write("s.xlsx", with_unique_count(&book, "12"));
    let run = limited(
        &w,
        &[
            "plan", "--policy", "p.toml", "--staff", "s.xlsx", "--out", "r.csv", "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Item 17: a spreadsheet error cell (`#REF!`, `#N/A`, `#VALUE!`) in a column roster reads is
/// an input error naming the cell, not a unit called `#REF!`.
#[test]
fn an_error_cell_in_a_workbook_is_an_input_error() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    let book = staff_workbook(&[]);
    for (cell, error) in [("C2", "#REF!"), ("D3", "#N/A"), ("B2", "#VALUE!")] {
        let broken = rewrite_part(&book, "sheet1.xml", |text| {
            let at = text.find(&format!("<c r=\"{cell}\"")).unwrap();
            let end = at + text[at..].find("</c>").unwrap() + "</c>".len();
            format!(
                "{}<c r=\"{cell}\" t=\"e\"><v>{error}</v></c>{}",
                &text[..at],
                &text[end..]
            )
        });
        w.write("s.xlsx", broken);
        let run = w.roster(&[
            "plan", "--policy", "p.toml", "--staff", "s.xlsx", "--out", "r.csv", "-q",
        ]);
        assert_eq!(run.code, 1, "{cell}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("s.xlsx:Sheet1!{cell}")) && run.stderr.contains(error),
            "{cell}: {}",
            run.stderr
        );
    }
}

/// Item 16: an unclosed quote early in a large CSV is caught when its cell passes 64 KiB, on
/// the line the quote opens, within a small memory limit; not a "ragged row" after reading
/// the whole file into one cell.
#[test]
fn an_unclosed_quote_is_caught_at_64_kib_and_blamed() {
    use std::fmt::Write as _;
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    let mut staff = String::from("nip,name,unit,role\n198001012005010001,Budi,Dinas,Staf\n");
    staff.push_str("198001012005010002,\"Ani,Dinas,Staf\n");
    let mut i = 3;
    while staff.len() < 48 << 20 {
        writeln!(staff, "1980010120050{i:05},Pegawai {i},Dinas,Staf").unwrap();
        i += 1;
    }
    w.write("staff.csv", staff);
    let run = std::process::Command::new("prlimit")
        .arg(format!("--as={}", 40u64 << 20))
        .arg(env!("CARGO_BIN_EXE_roster"))
        .args([
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "staff.csv",
            "--out",
            "r.csv",
            "-q",
        ])
        .current_dir(w.path(""))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("staff.csv:3:")
            && stderr.contains("never closed")
            && !stderr.contains("cells but the header"),
        "{stderr}"
    );
    // A long cell without quotes is named too.
    w.write(
        "long.csv",
        format!("nip,name,unit,role\n1,{},Dinas,Staf\n", "x".repeat(70_000)),
    );
    let run = w.roster(&[
        "plan", "--policy", "p.toml", "--staff", "long.csv", "--out", "r.csv", "-q",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("long.csv:2:") && run.stderr.contains("64 KiB"),
        "{}",
        run.stderr
    );
}

/// Item 12: an `.xls` whose DIMENSIONS record was widened (2^31 rows × 256 columns) is an
/// error, within a memory limit, not an abort on a petabyte allocation.
/// (`tests/fixtures/xls/staff.xls` is LibreOffice's `.xls` of a two-person staff CSV.)
#[test]
fn an_xls_with_a_widened_dimensions_record_is_an_error() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    let book = std::fs::read(repo("tests/fixtures/xls/staff.xls")).unwrap();
    // As it is, it reads (and stops at its NIPs, which LibreOffice stored as numbers).
    w.write("staff.xls", &book);
    let run = limited(
        &w,
        &[
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "staff.xls",
            "--out",
            "r.csv",
            "-q",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("stored as a number"), "{}", run.stderr);
    let mut wide = book.clone();
    let at = wide
        .windows(4)
        .position(|r| r == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record");
    wide[at + 8..at + 12].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    wide[at + 14..at + 16].copy_from_slice(&0xFFu16.to_le_bytes());
    w.write("wide.xls", &wide);
    for args in [
        &[
            "plan", "--policy", "p.toml", "--staff", "wide.xls", "--out", "r.csv", "-q",
        ][..],
        &["report", "--roster", "wide.xls"][..],
    ] {
        let run = limited(&w, args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "wide.xls: the sheets of this .xls workbook declare or fill a used range"
            ),
            "{}",
            run.stderr
        );
    }
}

/// Two cells of an `.xls` far apart (A1 and `IV65536`): calamine lays out the grid between
/// them, so the file is refused like a widened DIMENSIONS record, within a memory limit.
#[test]
fn an_xls_with_a_far_cell_is_an_error() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    let mut far = std::fs::read(repo("tests/fixtures/xls/staff.xls")).unwrap();
    let at = far
        .windows(4)
        .rposition(|r| r == [0xFD, 0x00, 0x0A, 0x00])
        .expect("a shared-string label");
    far[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
    w.write("far.xls", &far);
    let run = limited(
        &w,
        &[
            "plan", "--policy", "p.toml", "--staff", "far.xls", "--out", "r.csv", "-q",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "far.xls: the sheets of this .xls workbook declare or fill a used range of 16777216 cells"
        ),
        "{}",
        run.stderr
    );
}

/// Item 13: an `.ods` of a few KB that repeats a filled row a million times is an error
/// before any cell is laid out, within a memory limit, not gigabytes and seconds of work.
/// (`tests/fixtures/xls/staff.ods` is LibreOffice's `.ods` of a two-person staff CSV.)
#[test]
fn an_ods_repeating_a_row_a_million_times_is_an_error() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    let book = std::fs::read(repo("tests/fixtures/xls/staff.ods")).unwrap();
    w.write("staff.ods", &book);
    let run = limited(
        &w,
        &[
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "staff.ods",
            "--out",
            "r.csv",
            "-q",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("stored as a number"), "{}", run.stderr);
    let repeated = rewrite_part(&book, "content.xml", |text| {
        let row = "<table:table-row table:style-name=\"ro1\">";
        let second = text.match_indices(row).nth(1).unwrap().0;
        let end = second + text[second..].find("</table:table-row>").unwrap();
        format!(
            "{}<table:table-row table:style-name=\"ro1\" table:number-rows-repeated=\"1000000\">{}<table:table-cell table:number-columns-repeated=\"60\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell>{}",
            &text[..second],
            &text[second + row.len()..end],
            &text[end..]
        )
    });
    assert!(repeated.len() < 100_000);
    w.write("repeated.ods", &repeated);
    let started = std::time::Instant::now();
    let run = limited(
        &w,
        &[
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "repeated.ods",
            "--out",
            "r.csv",
            "-q",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("repeated.ods: a sheet of this .ods workbook repeats"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// The fuzzing findings kept in `tests/fixtures/fuzz` (copies of `fuzz/findings`), each run
/// as its fuzz target reads it, within 256 MiB: an input error naming the file, never an
/// abort past a gigabyte.
fn a_fuzz_finding_is_an_input_error(finding: &str, args: &[&str], says: &str) {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    w.write(
        "staff.csv",
        "nip,name,unit,role\n198609262015051001,A,U,r\n198609262015051002,B,U,r\n",
    );
    let bytes = std::fs::read(repo(&format!("tests/fixtures/fuzz/{finding}"))).unwrap();
    w.write(finding, &bytes);
    let mut all = vec!["plan", "--policy", "p.toml", "--out", "r.csv", "-q"];
    all.extend(args);
    let run = limited(&w, &all);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{finding}:")) && run.stderr.contains(says),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("memory allocation"), "{}", run.stderr);
}

/// A staff `.ods` whose `content.xml` fails its checksum at the end, after a row repeated a
/// million times: the pre-scan counts what it read before the checksum failed.
#[test]
fn fuzz_finding_an_ods_with_a_bad_checksum_after_its_repeats() {
    a_fuzz_finding_is_an_input_error(
        "workbook-ods-oom.ods",
        &["--staff", "workbook-ods-oom.ods"],
        "a sheet of this .ods workbook repeats",
    );
}

/// A published `.xls` whose FAT links the directory's chain into a loop: refused as damaged
/// before calamine follows it.
#[test]
fn fuzz_finding_an_xls_whose_sector_chain_loops() {
    a_fuzz_finding_is_an_input_error(
        "published-xls-oom.xls",
        &[
            "--staff",
            "staff.csv",
            "--from",
            "2025-06-02",
            "--published",
            "published-xls-oom.xls",
        ],
        "loops back on itself",
    );
}

/// A requests `.xls` (an OLE header) with a ZIP inside: read as the `.xls` it claims to be
/// (and refused as damaged), not as an `.xlsx` laid out whole.
#[test]
fn fuzz_finding_an_xls_holding_a_zip() {
    a_fuzz_finding_is_an_input_error(
        "requests-xls-oom.xls",
        &["--staff", "staff.csv", "--requests", "requests-xls-oom.xls"],
        "cannot be read as one",
    );
}

/// A staff `.ods` whose `content.xml` has an end tag that does not match its start before
/// the sheet (calamine reads on) and a row 64 cells wide repeated a million times: the
/// pre-scan reads on as calamine does and refuses the 64,000,000 cells.
#[test]
fn fuzz_finding_an_ods_with_a_mismatched_end_tag_before_its_repeats() {
    a_fuzz_finding_is_an_input_error(
        "workbook-ods-end-tag-oom.ods",
        &["--staff", "workbook-ods-end-tag-oom.ods"],
        "a sheet of this .ods workbook repeats its filled rows and columns into 64000200 cells",
    );
}

/// A staff `.xlsx` whose workbook part lost its name (so the `.xlsx` reader leaves it) and
/// whose shared strings claim 10,000,000,000 texts: read only as the `.ods` it might be, and
/// refused, never handed to calamine's `.xlsx` reader, which reserved that many strings.
#[test]
fn fuzz_finding_an_xlsx_without_its_workbook_part() {
    a_fuzz_finding_is_an_input_error(
        "workbook-xlsx-no-workbook-part-oom.xlsx",
        &["--staff", "workbook-xlsx-no-workbook-part-oom.xlsx"],
        "cannot be read as one (Cannot detect file format)",
    );
}

/// A staff `.ods` whose first string cell is closed by a wrong end tag (calamine reads its
/// text on to the next cell's end) before a row 64 cells wide repeated a million times.
#[test]
fn fuzz_finding_an_ods_string_cell_closed_by_a_wrong_tag() {
    a_fuzz_finding_is_an_input_error(
        "workbook-ods-cell-end-oom.ods",
        &["--staff", "workbook-ods-cell-end-oom.ods"],
        "a sheet of this .ods workbook repeats its filled rows and columns into",
    );
}

/// A staff `.xls` with the widened DIMENSIONS record of item 12, whose last sector the end
/// of the file cuts short: calamine reads that sector short, and the pre-scan, which once
/// gave up on it, now reads it the same way and refuses the range before calamine reserves it.
#[test]
fn fuzz_finding_an_xls_widened_in_a_sector_cut_short() {
    a_fuzz_finding_is_an_input_error(
        "workbook-xls-oom.xls",
        &["--staff", "workbook-xls-oom.xls"],
        "the sheets of this .xls workbook declare or fill a used range of 547608329985 cells",
    );
}

/// Item 19: a missing column with a 200,000-column header gives one short line: the first
/// headers, and how many there are.
#[test]
fn a_missing_column_among_very_many_headers_is_one_short_line() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    let headers: Vec<String> = (0..200_000).map(|i| format!("kolom{i}")).collect();
    w.write(
        "staff.csv",
        format!("nip,name,role,{}\n", headers.join(",")),
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "staff.csv",
        "--out",
        "r.csv",
        "-q",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.len() < 2_000, "{} bytes", run.stderr.len());
    assert!(
        run.stderr.contains("`unit`") && run.stderr.contains("nip, name, role, kolom0"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(200003 in all)"), "{}", run.stderr);
    // A roster without a NIP column says the same way.
    w.write("r.csv", format!("{}\n", headers.join(",")));
    let run = w.roster(&["report", "--roster", "r.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.len() < 2_000 && run.stderr.contains("(200000 in all)"),
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
}

/// Item 20: a password-protected workbook (an OLE file holding an `EncryptedPackage`, as
/// Excel saves an encrypted `.xlsx`) is said to be one, and an empty ZIP archive is not
/// called UTF-16.
#[test]
fn an_encrypted_workbook_and_an_empty_zip_are_named_for_what_they_are() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    // The fixture's `Workbook` stream renamed `EncryptedPackage` in its directory entry.
    let mut book = std::fs::read(repo("tests/fixtures/xls/staff.xls")).unwrap();
    let name: Vec<u8> = "Workbook"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let at = book
        .windows(name.len())
        .position(|b| b == name.as_slice())
        .expect("the directory entry");
    let encrypted: Vec<u8> = "EncryptedPackage\0"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    book[at..at + encrypted.len()].copy_from_slice(&encrypted);
    book[at + 64..at + 66].copy_from_slice(&(encrypted.len() as u16).to_le_bytes());
    w.write("pegawai.xlsx", &book);
    for args in [
        &[
            "plan",
            "--policy",
            "p.toml",
            "--staff",
            "pegawai.xlsx",
            "--out",
            "r.csv",
            "-q",
        ][..],
        &["report", "--roster", "pegawai.xlsx"][..],
    ] {
        let run = w.roster(args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("pegawai.xlsx: the workbook is password-protected"),
            "{}",
            run.stderr
        );
    }
    let mut empty = b"PK\x05\x06".to_vec();
    empty.extend([0u8; 18]);
    w.write("kosong.xlsx", &empty);
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "kosong.xlsx",
        "--out",
        "r.csv",
        "-q",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("an empty ZIP archive") && !run.stderr.contains("UTF-16"),
        "{}",
        run.stderr
    );
}

/// Item 21: a line feed in the policy's or a rule's name cannot start a line of its own on
/// the terminal (a fake `error:` line): names read like the staff file's values, whitespace
/// collapsed.
#[test]
fn a_line_feed_in_a_policy_or_rule_name_cannot_fake_a_line() {
    let w = Workdir::new();
    w.write(
        "p.toml",
        "name = \"Kebijakan\\nerror: every roster was deleted\"\n[period]\nstart = 2025-06-02\nend = 2025-06-06\n[split]\nWFO = 50\nWFH = 50\n[[rule]]\nname = \"Satpol\\r\\nerror: injected\"\nunits = [\"Satpol\"]\nmode = \"WFO\"\n",
    );
    w.write("staff.csv", "nip,name,unit,role\n198001012005010001,Budi,Dinas,Staf\n198001012005010002,Ani,Dinas,Staf\n");
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "staff.csv",
        "--out",
        "r.csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines().chain(run.stderr.lines()) {
        assert!(
            !line.starts_with("error:"),
            "a faked line: {line:?}\n{}{}",
            run.stdout,
            run.stderr
        );
    }
    assert!(
        run.stdout
            .contains("Kebijakan error: every roster was deleted"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("rule `Satpol error: injected` matches nobody"),
        "{}",
        run.stderr
    );
}

/// Item 22: one mistyped pattern in a rule's list is a warning naming it and the nearest
/// names, under `--quiet` too, and an error under `--strict`.
#[test]
fn one_mistyped_pattern_in_a_list_is_a_warning() {
    let w = Workdir::new();
    w.write(
        "p.toml",
        "name = \"t\"\n[period]\nstart = 2023-09-04\nend = 2023-09-08\n[split]\nWFO = 60\nWFH = 40\n[[rule]]\nname = \"Layanan tetap di kantor\"\nunits = [\"rsud\", \"puskesmas\", \"SD Negri*\", \"SMP Negeri*\"]\nmode = \"WFO\"\n",
    );
    let staff = repo("examples/staff-kota-contoh.csv");
    let staff = staff.to_str().unwrap();
    let run = w.roster(&[
        "plan", "--policy", "p.toml", "--staff", staff, "--out", "r.csv", "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("p.toml:9: rule `Layanan tetap di kantor`: the unit pattern \"sd negri*\" matches nobody")
            && run.stderr.contains("did you mean \"SD Negeri 1 Kota Contoh\""),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("\"rsud\" matches nobody"),
        "{}",
        run.stderr
    );
    let run = w.roster(&[
        "plan", "--policy", "p.toml", "--staff", staff, "--out", "r.csv", "-q", "--strict",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

/// Item 23: `check` takes `--summary FILE` (the hint under a narrow table names it) and
/// `-q`, as `plan` does.
#[test]
fn check_writes_the_summary_and_is_quiet_on_request() {
    let w = Workdir::new();
    let plan = w.plan_example(&["--out", "r.csv", "--summary", "plan-summary.csv", "-q"]);
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    let policy = repo("policies/tangsel-wfh-2023.toml");
    let staff = repo("examples/staff-kota-contoh.csv");
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--policy",
            policy.to_str().unwrap(),
            "--staff",
            staff.to_str().unwrap(),
            "--roster",
            "r.csv",
        ];
        args.extend(extra);
        w.roster_env(&args, &[("COLUMNS", "80")])
    };
    let run = check(&["--summary", "s.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(w.read("s.csv"), w.read("plan-summary.csv"));
    assert!(run.stdout.contains("s.csv"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("with --summary FILE"),
        "{}",
        run.stdout
    );
    let run = check(&["-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    // The summary may not replace an input.
    let run = check(&["--summary", "r.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Item 25: the manual page names no page that does not exist (`roster-plan(1)`), and holds
/// every command itself; `--help` is wrapped to the terminal's width.
#[test]
fn the_manual_is_one_page_and_help_fits_the_terminal() {
    let w = Workdir::new();
    let man = w.roster(&["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(
        !man.stdout.contains("(1)"),
        "the page points at other pages"
    );
    for command in ["PLAN", "CHECK", "REPORT", "EXPLAIN", "INIT", "CALENDAR"] {
        assert!(
            man.stdout.contains(&format!(".SH \"ROSTER {command}\"")),
            "{command}"
        );
    }
    assert!(man.stdout.contains("\\-\\-requests\\-report"));
    for columns in ["72", "80"] {
        let help = w.roster_env(&["plan", "--help"], &[("COLUMNS", columns)]);
        assert_eq!(help.code, 0, "{}", help.stderr);
        let width: usize = columns.parse().unwrap();
        let long: Vec<&str> = help
            .stdout
            .lines()
            .filter(|l| unicode_width::UnicodeWidthStr::width(*l) > width)
            .collect();
        assert!(long.is_empty(), "at {columns} columns: {long:#?}");
    }
}

/// Item 24: the README says how `roster` gets onto the PATH, in its "Run it" section, before
/// the first example that calls it.
#[test]
fn the_readme_says_how_to_install_roster() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let run_it = readme.find("## Run it").expect("a Run it section");
    let install = readme
        .find("cargo install --path .")
        .expect("the install command");
    let first_call = readme
        .find("roster plan --policy")
        .expect("an example calling roster");
    assert!(
        run_it < install && install < first_call,
        "the install command comes too late"
    );
}

/// Item 31: a staff file or a workbook given as the policy (`--policy` and `--staff`
/// swapped) is said to be one; a NIP stored as a number asks for a new export, since the
/// digits are already lost (also `inputs::a_nip_stored_as_a_number_is_refused_...`).
#[test]
fn a_staff_file_given_as_the_policy_is_named() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    w.write(
        "pegawai.csv",
        "NIP,Nama,Unit,Jabatan\n198001012005010001,Budi,Dinas,Staf\n",
    );
    w.write("pegawai.xlsx", staff_workbook(&[]));
    let run = w.roster(&[
        "plan",
        "--policy",
        "pegawai.csv",
        "--staff",
        "p.toml",
        "--out",
        "r.csv",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("pegawai.csv:1:1: this is a table (its first line reads `NIP,Nama,Unit,Jabatan`), not a policy")
            && run.stderr.contains("swapped"),
        "{}",
        run.stderr
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "pegawai.xlsx",
        "--staff",
        "p.toml",
        "--out",
        "r.csv",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("pegawai.xlsx:1:1: this is a spreadsheet workbook, not a policy"),
        "{}",
        run.stderr
    );
    let run = w.roster(&["report", "--roster", "r.csv", "--policy", "pegawai.csv"]);
    assert!(run.stderr.contains("not a policy"), "{}", run.stderr);
}

/// Item 28: a transfer whose days keep their mode still appears in `--changes`, under the
/// receiving unit (its per-unit list too), naming the unit the person came from.
#[test]
fn a_transfer_with_unchanged_days_is_listed() {
    let w = Workdir::new();
    w.write(
        "p.toml",
        "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-13\n[split]\nWFO = 100\n",
    );
    w.write(
        "staff.csv",
        "nip,name,unit,role\n198001012005010001,Budi,Dinas A,Staf\n198001012005010002,Ani,Dinas B,Staf\n",
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "staff.csv",
        "--out",
        "pub.csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    w.write(
        "moved.csv",
        "nip,name,unit,role\n198001012005010001,Budi,Dinas B,Staf\n198001012005010002,Ani,Dinas B,Staf\n",
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "moved.csv",
        "--published",
        "pub.csv",
        "--from",
        "2025-06-09",
        "--out",
        "re.csv",
        "--changes",
        "ch/{unit}.csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changes = w.read("ch/Dinas B.csv");
    let rows: Vec<&str> = changes.lines().skip(1).collect();
    assert_eq!(rows.len(), 5, "{changes}");
    for (row, day) in rows.iter().zip(9..) {
        assert_eq!(
            *row,
            format!(
                "2025-06-{day:02},198001012005010001,Budi,Dinas B,WFO,WFO,transfer from Dinas A"
            )
        );
    }
}

/// Item 27: leave dates as SIASN writes them (`11-09-2023`) are read, and a leave row for
/// someone no longer in the staff file is a warning (they left), not an error.
#[test]
fn siasn_leave_dates_and_leave_of_someone_who_left() {
    let w = Workdir::new();
    let staff = std::fs::read_to_string(repo("examples/staff-kota-contoh.csv")).unwrap();
    let nip = staff
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    w.write(
        "cuti.csv",
        format!("nip,from,to,type\n{nip},11-09-2023,12-09-2023,CT\n199901012020011099,11/09/2023,15/09/2023,CT\n"),
    );
    let run = w.plan_example(&["--leave", "cuti.csv", "--out", "r.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "cuti.csv:3: NIP 199901012020011099 is not in the staff file (someone who left?)"
        ),
        "{}",
        run.stderr
    );
    let roster = w.read("r.csv");
    for date in ["2023-09-11", "2023-09-12"] {
        assert!(
            roster
                .lines()
                .any(|l| l.starts_with(&format!("{date},{nip},")) && l.contains(",LEAVE,")),
            "{date}"
        );
    }
    // A date in none of the forms says which forms are read.
    w.write(
        "bad.csv",
        format!("nip,from,to\n{nip},2023.09.11,2023.09.12\n"),
    );
    let run = w.plan_example(&["--leave", "bad.csv", "--out", "r.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("2025-03-24, 24/03/2025 or 24-03-2025"),
        "{}",
        run.stderr
    );
}

/// Item 26: the README's cron job run again for a week already planned re-plans that week:
/// its roster in the `--previous` folder is the one being replaced, left out of the history
/// with a note; a roster with days outside the window still may not be replaced.
#[test]
fn the_cron_job_run_twice_for_one_week_replans_it() {
    let w = Workdir::new();
    let staff = repo("examples/staff-kota-contoh.csv");
    let policy = repo("policies/tangsel-wfh-2023.toml");
    let cron = |today: &str| {
        w.roster(&[
            "plan",
            "--policy",
            policy.to_str().unwrap(),
            "--staff",
            staff.to_str().unwrap(),
            "--next",
            "week",
            "--today",
            today,
            "--previous",
            "rosters",
            "--out",
            "rosters/roster-{start}.csv",
        ])
    };
    let first = cron("2023-09-01");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = cron("2023-09-08");
    assert_eq!(second.code, 0, "{}", second.stderr);
    let planned = w.read("rosters/roster-2023-09-11.csv");
    // Friday again: the week of the 11th is planned again, from the same history.
    let again = cron("2023-09-08");
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains(
            "note: --previous: rosters/roster-2023-09-11.csv is the roster of this window"
        ),
        "{}",
        again.stderr
    );
    assert_eq!(w.read("rosters/roster-2023-09-11.csv"), planned);
    // A roster that holds other days is still an input no output may replace.
    let run = w.roster(&[
        "plan",
        "--policy",
        policy.to_str().unwrap(),
        "--staff",
        staff.to_str().unwrap(),
        "--from",
        "2023-09-11",
        "--to",
        "2023-09-12",
        "--previous",
        "rosters",
        "--out",
        "rosters/roster-2023-09-11.csv",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Item 30 (in part): the HTML page's filter box comes before the summary table, and under
/// `--lang id` the period reads as Indonesian dates.
#[test]
fn the_html_filter_comes_first_and_the_period_speaks_the_language() {
    let w = Workdir::new();
    let run = w.plan_example(&["--out", "r.csv", "--html", "r.html", "--lang", "id", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = w.read("r.html");
    let filter = page.find("id=\"filter\"").expect("a filter box");
    let table = page.find("<table").expect("the summary table");
    assert!(filter < table, "the filter box comes after the summary");
    assert!(
        page.contains("<p>28 Agu–27 Okt 2023, 44 hari kerja"),
        "{}",
        &page[..page.len().min(3000)]
    );
    assert!(!page.contains("2023-08-28..2023-10-27"));
}

/// Item 29: a workbook's day headers (`Tue 08/04`) that LibreOffice read month first and
/// saved as CSV dates (`2025-08-04`) are read as the days they name in the period, so
/// `check` finds the roster as it is instead of a line per cell.
#[test]
fn day_headers_a_spreadsheet_turned_into_dates_month_first_are_read() {
    let w = Workdir::new();
    let run = w.roster(&plan_fixture(&[
        "--out", "r.csv", "--wide", "wide.csv", "-q",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let wide = w.read("wide.csv");
    let (header, body) = wide.split_once('\n').unwrap();
    let header: Vec<String> = header
        .split(',')
        .map(|h| match chrono::NaiveDate::parse_from_str(h, "%Y-%m-%d") {
            // What LibreOffice makes of `Tue 08/04` (a date, month first) and of `Mon 24/03`.
            Ok(d) if chrono::Datelike::day(&d) <= 12 => format!(
                "{}-{:02}-{:02}",
                chrono::Datelike::year(&d),
                chrono::Datelike::day(&d),
                chrono::Datelike::month(&d)
            ),
            Ok(d) => d.format("%a %d/%m").to_string(),
            Err(_) => h.to_owned(),
        })
        .collect();
    assert!(header.iter().any(|h| h == "2025-08-04"), "{header:?}");
    w.write("saved.csv", format!("{}\n{body}", header.join(",")));
    let run = w.roster(&[
        "check".as_ref(),
        "--policy".as_ref(),
        repo("tests/fixtures/roundtrip/policy.toml").as_os_str(),
        "--staff".as_ref(),
        repo("tests/fixtures/roundtrip/staff.csv").as_os_str(),
        "--roster".as_ref(),
        "saved.csv".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

/// Item 30 (natural order): the summary table and the HTML page list "SMP Negeri 8" before
/// "SMP Negeri 78" before "SMP Negeri 776"; the summary CSV keeps its documented order.
#[test]
fn units_read_in_natural_order_where_people_read_them() {
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    w.write(
        "staff.csv",
        "nip,name,unit,role\n198001012005010001,A,SMP Negeri 776,Guru\n198001012005010002,B,SMP Negeri 78,Guru\n198001012005010003,C,SMP Negeri 8,Guru\n",
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "staff.csv",
        "--out",
        "r.csv",
        "--html",
        "r.html",
        "--summary",
        "s.csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let order = |text: &str| {
        let at = |name: &str| {
            text.find(&format!("{name} "))
                .or_else(|| text.find(&format!("{name}<")))
                .or_else(|| text.find(&format!("{name}\"")))
                .unwrap()
        };
        (
            at("SMP Negeri 8"),
            at("SMP Negeri 78"),
            at("SMP Negeri 776"),
        )
    };
    let (a, b, c) = order(&run.stdout);
    assert!(a < b && b < c, "{}", run.stdout);
    let page = w.read("r.html");
    let summary = &page[page.find("<table").unwrap()..];
    let (a, b, c) = order(summary);
    assert!(a < b && b < c, "the HTML summary");
    let data = &page[page.find("id=\"roster-data\"").unwrap()..];
    let (a, b, c) = order(data);
    assert!(a < b && b < c, "the HTML units");
    let csv = w.read("s.csv");
    let units: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        units,
        ["SMP Negeri 776", "SMP Negeri 78", "SMP Negeri 8", "TOTAL"]
    );
}

/// Item 30 (rest): the workbook's roster sheet lists units in natural order too, each from
/// a new printed page, and each unit's people by NIP; it reads back whole.
#[test]
fn the_workbook_roster_sheet_lists_units_in_natural_order() {
    use calamine::{Reader, Xlsx, open_workbook};
    let w = Workdir::new();
    w.write("p.toml", WEEK);
    w.write(
        "staff.csv",
        "nip,name,unit,role\n198001012005010001,A,SMP Negeri 776,Guru\n198001012005010004,D,SMP Negeri 8,Guru\n198001012005010002,B,SMP Negeri 78,Guru\n198001012005010003,C,SMP Negeri 8,Guru\n",
    );
    let run = w.roster(&[
        "plan",
        "--policy",
        "p.toml",
        "--staff",
        "staff.csv",
        "--out",
        "r.csv",
        "--xlsx",
        "r.xlsx",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book: Xlsx<_> = open_workbook(w.path("r.xlsx")).unwrap();
    let sheet = book.worksheet_range("Roster").unwrap();
    let people: Vec<(String, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| (r[2].to_string(), r[1].to_string()))
        .collect();
    let expected = [
        ("SMP Negeri 8", "C"),
        ("SMP Negeri 8", "D"),
        ("SMP Negeri 78", "B"),
        ("SMP Negeri 776", "A"),
    ]
    .map(|(u, n)| (u.to_owned(), n.to_owned()));
    assert_eq!(people, expected);
    // A page break before each unit but the first: before rows 4 and 5 (from 1).
    let mut zip = zip::ZipArchive::new(std::fs::File::open(w.path("r.xlsx")).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains("<brk id=\"3\"") && xml.contains("<brk id=\"4\""),
        "{xml}"
    );
    // The long roster keeps its documented order (by unit as text).
    let long = w.read("r.csv");
    assert!(long.find("SMP Negeri 776").unwrap() < long.find("SMP Negeri 8").unwrap());
}

/// The user CPU seconds of `roster` with `args` in `w` (bash's `time`, which counts the
/// process's own work: writing files' system time and the disk's syncs are left out).
/// The least CPU time of three runs: a busy machine (other builds, other tests) adds to a
/// run's time, never takes from it, so the least is the steadiest figure.
fn user_seconds(w: &Workdir, args: &[&str]) -> f64 {
    (0..3)
        .map(|_| user_seconds_once(w, args))
        .fold(f64::INFINITY, f64::min)
}

fn user_seconds_once(w: &Workdir, args: &[&str]) -> f64 {
    let command = format!(
        "TIMEFORMAT=%U; time {} {} >/dev/null 2>/dev/null",
        env!("CARGO_BIN_EXE_roster"),
        args.iter()
            .map(|a| format!("'{a}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &command])
        .current_dir(w.path(""))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr).trim().parse().unwrap()
}

/// Item 14: a file per unit costs its own rows: 3,000 units of one person each (1,000 by
/// default; 3,000 in the slow run), with the long and the wide roster per unit, take no more
/// than a few times the work of one file each.
#[test]
fn outputs_per_unit_cost_their_own_rows() {
    let w = Workdir::new();
    let units = crate::support::scale(1000, 3000);
    many_units(&w, units);
    let one = user_seconds(
        &w,
        &[
            "plan",
            "--policy",
            "old.toml",
            "--staff",
            "staff.csv",
            "--out",
            "r.csv",
            "--wide",
            "w.csv",
            "-q",
        ],
    );
    let per_unit = user_seconds(
        &w,
        &[
            "plan",
            "--policy",
            "old.toml",
            "--staff",
            "staff.csv",
            "--out",
            "opd/{unit}.csv",
            "--wide",
            "wide/{unit}.csv",
            "-q",
        ],
    );
    assert_eq!(std::fs::read_dir(w.path("opd")).unwrap().count(), units);
    assert!(
        per_unit < 4.0 * one + 1.0,
        "one file each: {one:.2} s; a file per unit: {per_unit:.2} s"
    );
}

/// A long roster workbook as Excel saves one: shared strings, one row per person-day of
/// `people` people over the working days from 2025-06-02 to 2025-07-25, everyone fixed in
/// the office by the rule `all`. Written as a deflated ZIP by hand: the workbook writer
/// would hold the sheet.
fn large_roster_workbook(people: usize) -> Vec<u8> {
    use std::io::Write;
    let days: Vec<String> = (0..56)
        .map(|i| chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap() + chrono::Duration::days(i))
        .filter(|d| chrono::Datelike::weekday(d).number_from_monday() <= 5)
        .map(|d| d.to_string())
        .collect();
    let mut strings: Vec<String> = [
        "date", "nip", "name", "unit", "team", "role", "mode", "group", "rule", "Staf", "WFO",
        "all",
    ]
    .map(String::from)
    .to_vec();
    let first_day = strings.len();
    strings.extend(days.iter().cloned());
    let first_person = strings.len();
    for p in 0..people {
        strings.push(format!("19800101200501{p:04}"));
        strings.push(format!("Pegawai {p}"));
    }
    let first_unit = strings.len();
    for u in 0..20 {
        strings.push(format!("Dinas {u}"));
    }
    let mut sst = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{0}\" uniqueCount=\"{0}\">",
        strings.len()
    );
    for s in &strings {
        sst.push_str(&format!("<si><t>{s}</t></si>"));
    }
    sst.push_str("</sst>");
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">",
    );
    for (c, letter) in "ABCDEFGHI".chars().enumerate() {
        sheet.push_str(&format!("<c r=\"{letter}1\" t=\"s\"><v>{c}</v></c>"));
    }
    sheet.push_str("</row>");
    let mut r = 1;
    for d in 0..days.len() {
        for p in 0..people {
            r += 1;
            let cells = [
                ('A', first_day + d),
                ('B', first_person + 2 * p),
                ('C', first_person + 2 * p + 1),
                ('D', first_unit + p % 20),
                ('F', 9),
                ('G', 10),
                ('I', 11),
            ];
            sheet.push_str(&format!("<row r=\"{r}\">"));
            for (letter, s) in cells {
                sheet.push_str(&format!("<c r=\"{letter}{r}\" t=\"s\"><v>{s}</v></c>"));
            }
            sheet.push_str("</row>");
        }
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>".to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_owned(),
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Roster\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>".to_owned(),
        ),
        ("xl/sharedStrings.xml", sst),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, text) in parts {
        out.start_file(name, deflated).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Item 13 (rest): a large genuine `.xlsx` roster is read a row at a time: 100,000
/// person-days (700,000 cells) are checked and reported within 64 MiB, where the reader that
/// laid the sheet out could not (its memory grew with the sheet: 331 MB at 400,000).
#[test]
fn a_large_xlsx_roster_is_read_a_row_at_a_time() {
    let w = Workdir::new();
    let people = 2_500;
    w.write(
        "p.toml",
        "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-07-25\n[split]\nWFO = 50\nWFH = 50\n[[rule]]\nname = \"all\"\nroles = [\"staf\"]\nmode = \"WFO\"\n",
    );
    let mut staff = String::from("nip,name,unit,role\n");
    for p in 0..people {
        staff.push_str(&format!(
            "19800101200501{p:04},Pegawai {p},Dinas {},Staf\n",
            p % 20
        ));
    }
    w.write("staff.csv", &staff);
    w.write("big.xlsx", large_roster_workbook(people));
    let run = limited_to(
        &w,
        64,
        &[
            "check",
            "--policy",
            "p.toml",
            "--staff",
            "staff.csv",
            "--roster",
            "big.xlsx",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let run = limited_to(
        &w,
        64,
        &[
            "report", "--roster", "big.xlsx", "--by", "unit", "--format", "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l == "Dinas 7,125,5000,5000,0,0,0,0,100.0,0.0"),
        "{}",
        run.stdout
    );
}

/// A long roster of `units` units of two people each over two days, in the long roster's
/// order (date, unit, NIP): four person-days a unit, the second person of each on WFH.
fn roster_of_many_units(units: usize) -> String {
    let mut text = String::from("date,nip,name,unit,team,role,mode,group,rule\n");
    for date in ["2025-06-06", "2025-06-09"] {
        for u in 0..units {
            for p in 0..2 {
                let mode = if p == 0 { "WFO" } else { "WFH" };
                text.push_str(&format!(
                    "{date},19800101200{u:06}{p},P{u}-{p},Unit {u:06},,Staf,{mode},,\n"
                ));
            }
        }
    }
    text
}

/// Item 15: `report` holds a bounded batch of entries, not one per unit-week and
/// person-week: 60,000 units of two people over two ISO weeks (240,000 person-days) are
/// reported by unit, by week and by person within 64 MiB, where they took about 100 MB
/// (memory grew with the units), and each unit and person is counted across the batches.
#[test]
fn a_report_of_very_many_units_and_people_is_bounded() {
    let w = Workdir::new();
    let units = 60_000;
    w.write("r.csv", roster_of_many_units(units));
    for (by, rows, sample) in [
        ("unit", units, "Unit 012345,2,4,2,2,0,0,0,50.0,50.0"),
        (
            "week",
            2 * units,
            "2025-W24,Unit 012345,2,2,1,1,0,0,0,50.0,50.0",
        ),
        (
            "person",
            4 * units,
            "2025-W23,198001012000123451,P12345-1,Unit 012345,1,1,0,1,0,0,0,0.0,100.0",
        ),
    ] {
        let out = format!("{by}.csv");
        let run = limited_to(
            &w,
            64,
            &[
                "report", "--roster", "r.csv", "--by", by, "--format", "csv", "--out", &out,
            ],
        );
        assert_eq!(run.code, 0, "--by {by}: {}", run.stderr);
        let text = w.read(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), rows + 1, "--by {by}");
        assert!(lines.contains(&sample), "--by {by}: {sample}");
        // One row per key, in order.
        assert!(lines[1..].windows(2).all(|p| p[0] < p[1]), "--by {by}");
    }
}
