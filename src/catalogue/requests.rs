//! The words of a requests file's problems ([`RequestProblem`]) and of the wishes.

use super::Render;
use crate::calendar::{DayOff, DayOffKind};
use crate::facts::requests::{DayOffWhy, RequestDays, RequestProblem, Weekdays};
use crate::lang::Lang;
use crate::requests::Wish;

catalogue! {
    RequestProblem, REQUEST_PROBLEMS;
    EmptyNip {} => "empty NIP", "NIP kosong";
    UnknownNip { nip } =>
        "NIP {nip} is not in the staff file",
        "NIP {nip} tidak ada di berkas pegawai";
    BadDate { column, value } =>
        "`{column}` is `{value}`: expected a date written 2025-03-24, 24/03/2025 or 24-03-2025",
        "`{column}` berisi `{value}`: seharusnya tanggal yang ditulis 2025-03-24, 24/03/2025, atau 24-03-2025";
    ToBeforeFrom { to, from } =>
        "`to` ({to}) is before `from` ({from})",
        "`to` ({to}) lebih awal dari `from` ({from})";
    NoDay {} =>
        "no day: give a `date`, or `from` and `to`, or a `weekday` (with `from`/`to` to limit it)",
        "tidak ada hari: isi `date` (tanggal), atau `from` dan `to` (dari, sampai), atau `weekday` (hari, boleh dibatasi `from`/`to`)";
    DateAndMore { other } =>
        "`date` and `{other}` on one row: give a `date`, or `from` and `to`, or a `weekday`",
        "`date` dan `{other}` dalam satu baris: isi `date`, atau `from` dan `to`, atau `weekday`";
    HalfRange { given, missing } =>
        "`{given}` without `{missing}`: give both, or a `weekday` that they limit",
        "`{given}` tanpa `{missing}`: isi keduanya, atau `weekday` yang dibatasinya";
    OutsidePeriod { when, start, end } =>
        "{when} is outside the policy's period {start}..{end}",
        "{when} berada di luar periode kebijakan {start}..{end}";
    DayOff { date, why } =>
        "{date} is not a working day: {why}",
        "{date} bukan hari kerja: {why}";
    NoWorkingDay { from, to } =>
        "{from}..{to} has no working day",
        "{from}..{to} tidak memuat hari kerja";
    NoWeekday { from, to, weekday } =>
        "{from}..{to} has no working {weekday}",
        "{from}..{to} tidak memuat hari kerja {weekday}";
    UnknownWish { value } =>
        "unknown wish `{value}`: expected WFO, WFH, WFA, `not WFO` or `not remote` (or `bukan WFO`, `bukan remote`, `tidak remote`)",
        "permintaan `{value}` tidak dikenal: seharusnya WFO, WFH, WFA, `bukan WFO` atau `bukan remote` (juga `tidak remote`, `not WFO`, `not remote`)";
    UnknownStrength { value } =>
        "unknown strength `{value}`: expected soft or hard (or lunak, wajib); empty is soft",
        "sifat `{value}` tidak dikenal: seharusnya lunak atau wajib (juga soft, hard); kosong berarti lunak";
    UnknownWeekday { value } =>
        "unknown weekday `{value}`: expected Monday to Friday (Mon..Fri) or Senin to Jumat (Sen..Jum)",
        "hari `{value}` tidak dikenal: seharusnya Senin sampai Jumat (Sen..Jum) atau Monday sampai Friday (Mon..Fri)";
    Conflict { name, nip, wish, date, other, line } =>
        "{name} ({nip}) asks for {wish} on {date} here but for {other} on line {line}: keep one of them",
        "{name} ({nip}) meminta {wish} pada {date} di baris ini tetapi {other} di baris {line}: pertahankan salah satunya";
}

catalogue! {
    DayOffWhy, DAY_OFF_WHYS;
    Calendar { name, kind } => "{name} ({kind})", "{name} ({kind}, SKB 3 Menteri)";
    Holiday {} => "one of the policy's `holidays`", "termasuk `holidays` dalam kebijakan";
    NotAWorkday { weekday } =>
        "{weekday} is not a workday of the policy",
        "{weekday} bukan hari kerja dalam kebijakan";
}

/// The wishes that are not a mode.
enum WishWords {
    NotWfo {},
    NotRemote {},
}

catalogue! {
    WishWords, WISHES;
    NotWfo {} => "not WFO", "bukan WFO";
    NotRemote {} => "not remote", "bukan remote";
}

/// A wish as people read it: a mode's code, or `not WFO` (`bukan WFO`).
impl Render for Wish {
    fn render(&self, lang: Lang) -> String {
        match self {
            Wish::Mode(mode) => mode.render(lang),
            Wish::NotWfo => WishWords::NotWfo {}.render(lang),
            Wish::NotRemote => WishWords::NotRemote {}.render(lang),
        }
    }
}

/// A day off of the built-in calendar by its name: English, or the official Indonesian one.
impl Render for DayOff {
    fn render(&self, lang: Lang) -> String {
        self.name(lang).to_owned()
    }
}

/// The kind of a calendar day off, in the calendar's own (Indonesian) words.
impl Render for DayOffKind {
    fn render(&self, _: Lang) -> String {
        self.label().to_owned()
    }
}

/// `2025-03-24`, or `2025-03-24..2025-03-28` (each date written the language's way).
impl Render for RequestDays {
    fn render(&self, lang: Lang) -> String {
        match self {
            RequestDays::Day(day) => day.render(lang),
            RequestDays::Range(from, to) => format!("{}..{}", from.render(lang), to.render(lang)),
        }
    }
}

impl Render for Weekdays {
    fn render(&self, lang: Lang) -> String {
        let names: Vec<String> = self.0.iter().map(|d| d.render(lang)).collect();
        names.join("/")
    }
}

/// The texts of this file's facts.
pub(super) fn texts() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    (REQUEST_PROBLEMS.iter()).chain(DAY_OFF_WHYS).chain(WISHES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mode::Mode;
    use chrono::{NaiveDate, Weekday};

    fn d(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    #[test]
    fn wishes_dates_and_weekdays_in_each_language() {
        let conflict = RequestProblem::Conflict {
            name: "Sari".into(),
            nip: "1".into(),
            wish: Wish::NotWfo,
            date: d(3, 24),
            other: Wish::Mode(Mode::Wfo),
            line: "3".into(),
        };
        assert_eq!(
            conflict.render(Lang::En),
            "Sari (1) asks for not WFO on 2025-03-24 here but for WFO on line 3: keep one of them"
        );
        assert_eq!(
            conflict.render(Lang::Id),
            "Sari (1) meminta bukan WFO pada 24/03/2025 di baris ini tetapi WFO di baris 3: \
             pertahankan salah satunya"
        );
        let outside = RequestProblem::OutsidePeriod {
            when: RequestDays::Range(d(3, 1), d(3, 3)),
            start: d(3, 24),
            end: d(4, 11),
        };
        assert_eq!(
            outside.render(Lang::Id),
            "01/03/2025..03/03/2025 berada di luar periode kebijakan 24/03/2025..11/04/2025"
        );
        let none = RequestProblem::NoWeekday {
            from: d(3, 24),
            to: d(3, 25),
            weekday: Weekdays(vec![Weekday::Fri, Weekday::Sat]),
        };
        assert_eq!(
            none.render(Lang::En),
            "2025-03-24..2025-03-25 has no working Fri/Sat"
        );
    }
}
