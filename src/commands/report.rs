//! `roster report`: the weekly counts a monitoring unit asks for.

use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Result, exit};
use crate::input::Options;
use crate::report::{Report, key_headers};
use crate::roster_file::Dating;
use crate::terminal::Safe;
use crate::writers::dialect::Dialect;
use crate::writers::output::{Output, Outputs, Sink, Target, commit};
use crate::writers::report::{write_csv, write_table};
use std::io::Write;

pub fn report(args: &ReportArgs) -> Result<u8> {
    // Every file it reads is an input: the policy too.
    let inputs: Vec<_> = std::iter::once(args.roster.clone())
        .chain(args.policy.clone())
        .collect();
    let outputs = Outputs::settle(
        vec![(Output::Out, args.out.clone().unwrap_or_else(|| "-".into()))],
        &inputs,
    )?;
    let out = outputs.single(Output::Out)?.expect("one output");
    let dating = match &args.policy {
        Some(path) => {
            let period = crate::pipeline::settle::read_policy(path)?.period;
            Dating::Within(period.start, period.end)
        }
        None => Dating::Unknown,
    };
    let options = Options {
        sheet: args.sheet.clone(),
        columns: Vec::new(),
    };
    let report = Report::count(&args.roster, args.by, &options, dating)?;
    let headers = key_headers(args.by);
    let p = &args.presentation;
    let dialect = Dialect::new(p.csv_style, p.delimiter)?;
    let rows = report.rows().map_err(|e| Error::io(spill_dir(), e))?;
    // A run that cannot be read back cuts the rows short: nothing is committed then.
    let read_back = || match rows.take_error() {
        Some(e) => Err(Error::io(spill_dir(), e)),
        None => Ok(()),
    };
    match (out, args.format) {
        (Target::Stdout, ReportFormat::Table) => {
            // Text for people: escaped as it goes out, in the outer buffer's chunks (each
            // a run of whole writes, so no character is cut), not a cell at a time.
            let stdout =
                std::io::BufWriter::new(Safe(std::io::BufWriter::new(std::io::stdout().lock())));
            write_table(headers, || rows.iter(), p.lang, stdout)
                .and_then(|mut out| out.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
        (path, ReportFormat::Table) => {
            let sink = Sink::open(path)?;
            let sink = write_table(headers, || rows.iter(), p.lang, sink)
                .map_err(|e| Error::io(path.name(), e))?;
            read_back()?;
            commit(vec![sink.finish()?])?;
        }
        (path, ReportFormat::Csv) => {
            let sink = Sink::open(path)?;
            let sink = write_csv(headers, rows.iter(), sink, &dialect)
                .map_err(|e| Error::csv_write(&path.name(), e))?;
            read_back()?;
            commit(vec![sink.finish()?])?;
        }
    }
    read_back()?;
    Ok(exit::OK)
}

/// Where a large report's sorted runs are written, for messages.
pub(crate) fn spill_dir() -> std::path::PathBuf {
    std::env::temp_dir()
}
