//! `roster attendance` (alias `presensi`): the roster set against attendance exports, per OPD
//! and week (issue 21).

use super::eprint;
use crate::attendance::presensi;
use crate::attendance::reconcile::{Reconciliation, Weekly};
use crate::cli::{AttendanceArgs, AttendanceBy};
use crate::error::{Error, Result, exit};
use crate::input::Options;
use crate::input::fields::explicit_columns;
use crate::lang::fill_named;
use crate::roster_file::Dating;
use crate::staff::Staff;
use crate::terminal::{self, Stream, Terminal, Text};
use crate::writers::attendance::{
    DAYS_HEADER, DayTails, StaffCells, push_day, render_people, render_weekly, write_actual,
    write_summary, write_xlsx,
};
use crate::writers::dialect::Dialect;
use crate::writers::field::{escaped, push_record};
use crate::writers::output::{
    Destination, Output, Outputs, PER_PERSON_ONLY, Pending, Sink, Target, commit,
};
use std::io::Write;

pub fn attendance(args: &AttendanceArgs, terminal: Terminal) -> Result<u8> {
    let lang = args.presentation.lang;
    let texts = &lang.labels().attendance;
    let windows = [args.from.zip(args.to), args.week, args.month];
    if windows.iter().flatten().count() > 1 {
        return Err(Error::usage(crate::facts::run::RunProblem::WindowTwice {}));
    }
    let explicit = windows.into_iter().flatten().next();
    let mut policy = crate::pipeline::settle::read_policy(&args.policy)?;
    if let Some((from, to)) = explicit {
        policy.period.set_window(from, to)?;
    }
    let p = &args.presentation;
    let dialect = Dialect::new(p.csv_style, p.delimiter)?;
    let staff_options = Options {
        sheet: args.sheet.clone(),
        columns: explicit_columns(&[], &policy.staff_columns),
    };
    let files = presensi::list(&args.presensi)?;
    let mut inputs = vec![args.policy.clone(), args.staff.clone()];
    inputs.extend(args.roster.iter().cloned());
    inputs.extend(files.iter().cloned());
    let optional = [
        (Output::Out, &args.out),
        (Output::Summary, &args.summary),
        (Output::Xlsx, &args.xlsx),
        (Output::Actual, &args.actual),
    ];
    let wanted = optional
        .iter()
        .filter_map(|(flag, path)| path.as_ref().map(|p| (*flag, p.clone())))
        .collect();
    let mut outputs = Outputs::settle(wanted, &inputs)?;
    // The per-person-day files are one file each: `{unit}` there is refused before any work.
    outputs.single(Output::Out)?;
    outputs.single(Output::Actual)?;

    let staff = Staff::read(&args.staff, &staff_options)?;
    outputs.expand_units(&staff.units)?;
    let period = &policy.period;
    let mut rec = Reconciliation::new(&staff, period.working_days(), (period.start, period.end));
    let presensi_options = Options {
        sheet: args.sheet.clone(),
        columns: args.column.clone(),
    };
    // Without a window, the days the roster plans.
    let dating = Dating::Within(period.start, period.end);
    rec.read(
        (&args.roster, &staff_options, dating),
        (&files, &presensi_options),
        explicit.is_some(),
    )?;
    let unknown = rec.unknown_nips();
    if let Some(first) = unknown.first() {
        let count = unknown.len().to_string();
        let warning = fill_named(texts.not_in_staff, &[("count", &count), ("nip", first)]);
        let prefix = lang.labels().run.warning;
        eprint(&format!("{prefix}: {warning}\n"));
    }

    let left_out = rec.units_left_out();
    if !left_out.is_empty() {
        let count = left_out.len().to_string();
        let note = fill_named(
            texts.units_left_out,
            &[("count", &count), ("units", &left_out.join(", "))],
        );
        let prefix = lang.labels().run.note;
        eprint(&format!("{prefix}: {note}\n"));
    }
    let mut weekly = Weekly::default();
    let mut pending = Vec::new();
    let mut to_stdout = false;
    let staff_cells = StaffCells::new(&staff, &dialect);
    let actual_target = outputs.single(Output::Actual)?;
    // `--actual` needs only the reconciled grid: it is written on another core while this
    // one classifies the days for the report and `--out`.
    let (days_written, actual_written) = std::thread::scope(|scope| {
        let actual = actual_target.map(|target| {
            let (rec, staff_cells, dialect) = (&rec, &staff_cells, &dialect);
            scope.spawn(move || {
                let sink = write_actual(rec, staff_cells, Sink::open(target)?, dialect)
                    .map_err(|e| Error::io(target.name(), e))?;
                sink.finish()
            })
        });
        let days = write_days(&rec, &staff_cells, &outputs, &dialect, &mut weekly);
        let actual = actual.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (days, actual)
    });
    // The errors in the order the files are named: `--out`, the report's, `--actual`.
    if let Some((pending_days, stdout)) = days_written? {
        to_stdout |= stdout;
        pending.push(pending_days);
    }
    // The weekly report's files: one, or one per unit with `{unit}`.
    for flag in [Output::Summary, Output::Xlsx] {
        let files: Vec<(&Target, Option<Weekly>)> = match outputs.get(flag) {
            None => Vec::new(),
            Some(Destination::One(target)) => vec![(target, None)],
            Some(Destination::PerUnit { files, .. }) => (files.iter().enumerate())
                .map(|(unit, target)| (target, Some(weekly.only(&staff.units[unit]))))
                .filter(|(_, part)| part.as_ref().is_some_and(|p| !p.rows.is_empty()))
                .collect(),
            Some(Destination::PerPerson { .. }) => unreachable!("{}", PER_PERSON_ONLY),
        };
        for (target, part) in files {
            let part = part.as_ref().unwrap_or(&weekly);
            to_stdout |= *target == Target::Stdout;
            let mut sink = Sink::open(target)?;
            if flag == Output::Xlsx {
                write_xlsx(part, lang, &mut sink)
                    .map_err(|e| Error::io(target.name(), std::io::Error::other(e.to_string())))?;
            } else {
                sink =
                    write_summary(part, sink, &dialect).map_err(|e| Error::io(target.name(), e))?;
            }
            pending.push(sink.finish()?);
        }
    }
    if let Some(written) = actual_written {
        to_stdout |= actual_target.is_some_and(|t| *t == Target::Stdout);
        pending.push(written?);
    }
    commit(pending)?;

    // The report goes to stderr when a file went to stdout.
    let (stream, width, color) = if to_stdout {
        (Stream::Stderr, terminal.width_stderr, terminal.color_stderr)
    } else {
        (Stream::Stdout, terminal.width_stdout, terminal.color_stdout)
    };
    let text = match args.by {
        AttendanceBy::Unit => render_weekly(&weekly, lang, color, width),
        AttendanceBy::Person => render_people(&weekly, lang, width),
    };
    terminal::write(stream, &text, Text::Styled).map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}

/// Classifies every person-day of the window into the weekly report and, with `--out`, writes
/// them; the file written (not yet committed) and whether it went to stdout.
fn write_days(
    rec: &Reconciliation,
    staff_cells: &StaffCells,
    outputs: &Outputs,
    dialect: &Dialect,
    weekly: &mut Weekly,
) -> Result<Option<(Pending, bool)>> {
    let mut days_out = match outputs.single(Output::Out)? {
        Some(target) => {
            let mut buf = dialect.preamble().to_vec();
            push_record(&mut buf, DAYS_HEADER, dialect);
            Some((Sink::open(target)?, buf, target))
        }
        None => None,
    };
    let mut tails = DayTails::default();
    let mut date = (None, Vec::new());
    rec.for_each_day(|day| {
        let (nip, name, unit) = rec.person(&day.who);
        weekly.add(day, nip, name, unit);
        if let Some((sink, buf, target)) = &mut days_out {
            if date.0 != Some(day.date) {
                date = (Some(day.date), escaped(&day.date.to_string(), dialect));
            }
            push_day(buf, rec, staff_cells, &mut tails, day, &date.1, dialect);
            if buf.len() >= 1 << 16 {
                sink.write_all(buf)
                    .map_err(|e| Error::io(target.name(), e))?;
                buf.clear();
            }
        }
        Ok(())
    })?;
    weekly.finish();
    let Some((mut sink, buf, target)) = days_out else {
        return Ok(None);
    };
    sink.write_all(&buf)
        .map_err(|e| Error::io(target.name(), e))?;
    Ok(Some((sink.finish()?, *target == Target::Stdout)))
}
