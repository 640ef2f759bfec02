//! `roster calendar`: the built-in days off.

use super::print;
use crate::calendar::Calendar;
use crate::cli::CalendarArgs;
use crate::error::{Error, Result, exit};
use chrono::Datelike;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

pub fn calendar(args: &CalendarArgs) -> Result<u8> {
    let calendar = Calendar::indonesia();
    if let Some(year) = args.year
        && !calendar.covers(year)
    {
        let years: Vec<String> = calendar.years().map(|y| y.to_string()).collect();
        return Err(Error::usage(crate::facts::run::RunProblem::CalendarYears {
            year,
            years: years.join(", "),
        }));
    }
    let l = args.lang.labels();
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_header(vec![l.date, l.day, l.kind, l.name]);
    for day in calendar
        .days()
        .iter()
        .filter(|d| args.year.is_none_or(|y| d.date.year() == y))
    {
        table.add_row(vec![
            args.lang.date(day.date),
            args.lang.weekday(day.date.weekday()).to_owned(),
            day.kind.label().to_owned(),
            day.name(args.lang).to_owned(),
        ]);
    }
    print(&format!("{table}\n"))?;
    Ok(exit::OK)
}
