//! NIPs as read from any input, and the two ways a spreadsheet destroys them: an 18-digit
//! NIP turned into a number shows as `1.96708151993032E+17` (scientific notation), or is
//! written back with 15 significant digits, so its last three digits become `000`.

use crate::cell::restore;
use crate::facts::problems::Problem;

/// A NIP as written anywhere (staff, leave, rosters, the command line), in the one form the
/// tool compares: a spreadsheet's text markers (`'1986…`, `="1986…"`) dropped, and spaces
/// inside a NIP made only of digits removed (`19860926 201505 1 001` is
/// `198609262015051001`). Other NIPs (with letters or dashes) are kept as written.
pub fn normalize_nip(cell: &str) -> String {
    let restored = restore(cell.trim());
    let cell: &str = &restored;
    let cell = cell
        .strip_prefix("=\"")
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(cell);
    let cell = cell.strip_prefix('\'').unwrap_or(cell).trim();
    if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) {
        return cell.to_owned();
    }
    let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        compact
    } else {
        cell.to_owned()
    }
}

/// Whether `cell` is a number in scientific notation (`1.96708151993032E+17`, `1,97405E+17`,
/// `2E17`): what a spreadsheet shows, and saves as CSV, for a NIP it took for a number.
pub fn is_scientific(cell: &str) -> bool {
    // Every NIP read passes here: most have no exponent to look for.
    if !cell.bytes().any(|b| b | 0x20 == b'e') {
        return false;
    }
    let cell = cell.trim().trim_start_matches('\'');
    let Some((mantissa, exponent)) = cell.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && digits(exponent)
}

/// Whether `nip` could be a NIP whose last three digits a spreadsheet replaced with zeros:
/// 18 digits ending in `000` (no real NIP ends so: its last three digits count from 001).
pub fn looks_truncated(nip: &str) -> bool {
    nip.len() == 18 && nip.ends_with("000") && nip.bytes().all(|b| b.is_ascii_digit())
}

/// The 15 digits a spreadsheet keeps of an 18-digit NIP.
pub fn kept_digits(nip: &str) -> Option<&str> {
    (nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit())).then(|| &nip[..15])
}

/// The problem of a NIP a spreadsheet turned into a number: what happened and how to avoid it.
pub fn scientific_message(cell: &str) -> Problem {
    Problem::NipScientific {
        cell: cell.to_owned(),
        fix: fix(),
    }
}

/// The problem of a NIP cut to 15 digits, saying `why` it looks so (`None`: every 18-digit
/// NIP of the file ends in 000).
pub fn truncated_message(nip: &str, why: Option<Problem>) -> Problem {
    Problem::NipTruncated {
        nip: nip.to_owned(),
        why: Box::new(why.unwrap_or(Problem::NipAllEndIn000 {})),
        fix: fix(),
    }
}

/// Why `nip` looks cut when `like`, a NIP of the staff file, has the same first 15 digits.
pub fn like_message(nip: &str, like: &str) -> Problem {
    truncated_message(
        nip,
        Some(Problem::NipLikeStaff {
            like: like.to_owned(),
        }),
    )
}

/// Watches a file's NIPs for the one sign of 15-digit truncation that needs no staff list:
/// every 18-digit NIP ends in `000` (at least two different ones).
#[derive(Default)]
pub struct TruncatedNips {
    first: Option<(String, crate::error::Error)>,
    another: bool,
    clean: bool,
}

impl TruncatedNips {
    /// Sees one NIP; `error` says where it is, asked for the first truncated-looking one only.
    pub fn see(&mut self, nip: &str, error: impl FnOnce() -> crate::error::Error) {
        if self.clean || kept_digits(nip).is_none() {
            return;
        }
        if !looks_truncated(nip) {
            self.clean = true;
            return;
        }
        match &self.first {
            None => self.first = Some((nip.to_owned(), error())),
            Some((first, _)) => self.another |= first != nip,
        }
    }

    /// The error for the first truncated NIP, if the file's NIPs all look cut.
    pub fn finish(self) -> Option<crate::error::Error> {
        (!self.clean && self.another)
            .then_some(self.first)
            .flatten()
            .map(|(_, e)| e)
    }
}

/// The message for a workbook cell that holds a NIP as a number.
pub fn number_cell_message(value: f64) -> Problem {
    Problem::NipNumberCell {
        value: format!("{value:e}"),
    }
}

/// How to get NIPs a spreadsheet has not damaged.
fn fix() -> Box<Problem> {
    Box::new(Problem::NipFix {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nips_are_normalised() {
        assert_eq!(normalize_nip("19860926 201505 1 001"), "198609262015051001");
        assert_eq!(normalize_nip("'198609262015051001"), "198609262015051001");
        assert_eq!(
            normalize_nip("=\"098609262015051001\""),
            "098609262015051001"
        );
        assert_eq!(normalize_nip("PPPK-2023 01"), "PPPK-2023 01");
    }

    #[test]
    fn scientific_notation_with_either_separator() {
        assert!(is_scientific("1.96708151993032E+17"));
        assert!(is_scientific("1,97405E+17"));
        assert!(is_scientific("1.97405e17"));
        assert!(is_scientific("2E+17"));
        assert!(!is_scientific("198609262015051001"));
        assert!(!is_scientific("PPPK-E1"));
        assert!(!is_scientific("E+17"));
    }

    #[test]
    fn truncation_looks_like_three_zeros() {
        assert!(looks_truncated("196708151993032000"));
        assert!(!looks_truncated("196708151993032001"));
        assert!(!looks_truncated("1967081519930320"));
        assert_eq!(kept_digits("196708151993032001"), Some("196708151993032"));
    }
}
