//! `--changes`: one row per person-day a re-plan changed against the published roster
//! (`date,nip,name,unit,old,new,why`), in date then NIP order: who must be told, and why.

use super::dialect::Dialect;
use super::field::push_record;
use crate::mode::Mode;
use crate::published::Change;
use std::io::Write;

pub const HEADER: [&str; 7] = ["date", "nip", "name", "unit", "old", "new", "why"];

/// What the changes came to, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub person_days: u64,
    pub people: u64,
}

pub struct ChangesWriter<W: Write> {
    out: W,
    dialect: Dialect,
    buf: Vec<u8>,
    nips: std::collections::BTreeSet<String>,
    tally: Tally,
}

impl<W: Write> ChangesWriter<W> {
    pub fn new(mut out: W, dialect: Dialect) -> std::io::Result<ChangesWriter<W>> {
        let mut header = dialect.preamble().to_vec();
        push_record(&mut header, HEADER, &dialect);
        out.write_all(&header)?;
        Ok(ChangesWriter {
            out,
            dialect,
            buf: Vec::new(),
            nips: Default::default(),
            tally: Tally::default(),
        })
    }

    /// One day's changes, in any order: written sorted by NIP.
    pub fn write_day(&mut self, changes: &mut [Change]) -> std::io::Result<()> {
        changes.sort_by(|a, b| (a.date, &a.nip).cmp(&(b.date, &b.nip)));
        for c in changes.iter() {
            let date = c.date.to_string();
            let code = |m: Option<Mode>| m.map_or("", |m| m.code());
            // A transfer names the unit the person came from.
            let why = match &c.from_unit {
                Some(from) => format!("{} from {from}", c.why.code()),
                None => c.why.code().to_owned(),
            };
            push_record(
                &mut self.buf,
                [
                    date.as_str(),
                    &c.nip,
                    &c.name,
                    &c.unit,
                    code(c.old),
                    code(c.new),
                    &why,
                ],
                &self.dialect,
            );
            self.tally.person_days += 1;
            if !self.nips.contains(&c.nip) {
                self.nips.insert(c.nip.clone());
                self.tally.people += 1;
            }
        }
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    pub fn tally(&self) -> Tally {
        self.tally.clone()
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}
