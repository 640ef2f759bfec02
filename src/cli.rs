//! The command line, defined once with clap; help text comes from these doc comments.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Plans who works where (WFO, WFH, WFA, FIELD) under Indonesian civil-service
/// flexible-work policies, from a TOML policy and a SIMPEG/SIASN staff CSV.
#[derive(Debug, Parser)]
#[command(name = "roster", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan a roster: write it as CSV and print a summary proving the policy is met.
    ///
    /// Exit codes: 0 done; 1 input or I/O error (nothing written); 2 usage error;
    /// 3 roster written but some guarantee is unmet (each one is listed).
    Plan(PlanArgs),
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The policy file (TOML).
    #[arg(long, value_name = "P.toml")]
    pub policy: PathBuf,

    /// The staff file (CSV exported from SIMPEG/SIASN).
    #[arg(long, value_name = "S.csv")]
    pub staff: PathBuf,

    /// Leave: a CSV with columns nip, from, to (inclusive dates), optional type.
    #[arg(long, value_name = "L.csv")]
    pub leave: Option<PathBuf>,

    /// Where the long roster goes; `-` is standard output (the summary then goes to stderr).
    #[arg(long, value_name = "FILE", default_value = "roster.csv")]
    pub out: PathBuf,

    /// Also write the wide roster: one row per person, one column per working day.
    #[arg(long, value_name = "FILE")]
    pub wide: Option<PathBuf>,

    /// Also write the summary as CSV.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    /// Plan from this date instead of the policy's `start` (needs --to).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<NaiveDate>,

    /// Plan up to this date instead of the policy's `end` (needs --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<NaiveDate>,

    /// Print only errors and unmet guarantees.
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
