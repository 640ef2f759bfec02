//! The words of a policy file's problems ([`PolicyProblem`]).

use super::Render;
use crate::facts::policy::{Covers, Fix, OneOf, PolicyProblem, Written};
use crate::lang::Lang;

catalogue! {
    PolicyProblem, POLICY_PROBLEMS;
    ExpectsText { key, example, value } =>
        "`{key}` expects text in quotes, such as {example}; found `{value}`",
        "`{key}` harus berupa teks dalam tanda kutip, misalnya {example}; tertulis `{value}`";
    ExpectsShare { key, value, fix } =>
        "`{key}` expects a whole number from 0 to 100 such as 60, without % or quotes; found `{value}`{fix}",
        "`{key}` harus bilangan bulat 0 sampai 100, misalnya 60, tanpa % dan tanpa tanda kutip; tertulis `{value}`{fix}";
    ExpectsCount { key, example, value, fix } =>
        "`{key}` expects a whole number such as {example}, without quotes; found `{value}`{fix}",
        "`{key}` harus bilangan bulat, misalnya {example}, tanpa tanda kutip; tertulis `{value}`{fix}";
    ExpectsDate { key, dates, value, fix } =>
        "`{key}` expects a date: {dates}; found `{value}`{fix}",
        "`{key}` harus berupa tanggal: {dates}; tertulis `{value}`{fix}";
    ItemIsDate { key, dates, value, fix } =>
        "each item of `{key}` is a date: {dates}; found `{value}`{fix}",
        "setiap isi `{key}` berupa tanggal: {dates}; tertulis `{value}`{fix}";
    ExpectsList { key, example, value, fix } =>
        "`{key}` expects a list in square brackets, such as {example}; found `{value}`{fix}",
        "`{key}` harus berupa daftar dalam kurung siku, misalnya {example}; tertulis `{value}`{fix}";
    ExpectsWord { key, words, first, value } =>
        "`{key}` expects one of {words} in quotes, such as {key} = \"{first}\"; found `{value}`",
        "`{key}` harus salah satu dari {words} dalam tanda kutip, misalnya {key} = \"{first}\"; tertulis `{value}`";
    ExpectsSection { key, example, value } =>
        "`{key}` expects a section of keys, such as {example}; found `{value}`",
        "`{key}` harus berupa bagian berisi kunci, misalnya {example}; tertulis `{value}`";
    Rules {} =>
        "each rule is its own section headed [[rule]] (two pairs of brackets)",
        "setiap aturan adalah bagian tersendiri berjudul [[rule]] (dua pasang kurung siku)";
    WrongKind { key, value } =>
        "`{key}` has a value of the wrong kind; found `{value}`",
        "`{key}` berisi nilai yang jenisnya salah; tertulis `{value}`";
    Unclosed { quote } =>
        "text in quotes is not closed: end it with `{quote}` on the same line",
        "teks dalam tanda kutip belum ditutup: akhiri dengan `{quote}` pada baris yang sama";
    Unquoted { key, value, how, fix } =>
        "`{key} = {value}`: {how}{fix}",
        "`{key} = {value}`: {how}{fix}";
    UnknownWord { key, typo, words } =>
        "unknown {key} `{typo}`: expected {words}",
        "{key} `{typo}` tidak dikenal: pilihannya {words}";
    Suggested { problem, near } =>
        "{problem}; did you mean `{near}`?",
        "{problem}; maksud Anda `{near}`?";
    WithoutTime { dates, value } =>
        "{dates}, without a time; found `{value}`",
        "{dates}, tanpa jam; tertulis `{value}`";
    // toml's words say which part of the date is wrong; they are English.
    InvalidDate { toml, dates, fix } =>
        "{toml}; {dates}{fix}",
        "tanggal tidak valid; {dates}{fix}";
    MinOffice { value } =>
        "`min_office` expects a whole number of people such as 1, or a percentage in quotes such as \"25%\"; found `{value}`",
        "`min_office` harus bilangan bulat jumlah orang, misalnya 1, atau persentase dalam tanda kutip, misalnya \"25%\"; tertulis `{value}`";
    UnknownKey { typo, words } =>
        "unknown field `{typo}`, expected one of {words}",
        "kunci `{typo}` tidak dikenal; pilihannya {words}";
    MissingKey { key } =>
        "missing field `{key}`",
        "`{key}` tidak ada, padahal wajib diisi";
    CountRange { key, max, n } =>
        "{key} must be a whole number from 0 to {max}, found {n}",
        "{key} harus bilangan bulat 0 sampai {max}, tertulis {n}";
    ShareRange { mode, max, n } =>
        "the {mode} share must be a whole number from 0 to {max}, found {n}",
        "bagian {mode} harus bilangan bulat 0 sampai {max}, tertulis {n}";
    SplitSum { sum } =>
        "the split adds up to {sum}; its shares (WFO, WFH, WFA) must sum to 100",
        "jumlah pembagian {sum}; bagian-bagiannya (WFO, WFH, WFA) harus berjumlah 100";
    EmptyList { key } =>
        "`{key}` is empty: give at least one value or leave the key out",
        "`{key}` kosong: isi paling sedikit satu nilai atau hapus kuncinya";
    ListedTwice { value, key } =>
        "`{value}` is listed twice in `{key}`",
        "`{value}` tercantum dua kali di `{key}`";
    UnknownWeekday { value } =>
        "unknown weekday `{value}`: expected mon, tue, wed, thu, fri, sat or sun",
        "nama hari `{value}` tidak dikenal: pilihannya senin, selasa, rabu, kamis, jumat, sabtu atau minggu (atau mon sampai sun)";
    EndBeforeStart { end, start } =>
        "`end` ({end}) is before `start` ({start})",
        "`end` ({end}) lebih awal dari `start` ({start})";
    ToBeforeFrom { name, to, from } =>
        "rule `{name}`: `to` ({to}) is before `from` ({from})",
        "aturan `{name}`: `to` ({to}) lebih awal dari `from` ({from})";
    RuleBoth { name } =>
        "rule `{name}` has both `mode` and `split`: give exactly one",
        "aturan `{name}` memiliki `mode` dan `split` sekaligus: isi salah satu saja";
    RuleNoEffect { name } =>
        "rule `{name}` has no effect: give `mode` or `split`",
        "aturan `{name}` tidak menetapkan apa pun: isi `mode` atau `split`";
    UnknownMode { value } =>
        "unknown mode `{value}`: a rule's mode is WFO, WFH, WFA or FIELD",
        "mode `{value}` tidak dikenal: mode sebuah aturan adalah WFO, WFH, WFA atau FIELD";
    RuleLeave {} =>
        "a rule cannot set LEAVE: list leave in the leave file (--leave)",
        "aturan tidak dapat menetapkan LEAVE: catat cuti di berkas cuti (--leave)";
    NameEmpty {} =>
        "`name` must not be empty",
        "`name` tidak boleh kosong";
    RuleNameEmpty {} =>
        "a rule's `name` must not be empty",
        "`name` sebuah aturan tidak boleh kosong";
    NoWorkingDay { start, end } =>
        "the period {start}..{end} has no working day",
        "periode {start} sampai {end} tidak memiliki hari kerja";
    DuplicateRule { name, line } =>
        "rule name `{name}` is already used by the rule at line {line}; rule names must be unique",
        "nama aturan `{name}` sudah dipakai aturan di baris {line}; nama aturan harus unik";
    PeriodTooLong { days, start, end } =>
        "the period runs {days} days ({start} to {end}); plan at most two years at a time (a typo in a year?)",
        "periode berlangsung {days} hari ({start} sampai {end}); rencanakan paling lama dua tahun sekaligus (salah ketik tahun?)";
    TooManyRules { max } =>
        "more than {max} rules: merge rules that have the same effect (a rule takes lists of patterns)",
        "lebih dari {max} aturan: gabungkan aturan yang efeknya sama (satu aturan dapat memuat daftar pola)";
    UnknownCalendar { value } =>
        "unknown calendar `{value}`: the built-in calendar is \"indonesia\"",
        "kalender `{value}` tidak dikenal: kalender bawaan bernama \"indonesia\"";
    CalendarNotCovered { year, covers } =>
        "the period reaches {year}, which the built-in calendar does not cover ({covers})",
        "periode mencapai tahun {year}, yang tidak dicakup kalender bawaan ({covers})";
    PatternEmpty {} =>
        "a pattern must not be empty",
        "pola tidak boleh kosong";
    PatternNoLetter {} =>
        "a pattern without `*` or `?` must contain a letter or digit",
        "pola tanpa `*` atau `?` harus memuat huruf atau angka";
    InKey { key, why } =>
        "in `{key}`: {why}",
        "di `{key}`: {why}";
    NotUtf8 {} =>
        "not valid UTF-8: save the policy as UTF-8 (most editors call it \"UTF-8\" or \"Unicode\")",
        "bukan teks UTF-8 yang sah: simpan kebijakan dalam UTF-8 (di kebanyakan penyunting teks disebut \"UTF-8\" atau \"Unicode\")";
    KeyWithoutValue { key, value } =>
        "`{key}` has no `=` before its value: write {key} = {value}",
        "`{key}` tidak diikuti `=` sebelum nilainya: tulis {key} = {value}";
    DuplicateKey { key } =>
        "`{key}` is written twice: keep one of them",
        "`{key}` tertulis dua kali: pertahankan salah satunya saja";
    UnclosedSection { close } =>
        "a section heading is not closed: end it with `{close}`",
        "judul bagian belum ditutup: akhiri dengan `{close}`";
    ExtraText {} =>
        "something follows the value on this line: write one key = value per line",
        "ada tulisan lain sesudah nilai di baris ini: tulis satu kunci = nilai per baris";
    Unreadable { why } =>
        "{why}",
        "tulisan di sini tidak dapat dibaca (keterangan teknis: {why})";
    StaffColumns { why } =>
        "[staff.columns]: {why}",
        "[staff.columns]: {why}";
    PolicyIsWorkbook {} =>
        "this is a spreadsheet workbook, not a policy: --policy takes the TOML policy file (roster init writes one) and --staff the staff list; were the two swapped?",
        "berkas ini buku kerja lembar kerja, bukan kebijakan: --policy menerima berkas kebijakan TOML (roster init dapat membuatnya) dan --staff menerima daftar pegawai; apakah keduanya tertukar?";
    PolicyIsTable { line } =>
        "this is a table (its first line reads `{line}`), not a policy: --policy takes the TOML policy file (roster init writes one) and --staff the staff list; were the two swapped?",
        "berkas ini tabel (baris pertamanya `{line}`), bukan kebijakan: --policy menerima berkas kebijakan TOML (roster init dapat membuatnya) dan --staff menerima daftar pegawai; apakah keduanya tertukar?";
}

catalogue! {
    Fix, FIXES;
    Write { fix } => ": write {fix}", ": tulis {fix}";
}

catalogue! {
    Written, WRITTEN;
    Dates {} =>
        "dates are written 2025-08-29 (year-month-day, without quotes)",
        "tanggal ditulis 2025-08-29 (tahun-bulan-tanggal, tanpa tanda kutip)";
    Numbers {} =>
        "numbers are written without % or quotes",
        "angka ditulis tanpa % dan tanpa tanda kutip";
    Text {} =>
        "text is written in quotes",
        "teks ditulis dalam tanda kutip";
}

catalogue! {
    Covers, COVERS;
    Years { first, last } =>
        "it covers {first}-{last}",
        "kalender bawaan mencakup {first}-{last}";
    NoYear {} =>
        "it covers no year",
        "kalender bawaan tidak mencakup tahun mana pun";
}

/// The last two of a list of choices (`b or c`); the ones before are joined by commas.
enum Choice {
    Or { init: String, last: String },
}

catalogue! {
    Choice, CHOICES;
    Or { init, last } => "{init} or {last}", "{init} atau {last}";
}

/// `a`, `a or b`, `a, b or c` (`atau` in Indonesian).
impl Render for OneOf {
    fn render(&self, lang: Lang) -> String {
        match self.0.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => Choice::Or {
                init: init.join(", "),
                last: last.clone(),
            }
            .render(lang),
        }
    }
}

/// The texts of this file's facts.
pub(super) fn texts() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    (POLICY_PROBLEMS.iter())
        .chain(FIXES)
        .chain(WRITTEN)
        .chain(COVERS)
        .chain(CHOICES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_listed_with_or() {
        let words = |w: &[&str]| OneOf(w.iter().map(std::string::ToString::to_string).collect());
        assert_eq!(words(&["a", "b", "c"]).render(Lang::En), "a, b or c");
        assert_eq!(words(&["a", "b", "c"]).render(Lang::Id), "a, b atau c");
        assert_eq!(words(&["a"]).render(Lang::Id), "a");
        assert_eq!(words(&[]).render(Lang::En), "");
    }

    #[test]
    fn dates_and_nested_problems_in_each_language() {
        let d = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        let end = PolicyProblem::EndBeforeStart {
            end: d(3, 1),
            start: d(3, 24),
        };
        assert_eq!(
            end.render(Lang::En),
            "`end` (2025-03-01) is before `start` (2025-03-24)"
        );
        assert_eq!(
            end.render(Lang::Id),
            "`end` (01/03/2025) lebih awal dari `start` (24/03/2025)"
        );
        let share = PolicyProblem::ExpectsShare {
            key: "WFO".into(),
            value: "\"50%\"".into(),
            fix: Some(Fix::write("WFO = 50".into())),
        };
        assert!(
            share
                .render(Lang::Id)
                .ends_with("tertulis `\"50%\"`: tulis WFO = 50")
        );
        let suggested = PolicyProblem::Suggested {
            problem: Box::new(PolicyProblem::InKey {
                key: "units".into(),
                why: Box::new(PolicyProblem::PatternEmpty {}),
            }),
            near: "roles".into(),
        };
        assert_eq!(
            suggested.render(Lang::En),
            "in `units`: a pattern must not be empty; did you mean `roles`?"
        );
    }
}
