//! `roster plan`: plan, audit and write the roster.

use super::settle::{PlanRun, Previous};
use super::{csv_io, rehearse, warn};
use crate::audit::{Audit, Report};
use crate::carry::Carry;
use crate::cli::PlanArgs;
use crate::error::{Error, Result, exit};
use crate::lang::run_text;
use crate::leave::Leave;
use crate::planner::{Cell, Overrides, Planner, Repairs, repairs};
use crate::progress::Progress;
use crate::resolve::Resolver;
use crate::staff::Staff;
use crate::terminal::{self, Stream, Terminal, Text};
use crate::writers::Part;
use crate::writers::html;
use crate::writers::long::LongWriter;
use crate::writers::output::{Destination, Pending, Sink, Target, commit};
use crate::writers::summary;
use crate::writers::wide::WideRoster;
use crate::writers::xlsx;

pub fn plan(args: &PlanArgs, terminal: Terminal) -> Result<u8> {
    let mut run = PlanRun::settle(args)?;
    let staff = Staff::read(&run.staff, &run.options)?;
    run.outputs.expand_units(&staff.units)?;
    let leave = match &run.leave {
        Some(path) => Leave::read(path, &staff, &run.options)?,
        None => Leave::default(),
    };
    let (policy, staff) = (&run.policy, &staff);
    if run.outputs.get("--xlsx").is_some() && staff.people.len() > xlsx::MAX_PEOPLE {
        return Err(Error::Usage(run_text(
            |m| m.xlsx_too_big,
            &[
                ("people", &staff.people.len().to_string()),
                ("max", &xlsx::MAX_PEOPLE.to_string()),
            ],
        )));
    }

    let resolver = Resolver::new(policy, staff, &leave);
    warn(&resolver, &args.inputs.policy, run.strict, run.quiet)?;
    if !run.quiet {
        say_what_previous_skips(&run.previous);
    }
    let carry = if run.previous.files.is_empty() {
        Carry::default()
    } else {
        Carry::read(&resolver, &run.previous.files, &run.options)?
    };

    let to_stdout = run.outputs.get("--out") == Some(&Destination::One(Target::Stdout));
    let progress = terminal.progress && !run.quiet;
    // Where the day-by-day plan leaves a guarantee unmet, an exact search per unit replaces
    // its rotation. Files are written on the first pass and rewritten only then; standard
    // output cannot be taken back, so it waits for a rehearsal.
    let no_repairs = Overrides::default();
    let write = |repaired: &Overrides, progress: bool| {
        write_plan(&resolver, &carry, repaired, &run, progress)
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

    let note = (!run.previous.files.is_empty()).then(|| carry_note(&carry));
    print_outcome(&report, &resolver, &run, terminal, to_stdout, note);
    if !undecided.is_empty() {
        let units: Vec<&str> = (undecided.iter())
            .map(|&u| resolver.staff.units[u as usize].as_str())
            .collect();
        super::eprint(&format!(
            "{}: {}\n",
            run_text(|m| m.note, &[]),
            run_text(
                |m| m.undecided,
                &[
                    ("units", &units.join(", ")),
                    ("max", &crate::planner::MAX_PERSON_DAYS.to_string()),
                ],
            )
        ));
    }
    Ok(if report.is_clean() {
        exit::OK
    } else {
        exit::UNMET
    })
}

/// Plans (taking `repaired` units from the exact search), audits and writes every output to
/// its temporary file; nothing is in place until the pending files are committed.
fn write_plan(
    resolver: &Resolver,
    carry: &Carry,
    repaired: &Overrides,
    run: &PlanRun,
    progress: bool,
) -> Result<(Vec<Pending>, Report)> {
    let staff = resolver.staff;
    let (lang, dialect) = (run.lang, run.dialect);
    let target = |flag| run.outputs.get(flag);
    let roster = target("--out").expect("--out has a default");
    let (wide_path, html_path, xlsx_path, summary_path) = (
        target("--wide"),
        target("--html"),
        target("--xlsx"),
        target("--summary"),
    );
    // One long roster is streamed while planning; a file per unit is written afterwards from
    // the recorded roster.
    let streamed = match roster {
        Destination::One(target) => Some((
            target,
            LongWriter::new(Sink::open(target)?, resolver, dialect)
                .map_err(|e| Error::io(target.name(), e))?,
        )),
        Destination::PerUnit { .. } => None,
    };
    // The recorded form feeds the wide CSV, the workbook, the HTML page and per-unit rosters.
    let mut wide =
        (wide_path.is_some() || xlsx_path.is_some() || html_path.is_some() || streamed.is_none())
            .then(|| {
                let wide = WideRoster::new(staff.people.len(), resolver.days.len());
                if streamed.is_none() {
                    wide.with_sources()
                } else {
                    wide
                }
            });
    let mut audit = Audit::new(resolver, carry).in_lang(run.lang);
    let mut planner = Planner::new(resolver, carry).with_overrides(repaired);
    // The second core writes the long roster while this one plans the next day.
    let (long, report) = std::thread::scope(|scope| {
        // One day in flight: enough to keep both cores busy, and a day is staff-sized.
        let (days, received) = std::sync::mpsc::sync_channel::<(usize, Vec<Cell>)>(1);
        let writer = scope.spawn(|| {
            let Some((target, mut long)) = streamed else {
                return Ok(None);
            };
            for (day, cells) in received {
                long.write_day(resolver, day, &cells)
                    .map_err(|e| Error::io(target.name(), e))?;
            }
            long.into_inner()
                .map_err(|e| Error::io(target.name(), e))
                .map(Some)
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
            // A send fails only when the writer has stopped (on an error, reported below, or
            // because the roster is written per unit later).
            let _ = days.send((day, cells.to_vec()));
        }
        drop(days);
        progress.finish();
        let long = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (long, audit.finish())
    });
    let mut report = report;
    if resolver.policy.rotation.pattern.is_alternating() {
        report.pattern_swaps = Some(planner.pattern_swaps());
    }
    let mut pending = Vec::new();
    if let Some(sink) = long? {
        pending.push(sink.finish()?);
    }
    let wide = wide.as_ref();
    if let (Destination::PerUnit { .. }, Some(wide)) = (roster, wide) {
        for (target, part) in parts(roster, staff, &report) {
            let mut long = LongWriter::new(Sink::open(target)?, resolver, dialect)
                .map_err(|e| Error::io(target.name(), e))?;
            long.write_people(resolver, wide, part.people)
                .map_err(|e| Error::io(target.name(), e))?;
            let sink = long.into_inner().map_err(|e| Error::io(target.name(), e))?;
            pending.push(sink.finish()?);
        }
    }
    if let (Some(destination), Some(wide)) = (wide_path, wide) {
        for (target, part) in parts(destination, staff, &report) {
            let sink = Sink::open(target)?;
            pending.push(
                wide.write(resolver, part.people, sink, &dialect)
                    .map_err(|e| Error::io(target.name(), e))?
                    .finish()?,
            );
        }
    }
    if let (Some(destination), Some(wide)) = (html_path, wide) {
        for (target, part) in parts(destination, staff, &report) {
            let sink = Sink::open(target)?;
            pending.push(
                html::write(resolver, wide, &part, lang, sink)
                    .map_err(|e| Error::io(target.name(), e))?
                    .finish()?,
            );
        }
    }
    if let (Some(destination), Some(wide)) = (xlsx_path, wide) {
        for (target, part) in parts(destination, staff, &report) {
            let mut sink = Sink::open(target)?;
            xlsx::write(resolver, wide, &part, lang, &mut sink)
                .map_err(|e| Error::io(target.name(), std::io::Error::other(e.to_string())))?;
            pending.push(sink.finish()?);
        }
    }
    if let Some(destination) = summary_path {
        for (target, part) in parts(destination, staff, &report) {
            let sink = Sink::open(target)?;
            pending.push(
                summary::write_csv(&part.rows, sink, &dialect)
                    .map_err(|e| csv_io(&target.name(), e))?
                    .finish()?,
            );
        }
    }
    Ok((pending, report))
}

/// The files an output flag writes, each with what it holds.
fn parts<'a>(
    destination: &'a Destination,
    staff: &Staff,
    report: &'a Report,
) -> Vec<(&'a Target, Part<'a>)> {
    match destination {
        Destination::One(target) => vec![(target, Part::whole(staff, report))],
        Destination::PerUnit { files, .. } => files
            .iter()
            .enumerate()
            .filter_map(|(unit, target)| Some((target, Part::unit(staff, report, unit)?)))
            .collect(),
    }
}

/// The summary table (stdout, or stderr when the roster went to stdout) and every unmet
/// guarantee (stderr).
fn print_outcome(
    report: &Report,
    resolver: &Resolver,
    run: &PlanRun,
    terminal: Terminal,
    roster_on_stdout: bool,
    note: Option<String>,
) {
    let lang = run.lang;
    let l = lang.labels();
    if !run.quiet {
        let policy = resolver.policy;
        let period = format!("{}..{}", policy.period.start, policy.period.end);
        let heading = format!(
            "{} — {}, {} {}, {} {}\n",
            policy.name,
            lang.dates(&period),
            resolver.days.len(),
            l.working_days,
            resolver.staff.people.len(),
            l.staff_count
        );
        let (color, width) = if roster_on_stdout {
            (terminal.color_stderr, terminal.width_stderr)
        } else {
            (terminal.color_stdout, terminal.width_stdout)
        };
        let full_table = match run.outputs.get("--summary") {
            Some(Destination::One(Target::File(path))) => Some(path.display().to_string()),
            Some(Destination::PerUnit { template, .. }) => Some(template.display().to_string()),
            _ => None,
        };
        let fit = summary::Fit {
            width,
            full_table: full_table.as_deref(),
        };
        let stream = if roster_on_stdout {
            Stream::Stderr
        } else {
            Stream::Stdout
        };
        // The table escapes its data itself and may carry colour codes of its own.
        let table = summary::render_table(report, lang, color, &fit);
        let heading = match width {
            Some(width) => format!(
                "{}\n",
                textwrap::fill(heading.trim_end(), usize::from(width))
            ),
            None => heading,
        };
        let _ = terminal::write(stream, &heading, Text::Plain)
            .and_then(|()| terminal::write(stream, &table, Text::Styled))
            .and_then(|()| terminal::write(stream, &note.unwrap_or_default(), Text::Plain));
    }
    if !report.violations.is_empty() {
        super::eprint(&summary::render_violations(report, Some(20), lang));
    }
}

/// Says which earlier rosters are not read: folders still to be made, and entries of a folder
/// that are not files.
fn say_what_previous_skips(previous: &Previous) {
    let t = &crate::lang::Lang::messages().labels().warnings;
    let say = |template, path: &std::path::Path| {
        crate::lang::fill_named(template, &[("path", &path.display().to_string())])
    };
    for folder in &previous.missing {
        let note = run_text(|m| m.note, &[]);
        super::eprint(&format!("{note}: {}\n", say(t.previous_missing, folder)));
    }
    for path in &previous.skipped {
        let warning = run_text(|m| m.warning, &[]);
        super::eprint(&format!("{warning}: {}\n", say(t.previous_skipped, path)));
    }
}

/// What `--previous` carried over, for the summary.
fn carry_note(carry: &Carry) -> String {
    let count = |n: usize| n.to_string();
    let mut text = run_text(|m| m.carry_continue, &[("n", &count(carry.continued))]);
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
            list.push_str(&run_text(
                |m| m.carry_in_all,
                &[("n", &count(carry.joined.len()))],
            ));
        }
        text.push_str(&run_text(
            |m| m.carry_joined,
            &[("n", &count(carry.joined.len())), ("list", &list)],
        ));
    }
    if !carry.left.is_empty() {
        text.push_str(&run_text(
            |m| m.carry_left,
            &[("n", &count(carry.left.len()))],
        ));
    }
    text.push_str(".\n");
    text
}
