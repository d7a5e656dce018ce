//! Writing a chapter's diagrams into its figures folder, and checking the committed copies.

use std::path::{Path, PathBuf};

use crate::Diagram;

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
/// draws now, byte for byte (a golden-file test: empty when the committed figures are current).
pub fn stale(dir: &Path, diagrams: &[(&str, Diagram)]) -> Vec<String> {
    diagrams
        .iter()
        .filter(|(name, diagram)| {
            std::fs::read_to_string(dir.join(name)).ok() != Some(diagram.to_svg())
        })
        .map(|(name, _)| name.to_string())
        .collect()
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
        std::fs::remove_dir_all(dir).unwrap();
    }
}
