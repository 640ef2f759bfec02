//! `roster plan`: plan, audit and write the roster.

use super::warn;
use crate::carry::Carry;
use crate::catalogue::Render;
use crate::cli::PlanArgs;
use crate::error::{Error, Result, exit};
use crate::facts::run::RunProblem;
use crate::facts::{Dates, Report};
use crate::lang::{Lang, fill_named};
use crate::pipeline::settle::PlanRun;
use crate::pipeline::write::{self, Writing};
use crate::pipeline::{History, Loaded};
use crate::published::Published;
use crate::resolve::Resolver;
use crate::terminal::{self, Stream, Terminal, Text};
use crate::writers::changes;
use crate::writers::output::{Destination, Output, Target};
use crate::writers::summary;
use crate::writers::{self, xlsx};

pub fn plan(args: &PlanArgs, terminal: Terminal) -> Result<u8> {
    let mut run = PlanRun::settle(args)?;
    let sources = run.inputs.sources();
    let loaded = Loaded::read(&sources)?;
    run.outputs.expand_units(&loaded.staff.units)?;
    let (staff, requests) = (&loaded.staff, &loaded.requests);
    super::say_what_requests_skip(requests, run.lang);
    if run.outputs.get(Output::Xlsx).is_some() && staff.people.len() > xlsx::MAX_PEOPLE {
        return Err(Error::usage(RunProblem::XlsxTooBig {
            people: staff.people.len(),
            max: xlsx::MAX_PEOPLE,
        }));
    }

    let resolver = loaded.resolver(sources.policy);
    warn(
        &resolver,
        &args.inputs.policy,
        run.strict,
        run.quiet,
        run.lang,
    )?;
    if !run.quiet {
        super::say_what_previous_skips(&run.inputs.previous, run.lang);
    }
    let history = History::read(&resolver, &sources, &loaded)?;
    let calendar_history = write::calendar_history(&history, &mut run.outputs)?;
    let settled = Writing {
        outputs: &run.outputs,
        dialect: run.dialect,
        lang: run.lang,
    };
    let progress = terminal.progress && !run.quiet;
    let planned = write::plan(&history, requests, &calendar_history, &settled, progress)?;
    let to_stdout = settled.roster_on_stdout();

    let mut notes = Vec::new();
    // A re-plan's own history is not a previous roster: its line is the changes'.
    if !run.inputs.previous.files.is_empty() {
        notes.push(carry_note(&history.carry, run.lang));
    }
    if !requests.list.is_empty() {
        notes.push(requests_note(&resolver, &planned.request_counts, run.lang));
    }
    if let (Some(published), Some(changes)) = (&history.published, &planned.changes) {
        notes.push(changes_note(published, changes, run.lang));
    }
    if !planned.day_by_day.is_empty() {
        // Ten names at most: a province can have hundreds of such units.
        const SHOWN: usize = 10;
        let mut units: Vec<&str> = (planned.day_by_day.iter().take(SHOWN))
            .map(|&u| resolver.staff.units[u as usize].as_str())
            .collect();
        let more = planned.day_by_day.len().saturating_sub(SHOWN);
        let and_more = run.lang.labels().and_more.replace("{}", &more.to_string());
        if more > 0 {
            units.push(&and_more);
        }
        let text = crate::lang::fill_named(
            run.lang.labels().granting.day_by_day,
            &[
                ("units", &units.join(", ")),
                ("limit", &crate::planner::MAX_PERSON_DAYS.to_string()),
            ],
        );
        notes.push(format!("{}: {text}\n", run.lang.labels().run.note));
    }
    let note = (!notes.is_empty()).then(|| notes.concat());
    let width = usize::from(terminal.width_stderr.unwrap_or(80)).min(80);
    let why = writers::causes::render_text(&planned.findings, &resolver.view(), run.lang, width);
    let report = &planned.report;
    print_outcome(report, &resolver, &run, terminal, to_stdout, note, &why);
    if !planned.undecided.is_empty() {
        let units: Vec<&str> = (planned.undecided.iter())
            .map(|&u| resolver.staff.units[u as usize].as_str())
            .collect();
        super::eprint(&format!(
            "{}: {}\n",
            run.lang.labels().run.note,
            fill_named(
                run.lang.labels().run.undecided,
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

/// The summary table (stdout, or stderr when the roster went to stdout) and every unmet
/// guarantee (stderr).
fn print_outcome(
    report: &Report,
    resolver: &Resolver,
    run: &PlanRun,
    terminal: Terminal,
    roster_on_stdout: bool,
    note: Option<String>,
    causes: &str,
) {
    let lang = run.lang;
    let l = lang.labels();
    if !run.quiet {
        let policy = resolver.policy;
        let period = Dates::Run(policy.period.start, policy.period.end).render(lang);
        let heading = format!(
            "{} — {}, {} {}, {} {}\n",
            policy.name,
            period,
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
        let full_table = match run.outputs.get(Output::Summary) {
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
        super::eprint(causes);
        super::eprint(&summary::render_violations(report, Some(20), lang));
    }
}

/// What `--previous` carried over, for the summary.
fn carry_note(carry: &Carry, lang: Lang) -> String {
    let count = |n: usize| n.to_string();
    let t = &lang.labels().run;
    let mut text = fill_named(t.carry_continue, &[("n", &count(carry.continued))]);
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
            list.push_str(&fill_named(
                t.carry_in_all,
                &[("n", &count(carry.joined.len()))],
            ));
        }
        text.push_str(&fill_named(
            t.carry_joined,
            &[("n", &count(carry.joined.len())), ("list", &list)],
        ));
    }
    if !carry.left.is_empty() {
        text.push_str(&fill_named(
            t.carry_left,
            &[("n", &count(carry.left.len()))],
        ));
    }
    text.push_str(".\n");
    text
}

/// How many person-days and people the re-plan changed, for the summary.
fn changes_note(published: &Published, tally: &changes::Tally, lang: crate::lang::Lang) -> String {
    let text = crate::lang::fill_named(
        lang.labels().granting.changes_line,
        &[
            ("date", &lang.date(published.from)),
            ("days", &tally.person_days.to_string()),
            ("people", &tally.people.to_string()),
        ],
    );
    format!("{text}\n")
}

/// Request days made and granted, in all and per unit with requests.
fn requests_note(resolver: &Resolver, counts: &[(u64, u64)], lang: crate::lang::Lang) -> String {
    let t = &lang.labels().granting;
    let (made, granted) = counts
        .iter()
        .fold((0, 0), |(m, g), &(made, granted)| (m + made, g + granted));
    let mut text = crate::lang::fill_named(
        t.requests_line,
        &[
            ("made", &made.to_string()),
            ("granted", &granted.to_string()),
        ],
    );
    // Per unit, ten at most (the report file has every request).
    const SHOWN: usize = 10;
    let with_requests = counts.iter().filter(|(made, _)| *made > 0).count();
    let mut units: Vec<String> = (counts.iter().enumerate())
        .filter(|(_, (made, _))| *made > 0)
        .take(SHOWN)
        .map(|(unit, &(made, granted))| {
            crate::lang::fill_named(
                t.unit_requests,
                &[
                    ("unit", resolver.staff.units[unit].as_str()),
                    ("made", &made.to_string()),
                    ("granted", &granted.to_string()),
                ],
            )
        })
        .collect();
    if with_requests > SHOWN {
        let more = with_requests - SHOWN;
        units.push(lang.labels().and_more.replace("{}", &more.to_string()));
    }
    if !units.is_empty() {
        text.push(' ');
        text.push_str(&units.join("; "));
        text.push('.');
    }
    text.push('\n');
    text
}
