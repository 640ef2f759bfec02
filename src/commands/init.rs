//! `roster init [FILE]`: a commented starter policy.

use super::print;
use crate::cli::InitArgs;
use crate::error::{Error, Result, exit};
use crate::facts::run::RunProblem;
use std::io::Write;
use std::path::Path;

/// Plans the example staff without edits (tested).
pub const STARTER: &str = include_str!("../starter.toml");

pub fn init(args: &InitArgs, lang: crate::lang::Lang) -> Result<u8> {
    let Some(path) = &args.file else {
        print(STARTER)?;
        return Ok(exit::OK);
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".roster-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    temp.write_all(STARTER.as_bytes())
        .map_err(|e| Error::io(path, e))?;
    // Never overwrite: a policy someone edited is worth more than a starter.
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::usage(RunProblem::InitExists {
                path: path.to_owned(),
            })
        } else {
            Error::io(path, e.error)
        }
    })?;
    let wrote = crate::lang::fill_named(
        lang.labels().run.wrote,
        &[("path", &path.display().to_string())],
    );
    super::eprint(&format!("{wrote}\n"));
    Ok(exit::OK)
}
