use clap::Parser;
use roster::cli::Cli;
use roster::error::{Error, exit};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang();
    match roster::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped reading (`roster plan --out - | head`) is not an error.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(exit::OK)
        }
        Err(e) => {
            let error = lang.labels().run.error;
            let text = roster::catalogue::Render::render(&e, lang);
            roster::commands::eprint(&format!("{error}: {text}\n"));
            ExitCode::from(e.exit_code())
        }
    }
}
