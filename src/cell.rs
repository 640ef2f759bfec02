//! Spreadsheet formula neutralisation (SPEC §5): a cell that would start with `=`, `+`, `-`,
//! `@`, tab or carriage return is written with a leading `'`, and readers take it off again.

use std::borrow::Cow;

fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// The cell as written to a CSV file.
pub fn neutralize(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some(c) if is_formula_start(c) => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

/// The cell as it was before [`neutralize`] or [`as_text`].
pub fn restore(value: &str) -> &str {
    if let Some(digits) = value
        .strip_prefix("=\"")
        .and_then(|v| v.strip_suffix('"'))
        .filter(|v| is_long_digits(v))
    {
        return digits;
    }
    match value.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(is_formula_start) => rest,
        _ => value,
    }
}

/// Twelve digits or more: what a spreadsheet would turn into a number and show as
/// `1.98609E+17`, losing every digit past the fifteenth.
fn is_long_digits(value: &str) -> bool {
    value.len() >= 12 && value.bytes().all(|b| b.is_ascii_digit())
}

/// A long digit string (a NIP) in the one form that Excel and LibreOffice both open as text:
/// `="198609262015051001"`. `None` for any other cell.
pub fn as_text(value: &str) -> Option<String> {
    is_long_digits(value).then(|| format!("=\"{value}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for value in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+62 812 1234",
            "-",
            "@SUM(A1)",
            "\tx",
            "plain",
            "'quoted",
            "",
        ] {
            assert_eq!(restore(&neutralize(value)), value);
        }
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("Dinas"), "Dinas");
        assert_eq!(restore("'abc"), "'abc");
    }

    #[test]
    fn long_digit_strings_as_text_and_back() {
        assert_eq!(
            as_text("198609262015051001").as_deref(),
            Some("=\"198609262015051001\"")
        );
        assert_eq!(restore("=\"198609262015051001\""), "198609262015051001");
        assert_eq!(as_text("12345678901"), None);
        assert_eq!(as_text("19860926201505100x"), None);
        // A formula that is not a text NIP stays as written.
        assert_eq!(restore("=\"abc\""), "=\"abc\"");
    }
}
