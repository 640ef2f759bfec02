//! A temp directory to run `roster` in, and paths into the repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `plan` on the small round-trip fixture (11 people, 2 units), with `extra` arguments.
pub fn plan_fixture(extra: &[&str]) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec![
        "plan".into(),
        "--policy".into(),
        repo("tests/fixtures/roundtrip/policy.toml").into(),
        "--staff".into(),
        repo("tests/fixtures/roundtrip/staff.csv").into(),
    ];
    args.extend(extra.iter().map(std::convert::Into::into));
    args
}

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (text or bytes) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect("read output")
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// Runs `roster plan` on the worked example (the Tangerang Selatan 2023 policy and the
    /// example city's staff) with `extra` arguments.
    pub fn plan_example(&self, extra: &[&str]) -> Run {
        let mut args: Vec<std::ffi::OsString> = vec![
            "plan".into(),
            "--policy".into(),
            repo("policies/tangsel-wfh-2023.toml").into(),
            "--staff".into(),
            repo("examples/staff-kota-contoh.csv").into(),
        ];
        args.extend(extra.iter().map(std::convert::Into::into));
        self.roster(&args)
    }

    /// Runs `roster plan -q` on the `policy.toml`, `staff.csv` and `leave.csv` written here.
    pub fn plan_written(&self) -> Run {
        self.roster(&[
            "plan",
            "--policy",
            "policy.toml",
            "--staff",
            "staff.csv",
            "--leave",
            "leave.csv",
            "-q",
        ])
    }

    /// Runs `roster` with these arguments, in this directory.
    pub fn roster<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Run {
        self.roster_env(args, &[])
    }

    /// [`Workdir::roster`] with these environment variables set (`LANG`, `LC_ALL`, ...).
    pub fn roster_env<S: AsRef<std::ffi::OsStr>>(&self, args: &[S], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_roster"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            // Tables as wide as they are, unless a test sets a width.
            .env_remove("COLUMNS")
            // English unless a test sets the locale: the default language follows it.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("LANGUAGE")
            .envs(env.iter().copied())
            .output()
            .expect("run roster")
            .into()
    }
}

/// Whether the slow tests run in full (`ROSTER_SLOW_TESTS=1`, which `.ci/run` sets): the
/// largest inputs at full size and every property at its full number of cases. Without it
/// the same tests run on smaller inputs and fewer cases, so that a fresh clone's `cargo test`
/// stays within a few minutes.
pub fn slow() -> bool {
    std::env::var_os("ROSTER_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// A property's number of cases: `PROPTEST_CASES` when set, otherwise `full` in the slow run
/// and `fast` in the default one.
pub fn cases(fast: u32, full: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if slow() { full } else { fast })
}

/// `full` in the slow run, `fast` in the default one: the size of a large input.
pub fn scale<T>(fast: T, full: T) -> T {
    if slow() { full } else { fast }
}

/// A program the tests need; under CI a missing one fails the test.
pub fn tool(name: &str, package: &str) -> bool {
    let found = Command::new(name)
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs {name}: .ci/run installs {package}"
        );
        eprintln!("{name} is not installed: this test did not run");
    }
    found
}

/// The text of a PDF (`pdftotext -layout`), one string per non-empty page.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = Command::new("pdftotext")
        .args(["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    assert!(text.status.success());
    String::from_utf8_lossy(&text.stdout)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Runs `roster` with `args` in a tmux pane `width` columns wide (a real terminal: the width
/// comes from the pane, `COLUMNS` is unset), in `dir`, and returns what the pane shows, each
/// line that wrapped joined back into one. `None` when tmux is missing (CI then fails).
pub fn in_tmux(dir: &Path, width: u16, args: &[std::ffi::OsString]) -> Option<String> {
    // `tmux -v` would start a verbose client, logging to files here: ask for the version.
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs tmux: .ci/run installs tmux"
        );
        eprintln!("tmux is not installed: this test did not run");
        return None;
    }
    let quote =
        |text: &std::ffi::OsStr| format!("'{}'", text.to_string_lossy().replace('\'', r"'\''"));
    // A server of its own each time: a server just killed may still hold its socket.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let socket = dir.join(format!(".tmux-{run}.sock"));
    let config = dir.join(".tmux.conf");
    std::fs::write(&config, "set -g history-limit 100000\n").expect("tmux config");
    let mut command = format!(
        "cd {} && env -u COLUMNS NO_COLOR=1 {}",
        quote(dir.as_os_str()),
        quote(env!("CARGO_BIN_EXE_roster").as_ref())
    );
    for arg in args {
        command.push(' ');
        command.push_str(&quote(arg));
    }
    // The pane signals when the run is over and stays open to be read.
    command.push_str(&format!(
        "; tmux -S {} wait-for -S done; sleep 600",
        quote(socket.as_os_str())
    ));
    let tmux = |args: &[&str]| {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .arg("-f")
            .arg(&config)
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let width = width.to_string();
    tmux(&[
        "new-session",
        "-d",
        "-x",
        &width,
        "-y",
        "40",
        "-s",
        "roster",
        &command,
    ]);
    tmux(&["wait-for", "done"]);
    let shown = tmux(&[
        "capture-pane",
        "-p",
        "-J",
        "-S",
        "-",
        "-E",
        "-",
        "-t",
        "roster",
    ]);
    tmux(&["kill-server"]);
    Some(shown.trim_end().to_owned())
}
