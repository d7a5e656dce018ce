//! Finding the links and images of a markdown page, without a markdown parser.
//!
//! Only what the page renders as text is scanned: fenced code blocks, inline code spans and
//! HTML comments are blanked out first, so that `v[i](x)` in a code sample is not a link.

/// What kind of reference a [`Target`] is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `[text](dest)` or a reference definition `[label]: dest`.
    Link,
    /// `![alt](dest)` or `<img src="dest">`.
    Image,
}

/// One link or image destination, as written, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub line: usize,
    pub kind: Kind,
    pub dest: String,
    /// An image's alt text (`![alt](..)`, `<img alt="..">`), trimmed; `None` if it has none or
    /// the target is a link.
    pub alt: Option<String>,
}

/// The lines of `text` with fenced code blocks, inline code spans and HTML comments replaced
/// by spaces (one output line per input line, columns preserved).
pub fn prose_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some((ch, len)) = fence {
            let run = trimmed.chars().take_while(|&c| c == ch).count();
            if run >= len && trimmed[run * ch.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            out.push(String::new());
            continue;
        }
        if let Some(ch) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~') {
            let run = trimmed.chars().take_while(|&c| c == ch).count();
            if run >= 3 {
                fence = Some((ch, run));
                out.push(String::new());
                continue;
            }
        }
        let (line, still_in_comment) = blank_comments(line, in_comment);
        in_comment = still_in_comment;
        out.push(blank_code_spans(&line));
    }
    out
}

/// Blanks `<!-- ... -->` (which may start or end on another line); returns the line and
/// whether a comment is still open at its end.
fn blank_comments(line: &str, mut in_comment: bool) -> (String, bool) {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        if in_comment {
            match rest.find("-->") {
                Some(end) => {
                    out.push_str(&" ".repeat(end + 3));
                    rest = &rest[end + 3..];
                    in_comment = false;
                }
                None => {
                    out.push_str(&" ".repeat(rest.len()));
                    return (out, true);
                }
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    rest = &rest[start..];
                    in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return (out, false);
                }
            }
        }
    }
}

/// Blanks inline code: a run of n backticks up to the next run of exactly n backticks.
fn blank_code_spans(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = bytes.to_vec();
    let run_at = |i: usize| bytes[i..].iter().take_while(|&&b| b == b'`').count();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let m = run_at(j);
                if m == n {
                    close = Some(j);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(j) => {
                out[i..j + n].fill(b' ');
                i = j + n;
            }
            None => i += n,
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, whole code spans at a time.
    String::from_utf8(out).unwrap_or_else(|_| line.to_string())
}

/// Every link and image destination of a markdown page: inline `[x](dest)`, `![x](dest)`,
/// reference definitions `[label]: dest`, and HTML `<img src>` / `<a href>`.
pub fn find_targets(text: &str) -> Vec<Target> {
    let mut targets = Vec::new();
    for (i, line) in prose_lines(text).iter().enumerate() {
        let line_no = i + 1;
        inline_targets(line, line_no, &mut targets);
        if let Some(dest) = reference_definition(line) {
            targets.push(Target {
                line: line_no,
                kind: Kind::Link,
                dest,
                alt: None,
            });
        }
        html_targets(line, line_no, &mut targets);
    }
    targets
}

/// `[text](dest "title")` and `![alt](<dest>)` on one line.
fn inline_targets(line: &str, line_no: usize, targets: &mut Vec<Target>) {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(pos) = line[from..].find("](") {
        let close = from + pos;
        from = close + 2;
        let Some(open) = opening_bracket(bytes, close) else {
            continue;
        };
        let kind = if open > 0 && bytes[open - 1] == b'!' {
            Kind::Image
        } else {
            Kind::Link
        };
        let dest = destination(&line[close + 2..]);
        let alt = Some(line[open + 1..close].trim().to_string())
            .filter(|a| kind == Kind::Image && !a.is_empty());
        targets.push(Target {
            line: line_no,
            kind,
            dest,
            alt,
        });
    }
}

/// The `[` that the `]` at `close` closes, skipping nested brackets.
fn opening_bracket(bytes: &[u8], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in (0..close).rev() {
        match bytes[i] {
            b']' => depth += 1,
            b'[' if depth == 0 => return Some(i),
            b'[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The destination at the start of `rest` (just after `](`): `<...>`, or up to whitespace or
/// the `)` that balances the link's `(`.
fn destination(rest: &str) -> String {
    let rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('<') {
        return inner.split('>').next().unwrap_or("").to_string();
    }
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return rest[..i].to_string(),
            ')' => depth -= 1,
            c if c.is_whitespace() => return rest[..i].to_string(),
            _ => {}
        }
    }
    rest.to_string()
}

/// `[label]: dest` at the start of a line (at most three spaces in); not footnotes `[^1]:`.
fn reference_definition(line: &str) -> Option<String> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line[indent..].strip_prefix('[').filter(|_| indent <= 3)?;
    if rest.starts_with('^') {
        return None;
    }
    let end = rest.find("]:")?;
    let dest = rest[end + 2..].split_whitespace().next()?;
    Some(
        dest.trim_start_matches('<')
            .trim_end_matches('>')
            .to_string(),
    )
}

/// `<img ... src="dest">` and `<a ... href="dest">` whose tag opens and closes on this line.
fn html_targets(line: &str, line_no: usize, targets: &mut Vec<Target>) {
    let lower = line.to_ascii_lowercase();
    for (tag, attr, kind) in [("<img", "src", Kind::Image), ("<a", "href", Kind::Link)] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(tag) {
            let start = from + pos + tag.len();
            from = start;
            if !lower[start..].starts_with(|c: char| c.is_whitespace()) {
                continue; // `<abbr`, `<aside`, `<image`
            }
            let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
            if let Some(dest) = attribute(&line[start..end], &lower[start..end], attr) {
                let alt = attribute(&line[start..end], &lower[start..end], "alt")
                    .map(|a| a.trim().to_string())
                    .filter(|a| kind == Kind::Image && !a.is_empty());
                targets.push(Target {
                    line: line_no,
                    kind,
                    dest,
                    alt,
                });
            }
        }
    }
}

/// The value of `name="..."`, `name='...'` or `name=value` inside a tag's text.
fn attribute(tag: &str, lower: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let preceded_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let after = tag[from..].trim_start();
        let Some(value) = after.strip_prefix('=').filter(|_| preceded_ok) else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dests(text: &str) -> Vec<(usize, Kind, String)> {
        find_targets(text)
            .into_iter()
            .map(|t| (t.line, t.kind, t.dest))
            .collect()
    }

    #[test]
    fn code_blocks_spans_and_comments_are_blanked() {
        let text = "a `[x](no)` b\n```rust\nv[i](x)\n```\nc <!-- [y](no) --> [z](yes.md)\n~~~~\n[w](no)\n~~~~";
        assert_eq!(dests(text), vec![(5, Kind::Link, "yes.md".to_string())]);
    }

    #[test]
    fn a_comment_can_span_lines() {
        let text = "<!--\n[a](no)\n-->[b](yes)";
        assert_eq!(dests(text), vec![(3, Kind::Link, "yes".to_string())]);
    }

    #[test]
    fn links_images_titles_and_angle_brackets() {
        let text = "[a](x.md#frag \"title\") ![b](fig/p.png) [c](<with space.png>) [d](f(1).md)\n\
                    [![e](in.png)](out.md)";
        assert_eq!(
            dests(text),
            vec![
                (1, Kind::Link, "x.md#frag".to_string()),
                (1, Kind::Image, "fig/p.png".to_string()),
                (1, Kind::Link, "with space.png".to_string()),
                (1, Kind::Link, "f(1).md".to_string()),
                (2, Kind::Image, "in.png".to_string()),
                (2, Kind::Link, "out.md".to_string()),
            ]
        );
    }

    #[test]
    fn reference_definitions_and_html() {
        let text = "[ref]: a/b.md\n[^1]: footnote\n<img alt=\"x\" src=\"fig.png\"> <a href='p.md'>p</a> <abbr title=\"t\">";
        assert_eq!(
            dests(text),
            vec![
                (1, Kind::Link, "a/b.md".to_string()),
                (3, Kind::Image, "fig.png".to_string()),
                (3, Kind::Link, "p.md".to_string()),
            ]
        );
    }

    #[test]
    fn images_carry_their_alt_text() {
        let text = "![a plot](p.png) ![ ](q.png) <img alt=\"x y\" src=\"r.png\"> <img src=s.png>";
        let alts: Vec<_> = find_targets(text).into_iter().map(|t| t.alt).collect();
        assert_eq!(
            alts,
            vec![Some("a plot".into()), None, Some("x y".into()), None]
        );
    }

    #[test]
    fn a_draft_link_has_an_empty_destination() {
        assert_eq!(dests("- [Draft]()"), vec![(1, Kind::Link, String::new())]);
    }
}
