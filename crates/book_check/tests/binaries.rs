//! Every binary of the workspace has a name of its own: cargo writes them all into the same
//! `target/<profile>/` folder, so two chapters with a `bench` binary overwrite each other's file
//! (cargo only warns), and a test may run the other chapter's program.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

#[test]
fn no_two_binaries_share_a_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for package in metadata["packages"].as_array().unwrap() {
        for target in package["targets"].as_array().unwrap() {
            if target["kind"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k == "bin")
            {
                owners
                    .entry(target["name"].as_str().unwrap().to_owned())
                    .or_default()
                    .push(package["name"].as_str().unwrap().to_owned());
            }
        }
    }
    assert!(owners.len() > 10, "too few binaries found: {owners:?}");
    let shared: Vec<_> = owners.iter().filter(|(_, p)| p.len() > 1).collect();
    assert!(
        shared.is_empty(),
        "binaries with the same name in several crates: {shared:?}"
    );
}
