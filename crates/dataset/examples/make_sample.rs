//! Cuts the sample bundled with the library out of the full data sets: the first 5,000
//! training and the first 1,000 test images of MNIST and of Fashion-MNIST, written as gzipped
//! IDX files under `assets/mnist-sample/` and `assets/fashion-sample/`.
//!
//! ```text
//! cargo run -p dlfs --example make_sample -- --data-dir ../shared/data
//! ```
//! The full files are checked against their published SHA-256 first, and the output is the
//! same bytes on every run (gzip at the best level, no time stamp).

use std::path::PathBuf;

use anyhow::{Context, ensure};
use clap::Parser;
use dataset::{DatasetKind, FILES, find_files, idx, sha256_hex};

/// Writes the bundled samples from the full MNIST and Fashion-MNIST files.
#[derive(Parser)]
struct Args {
    /// Folder holding mnist/ and fashion-mnist/ with the full IDX files
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
    /// Folder to write mnist-sample/ and fashion-sample/ into
    #[arg(long, value_name = "DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets"))]
    out: PathBuf,
    /// Training images to keep
    #[arg(long, default_value_t = 5000)]
    train: usize,
    /// Test images to keep
    #[arg(long, default_value_t = 1000)]
    test: usize,
}

fn main() -> anyhow::Result<()> {
    {
        let args = Args::parse();
        for (kind, folder) in [
            (DatasetKind::Mnist, "mnist-sample"),
            (DatasetKind::Fashion, "fashion-sample"),
        ] {
            let paths = find_files(&args.data_dir, kind)?;
            let out = args.out.join(folder);
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            for (i, path) in paths.iter().enumerate() {
                let full = idx::read_file(path)?;
                let expected = kind.sha256()[i].1;
                ensure!(
                    sha256_hex(&full) == expected,
                    "{} is not the official {kind} file (its SHA-256 differs)",
                    path.display()
                );
                // Files 0 and 1 are the training split, 2 and 3 the test split.
                let keep = if i < 2 { args.train } else { args.test };
                let cut = if i % 2 == 0 {
                    let (n, pixels) = idx::parse_images(path, &full)?;
                    ensure!(keep <= n, "{} has only {n} images", path.display());
                    idx::write_images(keep, &pixels[..keep * idx::SIDE * idx::SIDE])
                } else {
                    let labels = idx::parse_labels(path, &full)?;
                    ensure!(
                        keep <= labels.len(),
                        "{} has only {} labels",
                        path.display(),
                        labels.len()
                    );
                    idx::write_labels(&labels[..keep])
                };
                let gz = idx::gzip(&cut);
                let target = out.join(format!("{}.gz", FILES[i]));
                std::fs::write(&target, &gz)
                    .with_context(|| format!("writing {}", target.display()))?;
                println!(
                    "wrote {} ({} bytes, {keep} items)",
                    target.display(),
                    gz.len()
                );
            }
        }
        Ok(())
    }
}
