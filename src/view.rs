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

    /// The top-level modules a module's code names (`crate::planner::…`), comments left out.
    fn imports() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut graph = std::collections::BTreeMap::<_, std::collections::BTreeSet<_>>::new();
        for (file, code) in sources("") {
            let relative = Path::new(&file).strip_prefix(&root).unwrap();
            let top = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let top = top.trim_end_matches(".rs").to_owned();
            if top == "main" || top == "lib" {
                continue;
            }
            let names = graph.entry(top.clone()).or_default();
            for line in code.lines() {
                let line = line.split("//").next().unwrap_or("");
                for (at, _) in line.match_indices("crate::") {
                    let name: String = line[at + "crate::".len()..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != top {
                        names.insert(name);
                    }
                }
            }
        }
        graph
    }

    /// Imports run one way: no module reaches, through others, back to itself (the commands
    /// above the pipeline, the pipeline above the domain, the writers and the catalogue below
    /// what they word).
    #[test]
    fn no_import_runs_back_up() {
        let graph = imports();
        assert!(graph.len() > 30, "{graph:?}");
        // Depth-first, with the path so far: a module met again on it closes a cycle.
        fn visit<'a>(
            graph: &'a std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
            module: &'a str,
            path: &mut Vec<&'a str>,
            done: &mut std::collections::BTreeSet<&'a str>,
        ) {
            if let Some(at) = path.iter().position(|m| *m == module) {
                panic!(
                    "imports run in a circle: {} -> {module}",
                    path[at..].join(" -> ")
                );
            }
            if !done.insert(module) {
                return;
            }
            path.push(module);
            for next in graph.get(module).into_iter().flatten() {
                visit(graph, next, path, done);
            }
            path.pop();
        }
        let mut done = std::collections::BTreeSet::new();
        for module in graph.keys() {
            visit(&graph, module, &mut Vec::new(), &mut done);
        }
    }
}
