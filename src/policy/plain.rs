//! toml's and serde's words for a policy that does not read (`invalid type: string "60%",
//! expected i64`, `expected a TOML datetime`), put in plain words: what the key expects, an
//! example of the right form, what was written, and the fix when it is plain to see.
//! No message names a Rust or TOML type.

use crate::facts::policy::{Fix, OneOf, PolicyProblem, Written};
use chrono::NaiveDate;
use std::ops::Range;

/// What a key expects, with an example of the right form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Text in quotes; the example is the whole `key = "..."`.
    Text(&'static str),
    /// A share of the split: a whole number from 0 to 100.
    Share,
    /// A whole number; the example number.
    Count(u32),
    Date,
    /// A list; the example is the whole `key = [...]`.
    List(&'static str),
    /// One of these words.
    Word(&'static [&'static str]),
    /// A section (table); the example.
    Section(&'static str),
    /// `[[rule]]` written as something else.
    Rules,
}

const PATTERNS: &[&str] = &["balanced", "alternate-days", "alternate-weeks"];
const TEAMS: &[&str] = &["spread", "together", "ignore"];

/// What `path` (toml's dotted key, `rule.split.WFO`) expects; `list` when toml wanted the
/// list itself rather than one of its items.
fn expect(path: &str, list: bool) -> Option<Expect> {
    use Expect::*;
    let e = match (path, list) {
        ("name", _) => Text("name = \"WFH 40% Lebaran 2025\""),
        ("basis", _) => Text("basis = \"Surat Edaran No. 1 Tahun 2025\""),
        ("period.calendar", _) => Text("calendar = \"indonesia\""),
        ("rule.name", _) => Text("name = \"Bendahara di kantor\""),
        ("rule.mode", _) => Text("mode = \"WFO\""),
        ("print.place", _) => Text("place = \"Tangerang Selatan\""),
        ("print.signer_title", _) => Text("signer_title = \"Kepala {unit}\""),
        ("print.letterhead", _) => Text("letterhead = \"PEMERINTAH KOTA TANGERANG SELATAN\""),
        (p, _) if p.starts_with("staff.columns.") => Text("unit = \"UNIT KERJA\""),
        ("split.WFO" | "split.WFH" | "split.WFA", _) => Share,
        ("rule.split.WFO" | "rule.split.WFH" | "rule.split.WFA", _) => Share,
        ("rotation.max_remote_per_week", _) => Count(2),
        ("rotation.max_consecutive_remote", _) => Count(3),
        ("period.start" | "period.end" | "rule.from" | "rule.to", _) => Date,
        ("period.holidays", true) => List("holidays = [2025-08-18, 2025-12-24]"),
        ("rule.dates", true) => List("dates = [2025-03-28, 2025-04-08]"),
        ("period.holidays" | "rule.dates", false) => Date,
        ("period.workdays", true) => {
            List("workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
        }
        ("rule.weekdays", true) => List("weekdays = [\"mon\", \"fri\"]"),
        ("period.workdays" | "rule.weekdays", false) => Text("\"mon\" or \"senin\""),
        ("rule.units", true) => List("units = [\"Dinas Komunikasi*\"]"),
        ("rule.roles", true) => List("roles = [\"bendahara\"]"),
        ("rule.teams", true) => List("teams = [\"Sekretariat\"]"),
        ("rule.nips", true) => List("nips = [\"199001012015011001\"]"),
        ("rule.units" | "rule.roles" | "rule.teams" | "rule.nips", false) => Text("\"bendahara\""),
        ("rotation.pattern", _) => Word(PATTERNS),
        ("rotation.teams", _) => Word(TEAMS),
        ("period", _) => Section("[period]"),
        ("split", _) => Section("[split]"),
        ("rotation", _) => Section("[rotation]"),
        ("staff", _) => Section("[staff.columns]"),
        ("staff.columns", _) => Section("[staff.columns]"),
        ("print", _) => Section("[print]"),
        ("rule.split", _) => Section("split = { WFO = 60, WFH = 40 }"),
        ("rule", _) => Rules,
        _ => return None,
    };
    Some(e)
}

/// The words to choose from (`a, b or c` when worded).
fn one_of(words: &[&str]) -> OneOf {
    OneOf(words.iter().map(|w| (*w).to_owned()).collect())
}

/// The value as written at `span`: its first line, at most 40 characters.
fn written(text: &str, span: &Range<usize>) -> String {
    let value = text.get(span.clone()).unwrap_or_default();
    let line = value.lines().next().unwrap_or_default().trim();
    let mut short: String = line.chars().take(40).collect();
    if short.len() < line.len() || value.trim().lines().nth(1).is_some() {
        short.push_str(" ...");
    }
    short
}

/// `"60%"`, `'60'` or `60` without its quotes.
fn unquoted(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

/// The whole number a share or count was meant to be: `"60%"`, `"60"`, `60.0`.
fn meant_number(value: &str) -> Option<u32> {
    let v = unquoted(value);
    let v = v.strip_suffix('%').unwrap_or(v).trim();
    v.parse::<u32>().ok().or_else(|| {
        let f = v.parse::<f64>().ok()?;
        (f.fract() == 0.0 && (0.0..=1e6).contains(&f)).then_some(f as u32)
    })
}

/// The date a value was meant to be: `"2025-08-29"`, `"29/08/2025"`, `29-08-2025`,
/// `29.08.2025`.
pub(super) fn meant_date(value: &str) -> Option<NaiveDate> {
    let v = unquoted(value);
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
}

/// The problem of a value of the wrong kind at `path`.
fn wrong_kind(path: &str, list: bool, value: &str) -> Option<PolicyProblem> {
    let key = path.rsplit('.').next().unwrap_or(path);
    let write = |fix: String| Some(Fix::write(fix));
    let (key, value) = (key.to_owned(), value.to_owned());
    let problem = match expect(path, list)? {
        Expect::Text(example) => PolicyProblem::ExpectsText {
            example: example.to_owned(),
            key,
            value,
        },
        Expect::Share => PolicyProblem::ExpectsShare {
            fix: meant_number(&value)
                .filter(|n| *n <= 100)
                .and_then(|n| write(format!("{key} = {n}"))),
            key,
            value,
        },
        Expect::Count(example) => PolicyProblem::ExpectsCount {
            fix: meant_number(&value).and_then(|n| write(format!("{key} = {n}"))),
            example,
            key,
            value,
        },
        Expect::Date => {
            let item = matches!(key.as_str(), "holidays" | "dates");
            let fix = meant_date(&value).and_then(|d| {
                if item {
                    write(d.to_string())
                } else {
                    write(format!("{key} = {d}"))
                }
            });
            let dates = Written::Dates {};
            if item {
                PolicyProblem::ItemIsDate {
                    key,
                    dates,
                    value,
                    fix,
                }
            } else {
                PolicyProblem::ExpectsDate {
                    key,
                    dates,
                    value,
                    fix,
                }
            }
        }
        Expect::List(example) => {
            let fix = match value.trim_start().chars().next() {
                Some('[' | '{') | None => None,
                Some(_) if value.ends_with("...") => None,
                Some('"' | '\'') => write(format!("{key} = [{value}]")),
                // Items of a list of names are text in quotes.
                Some(_) if example.contains('"') => write(format!("{key} = [\"{value}\"]")),
                Some(_) => write(format!("{key} = [{value}]")),
            };
            PolicyProblem::ExpectsList {
                example: example.to_owned(),
                key,
                value,
                fix,
            }
        }
        Expect::Word(words) => PolicyProblem::ExpectsWord {
            key,
            words: one_of(words),
            first: words[0].to_owned(),
            value,
        },
        Expect::Section(example) => PolicyProblem::ExpectsSection {
            example: example.to_owned(),
            key,
            value,
        },
        Expect::Rules => PolicyProblem::Rules {},
    };
    Some(problem)
}

/// toml's key path of an error (`split.WFO`), which it prints only without the input.
fn key_path(error: &toml::de::Error) -> Option<String> {
    let mut bare = error.clone();
    bare.set_input(None);
    bare.to_string()
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("in `")?.strip_suffix('`').map(str::to_owned))
}

/// The key and the value as written on the line of `at`, for parse errors, which toml
/// gives no key for: `("start", "29/08/2025")` for `start = 29/08/2025`.
fn line_key_value(text: &str, at: usize) -> Option<(&str, &str)> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
    let end = text.get(at..)?.find('\n').map_or(text.len(), |n| at + n);
    let (key, value) = text.get(start..end)?.split_once('=')?;
    let key = key.trim();
    let value = value.split(" #").next().unwrap_or_default().trim();
    let bare = |c: char| c.is_ascii_alphanumeric() || "_-.\"".contains(c);
    (!key.is_empty() && key.chars().all(bare)).then_some((key, value))
}

/// The problems behind toml's parse errors that a planner meets, in plain words.
fn syntax(message: &str, text: &str, at: usize) -> Option<PolicyProblem> {
    let unclosed = |quote: &str| PolicyProblem::Unclosed {
        quote: quote.to_owned(),
    };
    let problem = if message.starts_with("invalid basic string") {
        unclosed("\"")
    } else if message.starts_with("invalid literal string") {
        unclosed("'")
    } else if message.starts_with("string values must be quoted") {
        let (key, value) = line_key_value(text, at)?;
        let (how, fix) = if let Some(d) = meant_date(value) {
            (Written::Dates {}, format!("{key} = {d}"))
        } else if let Some(n) = meant_number(value) {
            (Written::Numbers {}, format!("{key} = {n}"))
        } else {
            (Written::Text {}, format!("{key} = \"{value}\""))
        };
        PolicyProblem::Unquoted {
            key: key.to_owned(),
            value: value.to_owned(),
            how,
            fix: Fix::write(fix),
        }
    } else if message.starts_with("duplicate key") {
        let start = text.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
        let line = text.get(start..)?.lines().next()?.trim();
        let key = match line.strip_prefix('[') {
            Some(_) => line.split(" #").next()?.trim(),
            None => line.split('=').next()?.trim(),
        };
        PolicyProblem::DuplicateKey {
            key: key.to_owned(),
        }
    } else if message.starts_with("unclosed table") || message.starts_with("unclosed array") {
        let close = message.split('`').nth(1).unwrap_or("]");
        PolicyProblem::UnclosedSection {
            close: close.to_owned(),
        }
    } else if message.starts_with("extra ") || message.starts_with("unexpected key or value") {
        PolicyProblem::ExtraText {}
    } else if message.starts_with("key with no value") {
        let start = text.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
        let line = text.get(start..)?.lines().next()?.split(" #").next()?;
        let (key, value) = line.trim().split_once(char::is_whitespace)?;
        PolicyProblem::KeyWithoutValue {
            key: key.to_owned(),
            value: value.trim().to_owned(),
        }
    } else if message.starts_with("invalid date") || message.starts_with("invalid time") {
        let fix = line_key_value(text, at)
            .and_then(|(key, value)| Some((key, meant_date(value)?)))
            .map(|(key, d)| Fix::write(format!("{key} = {d}")));
        PolicyProblem::InvalidDate {
            toml: message.to_owned(),
            dates: Written::Dates {},
            fix,
        }
    } else {
        return None;
    };
    Some(problem)
}

/// toml's `unknown variant `x`, expected one of `a`, `b`` for the key at `path`.
fn unknown_word(message: &str, path: &str) -> Option<PolicyProblem> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (typo, expected) = rest.split_once('`')?;
    let words: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let key = path.rsplit('.').next().unwrap_or(path);
    Some(PolicyProblem::UnknownWord {
        key: key.to_owned(),
        typo: typo.to_owned(),
        words: one_of(&words),
    })
}

/// The plain problem for toml's `error` on `text`. `None` leaves toml's words, which are
/// already plain (`unknown field`, `missing field`, `expected `=``).
pub(super) fn plain(error: &toml::de::Error, text: &str) -> Option<PolicyProblem> {
    let message = error.message().trim_end();
    let span = error.span().unwrap_or(0..0);
    let value = written(text, &span);
    let path = key_path(error).unwrap_or_default();
    if message.starts_with("invalid type:")
        || message.starts_with("wanted string or table")
        || message.starts_with("invalid value:")
    {
        let list = message.ends_with("expected a sequence");
        return Some(
            wrong_kind(&path, list, &value)
                .unwrap_or(PolicyProblem::WrongKind { key: path, value }),
        );
    }
    unknown_word(message, &path)
        .or_else(|| unknown_or_missing_key(message))
        .or_else(|| syntax(message, text, span.start))
}

/// toml's `unknown field `x`, expected one of `a`, `b`` and `missing field `x``, as facts
/// (worded in English as toml words them, which is plain).
fn unknown_or_missing_key(message: &str) -> Option<PolicyProblem> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (typo, expected) = rest.split_once('`')?;
        let words = expected
            .split_once("expected one of ")
            .map_or("", |(_, w)| w);
        return Some(PolicyProblem::UnknownKey {
            typo: typo.to_owned(),
            words: words.trim().to_owned(),
        });
    }
    let key = message.strip_prefix("missing field `")?.strip_suffix('`')?;
    Some(PolicyProblem::MissingKey {
        key: key.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A problem as the error that carries it reads, without its place.
    fn words(problem: PolicyProblem) -> String {
        let error = crate::error::Error::Policy {
            file: String::new(),
            line: 1,
            column: 1,
            problem: Box::new(problem),
        };
        let text = error.to_string();
        text.strip_prefix(":1:1: ").unwrap_or(&text).to_owned()
    }

    #[test]
    fn every_key_of_the_policy_has_plain_words() {
        for path in [
            "name",
            "basis",
            "period",
            "period.start",
            "period.end",
            "period.calendar",
            "period.workdays",
            "period.holidays",
            "split",
            "split.WFO",
            "rotation",
            "rotation.pattern",
            "rotation.teams",
            "rotation.max_remote_per_week",
            "rotation.max_consecutive_remote",
            "rule",
            "rule.name",
            "rule.mode",
            "rule.split",
            "rule.split.WFH",
            "rule.units",
            "rule.roles",
            "rule.teams",
            "rule.nips",
            "rule.weekdays",
            "rule.dates",
            "rule.from",
            "rule.to",
            "staff",
            "staff.columns",
            "staff.columns.unit",
            "print",
            "print.place",
            "print.signer_title",
            "print.letterhead",
        ] {
            for list in [false, true] {
                let problem = wrong_kind(path, list, "x").unwrap_or_else(|| panic!("{path}"));
                let m = words(problem);
                for jargon in [
                    "i64",
                    "TOML",
                    "string",
                    "sequence",
                    "invalid type",
                    "struct",
                ] {
                    assert!(!m.contains(jargon), "{path}: {m}");
                }
            }
        }
    }

    #[test]
    fn the_fix_is_shown_when_plain() {
        assert_eq!(meant_number("\"60%\""), Some(60));
        assert_eq!(meant_number("60.0"), Some(60));
        assert_eq!(meant_number("60.5"), None);
        assert_eq!(
            meant_date("\"29/08/2025\""),
            NaiveDate::from_ymd_opt(2025, 8, 29)
        );
        assert_eq!(one_of(&["a", "b"]), OneOf(vec!["a".into(), "b".into()]));
    }
}
