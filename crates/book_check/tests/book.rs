//! The real book: `chapters/SUMMARY.md` and every page it lists, as `cargo test --workspace` sees them.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_book_sources_are_the_chapters_folder() {
    assert_eq!(
        book_check::book_src(&repo_root()),
        Ok(PathBuf::from("chapters"))
    );
}

#[test]
fn every_include_anchor_link_and_page_of_the_book_exists() {
    let problems = book_check::check_book(&repo_root());
    assert!(problems.is_empty(), "{}", book_check::report(&problems));
}
