//! The last step of `plan`: the roster planned day by day (the units the exact search
//! repaired taken from it), audited and written to every settled output at once, then written
//! again with the repaired units when the first pass left a guarantee unmet. Nothing is in
//! place until every file is complete ([`commit`]); nothing here prints but the progress bar.

use crate::audit::{Audit, Report};
use crate::calendars::CalendarHistory;
use crate::carry::Carry;
use crate::error::{Error, Result};
use crate::grants::{Grants, Outcome};
use crate::lang::Lang;
use crate::pipeline::{Decided, History};
use crate::planner::causes::{Finding, causes};
use crate::planner::{Cell, Overrides, Planner, WishOf};
use crate::progress::Progress;
use crate::published::{Change, Published};
use crate::requests::Requests;
use crate::resolve::Resolver;
use crate::roster_file::RosterRow;
use crate::staff::{Id, Staff};
use crate::writers::calendars::Calendars;
use crate::writers::changes::{self, ChangesWriter};
use crate::writers::dialect::Dialect;
use crate::writers::long::LongWriter;
use crate::writers::output::{
    Destination, Output, Outputs, PER_PERSON_ONLY, Pending, Sink, Target, commit,
};
use crate::writers::requests as requests_report;
use crate::writers::summary;
use crate::writers::wide::WideRoster;
use crate::writers::{self, Page, Part, PartView, Printed, RosterFormat, WideCsv, Workbook};
use std::sync::Arc;

/// How a run writes: its settled outputs, their CSV dialect and language.
pub struct Writing<'a> {
    pub outputs: &'a Outputs,
    pub dialect: Dialect,
    pub lang: Lang,
}

impl Writing<'_> {
    /// Whether the roster goes to standard output (`--out -`): it cannot be taken back, so
    /// it waits for a rehearsal, and the summary goes to stderr.
    pub fn roster_on_stdout(&self) -> bool {
        self.outputs.get(Output::Out) == Some(&Destination::One(Target::Stdout))
    }
}

/// What `plan` wrote and found, for the command to say.
pub struct Planned {
    /// The audit of the roster written.
    pub report: Report,
    /// Why each unit proven impossible is, and what fixes it.
    pub findings: Vec<Finding>,
    /// What the re-plan changed against the published roster (`--published --changes`).
    pub changes: Option<changes::Tally>,
    /// Each request day, granted or why not.
    pub outcomes: Vec<Outcome>,
    /// Per unit: the request days made and granted.
    pub request_counts: Vec<(u64, u64)>,
    /// Units too large to keep published days and grant requests exactly: planned day by day.
    pub day_by_day: Vec<Id>,
    /// Units the exact search could neither settle nor prove impossible.
    pub undecided: Vec<Id>,
}

/// What the published roster adds to the calendars (`--ics` with `--published`); a calendar
/// per person gives each person who left a file too.
pub fn calendar_history(history: &History, outputs: &mut Outputs) -> Result<CalendarHistory> {
    let staff = history.resolver.staff;
    let rule_of = |row: &RosterRow| history.rule_of(row);
    let calendar_history = match (&history.published, outputs.get(Output::Ics)) {
        (Some(published), Some(_)) => {
            let by_nip = staff.index_by_nip();
            let is_staff = |nip: &str| by_nip.contains_key(nip);
            CalendarHistory::gather(published, &rule_of, &is_staff)?
        }
        _ => CalendarHistory::default(),
    };
    if matches!(
        outputs.get(Output::Ics),
        Some(Destination::PerPerson { .. })
    ) {
        let people: Vec<(&str, &str)> = (staff.people.iter())
            .map(|p| (staff.nip(p), staff.unit(p)))
            .chain((calendar_history.former.iter()).map(|f| (f.nip.as_str(), f.unit.as_str())))
            .collect();
        outputs.expand_people(&people)?;
    }
    Ok(calendar_history)
}

/// Plans, audits and writes the roster of `history` to every output of `settled`: published
/// days kept and requests granted unit by unit first, the units the day-by-day plan leaves
/// unmet repaired by the exact search, and why each unit proven impossible is. `progress`
/// shows a bar on standard error.
pub fn plan(
    history: &History,
    requests: &Requests,
    calendar_history: &CalendarHistory,
    settled: &Writing,
    progress: bool,
) -> Result<Planned> {
    let resolver = history.resolver;
    let (carry, published) = (&history.carry, &history.published);
    let rule_of = |row: &RosterRow| history.rule_of(row);
    let decided = Decided::decide(history);
    let wishes = history.wishes();
    let extras = Extras {
        published: published.as_ref(),
        wishes: wishes.as_ref().map(|w| w as WishOf),
        requests: (!requests.list.is_empty()).then_some(requests),
        rule_of: &rule_of,
        calendar_history,
    };
    // Where the day-by-day plan leaves a guarantee unmet, an exact search per unit replaces
    // its rotation. Files are written on the first pass and rewritten only then; standard
    // output cannot be taken back, so it waits for a rehearsal.
    let base = decided.base();
    let write = |repaired: &Overrides, progress: bool| {
        write_plan(resolver, carry, repaired, settled, progress, &extras)
    };
    let (first, audited) = if settled.roster_on_stdout() {
        (None, decided.rehearse(base))
    } else {
        let written = write(base, progress)?;
        let report = written.report.clone();
        (Some(written), report)
    };
    let repaired = decided.repairs(&audited);
    // Why each unit proven impossible is, and what fixes it: searched before anything is
    // committed, so that `--causes` goes with the roster.
    let findings = causes(resolver, carry, &repaired.impossible);
    let written = match first {
        Some(written) if repaired.planned.is_empty() => written,
        // Written (again) with the repaired units; a first pass's files are dropped unmoved.
        first => {
            let shown = first.is_none();
            drop(first);
            write(&decided.repaired(repaired.planned), progress && shown)?
        }
    };
    let Written {
        mut pending,
        report,
        changes,
        outcomes,
    } = written;
    if let Some(target) = settled.outputs.single(Output::Causes)? {
        pending.push(write_causes(target, &findings, resolver, settled)?);
    }
    commit(pending)?;
    let request_counts = if requests.list.is_empty() {
        Vec::new()
    } else {
        crate::grants::per_unit(resolver, requests, &outcomes)
    };
    Ok(Planned {
        report,
        findings,
        changes,
        outcomes,
        request_counts,
        day_by_day: decided.kept.day_by_day.clone(),
        undecided: repaired.undecided,
    })
}

/// What a re-plan or requests add to a run.
struct Extras<'a> {
    published: Option<&'a Published>,
    /// Ties broken toward them where the planner plans day by day.
    wishes: Option<WishOf<'a>>,
    /// The requests, to judge what became of each.
    requests: Option<&'a Requests>,
    /// The `rule` of a published history row from a roster without that column.
    rule_of: &'a dyn Fn(&RosterRow) -> String,
    /// What the published roster adds to the calendars.
    calendar_history: &'a CalendarHistory,
}

/// One writing pass: the files waiting to be committed, the audit, and the changes against
/// the published roster (with `--published`).
struct Written {
    pending: Vec<Pending>,
    report: Report,
    changes: Option<changes::Tally>,
    /// Each request day, granted or why not.
    outcomes: Vec<Outcome>,
}

/// Plans (taking `repaired` units from the exact search), audits and writes every output to
/// its temporary file; nothing is in place until the pending files are committed.
fn write_plan(
    resolver: &Resolver,
    carry: &Carry,
    repaired: &Overrides,
    settled: &Writing,
    progress: bool,
    extras: &Extras,
) -> Result<Written> {
    let staff = resolver.staff;
    let (lang, dialect) = (settled.lang, settled.dialect);
    let target = |flag| settled.outputs.get(flag);
    let roster = target(Output::Out).expect("--out has a default");
    let (summary_path, ics_path) = (target(Output::Summary), target(Output::Ics));
    // The formats of the recorded roster, one file per part each.
    let formats: [(Output, &dyn RosterFormat); 4] = [
        (Output::Wide, &WideCsv),
        (Output::Html, &Page),
        (Output::Pdf, &Printed),
        (Output::Xlsx, &Workbook),
    ];
    // One long roster is streamed while planning; a file per unit is written afterwards from
    // the recorded roster.
    // The published days before the window, of one unit or all, ahead of the new ones.
    let write_history = |long: &mut LongWriter<Sink>, target: &Target, unit: Option<&str>| {
        let Some(published) = extras.published else {
            return Ok(());
        };
        crate::writers::long::history_records(
            published,
            unit,
            extras.rule_of,
            &dialect,
            &mut |record| {
                long.write_record(record)
                    .map_err(|e| Error::io(target.name(), e))
            },
        )
    };
    let streamed = match roster {
        Destination::One(target) => Some((target, {
            let mut long = LongWriter::new(Sink::open(target)?, &resolver.view(), dialect)
                .map_err(|e| Error::io(target.name(), e))?;
            write_history(&mut long, target, None)?;
            long
        })),
        Destination::PerUnit { .. } => None,
        Destination::PerPerson { .. } => unreachable!("{}", PER_PERSON_ONLY),
    };
    let mut changed = match (extras.published, target(Output::Changes)) {
        (Some(published), Some(destination)) => {
            Some((published, ChangeFiles::open(destination, staff, dialect)?))
        }
        _ => None,
    };
    // The recorded form feeds those formats, the calendars and per-unit rosters.
    let recorded = formats.iter().any(|(output, _)| target(*output).is_some());
    let mut wide = (recorded || ics_path.is_some() || streamed.is_none()).then(|| {
        let wide = WideRoster::new(staff.people.len(), resolver.days.len());
        if streamed.is_none() {
            wide.with_sources()
        } else {
            wide
        }
    });
    let mut audit = Audit::new(resolver, carry);
    let mut planner = Planner::new(resolver, carry).with_overrides(repaired);
    if let Some(wishes) = extras.wishes {
        planner = planner.with_wishes(wishes);
    }
    // The second core writes the long roster while this one plans the next day.
    let mut changes_failed = None;
    let mut grants = extras
        .requests
        .map(|requests| Grants::new(resolver, requests, carry).with_refusals(repaired));
    let (long, report) = std::thread::scope(|scope| {
        // One day in flight: enough to keep both cores busy, and a day is staff-sized.
        let (days, received) = std::sync::mpsc::sync_channel::<(usize, Vec<Cell>)>(1);
        let writer = scope.spawn(|| {
            let Some((target, mut long)) = streamed else {
                return Ok(None);
            };
            for (day, cells) in received {
                long.write_day(&resolver.view(), day, &cells)
                    .map_err(|e| Error::io(target.name(), e))?;
            }
            long.into_inner()
                .map_err(|e| Error::io(target.name(), e))
                .map(Some)
        });
        let mut modes = Vec::with_capacity(staff.people.len());
        let mut progress = Progress::new(progress, resolver.days.len() as u64, lang);
        while let Some((day, cells)) = planner.next_day() {
            progress.tick();
            if let Some(wide) = wide.as_mut() {
                wide.record_day(day, cells);
            }
            modes.clear();
            modes.extend(cells.iter().map(|c| Some(c.mode)));
            audit.observe_day(day, &modes);
            if let Some(grants) = grants.as_mut() {
                grants.observe_day(day, cells);
            }
            if let Some((published, files)) = changed.as_mut()
                && changes_failed.is_none()
            {
                let mut today = published.changes_on(resolver, day, cells);
                changes_failed = files.write_day(&mut today, &staff.units).err();
            }
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
    if let Some(error) = changes_failed {
        return Err(error);
    }
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
        // The cells escaped once for every unit's file.
        let mut cells = None;
        for (target, part) in parts(roster, staff, &report) {
            let sink = Sink::open(target)?;
            let mut long = match &cells {
                Some(cells) => LongWriter::with_cells(sink, Arc::clone(cells), dialect),
                None => LongWriter::new(sink, &resolver.view(), dialect),
            }
            .map_err(|e| Error::io(target.name(), e))?;
            cells.get_or_insert_with(|| long.cells());
            let unit = &staff.units[staff.people[part.people.start].unit as usize];
            write_history(&mut long, target, Some(unit))?;
            long.write_people(&resolver.view(), wide, part.people)
                .map_err(|e| Error::io(target.name(), e))?;
            let sink = long.into_inner().map_err(|e| Error::io(target.name(), e))?;
            pending.push(sink.finish()?);
        }
    }
    for (output, format) in formats {
        if let (Some(destination), Some(wide)) = (target(output), wide) {
            let files = parts(destination, staff, &report);
            let view = resolver.view();
            let write_one = |target: &Target, part: &Part| -> Result<Pending> {
                let mut sink = Sink::open(target)?;
                let of = PartView {
                    view: &view,
                    wide,
                    part,
                    lang,
                    dialect: &dialect,
                };
                (format.write(of, &mut sink)).map_err(|e| Error::io(target.name(), e))?;
                sink.finish()
            };
            pending.extend(write_parts(&files, format.in_parallel(), &write_one)?);
        }
    }
    if let (Some(destination), Some(wide)) = (ics_path, wide) {
        let calendars = Calendars {
            view: resolver.view(),
            wide,
            published: extras.published,
            history: extras.calendar_history,
            lang,
        };
        pending.extend(calendars.write(destination)?);
    }
    if let Some(destination) = summary_path {
        for (target, part) in parts(destination, staff, &report) {
            let sink = Sink::open(target)?;
            pending.push(
                summary::write_csv(&part.rows, sink, &dialect)
                    .map_err(|e| Error::csv_write(&target.name(), e))?
                    .finish()?,
            );
        }
    }
    let outcomes = grants.map(Grants::finish).unwrap_or_default();
    if let (Some(destination), Some(requests)) = (target(Output::RequestsReport), extras.requests) {
        let unit_of = |o: &&Outcome| staff.people[requests.list[o.request].person].unit as usize;
        let files: Vec<(&Target, Vec<Outcome>)> = match destination {
            Destination::One(target) => vec![(target, outcomes.clone())],
            Destination::PerUnit { files, .. } => (files.iter().enumerate())
                .map(|(unit, target)| {
                    let own = outcomes.iter().filter(|o| unit_of(o) == unit).copied();
                    (target, own.collect())
                })
                .collect(),
            Destination::PerPerson { .. } => unreachable!("{}", PER_PERSON_ONLY),
        };
        for (target, outcomes) in files {
            let sink = Sink::open(target)?;
            pending.push(
                requests_report::write(sink, &resolver.view(), requests, &outcomes, &dialect, lang)
                    .map_err(|e| Error::io(target.name(), e))?
                    .finish()?,
            );
        }
    }
    let changes = match changed {
        Some((_, files)) => {
            let (tally, sinks) = files.finish()?;
            pending.extend(sinks);
            Some(tally)
        }
        None => None,
    };
    Ok(Written {
        pending,
        report,
        changes,
        outcomes,
    })
}

/// The files of one output, in their order: one after the other, or (`in_parallel`: a
/// province's PDF pages take longer to lay out than to plan) on two cores, each written to its
/// temporary file by the core that laid it out.
fn write_parts(
    files: &[(&Target, Part)],
    in_parallel: bool,
    write_one: &(dyn Fn(&Target, &Part) -> Result<Pending> + Sync),
) -> Result<Vec<Pending>> {
    if !in_parallel {
        return (files.iter())
            .map(|(target, part)| write_one(target, part))
            .collect();
    }
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    // A failure stops the other core too: the run fails and nothing is committed.
    let failed = AtomicBool::new(false);
    let write_some = || -> Result<Vec<(usize, Pending)>> {
        let mut written = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((target, part)) = files.get(i) else {
                break;
            };
            match write_one(target, part) {
                Ok(pending) => written.push((i, pending)),
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(written)
    };
    let results: Vec<Result<Vec<(usize, Pending)>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers).map(|_| scope.spawn(write_some)).collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut written = Vec::with_capacity(files.len());
    for result in results {
        written.extend(result?);
    }
    written.sort_by_key(|(i, _)| *i);
    Ok(written.into_iter().map(|(_, pending)| pending).collect())
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
        Destination::PerPerson { .. } => unreachable!("{}", PER_PERSON_ONLY),
    }
}

/// `--causes FILE`: JSON when the file's name ends in `.json`, else CSV.
fn write_causes(
    target: &Target,
    findings: &[Finding],
    resolver: &Resolver,
    settled: &Writing,
) -> Result<Pending> {
    let sink = Sink::open(target)?;
    let json = (target.name().extension()).is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let written = if json {
        writers::causes::write_json(findings, &resolver.view(), settled.lang, sink)
    } else {
        writers::causes::write_csv(
            findings,
            &resolver.view(),
            settled.lang,
            &settled.dialect,
            sink,
        )
    };
    written.map_err(|e| Error::io(target.name(), e))?.finish()
}

/// The `--changes` file, or one per unit.
struct ChangeFiles {
    writers: Vec<(String, ChangesWriter<Sink>)>,
    /// Per unit: its writer.
    of_unit: Vec<Option<usize>>,
}

impl ChangeFiles {
    fn open(destination: &Destination, staff: &Staff, dialect: Dialect) -> Result<ChangeFiles> {
        let open = |target: &Target| -> Result<(String, ChangesWriter<Sink>)> {
            let writer = ChangesWriter::new(Sink::open(target)?, dialect)
                .map_err(|e| Error::io(target.name(), e))?;
            Ok((target.name().display().to_string(), writer))
        };
        Ok(match destination {
            Destination::One(target) => ChangeFiles {
                writers: vec![open(target)?],
                of_unit: vec![Some(0); staff.units.len()],
            },
            Destination::PerUnit { files, .. } => {
                let mut writers = Vec::new();
                let mut of_unit = Vec::new();
                for target in files {
                    writers.push(open(target)?);
                    of_unit.push(Some(writers.len() - 1));
                }
                ChangeFiles { writers, of_unit }
            }
            Destination::PerPerson { .. } => unreachable!("{}", PER_PERSON_ONLY),
        })
    }

    /// One day's changes, each to its unit's file (a change of someone who left goes with
    /// the unit they left, when it is still there, else to the first file).
    fn write_day(&mut self, changes: &mut [Change], units: &[String]) -> Result<()> {
        let mut by_writer: Vec<Vec<Change>> = vec![Vec::new(); self.writers.len()];
        for change in changes.iter() {
            let unit = units.iter().position(|u| *u == change.unit);
            let writer = unit.and_then(|u| self.of_unit[u]).unwrap_or(0);
            by_writer[writer].push(change.clone());
        }
        for ((name, writer), mut day) in self.writers.iter_mut().zip(by_writer) {
            writer
                .write_day(&mut day)
                .map_err(|e| Error::io(name.as_str(), e))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<(changes::Tally, Vec<Pending>)> {
        let mut tally = changes::Tally::default();
        let mut pending = Vec::new();
        for (_, writer) in self.writers {
            let t = writer.tally();
            tally.person_days += t.person_days;
            tally.people += t.people;
            pending.push(writer.into_inner().finish()?);
        }
        Ok((tally, pending))
    }
}
