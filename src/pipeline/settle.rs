//! The `plan` command line settled into a checked run: the window, the earlier rosters, every
//! output with its placeholders filled in and its collisions refused, the CSV dialect and the
//! language. Decided once, before any planning; the writers see only what this holds. The
//! inputs and the window are settled alike for `explain` ([`PlanInputs`]).

use crate::cli::{InputArgs, PlanArgs};
use crate::error::{Error, Result};
use crate::facts::policy::PolicyProblem;
use crate::facts::run::RunProblem;
use crate::input::Options;
use crate::lang::Lang;
use crate::pipeline::Sources;
use crate::policy::Policy;
use crate::published::Rows;
use crate::requests::{FOLDER_KINDS, RequestFiles};
use crate::window::next_window;
use crate::writers::dialect::Dialect;
use crate::writers::output::{Input, Output, Outputs, safe_component};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A `plan` run, ready to go.
pub struct PlanRun {
    /// What it reads and the window it plans, settled as `explain` settles them.
    pub inputs: PlanInputs,
    pub outputs: Outputs,
    pub dialect: Dialect,
    pub lang: Lang,
    pub quiet: bool,
    pub strict: bool,
}

/// What a planning run (`plan`, `explain`) reads, and the window it plans: settled once, the
/// same way for both, so that `explain` explains the roster `plan` writes.
pub struct PlanInputs {
    /// The policy, its period narrowed to the window when one was given.
    pub policy: Policy,
    pub staff: PathBuf,
    pub leave: Option<PathBuf>,
    pub requests: Option<PathBuf>,
    /// How to read the staff, leave, requests and previous files.
    pub options: Options,
    pub previous: Previous,
    /// The published roster a re-plan keeps (`--published`), from the window's first day.
    pub published: Vec<PathBuf>,
    /// Its rows, read once.
    pub published_rows: Arc<Rows>,
    /// The policy's whole period, before any window narrowed it.
    pub period: (NaiveDate, NaiveDate),
}

/// The window and the rosters besides the inputs a planning command was given.
#[derive(Clone, Copy)]
pub struct Window<'a> {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `--next` and the day it counts from (`--today`).
    pub next: Option<(crate::window::Next, Option<NaiveDate>)>,
    pub previous: &'a [PathBuf],
    pub published: &'a [PathBuf],
}

/// The earlier rosters `--previous` names.
#[derive(Default)]
pub struct Previous {
    /// The roster files to read, in order: a later file's day replaces an earlier one's.
    pub files: Vec<PathBuf>,
    /// Folders that do not exist yet: an empty history (a cron job's first run).
    pub missing: Vec<PathBuf>,
    /// Entries of a folder that are not regular files (a named pipe would block the run).
    pub skipped: Vec<PathBuf>,
    /// Rosters this run replaces whose days all lie in its window: the roster being planned
    /// again (a cron job run twice for one week), left out of the history.
    pub replanned: Vec<PathBuf>,
    /// The files found in folders (not named one by one).
    in_folders: Vec<PathBuf>,
}

impl PlanRun {
    pub fn settle(args: &PlanArgs) -> Result<PlanRun> {
        let window = Window {
            from: args.from,
            to: args.to,
            next: args.next.map(|next| (next, args.today)),
            previous: &args.previous,
            published: &args.published,
        };
        let mut settled = PlanInputs::settle(&args.inputs, window)?;
        let presentation = &args.presentation;
        let dialect = Dialect::new(presentation.csv_style, presentation.delimiter)?;
        let policy = &settled.policy;

        let stem = args
            .inputs
            .policy
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expand = |path: &Path| expand_path(path, policy.period.start, policy.period.end, &stem);
        let mut outputs = vec![(Output::Out, expand(&args.out))];
        let previous = &mut settled.previous;
        previous.leave_out_replanned(&outputs[0].1, policy, &settled.options)?;
        let optional = [
            (Output::Wide, &args.wide),
            (Output::Summary, &args.summary),
            (Output::Xlsx, &args.xlsx),
            (Output::Html, &args.html),
            (Output::Pdf, &args.pdf),
            (Output::Ics, &args.ics),
            (Output::Changes, &args.changes),
            (Output::RequestsReport, &args.requests_report),
            (Output::Causes, &args.causes),
        ];
        for (flag, path) in optional {
            outputs.extend(path.as_deref().map(|p| (flag, expand(p))));
        }
        // Every file the run reads is an input no output may replace, the published roster
        // too, except by `--out`: a re-plan's long roster holds the published history and
        // replaces it whole.
        let mut inputs: Vec<Input> = [&args.inputs.policy, &args.inputs.staff]
            .into_iter()
            .chain(&args.inputs.leave)
            .chain(&previous.files)
            .map(|p| Input::new(p.clone()))
            .collect();
        let mut read_folders = Vec::new();
        if let Some(requests) = &args.inputs.requests {
            // A folder's members are inputs, and a new file there would be read back as
            // requests by the next run.
            let listed = RequestFiles::list(requests)?;
            inputs.extend(listed.files.into_iter().map(Input::new));
            if requests.is_dir() {
                read_folders.push((requests.clone(), FOLDER_KINDS));
            }
        }
        inputs.extend(args.published.iter().map(|p| Input {
            path: p.clone(),
            replaced_by: Some(Output::Out),
        }));
        let outputs = Outputs::settle_inputs(outputs, &inputs, &read_folders)?;
        Ok(PlanRun {
            inputs: settled,
            outputs,
            dialect,
            lang: presentation.lang,
            quiet: args.quiet,
            strict: args.strict,
        })
    }
}

impl PlanInputs {
    /// The window (`--from`/`--to`, `--next`, or a re-plan's `--from` to the published
    /// roster's end), the policy narrowed to it, and the earlier rosters listed.
    pub fn settle(args: &InputArgs, given: Window) -> Result<PlanInputs> {
        let mut policy = read_policy(&args.policy)?;
        let period = (policy.period.start, policy.period.end);
        let window = match (given.from, given.to, given.next) {
            (Some(from), Some(to), _) => Some((from, to)),
            // A re-plan runs from the first day that may change to the period's end.
            (Some(from), None, _) if !given.published.is_empty() => Some((from, period.1)),
            (Some(_), None, _) => {
                return Err(Error::usage(RunProblem::FromNeedsTo {}));
            }
            (None, _, Some((next, today))) => {
                let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
                Some(
                    next_window(next, today)
                        .ok_or_else(|| Error::usage(RunProblem::TodayTooClose { today }))?,
                )
            }
            (None, _, None) => None,
        };
        if let Some((from, to)) = window {
            policy.period.set_window(from, to)?;
        }
        // A re-plan runs no further than the published roster: one published for a month is
        // re-planned as that month.
        let mut published_rows = Rows::default();
        if !given.published.is_empty() {
            let options = args.options(&policy);
            published_rows = Rows::read(given.published, period, &options)?;
            let last = published_rows.last;
            if let Some(last) = last.filter(|&last| last < policy.period.start) {
                return Err(Error::usage(RunProblem::PublishedEndsBefore {
                    last,
                    from: policy.period.start,
                }));
            }
            if let Some(last) = last.filter(|&last| last < policy.period.end) {
                policy.period.set_window(policy.period.start, last)?;
            }
        }
        let previous = Previous::list(given.previous)?;
        Ok(PlanInputs {
            options: args.options(&policy),
            policy,
            staff: args.staff.clone(),
            leave: args.leave.clone(),
            requests: args.requests.clone(),
            previous,
            published: given.published.to_vec(),
            published_rows: Arc::new(published_rows),
            period,
        })
    }

    /// What the pipeline reads.
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            policy: &self.policy,
            period: self.period,
            staff: &self.staff,
            leave: self.leave.as_deref(),
            requests: self.requests.as_deref(),
            previous: &self.previous.files,
            published: &self.published,
            published_rows: &self.published_rows,
            options: &self.options,
        }
    }
}

impl Previous {
    /// Files as given; folders as every regular `.csv` file in them, sorted by name. A path
    /// that does not exist is an error, unless it names a folder (no extension, or a trailing
    /// `/`): the folder a cron job will fill is empty history on its first run.
    pub fn list(paths: &[PathBuf]) -> Result<Previous> {
        let mut previous = Previous::default();
        for path in paths {
            if path.is_dir() {
                let mut inside = Vec::new();
                for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
                    let entry = entry.map_err(|e| Error::io(path, e))?;
                    let file = entry.path();
                    if !file
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
                    {
                        continue;
                    }
                    // Following a link, as reading it would.
                    if std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
                        inside.push(file);
                    } else {
                        previous.skipped.push(file);
                    }
                }
                inside.sort();
                previous.in_folders.extend(inside.iter().cloned());
                previous.files.extend(inside);
            } else if !path.exists() && names_a_folder(path) {
                previous.missing.push(path.clone());
            } else {
                previous.files.push(path.clone());
            }
        }
        previous.skipped.sort();
        Ok(previous)
    }
}

impl Previous {
    /// Leaves out of the history a roster of a `--previous` folder that `out` replaces and
    /// whose days all lie in the window: the roster of this very window, planned again (the cron job run a second time
    /// for a week already planned). A roster with days outside the window stays an input,
    /// so `out` naming it is still refused.
    fn leave_out_replanned(
        &mut self,
        out: &Path,
        policy: &Policy,
        options: &Options,
    ) -> Result<()> {
        let Ok(out) = out.canonicalize() else {
            return Ok(());
        };
        let (start, end) = (policy.period.start, policy.period.end);
        let mut kept = Vec::new();
        for file in std::mem::take(&mut self.files) {
            // A file named by itself is meant as history: replacing it stays an error.
            if !self.in_folders.contains(&file) || file.canonicalize().ok().as_ref() != Some(&out) {
                kept.push(file);
                continue;
            }
            let mut inside = true;
            crate::roster_file::read(
                &file,
                options,
                crate::roster_file::Dating::Within(start, end),
                |row, _| {
                    inside &= start <= row.date && row.date <= end;
                    Ok(())
                },
            )?;
            if inside {
                self.replanned.push(file);
            } else {
                kept.push(file);
            }
        }
        self.files = kept;
        Ok(())
    }
}

fn names_a_folder(path: &Path) -> bool {
    path.as_os_str().to_string_lossy().ends_with('/') || path.extension().is_none()
}

/// Fills `{start}`, `{end}` and `{policy}` into an output path; each value is one safe path
/// component, so a placeholder can never lead out of the folder the path names.
fn expand_path(path: &Path, start: NaiveDate, end: NaiveDate, policy: &str) -> PathBuf {
    let text = path.to_string_lossy();
    if !text.contains('{') {
        return path.to_owned();
    }
    PathBuf::from(
        text.replace("{start}", &safe_component(&start.to_string()))
            .replace("{end}", &safe_component(&end.to_string()))
            .replace("{policy}", &safe_component(policy)),
    )
}

/// Reads and checks the policy file at `path`.
pub fn read_policy(path: &Path) -> Result<Policy> {
    let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if let Some(problem) = not_a_policy(&text) {
        return Err(Error::Policy {
            file: path.display().to_string(),
            line: 1,
            column: 1,
            problem: Box::new(problem),
        });
    }
    let text = String::from_utf8(text).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let (line, column) = crate::error::line_column(&prefix, valid);
        Error::Policy {
            file: path.display().to_string(),
            line,
            column,
            problem: Box::new(PolicyProblem::NotUtf8 {}),
        }
    })?;
    Policy::parse(&text, &path.display().to_string())
}

/// What a file given as the policy is when it is plainly something else: a workbook, or a
/// table such as the staff file (`--policy` and `--staff` swapped).
fn not_a_policy(bytes: &[u8]) -> Option<PolicyProblem> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Some(PolicyProblem::PolicyIsWorkbook {});
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let first = text.trim_start_matches('\u{feff}').lines().next()?.trim();
    // A TOML line has `=` or is a [section]; a header row has several delimited names, one
    // of them a NIP column.
    let cells: Vec<String> = first
        .split([',', ';', '\t', '|'])
        .map(|c| c.trim().trim_matches('"').to_lowercase())
        .collect();
    let table = !first.contains('=')
        && !first.starts_with('[')
        && cells.len() >= 3
        && cells.iter().any(|c| c == "nip" || c == "nip baru");
    let shown: String = first.chars().take(80).collect();
    table.then_some(PolicyProblem::PolicyIsTable { line: shown })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_stay_in_their_folder() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let path = Path::new("rosters/{policy}/{start}.csv");
        let expanded = |policy| expand_path(path, d("2025-06-02"), d("2025-06-29"), policy);
        assert_eq!(
            expanded("tangsel"),
            PathBuf::from("rosters/tangsel/2025-06-02.csv")
        );
        assert_eq!(expanded(".."), PathBuf::from("rosters/__/2025-06-02.csv"));
        assert_eq!(expanded("a/b"), PathBuf::from("rosters/a_b/2025-06-02.csv"));
        assert_eq!(expanded(""), PathBuf::from("rosters/_/2025-06-02.csv"));
        // A date before year 1 prints with a sign, which stays in the file name harmlessly.
        assert_eq!(
            expand_path(path, d("-0001-12-27"), d("0001-01-02"), "p"),
            PathBuf::from("rosters/p/-0001-12-27.csv")
        );
    }

    #[test]
    fn a_missing_previous_folder_is_empty_history_but_a_missing_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("rosters");
        let file = dir.path().join("roster.csv");
        let previous = Previous::list(&[folder.clone(), file.clone()]).unwrap();
        assert_eq!(previous.missing, [folder]);
        assert_eq!(previous.files, [file]);
    }
}
