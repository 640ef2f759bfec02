//! The message catalogue: each fact's words in English and Indonesian, one line per message.
//!
//! A message names its blanks after the fields of the fact it renders (`{name}`, `{run}`), and
//! [`catalogue!`] turns each line into a `format!` of both languages: a blank that is not a
//! field of the fact, or a fact without its message, does not compile. Each field is rendered
//! in the language asked for ([`Render`]): a date reads `2025-03-24` or `24/03/2025`, a mode
//! its code, a nested fact its own message.
//!
//! Only the renderers (the writers, the commands' printing) use this module; the domain
//! produces [`crate::facts`] and never text.

use crate::facts::{Allowed, Broken, Dates, Fixed, Hundredths, Offday, Place, Pool, Warning};
use crate::lang::Lang;
use crate::mode::Mode;
use chrono::NaiveDate;

/// A value as people read it in a language.
pub trait Render {
    fn render(&self, lang: Lang) -> String;
}

macro_rules! as_text {
    ($($t:ty),*) => {$(
        impl Render for $t {
            fn render(&self, _: Lang) -> String {
                self.to_string()
            }
        }
    )*};
}
as_text!(String, str, i32, u32, u64, i64, usize);

impl<T: Render + ?Sized> Render for &T {
    fn render(&self, lang: Lang) -> String {
        (**self).render(lang)
    }
}

impl<T: Render> Render for Box<T> {
    fn render(&self, lang: Lang) -> String {
        (**self).render(lang)
    }
}

impl Render for std::path::Path {
    fn render(&self, _: Lang) -> String {
        self.display().to_string()
    }
}

impl Render for std::path::PathBuf {
    fn render(&self, lang: Lang) -> String {
        self.as_path().render(lang)
    }
}

impl Render for Mode {
    fn render(&self, _: Lang) -> String {
        self.code().to_owned()
    }
}

impl Render for NaiveDate {
    fn render(&self, lang: Lang) -> String {
        lang.date(*self)
    }
}

impl Render for chrono::Weekday {
    fn render(&self, lang: Lang) -> String {
        lang.weekday(*self).to_owned()
    }
}

/// Renders one fact type: a `match` on it with one arm per message, each arm the English and
/// the Indonesian text. The blanks are the variant's fields, rendered in the language asked
/// for; the compiler checks that each blank is a field, and that every variant has its line.
/// Also lists the texts, for the tests that compare the two languages.
///
/// ```
/// use roster::catalogue::Render;
/// use roster::lang::Lang;
///
/// pub enum Greeting {
///     Hello { name: String },
/// }
/// roster::catalogue! {
///     Greeting, GREETINGS;
///     Hello { name } => "hello {name}", "halo {name}";
/// }
/// let hello = Greeting::Hello { name: "Sari".into() };
/// assert_eq!(hello.render(Lang::Id), "halo Sari");
/// ```
///
/// A blank that is not a field of the fact does not compile:
///
/// ```compile_fail
/// use roster::catalogue::Render;
///
/// pub enum Greeting {
///     Hello { name: String },
/// }
/// roster::catalogue! {
///     Greeting, GREETINGS;
///     Hello { name } => "hello {name}", "halo {nama}";
/// }
/// ```
#[macro_export]
macro_rules! catalogue {
    ($fact:ident, $texts:ident; $($variant:ident { $($field:ident),* } => $en:literal, $id:literal;)*) => {
        impl $crate::catalogue::Render for $fact {
            #[allow(unused_variables)]
            fn render(&self, lang: $crate::lang::Lang) -> String {
                match self {
                    $($fact::$variant { $($field,)* .. } => {
                        $(let $field = $crate::catalogue::Render::render($field, lang);)*
                        match lang {
                            $crate::lang::Lang::En => format!($en),
                            $crate::lang::Lang::Id => format!($id),
                        }
                    })*
                }
            }
        }

        /// Every message of the fact: its variant, English, Indonesian.
        #[allow(dead_code)]
        pub const $texts: &[(&str, &str, &str)] = &[$((stringify!($variant), $en, $id)),*];
    };
}

mod attendance;
mod input;
mod policy;
mod requests;
mod run;

catalogue! {
    Broken, BROKEN;
    NoRow { name } =>
        "{name} has no row for this working day",
        "{name} tidak punya baris untuk hari kerja ini";
    FixedMode { name, why, fixed, mode } =>
        "{name} {why}: {fixed} expected, {mode} found",
        "{name} {why}: seharusnya {fixed}, tertulis {mode}";
    RotatesBut { name, mode } =>
        "{name} rotates on this day but is {mode}",
        "{name} bergilir pada hari ini tetapi tertulis {mode}";
    OutsideSplit { name, mode, pool } =>
        "{name} is {mode}, a mode the split{pool} does not name",
        "{name} tertulis {mode}, moda yang tidak ada dalam pembagian{pool}";
    QuotaDay { count, n, pool, mode, allowed } =>
        "{count} of {n} rotating staff{pool} {mode}, the policy allows {allowed}",
        "{count} dari {n} pegawai bergilir{pool} {mode}, kebijakan membolehkan {allowed}";
    MinOffice { office, floor, required, present } =>
        "{office} in the office, min_office {floor} asks for {required} of {present} present",
        "{office} di kantor, min_office {floor} meminta {required} dari {present} yang hadir";
    RunCap { name, run, max } =>
        "{name} is remote {run} working days in a row, max_consecutive_remote is {max}",
        "{name} bekerja jarak jauh {run} hari kerja berturut-turut, max_consecutive_remote {max}";
    WeekCap { name, remote, cap } =>
        "{name} is remote {remote} days this week, max_remote_per_week is {cap}",
        "{name} bekerja jarak jauh {remote} hari minggu ini, max_remote_per_week {cap}";
    QuotaPeriod { count, mode, pool, target } =>
        "{count} {mode} person-days over the period{pool}, the policy asks for {target}",
        "{count} hari-orang {mode} selama periode{pool}, kebijakan meminta {target}";
    Fairness { days, pool, lo, hi, mode } =>
        "people with {days} rotating days{pool} have from {lo} to {hi} {mode} days",
        "pegawai dengan {days} hari bergilir{pool} mendapat {lo} sampai {hi} hari {mode}";
    UnknownNip { line, name } =>
        "line {line}: {name} is not in the staff file",
        "baris {line}: {name} tidak ada di berkas pegawai";
    NotAWorkingDay { line, name, date, why } =>
        "line {line}: {name} has a row on {date}, which is {why}",
        "baris {line}: {name} punya baris pada {date}, yaitu {why}";
    TwoRows { name, first, second } =>
        "{name} has two rows for this day (lines {first} and {second})",
        "{name} punya dua baris untuk hari ini (baris {first} dan {second})";
}

catalogue! {
    Warning, WARNINGS;
    NipNot18 { at, nip } =>
        "{at}: NIP `{nip}` is not 18 digits (fine for older or PPPK numbers; check it otherwise)",
        "{at}: NIP `{nip}` tidak 18 digit (wajar untuk nomor lama atau PPPK; selain itu periksa kembali)";
    LeaveUnknownNip { at, nip } =>
        "{at}: NIP {nip} is not in the staff file (someone who left?): their leave is ignored",
        "{at}: NIP {nip} tidak ada di berkas pegawai (sudah keluar?): cutinya diabaikan";
}

catalogue! {
    Fixed, FIXED;
    Leave {} => "is on leave", "sedang cuti";
    Staff {} => "has a fixed mode in the staff file", "punya mode tetap di berkas pegawai";
    Rule { rule } => "is fixed by rule `{rule}`", "ditetapkan oleh aturan `{rule}`";
    Request { at } => "has a hard request ({at})", "punya permintaan wajib ({at})";
}

catalogue! {
    Allowed, ALLOWED;
    Exactly { n } => "{n}", "{n}";
    Either { a, b } => "{a} or {b}", "{a} atau {b}";
    Range { lo, hi } => "{lo} to {hi}", "{lo} sampai {hi}";
}

catalogue! {
    Offday, OFFDAYS;
    OutsidePeriod {} => "outside the period", "di luar periode";
    NotAWorkday {} => "not a workday", "bukan hari kerja dalam kebijakan";
    DayOff {} => "a day off", "hari libur";
}

catalogue! {
    Pool, POOLS;
    Default {} => "", "";
    Rule { rule } => " under rule `{rule}`", " di bawah aturan `{rule}`";
}

/// Every message of the catalogue: its fact's variant, English, Indonesian (for the tests
/// that compare the two languages).
pub fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    (BROKEN.iter())
        .chain(WARNINGS)
        .chain(FIXED)
        .chain(ALLOWED)
        .chain(OFFDAYS)
        .chain(POOLS)
        .chain(input::PROBLEMS)
        .chain(run::RUN_PROBLEMS)
        .chain(run::POLICY_WHEN)
        .chain(attendance::ATTENDANCE_PROBLEMS)
        .chain(policy::texts())
        .chain(requests::texts())
}

impl Render for Hundredths {
    fn render(&self, lang: Lang) -> String {
        lang.decimal(self.0 as f64 / 100.0)
    }
}

impl Render for Place {
    fn render(&self, _: Lang) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

impl<T: Render> Render for Option<T> {
    fn render(&self, lang: Lang) -> String {
        self.as_ref().map(|v| v.render(lang)).unwrap_or_default()
    }
}

/// A violation's days as people read them: a date (`2025-03-24`) or a run of days
/// (`2025-03-24..2025-03-28`), ISO in English and `24/03/2025`, `24–28 Mar 2025` in
/// Indonesian; a week is its Monday to Friday (`24–28 Mar 2025`) in either language.
impl Render for Dates {
    fn render(&self, lang: Lang) -> String {
        match (*self, lang) {
            (Dates::Period, _) => String::new(),
            (Dates::Week(monday), _) => lang.days(monday, monday + chrono::Days::new(4)),
            (_, Lang::En) => self.iso(),
            (Dates::Day(day), Lang::Id) => lang.date(day),
            (Dates::Run(first, last), Lang::Id) => lang.days(first, last),
        }
    }
}

/// A violation as people read it: unit, dates, NIP and what is broken.
impl Render for crate::facts::Violation {
    fn render(&self, lang: Lang) -> String {
        let mut line = self.unit.clone();
        if self.dates != Dates::Period {
            line.push(' ');
            line.push_str(&self.dates.render(lang));
        }
        if !self.nip.is_empty() {
            line.push_str(" NIP ");
            line.push_str(&self.nip);
        }
        line.push_str(": ");
        line.push_str(&self.broken.render(lang));
        line
    }
}

/// An error as people read it, in `lang`: where it is (`file:line:column`, `file:line`, the
/// path) and what is wrong.
impl Render for crate::error::Error {
    fn render(&self, lang: Lang) -> String {
        use crate::error::Error;
        match self {
            Error::Policy {
                file,
                line,
                column,
                problem,
            } => format!("{file}:{line}:{column}: {}", problem.render(lang)),
            Error::Input {
                file,
                line: Some(line),
                problem,
            } => format!("{file}:{line}: {}", problem.render(lang)),
            Error::Input {
                file,
                line: None,
                problem,
            } => format!("{file}: {}", problem.render(lang)),
            Error::Io { path, source } => {
                format!("{}: {}", path.display(), os_error_text(source, lang))
            }
            Error::Output { path, problem } => {
                format!("{}: {}", path.display(), problem.render(lang))
            }
            Error::Window(problem) | Error::Usage(problem) => problem.render(lang),
            Error::Strict(n) => crate::facts::run::RunProblem::Strict { n: *n }.render(lang),
        }
    }
}

/// An I/O error as people read it: the system's words, or in Indonesian the table's for the
/// errors people meet (a file that is not there, a folder they may not write in, a full
/// disk); other system errors keep the system's words.
pub fn os_error_text(error: &std::io::Error, lang: Lang) -> String {
    if lang == Lang::En || error.raw_os_error().is_none() {
        return error.to_string();
    }
    let run = &lang.labels().run;
    match error.kind() {
        std::io::ErrorKind::NotFound => run.not_found,
        std::io::ErrorKind::PermissionDenied => run.permission_denied,
        std::io::ErrorKind::AlreadyExists => run.already_exists,
        std::io::ErrorKind::IsADirectory => run.is_a_folder,
        std::io::ErrorKind::NotADirectory => run.not_a_folder,
        std::io::ErrorKind::StorageFull => run.disk_full,
        std::io::ErrorKind::ReadOnlyFilesystem => run.read_only,
        _ => return error.to_string(),
    }
    .to_owned()
}

/// Facts whose `Display` is their English words: for tests and the library's callers, and
/// for clap, which shows a flag's problem (`--column`, `--week`, `--month`) before the
/// command's language is known. `main` renders the error that ends a run in its language.
macro_rules! displayed_in_english {
    ($($fact:ty),*) => {$(
        impl std::fmt::Display for $fact {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.render(Lang::En))
            }
        }
    )*};
}
displayed_in_english!(
    crate::facts::Violation,
    crate::error::Error,
    crate::facts::problems::Problem,
    crate::facts::attendance::AttendanceProblem
);

/// A flag's problem, as clap's value parsers return it.
impl std::error::Error for crate::facts::problems::Problem {}
impl std::error::Error for crate::facts::attendance::AttendanceProblem {}
