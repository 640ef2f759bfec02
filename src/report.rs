//! Counts over a roster for monitoring: office and remote days per unit, per unit and ISO
//! week, or per person and ISO week.

use crate::error::{Error, Result};
use crate::input::Options;
use crate::input::nip::{self, TruncatedNips};
use crate::mode::Mode;
use crate::roster_file::RosterRow;
use crate::roster_file::{self, Dating};
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// What a report row counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportBy {
    /// One row per unit over the whole roster.
    Unit,
    /// One row per unit and ISO week.
    Week,
    /// One row per person and ISO week.
    Person,
}

/// One report row: its key cells (see [`key_headers`]) and the counts under it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub key: Vec<String>,
    pub people: usize,
    /// Person-days per mode, indexed like [`Mode::ALL`].
    pub counts: [u64; 5],
}

impl ReportRow {
    pub fn person_days(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn share(&self, part: u64) -> Option<f64> {
        let present = self.person_days() - self.counts[Mode::Leave.index()];
        (present > 0).then(|| 100.0 * part as f64 / present as f64)
    }

    /// WFO as a share of the person-days not on leave.
    pub fn office_pct(&self) -> Option<f64> {
        self.share(self.counts[Mode::Wfo.index()])
    }

    /// WFH + WFA as a share of the person-days not on leave.
    pub fn remote_pct(&self) -> Option<f64> {
        self.share(self.counts[Mode::Wfh.index()] + self.counts[Mode::Wfa.index()])
    }
}

pub fn key_headers(by: ReportBy) -> &'static [&'static str] {
    match by {
        ReportBy::Unit => &["unit"],
        ReportBy::Week => &["week", "unit"],
        ReportBy::Person => &["week", "nip", "name", "unit"],
    }
}

/// Strings numbered in the order first seen, so a report keeps each name once and keys its
/// counts by small numbers. The texts sit end to end in one buffer, found again by their
/// hash (a chain of the ids that share one), so that a name costs its bytes and a few words,
/// not two allocations.
#[derive(Default)]
struct Strings {
    text: String,
    /// Where each id's text starts and ends in `text`.
    spans: Vec<(usize, usize)>,
    /// The last id with each hash.
    heads: FxHashMap<u64, u32>,
    /// The id before it with the same hash, or `u32::MAX`.
    chain: Vec<u32>,
    /// The bytes the names hold, with their bookkeeping, for deciding when to spill.
    bytes: usize,
}

impl Strings {
    fn get(&self, id: u32) -> &str {
        let (start, end) = self.spans[id as usize];
        &self.text[start..end]
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn id(&mut self, text: &str) -> u32 {
        use std::hash::BuildHasher;
        let hash = rustc_hash::FxBuildHasher.hash_one(text);
        let head = self.heads.get(&hash).copied().unwrap_or(u32::MAX);
        let mut at = head;
        while at != u32::MAX {
            if self.get(at) == text {
                return at;
            }
            at = self.chain[at as usize];
        }
        let id = self.spans.len() as u32;
        let start = self.text.len();
        self.text.push_str(text);
        self.spans.push((start, self.text.len()));
        self.chain.push(head);
        self.heads.insert(hash, id);
        self.bytes += text.len() + 36;
        id
    }

    /// The id of `text` in a column of the roster, guessed first from what followed the
    /// column's last string the last time (a roster lists the same people in the same order
    /// day after day), then looked up.
    fn id_in(&mut self, column: &mut Guess, text: &str) -> u32 {
        if let Some(id) = column.guess(|id| self.get(id) == text) {
            return id;
        }
        let id = self.id(text);
        column.learn(id);
        id
    }

    /// Each string's place in sorted order, by id.
    fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.get(a).cmp(self.get(b)));
        let mut ranks = vec![0; order.len()];
        for (rank, id) in order.into_iter().enumerate() {
            ranks[id as usize] = rank as u32;
        }
        ranks
    }
}

/// The cells of a person-day a report counts.
struct Day<'a> {
    date: NaiveDate,
    nip: &'a str,
    name: &'a str,
    unit: &'a str,
    mode: Mode,
}

/// What followed each id the last time in a sequence of ids (a column of the roster, or its
/// entries): rows come in the same order every day, so the next id is nearly always the one
/// that followed the last last time, found without hashing.
#[derive(Default)]
struct Guess {
    last: Option<u32>,
    next: Vec<u32>,
}

impl Guess {
    /// The last id again, or the one that followed it before, if `is` says it is the one.
    fn guess(&mut self, is: impl Fn(u32) -> bool) -> Option<u32> {
        let last = self.last?;
        if is(last) {
            return Some(last);
        }
        let next = *self.next.get(last as usize)?;
        if next != u32::MAX && is(next) {
            self.last = Some(next);
            return Some(next);
        }
        None
    }

    /// `id` came after the last one.
    fn learn(&mut self, id: u32) {
        if let Some(last) = self.last {
            let last = last as usize;
            if self.next.len() <= last {
                self.next.resize(last + 1, u32::MAX);
            }
            self.next[last] = id;
        }
        self.last = Some(id);
    }
}

/// The ids of an entry's cells: finer than a report row's, so that people can be counted
/// as entries: by unit (unit, NIP); by week (week, unit, NIP); by person (week, NIP, name,
/// unit). Unused cells are 0.
type Key = [u32; 4];

/// How many cells of [`Key`] an entry has.
fn entry_width(by: ReportBy) -> usize {
    match by {
        ReportBy::Unit => 2,
        ReportBy::Week => 3,
        ReportBy::Person => 4,
    }
}

/// Entries held before they are sorted into a run on disk: memory stays bounded whatever
/// the number of units, people and weeks (a roster lists every person on every day, so
/// nothing is finished before its end). 2^16: a province's 60,000 people are counted per
/// unit without a spill, and per person-week in runs of about a week, so that a run holds
/// each entry's sum of several days, not one entry per row.
const SPILL_ENTRIES: usize = 1 << 16;
/// Or when the distinct strings held pass this many bytes.
const SPILL_BYTES: usize = 8 << 20;
/// Runs merged at once.
const FAN_IN: usize = 32;

/// Accumulates rows of a roster into report rows. It keeps each distinct string once and
/// one entry per person and report row, never the roster's rows; past [`SPILL_ENTRIES`] it
/// writes them, sorted, to a temporary file and starts again, and merges the files at the
/// end.
pub struct Report {
    by: ReportBy,
    strings: Strings,
    /// Guesses for the unit, NIP and name columns.
    columns: [Guess; 3],
    /// The entries in the order first counted, each found by its key or guessed.
    entries: Vec<(Key, [u64; 5])>,
    index: FxHashMap<Key, u32>,
    next_entry: Guess,
    /// The last date seen and its ISO week's id: rosters come a date at a time.
    last_week: Option<(NaiveDate, u32)>,
    /// Sorted runs written so far.
    runs: Vec<File>,
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

impl Report {
    /// Counts the person-days of the roster at `path` by `by`: one thread reads and checks
    /// the rows (and the NIPs cut to 15 digits), the other counts them, each batch while the
    /// next is read.
    pub fn count(
        path: &std::path::Path,
        by: ReportBy,
        options: &Options,
        dating: Dating,
    ) -> Result<Report> {
        let mut report = Report::new(by);
        let (batches, received) = std::sync::mpsc::sync_channel::<Batch>(2);
        let (read, counted) = std::thread::scope(|scope| {
            // A small stack: reading a row recurses nowhere, and memory is bounded (the tests
            // run a report under `prlimit --as`).
            let reader = std::thread::Builder::new().stack_size(256 << 10);
            let reader = reader.spawn_scoped(scope, move || {
                // Without a staff file, NIPs cut to 15 digits show only when every one ends in 000.
                let mut zeros = TruncatedNips::default();
                let mut batch = Batch::default();
                roster_file::read(path, options, dating, |row, nips| {
                    zeros.see(&row.nip, || {
                        nips.error(row.line, nip::truncated_message(&row.nip, None))
                    });
                    batch.push(row);
                    if batch.days.len() == BATCH {
                        // Counting stopped: its error is the one reported.
                        batches.send(std::mem::take(&mut batch)).map_err(|_| {
                            Error::io(std::env::temp_dir(), std::io::ErrorKind::Other.into())
                        })?;
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
        counted.map_err(|e| Error::io(std::env::temp_dir(), e))?;
        read?;
        Ok(report)
    }
}

impl Report {
    pub fn new(by: ReportBy) -> Report {
        Report {
            by,
            strings: Strings::default(),
            columns: Default::default(),
            entries: Vec::new(),
            index: FxHashMap::default(),
            next_entry: Guess::default(),
            last_week: None,
            runs: Vec::new(),
        }
    }

    fn week(&mut self, date: NaiveDate) -> u32 {
        if let Some((last, id)) = self.last_week
            && last == date
        {
            return id;
        }
        let week = date.iso_week();
        let id = (self.strings).id(&format!("{}-W{:02}", week.year(), week.week()));
        self.last_week = Some((date, id));
        id
    }

    /// Counts one person-day. Fails only when a full batch cannot be written to a
    /// temporary file.
    pub fn add(&mut self, row: &RosterRow) -> std::io::Result<()> {
        self.add_day(row.date, &row.nip, &row.name, &row.unit, row.mode)
    }

    /// Counts one person-day given by its cells.
    pub fn add_day(
        &mut self,
        date: NaiveDate,
        nip: &str,
        name: &str,
        unit: &str,
        mode: Mode,
    ) -> std::io::Result<()> {
        let row = Day {
            date,
            nip,
            name,
            unit,
            mode,
        };
        let week = match self.by {
            ReportBy::Unit => 0,
            ReportBy::Week | ReportBy::Person => self.week(row.date),
        };
        let [unit, nip, name] = &mut self.columns;
        let strings = &mut self.strings;
        let key = match self.by {
            ReportBy::Unit => [
                strings.id_in(unit, row.unit),
                strings.id_in(nip, row.nip),
                0,
                0,
            ],
            ReportBy::Week => [
                week,
                strings.id_in(unit, row.unit),
                strings.id_in(nip, row.nip),
                0,
            ],
            ReportBy::Person => {
                let nip = strings.id_in(nip, row.nip);
                let name = strings.id_in(name, row.name);
                [week, nip, name, strings.id_in(unit, row.unit)]
            }
        };
        let entries = &self.entries;
        let at = match self.next_entry.guess(|i| entries[i as usize].0 == key) {
            Some(at) => at,
            None => {
                let at = *self.index.entry(key).or_insert_with(|| {
                    self.entries.push((key, [0; 5]));
                    self.entries.len() as u32 - 1
                });
                self.next_entry.learn(at);
                at
            }
        };
        self.entries[at as usize].1[row.mode.index()] += 1;
        if self.entries.len() >= SPILL_ENTRIES || self.strings.bytes >= SPILL_BYTES {
            self.spill()?;
        }
        Ok(())
    }

    /// The entries held, sorted by their cells' text.
    fn sorted(&mut self) -> Vec<(Key, [u64; 5])> {
        let ranks = self.strings.ranks();
        let mut entries = std::mem::take(&mut self.entries);
        self.index.clear();
        self.next_entry = Guess::default();
        entries.sort_unstable_by_key(|(key, _)| key.map(|id| ranks.get(id as usize).copied()));
        entries
    }

    /// Writes the entries held to a new run and forgets them.
    fn spill(&mut self) -> std::io::Result<()> {
        let entries = self.sorted();
        let width = entry_width(self.by);
        let mut out = BufWriter::new(tempfile::tempfile()?);
        for (key, counts) in entries {
            let cells = key[..width].iter().map(|&id| self.strings.get(id));
            write_entry(&mut out, cells, &counts)?;
        }
        self.runs.push(
            out.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?,
        );
        self.strings = Strings::default();
        self.columns = Default::default();
        self.last_week = None;
        Ok(())
    }

    /// The report rows, sorted by their key cells.
    pub fn rows(mut self) -> std::io::Result<ReportRows> {
        let width = entry_width(self.by);
        let rows_width = key_headers(self.by).len();
        if self.runs.is_empty() {
            let entries = self.sorted();
            return Ok(ReportRows {
                width: rows_width,
                entries: Entries::Held {
                    names: self.strings,
                    width,
                    entries,
                },
                error: RefCell::new(None),
            });
        }
        if !self.entries.is_empty() {
            self.spill()?;
        }
        let mut runs = self.runs;
        while runs.len() > 1 {
            let mut merged = Vec::new();
            let mut rest = runs.into_iter().peekable();
            while rest.peek().is_some() {
                let batch: Vec<File> = rest.by_ref().take(FAN_IN).collect();
                merged.push(merge(&batch, width)?);
            }
            runs = merged;
        }
        Ok(ReportRows {
            width: rows_width,
            entries: Entries::Run {
                file: runs.pop().expect("at least one run"),
                width,
            },
            error: RefCell::new(None),
        })
    }
}

/// One entry of a run: each cell as its length (4 bytes, little-endian) and its bytes, then
/// the five counts (8 bytes each).
fn write_entry<'a>(
    out: &mut impl Write,
    cells: impl Iterator<Item = &'a str>,
    counts: &[u64; 5],
) -> std::io::Result<()> {
    for cell in cells {
        out.write_all(&(cell.len() as u32).to_le_bytes())?;
        out.write_all(cell.as_bytes())?;
    }
    for count in counts {
        out.write_all(&count.to_le_bytes())?;
    }
    Ok(())
}

/// Reads a run's entries from its start.
struct RunReader {
    input: BufReader<File>,
    width: usize,
}

impl RunReader {
    fn open(file: &File, width: usize) -> std::io::Result<RunReader> {
        let mut file = file.try_clone()?;
        file.seek(SeekFrom::Start(0))?;
        Ok(RunReader {
            input: BufReader::with_capacity(1 << 14, file),
            width,
        })
    }

    fn next(&mut self) -> std::io::Result<Option<(Vec<String>, [u64; 5])>> {
        if self.input.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let mut cells = Vec::with_capacity(self.width);
        let mut word = [0u8; 8];
        for _ in 0..self.width {
            self.input.read_exact(&mut word[..4])?;
            let len = u32::from_le_bytes([word[0], word[1], word[2], word[3]]) as usize;
            let mut bytes = vec![0; len];
            self.input.read_exact(&mut bytes)?;
            let text = String::from_utf8(bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            cells.push(text);
        }
        let mut counts = [0u64; 5];
        for count in &mut counts {
            self.input.read_exact(&mut word)?;
            *count = u64::from_le_bytes(word);
        }
        Ok(Some((cells, counts)))
    }
}

/// Merges sorted runs into one, adding up the counts of equal entries.
fn merge(runs: &[File], width: usize) -> std::io::Result<File> {
    let mut readers = runs
        .iter()
        .map(|f| RunReader::open(f, width))
        .collect::<std::io::Result<Vec<_>>>()?;
    let mut heap = BinaryHeap::new();
    for (i, reader) in readers.iter_mut().enumerate() {
        if let Some((cells, counts)) = reader.next()? {
            heap.push(Reverse((cells, i, counts)));
        }
    }
    let mut out = BufWriter::new(tempfile::tempfile()?);
    let mut pending: Option<(Vec<String>, [u64; 5])> = None;
    while let Some(Reverse((cells, i, counts))) = heap.pop() {
        if let Some(next) = readers[i].next()? {
            heap.push(Reverse((next.0, i, next.1)));
        }
        match &mut pending {
            Some((held, sum)) if *held == cells => {
                for (s, c) in sum.iter_mut().zip(counts) {
                    *s += c;
                }
            }
            _ => {
                if let Some((held, sum)) = pending.replace((cells, counts)) {
                    write_entry(&mut out, held.iter().map(String::as_str), &sum)?;
                }
            }
        }
    }
    if let Some((held, sum)) = pending {
        write_entry(&mut out, held.iter().map(String::as_str), &sum)?;
    }
    out.into_inner()
        .map_err(std::io::IntoInnerError::into_error)
}

/// A report's entries, sorted: held in memory, or in one run on disk.
enum Entries {
    Held {
        names: Strings,
        width: usize,
        entries: Vec<(Key, [u64; 5])>,
    },
    Run {
        file: File,
        width: usize,
    },
}

/// A finished report: its rows in order, each made into a [`ReportRow`] only when read, so
/// that writers can go over them twice (widths, then lines) without holding them all.
pub struct ReportRows {
    /// The key cells of a report row: the first of each entry's.
    width: usize,
    entries: Entries,
    /// The first error met reading a run back, which ends the rows early.
    error: RefCell<Option<std::io::Error>>,
}

impl ReportRows {
    pub fn iter(&self) -> impl Iterator<Item = ReportRow> + '_ {
        let entries: Box<dyn Iterator<Item = (Vec<String>, [u64; 5])> + '_> = match &self.entries {
            Entries::Held {
                names,
                width,
                entries,
            } => Box::new(entries.iter().map(move |(key, counts)| {
                let cells = key[..*width]
                    .iter()
                    .map(|&id| names.get(id).to_owned())
                    .collect();
                (cells, *counts)
            })),
            Entries::Run { file, width } => match RunReader::open(file, *width) {
                Ok(mut reader) => Box::new(std::iter::from_fn(move || {
                    reader.next().unwrap_or_else(|e| {
                        self.error.borrow_mut().get_or_insert(e);
                        None
                    })
                })),
                Err(e) => {
                    self.error.borrow_mut().get_or_insert(e);
                    Box::new(std::iter::empty())
                }
            },
        };
        let width = self.width;
        let mut entries = entries.peekable();
        std::iter::from_fn(move || {
            let (mut key, mut counts) = entries.next()?;
            key.truncate(width);
            let mut people = 1;
            while let Some((next, more)) = entries.peek() {
                if next[..width] != key[..] {
                    break;
                }
                people += 1;
                for (c, m) in counts.iter_mut().zip(more) {
                    *c += m;
                }
                entries.next();
            }
            Some(ReportRow {
                key,
                people,
                counts,
            })
        })
    }

    /// The error that cut the rows short, if reading a run back failed.
    pub fn take_error(&self) -> Option<std::io::Error> {
        self.error.borrow_mut().take()
    }
}
