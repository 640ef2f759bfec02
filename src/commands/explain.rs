//! `roster explain NIP` or `roster explain NAME`.

use super::{Inputs, print, warn};
use crate::carry::Carry;
use crate::cli::ExplainArgs;
use crate::error::{Error, Result, exit};
use crate::explain::explain as explain_person;
use crate::grants::Grants;
use crate::input::nip::normalize_nip;
use crate::names::{self, Found};
use crate::planner::{
    Planner, WishOf, keep_and_grant, rehearse, repairs, request_wishes, requested_units,
};
use crate::resolve::Resolver;
use crate::staff::Staff;
use crate::writers::explain::{candidates, render};

pub fn explain(args: &ExplainArgs) -> Result<u8> {
    let inputs = Inputs::load(&args.inputs, None)?;
    let resolver =
        Resolver::new(&inputs.policy, &inputs.staff, &inputs.leave).with_requests(&inputs.requests);
    warn(&resolver, &args.inputs.policy, false, false)?;
    let person = find_person(&inputs.staff, args)?;
    // A person's rotation depends on everyone in their pool, so plan everyone, with the same
    // exact repairs as `plan`.
    // and the same requests granted.
    let carry = Carry::default();
    let soft = request_wishes(&inputs.requests);
    let units = requested_units(&inputs.requests, &inputs.staff);
    let wishes: Option<WishOf> = (!units.is_empty()).then_some(&soft);
    let mut overrides = match wishes {
        Some(_) => keep_and_grant(&resolver, &carry, None, wishes, &units).overrides,
        None => Default::default(),
    };
    let rehearsal = rehearse(&resolver, &carry, &overrides, wishes);
    let repaired = repairs(&resolver, &carry, &rehearsal, &overrides, wishes);
    overrides.extend(repaired.planned);
    // A person in a unit proven impossible is told why, and what would fix it.
    let unit = inputs.staff.people[person].unit;
    let findings = match repaired.impossible.contains(&unit) {
        true => crate::planner::causes::causes(&resolver, &carry, &[unit]),
        false => Vec::new(),
    };
    let mut planner = Planner::new(&resolver, &carry).with_overrides(&overrides);
    if let Some(wishes) = wishes {
        planner = planner.with_wishes(wishes);
    }
    let mut grants = Grants::new(&resolver, &inputs.requests, &carry).with_refusals(&overrides);
    let mut schedule = Vec::with_capacity(resolver.days.len());
    while let Some((day, cells)) = planner.next_day() {
        schedule.push(cells[person]);
        grants.observe_day(day, cells);
    }
    let mut explanation = explain_person(&resolver, person, schedule);
    explanation.requests = (grants.finish().into_iter())
        .filter(|o| inputs.requests.list[o.request].person == person)
        .collect();
    let mut text = render(&resolver, &explanation, args.lang);
    if !findings.is_empty() {
        let t = &args.lang.labels().causes;
        text.push('\n');
        text.push_str(t.heading);
        text.push('\n');
        text.push_str(&crate::writers::causes::render_text(
            &findings, &resolver, args.lang, 80,
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
    let file = args.inputs.staff.display().to_string();
    if nip.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::Usage(crate::lang::run_text(
            |m| m.explain_nip,
            &[("nip", &nip), ("file", &file)],
        )));
    }
    let query = args.person.trim();
    match names::find(staff, query) {
        Found::Matches(people) if people.len() == 1 => Ok(people[0]),
        Found::Matches(people) => Err(Error::Usage(candidates(
            staff, query, &file, &people, true, args.lang,
        ))),
        Found::Closest(people) => Err(Error::Usage(candidates(
            staff, query, &file, &people, false, args.lang,
        ))),
    }
}
