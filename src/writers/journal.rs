//! The journal of a commit: what moving a run's outputs into place will do, written down
//! before the first output moves, so that a run killed half way (SIGKILL, a power cut) is
//! rolled back by the next run that writes to one of its folders, and a backup is never
//! removed while a journal still needs it.
//!
//! A copy of the journal is written in every folder the commit touches, each listing every
//! copy, every output (its destination, its temporary file and the hidden backup of the file
//! it replaces) and the folders the commit makes. The first copy is the commit point: while
//! it exists the commit has not happened and is rolled back; once it is removed the new
//! outputs are in place and only the backups and the other copies are left to remove.

use std::io::Write;
use std::path::{Path, PathBuf};

/// One output of a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub dest: PathBuf,
    pub temp: PathBuf,
    /// A hidden second name of the file `dest` had before, if it had one.
    pub backup: Option<PathBuf>,
}

/// What a commit does, as written in each of its copies.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Journal {
    /// Every copy, the commit point first.
    pub copies: Vec<PathBuf>,
    /// Folders the commit makes, outermost first.
    pub folders: Vec<PathBuf>,
    pub entries: Vec<Entry>,
}

const MAGIC: &str = "roster-journal 1";
const END: &str = "end";

fn hex(path: &Path) -> String {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn unhex(text: &str) -> Option<PathBuf> {
    if !text.len().is_multiple_of(2) || text.is_empty() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes?)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes?).ok().map(PathBuf::from)
    }
}

impl Journal {
    fn encode(&self) -> String {
        let mut text = format!("{MAGIC}\n");
        for copy in &self.copies {
            text.push_str(&format!("J {}\n", hex(copy)));
        }
        for folder in &self.folders {
            text.push_str(&format!("D {}\n", hex(folder)));
        }
        for e in &self.entries {
            let backup = e.backup.as_deref().map_or_else(|| "-".to_owned(), hex);
            text.push_str(&format!("F {} {} {backup}\n", hex(&e.dest), hex(&e.temp)));
        }
        text.push_str(END);
        text.push('\n');
        text
    }

    /// A journal read back; `None` for one not wholly written (then no output had moved).
    fn decode(text: &str) -> Option<Journal> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let mut journal = Journal::default();
        for line in lines {
            if line == END {
                return Some(journal);
            }
            let fields: Vec<&str> = line.split(' ').collect();
            match fields.as_slice() {
                ["J", path] => journal.copies.push(unhex(path)?),
                ["D", path] => journal.folders.push(unhex(path)?),
                ["F", dest, temp, backup] => journal.entries.push(Entry {
                    dest: unhex(dest)?,
                    temp: unhex(temp)?,
                    backup: match *backup {
                        "-" => None,
                        other => Some(unhex(other)?),
                    },
                }),
                _ => return None,
            }
        }
        None
    }

    /// Writes a copy in each of `folders` (the commit point's first) and syncs them: after
    /// this, outputs may move.
    pub fn write(&mut self, folders: &[PathBuf]) -> std::io::Result<()> {
        let mut files = Vec::new();
        for folder in folders {
            let file = tempfile::Builder::new()
                .prefix(".roster-")
                .suffix(".journal")
                .disable_cleanup(true)
                .tempfile_in(folder)?;
            self.copies.push(file.path().to_owned());
            files.push(file);
        }
        let text = self.encode();
        for file in &mut files {
            file.write_all(text.as_bytes())?;
            file.as_file().sync_all()?;
        }
        for folder in folders {
            // The journal's name in its folder reaches the disk before any output moves.
            if let Ok(dir) = std::fs::File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }

    /// Removes the commit point: from here on the new outputs are the run's.
    pub fn commit_point(&self) -> std::io::Result<()> {
        match self.copies.first() {
            Some(first) => std::fs::remove_file(first),
            None => Ok(()),
        }
    }

    /// After the commit point: removes the backups and the other copies.
    pub fn finish(&self) {
        for backup in self.entries.iter().filter_map(|e| e.backup.as_ref()) {
            let _ = std::fs::remove_file(backup);
        }
        for e in &self.entries {
            let _ = std::fs::remove_file(&e.temp);
        }
        for copy in self.copies.iter().skip(1) {
            let _ = std::fs::remove_file(copy);
        }
    }

    /// Puts every output back as it was before the commit, removes the folders it made, and
    /// then every copy of the journal, the commit point last. Safe to repeat after being
    /// interrupted itself.
    pub fn roll_back(&self) {
        for e in self.entries.iter().rev() {
            match &e.backup {
                Some(backup) => {
                    if backup.exists() {
                        // A backup is a second name of the old file: renaming it over the
                        // destination puts the old file back (and does nothing when the
                        // output had not moved yet, the two names being one file).
                        let _ = std::fs::rename(backup, &e.dest);
                        let _ = std::fs::remove_file(backup);
                    }
                }
                None => {
                    if e.temp.exists() {
                        let _ = std::fs::remove_file(&e.temp);
                    } else {
                        // Moved into place: there was no file before it.
                        let _ = std::fs::remove_file(&e.dest);
                    }
                }
            }
            let _ = std::fs::remove_file(&e.temp);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
        for copy in self.copies.iter().skip(1) {
            let _ = std::fs::remove_file(copy);
        }
        if let Some(first) = self.copies.first() {
            let _ = std::fs::remove_file(first);
        }
    }

    /// Completes the commit whose journal copy is at `path`, left by a run that ended half
    /// way: rolled back while its commit point exists, finished otherwise.
    pub fn recover(path: &Path) {
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        match Journal::decode(&text) {
            // Not wholly written: no output had moved yet.
            None => {
                let _ = std::fs::remove_file(path);
            }
            Some(journal) => {
                if journal.copies.first().is_some_and(|first| first.exists()) {
                    journal.roll_back();
                } else {
                    journal.finish();
                }
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_reads_back_and_a_partial_one_does_not() {
        let journal = Journal {
            copies: vec![PathBuf::from("/a/.roster-abcdef.journal")],
            folders: vec![PathBuf::from("/a/b c")],
            entries: vec![Entry {
                dest: PathBuf::from("/a/b c/x\ny.csv"),
                temp: PathBuf::from("/a/.roster-123456.tmp"),
                backup: None,
            }],
        };
        let text = journal.encode();
        assert_eq!(Journal::decode(&text), Some(journal));
        assert_eq!(Journal::decode(&text[..text.len() - 4]), None);
    }
}
