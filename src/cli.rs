//! The command line, defined once with clap; help text comes from these doc comments.

use crate::input::Column;
use crate::input::fields::parse_column;
use crate::lang::Lang;
pub use crate::report::ReportBy;
use crate::terminal::ColorChoice;
use crate::writers::dialect::CsvStyle;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Plans who works where (WFO, WFH, WFA, FIELD) under Indonesian civil-service
/// flexible-work policies, from a TOML policy and a SIMPEG/SIASN staff CSV.
#[derive(Debug, Parser)]
#[command(name = "roster", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Colour in tables: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

impl Cli {
    /// The language of the run's messages (errors, warnings): the command's `--lang`, or the
    /// environment's for the commands that have none.
    pub fn lang(&self) -> Lang {
        match &self.command {
            Command::Plan(a) => a.presentation.lang,
            Command::Report(a) => a.presentation.lang,
            Command::Attendance(a) => a.presentation.lang,
            Command::Check(a) => a.lang,
            Command::Explain(a) => a.lang,
            Command::Calendar(a) => a.lang,
            _ => Lang::from_env(),
        }
    }
}

/// The inputs every planning command reads.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The policy file (TOML).
    #[arg(long, value_name = "P.toml")]
    pub policy: PathBuf,

    /// The staff file: CSV (a SIMPEG/SIASN export as it comes) or a workbook (.xlsx, .ods).
    #[arg(long, value_name = "S.csv")]
    pub staff: PathBuf,

    /// Leave: a CSV or workbook with columns nip, from, to (inclusive dates), optional type.
    #[arg(long, value_name = "L.csv")]
    pub leave: Option<PathBuf>,

    /// Staff requests: a CSV or workbook (or a folder of them) with columns nip; date, or
    /// from and to, or weekday; wish (WFO, WFH, WFA, not WFO, not remote); optional reason
    /// and strength (soft, the default, or hard: a fixed day after leave and the staff mode,
    /// before the rules).
    #[arg(long, value_name = "Q.csv|DIR")]
    pub requests: Option<PathBuf>,

    /// The sheet to read in every workbook input of the run (default: the first sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Map a staff field to a header by hand, e.g. unit="SATUAN KERJA KERJA NAMA" (repeat it
    /// for more fields; it wins over the policy's [staff.columns] and the usual headers).
    /// Fields: nip, name, unit, role, team, mode, title_before, title_after.
    #[arg(long, value_name = "FIELD=HEADER", value_parser = parse_column)]
    pub column: Vec<Column>,
}

impl InputArgs {
    /// How to read this run's inputs: `--sheet`, and the staff columns mapped by `--column`
    /// and the policy's `[staff.columns]`.
    pub fn options(&self, policy: &crate::policy::Policy) -> crate::input::Options {
        crate::input::Options {
            sheet: self.sheet.clone(),
            columns: crate::input::fields::explicit_columns(&self.column, &policy.staff_columns),
        }
    }
}

/// Options of the outputs people open in spreadsheets and read.
#[derive(Debug, Args)]
pub struct Presentation {
    /// CSV dialect: standard (`,`, LF) or excel-id (`;`, BOM, CRLF: what Excel with
    /// Indonesian settings opens directly).
    #[arg(long, value_enum, default_value_t = CsvStyle::Standard)]
    pub csv_style: CsvStyle,

    /// The CSV delimiter: , ; | or a tab (overrides --csv-style's).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<char>,

    /// Language of the tables and reports: en or id (Bahasa Indonesia); by default id when LC_ALL, LC_MESSAGES or LANG starts with `id`, else en
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan a roster: write it as CSV and print a summary proving the policy is met.
    ///
    /// Exit codes: 0 done; 1 input or I/O error (nothing written); 2 usage error;
    /// 3 roster written but some guarantee is unmet (each one is listed).
    Plan(PlanArgs),
    /// Audit a roster (long or wide, possibly edited in a spreadsheet) against every guarantee.
    ///
    /// Prints each violation grouped by guarantee, then the summary. Exit codes: 0 no
    /// violation; 1 input or I/O error; 2 usage error; 3 violations found.
    Check(CheckArgs),
    /// Count office and remote days in a roster per unit, per ISO week or per person.
    Report(ReportArgs),
    /// Say which rule decided each of a person's days and why, and show their schedule.
    Explain(ExplainArgs),
    /// Set attendance (presensi) exports against the roster: who was where the roster put
    /// them, per OPD and week.
    ///
    /// Exit codes: 0 done (deviations are findings, not failures); 1 input or I/O error;
    /// 2 usage error.
    #[command(visible_alias = "presensi")]
    Attendance(AttendanceArgs),
    /// Write a commented starter policy (to standard output without FILE).
    Init(InitArgs),
    /// List the built-in days off (libur nasional and cuti bersama).
    Calendar(CalendarArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
}

/// Text for people, or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: InputArgs,

    /// The roster to audit: long (`date,nip,...,mode,...`) or wide (one column per date), a
    /// CSV file or a workbook (the one `plan --xlsx` writes, edited or not). Several files
    /// (`--roster opd/*.xlsx`, the per-unit workbooks) are audited as one roster.
    #[arg(long, value_name = "R.csv", num_args = 1.., required = true)]
    pub roster: Vec<PathBuf>,

    /// Check this window instead of the policy's period (as `plan --from/--to`).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<NaiveDate>,

    /// End of the window (needs --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<NaiveDate>,

    /// Earlier rosters, as `plan --previous` reads them (long form; repeat it, or name a
    /// folder): fairness counts, pool totals and the caps continue from their days before
    /// the period (or the --from window), so a roster planned with --previous, or the new
    /// days of a re-plan, is checked the way it was planned.
    #[arg(long, value_name = "R.csv|DIR")]
    pub previous: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Also write the summary as CSV (every unit and every column, as `plan --summary`).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    /// Write why each unit with a violation that no roster can mend cannot meet the policy,
    /// and the smallest changes that fix it, as `plan --causes` does (JSON for .json, else
    /// CSV).
    #[arg(long, value_name = "FILE")]
    pub causes: Option<PathBuf>,

    /// Print only errors and the unmet guarantees: no summary table, no other warnings.
    #[arg(long, short)]
    pub quiet: bool,

    /// Language of the report: en or id; by default id when LC_ALL, LC_MESSAGES or LANG starts with `id`, else en
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
}

/// A table for people, or CSV for spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The roster (long or wide, CSV or workbook), planned or edited.
    #[arg(long, value_name = "R.csv")]
    pub roster: PathBuf,

    /// The policy whose period dates a workbook's day columns (`Mon 24/03` has no year).
    #[arg(long, value_name = "P.toml")]
    pub policy: Option<PathBuf>,

    /// The sheet to read in a workbook roster (default: the first sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// What each row counts over.
    #[arg(long, value_enum, default_value_t = ReportBy::Week)]
    pub by: ReportBy,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub presentation: Presentation,
}

/// What the attendance report lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AttendanceBy {
    /// The weekly counts per OPD.
    Unit,
    /// The people with deviations, and their dates.
    Person,
}

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    /// The policy file (TOML): its working days, and the window when none is given.
    #[arg(long, value_name = "P.toml")]
    pub policy: PathBuf,

    /// The staff file the roster was planned from (CSV or workbook).
    #[arg(long, value_name = "S.csv")]
    pub staff: PathBuf,

    /// The roster as planned or published (long or wide, CSV or workbook; several files, such
    /// as one per OPD, are read as one roster).
    #[arg(long, value_name = "R.csv", num_args = 1.., required = true)]
    pub roster: Vec<PathBuf>,

    /// Attendance exports: CSV or workbook files, or folders (every .csv, .xlsx, .xls and
    /// .ods file in them, such as one per OPD); one row per person-day or per check-in event.
    #[arg(long, value_name = "FILE|DIR", num_args = 1.., required = true)]
    pub presensi: Vec<PathBuf>,

    /// The sheet to read in every workbook input (default: the first sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Map a field of the attendance exports to a header by hand, e.g.
    /// status="KETERANGAN ABSEN" (repeat it for more fields). Fields: nip, date, check_in,
    /// check_out, time, event, status, location, wfh, name, unit.
    #[arg(long, value_name = "FIELD=HEADER", value_parser = crate::input::fields::parse_presensi_column)]
    pub column: Vec<Column>,

    /// First day to reconcile (default: the roster's first day in the policy's period).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to", conflicts_with_all = ["week", "month"])]
    pub from: Option<NaiveDate>,

    /// Last day to reconcile (needs --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<NaiveDate>,

    /// Reconcile one ISO week, e.g. 2025-W13 (Monday to Sunday).
    #[arg(long, value_name = "YYYY-Www", value_parser = crate::window::parse_iso_week, conflicts_with = "month")]
    pub week: Option<(NaiveDate, NaiveDate)>,

    /// Reconcile one calendar month, e.g. 2025-03.
    #[arg(long, value_name = "YYYY-MM", value_parser = crate::window::parse_month)]
    pub month: Option<(NaiveDate, NaiveDate)>,

    /// What the printed report lists.
    #[arg(long, value_enum, default_value_t = AttendanceBy::Unit)]
    pub by: AttendanceBy,

    /// Write one row per classified person-day: date, nip, name, unit, planned, actual,
    /// place, class, late, early.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Write the weekly counts per OPD as CSV (every row and column the terminal may not show).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    /// Write the report as an Excel workbook: a sheet per ISO week (its units, worst first, and
    /// the total) and a sheet of the people with deviations.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,

    /// Write what happened as a long roster (leave taken as LEAVE, office days as WFO, remote
    /// days as WFH/WFA, rule `actual`), for the next period's --previous.
    #[arg(long, value_name = "FILE")]
    pub actual: Option<PathBuf>,

    #[command(flatten)]
    pub presentation: Presentation,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub inputs: InputArgs,

    /// The person's NIP, or their name: titles, case and accents do not matter, and the
    /// beginnings of words do when no name has the words whole. When several people match,
    /// they are listed with unit and NIP.
    #[arg(value_name = "NIP_OR_NAME")]
    pub person: String,

    /// Earlier rosters, as `plan --previous` reads them (long form, possibly edited; CSV or
    /// workbook; repeat it, or name a folder): the person's days are those `plan` writes
    /// with them, fairness counts, quotas, alternating phases and the caps continuing.
    #[arg(long, value_name = "R.csv|DIR")]
    pub previous: Vec<PathBuf>,

    /// Explain from this date instead of the policy's `start`, as `plan --from` (needs --to,
    /// except with --published: the first day the re-plan may change).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,

    /// Explain up to this date instead of the policy's `end` (needs --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<NaiveDate>,

    /// The roster already published, as `plan --published` reads it (repeat it for one file
    /// per unit): with --from D, the days from D on are explained as the re-plan writes them,
    /// published days kept wherever the current staff, leave, requests and policy allow.
    #[arg(long, value_name = "R.csv", requires = "from", conflicts_with = "to")]
    pub published: Vec<PathBuf>,

    /// Language of the explanation's labels and weekday names: en or id; by default id when LC_ALL, LC_MESSAGES or LANG starts with `id`, else en
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the policy; an existing file is never overwritten.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Only this year.
    #[arg(long)]
    pub year: Option<i32>,

    /// Language of the table: en or id; by default id when LC_ALL, LC_MESSAGES or LANG starts with `id`, else en
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub inputs: InputArgs,

    /// Earlier rosters (long form, possibly edited; CSV or workbook): fairness counts, quotas,
    /// alternating phases and the caps continue from them (from a wide roster, such as
    /// the --xlsx workbook, only the caps do). Repeat it, or name a folder to read every
    /// .csv in it; where rosters overlap, the later one wins.
    #[arg(long, value_name = "R.csv|DIR")]
    pub previous: Vec<PathBuf>,

    /// Where the long roster goes; `-` is standard output (the summary then goes to stderr).
    /// In every output path, {start}, {end} and {policy} (the policy file's name) are
    /// replaced, and missing folders are created.
    #[arg(long, value_name = "FILE", default_value = "roster.csv")]
    pub out: PathBuf,

    /// Also write the wide roster: one row per person, one column per working day.
    #[arg(long, value_name = "FILE")]
    pub wide: Option<PathBuf>,

    /// Also write the summary as CSV.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    /// Plan from this date instead of the policy's `start` (needs --to, except with
    /// --published: the first day the re-plan may change).
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "next")]
    pub from: Option<NaiveDate>,

    /// Plan up to this date instead of the policy's `end` (needs --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<NaiveDate>,

    /// Plan the next calendar week (Monday to Sunday) or month after --today: for cron.
    #[arg(long, value_enum, value_name = "week|month")]
    pub next: Option<crate::window::Next>,

    /// The day --next counts from (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "next")]
    pub today: Option<NaiveDate>,

    /// The roster already published (long or wide, CSV or workbook; repeat it for one file
    /// per unit): with --from D, its days before D stay as they are and its days from D on
    /// are kept wherever the current staff, leave, requests and policy allow; the long
    /// roster then holds both, so it can replace the published one.
    #[arg(long, value_name = "R.csv", requires = "from", conflicts_with_all = ["to", "next"])]
    pub published: Vec<PathBuf>,

    /// With --published: write one row per changed person-day (date, nip, name, unit, old,
    /// new, why): who must be told.
    #[arg(long, value_name = "FILE", requires = "published")]
    pub changes: Option<PathBuf>,

    /// With --requests: write each day of each request (line, nip, name, unit, date, wish,
    /// strength, reason), whether it was granted and, if not, why (in words, and as the
    /// guarantees that block it in `blocked_by`).
    #[arg(long, value_name = "FILE", requires = "requests")]
    pub requests_report: Option<PathBuf>,

    /// Write why each unit proven impossible cannot meet the policy, and the smallest
    /// changes that fix it: JSON when FILE ends in .json, else CSV (unit, cause, sentence,
    /// key, rule, from, to, change). Written on every run; empty when nothing is impossible.
    #[arg(long, value_name = "FILE")]
    pub causes: Option<PathBuf>,

    /// Also write the roster as an Excel workbook: a sheet in wide form coloured by mode, the
    /// summary, and a legend.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,

    /// Also write a self-contained HTML page: per unit, staff by working day coloured by
    /// mode, each day's office count, and a filter box.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Also write the roster as a PDF to print and sign: A4 landscape, a month across each
    /// page, a letter per day, each day's office count, the unit's summary line and a
    /// signature block (words from the policy's [print] table). `{unit}` in FILE writes one
    /// PDF per unit.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,

    /// Also write calendars (RFC 5545 .ics) of all-day events, one per person-day titled by
    /// its mode in the run's language. `{unit}` in FILE writes one per unit, `{nip}` one per
    /// person. Each day's UID stays the same across re-plans, so a calendar that imports the
    /// file again updates its days; written over the calendar it replaces, a changed day's
    /// SEQUENCE goes up and a day the roster no longer has is cancelled.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,

    #[command(flatten)]
    pub presentation: Presentation,

    /// Print only errors, unmet guarantees and rules that match nobody (nothing on stdout
    /// unless the roster goes there).
    #[arg(long, short)]
    pub quiet: bool,

    /// Treat warnings (a NIP that is not 18 digits, a rule that matches nobody) as errors.
    #[arg(long)]
    pub strict: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
