//! `roster explain NIP`.

use super::{Inputs, print, rehearse, warn};
use crate::carry::Carry;
use crate::cli::ExplainArgs;
use crate::error::{Error, Result, exit};
use crate::explain::explain as explain_person;
use crate::input::nip::normalize_nip;
use crate::planner::{Overrides, Planner, repairs};
use crate::resolve::Resolver;
use crate::writers::explain::render;

pub fn explain(args: &ExplainArgs) -> Result<u8> {
    let inputs = Inputs::load(&args.inputs, None)?;
    let resolver = Resolver::new(&inputs.policy, &inputs.staff, &inputs.leave);
    warn(&resolver, &args.inputs.policy, false, false)?;
    let nip = normalize_nip(&args.nip);
    let person = *inputs
        .staff
        .index_by_nip()
        .get(nip.as_str())
        .ok_or_else(|| {
            Error::Usage(format!(
                "NIP {nip} is not in {}",
                args.inputs.staff.display()
            ))
        })?;
    // A person's rotation depends on everyone in their pool, so plan everyone, with the same
    // exact repairs as `plan`.
    let carry = Carry::default();
    let rehearsal = rehearse(&resolver, &carry, &Overrides::default());
    let repaired = repairs(&resolver, &carry, &rehearsal);
    let mut planner = Planner::new(&resolver, &carry).with_overrides(&repaired.planned);
    let mut schedule = Vec::with_capacity(resolver.days.len());
    while let Some((_, cells)) = planner.next_day() {
        schedule.push(cells[person]);
    }
    let explanation = explain_person(&resolver, person, schedule);
    print(&render(&resolver, &explanation, args.lang))?;
    Ok(exit::OK)
}
