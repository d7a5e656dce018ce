//! What can go wrong when loading the data, each case one line naming the file and what to do.
//!
//! The cause of an I/O error is part of the message, not a `source`: a binary prints the error
//! chain on one line, and a `source` would repeat it there.

use std::path::PathBuf;

/// An error loading MNIST or Fashion-MNIST.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The data folder given by `--data-dir` or `DLFS_DATA_DIR` does not exist.
    #[error(
        "data folder {} does not exist (fix --data-dir DIR or DLFS_DATA_DIR, or unset them to use the cache)",
        .dir.display()
    )]
    MissingDir { dir: PathBuf },

    /// The data folder given is a file.
    #[error(
        "{} is a file, not a folder: --data-dir and DLFS_DATA_DIR name the folder that holds the four IDX files",
        .dir.display()
    )]
    NotADir { dir: PathBuf },

    /// A data folder lacks one of the four IDX files.
    #[error(
        "data folder {} has no {file} (nor {file}.gz): it needs the four {kind} IDX files, directly or under {subdir}/",
        .dir.display(), subdir = .kind.subdir()
    )]
    MissingFile {
        dir: PathBuf,
        file: String,
        kind: super::DatasetKind,
    },

    /// A file could not be read.
    #[error("cannot read {}: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },

    /// A file has zero bytes.
    #[error("{} is empty", .path.display())]
    Empty { path: PathBuf },

    /// A gzip file that is cut short or damaged.
    #[error("{} is not a complete gzip file ({error})", .path.display())]
    Gzip {
        path: PathBuf,
        error: std::io::Error,
    },

    /// The first four bytes are not the IDX magic number expected.
    #[error(
        "{} starts with magic number {found}, expected {expected} ({what}): is it the right IDX file?",
        .path.display()
    )]
    Magic {
        path: PathBuf,
        found: u32,
        expected: u32,
        what: &'static str,
    },

    /// Images that are not 28x28.
    #[error("{} holds {rows}x{cols} images, expected 28x28: is it an MNIST file?", .path.display())]
    Dims {
        path: PathBuf,
        rows: usize,
        cols: usize,
    },

    /// The header promises more (or fewer) bytes than the file has.
    #[error(
        "{} should have {expected} bytes after decompression but has {found} (cut short or damaged)",
        .path.display()
    )]
    Size {
        path: PathBuf,
        expected: usize,
        found: usize,
    },

    /// The image file and the label file disagree on how many examples there are.
    #[error(
        "{} has {images} images but {} has {labels} labels: the files do not belong together",
        .images_path.display(), .labels_path.display()
    )]
    CountMismatch {
        images_path: PathBuf,
        images: usize,
        labels_path: PathBuf,
        labels: usize,
    },

    /// A label outside 0..10.
    #[error("{} has label {label} at index {index}, outside 0..10: the file is damaged", .path.display())]
    Label {
        path: PathBuf,
        index: usize,
        label: u8,
    },

    /// A file whose decompressed bytes do not have the published SHA-256 (a damaged or
    /// edited file in the cache).
    #[error(
        "{} has the wrong content (SHA-256 {found:.12}..., not the published {expected:.12}...)",
        .path.display()
    )]
    Checksum {
        path: PathBuf,
        found: String,
        expected: String,
    },

    /// A file of the other data set (e.g. MNIST asked for, Fashion-MNIST found), recognised
    /// by its content.
    #[error(
        "{} is {found}, not {wanted}: point --data-dir at the {wanted} files or choose --dataset {flag}",
        .path.display(), flag = .found.kind.flag()
    )]
    WrongDataset {
        path: PathBuf,
        wanted: super::DatasetKind,
        found: super::Known,
    },

    /// A known file under another file's name (e.g. the test labels as the training labels).
    #[error("{} is {found}, not {wanted}: the files are mixed up", .path.display())]
    WrongFile {
        path: PathBuf,
        wanted: &'static str,
        found: super::Known,
    },

    /// Every mirror failed for one file.
    #[error(
        "could not download {file} from any mirror ({reasons}); check the connection, or pass --data-dir DIR / set DLFS_DATA_DIR"
    )]
    Download { file: String, reasons: String },

    /// One of the book's weight files is neither in the data folder nor in the cache, and
    /// cannot be downloaded: what to download, and where to put it.
    #[error("the book's {file} is not here and {why}: download {url} and put it at {place}")]
    BookWeights {
        file: String,
        why: String,
        url: String,
        place: String,
    },

    /// A file could not be written (the cache folder, usually).
    #[error("cannot write {}: {error} (set DLFS_CACHE_DIR to a writable folder)", .path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}
