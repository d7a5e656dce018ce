//! Writing a chapter's diagrams into its figures folder, and checking the committed copies.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::{Diagram, MIN_TEXT};

/// Writes each `(file name, diagram)` into `dir` (created if missing); returns the paths.
pub fn write_all(dir: &Path, diagrams: &[(&str, Diagram)]) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    diagrams
        .iter()
        .map(|(name, diagram)| {
            let path = dir.join(name);
            std::fs::write(&path, diagram.to_svg())?;
            Ok(path)
        })
        .collect()
}

/// The names of the diagrams whose file in `dir` is missing or differs from what the code
/// draws now, byte for byte (a golden-file test: empty when the committed figures are current),
/// then those with text too small to read, as "NAME: text N px < 11 px" (see [`too_small`]).
pub fn stale(dir: &Path, diagrams: &[(&str, Diagram)]) -> Vec<String> {
    let differ = diagrams
        .iter()
        .filter(|(name, diagram)| {
            std::fs::read_to_string(dir.join(name)).ok() != Some(diagram.to_svg())
        })
        .map(|(name, _)| name.to_string());
    let small = too_small(diagrams)
        .into_iter()
        .map(|(name, px)| format!("{name}: text {px} px < {MIN_TEXT} px"));
    differ.chain(small).collect()
}

/// The names of the diagrams with text smaller than [`MIN_TEXT`] (sub- and superscripts
/// included), with that size: empty when every diagram reads at page width.
pub fn too_small(diagrams: &[(&str, Diagram)]) -> Vec<(String, f64)> {
    diagrams
        .iter()
        .filter(|(_, diagram)| diagram.smallest_text() < MIN_TEXT)
        .map(|(name, diagram)| (name.to_string(), diagram.smallest_text()))
        .collect()
}

/// The `main` of a chapter's `diagrams` binary: `--out DIR` (default `out`) says where the
/// files go, `--help` says what `about` draws; prints each path written.
pub fn main(about: &str, diagrams: impl FnOnce() -> Vec<(&'static str, Diagram)>) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => PathBuf::from("out"),
        ["--out", dir] => PathBuf::from(dir),
        ["--help" | "-h"] => {
            println!("{about}\n\nOptions: --out DIR   (where the figures go, default `out`)");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("error: unexpected arguments {args:?}: the only option is --out DIR");
            return ExitCode::FAILURE;
        }
    };
    match write_all(&dir, &diagrams()) {
        Ok(paths) => {
            for path in paths {
                println!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing the diagrams into {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_are_not_stale_until_the_drawing_changes() {
        let dir = std::env::temp_dir().join(format!("dlfs-diagram-{}", std::process::id()));
        let one = [("a.svg", Diagram::new(10.0, 10.0, "a"))];
        write_all(&dir, &one).unwrap();
        assert!(stale(&dir, &one).is_empty());
        let other = [("a.svg", Diagram::new(20.0, 10.0, "a"))];
        assert_eq!(stale(&dir, &other), ["a.svg"]);
        assert_eq!(
            stale(&dir, &[("b.svg", Diagram::new(1.0, 1.0, "b"))]),
            ["b.svg"]
        );
        let mut tiny = Diagram::new(10.0, 10.0, "a");
        tiny.text(5.0, 5.0, "x", crate::NODE, 9.0, false);
        write_all(&dir, &[("a.svg", tiny.clone())]).unwrap();
        assert_eq!(
            stale(&dir, &[("a.svg", tiny)]),
            ["a.svg: text 9 px < 11 px"]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
