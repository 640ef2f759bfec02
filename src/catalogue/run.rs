//! The words of a run's problems: usage and window errors, outputs that cannot be written,
//! `--strict`.

use super::{Render, os_error_text};
use crate::facts::run::{Candidates, OsError, PolicyWhen, RunProblem};
use crate::lang::Lang;

catalogue! {
    RunProblem, RUN_PROBLEMS;
    Strict { n } =>
        "{n} warning(s) and --strict is set",
        "{n} peringatan, dan --strict sedang aktif";
    ToBeforeFrom { end, start } =>
        "--to {end} is before --from {start}",
        "--to {end} lebih awal dari --from {start}";
    WindowOutside { start, end, first, last, when } =>
        "the window {start}..{end} is outside the policy's period {first}..{last}: {when}",
        "rentang {start} sampai {end} berada di luar periode kebijakan {first} sampai {last}: {when}";
    WindowNoWorkingDay { start, end } =>
        "the window {start}..{end} has no working day",
        "rentang {start} sampai {end} tidak memiliki hari kerja";
    CalendarYears { year, years } =>
        "the built-in calendar does not cover {year}; it covers {years}",
        "kalender bawaan tidak mencakup tahun {year}; kalender ini mencakup {years}";
    OneStdout {} =>
        "only one output can go to standard output (-)",
        "hanya satu keluaran yang boleh ditulis ke keluaran standar (-)";
    OutputIsInput { flag, path, input } =>
        "{flag} {path} is also an input ({input}): choose another output path",
        "{flag} {path} juga merupakan berkas masukan ({input}): pilih jalur keluaran lain";
    OutputInInputFolder { flag, path, folder } =>
        "{flag} {path} is inside {folder}, whose files are read as inputs: the next run would read this output back; choose another folder",
        "{flag} {path} berada di dalam {folder}, yang berkas-berkasnya dibaca sebagai masukan: proses berikutnya akan membaca keluaran ini kembali; pilih folder lain";
    UnitsSameFile { flag, a, b, path, unit } =>
        "{flag}: the units \"{a}\" and \"{b}\" would both be written to {path}: rename one of them in the staff file, or leave {unit} out",
        "{flag}: unit kerja \"{a}\" dan \"{b}\" akan ditulis ke berkas yang sama, {path}: ganti nama salah satunya di berkas pegawai, atau hapus {unit} dari jalurnya";
    SameFile { flag, path, other_flag, other_path } =>
        "{flag} {path} and {other_flag} {other_path} are the same file: give each output its own path",
        "{flag} {path} dan {other_flag} {other_path} adalah berkas yang sama: beri setiap keluaran jalurnya sendiri";
    PerUnitOnly { flag, unit } =>
        "{flag}: {unit} makes a file per unit only in `roster plan`'s outputs",
        "{flag}: {unit} membuat satu berkas per unit kerja hanya pada keluaran `roster plan`";
    ParentIsFile { file } =>
        "{file} is a file, so it cannot hold a folder",
        "{file} adalah berkas, jadi tidak dapat berisi folder";
    IsFolder {} =>
        "is a folder: name a file for this output",
        "adalah folder: sebutkan nama berkas untuk keluaran ini";
    NotWritable { why } =>
        "{why}: roster replaces an output only where you could write it",
        "{why}: roster hanya mengganti keluaran yang boleh Anda tulis";
    FolderLocked {} =>
        "another roster run is writing to this folder; run again when it has finished",
        "proses roster lain sedang menulis ke folder ini; jalankan lagi setelah proses itu selesai";
    Delimiter { value } =>
        "--delimiter {value}: choose one of , ; | or a tab",
        "--delimiter {value}: pilih salah satu dari , ; | atau tab";
    XlsxTooBig { people, max } =>
        "--xlsx: {people} people do not fit on one Excel sheet ({max} rows at most); use --wide for a CSV",
        "--xlsx: {people} pegawai tidak muat dalam satu lembar Excel (paling banyak {max} baris); gunakan --wide untuk CSV";
    TodayTooClose { today } =>
        "--today {today} is too close to the end of the calendar to plan after it",
        "--today {today} terlalu dekat dengan akhir kalender untuk merencanakan sesudahnya";
    FromNeedsTo {} =>
        "--from needs --to (or --published, to re-plan a published roster from that day)",
        "--from memerlukan --to (atau --published, untuk merencanakan ulang jadwal yang sudah diumumkan mulai hari itu)";
    PublishedEndsBefore { last, from } =>
        "the published roster ends on {last}, before --from {from}: none of it is left to re-plan",
        "jadwal yang diumumkan berakhir pada {last}, sebelum --from {from}: tidak ada yang tersisa untuk direncanakan ulang";
    InitExists { path } =>
        "{path} already exists; choose another name or remove it first",
        "{path} sudah ada; pilih nama lain atau hapus berkas itu terlebih dahulu";
    ExplainNip { nip, file } =>
        "NIP {nip} is not in {file}",
        "NIP {nip} tidak ada di {file}";
    TemporaryName { flag, path } =>
        "{flag} {path}: a name of the form .roster-XXXXXX.tmp, .old or .journal is one of roster's own temporary files, which a later run removes; choose another name",
        "{flag} {path}: nama berbentuk .roster-XXXXXX.tmp, .old, atau .journal adalah berkas sementara milik roster sendiri, yang dihapus oleh proses berikutnya; pilih nama lain";
    NipOnlyIcs { flag, nip, unit } =>
        "{flag}: {nip} makes a file per person only in --ics (calendars); use {unit} for a file per unit",
        "{flag}: {nip} membuat satu berkas per pegawai hanya pada --ics (kalender); pakai {unit} untuk satu berkas per unit kerja";
    PeopleSameFile { flag, a, b, path } =>
        "{flag}: the NIPs {a} and {b} would both be written to {path}: correct one of them in the staff file",
        "{flag}: NIP {a} dan {b} akan sama-sama ditulis ke {path}: perbaiki salah satunya di berkas pegawai";
    CalendarUnreadable { why } =>
        "is not a calendar roster can continue ({why}): its events' SEQUENCE numbers are read so that a calendar app takes the new one as an update; move it away or write the calendar elsewhere",
        "bukan kalender yang dapat dilanjutkan roster ({why}): nomor SEQUENCE acaranya dibaca agar aplikasi kalender menerima yang baru sebagai pembaruan; pindahkan berkas itu atau tulis kalender di tempat lain";
    WindowTwice {} =>
        "give one window: --from/--to, --week or --month",
        "berikan satu rentang saja: --from/--to, --week atau --month";
    SeveralPeople { query, n, file, people } =>
        "\"{query}\" matches {n} people in {file}; give the NIP of one:{people}",
        "\"{query}\" cocok dengan {n} pegawai di {file}; sebutkan NIP salah satunya:{people}";
    Nobody { file, query } =>
        "nobody in {file} is named \"{query}\" (titles, case and accents aside)",
        "tidak ada pegawai di {file} bernama \"{query}\" (tanpa melihat gelar, huruf besar-kecil dan aksen)";
    NobodyClosest { file, query, people } =>
        "nobody in {file} is named \"{query}\" (titles, case and accents aside); the closest names:{people}",
        "tidak ada pegawai di {file} bernama \"{query}\" (tanpa melihat gelar, huruf besar-kecil dan aksen); nama yang paling mirip:{people}";
}

catalogue! {
    PolicyWhen, POLICY_WHEN;
    Ended {} =>
        "the policy has ended; plan these days with the policy that follows it",
        "kebijakan ini sudah berakhir; rencanakan hari-hari tersebut dengan kebijakan penggantinya";
    NotBegun {} =>
        "the policy has not begun yet",
        "kebijakan ini belum mulai berlaku";
}

impl Render for OsError {
    fn render(&self, lang: Lang) -> String {
        os_error_text(&self.0, lang)
    }
}

/// The people a name could be, one line each with NIP, name and unit, and how many more
/// there are.
impl Render for Candidates {
    fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for person in &self.shown {
            out.push_str(&format!(
                "\n  {}  {}  ({})",
                person.nip, person.name, person.unit
            ));
        }
        if self.total > self.shown.len() {
            let more = (self.total - self.shown.len()).to_string();
            let more = lang.labels().explain.more.replace("{}", &more);
            out.push_str(&format!("\n  ... {more}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::facts::run::Candidate;
    use chrono::NaiveDate;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_window_reads_its_dates_and_why_in_the_language_asked_for() {
        let outside = Error::window(RunProblem::WindowOutside {
            start: d("2026-01-05"),
            end: d("2026-01-09"),
            first: d("2025-06-02"),
            last: d("2025-06-13"),
            when: PolicyWhen::Ended {},
        });
        assert_eq!(
            outside.render(Lang::En),
            "the window 2026-01-05..2026-01-09 is outside the policy's period \
             2025-06-02..2025-06-13: the policy has ended; plan these days with the policy \
             that follows it"
        );
        assert_eq!(
            outside.render(Lang::Id),
            "rentang 05/01/2026 sampai 09/01/2026 berada di luar periode kebijakan 02/06/2025 \
             sampai 13/06/2025: kebijakan ini sudah berakhir; rencanakan hari-hari tersebut \
             dengan kebijakan penggantinya"
        );
        assert_eq!(outside.exit_code(), crate::error::exit::INPUT);
        let usage = Error::usage(RunProblem::TodayTooClose {
            today: d("2025-03-24"),
        });
        assert_eq!(usage.exit_code(), crate::error::exit::USAGE);
        assert_eq!(
            usage.render(Lang::Id),
            "--today 24/03/2025 terlalu dekat dengan akhir kalender untuk merencanakan sesudahnya"
        );
        assert_eq!(
            Error::Strict(2).render(Lang::Id),
            "2 peringatan, dan --strict sedang aktif"
        );
    }

    #[test]
    fn an_output_names_its_path_and_the_system_error_in_the_language_asked_for() {
        let denied = std::io::Error::from_raw_os_error(13);
        let error = Error::output(
            "out/roster.csv",
            RunProblem::NotWritable {
                why: OsError(denied),
            },
        );
        assert_eq!(
            error.render(Lang::Id),
            "out/roster.csv: akses ditolak: roster hanya mengganti keluaran yang boleh Anda tulis"
        );
        assert!(
            error
                .render(Lang::En)
                .starts_with("out/roster.csv: Permission denied")
        );
        assert_eq!(error.exit_code(), crate::error::exit::INPUT);
    }

    #[test]
    fn candidates_are_listed_one_a_line_with_the_rest_counted() {
        let person = |n: u32| Candidate {
            nip: format!("19900101201501100{n}"),
            name: format!("Sari {n}"),
            unit: "Dinas A".into(),
        };
        let several = RunProblem::SeveralPeople {
            query: "sari".into(),
            n: 3,
            file: "staff.csv".into(),
            people: Candidates {
                shown: vec![person(1), person(2)],
                total: 3,
            },
        };
        assert_eq!(
            several.render(Lang::En),
            "\"sari\" matches 3 people in staff.csv; give the NIP of one:\
             \n  199001012015011001  Sari 1  (Dinas A)\
             \n  199001012015011002  Sari 2  (Dinas A)\
             \n  ... and 1 more"
        );
        let nobody = RunProblem::Nobody {
            file: "staff.csv".into(),
            query: "Sri".into(),
        };
        assert_eq!(
            nobody.render(Lang::Id),
            "tidak ada pegawai di staff.csv bernama \"Sri\" (tanpa melihat gelar, huruf \
             besar-kecil dan aksen)"
        );
    }
}
