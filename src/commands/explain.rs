//! `roster explain NIP` or `roster explain NAME`.

use super::{print, warn};
use crate::cli::ExplainArgs;
use crate::error::{Error, Result, exit};
use crate::facts::run::RunProblem;
use crate::input::nip::normalize_nip;
use crate::names::{self, Found};
use crate::pipeline::settle::{PlanInputs, Window};
use crate::pipeline::{Decided, History, Loaded};
use crate::staff::Staff;
use crate::writers::explain::{candidates, render};

pub fn explain(args: &ExplainArgs) -> Result<u8> {
    let window = Window {
        from: args.from,
        to: args.to,
        next: None,
        previous: &args.previous,
        published: &args.published,
    };
    let settled = PlanInputs::settle(&args.inputs, window)?;
    let sources = settled.sources();
    let loaded = Loaded::read(&sources)?;
    super::say_what_requests_skip(&loaded.requests, args.lang);
    let resolver = loaded.resolver(sources.policy);
    warn(&resolver, &args.inputs.policy, false, false, args.lang)?;
    super::say_what_previous_skips(&settled.previous, args.lang);
    let person = find_person(&loaded.staff, args)?;
    // The same history, published days kept, requests granted and repairs as `plan`.
    let history = History::read(&resolver, &sources, &loaded)?;
    let explanation = Decided::decide(&history).explain(person);
    let findings = &explanation.causes;
    let mut text = render(&resolver.view(), &explanation, args.lang);
    if !findings.is_empty() {
        let t = &args.lang.labels().causes;
        text.push('\n');
        text.push_str(t.heading);
        text.push('\n');
        text.push_str(&crate::writers::causes::render_text(
            findings,
            &resolver.view(),
            args.lang,
            80,
        ));
    }
    print(&text)?;
    Ok(exit::OK)
}

/// The person an argument names: a NIP of the staff file, or else (when it is not digits) a
/// name that matches one person alone. Several or none is a usage error that lists the
/// candidates or the closest names.
fn find_person(staff: &Staff, args: &ExplainArgs) -> Result<usize> {
    let nip = normalize_nip(&args.person);
    if let Some(&person) = staff.index_by_nip().get(nip.as_str()) {
        return Ok(person);
    }
    if nip.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::usage(RunProblem::ExplainNip {
            nip,
            file: args.inputs.staff.clone(),
        }));
    }
    let query = args.person.trim();
    match names::find(staff, query) {
        Found::Matches(people) if people.len() == 1 => Ok(people[0]),
        Found::Matches(people) => Err(Error::usage(RunProblem::SeveralPeople {
            query: query.to_owned(),
            n: people.len(),
            file: args.inputs.staff.clone(),
            people: candidates(staff, &people),
        })),
        Found::Closest(people) if people.is_empty() => Err(Error::usage(RunProblem::Nobody {
            file: args.inputs.staff.clone(),
            query: query.to_owned(),
        })),
        Found::Closest(people) => Err(Error::usage(RunProblem::NobodyClosest {
            file: args.inputs.staff.clone(),
            query: query.to_owned(),
            people: candidates(staff, &people),
        })),
    }
}
