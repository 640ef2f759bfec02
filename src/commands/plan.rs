//! `roster plan`: plan, audit and write the roster.

use super::{Inputs, csv_io, refuse_overwriting_inputs, rehearse, warn};
use crate::audit::{Audit, Report};
use crate::carry::Carry;
use crate::cli::PlanArgs;
use crate::error::{Error, Result, exit};
use crate::planner::{Cell, Overrides, Planner, Repairs, repairs};
use crate::progress::Progress;
use crate::resolve::Resolver;
use crate::terminal::Terminal;
use crate::window::next_window;
use crate::writers::dialect::Dialect;
use crate::writers::html;
use crate::writers::long::LongWriter;
use crate::writers::output::{Pending, Sink, Target, commit};
use crate::writers::summary;
use crate::writers::wide::WideRoster;
use crate::writers::xlsx;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;

pub fn plan(args: &PlanArgs, terminal: Terminal) -> Result<u8> {
    let window = match (args.from.zip(args.to), args.next) {
        (Some(window), _) => Some(window),
        (None, Some(next)) => {
            let today = args
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            Some(next_window(next, today).ok_or_else(|| {
                Error::Usage(format!(
                    "--today {today} is too close to the end of the calendar to plan after it"
                ))
            })?)
        }
        (None, None) => None,
    };
    let inputs = Inputs::load(
        &args.inputs.policy,
        &args.inputs.staff,
        args.inputs.leave.as_deref(),
        window,
    )?;
    let (policy, staff) = (&inputs.policy, &inputs.staff);

    // Output paths, with their placeholders filled in, must not name an input.
    let policy_stem = args
        .inputs
        .policy
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expand =
        |path: &Path| expand_path(path, policy.period.start, policy.period.end, &policy_stem);
    let out = expand(&args.out);
    let wide_path = args.wide.as_deref().map(expand);
    let summary_path = args.summary.as_deref().map(expand);
    let xlsx_path = args.xlsx.as_deref().map(expand);
    let html_path = args.html.as_deref().map(expand);
    let mut input_paths: Vec<&Path> = vec![&args.inputs.policy, &args.inputs.staff];
    input_paths.extend(args.inputs.leave.as_deref());
    input_paths.extend(args.previous.iter().map(PathBuf::as_path));
    let mut outputs: Vec<(&str, &Path)> = vec![("--out", &out)];
    outputs.extend(wide_path.as_deref().map(|p| ("--wide", p)));
    outputs.extend(summary_path.as_deref().map(|p| ("--summary", p)));
    outputs.extend(xlsx_path.as_deref().map(|p| ("--xlsx", p)));
    outputs.extend(html_path.as_deref().map(|p| ("--html", p)));
    if xlsx_path.is_some() && staff.people.len() > xlsx::MAX_PEOPLE {
        return Err(Error::Usage(format!(
            "--xlsx: {} people do not fit on one Excel sheet ({} rows at most); use --wide for a CSV",
            staff.people.len(),
            xlsx::MAX_PEOPLE
        )));
    }
    refuse_overwriting_inputs(&input_paths, &outputs)?;
    let stdout_outputs = outputs.iter().filter(|(_, p)| *p == Path::new("-")).count();
    if stdout_outputs > 1 {
        return Err(Error::Usage(
            "only one output can go to standard output (-)".into(),
        ));
    }

    let resolver = Resolver::new(policy, staff, &inputs.leave);
    warn(&resolver, &args.inputs.policy, args.strict, args.quiet)?;
    let carry = if args.previous.is_empty() {
        Carry::default()
    } else {
        read_previous(&resolver, &args.previous)?
    };

    let roster_target = Target::parse(&out);
    let to_stdout = roster_target == Target::Stdout;
    let dialect = Dialect::new(args.presentation.csv_style, args.presentation.delimiter)?;
    let destinations = Destinations {
        roster: roster_target,
        out: &out,
        wide: wide_path.as_deref(),
        html: html_path.as_deref(),
        xlsx: xlsx_path.as_deref(),
        summary: summary_path.as_deref(),
        dialect,
    };
    let progress = terminal.progress && !args.quiet;
    // Where the day-by-day plan leaves a guarantee unmet, an exact search per unit replaces
    // its rotation. Files are written on the first pass and rewritten only then; standard
    // output cannot be taken back, so it waits for a rehearsal.
    let no_repairs = Overrides::default();
    let write = |repaired: &Overrides, progress: bool| {
        write_plan(&resolver, &carry, repaired, &destinations, args, progress)
    };
    let (first, audited) = if to_stdout {
        (None, rehearse(&resolver, &carry, &no_repairs))
    } else {
        let (pending, report) = write(&no_repairs, progress)?;
        (Some(pending), report)
    };
    let repaired = if audited.is_clean() {
        Repairs::default()
    } else {
        repairs(&resolver, &carry, &audited)
    };
    let (pending, report) = match first {
        Some(pending) if repaired.planned.is_empty() => (pending, audited),
        // Written (again) with the repaired units; a first pass's files are dropped unmoved.
        first => {
            let shown = first.is_none();
            drop(first);
            write(&repaired.planned, progress && shown)?
        }
    };
    let undecided = repaired.undecided;
    commit(pending)?;

    let note = (!args.previous.is_empty()).then(|| carry_note(&carry));
    print_outcome(&report, &resolver, args, terminal, to_stdout, note);
    if !undecided.is_empty() {
        let units: Vec<&str> = (undecided.iter())
            .map(|&u| resolver.staff.units[u as usize].as_str())
            .collect();
        eprintln!(
            "note: no roster meeting every guarantee was found in {}, but none was proven impossible either: the exact search takes units of up to {} rotating person-days and a fixed number of steps; the roster above is the best found",
            units.join(", "),
            crate::planner::MAX_PERSON_DAYS
        );
    }
    Ok(if report.is_clean() {
        exit::OK
    } else {
        exit::UNMET
    })
}

/// Where a plan goes: the roster and each optional output, with their paths filled in.
struct Destinations<'a> {
    roster: Target,
    out: &'a Path,
    wide: Option<&'a Path>,
    html: Option<&'a Path>,
    xlsx: Option<&'a Path>,
    summary: Option<&'a Path>,
    dialect: Dialect,
}

/// Plans (taking `repaired` units from the exact search), audits and writes every output to
/// its temporary file; nothing is in place until the pending files are committed.
fn write_plan(
    resolver: &Resolver,
    carry: &Carry,
    repaired: &Overrides,
    to: &Destinations,
    args: &PlanArgs,
    progress: bool,
) -> Result<(Vec<Pending>, Report)> {
    let staff = resolver.staff;
    let presentation = &args.presentation;
    let dialect = to.dialect;
    let (out, wide_path, html_path, xlsx_path, summary_path) =
        (to.out, to.wide, to.html, to.xlsx, to.summary);
    let long = LongWriter::new(Sink::open(&to.roster)?, resolver, dialect)
        .map_err(|e| Error::io(out, e))?;
    // The wide form feeds the wide CSV, the workbook and the HTML page.
    let mut wide = (wide_path.is_some() || xlsx_path.is_some() || html_path.is_some())
        .then(|| WideRoster::new(staff.people.len(), resolver.days.len()));
    let mut audit = Audit::new(resolver, carry);
    let mut planner = Planner::new(resolver, carry).with_overrides(repaired);
    // The second core writes the long roster while this one plans the next day.
    let (sink, report) = std::thread::scope(|scope| {
        // One day in flight: enough to keep both cores busy, and a day is staff-sized.
        let (days, received) = std::sync::mpsc::sync_channel::<(usize, Vec<Cell>)>(1);
        let writer = scope.spawn(|| {
            let mut long = long;
            for (day, cells) in received {
                long.write_day(resolver, day, &cells)?;
            }
            long.into_inner()
        });
        let mut modes = Vec::with_capacity(staff.people.len());
        let mut progress = Progress::new(progress, resolver.days.len() as u64);
        while let Some((day, cells)) = planner.next_day() {
            progress.tick();
            if let Some(wide) = wide.as_mut() {
                wide.record_day(day, cells);
            }
            modes.clear();
            modes.extend(cells.iter().map(|c| Some(c.mode)));
            audit.observe_day(day, &modes);
            // A send fails only when the writer has stopped on an error, reported below.
            if days.send((day, cells.to_vec())).is_err() {
                break;
            }
        }
        drop(days);
        progress.finish();
        let sink = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (sink, audit.finish())
    });
    let mut report = report;
    if resolver.policy.rotation.pattern.is_alternating() {
        report.pattern_swaps = Some(planner.pattern_swaps());
    }
    let mut pending = vec![sink.map_err(|e| Error::io(out, e))?.finish()?];
    if let (Some(path), Some(wide)) = (&wide_path, &wide) {
        let sink = Sink::open(&Target::parse(path))?;
        pending.push(
            wide.write(resolver, sink, &dialect)
                .map_err(|e| Error::io(path, e))?
                .finish()?,
        );
    }
    if let (Some(path), Some(wide)) = (&html_path, &wide) {
        let sink = Sink::open(&Target::parse(path))?;
        pending.push(
            html::write(resolver, wide, presentation.lang, sink)
                .map_err(|e| Error::io(path, e))?
                .finish()?,
        );
    }
    if let (Some(path), Some(wide)) = (&xlsx_path, &wide) {
        let mut sink = Sink::open(&Target::parse(path))?;
        xlsx::write(resolver, wide, &report, presentation.lang, &mut sink)
            .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
        pending.push(sink.finish()?);
    }
    if let Some(path) = &summary_path {
        let sink = Sink::open(&Target::parse(path))?;
        pending.push(
            summary::write_csv(&report, sink, &dialect)
                .map_err(|e| csv_io(path, e))?
                .finish()?,
        );
    }
    Ok((pending, report))
}

/// The summary table (stdout, or stderr when the roster went to stdout) and every unmet
/// guarantee (stderr).
fn print_outcome(
    report: &Report,
    resolver: &Resolver,
    args: &PlanArgs,
    terminal: Terminal,
    roster_on_stdout: bool,
    note: Option<String>,
) {
    let lang = args.presentation.lang;
    let l = lang.labels();
    if !args.quiet {
        let policy = resolver.policy;
        let heading = format!(
            "{} — {}..{}, {} {}, {} {}\n",
            policy.name,
            policy.period.start,
            policy.period.end,
            resolver.days.len(),
            l.working_days,
            resolver.staff.people.len(),
            l.staff_count
        );
        let color = if roster_on_stdout {
            terminal.color_stderr
        } else {
            terminal.color_stdout
        };
        let text = format!(
            "{heading}{}{}",
            summary::render_table(report, lang, color),
            note.unwrap_or_default()
        );
        if roster_on_stdout {
            let _ = std::io::stderr().write_all(text.as_bytes());
        } else {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    if !report.violations.is_empty() {
        let text = summary::render_violations(report, Some(20), lang);
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

/// Fills `{start}`, `{end}` and `{policy}` into an output path.
fn expand_path(path: &Path, start: NaiveDate, end: NaiveDate, policy: &str) -> PathBuf {
    let text = path.to_string_lossy();
    if !text.contains('{') {
        return path.to_owned();
    }
    PathBuf::from(
        text.replace("{start}", &start.to_string())
            .replace("{end}", &end.to_string())
            .replace("{policy}", policy),
    )
}

/// The rosters `--previous` names: files as given, folders as every `.csv` in them (sorted).
fn previous_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io(path, e))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn read_previous(resolver: &Resolver, paths: &[PathBuf]) -> Result<Carry> {
    Carry::read(resolver, &previous_files(paths)?)
}

/// What `--previous` carried over, for the summary.
fn carry_note(carry: &Carry) -> String {
    let mut text = format!(
        "Previous roster: {} people continue their counts",
        carry.continued
    );
    if !carry.joined.is_empty() {
        const SHOWN: usize = 10;
        let mut list = carry
            .joined
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if carry.joined.len() > SHOWN {
            list.push_str(&format!(", ... ({} in all)", carry.joined.len()));
        }
        text.push_str(&format!(
            "; {} start at their pool's average (new, or moved to another unit): {list}",
            carry.joined.len()
        ));
    }
    if !carry.left.is_empty() {
        text.push_str(&format!(
            "; {} no longer in the staff file are ignored",
            carry.left.len()
        ));
    }
    text.push_str(".\n");
    text
}
