//! The staff file (SPEC §3): one person per row, exported from SIMPEG/SIASN.

use crate::cell::restore;
use crate::error::{Error, Result};
use crate::facts::Warning;
use crate::facts::problems::Problem;
use crate::input::nip::{self, kept_digits, looks_truncated, normalize_nip};
use crate::input::{Options, Table, fields};
use crate::mode::Mode;
use rustc_hash::FxHashMap;
use std::io::Read;
use std::path::Path;

const NIP: usize = 0;
const NAME: usize = 1;
const UNIT: usize = 2;
const ROLE: usize = 3;
const TEAM: usize = 4;
const MODE: usize = 5;
const TITLE_BEFORE: usize = 6;
const TITLE_AFTER: usize = 7;

/// The message for an empty NIP, name or unit cell.
fn empty_message(field: usize) -> Problem {
    match field {
        NIP => Problem::EmptyNip {},
        NAME => Problem::EmptyName {},
        _ => Problem::EmptyUnit {},
    }
}

/// An index into one of [`Staff`]'s interned string lists.
pub type Id = u32;

/// One person. The NIP and name live in [`Staff`]'s text buffer: read them with
/// [`Staff::nip`] and [`Staff::name`].
#[derive(Debug, Clone)]
pub struct Person {
    /// Where the NIP starts in the text buffer; the name follows it.
    text: usize,
    nip_len: u32,
    name_len: u32,
    pub unit: Id,
    pub team: Option<Id>,
    pub role: Id,
    /// The staff file's fixed mode for this person, if any.
    pub mode: Option<Mode>,
}

/// The people, in canonical order: by unit name, then NIP, both by code point. Unit ids
/// follow the same order, so the order is the same whatever the order of the file's rows.
#[derive(Debug, Clone, Default)]
pub struct Staff {
    pub people: Vec<Person>,
    /// Every NIP and name, end to end: one allocation instead of two per person.
    text: String,
    pub units: Vec<String>,
    pub teams: Vec<String>,
    pub roles: Vec<String>,
    pub warnings: Vec<Warning>,
}

#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, Id>,
    names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, value: &str) -> Id {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.names.len() as Id;
        self.ids.insert(value.to_owned(), id);
        self.names.push(value.to_owned());
        id
    }
}

impl Staff {
    pub fn read(path: &Path, options: &Options) -> Result<Staff> {
        Staff::from_table(Table::open(path, fields::STAFF, options)?)
    }

    pub fn from_reader(input: Box<dyn Read>, file: &str) -> Result<Staff> {
        Staff::from_table(Table::from_reader(
            input,
            file,
            fields::STAFF,
            &Options::default(),
        )?)
    }

    fn from_table(mut table: Table) -> Result<Staff> {
        let file = table.file().to_owned();
        let at = table.locator();
        let columns: Vec<Option<usize>> =
            (0..fields::STAFF.len()).map(|f| table.column(f)).collect();
        let nip_column = columns[NIP];
        let mut name = String::new();
        let mut units = Interner::default();
        let mut teams = Interner::default();
        let mut roles = Interner::default();
        let mut people = Vec::new();
        let mut text = String::new();
        let mut lines: Vec<u64> = Vec::new();
        let mut warnings = Vec::new();
        while let Some(row) = table.next_row()? {
            let nip = normalize_nip(row.get(NIP));
            let nip = nip.as_str();
            for field in [NIP, NAME, UNIT] {
                let value = if field == NIP { nip } else { row.get(field) };
                if value.is_empty() {
                    return Err(at.error(row.line, columns[field], empty_message(field)));
                }
            }
            if nip.len() != 18 || !nip.bytes().all(|b| b.is_ascii_digit()) {
                warnings.push(Warning::NipNot18 {
                    at: at.at(row.line, nip_column),
                    nip: nip.to_owned(),
                });
            }
            let mode = match row.get(MODE) {
                "" => None,
                text => match text.parse::<Mode>() {
                    Ok(Mode::Leave) => {
                        return Err(at.error(row.line, columns[MODE], Problem::StaffModeLeave {}));
                    }
                    Ok(mode) => Some(mode),
                    Err(e) => {
                        return Err(at.error(
                            row.line,
                            columns[MODE],
                            Problem::StaffUnknownMode { mode: e.0.clone() },
                        ));
                    }
                },
            };
            let team = restore(row.get(TEAM));
            titled_name(
                &mut name,
                &restore(row.get(TITLE_BEFORE)),
                &restore(row.get(NAME)),
                &restore(row.get(TITLE_AFTER)),
            );
            let name = name.as_str();
            let start = text.len();
            text.push_str(nip);
            text.push_str(name);
            people.push(Person {
                text: start,
                nip_len: nip.len() as u32,
                name_len: name.len() as u32,
                unit: units.intern(&restore(row.get(UNIT))),
                team: (!team.is_empty()).then(|| teams.intern(&team)),
                role: roles.intern(&restore(row.get(ROLE))),
                mode,
            });
            lines.push(row.line);
        }
        if people.is_empty() {
            return Err(Error::input(&file, Some(2), Problem::NoPerson {}));
        }
        let nip_of = |p: &Person| &text[p.text..p.text + p.nip_len as usize];
        if let Some(person) = truncated(&people, nip_of) {
            return Err(at.error(
                lines[person],
                nip_column,
                nip::truncated_message(nip_of(&people[person]), None),
            ));
        }
        // Duplicate NIPs, found by sorting rather than a second copy of every NIP: the one
        // whose second row comes first in the file is reported, naming both lines.
        let mut by_nip: Vec<usize> = (0..people.len()).collect();
        by_nip
            .sort_unstable_by(|&a, &b| nip_of(&people[a]).cmp(nip_of(&people[b])).then(a.cmp(&b)));
        let duplicate = by_nip
            .windows(2)
            .filter(|w| nip_of(&people[w[0]]) == nip_of(&people[w[1]]))
            .min_by_key(|w| lines[w[1]]);
        if let Some(pair) = duplicate {
            let nip = nip_of(&people[pair[1]]);
            if looks_truncated(nip) {
                // Two NIPs that differed only in their last three digits.
                let why = Problem::NipSameAsLine {
                    line: lines[pair[0]],
                };
                return Err(at.error(
                    lines[pair[1]],
                    nip_column,
                    nip::truncated_message(nip, Some(why)),
                ));
            }
            return Err(at.error(
                lines[pair[1]],
                None,
                Problem::DuplicateNip {
                    nip: nip_of(&people[pair[1]]).to_string(),
                    line: lines[pair[0]],
                },
            ));
        }
        drop(by_nip);
        drop(lines);

        // Renumber units so that id order is name order, then sort people canonically.
        let mut order: Vec<Id> = (0..units.names.len() as Id).collect();
        order.sort_by(|&a, &b| units.names[a as usize].cmp(&units.names[b as usize]));
        let mut new_id = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old as usize] = new as Id;
        }
        for p in &mut people {
            p.unit = new_id[p.unit as usize];
        }
        people.sort_unstable_by(|a, b| a.unit.cmp(&b.unit).then_with(|| nip_of(a).cmp(nip_of(b))));
        let unit_names = order
            .iter()
            .map(|&old| std::mem::take(&mut units.names[old as usize]))
            .collect();
        warnings.sort();
        text.shrink_to_fit();
        Ok(Staff {
            people,
            text,
            units: unit_names,
            teams: teams.names,
            roles: roles.names,
            warnings,
        })
    }

    pub fn nip(&self, person: &Person) -> &str {
        &self.text[person.text..person.text + person.nip_len as usize]
    }

    pub fn name(&self, person: &Person) -> &str {
        let start = person.text + person.nip_len as usize;
        &self.text[start..start + person.name_len as usize]
    }

    pub fn unit(&self, person: &Person) -> &str {
        &self.units[person.unit as usize]
    }

    pub fn team(&self, person: &Person) -> &str {
        person.team.map_or("", |t| &self.teams[t as usize])
    }

    pub fn role(&self, person: &Person) -> &str {
        &self.roles[person.role as usize]
    }

    /// The people of `unit`: they are consecutive, since people are sorted by unit first.
    pub fn unit_people(&self, unit: usize) -> std::ops::Range<usize> {
        let unit = unit as Id;
        self.people.partition_point(|p| p.unit < unit)
            ..self.people.partition_point(|p| p.unit <= unit)
    }

    /// Index of a person by NIP (the people are sorted by unit, not NIP).
    pub fn index_by_nip(&self) -> FxHashMap<&str, usize> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| (self.nip(p), i))
            .collect()
    }

    /// Finds the people of a roster's rows by NIP, for a row at a time.
    pub fn lookup(&self) -> NipLookup<'_> {
        NipLookup {
            staff: self,
            index: self.index_by_nip(),
            next: 0,
        }
    }
}

/// `name` with the titles SIASN keeps apart: `dr. Siti Rahma, M.Kes.`.
fn titled_name(name: &mut String, before: &str, bare: &str, after: &str) {
    name.clear();
    if !before.is_empty() {
        name.push_str(before);
        name.push(' ');
    }
    name.push_str(bare);
    if !after.is_empty() {
        name.push_str(", ");
        name.push_str(after);
    }
}

/// The first person (in file order) whose NIP a spreadsheet cut to 15 digits, if every
/// 18-digit NIP of the file ends in `000` (no real NIP does). A file with some such NIPs
/// among others is left alone: a spreadsheet damages a whole column, not a few cells, and
/// made-up test NIPs count up through `…000`.
fn truncated<'t>(people: &[Person], nip_of: impl Fn(&Person) -> &'t str) -> Option<usize> {
    let long: Vec<usize> = (0..people.len())
        .filter(|&i| kept_digits(nip_of(&people[i])).is_some())
        .collect();
    (long.len() >= 2 && long.iter().all(|&i| looks_truncated(nip_of(&people[i]))))
        .then(|| long.iter().copied().min_by_key(|&i| i))
        .flatten()
}

/// Finds people by NIP. A roster lists a day's people in canonical order, so the person
/// after the last one found is tried before the hash table: one comparison instead of a
/// lookup that misses the cache.
pub struct NipLookup<'s> {
    staff: &'s Staff,
    index: FxHashMap<&'s str, usize>,
    next: usize,
}

impl NipLookup<'_> {
    /// The staff NIP that `nip` probably was before a spreadsheet cut it to 15 digits: one
    /// with the same first 15 digits, when `nip` ends in `000` and is not in the staff file.
    pub fn truncated_from(&self, nip: &str) -> Option<&str> {
        if !looks_truncated(nip) || self.index.contains_key(nip) {
            return None;
        }
        let kept = &nip[..15];
        let staff = self.staff;
        staff
            .people
            .iter()
            .map(|p| staff.nip(p))
            .find(|other| other.len() == 18 && other.starts_with(kept))
    }

    pub fn find(&mut self, nip: &str) -> Option<usize> {
        let staff = self.staff;
        let found = match staff.people.get(self.next) {
            Some(p) if staff.nip(p) == nip => Some(self.next),
            _ => self.index.get(nip).copied(),
        };
        if let Some(person) = found {
            self.next = person + 1;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Staff> {
        Staff::from_reader(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            "s.csv",
        )
    }

    #[test]
    fn indonesian_headers_and_canonical_order() {
        let s = read(
            "NIP,Nama,Unit Kerja,Jabatan,Bidang\n\
             '199001012015011002,B,Dinas Z,Staf,\n\
             199001012015011001,A,Dinas A,Bendahara,Keuangan\n",
        )
        .unwrap();
        assert_eq!(s.units, vec!["Dinas A", "Dinas Z"]);
        assert_eq!(s.name(&s.people[0]), "A");
        assert_eq!(s.team(&s.people[0]), "Keuangan");
        assert_eq!(s.nip(&s.people[1]), "199001012015011002");
        assert!(s.people[1].team.is_none());
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let e = read("nip,name,unit,role\n1,A,U,r\n1,B,U,r\n")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "s.csv:3: duplicate NIP 1: also on line 2");
        let e = read("nip,name,unit,role\n1,,U,r\n")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "s.csv:2: empty name");
        let e = read("nip,name,unit,role,mode\n1,A,U,r,WFX\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("s.csv:2: unknown mode `WFX`"), "{e}");
        let e = read("nip,name,unit,role,mode\n1,A,U,r,leave\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("leave file"), "{e}");
    }

    #[test]
    fn nips_are_normalised() {
        let e = read("nip,name,unit,role\n19860926 201505 1 001,A,U,r\n198609262015051001,B,U,r\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "s.csv:3: duplicate NIP 198609262015051001: also on line 2"
        );
    }

    #[test]
    fn short_nip_is_a_warning() {
        let s = read("nip,name,unit,role,mode\n123,A,U,r,wfo\n").unwrap();
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.people[0].mode, Some(Mode::Wfo));
    }
}
