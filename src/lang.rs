//! The words of the tables and reports people read, in English or Indonesian (`--lang`).
//! CSV headers and codes (WFO, TOTAL, column names) stay as SPEC §5 fixes them.

use chrono::Weekday;

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
