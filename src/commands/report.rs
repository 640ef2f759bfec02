//! `roster report`: the weekly counts a monitoring unit asks for.

use super::csv_io;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Result, exit};
use crate::report::{Report, key_headers};
use crate::roster_file;
use crate::terminal::Safe;
use crate::writers::dialect::Dialect;
use crate::writers::output::{Outputs, Sink, Target, commit};
use crate::writers::report::{write_csv, write_table};
use std::io::Write;

pub fn report(args: &ReportArgs) -> Result<u8> {
    let outputs = Outputs::settle(
        vec![("--out", args.out.clone().unwrap_or_else(|| "-".into()))],
        std::slice::from_ref(&args.roster),
    )?;
    let out = outputs.single("--out")?.expect("one output");
    let mut report = Report::new(args.by);
    roster_file::read(&args.roster, |row| {
        report.add(&row);
        Ok(())
    })?;
    let headers = key_headers(args.by);
    let p = &args.presentation;
    let dialect = Dialect::new(p.csv_style, p.delimiter)?;
    let rows = report.rows();
    match (out, args.format) {
        (Target::Stdout, ReportFormat::Table) => {
            // Text for people: escaped as it goes out.
            let stdout = Safe(std::io::BufWriter::new(std::io::stdout().lock()));
            write_table(headers, || rows.iter(), p.lang, stdout)
                .and_then(|mut out| out.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
        (path, ReportFormat::Table) => {
            let sink = Sink::open(path)?;
            let sink = write_table(headers, || rows.iter(), p.lang, sink)
                .map_err(|e| Error::io(path.name(), e))?;
            commit(vec![sink.finish()?])?;
        }
        (path, ReportFormat::Csv) => {
            let sink = Sink::open(path)?;
            let sink = write_csv(headers, rows.iter(), sink, &dialect)
                .map_err(|e| csv_io(&path.name(), e))?;
            commit(vec![sink.finish()?])?;
        }
    }
    Ok(exit::OK)
}
