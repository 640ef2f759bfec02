//! The one place that decides colour and terminal behaviour: `--color`, `NO_COLOR`, and
//! whether the output is a terminal.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

/// What the text written for people may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Colour in tables written to stdout.
    pub color_stdout: bool,
    /// Colour in text written to stderr.
    pub color_stderr: bool,
    /// A progress bar on stderr (only when it is a terminal).
    pub progress: bool,
}

impl Terminal {
    pub fn detect(choice: ColorChoice) -> Terminal {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let wants = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        let stderr_tty = std::io::stderr().is_terminal();
        Terminal {
            color_stdout: wants(std::io::stdout().is_terminal()),
            color_stderr: wants(stderr_tty),
            progress: stderr_tty,
        }
    }

    /// Plain text: no colour, no progress bar.
    pub fn plain() -> Terminal {
        Terminal {
            color_stdout: false,
            color_stderr: false,
            progress: false,
        }
    }
}
