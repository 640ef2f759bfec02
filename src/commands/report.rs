//! `roster report`: the weekly counts a monitoring unit asks for.

use super::csv_io;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Result, exit};
use crate::report::{Report, key_headers};
use crate::roster_file;
use crate::writers::dialect::Dialect;
use crate::writers::output::{Sink, Target, commit};
use crate::writers::report::{write_csv, write_table};
use std::io::Write;
use std::path::Path;

pub fn report(args: &ReportArgs) -> Result<u8> {
    if let Some(out) = &args.out {
        super::refuse_overwriting_inputs(&[&args.roster], &[("--out", out)])?;
    }
    let mut report = Report::new(args.by);
    roster_file::read(&args.roster, |row| {
        report.add(&row);
        Ok(())
    })?;
    let headers = key_headers(args.by);
    let p = &args.presentation;
    let dialect = Dialect::new(p.csv_style, p.delimiter)?;
    let rows = report.rows();
    match (&args.out, args.format) {
        (None, ReportFormat::Table) => {
            let stdout = std::io::BufWriter::new(std::io::stdout().lock());
            write_table(headers, || rows.iter(), p.lang, stdout)
                .and_then(|mut out| out.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
        (Some(path), ReportFormat::Table) => {
            let sink = Sink::open(&Target::parse(path))?;
            let sink = write_table(headers, || rows.iter(), p.lang, sink)
                .map_err(|e| Error::io(path, e))?;
            commit(vec![sink.finish()?])?;
        }
        (out, ReportFormat::Csv) => {
            let path = out.as_deref().unwrap_or(Path::new("-"));
            let sink = Sink::open(&Target::parse(path))?;
            let sink =
                write_csv(headers, rows.iter(), sink, &dialect).map_err(|e| csv_io(path, e))?;
            commit(vec![sink.finish()?])?;
        }
    }
    Ok(exit::OK)
}
