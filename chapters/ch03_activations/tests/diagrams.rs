//! The committed diagrams are the ones the code draws now, byte for byte.

#[test]
fn committed_diagrams_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("figures");
    let stale = dlfs_diagram::stale(&dir, &ch03_activations::diagrams::all());
    assert!(
        stale.is_empty(),
        "{stale:?} differ from what the code draws: run \
         `cargo run -p ch03_activations --bin ch03_diagrams -- --out chapters/ch03_activations/figures`"
    );
}
