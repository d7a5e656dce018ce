//! # book_check — the book's pages, checked by `cargo test`
//!
//! mdBook exits 0 when an `{{#include file}}` names a missing file, says nothing when an anchor
//! is missing (it includes nothing), and never looks at links or images. This crate reads
//! `book.toml`, `SUMMARY.md` and every page `SUMMARY.md` lists, and reports, all at once and
//! with page and line:
//!
//! - an `{{#include path}}`, `{{#include path:anchor}}`, `{{#include path:10:20}}`,
//!   `{{#rustdoc_include ...}}` or `{{#playground ...}}` whose file does not exist, whose anchor
//!   is missing, unclosed or empty, or whose line range starts past the end of the file;
//! - a relative link or image (`[x](path)`, `![x](path)`, `[x]: path`, `<img src>`, `<a href>`)
//!   whose file is missing, is a folder, lies outside the book's source folder (the book would
//!   not copy it), or is a `.md` page the book does not render (not in `SUMMARY.md`);
//!   `http(s):`/`mailto:` links and pure `#fragments` are skipped, `#fragment`s stripped;
//! - a page listed in `SUMMARY.md` that does not exist, and a chapter page
//!   (`<src>/<folder>/README.md`) that `SUMMARY.md` does not link;
//! - a line of code wider than the page's code column ([`CODE_COLUMNS`] characters), in a
//!   region a directive includes or in a page's own code block (it would scroll sideways);
//! - an image (`![alt](path)`, `<img>`) without an alt text.
//!
//! ```no_run
//! let problems = book_check::check_book(std::path::Path::new("."));
//! assert!(problems.is_empty(), "{}", book_check::report(&problems));
//! ```

mod directives;
mod markdown;
mod page;
mod width;

use std::fmt;
use std::path::{Path, PathBuf};

pub use page::check_src;
pub use width::CODE_COLUMNS;

/// One thing wrong with the book, at a file (relative to the book's root) and 1-based line
/// (0 when it concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file.display(), self.message),
            line => write!(f, "{}:{line}: {}", self.file.display(), self.message),
        }
    }
}

/// Checks the book whose `book.toml` is in `root`: its `SUMMARY.md` and every page it lists.
pub fn check_book(root: &Path) -> Vec<Problem> {
    match book_src(root) {
        Ok(src) => check_src(root, &src),
        Err(problem) => vec![problem],
    }
}

/// The `src` folder that `root/book.toml` names in its `[book]` table (mdBook's default: `src`).
pub fn book_src(root: &Path) -> Result<PathBuf, Problem> {
    let text = std::fs::read_to_string(root.join("book.toml")).map_err(|e| Problem {
        file: "book.toml".into(),
        line: 0,
        message: format!("cannot read it: {e} (run from the folder that holds book.toml)"),
    })?;
    let mut table = String::new();
    for line in text.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            table = header.trim_end_matches(']').trim().to_string();
        } else if table == "book" {
            let value = line
                .strip_prefix("src")
                .map(str::trim_start)
                .and_then(|v| v.strip_prefix('='));
            if let Some(value) = value {
                let value = value.split('#').next().unwrap_or("").trim();
                return Ok(PathBuf::from(value.trim_matches(|c| c == '"' || c == '\'')));
            }
        }
    }
    Ok(PathBuf::from("src"))
}

/// All problems as one message: a count, then one `file:line: message` per line.
pub fn report(problems: &[Problem]) -> String {
    let mut out = format!("{} problem(s) in the book's pages:\n", problems.len());
    for p in problems {
        out.push_str(&format!("  {p}\n"));
    }
    out
}
