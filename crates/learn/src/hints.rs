//! The hints: section `## NAME` of `chapters/hints/chNN.md`, the chapter's hints page of the book.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::exercises::Exercise;

/// The text of the exercise's hint section, without its heading.
pub fn hint(root: &Path, exercise: &Exercise) -> Result<String> {
    let page = exercise.hints_page();
    let text = fs::read_to_string(root.join(&page))
        .with_context(|| format!("cannot read the hints page {}", page.display()))?;
    match section(&text, &exercise.name) {
        Some(hint) => Ok(hint),
        None => bail!("{} has no section `## {}`", page.display(), exercise.name),
    }
}

/// The lines after the heading `## name`, up to the next heading of the same or a higher level.
fn section(text: &str, name: &str) -> Option<String> {
    let heading = format!("## {name}");
    let mut lines = text.lines().skip_while(|l| l.trim_end() != heading);
    lines.next()?;
    let body: Vec<&str> = lines
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("# "))
        .collect();
    Some(body.join("\n").trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::section;

    #[test]
    fn a_section_ends_at_the_next_heading() {
        let page =
            "# Hints\n\n## gates\n\nThink of a line.\n\n### more\ndeeper\n## xor\nTwo layers.\n";
        assert_eq!(
            section(page, "gates").as_deref(),
            Some("Think of a line.\n\n### more\ndeeper")
        );
        assert_eq!(section(page, "xor").as_deref(), Some("Two layers."));
        assert_eq!(section(page, "gate"), None);
    }
}
