//! How wide the book's code may be: the page's code column holds [`CODE_COLUMNS`] characters.
//!
//! The book's theme (`assets/book/wide.css`) widens the content area so that a line of
//! `CODE_COLUMNS` characters of code fits without sideways scrolling at 1280 px with the
//! sidebar open; rustfmt formats to the same width (its default `max_width`, 100). A wider line,
//! included from a source file or written in a page's own code block (program output), would
//! scroll, and what it carries past the edge would be hidden.

/// Characters a line of code in the book may hold (rustfmt's default `max_width`).
pub const CODE_COLUMNS: usize = 100;

/// How many characters `line` takes on screen (tabs count 4, as mdBook's code blocks show them).
pub fn columns(line: &str) -> usize {
    line.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// The lines written inside the fenced code blocks of a page, with their 1-based line numbers
/// (the fences themselves and `{{#include ...}}` lines left out: those are checked in the files
/// they include).
pub fn fenced_code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        match fence {
            None => {
                for c in ['`', '~'] {
                    if run(c) >= 3 {
                        fence = Some((c, run(c)));
                    }
                }
            }
            Some((c, n)) if run(c) >= n && trimmed.trim_end().chars().all(|x| x == c) => {
                fence = None;
            }
            Some(_) if trimmed.starts_with("{{#") || trimmed.starts_with("{{ #") => {}
            Some(_) => out.push((i + 1, line)),
        }
    }
    out
}

/// The 1-based line number in `file` of `line`, a slice of it (as [`crate::directives`] returns).
pub fn line_number_in(file: &str, line: &str) -> usize {
    let offset = (line.as_ptr() as usize).saturating_sub(file.as_ptr() as usize);
    file[..offset.min(file.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lines_are_those_inside_fences() {
        let text =
            "prose that is long\n```text\nout 1\n{{#include a.rs}}\n```\n~~~~\nx\n~~~~\nafter";
        assert_eq!(fenced_code_lines(text), vec![(3, "out 1"), (7, "x")]);
    }

    #[test]
    fn line_numbers_and_columns() {
        let file = "a\nbb\nccc\n";
        let third = file.lines().nth(2).unwrap();
        assert_eq!(line_number_in(file, third), 3);
        assert_eq!(columns("\tx→"), 6);
    }
}
