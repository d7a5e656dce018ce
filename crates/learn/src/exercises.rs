//! The list of exercises, read from the files: each chapter folder `exercises/src/chNN/` has a
//! `mod.rs` whose first doc line names the chapter and whose `pub mod NAME;` lines with a
//! solution path give the exercises in the book's order. Nothing else has to be kept in step.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// One chapter's exercises.
pub struct Chapter {
    /// The first doc line of its `mod.rs`, e.g. `Chapter 2: perceptrons`.
    pub title: String,
    pub exercises: Vec<Exercise>,
}

/// One exercise: the stub `exercises/src/<chapter>/<name>.rs`, the checks `mod <name>` in
/// `exercises/tests/<chapter>.rs`, the solution `exercises/solutions/<chapter>/<name>.rs` and
/// the hint, section `## <name>` of `chapters/hints/<chapter>.md`.
#[derive(Clone, PartialEq, Eq)]
pub struct Exercise {
    pub chapter: String,
    pub name: String,
}

impl Exercise {
    /// The stub the learner edits, relative to the workspace root.
    pub fn stub(&self) -> PathBuf {
        Path::new("exercises/src")
            .join(&self.chapter)
            .join(format!("{}.rs", self.name))
    }

    /// The reference solution, relative to the workspace root.
    pub fn solution(&self) -> PathBuf {
        Path::new("exercises/solutions")
            .join(&self.chapter)
            .join(format!("{}.rs", self.name))
    }

    /// The hints page of its chapter, relative to the workspace root.
    pub fn hints_page(&self) -> PathBuf {
        Path::new("chapters/hints").join(format!("{}.md", self.chapter))
    }
}

/// Every chapter under `exercises/src`, in order, with its exercises.
pub fn chapters(root: &Path) -> Result<Vec<Chapter>> {
    let src = root.join("exercises/src");
    let entries = fs::read_dir(&src)
        .with_context(|| format!("cannot read the exercises in {}", src.display()))?;
    let mut dirs: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|d| d.starts_with("ch") && src.join(d).join("mod.rs").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let path = src.join(&dir).join("mod.rs");
            let text = fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Ok(parse_mod(&dir, &text))
        })
        .collect()
}

/// The chapter a `mod.rs` describes: its title and its exercises.
fn parse_mod(dir: &str, text: &str) -> Chapter {
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("//!"))
        .map(|t| t.trim().trim_end_matches('.').to_owned())
        .unwrap_or_else(|| dir.to_owned());
    // An exercise is a module with a solution: `pub mod NAME;` right after its
    // `#[cfg_attr(feature = "solutions", path = "../../solutions/...")]` (on one line or,
    // once rustfmt wraps it, on several). Other modules are given code.
    let mut exercises = Vec::new();
    let mut has_solution = false;
    for line in text.lines().map(str::trim) {
        if line.contains("\"../../solutions/") {
            has_solution = true;
        } else if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(';'))
        {
            if has_solution {
                exercises.push(Exercise {
                    chapter: dir.to_owned(),
                    name: name.trim().to_owned(),
                });
            }
            has_solution = false;
        }
    }
    Chapter { title, exercises }
}

/// All exercises of all chapters, in the book's order.
pub fn all(chapters: &[Chapter]) -> impl Iterator<Item = &Exercise> {
    chapters.iter().flat_map(|c| &c.exercises)
}

/// The exercise called `name` (or `chNN/name`, where two chapters have one of that name), or an
/// error that lists the names.
pub fn find(chapters: &[Chapter], name: &str) -> Result<Exercise> {
    let (chapter, name) = match name.split_once('/') {
        Some((chapter, name)) => (Some(chapter), name),
        None => (None, name),
    };
    let found: Vec<&Exercise> = all(chapters)
        .filter(|e| e.name == name && chapter.is_none_or(|c| e.chapter == c))
        .collect();
    match found[..] {
        [e] => return Ok(e.clone()),
        [_, _, ..] => {
            let which: Vec<String> = found
                .iter()
                .map(|e| format!("{}/{name}", e.chapter))
                .collect();
            bail!(
                "`{name}` is an exercise of more than one chapter: say which, {}",
                which.join(" or ")
            )
        }
        [] => {}
    }
    let names: Vec<&str> = all(chapters).map(|e| e.name.as_str()).collect();
    bail!(
        "no exercise is called `{name}`; the exercises are: {}",
        names.join(", ")
    )
}

/// The exercise whose stub is `path` (absolute or relative to the root), if any.
pub fn by_stub(chapters: &[Chapter], root: &Path, path: &Path) -> Option<Exercise> {
    let path = path.strip_prefix(root).unwrap_or(path);
    all(chapters).find(|e| e.stub() == path).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mod_rs_gives_the_title_and_the_exercises_in_order() {
        let text = "//! Chapter 3: neural networks.\n\n#[cfg_attr(feature = \"solutions\", \
                    path = \"../../solutions/ch03/step_function.rs\")]\npub mod step_function;\n\n\
                    /// Given.\npub mod network;\n\n#[cfg_attr(\n    feature = \"solutions\",\n    \
                    path = \"../../solutions/ch03/sigmoid.rs\"\n)]\npub mod sigmoid;\n";
        let chapter = parse_mod("ch03", text);
        assert_eq!(chapter.title, "Chapter 3: neural networks");
        let names: Vec<_> = chapter.exercises.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["step_function", "sigmoid"]);
        assert_eq!(
            chapter.exercises[1].stub(),
            Path::new("exercises/src/ch03/sigmoid.rs")
        );
    }
}
