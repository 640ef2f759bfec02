//! Spreadsheet formula neutralisation (SPEC §5): a cell that would start with `=`, `+`, `-`,
//! `@`, tab or carriage return is written with a leading `'`, and readers take it off again.
//! So is every part of a cell that would start a cell of its own when a spreadsheet splits the
//! line at another delimiter than the file's (`,` `;` tab `|`): `Budi;=1+1;` is written
//! `Budi;'=1+1;`, so that a `;` spreadsheet (the Indonesian default) opening a `,` file does
//! not run `=1+1`.

use std::borrow::Cow;

fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// A character at which some spreadsheet splits a line into cells.
pub fn is_delimiter(c: char) -> bool {
    matches!(c, ',' | ';' | '\t' | '|')
}

/// Whether a `'` goes before the character at this point: the cell's start, or just after a
/// delimiter.
fn needs_mark(previous: Option<char>, c: char) -> bool {
    is_formula_start(c) && previous.is_none_or(is_delimiter)
}

/// The cell as written to a CSV file.
pub fn neutralize(value: &str) -> Cow<'_, str> {
    // Every character a mark is about is ASCII, and no byte of a longer UTF-8 character is:
    // the bytes say it as the characters would, without decoding them.
    let bytes = value.as_bytes();
    let marked = |i: usize| {
        is_formula_start(char::from(bytes[i])) && (i == 0 || is_delimiter(char::from(bytes[i - 1])))
    };
    if !(0..bytes.len()).any(marked) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 2);
    let mut previous = None;
    for c in value.chars() {
        if needs_mark(previous, c) {
            out.push('\'');
        }
        out.push(c);
        previous = Some(c);
    }
    Cow::Owned(out)
}

/// The cell as it was before [`neutralize`] or [`as_text`].
pub fn restore(value: &str) -> Cow<'_, str> {
    // Nearly every cell read has neither a mark nor `=`: seen in one pass over its bytes.
    if !value.starts_with('=') && !value.bytes().any(|b| b == b'\'') {
        return Cow::Borrowed(value);
    }
    if let Some(digits) = value
        .strip_prefix("=\"")
        .and_then(|v| v.strip_suffix('"'))
        .filter(|v| is_long_digits(v))
    {
        return Cow::Borrowed(digits);
    }
    let value = match value.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(is_formula_start) => rest,
        _ => value,
    };
    // A mark after a delimiter: `;'=`.
    let marked = |w: &[char]| is_delimiter(w[0]) && w[1] == '\'' && is_formula_start(w[2]);
    if !value.contains('\'') || !value.chars().collect::<Vec<_>>().windows(3).any(marked) {
        return Cow::Borrowed(value);
    }
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::with_capacity(value.len());
    for (i, &c) in chars.iter().enumerate() {
        let dropped = c == '\''
            && i > 0
            && is_delimiter(chars[i - 1])
            && chars.get(i + 1).is_some_and(|&n| is_formula_start(n));
        if !dropped {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
    fn parts_after_a_delimiter_are_neutralised_too() {
        assert_eq!(neutralize("Budi;=1+1;"), "Budi;'=1+1;");
        assert_eq!(neutralize("a,-b|@c\t+d"), "a,'-b|'@c\t'+d");
        assert_eq!(neutralize("Dra. Novi, M.Si."), "Dra. Novi, M.Si.");
        assert_eq!(neutralize("=a;=b"), "'=a;'=b");
        // Letters of more than one byte neither start a formula nor split a line.
        assert_eq!(neutralize("Ēko-1"), "Ēko-1");
        assert_eq!(neutralize("Ēko;-1 ñ|@"), "Ēko;'-1 ñ|'@");
        assert_eq!(neutralize("ñ"), "ñ");
        for value in ["Budi;=1+1;", "a,-b|@c\t+d", "=a;=b", "x;\t=y"] {
            assert_eq!(restore(&neutralize(value)), value, "{value}");
        }
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
