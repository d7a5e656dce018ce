//! mdBook's `{{#include file:anchor}}` directives and the `ANCHOR:` comments they point at,
//! parsed the way mdBook 0.5 parses them (its `links` preprocessor and `take_lines`).

/// One `{{#include ...}}`, `{{#rustdoc_include ...}}` or `{{#playground ...}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// 1-based line of the opening `{{`.
    pub line: usize,
    /// The directive as written, for messages.
    pub text: String,
    /// The file, relative to the page's folder.
    pub path: String,
    /// What follows the first `:` of the file argument: an anchor or a line range.
    pub spec: Selection,
}

/// Which part of the file a directive takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The whole file (`file`, `file:`, `file::`).
    Whole,
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(String),
    /// 0-based half-open line range, as mdBook computes it from `file:10:20` (1-based, inclusive).
    Lines { start: usize, end: Option<usize> },
}

/// Every file-including directive in `text`. Escaped ones (`\{{#include ...}}`) are skipped,
/// as mdBook skips them (it drops the backslash and leaves the text).
pub fn find_directives(text: &str) -> Vec<Directive> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(pos) = text[i..].find("{{") {
        let start = i + pos;
        if start > 0 && bytes[start - 1] == b'\\' && text[start + 2..].starts_with('#') {
            // mdBook's escape pattern `\{{#.*}}` runs to the last `}}` of the line.
            let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            i = text[start..line_end]
                .rfind("}}")
                .map_or(start + 2, |e| start + e + 2);
            continue;
        }
        match parse_at(text, start) {
            Some((end, kind, arg)) => {
                if let Some(d) = directive(text, start, end, kind, arg) {
                    found.push(d);
                }
                i = end;
            }
            None => i = start + 1,
        }
    }
    found
}

/// Matches `{{\s*#name\s+rest}}` at `start` (rest has no `}`); returns the end, name and rest.
fn parse_at(text: &str, start: usize) -> Option<(usize, &str, &str)> {
    let after = text[start + 2..].trim_start();
    let after = after.strip_prefix('#')?;
    let name_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(after.len());
    let (name, rest) = after.split_at(name_len);
    if name.is_empty() || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let close = rest.find('}')?;
    if !rest[close..].starts_with("}}") || rest[..close].trim().is_empty() {
        return None;
    }
    let end = text.len() - rest.len() + close + 2;
    Some((end, name, &rest[..close]))
}

fn directive(text: &str, start: usize, end: usize, kind: &str, arg: &str) -> Option<Directive> {
    let file_arg = arg.split_whitespace().next()?;
    let (path, spec) = match kind {
        "include" | "rustdoc_include" => match file_arg.split_once(':') {
            Some((path, spec)) => (path, selection(spec)),
            None => (file_arg, Selection::Whole),
        },
        "playground" | "playpen" => (file_arg, Selection::Whole),
        _ => return None, // `{{#title ...}}` and anything mdBook does not know
    };
    Some(Directive {
        line: text[..start].matches('\n').count() + 1,
        text: text[start..end].to_string(),
        path: path.to_string(),
        spec,
    })
}

/// mdBook's `parse_range_or_anchor`: `10:20`, `10:`, `:20`, `10`, `` or an anchor name.
fn selection(spec: &str) -> Selection {
    let mut parts = spec.splitn(3, ':');
    let first = parts.next().unwrap_or("");
    let start = match first.parse::<usize>() {
        Ok(n) => Some(n.saturating_sub(1)),
        Err(_) if first.is_empty() => None,
        Err(_) => return Selection::Anchor(first.to_string()),
    };
    let end = parts.next().map(str::parse::<usize>);
    match (start, end) {
        (Some(s), Some(Ok(e))) => Selection::Lines {
            start: s,
            end: Some(e),
        },
        (Some(s), Some(Err(_))) => Selection::Lines {
            start: s,
            end: None,
        },
        (Some(s), None) => Selection::Lines {
            start: s,
            end: Some(s + 1),
        },
        (None, Some(Ok(e))) => Selection::Lines {
            start: 0,
            end: Some(e),
        },
        (None, _) => Selection::Whole,
    }
}

/// What is wrong with an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorError {
    /// No `ANCHOR: name` line.
    Missing,
    /// `ANCHOR: name` with no `ANCHOR_END: name` after it (mdBook would take the rest of the file).
    Unclosed,
    /// Nothing but blank lines between the two markers.
    Empty,
}

/// The lines mdBook includes for `anchor` (marker lines of other anchors left out).
pub fn anchor_body<'a>(file: &'a str, anchor: &str) -> Result<Vec<&'a str>, AnchorError> {
    let mut body = None::<Vec<&str>>;
    for line in file.lines() {
        match body.as_mut() {
            None => {
                if marker(line, "ANCHOR:") == Some(anchor) {
                    body = Some(Vec::new());
                }
            }
            Some(lines) => {
                if let Some(end) = marker(line, "ANCHOR_END:") {
                    if end == anchor {
                        if lines.iter().all(|l| l.trim().is_empty()) {
                            return Err(AnchorError::Empty);
                        }
                        return Ok(std::mem::take(lines));
                    }
                } else if marker(line, "ANCHOR:").is_none() {
                    lines.push(line);
                }
            }
        }
    }
    Err(if body.is_some() {
        AnchorError::Unclosed
    } else {
        AnchorError::Missing
    })
}

/// The names of all `ANCHOR: name` markers in a file, in order, for "did you mean" messages.
pub fn anchor_names(file: &str) -> Vec<&str> {
    file.lines().filter_map(|l| marker(l, "ANCHOR:")).collect()
}

/// The name after `tag` (`ANCHOR:` or `ANCHOR_END:`) on a line: mdBook's `TAG\s*([\w_-]+)`.
fn marker<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    line.match_indices(tag).find_map(|(i, _)| {
        let rest = line[i + tag.len()..].trim_start();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        (len > 0).then(|| &rest[..len])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Directive {
        let found = find_directives(text);
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn parses_the_forms_mdbook_accepts() {
        assert_eq!(one("{{#include a.rs}}").spec, Selection::Whole);
        assert_eq!(
            one("{{ #include a.rs:predict }}").spec,
            Selection::Anchor("predict".into())
        );
        assert_eq!(
            one("{{#rustdoc_include a.rs:x}}").spec,
            Selection::Anchor("x".into())
        );
        assert_eq!(
            one("{{#include a.rs:10:20}}").spec,
            Selection::Lines {
                start: 9,
                end: Some(20)
            }
        );
        assert_eq!(
            one("{{#include a.rs:10:}}").spec,
            Selection::Lines {
                start: 9,
                end: None
            }
        );
        assert_eq!(
            one("{{#include a.rs:10}}").spec,
            Selection::Lines {
                start: 9,
                end: Some(10)
            }
        );
        assert_eq!(
            one("{{#include a.rs::5}}").spec,
            Selection::Lines {
                start: 0,
                end: Some(5)
            }
        );
        assert_eq!(one("{{#playground a.rs editable}}").path, "a.rs");
        assert_eq!(one("x\n\n```rust\n{{#include ../b/c.rs:y}}\n```").line, 4);
    }

    #[test]
    fn skips_escaped_unknown_and_malformed() {
        assert!(find_directives("\\{{#include a.rs}} and {{#include b.rs}}").is_empty());
        assert!(
            find_directives("{{#title Hello}} {{#include}} {{include a.rs}} {{#include a.rs}")
                .is_empty()
        );
        assert_eq!(
            find_directives("\\{{#include a.rs}}\n{{#include b.rs}}")[0].path,
            "b.rs"
        );
    }

    #[test]
    fn anchors_like_take_anchored_lines() {
        let file = "a\n// ANCHOR: outer\nb\n// ANCHOR: inner\nc\n// ANCHOR_END: inner\n// ANCHOR_END: outer\n\
                    // ANCHOR: empty\n\n// ANCHOR_END: empty\n// ANCHOR: open\nd";
        assert_eq!(anchor_body(file, "outer"), Ok(vec!["b", "c"]));
        assert_eq!(anchor_body(file, "inner"), Ok(vec!["c"]));
        assert_eq!(anchor_body(file, "empty"), Err(AnchorError::Empty));
        assert_eq!(anchor_body(file, "open"), Err(AnchorError::Unclosed));
        assert_eq!(anchor_body(file, "nope"), Err(AnchorError::Missing));
        assert_eq!(anchor_body(file, "out"), Err(AnchorError::Missing));
        assert_eq!(anchor_names(file), vec!["outer", "inner", "empty", "open"]);
    }
}
