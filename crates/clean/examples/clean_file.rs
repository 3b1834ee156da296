//! Cleans files and prints each article as JSON, or writes its text to a directory:
//!
//! ```text
//! cargo run -p attache-clean --example clean_file -- page.html seed.txt
//! cargo run -p attache-clean --example clean_file -- --text-to /tmp/out ../shared/seeds/*.txt
//! python3 ../shared/tools/extraction-eval.py --gold seeds /tmp/out
//! ```

use attache_model::{DocId, Format, Meta, RawDoc};
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let out_dir = (args.peek().map(String::as_str) == Some("--text-to")).then(|| {
        args.next();
        PathBuf::from(args.next().expect("--text-to DIR"))
    });
    let cleaner = attache_clean::CleanConfig::default().build().expect("default config builds");
    for path in args {
        let body = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let format = if path.ends_with(".txt") { Format::Text } else { Format::Html };
        let name = Path::new(&path).file_name().expect("a file").to_string_lossy().into_owned();
        let doc =
            RawDoc { id: DocId(name.clone()), origin: path, format, body, meta: Meta::default() };
        match (cleaner.clean(&doc), &out_dir) {
            (Ok(article), Some(dir)) => {
                std::fs::create_dir_all(dir).expect("output directory");
                std::fs::write(dir.join(&name), article.text + "\n").expect("writable output");
            }
            (Ok(article), None) => {
                println!("{}", serde_json::to_string_pretty(&article).expect("serialisable"));
            }
            (Err(e), _) => eprintln!("{e}"),
        }
    }
}
