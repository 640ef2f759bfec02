//! What the writers see of a run: the policy, the people, their leave and requests, the
//! working days, and the roster's cells. Never the resolver, the planner or the audit: a
//! writer formats what it is given. A leaf of the import graph.

use crate::leave::Leave;
use crate::mode::Mode;
use crate::policy::Policy;
use crate::requests::Requests;
use crate::staff::Staff;
use chrono::NaiveDate;

/// What decided a person-day; written in the roster's `rule` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Default,
    Rule(u16),
    Staff,
    Leave,
    /// A hard request of the requests file.
    Request,
}

/// The roster's `rule` column on a day a hard request decides.
pub const REQUEST_LABEL: &str = "request";

/// One person-day of the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub mode: Mode,
    pub source: Source,
    /// Shift group (0 = A) under an alternating pattern.
    pub group: Option<u8>,
}

/// The name of shift group `g`: A, B, ... Z, AA, AB, ...
pub fn group_name(group: u8) -> String {
    let mut n = group as usize;
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The inputs of a run as the writers read them.
#[derive(Clone, Copy)]
pub struct RosterView<'a> {
    /// The policy, its period narrowed to the window.
    pub policy: &'a Policy,
    pub staff: &'a Staff,
    pub leave: &'a Leave,
    pub requests: Option<&'a Requests>,
    /// The working days of the window, in order.
    pub days: &'a [NaiveDate],
}

impl RosterView<'_> {
    /// The text of the roster's `rule` column.
    pub fn source_label(&self, source: Source) -> &str {
        source_label(self.policy, source)
    }
}

/// The text of the roster's `rule` column for a day `source` decided under `policy`.
pub fn source_label(policy: &Policy, source: Source) -> &str {
    match source {
        Source::Default => "",
        Source::Rule(i) => &policy.rules[i as usize].name,
        Source::Staff => "staff",
        Source::Leave => "leave",
        Source::Request => REQUEST_LABEL,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The code of each `.rs` file under `dir` (of this crate's `src`), without its tests.
    fn sources(dir: &str) -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
        let mut files = Vec::new();
        let mut folders = vec![root];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let code = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
                    files.push((path.display().to_string(), code));
                }
            }
        }
        files.sort();
        files
    }

    /// The layering the writers rely on: they format a view and facts, so that what they
    /// write cannot depend on how the roster was planned or audited.
    #[test]
    fn writers_see_the_view_and_facts_only() {
        let writers = sources("writers");
        assert!(writers.len() > 10, "{writers:?}");
        for (file, code) in &writers {
            for layer in [
                "crate::planner",
                "crate::audit",
                "crate::resolve",
                "crate::pipeline",
            ] {
                assert!(!code.contains(layer), "{file} imports {layer}");
            }
        }
    }

    /// Only the edges (writers, commands, `main`) word facts; the domain makes none.
    #[test]
    fn only_the_edges_use_the_catalogue() {
        let edges = ["/writers/", "/commands/", "/catalogue", "/main.rs"];
        for (file, code) in sources("") {
            if edges.iter().any(|edge| file.contains(edge)) {
                continue;
            }
            assert!(!code.contains("catalogue::"), "{file} uses the catalogue");
            assert!(!code.contains("catalogue!"), "{file} uses the catalogue");
        }
    }
}
