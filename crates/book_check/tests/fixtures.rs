//! The checker on small books written to a temporary folder: one good book, then each mistake.

use std::path::{Path, PathBuf};

use book_check::{Problem, check_book};

/// A throwaway book folder, removed when dropped.
struct Fixture {
    root: PathBuf,
}

impl Fixture {
    /// A good book: two pages, a code file with anchors, a figure, a draft chapter.
    fn good(name: &str) -> Fixture {
        let root = std::env::temp_dir().join(format!("book_check-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let f = Fixture { root };
        f.write(
            "book.toml",
            "[book]\ntitle = \"t\"\nsrc = \"chapters\" # the pages\n\n[build]\nsrc = \"no\"\n",
        );
        f.write(
            "chapters/SUMMARY.md",
            "# Summary\n\n[Introduction](introduction.md)\n\n# Chapters\n\n\
             - [One](ch01_one/README.md)\n- [Two]()\n",
        );
        f.write(
            "chapters/introduction.md",
            "# Intro\n\nSee [chapter one](ch01_one/README.md#the-idea), [the web](https://example.org),\n\
             [mail](mailto:a@b.c), [below](#below) and [the ref][r].\n\n[r]: ch01_one/README.md\n\n\
             Write includes as `\\{{#include file:anchor}}`; \\{{#include nowhere.rs}} is escaped.\n\n\
             ```rust\n{{#include ../crates/core/src/lib.rs:add}}\n```\n",
        );
        f.write(
            "chapters/ch01_one/README.md",
            "# One\n\n## The idea\n\n```rust\n{{#include src/lib.rs:add}}\n```\n\n\
             ```rust\n{{#rustdoc_include src/lib.rs:add}}\n{{#include src/lib.rs}}\n{{#include src/lib.rs:2:4}}\n```\n\n\
             ![a figure](figures/plot%20one.png) <img src=\"figures/plot one.png\" alt=\"the same\" width=\"50%\">\n\n\
             ```text\nv[i](not/a/link) {{#include src/lib.rs:2}}\n```\n\n\
             Back to the [introduction](../introduction.md). `[code](nowhere)` is code.\n",
        );
        let code = "pub fn unused() {}\n// ANCHOR: add\npub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n// ANCHOR_END: add\n";
        f.write("chapters/ch01_one/src/lib.rs", code);
        f.write("chapters/ch01_one/figures/plot one.png", "png");
        f.write("crates/core/src/lib.rs", code);
        f
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Appends a line to a file and returns that line's number.
    fn append(&self, path: &str, line: &str) -> usize {
        let old = std::fs::read_to_string(self.root.join(path)).unwrap();
        self.write(path, &format!("{old}{line}\n"));
        old.lines().count() + 1
    }

    fn check(&self) -> Vec<Problem> {
        check_book(&self.root)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

const PAGE: &str = "chapters/ch01_one/README.md";

/// Checks that the book has exactly one problem, at `file:line`, whose message contains `needle`.
fn assert_one(problems: &[Problem], file: &str, line: usize, needle: &str) {
    assert_eq!(problems.len(), 1, "{}", book_check::report(problems));
    let p = &problems[0];
    assert_eq!((p.file.as_path(), p.line), (Path::new(file), line), "{p}");
    assert!(p.message.contains(needle), "{p}\nshould mention: {needle}");
}

#[test]
fn a_good_book_has_no_problems() {
    let f = Fixture::good("good");
    let problems = f.check();
    assert!(problems.is_empty(), "{}", book_check::report(&problems));
}

#[test]
fn an_include_of_a_missing_file() {
    let f = Fixture::good("missing-file");
    let line = f.append(PAGE, "{{#include src/nope.rs:add}}");
    assert_one(
        &f.check(),
        PAGE,
        line,
        "no file chapters/ch01_one/src/nope.rs",
    );
}

#[test]
fn an_include_of_a_missing_anchor_lists_the_anchors_there() {
    let f = Fixture::good("missing-anchor");
    let line = f.append(PAGE, "{{#include src/lib.rs:sub}}");
    assert_one(
        &f.check(),
        PAGE,
        line,
        "has no anchor `sub` (its anchors: add)",
    );
}

#[test]
fn a_rustdoc_include_of_a_missing_anchor() {
    let f = Fixture::good("rustdoc-anchor");
    let line = f.append(
        PAGE,
        "{{#rustdoc_include ../../crates/core/src/lib.rs:sub}}",
    );
    assert_one(
        &f.check(),
        PAGE,
        line,
        "crates/core/src/lib.rs has no anchor `sub`",
    );
}

#[test]
fn an_empty_or_unclosed_anchor() {
    let f = Fixture::good("empty-anchor");
    f.write(
        "chapters/ch01_one/src/more.rs",
        "// ANCHOR: empty\n\n// ANCHOR_END: empty\n// ANCHOR: open\nfn f() {}\n",
    );
    let empty = f.append(PAGE, "{{#include src/more.rs:empty}}");
    let open = f.append(PAGE, "{{#include src/more.rs:open}}");
    let problems = f.check();
    assert_eq!(problems.len(), 2, "{}", book_check::report(&problems));
    assert_eq!(problems[0].line, empty);
    assert!(
        problems[0]
            .message
            .contains("anchor `empty` in chapters/ch01_one/src/more.rs is empty")
    );
    assert_eq!(problems[1].line, open);
    assert!(problems[1].message.contains("has no `ANCHOR_END: open`"));
}

#[test]
fn a_line_range_past_the_end_or_of_a_missing_file() {
    let f = Fixture::good("line-range");
    let past = f.append(PAGE, "{{#include src/lib.rs:40:50}}");
    let missing = f.append(PAGE, "{{#include src/gone.rs:1:5}}");
    let problems = f.check();
    assert_eq!(problems.len(), 2, "{}", book_check::report(&problems));
    assert_eq!(problems[0].line, past);
    assert!(problems[0].message.contains("has only 6 lines"));
    assert_eq!(problems[1].line, missing);
    assert!(problems[1].message.contains("no file"));
}

#[test]
fn a_broken_link() {
    let f = Fixture::good("broken-link");
    let line = f.append(PAGE, "See [two](../ch02_two/README.md#softmax).");
    assert_one(
        &f.check(),
        PAGE,
        line,
        "link `../ch02_two/README.md#softmax` points at a missing file",
    );
}

#[test]
fn a_broken_image_markdown_and_html() {
    let f = Fixture::good("broken-image");
    let md = f.append(PAGE, "![loss](figures/loss.png)");
    let html = f.append(PAGE, "<img alt=\"x\" src=\"figures/acc.png\">");
    let problems = f.check();
    assert_eq!(problems.len(), 2, "{}", book_check::report(&problems));
    assert_eq!((problems[0].line, problems[1].line), (md, html));
    assert!(
        problems
            .iter()
            .all(|p| p.message.starts_with("image `figures/"))
    );
}

#[test]
fn a_link_to_a_folder_a_page_outside_the_book_or_not_in_the_summary() {
    let f = Fixture::good("odd-links");
    f.write("chapters/ch01_one/NOTES.md", "notes");
    let folder = f.append(PAGE, "[folder](figures)");
    let outside = f.append(PAGE, "[source](../../crates/core/src/lib.rs)");
    let unlisted = f.append(PAGE, "[notes](NOTES.md)");
    let problems = f.check();
    assert_eq!(problems.len(), 3, "{}", book_check::report(&problems));
    assert_eq!(problems[0].line, folder);
    assert!(problems[0].message.contains("points at a folder"));
    assert_eq!(problems[1].line, outside);
    assert!(problems[1].message.contains("points outside chapters/"));
    assert_eq!(problems[2].line, unlisted);
    assert!(problems[2].message.contains("not a page of the book"));
}

#[test]
fn a_page_listed_in_the_summary_is_missing() {
    let f = Fixture::good("missing-page");
    let line = f.append("chapters/SUMMARY.md", "- [Three](ch03_three/README.md)");
    assert_one(
        &f.check(),
        "chapters/SUMMARY.md",
        line,
        "lists the page `ch03_three/README.md`, which does not exist",
    );
}

#[test]
fn an_include_in_the_summary_is_checked_too() {
    let f = Fixture::good("summary-include");
    let line = f.append("chapters/SUMMARY.md", "{{#include nothing.md}}");
    assert_one(
        &f.check(),
        "chapters/SUMMARY.md",
        line,
        "no file chapters/nothing.md",
    );
}

#[test]
fn a_chapter_page_left_out_of_the_summary() {
    let f = Fixture::good("unlisted");
    f.write("chapters/ch02_two/README.md", "# Two\n");
    assert_one(
        &f.check(),
        "chapters/ch02_two/README.md",
        0,
        "make its entry `- [Title](ch02_two/README.md)`",
    );
}

#[test]
fn a_missing_summary_or_book_toml() {
    let f = Fixture::good("no-summary");
    std::fs::remove_file(f.root.join("chapters/SUMMARY.md")).unwrap();
    assert_one(&f.check(), "chapters/SUMMARY.md", 0, "cannot read it");
    std::fs::remove_file(f.root.join("book.toml")).unwrap();
    assert_one(&f.check(), "book.toml", 0, "cannot read it");
}

#[test]
fn every_problem_is_reported_at_once_with_page_and_line() {
    let f = Fixture::good("many");
    let page = f.append(PAGE, "{{#include src/lib.rs:nope}} ![x](nope.png)");
    let intro = f.append("chapters/introduction.md", "[x](nope.md)");
    let summary = f.append("chapters/SUMMARY.md", "- [Gone](gone.md)");
    let problems = f.check();
    let report = book_check::report(&problems);
    assert_eq!(problems.len(), 4, "{report}");
    assert!(report.starts_with("4 problem(s)"), "{report}");
    for needle in [
        format!("chapters/SUMMARY.md:{summary}: lists the page `gone.md`"),
        format!("chapters/ch01_one/README.md:{page}: `{{{{#include src/lib.rs:nope}}}}`"),
        format!("chapters/ch01_one/README.md:{page}: image `nope.png`"),
        format!("chapters/introduction.md:{intro}: link `nope.md`"),
    ] {
        assert!(
            report.contains(&needle),
            "{report}\nshould contain: {needle}"
        );
    }
}

#[test]
fn an_image_without_alt_text() {
    let f = Fixture::good("no-alt");
    let md = f.append(PAGE, "![](figures/plot%20one.png)");
    let html = f.append(PAGE, "<img src=\"figures/plot one.png\">");
    let problems = f.check();
    assert_eq!(problems.len(), 2, "{}", book_check::report(&problems));
    assert_eq!((problems[0].line, problems[1].line), (md, html));
    assert!(
        problems
            .iter()
            .all(|p| p.message.contains("has no alt text"))
    );
}

#[test]
fn a_code_line_wider_than_the_column() {
    let f = Fixture::good("wide-code");
    let wide = format!("// {}", "x".repeat(book_check::CODE_COLUMNS));
    f.write(
        "chapters/ch01_one/src/wide.rs",
        &format!("fn a() {{}}\n// ANCHOR: w\n{wide}\n// ANCHOR_END: w\n"),
    );
    let include = f.append(PAGE, "```rust\n{{#include src/wide.rs:w}}\n```");
    let output = f.append(PAGE, &format!("```text\n{}\n```", "y".repeat(101))) + 1;
    let problems = f.check();
    assert_eq!(problems.len(), 2, "{}", book_check::report(&problems));
    assert_eq!(problems[0].line, include + 1);
    assert!(
        problems[0]
            .message
            .contains("chapters/ch01_one/src/wide.rs:3, 103 characters")
    );
    assert_eq!(problems[1].line, output);
    assert!(problems[1].message.contains("101 characters wide"));
}
