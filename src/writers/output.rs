//! Output files, all or nothing.
//!
//! A run's outputs are settled before any work ([`Outputs::settle`]): two flags naming one
//! file, an output that is an input, a folder or a read-only file, and a folder another run is
//! writing to are refused then. Each output is written to a hidden temporary file
//! (`.roster-XXXXXX.tmp`) beside its destination, or in the nearest folder that exists when the
//! destination's folders are still to be made, and only when the whole run has succeeded are
//! they all moved into place ([`commit`]) under a [`Journal`]: a commit that fails half way,
//! or that a signal interrupts, puts back what it had replaced and removes the folders it
//! made, so a failed run leaves every output as it was; a run killed half way is rolled back
//! (or finished, past its commit point) by the next run that writes to one of its folders.
//! SIGINT, SIGTERM and SIGHUP remove the temporary files before the process ends; a file left
//! by SIGKILL is removed by the next run that writes to the same folder.

use super::journal::{Entry, Journal};
use crate::error::{Error, Result};
use crate::facts::run::{OsError, RunProblem};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use tempfile::NamedTempFile;

/// Where an output goes: a file, or standard output for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn parse(text: &Path) -> Target {
        if text == Path::new("-") {
            Target::Stdout
        } else {
            Target::File(text.to_owned())
        }
    }

    /// How errors name it.
    pub fn name(&self) -> PathBuf {
        match self {
            Target::Stdout => PathBuf::from("<stdout>"),
            Target::File(path) => path.clone(),
        }
    }
}

/// `text` as one file or folder name: separators and control characters become `_`, and a
/// name made only of dots (`..`), or no name at all, is spelled with `_` instead.
pub fn safe_component(text: &str) -> String {
    let name: String = text
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if name.chars().all(|c| c == '.') {
        return "_".repeat(name.len().max(1));
    }
    name
}

/// The outputs a command can write, each named on the command line by its flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// `--out`: the roster (`plan`), the attendance days (`attendance`), the report (`report`).
    Out,
    Wide,
    Summary,
    Xlsx,
    Html,
    Pdf,
    Ics,
    Changes,
    RequestsReport,
    Causes,
    /// `attendance --actual`.
    Actual,
}

impl Output {
    /// Its flag, as messages name it.
    pub fn flag(self) -> &'static str {
        match self {
            Output::Out => "--out",
            Output::Wide => "--wide",
            Output::Summary => "--summary",
            Output::Xlsx => "--xlsx",
            Output::Html => "--html",
            Output::Pdf => "--pdf",
            Output::Ics => "--ics",
            Output::Changes => "--changes",
            Output::RequestsReport => "--requests-report",
            Output::Causes => "--causes",
            Output::Actual => "--actual",
        }
    }
}

/// The checked outputs of one run, and the locks on the folders they are written in.
pub struct Outputs {
    /// Each output's flag and destination, in the order given.
    targets: Vec<(Output, Destination)>,
    /// Each input, and the one output flag that may replace it (a re-plan's `--out` replaces
    /// the published roster whole).
    inputs: Vec<(PathBuf, Option<FileId>, Option<Output>)>,
    /// Folders whose files of these kinds a run reads (`--requests DIR`): an output there
    /// would be read back as an input by the next run.
    read_folders: Vec<(PathBuf, &'static [&'static str])>,
    /// Locked folders, by identity.
    locks: BTreeMap<PathBuf, File>,
}

/// Where one output flag writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    One(Target),
    /// `{unit}` in the path: a file per unit, indexed by unit id once expanded.
    PerUnit {
        template: PathBuf,
        files: Vec<Target>,
    },
    /// `{nip}` in the path (calendars only): a file per person, in the order of the list
    /// given to [`Outputs::expand_people`] once expanded.
    PerPerson {
        template: PathBuf,
        files: Vec<Target>,
    },
}

/// The placeholder that splits an output into a file per unit.
pub const UNIT: &str = "{unit}";
/// The placeholder that splits an output into a file per person.
pub const NIP: &str = "{nip}";
/// The one output whose files may be split per person.
const PER_PERSON: Output = Output::Ics;
/// Why no other flag's destination is ever [`Destination::PerPerson`].
pub const PER_PERSON_ONLY: &str = "{nip} is refused outside --ics when the outputs are settled";

/// One concrete output path being checked: its flag, and the unit it is for.
struct Checked<'a> {
    flag: Output,
    path: &'a Path,
    unit: Option<&'a str>,
}

impl Outputs {
    /// Checks the outputs against each other, against the inputs and against the file system,
    /// and locks the folders they will be written in. Nothing is created. Paths holding
    /// `{unit}` are checked as they are, and again file by file in [`Outputs::expand_units`].
    pub fn settle(outputs: Vec<(Output, PathBuf)>, inputs: &[PathBuf]) -> Result<Outputs> {
        let inputs: Vec<Input> = inputs.iter().map(|p| Input::new(p.clone())).collect();
        Outputs::settle_inputs(outputs, &inputs, &[])
    }

    /// [`Outputs::settle`] with inputs that one flag may replace, and folders whose files
    /// of some kinds are read as inputs (`--requests DIR`), in which no such output may go.
    pub fn settle_inputs(
        outputs: Vec<(Output, PathBuf)>,
        inputs: &[Input],
        read_folders: &[(PathBuf, &'static [&'static str])],
    ) -> Result<Outputs> {
        let stdout = outputs.iter().filter(|(_, p)| p == Path::new("-")).count();
        if stdout > 1 {
            return Err(Error::usage(RunProblem::OneStdout {}));
        }
        let mut settled = Outputs {
            targets: Vec::new(),
            inputs: inputs
                .iter()
                .map(|i| (identity(&i.path), FileId::of(&i.path), i.replaced_by))
                .collect(),
            read_folders: read_folders
                .iter()
                .map(|(folder, kinds)| (identity(folder), *kinds))
                .collect(),
            locks: BTreeMap::new(),
        };
        let checked: Vec<Checked> = outputs
            .iter()
            .map(|(flag, path)| Checked {
                flag: *flag,
                path,
                unit: None,
            })
            .collect();
        settled.check(&checked)?;
        if let Some((flag, _)) = (outputs.iter())
            .find(|(flag, path)| *flag != PER_PERSON && path.to_string_lossy().contains(NIP))
        {
            return Err(Error::usage(RunProblem::NipOnlyIcs {
                flag: flag.flag(),
                nip: NIP,
                unit: UNIT,
            }));
        }
        settled.targets = outputs
            .into_iter()
            .map(|(flag, path)| {
                let destination = if path.to_string_lossy().contains(NIP) {
                    Destination::PerPerson {
                        template: path,
                        files: Vec::new(),
                    }
                } else if path.to_string_lossy().contains(UNIT) {
                    Destination::PerUnit {
                        template: path,
                        files: Vec::new(),
                    }
                } else {
                    Destination::One(Target::parse(&path))
                };
                (flag, destination)
            })
            .collect();
        Ok(settled)
    }

    /// Fills `{unit}` with each unit's name (made one safe file name), and checks every file
    /// that gives: two units that would share a file are an error, not an overwrite.
    pub fn expand_units(&mut self, units: &[String]) -> Result<()> {
        if !self
            .targets
            .iter()
            .any(|(_, d)| matches!(d, Destination::PerUnit { .. }))
        {
            return Ok(());
        }
        let names: Vec<String> = units.iter().map(|u| safe_component(u)).collect();
        let mut expanded: Vec<(Output, Vec<PathBuf>)> = Vec::new();
        for (flag, destination) in &self.targets {
            if let Destination::PerUnit { template, .. } = destination {
                let text = template.to_string_lossy();
                let files = names
                    .iter()
                    .map(|name| PathBuf::from(text.replace(UNIT, name)))
                    .collect();
                expanded.push((*flag, files));
            }
        }
        let single: Vec<(Output, PathBuf)> = (self.targets.iter())
            .filter_map(|(flag, destination)| match destination {
                Destination::One(Target::File(path)) => Some((*flag, path.clone())),
                _ => None,
            })
            .collect();
        let mut checked: Vec<Checked> = (single.iter())
            .map(|(flag, path)| Checked {
                flag: *flag,
                path,
                unit: None,
            })
            .collect();
        for (flag, files) in &expanded {
            for (unit, path) in units.iter().zip(files) {
                checked.push(Checked {
                    flag: *flag,
                    path,
                    unit: Some(unit),
                });
            }
        }
        self.check(&checked)?;
        let mut expanded = expanded.into_iter();
        for (_, destination) in &mut self.targets {
            if let Destination::PerUnit { files, .. } = destination {
                let (_, paths) = expanded.next().expect("one list per {unit} output");
                *files = paths.into_iter().map(Target::File).collect();
            }
        }
        Ok(())
    }

    /// Fills `{nip}` (and `{unit}`) with each person's NIP and unit, `people` holding
    /// `(nip, unit)` in the order the files are wanted, and checks every file that gives
    /// against each other and against the files already expanded.
    pub fn expand_people(&mut self, people: &[(&str, &str)]) -> Result<()> {
        let mut expanded: Vec<(Output, Vec<PathBuf>)> = Vec::new();
        for (flag, destination) in &self.targets {
            if let Destination::PerPerson { template, .. } = destination {
                let text = template.to_string_lossy();
                let files = (people.iter())
                    .map(|(nip, unit)| {
                        let path = text.replace(NIP, &safe_component(nip));
                        PathBuf::from(path.replace(UNIT, &safe_component(unit)))
                    })
                    .collect();
                expanded.push((*flag, files));
            }
        }
        if expanded.is_empty() {
            return Ok(());
        }
        let mut others: Vec<(Output, PathBuf)> = Vec::new();
        for (flag, destination) in &self.targets {
            match destination {
                Destination::One(Target::File(path)) => others.push((*flag, path.clone())),
                Destination::PerUnit { files, .. } => {
                    others.extend(files.iter().map(|t| (*flag, t.name())));
                }
                _ => {}
            }
        }
        // Two people in one file is the only clash among a flag's own files.
        for (flag, files) in &expanded {
            let mut seen: HashMap<PathBuf, usize> = HashMap::new();
            for (i, path) in files.iter().enumerate() {
                if let Some(&earlier) = seen.get(&identity(path)) {
                    return Err(Error::usage(RunProblem::PeopleSameFile {
                        flag: flag.flag(),
                        a: people[earlier].0.to_owned(),
                        b: people[i].0.to_owned(),
                        path: path.clone(),
                    }));
                }
                seen.insert(identity(path), i);
            }
        }
        let mut checked: Vec<Checked> = (others.iter())
            .map(|(flag, path)| Checked {
                flag: *flag,
                path,
                unit: None,
            })
            .collect();
        for (flag, files) in &expanded {
            checked.extend(files.iter().map(|path| Checked {
                flag: *flag,
                path,
                unit: None,
            }));
        }
        self.check(&checked)?;
        let mut expanded = expanded.into_iter();
        for (_, destination) in &mut self.targets {
            if let Destination::PerPerson { files, .. } = destination {
                let (_, paths) = expanded.next().expect("one list per {nip} output");
                *files = paths.into_iter().map(Target::File).collect();
            }
        }
        Ok(())
    }

    /// Refuses outputs that name an input or each other, and destinations that cannot be
    /// replaced; locks the folders not locked yet.
    fn check(&mut self, outputs: &[Checked]) -> Result<()> {
        let mut seen: HashMap<PathBuf, usize> = HashMap::new();
        let mut seen_files: HashMap<FileId, usize> = HashMap::new();
        let mut folders = BTreeMap::new();
        for (i, out) in outputs.iter().enumerate() {
            if out.path == Path::new("-") {
                continue;
            }
            // A name of roster's own temporary files would be removed by the next run.
            if out
                .path
                .file_name()
                .is_some_and(|n| is_temporary_name(&n.to_string_lossy()))
            {
                return Err(Error::usage(RunProblem::TemporaryName {
                    flag: out.flag.flag(),
                    path: out.path.to_owned(),
                }));
            }
            let (id, file) = (identity(out.path), FileId::of(out.path));
            let is_input = self.inputs.iter().find(|(input, input_file, replaced_by)| {
                (*input == id || (file.is_some() && *input_file == file))
                    && *replaced_by != Some(out.flag)
            });
            if let Some((input, _, _)) = is_input {
                return Err(Error::usage(RunProblem::OutputIsInput {
                    flag: out.flag.flag(),
                    path: out.path.to_owned(),
                    input: input.clone(),
                }));
            }
            if let Some((folder, _)) = self.read_folders.iter().find(|(folder, kinds)| {
                id.parent() == Some(folder.as_path())
                    && id
                        .extension()
                        .is_some_and(|e| kinds.iter().any(|k| e.eq_ignore_ascii_case(k)))
            }) {
                return Err(Error::usage(RunProblem::OutputInInputFolder {
                    flag: out.flag.flag(),
                    path: out.path.to_owned(),
                    folder: folder.clone(),
                }));
            }
            let earlier = seen
                .get(&id)
                .or_else(|| file.and_then(|f| seen_files.get(&f)));
            if let Some(&earlier) = earlier {
                let other = &outputs[earlier];
                return Err(Error::usage(match (other.unit, out.unit) {
                    (Some(a), Some(b)) if other.flag == out.flag => RunProblem::UnitsSameFile {
                        flag: out.flag.flag(),
                        a: a.to_owned(),
                        b: b.to_owned(),
                        path: out.path.to_owned(),
                        unit: UNIT,
                    },
                    _ => RunProblem::SameFile {
                        flag: other.flag.flag(),
                        path: other.path.to_owned(),
                        other_flag: out.flag.flag(),
                        other_path: out.path.to_owned(),
                    },
                }));
            }
            check_destination(out.path)?;
            seen.insert(id, i);
            if let Some(file) = file {
                seen_files.insert(file, i);
            }
            // One lock per folder, however its outputs' paths spell it.
            if !is_special(out.path) {
                let folder = staging_folder(out.path);
                folders.entry(identity(&folder)).or_insert(folder);
            }
        }
        for (id, folder) in folders {
            if let std::collections::btree_map::Entry::Vacant(entry) = self.locks.entry(id) {
                entry.insert(lock(&folder)?);
            }
        }
        Ok(())
    }

    /// The one file `flag` writes, for commands that write no file per unit.
    pub fn single(&self, flag: Output) -> Result<Option<&Target>> {
        match self.get(flag) {
            None => Ok(None),
            Some(Destination::One(target)) => Ok(Some(target)),
            Some(Destination::PerUnit { .. } | Destination::PerPerson { .. }) => {
                Err(Error::usage(RunProblem::PerUnitOnly {
                    flag: flag.flag(),
                    unit: UNIT,
                }))
            }
        }
    }

    /// Where `flag` writes, if that output was asked for.
    pub fn get(&self, flag: Output) -> Option<&Destination> {
        self.targets
            .iter()
            .find(|(f, _)| *f == flag)
            .map(|(_, d)| d)
    }
}

/// An input file of a run, for [`Outputs::settle_inputs`].
pub struct Input {
    pub path: PathBuf,
    /// The one output flag that may replace it, if any.
    pub replaced_by: Option<Output>,
}

impl Input {
    pub fn new(path: PathBuf) -> Input {
        Input {
            path,
            replaced_by: None,
        }
    }
}

/// A file's identity on disk, to see two paths (links, hard links) to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct FileId(u64, u64);

impl FileId {
    fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            path.metadata().ok().map(|m| FileId(m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// The path with symbolic links resolved as far as it exists, and `.`/`..` taken out of the
/// part that does not exist yet.
fn identity(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// An existing file that is not a regular one (`/dev/null`, a named pipe): written in place.
fn is_special(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// The folder an output's temporary file goes in: its own, or the nearest one that exists.
fn staging_folder(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    dir.ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.is_dir())
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

/// What can be known before the run about whether `path` can be replaced.
fn check_destination(path: &Path) -> Result<()> {
    if let Some(file) = path
        .parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .find(|a| !a.as_os_str().is_empty() && a.is_file())
    {
        return Err(Error::output(
            path,
            RunProblem::ParentIsFile {
                file: file.to_owned(),
            },
        ));
    }
    let Ok(meta) = path.metadata() else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(Error::output(path, RunProblem::IsFolder {}));
    }
    // Replacing a file by renaming over it needs only the folder's write permission; the
    // file's own says whether its owner meant it to be written, so ask for that.
    if meta.is_file() {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| Error::output(path, RunProblem::NotWritable { why: OsError(e) }))?;
    }
    Ok(())
}

/// Locks `folder` for this run (an advisory lock on the folder itself; nothing is created),
/// and removes the temporary files an earlier run killed there left behind.
fn lock(folder: &Path) -> Result<File> {
    let handle = File::open(folder).map_err(|e| Error::io(folder, e))?;
    match handle.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Error::output(folder, RunProblem::FolderLocked {}));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(folder, e)),
    }
    recover_journals(folder);
    remove_abandoned(folder);
    Ok(handle)
}

/// Completes the commits of runs killed while moving their outputs into place (rolled back
/// unless they had reached their commit point), before anything else is removed: a backup
/// such a commit needs is never taken for an abandoned file.
fn recover_journals(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let me = process_owner();
    let _commit = COMMITTING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(is_temporary_name(&name) && name.ends_with(".journal")) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.is_file() && me.is_some() && owner(&meta) == me {
            Journal::recover(&entry.path());
        }
    }
}

/// Temporary files of a run that no longer exists: ours by name and owner, and abandoned
/// since no other run can hold the folder's lock while this one does.
fn remove_abandoned(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let me = process_owner();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !is_temporary_name(&name) || name.ends_with(".journal") {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.is_file() && me.is_some() && owner(&meta) == me {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `.roster-` and six letters or digits, then `.tmp` (an output being written), `.old` (one
/// being replaced), `.journal` (a commit's journal), or nothing (the form earlier versions
/// used). No output may have such a name (see [`Outputs::check`]).
fn is_temporary_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(".roster-") else {
        return false;
    };
    let random = rest
        .strip_suffix(".tmp")
        .or_else(|| rest.strip_suffix(".old"))
        .or_else(|| rest.strip_suffix(".journal"))
        .unwrap_or(rest);
    random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(unix)]
fn owner(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    Some(meta.uid())
}

#[cfg(not(unix))]
fn owner(_: &std::fs::Metadata) -> Option<u32> {
    None
}

/// The user this process runs as, read from `/proc/self` (None elsewhere: then nothing is
/// removed).
fn process_owner() -> Option<u32> {
    std::fs::metadata("/proc/self").ok().and_then(|m| owner(&m))
}

/// Temporary files being written, removed by the signal handler.
static LIVE: Mutex<std::collections::BTreeSet<PathBuf>> =
    Mutex::new(std::collections::BTreeSet::new());
/// Held while outputs are moved into place, so that a signal waits for a commit to finish.
static COMMITTING: Mutex<()> = Mutex::new(());

fn live() -> std::sync::MutexGuard<'static, std::collections::BTreeSet<PathBuf>> {
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Set when SIGINT, SIGTERM or SIGHUP arrives: a commit in progress rolls back.
static SIGNALLED: AtomicBool = AtomicBool::new(false);
/// Set once a commit has passed its commit point: the run is then let finish on its own.
static COMMITTED: AtomicBool = AtomicBool::new(false);

fn interrupted() -> bool {
    SIGNALLED.load(Ordering::SeqCst)
}

/// On SIGINT, SIGTERM or SIGHUP: let a commit in progress roll back, remove every temporary
/// file, then end the way the signal would have. A signal that comes once the outputs are in
/// place lets the run finish (the summary is printed and the exit code is the run's), since
/// the outputs are already the new ones.
pub fn remove_temporary_files_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            SIGNALLED.store(true, Ordering::SeqCst);
            let _commit = COMMITTING
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if COMMITTED.load(Ordering::SeqCst) {
                return;
            }
            for path in std::mem::take(&mut *live()) {
                let _ = std::fs::remove_file(path);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// A temporary file that is known to the signal handler while it lives.
pub struct Temporary {
    /// Taken only when the file is moved into place.
    file: Option<NamedTempFile>,
}

impl Temporary {
    fn new(folder: &Path, like: Option<&std::fs::Metadata>) -> std::io::Result<Temporary> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(".roster-").suffix(".tmp");
        // Like any new file (the umask applies), not the owner-only mode of a temp file.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let file = builder.tempfile_in(folder)?;
        live().insert(file.path().to_owned());
        #[cfg(unix)]
        if let Some(meta) = like {
            // An output that is replaced keeps its owner where the process may set it, and
            // its permission bits (a private roster stays private).
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(file.as_file(), Some(meta.uid()), Some(meta.gid()));
            file.as_file().set_permissions(meta.permissions())?;
        }
        #[cfg(not(unix))]
        let _ = like;
        Ok(Temporary { file: Some(file) })
    }

    fn get(&self) -> &NamedTempFile {
        self.file
            .as_ref()
            .expect("a temporary file until it is placed")
    }

    fn forget(path: &Path) {
        live().remove(path);
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            Temporary::forget(file.path());
        }
    }
}

/// An output being written; [`Sink::finish`] it, then [`commit`] all of them.
pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    /// An existing file that is not a regular one (`/dev/full`, a named pipe): written in
    /// place, since renaming a temporary file over it would replace the device itself.
    Special {
        path: PathBuf,
        file: BufWriter<File>,
    },
    File {
        path: PathBuf,
        file: BufWriter<Temporary>,
    },
}

/// A finished temporary file waiting to be moved into place.
pub struct Pending {
    path: PathBuf,
    file: Option<Temporary>,
}

impl Write for Temporary {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("not placed yet").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("not placed yet").flush()
    }
}

impl Sink {
    pub fn open(target: &Target) -> Result<Sink> {
        match target {
            Target::Stdout => Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            ))),
            Target::File(path) if is_special(path) => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| Error::io(path, e))?;
                Ok(Sink::Special {
                    path: path.clone(),
                    file: BufWriter::with_capacity(1 << 16, file),
                })
            }
            Target::File(path) => {
                check_destination(path)?;
                let existing = path.metadata().ok().filter(std::fs::Metadata::is_file);
                let temp = Temporary::new(&staging_folder(path), existing.as_ref())
                    .map_err(|e| Error::io(path, e))?;
                Ok(Sink::File {
                    path: path.clone(),
                    file: BufWriter::with_capacity(1 << 16, temp),
                })
            }
        }
    }

    /// Flushes and syncs the data; the file is not in place until [`commit`].
    pub fn finish(self) -> Result<Pending> {
        match self {
            Sink::Stdout(mut out) => {
                out.flush().map_err(|e| Error::io("<stdout>", e))?;
                Ok(Pending {
                    path: PathBuf::from("-"),
                    file: None,
                })
            }
            Sink::Special { path, mut file } => {
                file.flush().map_err(|e| Error::io(&path, e))?;
                Ok(Pending { path, file: None })
            }
            Sink::File { path, file } => {
                let temp = file
                    .into_inner()
                    .map_err(|e| Error::io(&path, e.into_error()))?;
                temp.get()
                    .as_file()
                    .sync_all()
                    .map_err(|e| Error::io(&path, e))?;
                Ok(Pending {
                    path,
                    file: Some(temp),
                })
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::Special { file, .. } => file.write(buf),
            Sink::File { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Special { file, .. } => file.flush(),
            Sink::File { file, .. } => file.flush(),
        }
    }
}

/// Moves every finished output into place, or none. A [`Journal`] of the whole commit is
/// written first, in every folder it touches: a step that fails, or a signal that arrives
/// before the last output has moved, rolls back to the old outputs, and so does the next
/// run after a run killed half way.
pub fn commit(pending: Vec<Pending>) -> Result<()> {
    let commit_lock = COMMITTING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Everything that can be seen to fail is seen before the first file moves.
    for p in pending.iter().filter(|p| p.file.is_some()) {
        check_destination(&p.path)?;
    }
    let mut journal = Journal::default();
    let mut moves = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    let fail = |journal: &Journal, path: &Path, e: std::io::Error| {
        journal.roll_back();
        Error::io(path, e)
    };
    for p in pending {
        let Some(mut temp) = p.file else { continue };
        let file = temp.file.take().expect("placed once");
        let dir = parent_of(&p.path);
        for folder in dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            let folder = absolute(folder);
            if !journal.folders.contains(&folder) {
                journal.folders.push(folder);
            }
        }
        let backup = if p.path.is_file() {
            match keep_old(&p.path, dir) {
                Ok(backup) => Some(backup),
                Err(e) => return Err(fail(&journal, &p.path, e)),
            }
        } else {
            None
        };
        let staging = file.path().parent().map(Path::to_owned).unwrap_or_default();
        if !folders.contains(&staging) {
            folders.push(staging);
        }
        journal.entries.push(Entry {
            dest: absolute(&p.path),
            temp: absolute(file.path()),
            backup: backup.as_deref().map(absolute),
        });
        moves.push((p.path, file));
    }
    if moves.is_empty() {
        return Ok(());
    }
    if let Err(e) = journal.write(&folders) {
        let path = moves[0].0.clone();
        return Err(fail(&journal, &path, e));
    }
    let mut files = Vec::new();
    for (path, file) in moves {
        if interrupted() {
            journal.roll_back();
            end_by_the_signal(commit_lock);
        }
        let whole = absolute(&path);
        for folder in journal.folders.iter().filter(|f| whole.starts_with(f)) {
            if !folder.exists()
                && let Err(e) = std::fs::create_dir(folder)
            {
                return Err(fail(&journal, folder, e));
            }
        }
        let temp_path = file.path().to_owned();
        match file.persist(&path) {
            Ok(file) => {
                Temporary::forget(&temp_path);
                files.push(file);
            }
            Err(e) => {
                Temporary::forget(&temp_path);
                return Err(fail(&journal, &path, e.error));
            }
        }
    }
    if interrupted() {
        journal.roll_back();
        end_by_the_signal(commit_lock);
    }
    if let Err(e) = journal.commit_point() {
        let path = journal.copies.first().cloned().unwrap_or_default();
        return Err(fail(&journal, &path, e));
    }
    COMMITTED.store(true, Ordering::SeqCst);
    journal.finish();
    Ok(())
}

/// After a commit rolled back for a signal: lets the signal handler, waiting for the commit,
/// remove the temporary files and end the process the way the signal would have.
fn end_by_the_signal(commit_lock: std::sync::MutexGuard<'_, ()>) -> ! {
    drop(commit_lock);
    loop {
        std::thread::park();
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// A hidden second name for the file at `path` (a copy where hard links are not supported),
/// so that it can be put back.
fn keep_old(path: &Path, dir: &Path) -> std::io::Result<PathBuf> {
    let backup = |link: bool| {
        tempfile::Builder::new()
            .prefix(".roster-")
            .suffix(".old")
            .disable_cleanup(true)
            .make_in(dir, |p| {
                if link {
                    std::fs::hard_link(path, p)?;
                } else {
                    std::fs::copy(path, p)?;
                }
                Ok(p.to_owned())
            })
            .map(|named| named.path().to_owned())
    };
    backup(true).or_else(|_| backup(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_exactly() {
        assert!(is_temporary_name(".roster-a1B2c3.tmp"));
        assert!(is_temporary_name(".roster-a1B2c3.old"));
        assert!(is_temporary_name(".roster-a1B2c3"));
        assert!(is_temporary_name(".roster-a1B2c3.journal"));
        assert!(!is_temporary_name(".roster-a1B2c.tmp"));
        assert!(!is_temporary_name(".roster-a1B2c3.csv"));
        assert!(!is_temporary_name("roster-a1B2c3.tmp"));
        assert!(!is_temporary_name(".roster-a1-2c3.tmp"));
    }

    #[test]
    fn identity_sees_through_dots_of_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let a = identity(&dir.path().join("x/../a.csv"));
        let b = identity(&dir.path().join("./a.csv"));
        assert_eq!(a, b);
    }
}
