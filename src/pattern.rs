//! Text normalisation and the selector patterns of policy rules (SPEC §2, §9 "Words and globs").

/// Trims Unicode whitespace (a no-break space too) and collapses inner runs to one space.
pub fn collapse(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    collapse_into(&mut out, value);
    out
}

/// [`collapse`] into a buffer that is cleared first, for readers that reuse their cells.
pub fn collapse_into(out: &mut String, value: &str) {
    out.clear();
    // Most cells are ASCII words with single spaces between them: nothing to collapse. (The
    // checks are each a fast pass over the bytes; ASCII whitespace is \t..\r and space.)
    let bytes = value.as_bytes();
    if value.is_ascii()
        && !bytes.iter().any(|c| (b'\t'..=b'\r').contains(c))
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !value.contains("  ")
    {
        out.push_str(value);
        return;
    }
    for word in value.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The key values and patterns are compared under: collapsed, then Unicode lower-cased.
pub fn fold(value: &str) -> String {
    collapse(value).to_lowercase()
}

/// Words are runs of letters and digits; everything else separates them.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A rule selector pattern.
///
/// Without `*` or `?` it matches when its words appear as consecutive whole words of the
/// value (`"bendahara"` matches "Bendahara Pengeluaran", `"pengawas"` does not match
/// "Pengawasan"). With `*` or `?` it is a glob over the whole value, so `"pengawas*"` is a
/// prefix glob and *does* match "Pengawasan".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    Words(Vec<String>),
    Glob(Vec<char>),
}

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    Empty,
    NoWords,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternError::Empty => write!(f, "a pattern must not be empty"),
            PatternError::NoWords => write!(
                f,
                "a pattern without `*` or `?` must contain a letter or digit"
            ),
        }
    }
}

impl std::fmt::Display for Pattern {
    /// The pattern as compared (folded), in quotes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pattern::Words(words) => write!(f, "\"{}\"", words.join(" ")),
            Pattern::Glob(glob) => write!(f, "\"{}\"", glob.iter().collect::<String>()),
        }
    }
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let folded = fold(text);
        if folded.is_empty() {
            return Err(PatternError::Empty);
        }
        if folded.contains(['*', '?']) {
            return Ok(Pattern::Glob(folded.chars().collect()));
        }
        let list: Vec<String> = words(&folded).map(str::to_owned).collect();
        if list.is_empty() {
            return Err(PatternError::NoWords);
        }
        Ok(Pattern::Words(list))
    }

    /// `value` must already be [`fold`]ed.
    pub fn matches_folded(&self, value: &str) -> bool {
        match self {
            Pattern::Words(needle) => {
                let hay: Vec<&str> = words(value).collect();
                hay.windows(needle.len())
                    .any(|window| window.iter().zip(needle).all(|(a, b)| *a == b))
            }
            Pattern::Glob(glob) => glob_match(glob, &value.chars().collect::<Vec<_>>()),
        }
    }

    pub fn matches(&self, value: &str) -> bool {
        self.matches_folded(&fold(value))
    }
}

/// Iterative wildcard matching with single-star backtracking: linear in practice.
fn glob_match(glob: &[char], text: &[char]) -> bool {
    let (mut g, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if g < glob.len() && (glob[g] == '?' || glob[g] == text[t]) {
            g += 1;
            t += 1;
        } else if g < glob.len() && glob[g] == '*' {
            star = Some((g, t));
            g += 1;
        } else if let Some((star_g, star_t)) = star {
            g = star_g + 1;
            t = star_t + 1;
            star = Some((star_g, star_t + 1));
        } else {
            return false;
        }
    }
    glob[g..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_trims_and_joins_words() {
        for (value, collapsed) in [
            ("", ""),
            (" ", ""),
            ("a", "a"),
            ("Dinas Kesehatan", "Dinas Kesehatan"),
            (" a", "a"),
            ("a ", "a"),
            ("a  b", "a b"),
            ("a\tb\r\n", "a b"),
            ("a\u{b}b", "a b"),
            ("a\u{a0}b", "a b"),
            ("Ñoño  Šimić ", "Ñoño Šimić"),
        ] {
            assert_eq!(collapse(value), collapsed, "{value:?}");
        }
    }

    fn m(pattern: &str, value: &str) -> bool {
        Pattern::parse(pattern).unwrap().matches(value)
    }

    #[test]
    fn whole_words_not_substrings() {
        assert!(m("bendahara", "Bendahara Pengeluaran Pembantu"));
        assert!(m("pengawas", "Pengawas Sekolah"));
        assert!(!m("pengawas", "Kepala Seksi Pengawasan"));
        assert!(m("pimpinan kegiatan", "Pimpinan  Kegiatan"));
        assert!(!m("pimpinan kegiatan", "Pimpinan Unit Kegiatan"));
        assert!(m("barang", "Pengadaan Barang/Jasa"));
        assert!(m("PPTK", "Pejabat Pelaksana Teknis Kegiatan (PPTK)"));
    }

    #[test]
    fn globs_cover_the_whole_value() {
        assert!(m("SD Negeri*", "SD Negeri 1 Kota Contoh"));
        assert!(!m("SD Negeri*", "Dinas SD Negeri"));
        assert!(m("pengawas*", "Pengawasan"));
        assert!(m("*puskesmas*", "UPTD Puskesmas Utara"));
        assert!(m("rs?d*", "RSUD Kota"));
        assert!(!m("rs?d", "RSUD Kota"));
        assert!(m("a*b*c", "axxbyyc"));
        assert!(!m("a*b*c", "axxbyy"));
    }

    #[test]
    fn whitespace_and_case_are_folded() {
        assert_eq!(
            collapse("\u{a0} Dinas\t\tKesehatan \u{a0}"),
            "Dinas Kesehatan"
        );
        assert!(m("  DINAS   kesehatan ", "dinas\u{a0}Kesehatan"));
        assert!(m("ÉCOLE", "école primaire"));
    }

    #[test]
    fn empty_patterns_are_refused() {
        assert_eq!(Pattern::parse("  "), Err(PatternError::Empty));
        assert_eq!(Pattern::parse("--"), Err(PatternError::NoWords));
    }
}
