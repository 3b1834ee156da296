//! What the binary's test files share: where the workspace is, and running `attache`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Runs `attache --db DB ARGS…` to completion.
pub(crate) fn attache(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run attache")
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
