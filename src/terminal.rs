//! The one place that decides colour and terminal behaviour: `--color`, `NO_COLOR`,
//! whether the output is a terminal, and what of the inputs' text may reach it.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

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
    /// The width tables printed to stdout and stderr must fit: `COLUMNS` when it is set, else
    /// the terminal's, else none (a file or a pipe gets the whole table).
    pub width_stdout: Option<u16>,
    pub width_stderr: Option<u16>,
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
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c >= 40);
        Terminal {
            color_stdout: wants(std::io::stdout().is_terminal()),
            color_stderr: wants(stderr_tty),
            progress: stderr_tty,
            width_stdout: columns.or_else(|| comfy_table::Table::new().width()),
            width_stderr: columns.or_else(|| comfy_table::Table::new().use_stderr().width()),
        }
    }

    /// Plain text: no colour, no progress bar.
    pub fn plain() -> Terminal {
        Terminal {
            color_stdout: false,
            color_stderr: false,
            progress: false,
            width_stdout: None,
            width_stderr: None,
        }
    }
}

/// Whether a character, printed as it is, could drive the terminal or change what it shows:
/// the C0 controls but tab and line feed (ESC starts escape sequences that set the window
/// title or clear the screen; BEL ends some; CR overwrites a line), DEL, the C1 controls
/// (U+0080–U+009F, CSI among them) and the bidirectional formatting characters, which
/// reorder the text around them (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{b}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// Text as it may reach a terminal: every [unsafe](is_unsafe) character written as a
/// visible escape, `\u{1b}` for ESC. Files keep the data as it is; only text for people
/// on a terminal goes through this.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Where text for people goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// How a text for people was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Anything: sanitised here.
    Plain,
    /// Made by a renderer that sanitised the data it put in and added colour codes of its
    /// own (the summary table), written as it is.
    Styled,
}

/// Writes text for people. Every message, table and report printed by the tool comes here,
/// so that no control or bidi character from the inputs reaches the terminal.
pub fn write(stream: Stream, text: &str, kind: Text) -> std::io::Result<()> {
    let text = match kind {
        Text::Plain => sanitize(text),
        Text::Styled => Cow::Borrowed(text),
    };
    match stream {
        Stream::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()
        }
        Stream::Stderr => std::io::stderr().lock().write_all(text.as_bytes()),
    }
}

/// A writer of text for people that escapes what it is given, piece by piece: for text
/// written with `write!` or `write_all` of whole strings (a multi-byte character split
/// between two writes would not survive).
pub struct Safe<W: Write>(pub W);

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(sanitize(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_and_the_rest_kept() {
        assert_eq!(
            sanitize("Dinas\u{1b}]0;pwned\u{7}\u{1b}[2J A\u{202e}B\r\u{9b}"),
            "Dinas\\u{1b}]0;pwned\\u{7}\\u{1b}[2J A\\u{202e}B\\u{d}\\u{9b}"
        );
        let kept = "Satuan Polisi Pamong Praja — Bidang\tÉcole\nبلدية 学校";
        assert!(matches!(sanitize(kept), Cow::Borrowed(_)));
        assert_eq!(sanitize(kept), kept);
    }
}
