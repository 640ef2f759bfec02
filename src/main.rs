use clap::Parser;
use roster::cli::Cli;
use roster::error::{Error, exit};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match roster::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped reading (`roster plan --out - | head`) is not an error.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(exit::OK)
        }
        Err(e) => {
            let error = roster::lang::run_text(|m| m.error, &[]);
            roster::commands::eprint(&format!("{error}: {e}\n"));
            ExitCode::from(e.exit_code())
        }
    }
}
