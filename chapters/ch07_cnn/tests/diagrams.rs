//! The committed diagrams are the ones the code draws now, byte for byte, and their text
//! reads at page width.

#[test]
fn committed_diagrams_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("figures");
    let stale = dlfs_diagram::stale(&dir, &ch07_cnn::diagrams::all());
    assert!(
        stale.is_empty(),
        "{stale:?} differ from what the code draws: run \
         `cargo run -p ch07_cnn --bin ch07_diagrams -- --out chapters/ch07_cnn/figures`"
    );
}

#[test]
fn diagram_text_reads_at_page_width() {
    let small = dlfs_diagram::too_small(&ch07_cnn::diagrams::all());
    assert!(
        small.is_empty(),
        "text under {} px in (diagram, px) {small:?}",
        dlfs_diagram::MIN_TEXT
    );
}
