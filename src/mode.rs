//! What a person does on a working day (SPEC §1).

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Wfo,
    Wfh,
    Wfa,
    Field,
    Leave,
}

impl Mode {
    pub const ALL: [Mode; 5] = [Mode::Wfo, Mode::Wfh, Mode::Wfa, Mode::Field, Mode::Leave];
    /// The modes a split can share out, in the order of [`Mode::split_index`].
    pub const SPLIT: [Mode; 3] = [Mode::Wfo, Mode::Wfh, Mode::Wfa];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Wfo => "WFO",
            Mode::Wfh => "WFH",
            Mode::Wfa => "WFA",
            Mode::Field => "FIELD",
            Mode::Leave => "LEAVE",
        }
    }

    /// Working from home or from anywhere: what the remote caps count.
    pub fn is_remote(self) -> bool {
        matches!(self, Mode::Wfh | Mode::Wfa)
    }

    pub fn split_index(self) -> Option<usize> {
        Mode::SPLIT.iter().position(|&m| m == self)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A mode code that is not one of SPEC §1's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMode(pub String);

impl FromStr for Mode {
    type Err = UnknownMode;

    /// Case-insensitive, surrounding whitespace ignored.
    fn from_str(text: &str) -> Result<Mode, UnknownMode> {
        let trimmed = text.trim();
        Mode::ALL
            .into_iter()
            .find(|m| m.code().eq_ignore_ascii_case(trimmed))
            .ok_or_else(|| UnknownMode(trimmed.to_owned()))
    }
}

/// What a person asks for on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    /// Exactly this mode (WFO, WFH or WFA).
    Mode(Mode),
    /// Anything remote: WFH or WFA.
    NotWfo,
    /// Not remote: WFO (or FIELD, which is not remote either).
    NotRemote,
}

impl Wish {
    /// Whether a day in `mode` grants the wish.
    pub fn admits(self, mode: Mode) -> bool {
        match self {
            Wish::Mode(wanted) => mode == wanted,
            Wish::NotWfo => mode.is_remote(),
            Wish::NotRemote => matches!(mode, Mode::Wfo | Mode::Field),
        }
    }

    /// The mode a hard request fixes.
    pub fn hard_mode(self) -> Mode {
        match self {
            Wish::Mode(mode) => mode,
            Wish::NotRemote => Mode::Wfo,
            Wish::NotWfo => Mode::Wfh,
        }
    }

    /// The wish as the file writes it (English form).
    pub fn label(self) -> &'static str {
        match self {
            Wish::Mode(mode) => mode.code(),
            Wish::NotWfo => "not WFO",
            Wish::NotRemote => "not remote",
        }
    }
}

/// The office floor per unit and working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinOffice {
    Count(u32),
    /// Percent of the unit's staff present that day, rounded up.
    Percent(u32),
}

impl MinOffice {
    pub fn required(self, present: u32) -> u32 {
        match self {
            MinOffice::Count(n) => n,
            MinOffice::Percent(p) => (p * present).div_ceil(100),
        }
    }
}

impl std::fmt::Display for MinOffice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MinOffice::Count(n) => write!(f, "{n}"),
            MinOffice::Percent(p) => write!(f, "{p}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_case_insensitively() {
        for mode in Mode::ALL {
            assert_eq!(mode.code().parse::<Mode>(), Ok(mode));
            assert_eq!(mode.code().to_lowercase().parse::<Mode>(), Ok(mode));
        }
        assert!("WFX".parse::<Mode>().is_err());
        assert!(Mode::Wfa.is_remote() && !Mode::Field.is_remote());
    }
}
