//! Rolling periods for cron: the calendar week or month after a given day.

use crate::facts::attendance::AttendanceProblem;
use chrono::{Datelike, Days, Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Next {
    /// Monday to Sunday of the next ISO week.
    Week,
    /// The first to the last day of the next calendar month.
    Month,
}

/// The window `--next` plans, seen from `today`; `None` past the last date chrono knows.
pub fn next_window(next: Next, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match next {
        Next::Week => {
            let monday = today.checked_add_days(Days::new(
                7 - u64::from(today.weekday().num_days_from_monday()),
            ))?;
            Some((monday, monday.checked_add_days(Days::new(6))?))
        }
        Next::Month => {
            let first = today.with_day(1)?.checked_add_months(Months::new(1))?;
            let last = first
                .checked_add_months(Months::new(1))?
                .checked_sub_days(Days::new(1))?;
            Some((first, last))
        }
    }
}

/// `--week 2025-W13`: its Monday to Sunday.
pub fn parse_iso_week(text: &str) -> Result<(NaiveDate, NaiveDate), AttendanceProblem> {
    let monday =
        NaiveDate::parse_from_str(&format!("{}-1", text.trim()), "%G-W%V-%u").map_err(|_| {
            AttendanceProblem::BadWeek {
                value: text.to_owned(),
            }
        })?;
    Ok((monday, monday + Days::new(6)))
}

/// `--month 2025-03`: its first to its last day.
pub fn parse_month(text: &str) -> Result<(NaiveDate, NaiveDate), AttendanceProblem> {
    let bad = || AttendanceProblem::BadMonth {
        value: text.to_owned(),
    };
    let first =
        NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d").map_err(|_| bad())?;
    let last = (first.checked_add_months(Months::new(1)))
        .and_then(|d| d.checked_sub_days(Days::new(1)))
        .ok_or_else(bad)?;
    Ok((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_and_months_as_windows() {
        assert_eq!(
            parse_iso_week("2025-W13"),
            Ok((d("2025-03-24"), d("2025-03-30")))
        );
        assert_eq!(
            parse_month("2024-02"),
            Ok((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            parse_iso_week("2025-13"),
            Err(AttendanceProblem::BadWeek {
                value: "2025-13".into()
            })
        );
        assert_eq!(
            parse_month("March"),
            Err(AttendanceProblem::BadMonth {
                value: "March".into()
            })
        );
    }

    #[test]
    fn next_week_from_any_day() {
        assert_eq!(
            next_window(Next::Week, d("2025-03-21")),
            Some((d("2025-03-24"), d("2025-03-30")))
        );
        assert_eq!(
            next_window(Next::Week, d("2025-03-24")),
            Some((d("2025-03-31"), d("2025-04-06")))
        );
        assert_eq!(
            next_window(Next::Week, d("2025-03-23")),
            Some((d("2025-03-24"), d("2025-03-30")))
        );
    }

    #[test]
    fn the_end_of_time_is_not_a_panic() {
        assert_eq!(next_window(Next::Month, NaiveDate::MAX), None);
        assert_eq!(next_window(Next::Week, NaiveDate::MAX), None);
    }

    #[test]
    fn next_month_across_year_ends() {
        assert_eq!(
            next_window(Next::Month, d("2025-03-21")),
            Some((d("2025-04-01"), d("2025-04-30")))
        );
        assert_eq!(
            next_window(Next::Month, d("2025-12-31")),
            Some((d("2026-01-01"), d("2026-01-31")))
        );
        assert_eq!(
            next_window(Next::Month, d("2024-01-31")),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
    }
}
