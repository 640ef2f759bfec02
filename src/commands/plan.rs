//! `roster plan`: plan, audit and write the roster.

use super::{Inputs, csv_io, refuse_overwriting_inputs, warn};
use crate::audit::{Audit, Report};
use crate::carry::Carry;
use crate::cli::PlanArgs;
use crate::error::{Error, Result, exit};
use crate::planner::{Cell, Planner};
use crate::policy::Policy;
use crate::resolve::Resolver;
use crate::roster_file::{self, Shape};
use crate::window::next_window;
use crate::writers::long::LongWriter;
use crate::writers::output::{Sink, Target, commit};
use crate::writers::summary;
use crate::writers::wide::WideRoster;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;

pub fn plan(args: &PlanArgs) -> Result<u8> {
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
    let inputs = Inputs::load(&args.policy, &args.staff, args.leave.as_deref(), window)?;
    let (policy, staff) = (&inputs.policy, &inputs.staff);

    // Output paths, with their placeholders filled in, must not name an input.
    let policy_stem = args
        .policy
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expand =
        |path: &Path| expand_path(path, policy.period.start, policy.period.end, &policy_stem);
    let out = expand(&args.out);
    let wide_path = args.wide.as_deref().map(expand);
    let summary_path = args.summary.as_deref().map(expand);
    let mut input_paths: Vec<&Path> = vec![&args.policy, &args.staff];
    input_paths.extend(args.leave.as_deref());
    input_paths.extend(args.previous.iter().map(PathBuf::as_path));
    let mut outputs: Vec<(&str, &Path)> = vec![("--out", &out)];
    outputs.extend(wide_path.as_deref().map(|p| ("--wide", p)));
    outputs.extend(summary_path.as_deref().map(|p| ("--summary", p)));
    refuse_overwriting_inputs(&input_paths, &outputs)?;
    let stdout_outputs = outputs.iter().filter(|(_, p)| *p == Path::new("-")).count();
    if stdout_outputs > 1 {
        return Err(Error::Usage(
            "only one output can go to standard output (-)".into(),
        ));
    }

    let resolver = Resolver::new(policy, staff, &inputs.leave);
    warn(&resolver, &args.policy, args.strict, args.quiet)?;
    let carry = if args.previous.is_empty() {
        Carry::default()
    } else {
        read_previous(&resolver, &args.previous)?
    };

    let roster_target = Target::parse(&out);
    let to_stdout = roster_target == Target::Stdout;
    let long =
        LongWriter::new(Sink::open(&roster_target)?, &resolver).map_err(|e| Error::io(&out, e))?;
    let mut wide = wide_path
        .as_ref()
        .map(|_| WideRoster::new(staff.people.len(), resolver.days.len()));
    let mut audit = Audit::new(&resolver, &carry);
    let mut planner = Planner::new(&resolver, &carry);
    // The second core writes the long roster while this one plans the next day.
    let (sink, report) = std::thread::scope(|scope| {
        // One day in flight: enough to keep both cores busy, and a day is staff-sized.
        let (days, received) = std::sync::mpsc::sync_channel::<(usize, Vec<Cell>)>(1);
        let writer = scope.spawn(|| {
            let mut long = long;
            for (day, cells) in received {
                long.write_day(&resolver, day, &cells)?;
            }
            long.into_inner()
        });
        let mut modes = Vec::with_capacity(staff.people.len());
        while let Some((day, cells)) = planner.next_day() {
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
        let sink = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (sink, audit.finish())
    });
    let mut pending = vec![sink.map_err(|e| Error::io(&out, e))?.finish()?];
    if let (Some(path), Some(wide)) = (&wide_path, &wide) {
        let sink = Sink::open(&Target::parse(path))?;
        pending.push(
            wide.write(&resolver, sink)
                .map_err(|e| Error::io(path, e))?
                .finish()?,
        );
    }
    if let Some(path) = &summary_path {
        let sink = Sink::open(&Target::parse(path))?;
        pending.push(
            summary::write_csv(&report, sink)
                .map_err(|e| csv_io(path, e))?
                .finish()?,
        );
    }
    commit(pending)?;

    let note = (!args.previous.is_empty()).then(|| carry_note(&carry));
    print_outcome(&report, policy, &resolver, args.quiet, to_stdout, note);
    Ok(if report.is_clean() {
        exit::OK
    } else {
        exit::UNMET
    })
}

/// The summary table (stdout, or stderr when the roster went to stdout) and every unmet
/// guarantee (stderr).
fn print_outcome(
    report: &Report,
    policy: &Policy,
    resolver: &Resolver,
    quiet: bool,
    roster_on_stdout: bool,
    note: Option<String>,
) {
    if !quiet {
        let days = &resolver.days;
        let heading = format!(
            "{} — {}..{}, {} working days, {} staff\n",
            policy.name,
            policy.period.start,
            policy.period.end,
            days.len(),
            resolver.staff.people.len()
        );
        let text = format!(
            "{heading}{}{}",
            summary::render_table(report),
            note.unwrap_or_default()
        );
        if roster_on_stdout {
            let _ = std::io::stderr().write_all(text.as_bytes());
        } else {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    if !report.violations.is_empty() {
        let text = summary::render_violations(report, Some(20));
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
    // Keyed by person-day, so that a later roster replaces an earlier one's day.
    let mut rows = std::collections::BTreeMap::new();
    for path in previous_files(paths)? {
        let shape = roster_file::read(&path, |row| {
            rows.insert((row.date, row.nip.clone()), row);
            Ok(())
        })?;
        if shape == Shape::Wide {
            return Err(Error::input(
                &path.display().to_string(),
                Some(1),
                "--previous needs a long roster (date,nip,...,mode,group,rule): the rule column tells which days rotated",
            ));
        }
    }
    let rows: Vec<_> = rows.into_values().collect();
    Ok(Carry::from_previous(resolver, &rows))
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
