//! `roster plan`: plan, audit and write the roster.

use super::{Inputs, csv_io, refuse_overwriting_inputs, warn};
use crate::audit::{Audit, Report};
use crate::cli::PlanArgs;
use crate::error::{Error, Result, exit};
use crate::planner::Planner;
use crate::policy::Policy;
use crate::resolve::Resolver;
use crate::writers::long::LongWriter;
use crate::writers::output::{Sink, Target, commit};
use crate::writers::summary;
use crate::writers::wide::WideRoster;
use std::io::Write;
use std::path::Path;

pub fn plan(args: &PlanArgs) -> Result<u8> {
    let mut input_paths: Vec<&Path> = vec![&args.policy, &args.staff];
    input_paths.extend(args.leave.as_deref());
    let mut outputs: Vec<(&str, &Path)> = vec![("--out", &args.out)];
    outputs.extend(args.wide.as_deref().map(|p| ("--wide", p)));
    outputs.extend(args.summary.as_deref().map(|p| ("--summary", p)));
    refuse_overwriting_inputs(&input_paths, &outputs)?;
    let stdout_outputs = outputs.iter().filter(|(_, p)| *p == Path::new("-")).count();
    if stdout_outputs > 1 {
        return Err(Error::Usage(
            "only one output can go to standard output (-)".into(),
        ));
    }

    let window = args.from.zip(args.to);
    let inputs = Inputs::load(&args.policy, &args.staff, args.leave.as_deref(), window)?;
    let (policy, staff) = (&inputs.policy, &inputs.staff);
    let resolver = Resolver::new(policy, staff, &inputs.leave);
    warn(&resolver, &args.policy, args.strict)?;

    let roster_target = Target::parse(&args.out);
    let to_stdout = roster_target == Target::Stdout;
    let mut long =
        LongWriter::new(Sink::open(&roster_target)?).map_err(|e| csv_io(&args.out, e))?;
    let mut wide = args
        .wide
        .as_ref()
        .map(|_| WideRoster::new(staff.people.len(), resolver.days.len()));
    let mut audit = Audit::new(&resolver);
    let mut planner = Planner::new(&resolver);
    let mut modes = Vec::with_capacity(staff.people.len());
    while let Some((day, cells)) = planner.next_day() {
        long.write_day(&resolver, day, cells)
            .map_err(|e| csv_io(&args.out, e))?;
        if let Some(wide) = wide.as_mut() {
            wide.record_day(day, cells);
        }
        modes.clear();
        modes.extend(cells.iter().map(|c| Some(c.mode)));
        audit.observe_day(day, &modes);
    }
    let report = audit.finish();

    let mut pending = vec![
        long.into_inner()
            .map_err(|e| Error::io(&args.out, e))?
            .finish()?,
    ];
    if let (Some(path), Some(wide)) = (&args.wide, &wide) {
        let sink = Sink::open(&Target::parse(path))?;
        pending.push(
            wide.write(&resolver, sink)
                .map_err(|e| csv_io(path, e))?
                .finish()?,
        );
    }
    if let Some(path) = &args.summary {
        let sink = Sink::open(&Target::parse(path))?;
        pending.push(
            summary::write_csv(&report, sink)
                .map_err(|e| csv_io(path, e))?
                .finish()?,
        );
    }
    commit(pending)?;

    print_outcome(&report, policy, &resolver, args.quiet, to_stdout);
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
        let text = format!("{heading}{}", summary::render_table(report));
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
