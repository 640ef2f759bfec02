//! Output files, written atomically: each goes to a temporary file in its destination's
//! folder, and only when the whole run has succeeded are they all moved into place. A run that
//! fails or is killed leaves any existing output as it was.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
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
}

/// An output being written; [`Pending::finish`] it, then [`commit`] all of them.
pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    /// An existing file that is not a regular one (`/dev/full`, a named pipe): written in
    /// place, since renaming a temporary file over it would replace the device itself.
    Special {
        path: PathBuf,
        file: BufWriter<std::fs::File>,
    },
    File {
        path: PathBuf,
        file: BufWriter<NamedTempFile>,
    },
}

/// A finished temporary file waiting to be moved into place.
pub struct Pending {
    path: PathBuf,
    file: Option<NamedTempFile>,
}

impl Sink {
    pub fn open(target: &Target) -> Result<Sink> {
        match target {
            Target::Stdout => Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            ))),
            Target::File(path) if path.metadata().is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
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
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                if let Some(file) = dir.ancestors().find(|a| a.is_file()) {
                    return Err(Error::io(
                        path,
                        std::io::Error::other(format!(
                            "{} is a file, so it cannot hold a folder",
                            file.display()
                        )),
                    ));
                }
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                let mut builder = tempfile::Builder::new();
                builder.prefix(".roster-");
                // Like any new file (the umask applies), not the owner-only mode of a temp file.
                #[cfg(unix)]
                builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
                let temp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
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
                temp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
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

/// Moves every finished output into place.
pub fn commit(pending: Vec<Pending>) -> Result<()> {
    for p in pending {
        if let Some(file) = p.file {
            file.persist(&p.path)
                .map_err(|e| Error::io(&p.path, e.error))?;
        }
    }
    Ok(())
}
