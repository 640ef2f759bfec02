//! The commands: read the inputs, drive the planner, the audit and the writers, and say how
//! it went. This is the only module that touches files and the terminal.

use crate::audit::{Audit, Report};
use crate::cli::{Cli, Command, PlanArgs};
use crate::error::{Error, Result, exit};
use crate::leave::Leave;
use crate::planner::Planner;
use crate::policy::Policy;
use crate::resolve::Resolver;
use crate::staff::Staff;
use crate::writers::long::LongWriter;
use crate::writers::output::{Sink, Target, commit};
use crate::writers::summary;
use crate::writers::wide::WideRoster;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Plan(args) => plan(&args),
    }
}

pub fn read_policy(path: &Path) -> Result<Policy> {
    let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(text).map_err(|e| {
        Error::input(
            &path.display().to_string(),
            None,
            format!(
                "the policy is not valid UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Policy::parse(&text, &path.display().to_string())
}

/// An output path that names an input would destroy it: refuse before reading anything.
fn refuse_overwriting_inputs(inputs: &[&Path], outputs: &[(&str, &Path)]) -> Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    for (flag, out) in outputs {
        if out == &Path::new("-") {
            continue;
        }
        if let Some(input) = inputs.iter().find(|i| same(i, out)) {
            return Err(Error::Usage(format!(
                "{flag} {} is also an input ({}): choose another output path",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

fn plan(args: &PlanArgs) -> Result<u8> {
    let mut inputs: Vec<&Path> = vec![&args.policy, &args.staff];
    inputs.extend(args.leave.as_deref());
    let mut outputs: Vec<(&str, &Path)> = vec![("--out", &args.out)];
    outputs.extend(args.wide.as_deref().map(|p| ("--wide", p)));
    outputs.extend(args.summary.as_deref().map(|p| ("--summary", p)));
    refuse_overwriting_inputs(&inputs, &outputs)?;
    let stdout_outputs = outputs.iter().filter(|(_, p)| *p == Path::new("-")).count();
    if stdout_outputs > 1 {
        return Err(Error::Usage(
            "only one output can go to standard output (-)".into(),
        ));
    }

    let mut policy = read_policy(&args.policy)?;
    if let (Some(from), Some(to)) = (args.from, args.to) {
        policy.period.set_window(from, to)?;
    }
    let staff = Staff::read(&args.staff)?;
    let leave = match &args.leave {
        Some(path) => Leave::read(path, &staff)?,
        None => Leave::default(),
    };
    let resolver = Resolver::new(&policy, &staff, &leave);

    let mut warnings = staff.warnings.clone();
    for rule in resolver.unused_rules() {
        let rule = &policy.rules[rule];
        warnings.push(format!(
            "{}:{}: rule `{}` matches nobody on any working day (a typo in a pattern?)",
            args.policy.display(),
            rule.line,
            rule.name
        ));
    }
    print_warnings(&warnings);
    if args.strict && !warnings.is_empty() {
        return Err(Error::Strict(warnings.len()));
    }

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

    print_outcome(&report, &policy, &resolver, args.quiet, to_stdout);
    Ok(if report.is_clean() {
        exit::OK
    } else {
        exit::UNMET
    })
}

fn csv_io(path: &Path, error: csv::Error) -> Error {
    let io = match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    };
    Error::io(PathBuf::from(path), io)
}

fn print_warnings(warnings: &[String]) {
    const SHOWN: usize = 20;
    let mut err = std::io::stderr().lock();
    for w in warnings.iter().take(SHOWN) {
        let _ = writeln!(err, "warning: {w}");
    }
    if warnings.len() > SHOWN {
        let _ = writeln!(
            err,
            "warning: ... and {} more warnings",
            warnings.len() - SHOWN
        );
    }
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
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{} unmet guarantee(s):", report.violations.len());
        const SHOWN: usize = 20;
        let mut last = None;
        let mut shown = 0;
        for v in &report.violations {
            if last != Some(v.guarantee) {
                last = Some(v.guarantee);
                shown = 0;
                let count = report
                    .violations
                    .iter()
                    .filter(|x| x.guarantee == v.guarantee)
                    .count();
                let _ = writeln!(err, "{} — {count} problem(s):", v.guarantee);
            }
            shown += 1;
            if shown <= SHOWN {
                let _ = writeln!(err, "  {v}");
            } else if shown == SHOWN + 1 {
                let count = report
                    .violations
                    .iter()
                    .filter(|x| x.guarantee == v.guarantee)
                    .count();
                let _ = writeln!(err, "  ... and {} more", count - SHOWN);
            }
        }
    }
}
