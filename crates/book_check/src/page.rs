//! Checking `SUMMARY.md` and the pages it lists.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::Problem;
use crate::directives::{
    AnchorError, Directive, Selection, anchor_body, anchor_names, find_directives,
};
use crate::markdown::{Kind, Target, find_targets};
use crate::width::{CODE_COLUMNS, columns, fenced_code_lines, line_number_in};

/// The book being checked: where it is and which pages `SUMMARY.md` lists.
struct Book {
    /// The folder of `book.toml`, normalised.
    root: PathBuf,
    /// The source folder as `book.toml` names it (`chapters`), for messages.
    src: PathBuf,
    /// `root/src`, normalised.
    src_dir: PathBuf,
    /// The pages `SUMMARY.md` links (drafts `[Title]()` excluded), normalised.
    pages: BTreeSet<PathBuf>,
}

/// Checks `root/src/SUMMARY.md` and every page it lists; problems sorted by file and line.
pub fn check_src(root: &Path, src: &Path) -> Vec<Problem> {
    let root = normalize(root);
    let src_dir = normalize(&root.join(src));
    let summary = Path::new("SUMMARY.md");
    let text = match fs::read_to_string(src_dir.join(summary)) {
        Ok(text) => text,
        Err(e) => {
            let message = format!("cannot read it: {e} (mdBook needs it to know the book's pages)");
            return vec![Problem {
                file: src.join(summary),
                line: 0,
                message,
            }];
        }
    };
    let entries: Vec<Target> = find_targets(&text)
        .into_iter()
        .filter(|t| !t.dest.is_empty())
        .collect();
    let pages = entries
        .iter()
        .map(|t| normalize(&src_dir.join(local_path(&t.dest))))
        .collect();
    let book = Book {
        root,
        src: src.to_path_buf(),
        src_dir,
        pages,
    };

    let mut problems = Vec::new();
    for entry in &entries {
        let page = local_path(&entry.dest);
        if !book.src_dir.join(&page).is_file() {
            problems.push(Problem {
                file: src.join(summary),
                line: entry.line,
                message: format!(
                    "lists the page `{}`, which does not exist: write it, or make the entry a draft `[Title]()`",
                    entry.dest
                ),
            });
        }
    }
    book.check_includes(summary, &text, &mut problems);
    for entry in &entries {
        let page = local_path(&entry.dest);
        if let Ok(text) = fs::read_to_string(book.src_dir.join(&page)) {
            book.check_includes(&page, &text, &mut problems);
            book.check_links(&page, &text, &mut problems);
            book.check_page_code_width(&page, &text, &mut problems);
        }
    }
    book.check_unlisted_chapters(&mut problems);
    problems.sort();
    problems.dedup();
    problems
}

impl Book {
    fn problem(&self, page: &Path, line: usize, message: String) -> Problem {
        Problem {
            file: self.src.join(page),
            line,
            message,
        }
    }

    /// `path` relative to the book's root when it is inside it, for messages.
    fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    fn page_dir(&self, page: &Path) -> PathBuf {
        self.src_dir
            .join(page)
            .parent()
            .map_or_else(|| self.src_dir.clone(), Path::to_path_buf)
    }

    fn check_includes(&self, page: &Path, text: &str, problems: &mut Vec<Problem>) {
        let dir = self.page_dir(page);
        for d in find_directives(text) {
            if let Err(message) = self.check_directive(&dir, &d) {
                problems.push(self.problem(page, d.line, format!("`{}`: {message}", d.text)));
            } else {
                for message in self.wide_included_lines(&dir, &d) {
                    problems.push(self.problem(page, d.line, format!("`{}`: {message}", d.text)));
                }
            }
        }
    }

    /// The lines a (valid) directive includes that are wider than the code column, as messages
    /// naming the file and line.
    fn wide_included_lines(&self, dir: &Path, d: &Directive) -> Vec<String> {
        let file = normalize(&dir.join(&d.path));
        let Ok(contents) = fs::read_to_string(&file) else {
            return vec![];
        };
        let lines: Vec<&str> = match &d.spec {
            Selection::Whole => contents.lines().collect(),
            Selection::Anchor(name) => anchor_body(&contents, name).unwrap_or_default(),
            Selection::Lines { start, end } => {
                let all = contents.lines().skip(*start);
                all.take(end.map_or(usize::MAX, |e| e - start)).collect()
            }
        };
        let shown = self.shown(&file);
        lines
            .into_iter()
            .filter(|l| columns(l) > CODE_COLUMNS)
            .map(|l| {
                format!(
                    "includes {shown}:{}, {} characters wide; the book's code column holds \
                     {CODE_COLUMNS} (it would scroll sideways): shorten the line",
                    line_number_in(&contents, l),
                    columns(l)
                )
            })
            .collect()
    }

    /// Lines of the page's own code blocks (program output, commands) wider than the column.
    fn check_page_code_width(&self, page: &Path, text: &str, problems: &mut Vec<Problem>) {
        for (line, code) in fenced_code_lines(text) {
            let n = columns(code);
            if n > CODE_COLUMNS {
                let message = format!(
                    "a code line {n} characters wide; the book's code column holds \
                     {CODE_COLUMNS} (it would scroll sideways): shorten or break it"
                );
                problems.push(self.problem(page, line, message));
            }
        }
    }

    fn check_directive(&self, dir: &Path, d: &Directive) -> Result<(), String> {
        let file = normalize(&dir.join(&d.path));
        let shown = self.shown(&file);
        if !file.is_file() {
            return Err(format!("there is no file {shown}"));
        }
        let contents =
            fs::read_to_string(&file).map_err(|e| format!("cannot read {shown}: {e}"))?;
        match &d.spec {
            Selection::Whole => Ok(()),
            Selection::Anchor(name) => match anchor_body(&contents, name) {
                Ok(_) => Ok(()),
                Err(AnchorError::Missing) => {
                    let names = anchor_names(&contents);
                    Err(match names.is_empty() {
                        true => format!(
                            "{shown} has no anchors: mark the code with `// ANCHOR: {name}` and `// ANCHOR_END: {name}`"
                        ),
                        false => format!(
                            "{shown} has no anchor `{name}` (its anchors: {})",
                            names.join(", ")
                        ),
                    })
                }
                Err(AnchorError::Unclosed) => Err(format!(
                    "anchor `{name}` in {shown} has no `ANCHOR_END: {name}` (mdBook would include the rest of the file)"
                )),
                Err(AnchorError::Empty) => Err(format!("anchor `{name}` in {shown} is empty")),
            },
            Selection::Lines { start, end } => {
                let count = contents.lines().count();
                if *start >= count {
                    Err(format!(
                        "{shown} has only {count} lines, the range starts at line {}",
                        start + 1
                    ))
                } else if end.is_some_and(|e| e <= *start) {
                    Err("the line range is empty".to_string())
                } else {
                    Ok(())
                }
            }
        }
    }

    fn check_links(&self, page: &Path, text: &str, problems: &mut Vec<Problem>) {
        let dir = self.page_dir(page);
        for t in find_targets(text) {
            if let Err(message) = self.check_target(&dir, &t) {
                problems.push(self.problem(page, t.line, message));
            }
            if t.kind == Kind::Image && t.alt.is_none() {
                let message = format!(
                    "image `{}` has no alt text: say what the figure shows, `![what it shows](..)` \
                     or `<img alt=\"..\" ..>`",
                    t.dest
                );
                problems.push(self.problem(page, t.line, message));
            }
        }
    }

    fn check_target(&self, dir: &Path, t: &Target) -> Result<(), String> {
        let dest = t.dest.trim();
        if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) {
            return Ok(());
        }
        let what = match t.kind {
            Kind::Link => "link",
            Kind::Image => "image",
        };
        let local = local_path(dest);
        let path = match local.strip_prefix("/") {
            Ok(rest) => normalize(&self.src_dir.join(rest)),
            Err(_) => normalize(&dir.join(&local)),
        };
        let shown = self.shown(&path);
        let src = self.src.display();
        if !path.exists() {
            Err(format!(
                "{what} `{dest}` points at a missing file ({shown})"
            ))
        } else if !path.starts_with(&self.src_dir) {
            Err(format!(
                "{what} `{dest}` points outside {src}/ ({shown}): the book copies only {src}/, so it would break there"
            ))
        } else if path.is_dir() {
            Err(format!(
                "{what} `{dest}` points at a folder, which has no page in the book: link its README.md instead"
            ))
        } else if t.kind == Kind::Link
            && path.extension().is_some_and(|e| e == "md")
            && !self.pages.contains(&path)
        {
            Err(format!(
                "link `{dest}` points at {shown}, which is not a page of the book (not in SUMMARY.md, or still a draft there)"
            ))
        } else {
            Ok(())
        }
    }

    /// A `src/<folder>/README.md` that `SUMMARY.md` does not link is a chapter left out of the book.
    fn check_unlisted_chapters(&self, problems: &mut Vec<Problem>) {
        let Ok(entries) = fs::read_dir(&self.src_dir) else {
            return;
        };
        for entry in entries.flatten() {
            let readme = entry.path().join("README.md");
            if readme.is_file() && !self.pages.contains(&normalize(&readme)) {
                let folder = entry.file_name().to_string_lossy().into_owned();
                let message = format!(
                    "this chapter page is not linked from SUMMARY.md (missing there, or still a draft `[Title]()`): \
                     make its entry `- [Title]({folder}/README.md)`"
                );
                problems.push(self.problem(&Path::new(&folder).join("README.md"), 0, message));
            }
        }
    }
}

/// `scheme:` at the start (`https:`, `mailto:`, ...): not a file of the book.
fn has_scheme(dest: &str) -> bool {
    let scheme_len = dest.find(':').unwrap_or(0);
    scheme_len > 0
        && dest.starts_with(|c: char| c.is_ascii_alphabetic())
        && dest[..scheme_len]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
}

/// The file part of a destination: without `#fragment` or `?query`, percent-decoded.
fn local_path(dest: &str) -> PathBuf {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    PathBuf::from(percent_decode(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex
            .filter(|_| bytes[i] == b'%')
            .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// `a/./b/../c` as `a/c`, without touching the file system (so missing files can be named).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_and_decoded() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(
            normalize(Path::new("../x/../../y")),
            PathBuf::from("../../y")
        );
        assert_eq!(
            local_path("fig%20one.png#top"),
            PathBuf::from("fig one.png")
        );
        assert_eq!(local_path("a.md?x=1"), PathBuf::from("a.md"));
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.c"));
        assert!(!has_scheme("figures/a.png"));
        assert!(!has_scheme("./a:b.md"));
    }
}
