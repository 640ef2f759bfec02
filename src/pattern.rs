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
    if value.is_empty() {
        return;
    }
    if is_collapsed(value.as_bytes()) {
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

/// Whether collapsing leaves `bytes` as they are: ASCII without `\t`..`\r`, no space at
/// either end and no two in a row, as most cells are. Eight bytes are looked at at once
/// (every input cell of a province's month passes here).
fn is_collapsed(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Whether the byte before the word was a space.
    let mut space_before = false;
    let mut words = bytes.chunks_exact(8);
    let mut fine = |word: u64| {
        // Beyond ASCII: maybe Unicode whitespace.
        if word & HIGH != 0 {
            return false;
        }
        // With every byte below 0x80 no sum below carries into the next byte: the high bit
        // says whether a byte is at least 9, at least 14, or (with the bits flipped) 0x20.
        let control = word.wrapping_add(0x77 * ONES) & !word.wrapping_add(0x72 * ONES) & HIGH;
        let flipped = word ^ (0x20 * ONES);
        let spaces = !((flipped & !HIGH).wrapping_add(!HIGH) | flipped) & HIGH;
        let doubled = spaces & (spaces >> 8) != 0 || (space_before && spaces & 0x80 != 0);
        space_before = spaces >> 63 != 0;
        control == 0 && !doubled
    };
    for word in words.by_ref() {
        if !fine(u64::from_le_bytes(word.try_into().unwrap_or_default())) {
            return false;
        }
    }
    let rest = words.remainder();
    if rest.is_empty() {
        return true;
    }
    // The last bytes, then letters, which change nothing; put together in a register (a copy
    // to memory read back whole would wait for the copy).
    let last = (rest.iter().enumerate()).fold(u64::from_le_bytes([b'a'; 8]), |word, (i, &b)| {
        word & !(0xFF << (8 * i)) | u64::from(b) << (8 * i)
    });
    fine(last)
}

/// The key values and patterns are compared under: collapsed, then Unicode lower-cased.
pub fn fold(value: &str) -> String {
    collapse(value).to_lowercase()
}

/// Words are runs of letters and digits; everything else separates them.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
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

/// The values (unit, role or team names) a pattern that matches none of them was probably
/// meant to match, best first, at most `max`: names it abbreviates (`"Satpol PP"` for
/// "Satuan Polisi Pamong Praja", `"dinkes"` for "Dinas Kesehatan"), names within a few edits
/// of it (`"bendahar"`, `"Dinas Kesehatn"`), and names whose words it holds or that hold its
/// words (`"Dinas Kesehatan Kota"` for "Dinas Kesehatan").
pub fn nearest<'v>(pattern: &Pattern, values: &'v [String], max: usize) -> Vec<&'v str> {
    let text = match pattern {
        Pattern::Words(words) => words.join(" "),
        Pattern::Glob(glob) => glob
            .iter()
            .map(|&c| if matches!(c, '*' | '?') { ' ' } else { c })
            .collect(),
    };
    let wanted: Vec<&str> = words(&text).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let wanted_text = wanted.join(" ");
    let letters: Vec<char> = wanted.concat().chars().collect();
    let allowed = (wanted_text.chars().count() / 4).max(1);
    let mut scored: Vec<(usize, &str)> = values
        .iter()
        .filter_map(|value| {
            let folded = fold(value);
            let have: Vec<&str> = words(&folded).collect();
            if have.is_empty() {
                return None;
            }
            let score = if abbreviates(&letters, &have) {
                0
            } else if let Some(d) = have
                .windows(wanted.len().min(have.len()))
                .map(|w| strsim::damerau_levenshtein(&wanted_text, &w.join(" ")))
                .min()
                .filter(|&d| d <= allowed)
            {
                1 + d
            } else if have.iter().all(|w| wanted.contains(w))
                || wanted.iter().all(|w| have.contains(w))
            {
                2 + allowed
            } else {
                return None;
            };
            Some((score, value.as_str()))
        })
        .collect();
    scored.sort_unstable();
    scored.dedup_by_key(|(_, v)| *v);
    scored.into_iter().take(max).map(|(_, v)| v).collect()
}

/// Whether `letters` are prefixes of two or more of `words`, in order, some words skipped
/// ("satpolpp": Satuan Polisi Pamong Praja; "bkpsdm": Badan Kepegawaian dan Pengembangan
/// Sumber Daya Manusia).
fn abbreviates(letters: &[char], words: &[&str]) -> bool {
    /// A depth-first search over (letters spelled, words passed, words used up to 2), each
    /// state tried once.
    fn search(
        letters: &[char],
        words: &[Vec<char>],
        (i, j, used): (usize, usize, usize),
        failed: &mut [bool],
    ) -> bool {
        if i == letters.len() {
            return used == 2;
        }
        if j == words.len() {
            return false;
        }
        let state = (i * words.len() + j) * 3 + used;
        if failed[state] {
            return false;
        }
        let next = (used + 1).min(2);
        let mut k = 0;
        while k < words[j].len() && i + k < letters.len() && words[j][k] == letters[i + k] {
            k += 1;
            if search(letters, words, (i + k, j + 1, next), failed) {
                return true;
            }
        }
        let found = search(letters, words, (i, j + 1, used), failed);
        failed[state] = !found;
        found
    }
    let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    let mut failed = vec![false; (letters.len() + 1) * (words.len() + 1) * 3];
    letters.len() >= 2 && search(letters, &words, (0, 0, 0), &mut failed)
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

/// Names in the order people expect to read them: runs of digits compared as numbers, the
/// rest by code point as before, so "SMP Negeri 78" comes before "SMP Negeri 776". Files keep
/// their documented order (code points); only what people read is sorted this way.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(c);
                        it.next();
                    }
                    digits.trim_start_matches('0').to_owned()
                };
                let (m, n) = (take(&mut x), take(&mut y));
                let order = m.len().cmp(&n.len()).then_with(|| m.cmp(&n));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(c), Some(d)) => {
                let order = c.cmp(&d);
                if order != Ordering::Equal {
                    return order;
                }
                x.next();
                y.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {

    /// [`super::is_collapsed`] against the byte-by-byte rule it replaces, on random strings
    /// of up to 20 bytes made of the bytes that matter (mostly letters and spaces).
    #[test]
    fn collapsed_cells_seen_eight_bytes_at_a_time() {
        let plain = |bytes: &[u8]| {
            let mut previous = b' ';
            bytes.iter().all(|&b| {
                let fine = b.is_ascii()
                    && !(b'\t'..=b'\r').contains(&b)
                    && !(b == b' ' && previous == b' ');
                previous = b;
                fine
            }) && previous != b' '
        };
        let alphabet = [
            b'x', b'x', b'x', b' ', b' ', b'\t', b'\n', b'\r', 0x0B, 0x0C, 0x08, 0x0E, 0x1F, 0x21,
            0x7F, 0xC2, 0xA0,
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let len = (next() % 21) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            if !bytes.is_empty() {
                assert_eq!(super::is_collapsed(&bytes), plain(&bytes), "{bytes:?}");
            }
        }
    }

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        let mut names = vec![
            "SMP Negeri 776",
            "SMP Negeri 78",
            "SMP Negeri 8",
            "SD Negeri 10",
            "SD Negeri 9",
            "SD Negeri 09a",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "SD Negeri 9",
                "SD Negeri 09a",
                "SD Negeri 10",
                "SMP Negeri 8",
                "SMP Negeri 78",
                "SMP Negeri 776"
            ]
        );
    }
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
            ("a b c", "a b c"),
            ("  a  b  ", "a b"),
            ("a b ", "a b"),
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
    fn nearest_names_for_typos_and_abbreviations() {
        let units: Vec<String> = [
            "Satuan Polisi Pamong Praja",
            "Dinas Kesehatan",
            "Dinas Pendidikan",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Sekretariat Daerah",
        ]
        .map(String::from)
        .to_vec();
        let near = |p: &str| nearest(&Pattern::parse(p).unwrap(), &units, 3);
        assert_eq!(near("Satpol PP"), ["Satuan Polisi Pamong Praja"]);
        assert_eq!(near("dinkes"), ["Dinas Kesehatan"]);
        assert_eq!(
            near("BKPSDM"),
            ["Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"]
        );
        assert_eq!(near("Dinas Kesehatn"), ["Dinas Kesehatan"]);
        assert_eq!(near("Dinas Kesehatan Kota"), ["Dinas Kesehatan"]);
        assert_eq!(near("Sekretariat Daerah*"), ["Sekretariat Daerah"]);
        assert!(near("Pariwisata").is_empty());
        let roles = vec!["Bendahara Pengeluaran".to_owned(), "Pengawas".to_owned()];
        assert_eq!(
            nearest(&Pattern::parse("bendahar").unwrap(), &roles, 3),
            ["Bendahara Pengeluaran"]
        );
    }

    #[test]
    fn empty_patterns_are_refused() {
        assert_eq!(Pattern::parse("  "), Err(PatternError::Empty));
        assert_eq!(Pattern::parse("--"), Err(PatternError::NoWords));
    }
}
