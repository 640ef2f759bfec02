//! Finding people by name (`roster explain "Siti Rahma"`). Names in staff files carry
//! titles (`Dra. Novi Purwanti, M.Si.`, `Hj. Ayu Utami, S.Sos.`) and are typed without
//! them, in any case, with or without accents. So both the name and the query are cut to
//! their words: what follows the first comma (degrees) is dropped, then the titles in front
//! ([`TITLES`]); letters are folded to lower-case ASCII (`é` → `e`), apostrophes dropped
//! (`Ma'ruf` → `maruf`), and anything else that is not a letter or digit parts words.
//!
//! A person matches when every word of the query is a word of their name, in any order.
//! Only when nobody matches so are the beginnings of words tried: `Siti Rahma` finds `Siti
//! Rahma` alone when she is in the file, and `Siti Rahmawati` when she is not.

use crate::staff::Staff;

/// Titles written before a name (academic, medical, professional, religious), compared
/// after folding and without their dots.
pub const TITLES: &[&str] = &[
    "dr", "drg", "dra", "drs", "ir", "h", "hj", "apt", "prof", "ns", "bd", "kh",
];

/// How similar a name must be to a query to be offered when nothing matches (Jaro-Winkler,
/// word by word).
const CLOSE_ENOUGH: f64 = 0.8;
/// How many close names are offered.
const CLOSEST: usize = 3;

/// The words of a name or query, titles dropped, folded.
pub fn words(name: &str) -> Vec<String> {
    let bare = name.split(',').next().unwrap_or_default();
    let folded = deunicode::deunicode(bare).to_lowercase();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else if c != '\'' && c != '`' && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    // A title is dropped only with a name after it: a query "dr" still asks for something.
    let titles = (words.iter())
        .take_while(|w| TITLES.contains(&w.as_str()))
        .count()
        .min(words.len().saturating_sub(1));
    words.drain(..titles);
    words
}

/// Who a query names.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// The people (canonical order) whose names hold every word of the query, or, when
    /// nobody's does, the beginnings of them. Empty when neither.
    Matches(Vec<usize>),
    /// Nobody: the people with the closest names, closest first (perhaps none).
    Closest(Vec<usize>),
}

/// The people `query` names; see the module's documentation.
pub fn find(staff: &Staff, query: &str) -> Found {
    let wanted = words(query);
    if wanted.is_empty() {
        return Found::Closest(Vec::new());
    }
    let names: Vec<Vec<String>> = (staff.people.iter())
        .map(|p| words(staff.name(p)))
        .collect();
    let matching = |fits: &dyn Fn(&str, &str) -> bool| -> Vec<usize> {
        (names.iter().enumerate())
            .filter(|(_, name)| wanted.iter().all(|w| name.iter().any(|n| fits(n, w))))
            .map(|(i, _)| i)
            .collect()
    };
    let exact = matching(&|name, word| name == word);
    if !exact.is_empty() {
        return Found::Matches(exact);
    }
    let prefix = matching(&|name, word| name.starts_with(word));
    if !prefix.is_empty() {
        return Found::Matches(prefix);
    }
    // Each word of the query against the most similar word of the name.
    let mut scored: Vec<(f64, usize)> = (names.iter().enumerate())
        .map(|(i, name)| {
            let score = wanted
                .iter()
                .map(|w| {
                    (name.iter())
                        .map(|n| strsim::jaro_winkler(w, n))
                        .fold(0.0, f64::max)
                })
                .sum::<f64>()
                / wanted.len() as f64;
            (score, i)
        })
        .filter(|(score, _)| *score >= CLOSE_ENOUGH)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Found::Closest(scored.into_iter().take(CLOSEST).map(|(_, i)| i).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(names: &[&str]) -> Staff {
        let mut csv = String::from("nip,name,unit,role\n");
        for (i, name) in names.iter().enumerate() {
            csv.push_str(&format!("{:018},\"{name}\",Unit,Staf\n", i + 1));
        }
        Staff::from_reader(Box::new(std::io::Cursor::new(csv)), "staff.csv").unwrap()
    }

    #[test]
    fn words_drop_titles_degrees_case_and_accents() {
        assert_eq!(words("Dra. Novi Purwanti, M.Si."), ["novi", "purwanti"]);
        assert_eq!(words("dr. Ahmad Syafei, M.Kes."), ["ahmad", "syafei"]);
        assert_eq!(
            words("Prof. Dr. Ir. H. Hendra Gunawan, M.T."),
            ["hendra", "gunawan"]
        );
        assert_eq!(
            words("apt. Rotua Panjaitan, S.Farm."),
            ["rotua", "panjaitan"]
        );
        assert_eq!(words("  Hj.  Ayu   Utami,S.Sos."), ["ayu", "utami"]);
        assert_eq!(
            words("Andé Ma'ruf Siti-Rahma"),
            ["ande", "maruf", "siti", "rahma"]
        );
        assert_eq!(words("Dr."), ["dr"]);
        assert_eq!(words(""), Vec::<String>::new());
    }

    #[test]
    fn whole_words_first_then_beginnings() {
        let s = staff(&["Siti Rahma", "Siti Rahmawati, S.E.", "dr. André Wijaya"]);
        assert_eq!(find(&s, "siti rahma"), Found::Matches(vec![0]));
        assert_eq!(find(&s, "RAHMA SITI"), Found::Matches(vec![0]));
        assert_eq!(find(&s, "Siti"), Found::Matches(vec![0, 1]));
        assert_eq!(find(&s, "siti rahmaw"), Found::Matches(vec![1]));
        assert_eq!(find(&s, "andre"), Found::Matches(vec![2]));
        assert_eq!(
            find(&s, "Dr. Andre Wijaya, M.Kes."),
            Found::Matches(vec![2])
        );
        assert_eq!(find(&s, "Sitti Rahmah"), Found::Closest(vec![0, 1]));
        assert_eq!(find(&s, "Budi"), Found::Closest(vec![]));
        assert_eq!(find(&s, ", S.E."), Found::Closest(vec![]));
    }
}
