//! The commands: read the inputs, drive the planner, the audit and the writers, and say how
//! it went. This is the only part of the library that touches files and the terminal.

mod attendance;
mod calendar;
mod check;
mod explain;
mod init;
mod plan;
mod report;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::pattern::nearest;
use crate::requests::Requests;
use crate::resolve::{Resolver, Selector, Unmatched};
use crate::terminal::{self, Stream, Terminal, Text};
use clap::CommandFactory;
use std::path::Path;

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let terminal = Terminal::detect(cli.color);
    crate::writers::output::remove_temporary_files_on_signals();
    let lang = cli.lang();
    match cli.command {
        Command::Plan(args) => plan::plan(&args, terminal),
        Command::Check(args) => check::check(&args, terminal),
        Command::Report(args) => report::report(&args),
        Command::Attendance(args) => attendance::attendance(&args, terminal),
        Command::Explain(args) => explain::explain(&args),
        Command::Init(args) => init::init(&args, lang),
        Command::Calendar(args) => calendar::calendar(&args),
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "roster", &mut out);
            print(&String::from_utf8_lossy(&out))?;
            Ok(crate::error::exit::OK)
        }
        Command::Man => {
            let page = manual_page().map_err(|e| Error::io("<stdout>", e))?;
            print(&page)?;
            Ok(crate::error::exit::OK)
        }
    }
}

/// The manual page: one page, `roster(1)`, holding every command with its synopsis,
/// description and options, so that it names no page that does not exist (clap_mangen's
/// list of commands points at `roster-plan(1)` and the like).
fn manual_page() -> std::io::Result<String> {
    let mut cli = Cli::command();
    cli.build();
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(cli.clone());
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("roster {}", sub.get_name());
        let mut part = Vec::new();
        let man = clap_mangen::Man::new(sub.clone().bin_name(&name).display_name(&name));
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        let part = String::from_utf8_lossy(&part)
            .replacen(
                ".SH SYNOPSIS",
                &format!(".SH \"{}\"", name.to_uppercase()),
                1,
            )
            .replacen(".SH DESCRIPTION\n", ".PP\n", 1)
            .replacen(".SH OPTIONS", ".SS Options", 1);
        out.extend_from_slice(part.as_bytes());
    }
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Prints the warnings of SPEC §9 to stderr: first every rule whose selectors match no
/// person (likely a typo, with the nearest unit, role or team names), even under `quiet`,
/// since such a rule silently sends nobody where it meant to; then the staff file's, unless
/// `quiet`. With `strict` any warning is an error.
pub fn warn(
    resolver: &Resolver,
    policy_path: &Path,
    strict: bool,
    quiet: bool,
    lang: crate::lang::Lang,
) -> Result<()> {
    const SHOWN: usize = 20;
    let typos = resolver.rules_matching_nobody();
    let dead = patterns_matching_nobody(resolver, policy_path, lang);
    let others: Vec<&crate::facts::Warning> = (resolver.staff.warnings.iter())
        .chain(&resolver.leave.warnings)
        .collect();
    let count = typos.len() + dead.len() + others.len();
    let fatal = strict && count > 0;
    // --quiet hides the other warnings, unless --strict makes them the errors.
    let others = if quiet && !fatal {
        &[][..]
    } else {
        &others[..]
    };
    // Only the warnings shown are worded: the nearest names take a look at every name.
    let mut text = String::new();
    let prefix = lang.labels().run.warning;
    for unmatched in typos.iter().take(SHOWN) {
        let warning = matches_nobody(resolver, unmatched, policy_path, lang);
        text.push_str(&format!("{prefix}: {warning}\n"));
    }
    for warning in dead.iter().take(SHOWN.saturating_sub(typos.len())) {
        text.push_str(&format!("{prefix}: {warning}\n"));
    }
    for warning in others
        .iter()
        .take(SHOWN.saturating_sub(typos.len() + dead.len()))
    {
        let warning = crate::catalogue::Render::render(warning, lang);
        text.push_str(&format!("{prefix}: {warning}\n"));
    }
    let hidden = (typos.len() + dead.len() + others.len()).saturating_sub(SHOWN);
    if hidden > 0 {
        let more = lang.labels().warnings.more;
        let more = crate::lang::fill_named(more, &[("n", &hidden.to_string())]);
        text.push_str(&format!("{prefix}: {more}\n"));
    }
    eprint(&text);
    if fatal {
        return Err(Error::Strict(count));
    }
    Ok(())
}

/// A warning for each pattern of a rule's list that matches no unit, role or team of the
/// staff file, in a rule that matches someone through its other patterns: one typo in
/// `["rsud", "SD Negri*"]` silently leaves those schools to the default split. (A rule
/// that matches nobody at all has its own warning.)
fn patterns_matching_nobody(
    resolver: &Resolver,
    policy_path: &Path,
    lang: crate::lang::Lang,
) -> Vec<String> {
    use crate::lang::fill_named;
    let t = &lang.labels().warnings;
    let staff = resolver.staff;
    let wholly: Vec<usize> = (resolver.rules_matching_nobody().iter())
        .map(|u| u.rule)
        .collect();
    let mut warnings = Vec::new();
    for (r, rule) in resolver.policy.rules.iter().enumerate() {
        if wholly.contains(&r) {
            continue;
        }
        for (selector, what, values) in [
            (Selector::Units, t.unit, &staff.units),
            (Selector::Roles, t.role, &staff.roles),
            (Selector::Teams, t.team, &staff.teams),
        ] {
            let Some(patterns) = selector.patterns(rule) else {
                continue;
            };
            let folded: Vec<String> = values.iter().map(|v| crate::pattern::fold(v)).collect();
            for pattern in patterns {
                if folded.iter().any(|v| pattern.matches_folded(v)) {
                    continue;
                }
                let near: Vec<String> = nearest(pattern, values, 3)
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect();
                let near = match near.is_empty() {
                    true => String::new(),
                    false => fill_named(t.did_you_mean, &[("names", &near.join(", "))]),
                };
                let text = fill_named(
                    t.pattern_matches_nobody,
                    &[
                        ("file", &policy_path.display().to_string()),
                        ("line", &rule.line.to_string()),
                        ("rule", &rule.name),
                        ("what", what),
                        ("pattern", &pattern.to_string()),
                        ("near", &near),
                    ],
                );
                warnings.push(text);
            }
        }
    }
    warnings
}

/// The warning for a rule whose selectors match no person: which selectors match nothing in
/// the staff file, and the names they were probably meant to be.
fn matches_nobody(
    resolver: &Resolver,
    unmatched: &Unmatched,
    policy_path: &Path,
    lang: crate::lang::Lang,
) -> String {
    use crate::lang::fill_named;
    let t = &lang.labels().warnings;
    let rule = &resolver.policy.rules[unmatched.rule];
    let staff = resolver.staff;
    let mut why = Vec::new();
    let no_names = Vec::new();
    for &selector in &unmatched.dead {
        let patterns = selector.patterns(rule).unwrap_or_default();
        let listed: Vec<String> = patterns.iter().map(ToString::to_string).collect();
        let (what, values) = match selector {
            Selector::Units => (t.unit, &staff.units),
            Selector::Roles => (t.role, &staff.roles),
            Selector::Teams => (t.team, &staff.teams),
            Selector::Nips => ("NIP", &no_names),
        };
        let mut text = fill_named(
            t.no_match,
            &[("what", what), ("patterns", &listed.join(", "))],
        );
        // A handful of patterns is a typo's size; a long list is a list.
        let mut near: Vec<&str> = patterns
            .iter()
            .take(5)
            .flat_map(|p| nearest(p, values, 3))
            .collect();
        near.sort_unstable();
        near.dedup();
        if !near.is_empty() {
            let near: Vec<String> = near.iter().take(5).map(|n| format!("\"{n}\"")).collect();
            text.push_str(&fill_named(t.did_you_mean, &[("names", &near.join(", "))]));
        }
        why.push(text);
    }
    if why.is_empty() {
        why.push(t.nobody_matches_all.into());
    }
    fill_named(
        t.matches_nobody,
        &[
            ("file", &policy_path.display().to_string()),
            ("line", &rule.line.to_string()),
            ("rule", &rule.name),
            ("why", &why.join("; ")),
        ],
    )
}

/// Warns of the entries of a requests folder that are not read (a broken link, a named
/// pipe, a folder with a requests file's name): that OPD's requests would vanish unseen,
/// so this is said even under `--quiet`.
pub(crate) fn say_what_requests_skip(requests: &Requests, lang: crate::lang::Lang) {
    let t = &lang.labels().warnings;
    let warning = lang.labels().run.warning;
    for path in &requests.skipped {
        let text =
            crate::lang::fill_named(t.requests_skipped, &[("path", &path.display().to_string())]);
        eprint(&format!("{warning}: {text}\n"));
    }
}

/// Says which earlier rosters are not read: folders still to be made, and entries of a folder
/// that are not files.
pub(crate) fn say_what_previous_skips(
    previous: &crate::pipeline::settle::Previous,
    lang: crate::lang::Lang,
) {
    let t = &lang.labels().warnings;
    let say = |template, path: &std::path::Path| {
        crate::lang::fill_named(template, &[("path", &path.display().to_string())])
    };
    for folder in &previous.missing {
        let note = lang.labels().run.note;
        eprint(&format!("{note}: {}\n", say(t.previous_missing, folder)));
    }
    for path in &previous.skipped {
        let warning = lang.labels().run.warning;
        eprint(&format!("{warning}: {}\n", say(t.previous_skipped, path)));
    }
    for path in &previous.replanned {
        let note = lang.labels().run.note;
        eprint(&format!("{note}: {}\n", say(t.previous_replanned, path)));
    }
}

/// Writes text for people to stdout, sanitised ([`crate::terminal::write`]); a closed pipe
/// surfaces as an I/O error `main` treats as quiet.
pub fn print(text: &str) -> Result<()> {
    terminal::write(Stream::Stdout, text, Text::Plain).map_err(|e| Error::io("<stdout>", e))
}

/// Writes a message for people to stderr, sanitised; a failure to write it is ignored.
pub fn eprint(text: &str) {
    let _ = terminal::write(Stream::Stderr, text, Text::Plain);
}
