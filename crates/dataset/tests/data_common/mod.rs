//! Helpers shared by the data and io tests: temporary folders, tiny IDX data sets, the
//! real data's folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use dataset::{FILES, idx};

/// A fresh folder under the system's temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "dlfs-test-{label}-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A tiny data set: the four IDX files (raw bytes, in FILES order). Image k has every pixel
/// equal to `k * 40 % 256` and label `k % 10`.
pub fn tiny_set(n_train: usize, n_test: usize) -> [Vec<u8>; 4] {
    let images = |n: usize, offset: usize| {
        let pixels: Vec<u8> = (0..n)
            .flat_map(|k| std::iter::repeat_n(((offset + k) * 40 % 256) as u8, 784))
            .collect();
        idx::write_images(n, &pixels)
    };
    let labels = |n: usize, offset: usize| {
        let t: Vec<u8> = (0..n).map(|k| ((offset + k) % 10) as u8).collect();
        idx::write_labels(&t)
    };
    [
        images(n_train, 0),
        labels(n_train, 0),
        images(n_test, 100),
        labels(n_test, 100),
    ]
}

/// Writes `files` (FILES order) into `dir`, gzipped as `name.gz` or raw as `name`.
pub fn write_set(dir: &Path, files: &[Vec<u8>; 4], gz: bool) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, bytes) in FILES.iter().zip(files) {
        if gz {
            std::fs::write(dir.join(format!("{name}.gz")), idx::gzip(bytes)).unwrap();
        } else {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
}

/// `(name, sha256)` of each file of a set, as [`dataset::Loader::sha256`] wants them.
pub fn sums_of(files: &[Vec<u8>; 4]) -> Vec<(String, String)> {
    FILES
        .iter()
        .zip(files)
        .map(|(name, bytes)| (name.to_string(), dataset::sha256_hex(bytes)))
        .collect()
}

/// The folder with the full data sets (see [`dataset::testing::shared_data_dir`]): `None`
/// after a note, or a failure under `DLFS_REQUIRE_DATA=1`, when there is none.
pub fn shared_data_dir(test: &str) -> Option<PathBuf> {
    dataset::testing::shared_data_dir(test)
}
