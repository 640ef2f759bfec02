//! `roster report`: the weekly counts a monitoring unit asks for.

use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Result, exit};
use crate::input::Options;
use crate::input::nip::{self, TruncatedNips};
use crate::mode::Mode;
use crate::report::{Report, key_headers};
use crate::roster_file::{self, Dating, RosterRow};
use crate::terminal::Safe;
use crate::writers::dialect::Dialect;
use crate::writers::output::{Output, Outputs, Sink, Target, commit};
use crate::writers::report::{write_csv, write_table};
use chrono::NaiveDate;
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
    let report = count(args, &options, dating)?;
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

/// Person-days of the roster, a batch at a time, their cells end to end: the roster is read
/// on one thread and counted on another.
#[derive(Default)]
struct Batch {
    text: String,
    /// Each day's date and mode, and where its NIP, name and unit end in `text`.
    days: Vec<(NaiveDate, Mode, [usize; 3])>,
}

const BATCH: usize = 1024;

impl Batch {
    fn push(&mut self, row: &RosterRow) {
        let mut ends = [0; 3];
        for (end, cell) in ends.iter_mut().zip([&row.nip, &row.name, &row.unit]) {
            self.text.push_str(cell);
            *end = self.text.len();
        }
        self.days.push((row.date, row.mode, ends));
    }

    fn count(&self, report: &mut Report) -> std::io::Result<()> {
        let mut start = 0;
        for &(date, mode, [nip, name, unit]) in &self.days {
            let text = &self.text;
            report.add_day(
                date,
                &text[start..nip],
                &text[nip..name],
                &text[name..unit],
                mode,
            )?;
            start = unit;
        }
        Ok(())
    }
}

/// Counts the roster's person-days: one thread reads and checks the rows (and the NIPs cut
/// to 15 digits), the other counts them, each batch while the next is read.
fn count(args: &ReportArgs, options: &Options, dating: Dating) -> Result<Report> {
    let mut report = Report::new(args.by);
    let (batches, received) = std::sync::mpsc::sync_channel::<Batch>(2);
    let (read, counted) = std::thread::scope(|scope| {
        // A small stack: reading a row recurses nowhere, and memory is bounded (the tests
        // run a report under `prlimit --as`).
        let reader = std::thread::Builder::new().stack_size(256 << 10);
        let reader = reader.spawn_scoped(scope, move || {
            // Without a staff file, NIPs cut to 15 digits show only when every one ends in 000.
            let mut zeros = TruncatedNips::default();
            let mut batch = Batch::default();
            roster_file::read(&args.roster, options, dating, |row, nips| {
                zeros.see(&row.nip, || {
                    nips.error(row.line, nip::truncated_message(&row.nip, None))
                });
                batch.push(row);
                if batch.days.len() == BATCH {
                    // Counting stopped: its error is the one reported.
                    batches
                        .send(std::mem::take(&mut batch))
                        .map_err(|_| Error::io(spill_dir(), std::io::ErrorKind::Other.into()))?;
                }
                Ok(())
            })?;
            if !batch.days.is_empty() {
                let _ = batches.send(batch);
            }
            match zeros.finish() {
                Some(error) => Err(error),
                None => Ok(()),
            }
        });
        let mut counted = Ok(());
        for batch in received {
            counted = batch.count(&mut report);
            if counted.is_err() {
                break;
            }
        }
        let reader = reader.expect("a thread to read the roster");
        (reader.join().expect("the roster's reader"), counted)
    });
    // A count that failed failed on a row read before any error of the reader's.
    counted.map_err(|e| Error::io(spill_dir(), e))?;
    read?;
    Ok(report)
}

/// Where a large report's sorted runs are written, for messages.
fn spill_dir() -> std::path::PathBuf {
    std::env::temp_dir()
}
