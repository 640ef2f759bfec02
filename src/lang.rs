//! The words of the tables and reports people read, in English or Indonesian (`--lang`).
//! CSV headers and codes (WFO, TOTAL, column names) stay as SPEC §5 fixes them.

use chrono::{Datelike, NaiveDate, Weekday};

/// The language of this run's messages, set once by the command line.

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
    /// The warnings and notes of a run.
    pub warnings: WarningTexts,
    /// What became of requests, and the notes of a re-plan.
    pub granting: GrantTexts,
    /// The messages of an input file that does not read.
    /// The prefixes, notes and progress of a run, and the system errors in Indonesian (its
    /// errors are facts: `crate::facts::run`).
    pub run: RunTexts,
    /// The phrases of `roster explain`.
    pub explain: ExplainTexts,
    /// The words of `roster attendance` (issue 21).
    pub attendance: AttendanceTexts,
    /// The footer of each printed page of the workbook: `&P` the page, `&N` the pages.
    pub page_footer: &'static str,
    /// The words of the printed roster (`plan --pdf`).
    pub print: PrintTexts,
    /// Why a unit cannot meet the policy, and what fixes it.
    pub causes: CauseTexts,
    /// The words of the calendars (`plan --ics`).
    pub calendar: CalendarTexts,
}

/// Why a unit proven impossible is impossible, and the smallest changes that fix it
/// (`crate::planner::causes`), `{…}` marking what is filled in.
pub struct CauseTexts {
    pub weekly_cap: &'static str,
    pub weekly_cap_week: &'static str,
    pub fixed_remote: &'static str,
    pub fixed_remote_week: &'static str,
    pub office_floor: &'static str,
    pub fixed_office: &'static str,
    pub runs: &'static str,
    pub runs_holiday: &'static str,
    pub office_totals: &'static str,
    pub combination: &'static str,
    pub combination_period: &'static str,
    pub unexplained: &'static str,
    pub one_unit: &'static str,
    pub units: &'static str,
    pub share: &'static str,
    pub share_of_rule: &'static str,
    pub max_remote_per_week: &'static str,
    pub max_consecutive_remote: &'static str,
    pub min_office: &'static str,
    pub no_min_office: &'static str,
    pub exempt: &'static str,
    pub exempt_week: &'static str,
    pub or: &'static str,
    pub no_change: &'static str,
    pub heading: &'static str,
    pub holiday: &'static str,
    pub holiday_named: &'static str,
    pub every_day: &'static str,
    /// The knobs, in [`crate::planner::causes::Knob`] order.
    pub knobs: [&'static str; 4],
    /// The constraints of a core, in [`crate::planner::causes::Constraint::ALL`] order.
    pub constraints: [&'static str; 6],
}

impl CauseTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 28] {
        [
            ("weekly_cap", self.weekly_cap),
            ("weekly_cap_week", self.weekly_cap_week),
            ("fixed_remote", self.fixed_remote),
            ("fixed_remote_week", self.fixed_remote_week),
            ("office_floor", self.office_floor),
            ("fixed_office", self.fixed_office),
            ("runs", self.runs),
            ("runs_holiday", self.runs_holiday),
            ("office_totals", self.office_totals),
            ("combination", self.combination),
            ("combination_period", self.combination_period),
            ("unexplained", self.unexplained),
            ("one_unit", self.one_unit),
            ("units", self.units),
            ("share", self.share),
            ("share_of_rule", self.share_of_rule),
            ("max_remote_per_week", self.max_remote_per_week),
            ("max_consecutive_remote", self.max_consecutive_remote),
            ("min_office", self.min_office),
            ("no_min_office", self.no_min_office),
            ("exempt", self.exempt),
            ("exempt_week", self.exempt_week),
            ("or", self.or),
            ("no_change", self.no_change),
            ("heading", self.heading),
            ("holiday", self.holiday),
            ("holiday_named", self.holiday_named),
            ("every_day", self.every_day),
        ]
    }
}

/// The words of the calendars (`plan --ics`), `{…}` marking what is filled in.
pub struct CalendarTexts {
    /// Each event's title, in [`crate::mode::Mode::ALL`] order.
    pub titles: [&'static str; 5],
    /// An event's description: the person, their unit, the mode in words and the policy.
    pub description: &'static str,
    /// The title of a day taken off the calendar.
    pub cancelled: &'static str,
}

impl CalendarTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 2] {
        [
            ("description", self.description),
            ("cancelled", self.cancelled),
        ]
    }
}

const CAUSES_EN: CauseTexts = CauseTexts {
    weekly_cap: "With `max_remote_per_week` = {cap}, at most {most}% of working days can be remote; the split asks for {asked}%.",
    weekly_cap_week: "In the week of {week} ({days} working days), `max_remote_per_week` = {cap} leaves room for {most}% remote; the quotas ask for {asked}%.",
    fixed_remote: "Remote days already taken (fixed, or in the previous roster) use up `max_remote_per_week` = {cap}: {capacity} remote person-days are left to rotate, the quotas ask for {needed} ({unfixed} would fit without them).",
    fixed_remote_week: "In the week of {week} ({days} working days), remote days already taken (fixed, or in the previous roster) use up `max_remote_per_week` = {cap}: {capacity} remote person-days are left to rotate, the quotas ask for {needed} ({unfixed} would fit without them).",
    office_floor: "`min_office` = {floor} asks for {required} in the office, with only {present} present on {days}.",
    fixed_office: "Fixed days (rules, staff modes, hard requests, field duty) leave {can} who can be in the office on {days}; `min_office` = {floor} asks for {required}.",
    runs: "With at most {max} remote days in a row, the working days {span} hold {capacity} remote person-days; the quotas ask for {needed}.",
    runs_holiday: "With at most {max} remote days in a row, the working days around {holiday} ({span}) hold {capacity} remote person-days; the quotas ask for {needed}.",
    office_totals: "`min_office` = {floor} keeps {needed} person-days in the office over the period; the split's WFO = {office} allows at most {allowed}.",
    combination: "No roster meets these together on {span}: {constraints}.",
    combination_period: "No roster meets these together over the period: {constraints}.",
    unexplained: "No roster meets every guarantee; the search named no smaller set of them within its budget.",
    one_unit: "In {unit}.",
    units: "In {n} units: {list}.",
    share: "lower {mode} to {to}",
    share_of_rule: "lower {mode} of rule \"{rule}\" to {to}",
    max_remote_per_week: "raise `max_remote_per_week` to {to}",
    max_consecutive_remote: "raise `max_consecutive_remote` to {to}",
    min_office: "lower `min_office` to {to}",
    no_min_office: "remove `min_office`",
    exempt: "exempt {units} from rotating (a last rule with their `units` and `mode = \"WFO\"`)",
    exempt_week: "exempt {units} from rotating in {week} (a last rule with their `units`, `from`, `to` and `mode = \"WFO\"`)",
    or: ", or ",
    no_change: "No single change to {knobs} makes it possible; the guarantees above still fail.",
    heading: "Why the policy cannot be met:",
    holiday: "the holiday on {date}",
    holiday_named: "{name} on {date}",
    every_day: "every working day",
    knobs: [
        "the split's shares",
        "`max_remote_per_week`",
        "`max_consecutive_remote`",
        "`min_office`",
    ],
    constraints: [
        "the daily quota",
        "the period's quota",
        "fairness",
        "`max_remote_per_week`",
        "`max_consecutive_remote`",
        "`min_office`",
    ],
};

const CAUSES_ID: CauseTexts = CauseTexts {
    weekly_cap: "Dengan `max_remote_per_week` = {cap}, paling banyak {most}% hari kerja dapat jarak jauh; pembagian meminta {asked}%.",
    weekly_cap_week: "Pada minggu {week} ({days} hari kerja), `max_remote_per_week` = {cap} hanya memberi ruang {most}% jarak jauh; kuota meminta {asked}%.",
    fixed_remote: "Hari jarak jauh yang sudah terpakai (tetap, atau dalam jadwal sebelumnya) menghabiskan `max_remote_per_week` = {cap}: tersisa {capacity} hari-orang jarak jauh untuk bergilir, kuota meminta {needed} ({unfixed} cukup tanpanya).",
    fixed_remote_week: "Pada minggu {week} ({days} hari kerja), hari jarak jauh yang sudah terpakai (tetap, atau dalam jadwal sebelumnya) menghabiskan `max_remote_per_week` = {cap}: tersisa {capacity} hari-orang jarak jauh untuk bergilir, kuota meminta {needed} ({unfixed} cukup tanpanya).",
    office_floor: "`min_office` = {floor} meminta {required} orang di kantor, tetapi hanya {present} yang hadir pada {days}.",
    fixed_office: "Hari tetap (aturan, mode pegawai, permohonan wajib, dinas lapangan) hanya menyisakan {can} orang yang dapat di kantor pada {days}; `min_office` = {floor} meminta {required}.",
    runs: "Dengan paling banyak {max} hari jarak jauh berturut-turut, hari kerja {span} hanya memuat {capacity} hari-orang jarak jauh; kuota meminta {needed}.",
    runs_holiday: "Dengan paling banyak {max} hari jarak jauh berturut-turut, hari kerja sekitar {holiday} ({span}) hanya memuat {capacity} hari-orang jarak jauh; kuota meminta {needed}.",
    office_totals: "`min_office` = {floor} menahan {needed} hari-orang di kantor selama periode; WFO = {office} dalam pembagian hanya membolehkan {allowed}.",
    combination: "Tidak ada jadwal yang memenuhi semua ini sekaligus pada {span}: {constraints}.",
    combination_period: "Tidak ada jadwal yang memenuhi semua ini sekaligus selama periode: {constraints}.",
    unexplained: "Tidak ada jadwal yang memenuhi semua jaminan; pencarian tidak menemukan himpunan jaminan yang lebih kecil dalam batas kerjanya.",
    one_unit: "Di {unit}.",
    units: "Di {n} unit: {list}.",
    share: "turunkan {mode} menjadi {to}",
    share_of_rule: "turunkan {mode} pada aturan \"{rule}\" menjadi {to}",
    max_remote_per_week: "naikkan `max_remote_per_week` menjadi {to}",
    max_consecutive_remote: "naikkan `max_consecutive_remote` menjadi {to}",
    min_office: "turunkan `min_office` menjadi {to}",
    no_min_office: "hapus `min_office`",
    exempt: "kecualikan {units} dari giliran (aturan terakhir dengan `units` mereka dan `mode = \"WFO\"`)",
    exempt_week: "kecualikan {units} dari giliran pada {week} (aturan terakhir dengan `units` mereka, `from`, `to` dan `mode = \"WFO\"`)",
    or: ", atau ",
    no_change: "Tidak ada satu perubahan pada {knobs} yang membuatnya mungkin; jaminan di atas tetap tidak terpenuhi.",
    heading: "Mengapa kebijakan tidak dapat dipenuhi:",
    holiday: "hari libur {date}",
    holiday_named: "{name} pada {date}",
    every_day: "setiap hari kerja",
    knobs: [
        "porsi pembagian",
        "`max_remote_per_week`",
        "`max_consecutive_remote`",
        "`min_office`",
    ],
    constraints: [
        "kuota harian",
        "kuota periode",
        "keadilan",
        "`max_remote_per_week`",
        "`max_consecutive_remote`",
        "`min_office`",
    ],
};

const CALENDAR_EN: CalendarTexts = CalendarTexts {
    titles: ["Office", "WFH", "WFA", "Field duty", "Leave"],
    description: "{name} (NIP {nip}), {unit}: {mode}. Policy: {policy}.",
    cancelled: "Cancelled: {title}",
};

const CALENDAR_ID: CalendarTexts = CalendarTexts {
    titles: ["Kantor", "WFH", "WFA", "Dinas lapangan", "Cuti"],
    description: "{name} (NIP {nip}), {unit}: {mode}. Kebijakan: {policy}.",
    cancelled: "Dibatalkan: {title}",
};

/// The words of the printed roster (`plan --pdf`), `{…}` marking what is filled in.
pub struct PrintTexts {
    /// One letter per mode, in [`crate::mode::Mode::ALL`] order, for the day cells.
    pub codes: [&'static str; 5],
    /// Full month names, January first, for the page header.
    pub months: [&'static str; 12],
    pub basis: &'static str,
    pub month: &'static str,
    pub office_count: &'static str,
    pub legend: &'static str,
    pub continued: &'static str,
    pub page: &'static str,
    pub summary: &'static str,
    pub acknowledged: &'static str,
    pub signer_title: &'static str,
    pub nip_blank: &'static str,
}

impl PrintTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 10] {
        [
            ("basis", self.basis),
            ("month", self.month),
            ("office_count", self.office_count),
            ("legend", self.legend),
            ("continued", self.continued),
            ("page", self.page),
            ("summary", self.summary),
            ("acknowledged", self.acknowledged),
            ("signer_title", self.signer_title),
            ("nip_blank", self.nip_blank),
        ]
    }
}

const PRINT_EN: PrintTexts = PrintTexts {
    codes: ["O", "H", "A", "F", "L"],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    basis: "Basis",
    month: "Month",
    office_count: "In the office",
    legend: "Codes",
    continued: "(continued)",
    page: "Page {n} of {m}",
    summary: "{unit}: {staff} staff ({fixed} fixed, {rotating} rotating); remote {achieved} of working days (target {target}); fairness spread {spread}; problems {problems}",
    acknowledged: "Acknowledged,",
    signer_title: "Head of {unit}",
    nip_blank: "NIP ........................................",
};

const PRINT_ID: PrintTexts = PrintTexts {
    codes: ["O", "H", "A", "L", "C"],
    months: [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    basis: "Dasar",
    month: "Bulan",
    office_count: "Di kantor",
    legend: "Kode",
    continued: "(lanjutan)",
    page: "Halaman {n} dari {m}",
    summary: "{unit}: {staff} pegawai ({fixed} dikecualikan, {rotating} bergilir); jarak jauh {achieved} dari hari kerja (target {target}); selisih keadilan {spread}; masalah {problems}",
    acknowledged: "Mengetahui,",
    signer_title: "Kepala {unit}",
    nip_blank: "NIP. ........................................",
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
    pub fairness: &'static str,
    pub undecided: &'static str,
    pub and: &'static str,
    pub granted: &'static str,
    pub requests_line: &'static str,
    pub unit_requests: &'static str,
    pub person_requests: &'static str,
    pub changes_line: &'static str,
    pub day_by_day: &'static str,
}

impl GrantTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 18] {
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
            ("fairness", self.fairness),
            ("undecided", self.undecided),
            ("and", self.and),
            ("granted", self.granted),
            ("requests_line", self.requests_line),
            ("unit_requests", self.unit_requests),
            ("person_requests", self.person_requests),
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
    fairness: "already has their share of the mode (fairness)",
    undecided: "the search ran out of its budget before it could say what blocks {date}",
    and: " and ",
    granted: "granted",
    requests_line: "Requests: {made} request days, {granted} granted.",
    unit_requests: "{unit}: {granted} of {made}",
    person_requests: "granted on {granted} of {made} day(s)",
    changes_line: "Changes against the published roster from {date}: {days} person-days of {people} people.",
    day_by_day: "in {units}, the exact search could not settle which days to keep or grant (more than {limit} rotating person-days, or its budget ran out): those units were planned day by day, keeping wishes where the guarantees left a choice",
};

const GRANTING_ID: GrantTexts = GrantTexts {
    on_leave: "sedang cuti pada {date}",
    fixed_by_staff: "ditetapkan oleh kolom mode di berkas pegawai pada {date}",
    fixed_by_rule: "ditetapkan oleh aturan \"{rule}\"",
    no_share: "kebijakan tidak memberi jatah untuk mode ini pada {date}",
    weekly_cap: "batas mingguan sudah tercapai pada minggu {date}",
    run_cap: "terlalu banyak hari jarak jauh berturut-turut di sekitar {date}",
    quota_full: "kuota unit sudah penuh pada {date}",
    office_floor: "batas minimum di kantor untuk unit pada {date}",
    share: "jatah mode ini sudah terpenuhi (keadilan), atau permintaan lain mendapat tempat terakhir pada {date}",
    fairness: "jatah mode ini sudah terpenuhi (keadilan)",
    undecided: "anggaran pencarian habis sebelum penghalang pada {date} diketahui",
    and: " dan ",
    granted: "dikabulkan",
    requests_line: "Permintaan: {made} hari diminta, {granted} dikabulkan.",
    unit_requests: "{unit}: {granted} dari {made}",
    person_requests: "dikabulkan pada {granted} dari {made} hari",
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
    pub requests_skipped: &'static str,
    pub pattern_matches_nobody: &'static str,
    pub previous_replanned: &'static str,
}

impl WarningTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 13] {
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
            ("requests_skipped", self.requests_skipped),
            ("pattern_matches_nobody", self.pattern_matches_nobody),
            ("previous_replanned", self.previous_replanned),
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
    requests_skipped: "--requests: {path} is not a regular file (a broken link, a pipe or a folder); its requests are not read",
    pattern_matches_nobody: "{file}:{line}: rule `{rule}`: the {what} pattern {pattern} matches nobody in the staff file (a typo?){near}; the rule's other patterns still apply",
    previous_replanned: "--previous: {path} is the roster of this window, which this run plans again and replaces: it is left out of the history",
};

const WARNINGS_ID: WarningTexts = WarningTexts {
    matches_nobody: "{file}:{line}: aturan `{rule}` tidak mengenai siapa pun (salah ketik?): {why}",
    no_match: "tidak ada {what} di berkas pegawai yang cocok dengan {patterns}",
    did_you_mean: " (maksudnya {names}?)",
    nobody_matches_all: "setiap pemilihnya mengenai seseorang, tetapi tidak ada yang cocok dengan semuanya",
    unit: "unit kerja",
    role: "jabatan",
    team: "tim",
    more: "... dan {n} peringatan lainnya",
    previous_missing: "--previous {path} belum ada: merencanakan tanpa jadwal sebelumnya",
    previous_skipped: "--previous: {path} bukan berkas biasa; dilewati",
    requests_skipped: "--requests: {path} bukan berkas biasa (tautan rusak, pipa, atau folder); permintaannya tidak dibaca",
    pattern_matches_nobody: "{file}:{line}: aturan `{rule}`: pola {what} {pattern} tidak mengenai siapa pun di berkas pegawai (salah ketik?){near}; pola lain dari aturan ini tetap berlaku",
    previous_replanned: "--previous: {path} adalah jadwal rentang ini, yang direncanakan ulang dan diganti oleh proses ini: berkas itu tidak dihitung sebagai riwayat",
};

/// What a run says beyond its inputs and errors: the prefixes of its lines on stderr, the
/// notes of `plan`, its progress, and the system errors people meet in Indonesian;
/// `{name}`-style blanks. Read with the command's language (`lang.labels().run`).
pub struct RunTexts {
    pub error: &'static str,
    pub warning: &'static str,
    pub note: &'static str,
    pub carry_continue: &'static str,
    pub carry_joined: &'static str,
    pub carry_in_all: &'static str,
    pub carry_left: &'static str,
    pub undecided: &'static str,
    pub not_found: &'static str,
    pub permission_denied: &'static str,
    pub already_exists: &'static str,
    pub is_a_folder: &'static str,
    pub not_a_folder: &'static str,
    pub disk_full: &'static str,
    pub read_only: &'static str,
    pub planning: &'static str,
    pub progress: &'static str,
    pub wrote: &'static str,
}

impl RunTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 18] {
        [
            ("error", self.error),
            ("warning", self.warning),
            ("note", self.note),
            ("carry_continue", self.carry_continue),
            ("carry_joined", self.carry_joined),
            ("carry_in_all", self.carry_in_all),
            ("carry_left", self.carry_left),
            ("undecided", self.undecided),
            ("not_found", self.not_found),
            ("permission_denied", self.permission_denied),
            ("already_exists", self.already_exists),
            ("is_a_folder", self.is_a_folder),
            ("not_a_folder", self.not_a_folder),
            ("disk_full", self.disk_full),
            ("read_only", self.read_only),
            ("planning", self.planning),
            ("progress", self.progress),
            ("wrote", self.wrote),
        ]
    }
}

const RUN_EN: RunTexts = RunTexts {
    error: "error",
    warning: "warning",
    note: "note",
    carry_continue: "Previous roster: {n} people continue their counts",
    carry_joined: "; {n} start at their pool's average (new, or moved to another unit): {list}",
    carry_in_all: ", ... ({n} in all)",
    carry_left: "; {n} no longer in the staff file are ignored",
    undecided: "no roster meeting every guarantee was found in {units}, but none was proven impossible either: the search (whole units of up to {max} rotating person-days, larger ones or those it could not decide window by window) stopped after its fixed number of steps; the roster above is the best found",
    not_found: "no such file or folder",
    permission_denied: "permission denied",
    already_exists: "already exists",
    is_a_folder: "is a folder",
    not_a_folder: "a part of the path is not a folder",
    disk_full: "the disk is full",
    read_only: "the file system is read-only",
    planning: "planning",
    progress: "{pos}/{len} working days, {eta} left",
    wrote: "wrote {path}",
};

const RUN_ID: RunTexts = RunTexts {
    error: "kesalahan",
    warning: "peringatan",
    note: "catatan",
    carry_continue: "Jadwal sebelumnya: hitungan {n} pegawai dilanjutkan",
    carry_joined: "; {n} pegawai mulai dari rata-rata kelompoknya (pegawai baru, atau pindah unit kerja): {list}",
    carry_in_all: ", ... ({n} seluruhnya)",
    carry_left: "; {n} pegawai yang tidak lagi ada di berkas pegawai diabaikan",
    undecided: "tidak ditemukan jadwal yang memenuhi semua jaminan untuk {units}, tetapi juga tidak terbukti mustahil: pencarian (unit kerja utuh dengan paling banyak {max} hari-orang bergilir, yang lebih besar atau yang belum terputuskan per jendela waktu) berhenti setelah jumlah langkahnya yang tetap; jadwal di atas adalah yang terbaik yang ditemukan",
    not_found: "berkas atau folder tidak ditemukan",
    permission_denied: "akses ditolak",
    already_exists: "sudah ada",
    is_a_folder: "adalah folder",
    not_a_folder: "salah satu bagian jalurnya bukan folder",
    disk_full: "disk penuh",
    read_only: "sistem berkas hanya dapat dibaca",
    planning: "merencanakan",
    progress: "{pos}/{len} hari kerja, sisa {eta}",
    wrote: "{path} sudah ditulis",
};

/// The phrases of `roster explain`; `{…}` marks what is filled in.
pub struct ExplainTexts {
    pub unit: &'static str,
    pub team: &'static str,
    pub role: &'static str,
    pub staff_mode: &'static str,
    pub rotates_unless: &'static str,
    pub leave: &'static str,
    pub rules: &'static str,
    pub no_rules: &'static str,
    pub line: &'static str,
    pub rotates: &'static str,
    pub no_match: &'static str,
    pub none: &'static str,
    pub matches: &'static str,
    pub pattern_match: &'static str,
    pub everyone: &'static str,
    pub working_days: &'static str,
    pub decides_none: &'static str,
    pub decides_some: &'static str,
    pub days: &'static str,
    pub rule: &'static str,
    pub default_split: &'static str,
    pub day_count: &'static str,
    pub schedule: &'static str,
    pub week: &'static str,
    pub more: &'static str,
    pub requests: &'static str,
    pub request: &'static str,
    pub every: &'static str,
    /// The strengths of a request.
    pub soft: &'static str,
    pub hard: &'static str,
}

impl ExplainTexts {
    /// Every phrase with its key, for the completeness test.
    pub fn all(&self) -> [(&'static str, &'static str); 30] {
        [
            ("unit", self.unit),
            ("team", self.team),
            ("role", self.role),
            ("staff_mode", self.staff_mode),
            ("rotates_unless", self.rotates_unless),
            ("leave", self.leave),
            ("rules", self.rules),
            ("no_rules", self.no_rules),
            ("line", self.line),
            ("rotates", self.rotates),
            ("no_match", self.no_match),
            ("none", self.none),
            ("matches", self.matches),
            ("pattern_match", self.pattern_match),
            ("everyone", self.everyone),
            ("working_days", self.working_days),
            ("decides_none", self.decides_none),
            ("decides_some", self.decides_some),
            ("days", self.days),
            ("rule", self.rule),
            ("default_split", self.default_split),
            ("day_count", self.day_count),
            ("schedule", self.schedule),
            ("week", self.week),
            ("more", self.more),
            ("requests", self.requests),
            ("request", self.request),
            ("every", self.every),
            ("soft", self.soft),
            ("hard", self.hard),
        ]
    }
}

const EXPLAIN_EN: ExplainTexts = ExplainTexts {
    unit: "unit",
    team: "team",
    role: "role",
    staff_mode: "staff file mode",
    rotates_unless: "- (rotates unless a rule fixes it)",
    leave: "leave",
    rules: "Rules, top to bottom (the first that matches decides):",
    no_rules: "(the policy has no rules)",
    line: "line",
    rotates: "rotates",
    no_match: "does not match: {key} {value} matches none of {patterns}",
    none: "(none)",
    matches: "matches",
    pattern_match: "{key} \"{value}\" matches {pattern}",
    everyone: "no person selectors (applies to everyone)",
    working_days: "working days",
    decides_none: "decides no day: leave, the staff file or an earlier rule comes first",
    decides_some: "decides {n} day(s); on {k} other day(s) it admits, something earlier decides",
    days: "Days",
    rule: "rule",
    default_split: "default split",
    day_count: "day(s)",
    schedule: "Schedule:",
    week: "week",
    more: "and {} more",
    requests: "requests",
    request: "request",
    every: "every",
    soft: "soft",
    hard: "hard",
};

const EXPLAIN_ID: ExplainTexts = ExplainTexts {
    unit: "unit kerja",
    team: "bidang",
    role: "jabatan",
    staff_mode: "mode di data pegawai",
    rotates_unless: "- (bergilir kecuali aturan menetapkannya)",
    leave: "cuti",
    rules: "Aturan, dari atas ke bawah (yang pertama cocok yang menentukan):",
    no_rules: "(kebijakan tidak memuat aturan)",
    line: "baris",
    rotates: "bergilir",
    no_match: "tidak cocok: {key} {value} tidak cocok dengan {patterns}",
    none: "(kosong)",
    matches: "cocok",
    pattern_match: "{key} \"{value}\" cocok dengan {pattern}",
    everyone: "tanpa pemilih pegawai (berlaku untuk semua)",
    working_days: "hari kerja",
    decides_none: "tidak menentukan hari apa pun: cuti, data pegawai atau aturan sebelumnya didahulukan",
    decides_some: "menentukan {n} hari; pada {k} hari lain yang dicakupnya, yang lebih dahulu menentukan",
    days: "Hari",
    rule: "aturan",
    default_split: "pembagian umum",
    day_count: "hari",
    schedule: "Jadwal:",
    week: "minggu",
    more: "dan {} lainnya",
    requests: "permintaan",
    request: "permintaan",
    every: "setiap",
    soft: "lunak",
    hard: "wajib",
};

/// The words of `roster attendance` (its export errors are facts:
/// `crate::facts::attendance`): `--column`'s unknown field, the weekly report's titles, the
/// classes of a person-day ([`crate::attendance::Class`] order) and its notes; `{…}` marks
/// what is filled in.
pub struct AttendanceTexts {
    pub not_in_staff: &'static str,
    pub units_left_out: &'static str,
    pub totals: &'static str,
    pub no_deviations: &'static str,
    pub columns_left_out: &'static str,
    pub rows_shown: &'static str,
    pub week: &'static str,
    pub planned_days: &'static str,
    pub planned_office: &'static str,
    pub office_kept: &'static str,
    pub remote_kept: &'static str,
    pub late: &'static str,
    pub early: &'static str,
    pub kept_share: &'static str,
    pub class: &'static str,
    pub dates: &'static str,
    /// The classes of a person-day, in [`crate::attendance::Class::ALL`] order.
    pub classes: [&'static str; 8],
}

impl AttendanceTexts {
    /// Every text with its key, for the completeness test.
    pub fn all(&self) -> Vec<(&'static str, &'static str)> {
        let mut all = vec![
            ("not_in_staff", self.not_in_staff),
            ("units_left_out", self.units_left_out),
            ("totals", self.totals),
            ("no_deviations", self.no_deviations),
            ("columns_left_out", self.columns_left_out),
            ("rows_shown", self.rows_shown),
            ("week", self.week),
            ("planned_days", self.planned_days),
            ("planned_office", self.planned_office),
            ("office_kept", self.office_kept),
            ("remote_kept", self.remote_kept),
            ("late", self.late),
            ("early", self.early),
            ("kept_share", self.kept_share),
            ("class", self.class),
            ("dates", self.dates),
        ];
        all.extend(self.classes.iter().map(|c| ("classes", *c)));
        all
    }
}

const ATTENDANCE_EN: AttendanceTexts = AttendanceTexts {
    not_in_staff: "{count} NIPs of the attendance files are not in the staff file (first: {nip}); their check-ins count as present, not planned",
    units_left_out: "{count} units have no row in the attendance files in the window and are left out of the report: {units}",
    totals: "{days} planned person-days, {kept} as planned ({share}); {late} late arrivals and {early} early departures, counted apart from absence.",
    no_deviations: "Every planned person-day went as planned.",
    columns_left_out: "Columns left out to fit {width} columns: {columns} (--summary FILE keeps them all).",
    rows_shown: "{shown} of {all} rows shown, week by week, the units that kept least first (--summary FILE has them all).",
    week: "Week",
    planned_days: "Planned days",
    planned_office: "Office planned",
    office_kept: "Office kept",
    remote_kept: "Remote kept",
    late: "Late",
    early: "Left early",
    kept_share: "Kept",
    class: "What happened",
    dates: "Dates",
    classes: [
        "As planned",
        "Office day missed",
        "In the office on a remote day",
        "Absent without leave",
        "Leave not in the roster",
        "No record",
        "Official duty away",
        "Present, not planned",
    ],
};

const ATTENDANCE_ID: AttendanceTexts = AttendanceTexts {
    not_in_staff: "{count} NIP dari berkas presensi tidak ada di berkas pegawai (pertama: {nip}); kehadiran mereka dihitung sebagai hadir di luar jadwal",
    units_left_out: "{count} unit kerja tidak punya baris di berkas presensi dalam rentang ini dan tidak dilaporkan: {units}",
    totals: "{days} hari-orang terjadwal, {kept} sesuai jadwal ({share}); {late} kali terlambat dan {early} kali pulang cepat, dihitung terpisah dari ketidakhadiran.",
    no_deviations: "Semua hari-orang terjadwal berjalan sesuai jadwal.",
    columns_left_out: "Kolom yang disembunyikan agar muat {width} kolom: {columns} (--summary BERKAS memuat semuanya).",
    rows_shown: "{shown} dari {all} baris ditampilkan, per minggu, unit yang paling sedikit menepati jadwal lebih dulu (--summary BERKAS memuat semuanya).",
    week: "Minggu",
    planned_days: "Hari terjadwal",
    planned_office: "Jadwal kantor",
    office_kept: "Kantor ditepati",
    remote_kept: "Jarak jauh ditepati",
    late: "Terlambat",
    early: "Pulang cepat",
    kept_share: "Ditepati",
    class: "Yang terjadi",
    dates: "Tanggal",
    classes: [
        "Sesuai jadwal",
        "Hari kantor terlewat",
        "Ke kantor pada hari WFH/WFA",
        "Alpa tanpa keterangan",
        "Cuti/izin di luar jadwal",
        "Tanpa catatan presensi",
        "Dinas luar atau tugas belajar",
        "Hadir di luar jadwal",
    ],
};

/// `template` with each `{name}` replaced by its value.
/// One pass, so that a value holding braces (a path with `{unit}`) is left as it is.
pub fn fill_named(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let blank = rest[open + 1..].split_once('}').and_then(|(name, after)| {
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((*value, after))
        });
        match blank {
            Some((value, after)) => {
                text.push_str(value);
                rest = after;
            }
            None => {
                text.push('{');
                rest = &rest[open + 1..];
            }
        }
    }
    text.push_str(rest);
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
    warnings: WARNINGS_EN,
    granting: GRANTING_EN,
    run: RUN_EN,
    explain: EXPLAIN_EN,
    attendance: ATTENDANCE_EN,
    page_footer: "Page &P of &N",
    print: PRINT_EN,
    causes: CAUSES_EN,
    calendar: CALENDAR_EN,
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
    warnings: WARNINGS_ID,
    granting: GRANTING_ID,
    run: RUN_ID,
    explain: EXPLAIN_ID,
    attendance: ATTENDANCE_ID,
    page_footer: "Halaman &P dari &N",
    print: PRINT_ID,
    causes: CAUSES_ID,
    calendar: CALENDAR_ID,
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
        let facts = crate::catalogue::all()
            // A text with no words of its own (the default pool, an exact count, a value
            // followed by its fix) may read the same in both languages.
            .filter(|(_, en, id)| en != id || !own_words(en).is_empty())
            .map(|&(name, en, id)| ((name, en), (name, id)));
        let warnings = (EN.warnings.all().into_iter()).zip(ID.warnings.all());
        let granting = (EN.granting.all().into_iter()).zip(ID.granting.all());
        let run = (EN.run.all().into_iter()).zip(ID.run.all());
        let explain = (EN.explain.all().into_iter()).zip(ID.explain.all());
        let print = (EN.print.all().into_iter()).zip(ID.print.all());
        let attendance = (EN.attendance.all().into_iter()).zip(ID.attendance.all());
        let causes = (EN.causes.all().into_iter()).zip(ID.causes.all());
        let calendar = (EN.calendar.all().into_iter()).zip(ID.calendar.all());
        let all = (facts.chain(warnings))
            .chain(run.chain(explain).chain(print))
            .chain(granting)
            .chain(attendance.chain(calendar))
            .chain(causes);
        for ((name, en), (_, id)) in all {
            assert!(!en.is_empty() && !id.is_empty(), "{name}");
            assert_ne!(en, id, "{name}: not translated");
            if !ENGLISH_ONLY_BLANKS.contains(&name) {
                assert_eq!(placeholders(en), placeholders(id), "{name}");
            }
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
        assert_eq!(
            fill_named(
                "{flag} {path} {x}",
                &[("path", "{flag}/a"), ("flag", "--out")]
            ),
            "--out {flag}/a {x}"
        );
    }

    /// Facts whose English has a blank the Indonesian leaves out: toml's words on a bad
    /// date are English.
    const ENGLISH_ONLY_BLANKS: [&str; 1] = ["InvalidDate"];

    /// The words of `text` outside quotes (`...`, "..."), blanks, section names (`[split]`)
    /// and flags (`--to`).
    fn own_words(text: &str) -> Vec<String> {
        let mut own = String::new();
        let mut closing = None;
        for c in text.chars() {
            match (closing, c) {
                (None, '`' | '"') => closing = Some(c),
                (None, '{') => closing = Some('}'),
                (None, '[') => closing = Some(']'),
                (Some(end), _) if end == c => closing = None,
                (None, _) => own.push(c),
                _ => {}
            }
        }
        own.split_whitespace()
            .filter(|token| !token.starts_with("--"))
            .flat_map(|token| token.split(|c: char| !c.is_alphanumeric()))
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn the_indonesian_messages_have_no_english_left() {
        const ENGLISH: [&str; 20] = [
            "the", "is", "are", "expected", "must", "not", "has", "with", "of", "and", "or", "to",
            "in", "cannot", "file", "row", "column", "empty", "unknown", "missing",
        ];
        let all = (crate::catalogue::all().map(|&(name, _, id)| (name, id)))
            .chain(ID.granting.all())
            .chain(ID.warnings.all())
            .chain(ID.run.all())
            .chain(ID.explain.all())
            .chain(ID.print.all())
            .chain(ID.attendance.all())
            .chain(ID.causes.all())
            .chain(ID.calendar.all());
        for (name, text) in all {
            let english: Vec<String> = own_words(text)
                .into_iter()
                .filter(|w| ENGLISH.contains(&w.as_str()))
                .collect();
            assert!(english.is_empty(), "{name}: {english:?} in {text}");
        }
        assert_eq!(own_words("`x` is {y} --to z"), ["is", "z"]);
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
