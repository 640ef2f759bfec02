//! The words of the tables and reports people read, in English or Indonesian (`--lang`).
//! CSV headers and codes (WFO, TOTAL, column names) stay as SPEC §5 fixes them.

use chrono::{Datelike, NaiveDate, Weekday};
use std::sync::OnceLock;

/// The language of this run's messages, set once by the command line.
static MESSAGES: OnceLock<Lang> = OnceLock::new();

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

/// Every label, one field per place it appears.
pub struct Labels {
    pub unit: &'static str,
    pub staff: &'static str,
    pub fixed: &'static str,
    pub rotating: &'static str,
    pub target_remote: &'static str,
    pub achieved_remote: &'static str,
    pub rotating_target_remote: &'static str,
    pub rotating_achieved_remote: &'static str,
    /// "Columns left out to fit {} columns: {} (--summary FILE keeps them all)."
    pub columns_left_out: &'static str,
    /// "{} of {} units shown: those with problems, then the largest."
    pub units_shown: &'static str,
    /// "The full table is in {}." / "Write the full table with --summary FILE."
    pub full_table_in: &'static str,
    pub full_table_hint: &'static str,
    pub office_min: &'static str,
    pub office_max: &'static str,
    pub fairness_spread: &'static str,
    pub problems: &'static str,
    pub total: &'static str,
    pub working_days: &'static str,
    pub staff_count: &'static str,
    pub largest_deviation: &'static str,
    pub team_drift: &'static str,
    pub pattern_swaps: &'static str,
    pub days_unit: &'static str,
    pub people_unit: &'static str,
    pub no_violations: &'static str,
    pub unmet: &'static str,
    pub guarantee: &'static str,
    pub problem_count: &'static str,
    /// "and {} more", `{}` standing for the number.
    pub and_more: &'static str,
    /// Under a fairness spread, before its people with the fewest and with the most days of
    /// the mode: "fewest ({})", `{}` standing for their count.
    pub fewest: &'static str,
    pub most: &'static str,
    /// Titles of guarantees 1 to 5.
    pub guarantees: [&'static str; 5],
    pub week: &'static str,
    pub nip: &'static str,
    pub name: &'static str,
    pub people: &'static str,
    pub person_days: &'static str,
    pub office: &'static str,
    pub remote: &'static str,
    pub date: &'static str,
    pub day: &'static str,
    pub kind: &'static str,
    pub roster_sheet: &'static str,
    pub summary_sheet: &'static str,
    pub legend_sheet: &'static str,
    pub group: &'static str,
    pub team: &'static str,
    pub role: &'static str,
    /// What each mode means, in [`crate::mode::Mode::ALL`] order.
    pub modes: [&'static str; 5],
    /// Short weekday names, Monday first.
    pub weekdays: [&'static str; 7],
    /// The messages of a policy that does not read.
    pub policy: PolicyErrors,
    /// What `check` and `plan` say of each unmet guarantee.
    pub violations: ViolationTexts,
    /// The warnings and notes of a run.
    pub warnings: WarningTexts,
    /// The messages of a requests file that does not read (`crate::requests`).
    pub requests: RequestErrors,
    /// What became of requests, and the notes of a re-plan.
    pub granting: GrantTexts,
}

/// The messages of a policy that does not read (`crate::policy`), `{…}` marking what is
/// filled in ([`fill_named`]).
pub struct PolicyErrors {
    pub expects_text: &'static str,
    pub expects_share: &'static str,
    pub expects_count: &'static str,
    pub expects_date: &'static str,
    pub item_is_date: &'static str,
    pub expects_list: &'static str,
    pub expects_word: &'static str,
    pub expects_section: &'static str,
    pub rules: &'static str,
    pub wrong_kind: &'static str,
    pub write: &'static str,
    pub or: &'static str,
    pub unclosed: &'static str,
    pub dates_are_written: &'static str,
    pub numbers_are_written: &'static str,
    pub text_is_quoted: &'static str,
    pub unknown_word: &'static str,
    pub did_you_mean: &'static str,
    pub without_time: &'static str,
    pub invalid_date: &'static str,
    pub min_office: &'static str,
    pub unknown_key: &'static str,
    pub missing_key: &'static str,
    pub count_range: &'static str,
    pub share_name: &'static str,
    pub split_sum: &'static str,
    pub empty_list: &'static str,
    pub listed_twice: &'static str,
    pub unknown_weekday: &'static str,
    pub end_before_start: &'static str,
    pub to_before_from: &'static str,
    pub rule_both: &'static str,
    pub rule_no_effect: &'static str,
    pub unknown_mode: &'static str,
    pub rule_leave: &'static str,
    pub name_empty: &'static str,
    pub rule_name_empty: &'static str,
    pub no_working_day: &'static str,
    pub duplicate_rule: &'static str,
}

/// The messages of unmet guarantees; `{name}`-style blanks are filled by the audit.
pub struct ViolationTexts {
    pub no_row: &'static str,
    pub on_leave: &'static str,
    pub fixed_by_staff: &'static str,
    pub fixed_by_rule: &'static str,
    pub fixed_by_request: &'static str,
    pub fixed_mode: &'static str,
    pub rotates_but: &'static str,
    pub quota_day: &'static str,
    pub range: &'static str,
    pub either: &'static str,
    pub under_rule: &'static str,
    pub min_office: &'static str,
    pub run_cap: &'static str,
    pub week_cap: &'static str,
    pub quota_period: &'static str,
    pub fairness: &'static str,
    pub unknown_nip: &'static str,
    pub not_a_working_day: &'static str,
    pub outside_period: &'static str,
    pub not_a_workday: &'static str,
    pub day_off: &'static str,
    pub two_rows: &'static str,
}

impl ViolationTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 22] {
        [
            ("no_row", self.no_row),
            ("on_leave", self.on_leave),
            ("fixed_by_staff", self.fixed_by_staff),
            ("fixed_by_rule", self.fixed_by_rule),
            ("fixed_by_request", self.fixed_by_request),
            ("fixed_mode", self.fixed_mode),
            ("rotates_but", self.rotates_but),
            ("quota_day", self.quota_day),
            ("range", self.range),
            ("either", self.either),
            ("under_rule", self.under_rule),
            ("min_office", self.min_office),
            ("run_cap", self.run_cap),
            ("week_cap", self.week_cap),
            ("quota_period", self.quota_period),
            ("fairness", self.fairness),
            ("unknown_nip", self.unknown_nip),
            ("not_a_working_day", self.not_a_working_day),
            ("outside_period", self.outside_period),
            ("not_a_workday", self.not_a_workday),
            ("day_off", self.day_off),
            ("two_rows", self.two_rows),
        ]
    }
}

/// The messages of a requests file that does not read (`--requests`); `{name}`-style blanks.
pub struct RequestErrors {
    pub empty_nip: &'static str,
    pub unknown_nip: &'static str,
    pub bad_date: &'static str,
    pub to_before_from: &'static str,
    pub no_day: &'static str,
    pub date_and_more: &'static str,
    pub half_range: &'static str,
    pub outside_period: &'static str,
    pub day_off: &'static str,
    pub calendar_day_off: &'static str,
    pub policy_holiday: &'static str,
    pub not_a_workday: &'static str,
    pub no_working_day: &'static str,
    pub no_weekday: &'static str,
    pub unknown_wish: &'static str,
    pub unknown_strength: &'static str,
    pub unknown_weekday: &'static str,
    pub conflict: &'static str,
    /// The wishes `not WFO` and `not remote` in messages and `explain`.
    pub not_wfo: &'static str,
    pub not_remote: &'static str,
}

impl RequestErrors {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 20] {
        [
            ("empty_nip", self.empty_nip),
            ("unknown_nip", self.unknown_nip),
            ("bad_date", self.bad_date),
            ("to_before_from", self.to_before_from),
            ("no_day", self.no_day),
            ("date_and_more", self.date_and_more),
            ("half_range", self.half_range),
            ("outside_period", self.outside_period),
            ("day_off", self.day_off),
            ("calendar_day_off", self.calendar_day_off),
            ("policy_holiday", self.policy_holiday),
            ("not_a_workday", self.not_a_workday),
            ("no_working_day", self.no_working_day),
            ("no_weekday", self.no_weekday),
            ("unknown_wish", self.unknown_wish),
            ("unknown_strength", self.unknown_strength),
            ("unknown_weekday", self.unknown_weekday),
            ("conflict", self.conflict),
            ("not_wfo", self.not_wfo),
            ("not_remote", self.not_remote),
        ]
    }
}

const REQUESTS_EN: RequestErrors = RequestErrors {
    empty_nip: "empty NIP",
    unknown_nip: "NIP {nip} is not in the staff file",
    bad_date: "`{column}` is `{value}`: expected a date like 2025-03-24",
    to_before_from: "`to` ({to}) is before `from` ({from})",
    no_day: "no day: give a `date`, or `from` and `to`, or a `weekday` (with `from`/`to` to limit it)",
    date_and_more: "`date` and `{other}` on one row: give a `date`, or `from` and `to`, or a `weekday`",
    half_range: "`{given}` without `{missing}`: give both, or a `weekday` that they limit",
    outside_period: "{when} is outside the policy's period {start}..{end}",
    day_off: "{date} is not a working day: {why}",
    calendar_day_off: "{name} ({kind})",
    policy_holiday: "one of the policy's `holidays`",
    not_a_workday: "{weekday} is not a workday of the policy",
    no_working_day: "{from}..{to} has no working day",
    no_weekday: "{from}..{to} has no working {weekday}",
    unknown_wish: "unknown wish `{value}`: expected WFO, WFH, WFA, `not WFO` or `not remote` (or `bukan WFO`, `bukan remote`, `tidak remote`)",
    unknown_strength: "unknown strength `{value}`: expected soft or hard (or lunak, wajib); empty is soft",
    unknown_weekday: "unknown weekday `{value}`: expected Monday to Friday (Mon..Fri) or Senin to Jumat (Sen..Jum)",
    conflict: "{name} ({nip}) asks for {wish} on {date} here but for {other} on line {line}: keep one of them",
    not_wfo: "not WFO",
    not_remote: "not remote",
};

const REQUESTS_ID: RequestErrors = RequestErrors {
    empty_nip: "NIP kosong",
    unknown_nip: "NIP {nip} tidak ada di file pegawai",
    bad_date: "`{column}` berisi `{value}`: seharusnya tanggal seperti 2025-03-24",
    to_before_from: "`to` ({to}) lebih awal dari `from` ({from})",
    no_day: "tidak ada hari: isi `date` (tanggal), atau `from` dan `to` (dari, sampai), atau `weekday` (hari, boleh dibatasi `from`/`to`)",
    date_and_more: "`date` dan `{other}` dalam satu baris: isi `date`, atau `from` dan `to`, atau `weekday`",
    half_range: "`{given}` tanpa `{missing}`: isi keduanya, atau `weekday` yang dibatasinya",
    outside_period: "{when} berada di luar periode kebijakan {start}..{end}",
    day_off: "{date} bukan hari kerja: {why}",
    calendar_day_off: "{name} ({kind}, SKB 3 Menteri)",
    policy_holiday: "termasuk `holidays` dalam kebijakan",
    not_a_workday: "{weekday} bukan hari kerja dalam kebijakan",
    no_working_day: "{from}..{to} tidak memuat hari kerja",
    no_weekday: "{from}..{to} tidak memuat hari kerja {weekday}",
    unknown_wish: "permintaan `{value}` tidak dikenal: seharusnya WFO, WFH, WFA, `bukan WFO` atau `bukan remote` (juga `tidak remote`, `not WFO`, `not remote`)",
    unknown_strength: "sifat `{value}` tidak dikenal: seharusnya lunak atau wajib (juga soft, hard); kosong berarti lunak",
    unknown_weekday: "hari `{value}` tidak dikenal: seharusnya Senin sampai Jumat (Sen..Jum) atau Monday sampai Friday (Mon..Fri)",
    conflict: "{name} ({nip}) meminta {wish} pada {date} di baris ini tetapi {other} di baris {line}: pertahankan salah satunya",
    not_wfo: "bukan WFO",
    not_remote: "bukan remote",
};

/// Why a request day was not granted (`--requests-report`, `explain`), and the lines a run
/// with requests or a published roster adds under the summary; `{name}`-style blanks.
pub struct GrantTexts {
    pub on_leave: &'static str,
    pub fixed_by_staff: &'static str,
    pub fixed_by_rule: &'static str,
    pub no_share: &'static str,
    pub weekly_cap: &'static str,
    pub run_cap: &'static str,
    pub quota_full: &'static str,
    pub office_floor: &'static str,
    pub share: &'static str,
    pub granted: &'static str,
    pub requests_line: &'static str,
    pub unit_requests: &'static str,
    pub changes_line: &'static str,
    pub day_by_day: &'static str,
}

impl GrantTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 14] {
        [
            ("on_leave", self.on_leave),
            ("fixed_by_staff", self.fixed_by_staff),
            ("fixed_by_rule", self.fixed_by_rule),
            ("no_share", self.no_share),
            ("weekly_cap", self.weekly_cap),
            ("run_cap", self.run_cap),
            ("quota_full", self.quota_full),
            ("office_floor", self.office_floor),
            ("share", self.share),
            ("granted", self.granted),
            ("requests_line", self.requests_line),
            ("unit_requests", self.unit_requests),
            ("changes_line", self.changes_line),
            ("day_by_day", self.day_by_day),
        ]
    }
}

const GRANTING_EN: GrantTexts = GrantTexts {
    on_leave: "on leave on {date}",
    fixed_by_staff: "fixed by the staff file's mode on {date}",
    fixed_by_rule: "fixed by rule \"{rule}\"",
    no_share: "the policy gives this mode no share on {date}",
    weekly_cap: "weekly cap reached in the week of {date}",
    run_cap: "too many remote days in a row around {date}",
    quota_full: "unit quota full on {date}",
    office_floor: "the unit's office minimum on {date}",
    share: "already has their share of the mode (fairness), or another request took the last place on {date}",
    granted: "granted",
    requests_line: "Requests: {made} request days, {granted} granted.",
    unit_requests: "{unit}: {granted} of {made}",
    changes_line: "Changes against the published roster from {date}: {days} person-days of {people} people.",
    day_by_day: "in {units}, the exact search could not settle which days to keep or grant (more than {limit} rotating person-days, or its budget ran out): those units were planned day by day, keeping wishes where the guarantees left a choice",
};

const GRANTING_ID: GrantTexts = GrantTexts {
    on_leave: "sedang cuti pada {date}",
    fixed_by_staff: "ditetapkan oleh kolom mode di file pegawai pada {date}",
    fixed_by_rule: "ditetapkan oleh aturan \"{rule}\"",
    no_share: "kebijakan tidak memberi jatah untuk mode ini pada {date}",
    weekly_cap: "batas mingguan sudah tercapai pada minggu {date}",
    run_cap: "terlalu banyak hari jarak jauh berturut-turut di sekitar {date}",
    quota_full: "kuota unit sudah penuh pada {date}",
    office_floor: "batas minimum di kantor untuk unit pada {date}",
    share: "jatah mode ini sudah terpenuhi (keadilan), atau permintaan lain mendapat tempat terakhir pada {date}",
    granted: "dikabulkan",
    requests_line: "Permintaan: {made} hari diminta, {granted} dikabulkan.",
    unit_requests: "{unit}: {granted} dari {made}",
    changes_line: "Perubahan terhadap jadwal yang sudah diumumkan sejak {date}: {days} hari-orang dari {people} pegawai.",
    day_by_day: "di {units}, pencarian eksak tidak dapat memutuskan hari yang dipertahankan atau dikabulkan (lebih dari {limit} hari-orang bergilir, atau anggarannya habis): unit tersebut direncanakan hari demi hari, dengan mempertahankan keinginan bila jaminan memberi pilihan",
};

/// The warnings and notes a run prints; `{name}`-style blanks.
pub struct WarningTexts {
    pub matches_nobody: &'static str,
    pub no_match: &'static str,
    pub did_you_mean: &'static str,
    pub nobody_matches_all: &'static str,
    pub unit: &'static str,
    pub role: &'static str,
    pub team: &'static str,
    pub more: &'static str,
    pub previous_missing: &'static str,
    pub previous_skipped: &'static str,
    pub nip_not_18: &'static str,
}

impl WarningTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 11] {
        [
            ("matches_nobody", self.matches_nobody),
            ("no_match", self.no_match),
            ("did_you_mean", self.did_you_mean),
            ("nobody_matches_all", self.nobody_matches_all),
            ("unit", self.unit),
            ("role", self.role),
            ("team", self.team),
            ("more", self.more),
            ("previous_missing", self.previous_missing),
            ("previous_skipped", self.previous_skipped),
            ("nip_not_18", self.nip_not_18),
        ]
    }
}

const WARNINGS_EN: WarningTexts = WarningTexts {
    matches_nobody: "{file}:{line}: rule `{rule}` matches nobody (a typo?): {why}",
    no_match: "no {what} in the staff file matches {patterns}",
    did_you_mean: " (did you mean {names}?)",
    nobody_matches_all: "each of its selectors matches someone, but nobody matches all of them",
    unit: "unit",
    role: "role",
    team: "team",
    more: "... and {n} more warnings",
    previous_missing: "--previous {path} does not exist yet: planning without earlier rosters",
    previous_skipped: "--previous: {path} is not a regular file; skipped",
    nip_not_18: "{at}: NIP `{nip}` is not 18 digits (fine for older or PPPK numbers; check it otherwise)",
};

const WARNINGS_ID: WarningTexts = WarningTexts {
    matches_nobody: "{file}:{line}: aturan `{rule}` tidak mengenai siapa pun (salah ketik?): {why}",
    no_match: "tidak ada {what} di file pegawai yang cocok dengan {patterns}",
    did_you_mean: " (maksudnya {names}?)",
    nobody_matches_all: "setiap pemilihnya mengenai seseorang, tetapi tidak ada yang cocok dengan semuanya",
    unit: "unit kerja",
    role: "jabatan",
    team: "tim",
    more: "... dan {n} peringatan lainnya",
    previous_missing: "--previous {path} belum ada: merencanakan tanpa jadwal sebelumnya",
    previous_skipped: "--previous: {path} bukan berkas biasa; dilewati",
    nip_not_18: "{at}: NIP `{nip}` tidak 18 digit (wajar untuk nomor lama atau PPPK; selain itu periksa kembali)",
};

const VIOLATIONS_EN: ViolationTexts = ViolationTexts {
    no_row: "{name} has no row for this working day",
    on_leave: "is on leave",
    fixed_by_staff: "has a fixed mode in the staff file",
    fixed_by_rule: "is fixed by rule `{rule}`",
    fixed_by_request: "has a hard request ({at})",
    fixed_mode: "{name} {why}: {fixed} expected, {mode} found",
    rotates_but: "{name} rotates on this day but is {mode}",
    quota_day: "{count} of {n} rotating staff{pool} {mode}, the policy allows {allowed}",
    range: "{lo} to {hi}",
    either: "{a} or {b}",
    under_rule: " under rule `{rule}`",
    min_office: "{office} in the office, min_office {floor} asks for {required} of {present} present",
    run_cap: "{name} is remote {run} working days in a row, max_consecutive_remote is {max}",
    week_cap: "{name} is remote {remote} days this week, max_remote_per_week is {cap}",
    quota_period: "{count} {mode} person-days over the period{pool}, the policy asks for {target}",
    fairness: "people with {days} rotating days{pool} have from {lo} to {hi} {mode} days",
    unknown_nip: "line {line}: {name} is not in the staff file",
    not_a_working_day: "line {line}: {name} has a row on {date}, which is {why}",
    outside_period: "outside the period",
    not_a_workday: "not a workday",
    day_off: "a day off",
    two_rows: "{name} has two rows for this day (lines {first} and {second})",
};

const VIOLATIONS_ID: ViolationTexts = ViolationTexts {
    no_row: "{name} tidak punya baris untuk hari kerja ini",
    on_leave: "sedang cuti",
    fixed_by_staff: "punya mode tetap di file pegawai",
    fixed_by_rule: "ditetapkan oleh aturan `{rule}`",
    fixed_by_request: "punya permintaan wajib ({at})",
    fixed_mode: "{name} {why}: seharusnya {fixed}, tertulis {mode}",
    rotates_but: "{name} bergilir pada hari ini tetapi tertulis {mode}",
    quota_day: "{count} dari {n} pegawai bergilir{pool} {mode}, kebijakan membolehkan {allowed}",
    range: "{lo} sampai {hi}",
    either: "{a} atau {b}",
    under_rule: " di bawah aturan `{rule}`",
    min_office: "{office} di kantor, min_office {floor} meminta {required} dari {present} yang hadir",
    run_cap: "{name} bekerja jarak jauh {run} hari kerja berturut-turut, max_consecutive_remote {max}",
    week_cap: "{name} bekerja jarak jauh {remote} hari minggu ini, max_remote_per_week {cap}",
    quota_period: "{count} hari-orang {mode} selama periode{pool}, kebijakan meminta {target}",
    fairness: "pegawai dengan {days} hari bergilir{pool} mendapat {lo} sampai {hi} hari {mode}",
    unknown_nip: "baris {line}: {name} tidak ada di file pegawai",
    not_a_working_day: "baris {line}: {name} punya baris pada {date}, yaitu {why}",
    outside_period: "di luar periode",
    not_a_workday: "bukan hari kerja dalam kebijakan",
    day_off: "hari libur",
    two_rows: "{name} punya dua baris untuk hari ini (baris {first} dan {second})",
};

const POLICY_EN: PolicyErrors = PolicyErrors {
    expects_text: "`{key}` expects text in quotes, such as {example}; found `{value}`",
    expects_share: "`{key}` expects a whole number from 0 to 100 such as 60, without % or quotes; found `{value}`",
    expects_count: "`{key}` expects a whole number such as {example}, without quotes; found `{value}`",
    expects_date: "`{key}` expects a date: {dates}; found `{value}`",
    item_is_date: "each item of `{key}` is a date: {dates}; found `{value}`",
    expects_list: "`{key}` expects a list in square brackets, such as {example}; found `{value}`",
    expects_word: "`{key}` expects one of {words} in quotes, such as {key} = \"{first}\"; found `{value}`",
    expects_section: "`{key}` expects a section of keys, such as {example}; found `{value}`",
    rules: "each rule is its own section headed [[rule]] (two pairs of brackets)",
    wrong_kind: "`{key}` has a value of the wrong kind; found `{value}`",
    write: ": write {fix}",
    or: "or",
    unclosed: "text in quotes is not closed: end it with `{quote}` on the same line",
    dates_are_written: "dates are written 2025-08-29 (year-month-day, without quotes)",
    numbers_are_written: "numbers are written without % or quotes",
    text_is_quoted: "text is written in quotes",
    unknown_word: "unknown {key} `{typo}`: expected {words}",
    did_you_mean: "did you mean `{near}`?",
    without_time: "{dates}, without a time; found `{value}`",
    invalid_date: "invalid date",
    min_office: "`min_office` expects a whole number of people such as 1, or a percentage in quotes such as \"25%\"; found `{value}`",
    unknown_key: "unknown field `{typo}`, expected one of {words}",
    missing_key: "missing field `{key}`",
    count_range: "{what} must be a whole number from 0 to {max}, found {n}",
    share_name: "the {mode} share",
    split_sum: "the split adds up to {sum}; its shares (WFO, WFH, WFA) must sum to 100",
    empty_list: "`{key}` is empty: give at least one value or leave the key out",
    listed_twice: "`{value}` is listed twice in `{key}`",
    unknown_weekday: "unknown weekday `{value}`: expected mon, tue, wed, thu, fri, sat or sun",
    end_before_start: "`end` ({end}) is before `start` ({start})",
    to_before_from: "rule `{name}`: `to` ({to}) is before `from` ({from})",
    rule_both: "rule `{name}` has both `mode` and `split`: give exactly one",
    rule_no_effect: "rule `{name}` has no effect: give `mode` or `split`",
    unknown_mode: "unknown mode `{value}`: a rule's mode is WFO, WFH, WFA or FIELD",
    rule_leave: "a rule cannot set LEAVE: list leave in the leave file (--leave)",
    name_empty: "`name` must not be empty",
    rule_name_empty: "a rule's `name` must not be empty",
    no_working_day: "the period {start}..{end} has no working day",
    duplicate_rule: "rule name `{name}` is already used by the rule at line {line}; rule names must be unique",
};

const POLICY_ID: PolicyErrors = PolicyErrors {
    expects_text: "`{key}` harus berupa teks dalam tanda kutip, misalnya {example}; tertulis `{value}`",
    expects_share: "`{key}` harus bilangan bulat 0 sampai 100, misalnya 60, tanpa % dan tanpa tanda kutip; tertulis `{value}`",
    expects_count: "`{key}` harus bilangan bulat, misalnya {example}, tanpa tanda kutip; tertulis `{value}`",
    expects_date: "`{key}` harus berupa tanggal: {dates}; tertulis `{value}`",
    item_is_date: "setiap isi `{key}` berupa tanggal: {dates}; tertulis `{value}`",
    expects_list: "`{key}` harus berupa daftar dalam kurung siku, misalnya {example}; tertulis `{value}`",
    expects_word: "`{key}` harus salah satu dari {words} dalam tanda kutip, misalnya {key} = \"{first}\"; tertulis `{value}`",
    expects_section: "`{key}` harus berupa bagian berisi kunci, misalnya {example}; tertulis `{value}`",
    rules: "setiap aturan adalah bagian tersendiri berjudul [[rule]] (dua pasang kurung siku)",
    wrong_kind: "`{key}` berisi nilai yang jenisnya salah; tertulis `{value}`",
    write: ": tulis {fix}",
    or: "atau",
    unclosed: "teks dalam tanda kutip belum ditutup: akhiri dengan `{quote}` pada baris yang sama",
    dates_are_written: "tanggal ditulis 2025-08-29 (tahun-bulan-tanggal, tanpa tanda kutip)",
    numbers_are_written: "angka ditulis tanpa % dan tanpa tanda kutip",
    text_is_quoted: "teks ditulis dalam tanda kutip",
    unknown_word: "{key} `{typo}` tidak dikenal: pilihannya {words}",
    did_you_mean: "maksud Anda `{near}`?",
    without_time: "{dates}, tanpa jam; tertulis `{value}`",
    invalid_date: "tanggal tidak valid",
    min_office: "`min_office` harus bilangan bulat jumlah orang, misalnya 1, atau persentase dalam tanda kutip, misalnya \"25%\"; tertulis `{value}`",
    unknown_key: "kunci `{typo}` tidak dikenal; pilihannya {words}",
    missing_key: "`{key}` tidak ada, padahal wajib diisi",
    count_range: "{what} harus bilangan bulat 0 sampai {max}, tertulis {n}",
    share_name: "bagian {mode}",
    split_sum: "jumlah pembagian {sum}; bagian-bagiannya (WFO, WFH, WFA) harus berjumlah 100",
    empty_list: "`{key}` kosong: isi paling sedikit satu nilai atau hapus kuncinya",
    listed_twice: "`{value}` tercantum dua kali di `{key}`",
    unknown_weekday: "nama hari `{value}` tidak dikenal: pilihannya senin, selasa, rabu, kamis, jumat, sabtu atau minggu (atau mon sampai sun)",
    end_before_start: "`end` ({end}) lebih awal dari `start` ({start})",
    to_before_from: "aturan `{name}`: `to` ({to}) lebih awal dari `from` ({from})",
    rule_both: "aturan `{name}` memiliki `mode` dan `split` sekaligus: isi salah satu saja",
    rule_no_effect: "aturan `{name}` tidak menetapkan apa pun: isi `mode` atau `split`",
    unknown_mode: "mode `{value}` tidak dikenal: mode sebuah aturan adalah WFO, WFH, WFA atau FIELD",
    rule_leave: "aturan tidak dapat menetapkan LEAVE: catat cuti di berkas cuti (--leave)",
    name_empty: "`name` tidak boleh kosong",
    rule_name_empty: "`name` sebuah aturan tidak boleh kosong",
    no_working_day: "periode {start} sampai {end} tidak memiliki hari kerja",
    duplicate_rule: "nama aturan `{name}` sudah dipakai aturan di baris {line}; nama aturan harus unik",
};

impl PolicyErrors {
    /// Every message with its field name, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 39] {
        [
            ("expects_text", self.expects_text),
            ("expects_share", self.expects_share),
            ("expects_count", self.expects_count),
            ("expects_date", self.expects_date),
            ("item_is_date", self.item_is_date),
            ("expects_list", self.expects_list),
            ("expects_word", self.expects_word),
            ("expects_section", self.expects_section),
            ("rules", self.rules),
            ("wrong_kind", self.wrong_kind),
            ("write", self.write),
            ("or", self.or),
            ("unclosed", self.unclosed),
            ("dates_are_written", self.dates_are_written),
            ("numbers_are_written", self.numbers_are_written),
            ("text_is_quoted", self.text_is_quoted),
            ("unknown_word", self.unknown_word),
            ("did_you_mean", self.did_you_mean),
            ("without_time", self.without_time),
            ("invalid_date", self.invalid_date),
            ("min_office", self.min_office),
            ("unknown_key", self.unknown_key),
            ("missing_key", self.missing_key),
            ("count_range", self.count_range),
            ("share_name", self.share_name),
            ("split_sum", self.split_sum),
            ("empty_list", self.empty_list),
            ("listed_twice", self.listed_twice),
            ("unknown_weekday", self.unknown_weekday),
            ("end_before_start", self.end_before_start),
            ("to_before_from", self.to_before_from),
            ("rule_both", self.rule_both),
            ("rule_no_effect", self.rule_no_effect),
            ("unknown_mode", self.unknown_mode),
            ("rule_leave", self.rule_leave),
            ("name_empty", self.name_empty),
            ("rule_name_empty", self.rule_name_empty),
            ("no_working_day", self.no_working_day),
            ("duplicate_rule", self.duplicate_rule),
        ]
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill_named(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

const EN: Labels = Labels {
    unit: "Unit",
    staff: "Staff",
    fixed: "Fixed",
    rotating: "Rotating",
    target_remote: "Target remote",
    achieved_remote: "Achieved remote",
    rotating_target_remote: "Target remote, rotating",
    rotating_achieved_remote: "Achieved remote, rotating",
    columns_left_out: "Columns left out to fit {} columns: {} (--summary FILE keeps them all).",
    units_shown: "{} of {} units shown: those with problems, then the largest.",
    full_table_in: "The full table is in {}.",
    full_table_hint: "Write the full table with --summary FILE.",
    office_min: "Office min",
    office_max: "Office max",
    fairness_spread: "Fairness spread",
    problems: "Problems",
    total: "TOTAL",
    working_days: "working days",
    staff_count: "staff",
    largest_deviation: "Largest distance of a person's count from their share",
    team_drift: "Teams kept together: team sizes push a day's count off its quota by up to",
    pattern_swaps: "Pool-days that left the pure alternating pattern to meet the guarantees",
    days_unit: "day(s)",
    people_unit: "people",
    no_violations: "0 violations",
    unmet: "unmet guarantee(s)",
    guarantee: "guarantee",
    problem_count: "problem(s)",
    and_more: "and {} more",
    fewest: "fewest ({})",
    most: "most ({})",
    guarantees: [
        "one row per person per working day",
        "fixed modes",
        "quota",
        "fairness",
        "caps and office floor",
    ],
    week: "Week",
    nip: "NIP",
    name: "Name",
    people: "People",
    person_days: "Person-days",
    office: "Office",
    remote: "Remote",
    date: "Date",
    day: "Day",
    kind: "Kind",
    roster_sheet: "Roster",
    summary_sheet: "Summary",
    legend_sheet: "Legend",
    group: "Group",
    team: "Team",
    role: "Role",
    modes: [
        "work from the office",
        "work from home",
        "work from anywhere",
        "field duty",
        "on leave",
    ],
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    policy: POLICY_EN,
    violations: VIOLATIONS_EN,
    warnings: WARNINGS_EN,
    requests: REQUESTS_EN,
    granting: GRANTING_EN,
};

const ID: Labels = Labels {
    unit: "Unit Kerja",
    staff: "Pegawai",
    fixed: "Dikecualikan",
    rotating: "Bergilir",
    target_remote: "Target jarak jauh",
    achieved_remote: "Capaian jarak jauh",
    rotating_target_remote: "Target jarak jauh, bergilir",
    rotating_achieved_remote: "Capaian jarak jauh, bergilir",
    columns_left_out: "Kolom yang tidak ditampilkan agar muat {} kolom: {} (--summary FILE memuat semuanya).",
    units_shown: "{} dari {} unit ditampilkan: yang bermasalah, lalu yang terbesar.",
    full_table_in: "Tabel lengkap ada di {}.",
    full_table_hint: "Tulis tabel lengkap dengan --summary FILE.",
    office_min: "Kantor min",
    office_max: "Kantor maks",
    fairness_spread: "Selisih keadilan",
    problems: "Masalah",
    total: "JUMLAH",
    working_days: "hari kerja",
    staff_count: "pegawai",
    largest_deviation: "Selisih terbesar jumlah hari seseorang dari bagiannya",
    team_drift: "Tim tetap bersama: ukuran tim menggeser jumlah harian dari kuota paling banyak",
    pattern_swaps: "Hari-pool yang keluar dari pola selang-seling murni demi memenuhi jaminan",
    days_unit: "hari",
    people_unit: "orang",
    no_violations: "0 pelanggaran",
    unmet: "jaminan tidak terpenuhi",
    guarantee: "jaminan",
    problem_count: "masalah",
    and_more: "dan {} lainnya",
    fewest: "paling sedikit ({})",
    most: "paling banyak ({})",
    guarantees: [
        "satu baris per pegawai per hari kerja",
        "mode tetap",
        "kuota",
        "keadilan",
        "batas dan minimum di kantor",
    ],
    week: "Minggu",
    nip: "NIP",
    name: "Nama",
    people: "Pegawai",
    person_days: "Hari-orang",
    office: "Kantor",
    remote: "Jarak jauh",
    date: "Tanggal",
    day: "Hari",
    kind: "Jenis",
    roster_sheet: "Jadwal",
    summary_sheet: "Ringkasan",
    legend_sheet: "Keterangan",
    group: "Grup",
    team: "Bidang",
    role: "Jabatan",
    modes: [
        "bekerja dari kantor",
        "bekerja dari rumah",
        "bekerja dari mana saja",
        "dinas lapangan",
        "cuti",
    ],
    weekdays: ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"],
    policy: POLICY_ID,
    violations: VIOLATIONS_ID,
    warnings: WARNINGS_ID,
    requests: REQUESTS_ID,
    granting: GRANTING_ID,
};

impl Labels {
    /// The summary's column titles, in SPEC §5's order.
    /// The summary's column titles as people read them: the unit, then the figures of
    /// [`crate::writers::summary::display_cells`].
    pub fn summary_columns(&self) -> [&'static str; 12] {
        [
            self.unit,
            self.staff,
            self.fixed,
            self.rotating,
            self.target_remote,
            self.achieved_remote,
            self.rotating_target_remote,
            self.rotating_achieved_remote,
            self.office_min,
            self.office_max,
            self.fairness_spread,
            self.problems,
        ]
    }
}

impl Lang {
    /// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set and not empty, Indonesian when it starts with `id` (`id_ID.UTF-8`),
    /// English otherwise. Every command's `--lang` defaults to this, and overrides it.
    pub fn from_env() -> Lang {
        let var = |name| std::env::var(name).ok();
        Lang::from_locale([var("LC_ALL"), var("LC_MESSAGES"), var("LANG")])
    }

    /// [`Lang::from_env`] on the values of `LC_ALL`, `LC_MESSAGES` and `LANG`, in that order.
    pub fn from_locale(vars: [Option<String>; 3]) -> Lang {
        let locale = vars.into_iter().flatten().find(|v| !v.is_empty());
        match locale.as_deref().and_then(|l| l.strip_prefix("id")) {
            Some(rest) if rest.is_empty() || rest.starts_with(['_', '.', '@', '-']) => Lang::Id,
            _ => Lang::En,
        }
    }

    /// A share as people read it: `40.0%`, in Indonesian `40,0%`.
    pub fn pct(self, value: f64) -> String {
        format!("{}%", self.decimal(value))
    }

    /// A number with one decimal: `1.5`, in Indonesian `1,5`.
    pub fn decimal(self, value: f64) -> String {
        let text = format!("{value:.1}");
        match self {
            Lang::En => text,
            Lang::Id => text.replace('.', ","),
        }
    }

    /// A date in text people read: `2025-03-24`, in Indonesian `24/03/2025`. Never in CSV.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::En => date.format("%Y-%m-%d").to_string(),
            Lang::Id => date.format("%d/%m/%Y").to_string(),
        }
    }

    /// A day with its weekday: `Mon 24 Mar`, in Indonesian `Sen 24 Mar`.
    pub fn day(self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            self.weekday(date.weekday()),
            date.day(),
            self.month(date)
        )
    }

    /// The short name of the date's month: `Aug`, in Indonesian `Agu`.
    pub fn month(self, date: NaiveDate) -> &'static str {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const ID: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ];
        let months = match self {
            Lang::En => &EN,
            Lang::Id => &ID,
        };
        months[date.month0() as usize]
    }

    /// Days from `first` to `last` as dates people place: `24–28 Mar 2025`,
    /// `31 Mar–4 Apr 2025`, `29 Dec 2025–2 Jan 2026`; one day is `24 Mar 2025`.
    pub fn days(self, first: NaiveDate, last: NaiveDate) -> String {
        let (d1, m1, y1) = (first.day(), self.month(first), first.year());
        let (d2, m2, y2) = (last.day(), self.month(last), last.year());
        if first == last {
            format!("{d1} {m1} {y1}")
        } else if y1 != y2 {
            format!("{d1} {m1} {y1}–{d2} {m2} {y2}")
        } else if first.month() != last.month() {
            format!("{d1} {m1}–{d2} {m2} {y2}")
        } else {
            format!("{d1}–{d2} {m2} {y2}")
        }
    }

    /// The ISO week `2025-W13` as the dates of its Monday to Friday: `24–28 Mar 2025`;
    /// anything else as it is.
    pub fn week(self, iso: &str) -> String {
        match NaiveDate::parse_from_str(&format!("{iso}-1"), "%G-W%V-%u") {
            Ok(monday) => self.days(monday, monday + chrono::Days::new(4)),
            Err(_) => iso.to_owned(),
        }
    }

    /// The language of messages (errors, warnings) in this run: what [`Lang::use_for_messages`]
    /// set, English until then (the library, unit tests).
    pub fn messages() -> Lang {
        MESSAGES.get().copied().unwrap_or(Lang::En)
    }

    /// Makes this the language of messages for the rest of the run; the first call wins.
    pub fn use_for_messages(self) {
        let _ = MESSAGES.set(self);
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Id => &ID,
        }
    }

    pub fn weekday(self, day: Weekday) -> &'static str {
        self.labels().weekdays[day.num_days_from_monday() as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(all: &str, messages: &str, lang: &str) -> Lang {
        let v = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Lang::from_locale([v(all), v(messages), v(lang)])
    }

    /// The `{name}`s of a template.
    fn placeholders(template: &str) -> std::collections::BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_blanks() {
        let policy = EN.policy.all().into_iter().zip(ID.policy.all());
        let violations = (EN.violations.all().into_iter()).zip(ID.violations.all());
        let warnings = (EN.warnings.all().into_iter()).zip(ID.warnings.all());
        let requests = (EN.requests.all().into_iter()).zip(ID.requests.all());
        let granting = (EN.granting.all().into_iter()).zip(ID.granting.all());
        let all = (policy.chain(violations).chain(warnings))
            .chain(requests)
            .chain(granting);
        for ((name, en), (_, id)) in all {
            assert!(!en.is_empty() && !id.is_empty(), "{name}");
            assert_ne!(en, id, "{name}: not translated");
            assert_eq!(placeholders(en), placeholders(id), "{name}");
        }
        for (en, id) in [
            (EN.columns_left_out, ID.columns_left_out),
            (EN.units_shown, ID.units_shown),
            (EN.full_table_in, ID.full_table_in),
            (EN.and_more, ID.and_more),
        ] {
            assert_eq!(en.matches("{}").count(), id.matches("{}").count(), "{id}");
        }
        assert_eq!(
            fill_named("`{key}` = {key}", &[("key", "WFO")]),
            "`WFO` = WFO"
        );
    }

    #[test]
    fn numbers_and_dates_the_indonesian_way() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Lang::En.pct(40.0), "40.0%");
        assert_eq!(Lang::Id.pct(40.0), "40,0%");
        assert_eq!(Lang::Id.pct(33.333), "33,3%");
        assert_eq!(Lang::Id.decimal(1.25), "1,2");
        assert_eq!(Lang::En.date(d(2025, 3, 24)), "2025-03-24");
        assert_eq!(Lang::Id.date(d(2025, 3, 24)), "24/03/2025");
        assert_eq!(Lang::En.day(d(2025, 3, 24)), "Mon 24 Mar");
        assert_eq!(Lang::Id.day(d(2025, 3, 24)), "Sen 24 Mar");
        assert_eq!(Lang::Id.day(d(2025, 8, 18)), "Sen 18 Agu");
        assert_eq!(Lang::En.week("2025-W13"), "24–28 Mar 2025");
        assert_eq!(Lang::Id.week("2025-W14"), "31 Mar–4 Apr 2025");
        assert_eq!(Lang::Id.week("2026-W01"), "29 Des 2025–2 Jan 2026");
        assert_eq!(Lang::Id.week("2025-W33"), "11–15 Agu 2025");
        assert_eq!(Lang::En.week("TOTAL"), "TOTAL");
        assert_eq!(Lang::En.days(d(2025, 3, 24), d(2025, 3, 24)), "24 Mar 2025");
    }

    #[test]
    fn the_environment_chooses_the_default_language() {
        assert_eq!(locale("", "", ""), Lang::En);
        assert_eq!(locale("", "", "id_ID.UTF-8"), Lang::Id);
        assert_eq!(locale("", "", "id"), Lang::Id);
        assert_eq!(locale("", "", "en_US.UTF-8"), Lang::En);
        assert_eq!(locale("", "", "C.UTF-8"), Lang::En);
        assert_eq!(locale("", "", "idiom"), Lang::En);
        // LC_ALL, then LC_MESSAGES, then LANG.
        assert_eq!(
            locale("en_US.UTF-8", "id_ID.UTF-8", "id_ID.UTF-8"),
            Lang::En
        );
        assert_eq!(locale("", "id_ID.UTF-8", "en_US.UTF-8"), Lang::Id);
        assert_eq!(locale("id_ID", "en_US", "en_US"), Lang::Id);
        assert_eq!(locale("", "en_GB", "id_ID"), Lang::En);
    }
}
