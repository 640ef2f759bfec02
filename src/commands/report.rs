//! `roster report`: the weekly counts a monitoring unit asks for.

use super::{csv_io, print};
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Result, exit};
use crate::report::{Report, key_headers};
use crate::roster_file;
use crate::writers::dialect::Dialect;
use crate::writers::output::{Outputs, Sink, Target, commit};
use crate::writers::report::{render_table, write_csv};
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
    let rows = report.rows();
    let headers = key_headers(args.by);
    let p = &args.presentation;
    let dialect = Dialect::new(p.csv_style, p.delimiter)?;
    match (out, args.format) {
        (Target::Stdout, ReportFormat::Table) => print(&render_table(headers, &rows, p.lang))?,
        (path, ReportFormat::Table) => {
            let mut sink = Sink::open(path)?;
            sink.write_all(render_table(headers, &rows, p.lang).as_bytes())
                .map_err(|e| Error::io(path.name(), e))?;
            commit(vec![sink.finish()?])?;
        }
        (path, ReportFormat::Csv) => {
            let sink = Sink::open(path)?;
            let sink =
                write_csv(headers, &rows, sink, &dialect).map_err(|e| csv_io(&path.name(), e))?;
            commit(vec![sink.finish()?])?;
        }
    }
    Ok(exit::OK)
}
