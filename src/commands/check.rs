//! `roster check`: audit a roster, planned or edited by hand, against SPEC §6.

use super::{print, warn};
use crate::audit::SummaryRow;
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::{Error, Result, exit};
use crate::pipeline::settle::{PlanInputs, Previous, Window};
use crate::pipeline::{History, Loaded, audit_roster, impossible_causes};
use crate::requests::RequestFiles;
use crate::terminal::{self, Stream, Terminal, Text};
use crate::writers::dialect::Dialect;
use crate::writers::output::{Output, Outputs, Sink, commit};
use crate::writers::summary;
use std::path::PathBuf;

pub fn check(args: &CheckArgs, terminal: Terminal) -> Result<u8> {
    let previous = Previous::list(&args.previous)?;
    // `--summary` and `--causes` are checked against every file `check` reads before
    // anything is read.
    let written: Vec<(Output, PathBuf)> = [
        (Output::Summary, &args.summary),
        (Output::Causes, &args.causes),
    ]
    .into_iter()
    .filter_map(|(flag, path)| Some((flag, path.clone()?)))
    .collect();
    let outputs = match written.is_empty() {
        false => {
            let i = &args.inputs;
            let mut inputs: Vec<PathBuf> = [&i.policy, &i.staff].into_iter().cloned().collect();
            inputs.extend(i.leave.iter().cloned());
            if let Some(requests) = &i.requests {
                inputs.extend(RequestFiles::list(requests)?.files);
            }
            inputs.extend(args.roster.iter().cloned());
            inputs.extend(previous.files.iter().cloned());
            Some(Outputs::settle(written, &inputs)?)
        }
        true => None,
    };
    // The same pipeline as `plan`, up to the history: the roster comes from the files.
    let window = Window {
        from: args.from,
        to: args.to,
        next: None,
        previous: &args.previous,
        published: &[],
    };
    let settled = PlanInputs::settle(&args.inputs, window)?;
    let sources = settled.sources();
    let loaded = Loaded::read(&sources)?;
    super::say_what_requests_skip(&loaded.requests, args.lang);
    let resolver = loaded.resolver(sources.policy);
    warn(&resolver, &args.inputs.policy, false, args.quiet, args.lang)?;
    if !args.quiet {
        super::say_what_previous_skips(&settled.previous, args.lang);
    }
    let carry = History::read(&resolver, &sources, &loaded)?.carry;
    let report = audit_roster(&resolver, &carry, &args.roster, sources.options)?;
    // Of the units with a violation, those no roster can mend: why, and what fixes them.
    let findings = impossible_causes(&resolver, &carry, &report);
    let width = usize::from(terminal.width_stdout.unwrap_or(80)).min(80);
    let why = crate::writers::causes::render_text(&findings, &resolver.view(), args.lang, width);
    if let Some(Ok(Some(target))) = outputs.as_ref().map(|o| o.single(Output::Causes)) {
        let sink = Sink::open(target)?;
        let json = (target.name().extension()).is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let lang = args.lang;
        let written = if json {
            crate::writers::causes::write_json(&findings, &resolver.view(), lang, sink)
        } else {
            let dialect = &Dialect::STANDARD;
            crate::writers::causes::write_csv(&findings, &resolver.view(), lang, dialect, sink)
        };
        let pending = written.map_err(|e| Error::io(target.name(), e))?.finish()?;
        commit(vec![pending])?;
    }
    let full_table = match outputs.as_ref().map(|o| o.single(Output::Summary)) {
        Some(Ok(Some(target))) => {
            let rows: Vec<&SummaryRow> = report
                .units
                .iter()
                .chain(std::iter::once(&report.total))
                .collect();
            let sink = Sink::open(target)?;
            let sink = summary::write_csv(&rows, sink, &Dialect::STANDARD)
                .map_err(|e| Error::csv_write(&target.name(), e))?;
            commit(vec![sink.finish()?])?;
            Some(target.name().display().to_string())
        }
        Some(Err(e)) => return Err(e),
        _ => None,
    };
    match args.format {
        CheckFormat::Text if args.quiet => {
            if !report.is_clean() {
                super::eprint(&format!(
                    "{why}{}\n",
                    summary::render_violations(&report, None, args.lang)
                ));
            }
        }
        CheckFormat::Text => {
            print(&format!(
                "{why}{}\n",
                summary::render_violations(&report, None, args.lang)
            ))?;
            // The table escapes its data itself and may carry colour codes of its own.
            let fit = summary::Fit {
                width: terminal.width_stdout,
                full_table: full_table.as_deref(),
            };
            let table = summary::render_table(&report, args.lang, terminal.color_stdout, &fit);
            terminal::write(Stream::Stdout, &table, Text::Styled)
                .map_err(|e| Error::io("<stdout>", e))?;
        }
        CheckFormat::Json => print(&(summary::render_json(&report, args.lang) + "\n"))?,
    }
    Ok(if report.is_clean() {
        exit::OK
    } else {
        exit::UNMET
    })
}
