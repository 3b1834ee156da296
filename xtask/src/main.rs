//! Project chores, run as `cargo xtask <command>`.
//!
//! - `cldr`: regenerate `lexicons/generated/*.tsv` from CLDR (through ICU4X).
//! - `lexicons`: check the hand-written tables `lexicons/countries.tsv` and `lexicons/places.tsv`.

use std::path::PathBuf;

use anyhow::{Result, bail};

mod cldr;
mod lexicons;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["cldr"] => cldr::run(&lexicons_dir()),
        ["lexicons"] => lexicons::run(&lexicons_dir()),
        _ => bail!("usage: cargo xtask <cldr | lexicons>"),
    }
}

/// The workspace's `lexicons/` directory.
fn lexicons_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../lexicons")
}
