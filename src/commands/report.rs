//! `roster report`: the weekly counts a monitoring unit asks for.

use super::{csv_io, print};
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Result, exit};
use crate::report::{Report, key_headers};
use crate::roster_file;
use crate::writers::dialect::Dialect;
use crate::writers::output::{Sink, Target, commit};
use crate::writers::report::{render_table, write_csv};
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
    match (&args.out, args.format) {
        (None, ReportFormat::Table) => print(&render_table(headers, report.rows(), p.lang))?,
        (Some(path), ReportFormat::Table) => {
            let mut sink = Sink::open(&Target::parse(path))?;
            sink.write_all(render_table(headers, report.rows(), p.lang).as_bytes())
                .map_err(|e| Error::io(path, e))?;
            commit(vec![sink.finish()?])?;
        }
        (out, ReportFormat::Csv) => {
            let path = out.as_deref().unwrap_or(Path::new("-"));
            let sink = Sink::open(&Target::parse(path))?;
            let sink =
                write_csv(headers, report.rows(), sink, &dialect).map_err(|e| csv_io(path, e))?;
            commit(vec![sink.finish()?])?;
        }
    }
    Ok(exit::OK)
}
