//! The sample built into the library: the first 5,000 training and 1,000 test images of each
//! data set, so that every binary runs anywhere, even offline. See `assets/README.md`.

use std::path::PathBuf;

use super::{DataError, DatasetKind, FILES, FileBytes, LoadOptions, Mnist, Origin, assemble, idx};

/// Includes the four gzipped files of one sample folder under `assets/`.
macro_rules! sample_files {
    ($dir:literal) => {
        [
            include_bytes!(concat!(
                "../../../assets/",
                $dir,
                "/train-images-idx3-ubyte.gz"
            ))
            .as_slice(),
            include_bytes!(concat!(
                "../../../assets/",
                $dir,
                "/train-labels-idx1-ubyte.gz"
            ))
            .as_slice(),
            include_bytes!(concat!(
                "../../../assets/",
                $dir,
                "/t10k-images-idx3-ubyte.gz"
            ))
            .as_slice(),
            include_bytes!(concat!(
                "../../../assets/",
                $dir,
                "/t10k-labels-idx1-ubyte.gz"
            ))
            .as_slice(),
        ]
    };
}

const MNIST: [&[u8]; 4] = sample_files!("mnist-sample");
const FASHION: [&[u8]; 4] = sample_files!("fashion-sample");

/// The bundled sample: 5,000 training and 1,000 test images, the first of the full set.
pub fn load_sample(kind: DatasetKind, opts: LoadOptions) -> Result<Mnist, DataError> {
    let (dir, gz) = match kind {
        DatasetKind::Mnist => ("mnist-sample", MNIST),
        DatasetKind::Fashion => ("fashion-sample", FASHION),
    };
    let read = |i: usize| {
        let path = PathBuf::from(format!("assets/{dir}/{}.gz (bundled)", FILES[i]));
        let bytes = idx::decode(&path, gz[i].to_vec())?;
        Ok::<_, DataError>((path, bytes))
    };
    let files: FileBytes = [read(0)?, read(1)?, read(2)?, read(3)?];
    assemble(kind, &files, opts, Origin::Sample)
}
