//! The policy file (SPEC §2): read raw with serde, then validated once into the types the
//! planner uses. Every problem is an [`Error::Policy`] with file, line and column.

use crate::calendar::Calendar;
use crate::error::{Error, Result, line_column};
use crate::facts::policy::{Covers, PolicyProblem, Written};
use crate::facts::run::{PolicyWhen, RunProblem};
use crate::mode::Mode;
use crate::pattern::{Pattern, PatternError};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use toml::Spanned;
use toml::value::Datetime;

mod plain;

/// Shares of the rotating modes in percent, indexed like [`Mode::SPLIT`]; they sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Split(pub [u32; 3]);

impl Split {
    pub fn share(&self, mode: Mode) -> u32 {
        mode.split_index().map_or(0, |i| self.0[i])
    }

    /// Percent of rotating person-days meant to be remote (WFH + WFA).
    pub fn remote_share(&self) -> u32 {
        self.0[1] + self.0[2]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RotationPattern {
    Balanced,
    AlternateDays,
    AlternateWeeks,
}

impl RotationPattern {
    pub fn is_alternating(self) -> bool {
        self != RotationPattern::Balanced
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Teams {
    Spread,
    Together,
    Ignore,
}

pub use crate::mode::MinOffice;

#[derive(Debug, Clone)]
pub struct Rotation {
    pub pattern: RotationPattern,
    pub max_remote_per_week: Option<u32>,
    pub max_consecutive_remote: Option<u32>,
    pub min_office: Option<MinOffice>,
    pub teams: Teams,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Mode(Mode),
    Split(Split),
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    /// 1-based line of the rule's `name`, for messages.
    pub line: usize,
    pub units: Option<Vec<Pattern>>,
    pub roles: Option<Vec<Pattern>>,
    pub teams: Option<Vec<Pattern>>,
    pub nips: Option<Vec<Pattern>>,
    pub weekdays: Option<Vec<Weekday>>,
    pub dates: Option<BTreeSet<NaiveDate>>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub effect: Effect,
}

impl Rule {
    /// Whether the date selectors (`weekdays`, `dates`, `from`, `to`) admit `date`.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.weekdays
            .as_ref()
            .is_none_or(|w| w.contains(&date.weekday()))
            && self.dates.as_ref().is_none_or(|d| d.contains(&date))
            && self.from.is_none_or(|from| date >= from)
            && self.to.is_none_or(|to| date <= to)
    }
}

/// Why a date is not a working day ([`Period::day_off`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOffReason<'a> {
    /// A libur nasional or cuti bersama of the built-in calendar.
    Calendar(&'a crate::calendar::DayOff),
    /// One of the policy's own `holidays`.
    Holiday,
    /// Its weekday is not in `workdays` (a weekend).
    NotAWorkday,
}

#[derive(Debug, Clone)]
pub struct Period {
    /// The days planned: the policy's period, or the window (`--from/--to`) inside it.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The policy file's own `start` and `end`, which a window leaves as they are: inputs
    /// that name days (requests) are checked against the whole period.
    pub whole: (NaiveDate, NaiveDate),
    pub workdays: Vec<Weekday>,
    pub calendar: Option<Calendar>,
    pub holidays: BTreeSet<NaiveDate>,
}

impl Period {
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.workdays.contains(&date.weekday())
            && !self.holidays.contains(&date)
            && !self.calendar.as_ref().is_some_and(|c| c.is_day_off(date))
    }

    /// The working days from `start` to `end`, in order.
    pub fn working_days(&self) -> Vec<NaiveDate> {
        self.start
            .iter_days()
            .take_while(|d| *d <= self.end)
            .filter(|d| self.is_working_day(*d))
            .collect()
    }

    /// Why `date` is not a working day of the policy, or `None` when it is one.
    pub fn day_off(&self, date: NaiveDate) -> Option<DayOffReason<'_>> {
        if let Some(day) = self.calendar.as_ref().and_then(|c| c.day_off(date)) {
            return Some(DayOffReason::Calendar(day));
        }
        if self.holidays.contains(&date) {
            return Some(DayOffReason::Holiday);
        }
        (!self.workdays.contains(&date.weekday())).then_some(DayOffReason::NotAWorkday)
    }

    /// The first year of the window that the calendar does not cover.
    fn uncovered_year(&self) -> Option<i32> {
        let calendar = self.calendar.as_ref()?;
        (self.start.year()..=self.end.year()).find(|y| !calendar.covers(*y))
    }

    /// Replaces the window (`--from/--to`), checking what the policy file checks.
    pub fn set_window(&mut self, start: NaiveDate, end: NaiveDate) -> Result<()> {
        if end < start {
            return Err(Error::usage(RunProblem::ToBeforeFrom { end, start }));
        }
        if end < self.start || start > self.end {
            let when = if start > self.end {
                PolicyWhen::Ended {}
            } else {
                PolicyWhen::NotBegun {}
            };
            return Err(Error::window(RunProblem::WindowOutside {
                start,
                end,
                first: self.start,
                last: self.end,
                when,
            }));
        }
        // A window that reaches past the period plans the days the policy covers.
        self.start = start.max(self.start);
        self.end = end.min(self.end);
        if self.working_days().is_empty() {
            return Err(Error::usage(RunProblem::WindowNoWorkingDay { start, end }));
        }
        Ok(())
    }
}

fn covered_years(calendar: Option<&Calendar>) -> Covers {
    let years: Vec<i32> = calendar.map(|c| c.years().collect()).unwrap_or_default();
    match (years.first(), years.last()) {
        (Some(&first), Some(&last)) => Covers::Years { first, last },
        _ => Covers::NoYear {},
    }
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub name: String,
    pub basis: Option<String>,
    pub period: Period,
    pub split: Split,
    pub rotation: Rotation,
    pub rules: Vec<Rule>,
    /// `[staff.columns]`: staff headers mapped by hand (the command line's `--column` wins).
    pub staff_columns: Vec<crate::input::Column>,
    /// `[print]`: the words of the printed roster's signature block and letterhead.
    pub print: Print,
}

/// `[print]`: what the printed roster (`plan --pdf`) says around the table. Every key is
/// optional; an absent or empty one leaves the plain default (a blank to fill in by hand, the
/// head of the unit as signer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Print {
    /// Where the roster is signed: `Tangerang Selatan`.
    pub place: Option<String>,
    /// Who signs each unit's roster, `{unit}` standing for the unit's name: `Kepala {unit}`.
    pub signer_title: Option<String>,
    /// A line above the header of every page: `PEMERINTAH KOTA TANGERANG SELATAN`.
    pub letterhead: Option<String>,
}

// ---- raw form, as serde reads it ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    name: Spanned<String>,
    basis: Option<String>,
    period: Spanned<RawPeriod>,
    split: Spanned<RawSplit>,
    rotation: Option<RawRotation>,
    #[serde(default, rename = "rule")]
    rules: Vec<Spanned<RawRule>>,
    staff: Option<RawStaff>,
    print: Option<RawPrint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrint {
    place: Option<String>,
    signer_title: Option<String>,
    letterhead: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStaff {
    /// Field name to header, as `--column` takes them.
    columns: Option<std::collections::BTreeMap<String, Spanned<String>>>,
}

type SpannedList<T> = Spanned<Vec<Spanned<T>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    start: Spanned<Datetime>,
    end: Spanned<Datetime>,
    workdays: Option<SpannedList<String>>,
    calendar: Option<Spanned<String>>,
    holidays: Option<Vec<Spanned<Datetime>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSplit {
    #[serde(rename = "WFO")]
    wfo: Option<Spanned<i64>>,
    #[serde(rename = "WFH")]
    wfh: Option<Spanned<i64>>,
    #[serde(rename = "WFA")]
    wfa: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRotation {
    pattern: Option<RotationPattern>,
    max_remote_per_week: Option<Spanned<i64>>,
    max_consecutive_remote: Option<Spanned<i64>>,
    min_office: Option<Spanned<toml::Value>>,
    teams: Option<Teams>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Spanned<String>,
    units: Option<SpannedList<String>>,
    roles: Option<SpannedList<String>>,
    teams: Option<SpannedList<String>>,
    nips: Option<SpannedList<String>>,
    weekdays: Option<SpannedList<String>>,
    dates: Option<SpannedList<Datetime>>,
    from: Option<Spanned<Datetime>>,
    to: Option<Spanned<Datetime>>,
    mode: Option<Spanned<String>>,
    split: Option<Spanned<RawSplit>>,
}

/// Builds errors that point into one policy file.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
    /// Where each `\n` is, found once: every rule asks for its line, and counting from the
    /// start each time made a policy of many rules quadratic.
    newlines: Vec<usize>,
}

impl Source<'_> {
    fn error(&self, span: Range<usize>, problem: PolicyProblem) -> Error {
        let (line, column) = line_column(self.text, span.start);
        Error::Policy {
            file: self.file.to_owned(),
            line,
            column,
            problem: Box::new(problem),
        }
    }

    fn line(&self, span: &Range<usize>) -> usize {
        self.newlines.partition_point(|&n| n < span.start) + 1
    }

    fn date(&self, value: &Spanned<Datetime>) -> Result<NaiveDate> {
        let dt = value.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            }
            _ => None,
        };
        date.ok_or_else(|| {
            self.error(
                value.span(),
                PolicyProblem::WithoutTime {
                    dates: Written::Dates {},
                    value: dt.to_string(),
                },
            )
        })
    }

    fn count(&self, value: &Spanned<i64>, what: Counted, max: i64) -> Result<u32> {
        let n = *value.get_ref();
        if !(0..=max).contains(&n) {
            let problem = match what {
                Counted::Key(key) => PolicyProblem::CountRange {
                    key: key.to_owned(),
                    max,
                    n,
                },
                Counted::Share(mode) => PolicyProblem::ShareRange { mode, max, n },
            };
            return Err(self.error(value.span(), problem));
        }
        Ok(n as u32)
    }

    fn split(&self, raw: &Spanned<RawSplit>) -> Result<Split> {
        let inner = raw.get_ref();
        let mut shares = [0u32; 3];
        for (i, (value, mode)) in [&inner.wfo, &inner.wfh, &inner.wfa]
            .into_iter()
            .zip(Mode::SPLIT)
            .enumerate()
        {
            if let Some(value) = value {
                shares[i] = self.count(value, Counted::Share(mode), 100)?;
            }
        }
        let sum: u32 = shares.iter().sum();
        if sum != 100 {
            return Err(self.error(raw.span(), PolicyProblem::SplitSum { sum }));
        }
        Ok(Split(shares))
    }

    fn patterns(
        &self,
        list: &Option<SpannedList<String>>,
        key: &str,
    ) -> Result<Option<Vec<Pattern>>> {
        let Some(list) = list else { return Ok(None) };
        self.non_empty(list, key)?;
        list.get_ref()
            .iter()
            .map(|p| {
                Pattern::parse(p.get_ref()).map_err(|e| {
                    let why = match e {
                        PatternError::Empty => PolicyProblem::PatternEmpty {},
                        PatternError::NoWords => PolicyProblem::PatternNoLetter {},
                    };
                    let why = Box::new(why);
                    self.error(
                        p.span(),
                        PolicyProblem::InKey {
                            key: key.into(),
                            why,
                        },
                    )
                })
            })
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }

    fn non_empty<T>(&self, list: &SpannedList<T>, key: &str) -> Result<()> {
        if list.get_ref().is_empty() {
            let key = key.to_owned();
            return Err(self.error(list.span(), PolicyProblem::EmptyList { key }));
        }
        Ok(())
    }

    fn weekdays(&self, list: &SpannedList<String>, key: &str) -> Result<Vec<Weekday>> {
        self.non_empty(list, key)?;
        let mut days = Vec::new();
        for name in list.get_ref() {
            let day = parse_weekday(name.get_ref()).ok_or_else(|| {
                let value = name.get_ref().clone();
                self.error(name.span(), PolicyProblem::UnknownWeekday { value })
            })?;
            if days.contains(&day) {
                return Err(self.error(
                    name.span(),
                    PolicyProblem::ListedTwice {
                        value: name.get_ref().clone(),
                        key: key.to_owned(),
                    },
                ));
            }
            days.push(day);
        }
        Ok(days)
    }
}

/// For serde's "unknown field `rloes`, expected one of `name`, `roles`, ..." (and unknown
/// variants), the expected name closest to the typo, if it is close.
fn suggestion(message: &str) -> Option<&str> {
    let typo = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| message.split_once(p))?
        .1
        .split('`')
        .next()?;
    let (_, expected) = message.split_once("expected")?;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (strsim::damerau_levenshtein(typo, name), name))
        .filter(|(distance, name)| *distance <= 2 && *distance < name.len())
        .min()
        .map(|(_, name)| name)
}

impl Print {
    fn from_raw(raw: RawPrint) -> Print {
        let text = |t: Option<String>| {
            t.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
        };
        Print {
            place: text(raw.place),
            signer_title: text(raw.signer_title),
            letterhead: text(raw.letterhead),
        }
    }
}

/// What a count is: a key of the policy, or a share of a split.
#[derive(Clone, Copy)]
enum Counted<'a> {
    Key(&'a str),
    Share(Mode),
}

/// The most rules a policy may have: rosters and the resolver number them in 16 bits.
pub const MAX_RULES: usize = u16::MAX as usize;

/// The longest period planned at once: a longer one is almost always a typo in a year.
const MAX_PERIOD_DAYS: i64 = 2 * 366;

/// English names or abbreviations, and the Indonesian day names.
fn parse_weekday(name: &str) -> Option<Weekday> {
    let key = name.trim().to_lowercase();
    let day = match key.as_str() {
        "senin" => Weekday::Mon,
        "selasa" => Weekday::Tue,
        "rabu" => Weekday::Wed,
        "kamis" => Weekday::Thu,
        "jumat" | "jum'at" => Weekday::Fri,
        "sabtu" => Weekday::Sat,
        "minggu" | "ahad" => Weekday::Sun,
        _ => key.parse().ok()?,
    };
    Some(day)
}

impl Policy {
    /// Reads and validates a policy. `file` names the file in messages.
    pub fn parse(text: &str, file: &str) -> Result<Policy> {
        let src = Source {
            file,
            text,
            newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
        };
        let raw: RawPolicy = toml::from_str(text).map_err(|e| {
            let raw = e.message().trim_end();
            let problem = plain::plain(&e, text).unwrap_or_else(|| PolicyProblem::Unreadable {
                why: raw.to_owned(),
            });
            let problem = match suggestion(raw) {
                Some(near) => PolicyProblem::Suggested {
                    problem: Box::new(problem),
                    near: near.to_owned(),
                },
                None => problem,
            };
            src.error(e.span().unwrap_or(0..0), problem)
        })?;
        Policy::validate(raw, &src)
    }

    fn validate(raw: RawPolicy, src: &Source) -> Result<Policy> {
        let name = crate::pattern::collapse(raw.name.get_ref());
        if name.is_empty() {
            return Err(src.error(raw.name.span(), PolicyProblem::NameEmpty {}));
        }
        let period = Policy::validate_period(&raw.period, src)?;
        let split = src.split(&raw.split)?;
        let rotation = match &raw.rotation {
            None => Rotation {
                pattern: RotationPattern::Balanced,
                max_remote_per_week: None,
                max_consecutive_remote: None,
                min_office: None,
                teams: Teams::Spread,
            },
            Some(r) => Rotation {
                pattern: r.pattern.unwrap_or(RotationPattern::Balanced),
                max_remote_per_week: r
                    .max_remote_per_week
                    .as_ref()
                    .map(|v| src.count(v, Counted::Key("max_remote_per_week"), 7))
                    .transpose()?,
                max_consecutive_remote: r
                    .max_consecutive_remote
                    .as_ref()
                    .map(|v| src.count(v, Counted::Key("max_consecutive_remote"), 366))
                    .transpose()?,
                min_office: r
                    .min_office
                    .as_ref()
                    .map(|v| parse_min_office(v, src))
                    .transpose()?,
                teams: r.teams.unwrap_or(Teams::Spread),
            },
        };
        if let Some(extra) = raw.rules.get(MAX_RULES) {
            return Err(src.error(extra.span(), PolicyProblem::TooManyRules { max: MAX_RULES }));
        }
        let mut rules = Vec::with_capacity(raw.rules.len());
        let mut names: HashMap<String, usize> = HashMap::new();
        for raw_rule in &raw.rules {
            let rule = Policy::validate_rule(raw_rule, src)?;
            if let Some(first) = names.insert(rule.name.to_lowercase(), rule.line) {
                return Err(src.error(
                    raw_rule.get_ref().name.span(),
                    PolicyProblem::DuplicateRule {
                        name: rule.name,
                        line: first,
                    },
                ));
            }
            rules.push(rule);
        }
        let mut staff_columns = Vec::new();
        for (field, header) in raw
            .staff
            .as_ref()
            .and_then(|s| s.columns.as_ref())
            .into_iter()
            .flatten()
        {
            let column =
                crate::input::fields::parse_column(&format!("{field}={}", header.get_ref()))
                    .map_err(|why| {
                        let why = Box::new(why);
                        src.error(header.span(), PolicyProblem::StaffColumns { why })
                    })?;
            staff_columns.push(column);
        }
        Ok(Policy {
            staff_columns,
            name,
            basis: raw
                .basis
                .map(|b| b.trim().to_owned())
                .filter(|b| !b.is_empty()),
            period,
            split,
            rotation,
            rules,
            print: raw.print.map(Print::from_raw).unwrap_or_default(),
        })
    }

    fn validate_period(raw: &Spanned<RawPeriod>, src: &Source) -> Result<Period> {
        let p = raw.get_ref();
        let start = src.date(&p.start)?;
        let end = src.date(&p.end)?;
        if end < start {
            return Err(src.error(p.end.span(), PolicyProblem::EndBeforeStart { end, start }));
        }
        let days = (end - start).num_days() + 1;
        if days > MAX_PERIOD_DAYS {
            return Err(src.error(
                p.end.span(),
                PolicyProblem::PeriodTooLong { days, start, end },
            ));
        }
        let workdays = match &p.workdays {
            None => vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            Some(list) => src.weekdays(list, "workdays")?,
        };
        let calendar = match &p.calendar {
            None => None,
            Some(name) if name.get_ref().trim().eq_ignore_ascii_case("indonesia") => {
                Some(Calendar::indonesia())
            }
            Some(name) => {
                let value = name.get_ref().clone();
                return Err(src.error(name.span(), PolicyProblem::UnknownCalendar { value }));
            }
        };
        let holidays = p
            .holidays
            .iter()
            .flatten()
            .map(|d| src.date(d))
            .collect::<Result<BTreeSet<_>>>()?;
        let period = Period {
            start,
            end,
            whole: (start, end),
            workdays,
            calendar,
            holidays,
        };
        if let (Some(year), Some(name)) = (period.uncovered_year(), &p.calendar) {
            return Err(src.error(
                name.span(),
                PolicyProblem::CalendarNotCovered {
                    year,
                    covers: covered_years(period.calendar.as_ref()),
                },
            ));
        }
        if period.working_days().is_empty() {
            return Err(src.error(raw.span(), PolicyProblem::NoWorkingDay { start, end }));
        }
        Ok(period)
    }

    fn validate_rule(raw: &Spanned<RawRule>, src: &Source) -> Result<Rule> {
        let r = raw.get_ref();
        let name = crate::pattern::collapse(r.name.get_ref());
        if name.is_empty() {
            return Err(src.error(r.name.span(), PolicyProblem::RuleNameEmpty {}));
        }
        let effect = match (&r.mode, &r.split) {
            (Some(_), Some(split)) => {
                return Err(src.error(split.span(), PolicyProblem::RuleBoth { name }));
            }
            (None, None) => {
                return Err(src.error(raw.span(), PolicyProblem::RuleNoEffect { name }));
            }
            (Some(mode), None) => {
                let parsed = mode.get_ref().parse::<Mode>().map_err(|e| {
                    src.error(mode.span(), PolicyProblem::UnknownMode { value: e.0 })
                })?;
                if parsed == Mode::Leave {
                    return Err(src.error(mode.span(), PolicyProblem::RuleLeave {}));
                }
                Effect::Mode(parsed)
            }
            (None, Some(split)) => Effect::Split(src.split(split)?),
        };
        let dates = match &r.dates {
            None => None,
            Some(list) => {
                src.non_empty(list, "dates")?;
                Some(
                    list.get_ref()
                        .iter()
                        .map(|d| src.date(d))
                        .collect::<Result<BTreeSet<_>>>()?,
                )
            }
        };
        let from = r.from.as_ref().map(|d| src.date(d)).transpose()?;
        let to = r.to.as_ref().map(|d| src.date(d)).transpose()?;
        if let (Some(f), Some(t), Some(to_span)) = (from, to, &r.to)
            && t < f
        {
            return Err(src.error(
                to_span.span(),
                PolicyProblem::ToBeforeFrom {
                    name,
                    to: t,
                    from: f,
                },
            ));
        }
        Ok(Rule {
            line: src.line(&r.name.span()),
            units: src.patterns(&r.units, "units")?,
            roles: src.patterns(&r.roles, "roles")?,
            teams: src.patterns(&r.teams, "teams")?,
            nips: src.patterns(&r.nips, "nips")?,
            weekdays: r
                .weekdays
                .as_ref()
                .map(|w| src.weekdays(w, "weekdays"))
                .transpose()?,
            dates,
            from,
            to,
            effect,
            name,
        })
    }
}

fn parse_min_office(value: &Spanned<toml::Value>, src: &Source) -> Result<MinOffice> {
    let bad = || {
        src.error(
            value.span(),
            PolicyProblem::MinOffice {
                value: value.get_ref().to_string(),
            },
        )
    };
    match value.get_ref() {
        toml::Value::Integer(n) if *n >= 0 && *n <= u32::MAX as i64 => {
            Ok(MinOffice::Count(*n as u32))
        }
        toml::Value::String(text) => {
            let number = text.trim().strip_suffix('%').ok_or_else(bad)?;
            match number.trim().parse::<u32>() {
                Ok(p) if p <= 100 => Ok(MinOffice::Percent(p)),
                _ => Err(bad()),
            }
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
name = "Uji"
[period]
start = 2025-06-02
end = 2025-06-06
[split]
WFO = 50
WFH = 50
"#;

    fn err(text: &str) -> String {
        Policy::parse(text, "p.toml").unwrap_err().to_string()
    }

    #[test]
    fn staff_columns_map_fields_to_headers() {
        let text = format!("{MINIMAL}[staff.columns]\nunit = \"SATUAN KERJA KERJA NAMA\"\n");
        let policy = Policy::parse(&text, "p.toml").unwrap();
        assert_eq!(policy.staff_columns.len(), 1);
        assert_eq!(policy.staff_columns[0].field, "unit");
        assert_eq!(policy.staff_columns[0].header, "SATUAN KERJA KERJA NAMA");
        let e = err(&format!("{MINIMAL}[staff.columns]\nkantor = \"X\"\n"));
        assert!(
            e.starts_with("p.toml:10:10: [staff.columns]: unknown field `kantor`"),
            "{e}"
        );
    }

    #[test]
    fn print_takes_its_three_keys_and_refuses_others() {
        assert_eq!(
            Policy::parse(MINIMAL, "p.toml").unwrap().print,
            Print::default()
        );
        let text = format!(
            "{MINIMAL}[print]\nplace = \" Tangerang  Selatan \"\nsigner_title = \"Kepala {{unit}}\"\n\
             letterhead = \"\"\n"
        );
        let print = Policy::parse(&text, "p.toml").unwrap().print;
        assert_eq!(print.place.as_deref(), Some("Tangerang Selatan"));
        assert_eq!(print.signer_title.as_deref(), Some("Kepala {unit}"));
        assert_eq!(print.letterhead, None);
        let e = err(&format!("{MINIMAL}[print]\nsigner = \"Lurah\"\n"));
        assert!(e.starts_with("p.toml:10:1: unknown field `signer`"), "{e}");
    }

    #[test]
    fn rules_are_numbered_in_16_bits_and_each_knows_its_line() {
        let mut text = MINIMAL.to_owned();
        for i in 0..MAX_RULES {
            text.push_str(&format!("[[rule]]\nname = \"r{i}\"\nmode = \"WFO\"\n"));
        }
        let policy = Policy::parse(&text, "p.toml").unwrap();
        assert_eq!(policy.rules.len(), MAX_RULES);
        for i in [0, 1, MAX_RULES - 1] {
            let at = text.find(&format!("name = \"r{i}\"\n")).unwrap();
            assert_eq!(policy.rules[i].line, line_column(&text, at).0);
        }
        text.push_str("[[rule]]\nname = \"one more\"\nmode = \"WFO\"\n");
        let e = err(&text);
        assert!(e.contains(": more than 65535 rules: merge rules"), "{e}");
    }

    #[test]
    fn minimal_policy_gets_defaults() {
        let p = Policy::parse(MINIMAL, "p.toml").unwrap();
        assert_eq!(p.split, Split([50, 50, 0]));
        assert_eq!(p.rotation.pattern, RotationPattern::Balanced);
        assert_eq!(p.rotation.teams, Teams::Spread);
        assert_eq!(p.period.working_days().len(), 5);
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let text = MINIMAL.replace("WFH = 50", "WFH = 50\n[rotation]\nmax_remote_per_wek = 2");
        let e = err(&text);
        assert!(
            e.starts_with("p.toml:10:1: unknown field `max_remote_per_wek`"),
            "{e}"
        );
    }

    #[test]
    fn typos_get_a_suggestion() {
        let e = err(&format!(
            "{MINIMAL}[[rule]]\nname = \"x\"\nrloes = [\"a\"]\nmode = \"WFO\"\n"
        ));
        assert!(
            e.starts_with("p.toml:11:1: unknown field `rloes`")
                && e.ends_with("did you mean `roles`?"),
            "{e}"
        );
        let e = err(&format!(
            "{MINIMAL}[rotation]\npattern = \"alternate-day\"\n"
        ));
        assert!(e.ends_with("did you mean `alternate-days`?"), "{e}");
        let e = err(&format!("{MINIMAL}[rotation]\nbanana = 1\n"));
        assert!(!e.contains("did you mean"), "{e}");
    }

    #[test]
    fn ten_year_period_is_refused() {
        let e = err(&MINIMAL.replace("end = 2025-06-06", "end = 2035-06-06"));
        assert!(
            e.starts_with("p.toml:5:7: the period runs 3657 days"),
            "{e}"
        );
    }

    #[test]
    fn split_must_sum_to_100() {
        let e = err(&MINIMAL.replace("WFH = 50", "WFH = 60"));
        assert!(
            e.starts_with("p.toml:6:1:") && e.contains("adds up to 110"),
            "{e}"
        );
    }

    #[test]
    fn end_before_start() {
        let e = err(&MINIMAL.replace("end = 2025-06-06", "end = 2025-05-06"));
        assert!(
            e.starts_with("p.toml:5:7:") && e.contains("before `start`"),
            "{e}"
        );
    }

    #[test]
    fn calendar_must_cover_the_period() {
        let text = MINIMAL.replace(
            "end = 2025-06-06",
            "end = 2027-01-08\ncalendar = \"indonesia\"",
        );
        let e = err(&text);
        assert!(e.contains("reaches 2027") && e.contains("2023-2026"), "{e}");
    }

    #[test]
    fn min_office_number_or_percent() {
        let with = |v: &str| {
            Policy::parse(
                &format!("{MINIMAL}[rotation]\nmin_office = {v}\n"),
                "p.toml",
            )
            .map(|p| p.rotation.min_office)
        };
        assert_eq!(with("2").unwrap(), Some(MinOffice::Count(2)));
        assert_eq!(with("\"25%\"").unwrap(), Some(MinOffice::Percent(25)));
        assert!(with("\"25\"").is_err());
        assert_eq!(MinOffice::Percent(25).required(5), 2);
    }

    #[test]
    fn wrong_kinds_are_named_in_plain_words() {
        let e = err(&MINIMAL.replace("WFO = 50", "WFO = \"50%\""));
        assert_eq!(
            e,
            "p.toml:7:7: `WFO` expects a whole number from 0 to 100 such as 60, without % or quotes; found `\"50%\"`: write WFO = 50"
        );
        let e = err(&MINIMAL.replace("start = 2025-06-02", "start = \"02/06/2025\""));
        assert!(
            e.starts_with("p.toml:4:9: `start` expects a date: dates are written 2025-08-29")
                && e.ends_with("write start = 2025-06-02"),
            "{e}"
        );
        let e = err(&MINIMAL.replace("start = 2025-06-02", "start = 02/06/2025"));
        assert!(e.ends_with("write start = 2025-06-02"), "{e}");
        let e = err(&format!(
            "{MINIMAL}[[rule]]\nname = \"x\"\nroles = \"bendahara\"\nmode = \"WFO\"\n"
        ));
        assert!(e.ends_with("write roles = [\"bendahara\"]"), "{e}");
        for e in [&e, &err(&MINIMAL.replace("WFO = 50", "WFO = 50.5"))] {
            for jargon in ["i64", "TOML", "string", "sequence", "invalid type"] {
                assert!(!e.contains(jargon), "{e}");
            }
        }
    }

    #[test]
    fn weekday_names() {
        assert_eq!(parse_weekday("Kamis"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("THU"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("thursday"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("thurs"), None);
    }
}
