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

/// The cell as it was before [`neutralize`].
pub fn restore(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(is_formula_start) => rest,
        _ => value,
    }
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
}
