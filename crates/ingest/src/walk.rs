//! Expanding paths into files: directories recursively, entries sorted by name.

use crate::Error;
use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;

/// A depth-first walk that yields files (and the paths it could not read) in order.
pub(crate) struct Walk {
    /// Paths still to visit, the next one last.
    stack: Vec<PathBuf>,
    /// Directories already listed (canonical), so that symlink loops end.
    seen: HashSet<PathBuf>,
}

impl Walk {
    pub(crate) fn new(mut roots: Vec<PathBuf>) -> Walk {
        roots.reverse();
        Walk { stack: roots, seen: HashSet::new() }
    }

    /// Lists a directory, pushing its visible entries so that they pop in sorted order.
    fn expand(&mut self, dir: PathBuf) -> Result<(), Error> {
        let io = |source| Error::Io { path: dir.clone(), source };
        let canonical = fs::canonicalize(&dir).map_err(io)?;
        if !self.seen.insert(canonical) {
            return Ok(());
        }
        let mut names = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io)? {
            let name = entry.map_err(io)?.file_name();
            if !name.as_encoded_bytes().starts_with(b".") {
                names.push(name);
            }
        }
        names.sort();
        self.stack.extend(names.into_iter().rev().map(|name| dir.join(name)));
        Ok(())
    }
}

impl Iterator for Walk {
    type Item = Result<PathBuf, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let path = self.stack.pop()?;
            // `metadata` follows symlinks, so a link to a file is read as that file.
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(source) => return Some(Err(Error::Io { path, source })),
            };
            if meta.is_file() {
                return Some(Ok(path));
            }
            if !meta.is_dir() {
                return Some(Err(Error::NotAFile { path }));
            }
            if let Err(e) = self.expand(path) {
                return Some(Err(e));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_recursive_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in ["b.txt", "a/z.txt", "a/c.html", "c.txt", ".hidden.txt", ".git/x.txt"] {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let got: Vec<String> = Walk::new(vec![root.to_owned(), root.join("c.txt")])
            .map(|p| p.unwrap().strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(got, ["a/c.html", "a/z.txt", "b.txt", "c.txt", "c.txt"]);
    }

    #[test]
    fn missing_path_is_one_error() {
        let got: Vec<_> = Walk::new(vec![PathBuf::from("/no/such/dir")]).collect();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap_err().to_string(), "/no/such/dir: cannot read");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_ends() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let got: Vec<_> = Walk::new(vec![dir.path().to_owned()]).map(Result::unwrap).collect();
        assert_eq!(got, [dir.path().join("a.txt")]);
    }
}
