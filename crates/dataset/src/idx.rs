//! The IDX format of MNIST: a big-endian header, then one byte per pixel or label.
//!
//! ```text
//! images: magic 2051 (u32) | count N (u32) | rows 28 (u32) | cols 28 (u32) | N*28*28 pixels (u8)
//! labels: magic 2049 (u32) | count N (u32) | N labels (u8, 0..=9)
//! ```
//! The files are usually gzip-compressed (`.gz`); [`read_file`] undoes that.

use std::io::Read;
use std::path::Path;

use super::DataError;

/// Magic number of an image file (`0x00000803`: unsigned bytes, 3 dimensions).
pub const IMAGES_MAGIC: u32 = 2051;
/// Magic number of a label file (`0x00000801`: unsigned bytes, 1 dimension).
pub const LABELS_MAGIC: u32 = 2049;
/// Height and width of every image.
pub const SIDE: usize = 28;

/// Reads a file and decompresses it if it is gzip (recognised by its first two bytes,
/// `1f 8b`, whatever its name).
pub fn read_file(path: &Path) -> Result<Vec<u8>, DataError> {
    let raw = std::fs::read(path).map_err(|error| DataError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    decode(path, raw)
}

/// Decompresses `raw` if it is gzip; `path` only names the file in errors.
pub fn decode(path: &Path, raw: Vec<u8>) -> Result<Vec<u8>, DataError> {
    if raw.is_empty() {
        return Err(DataError::Empty {
            path: path.to_path_buf(),
        });
    }
    if !is_gzip(&raw) {
        return Ok(raw);
    }
    let mut out = Vec::with_capacity(raw.len() * 4);
    flate2::read::GzDecoder::new(raw.as_slice())
        .read_to_end(&mut out)
        .map_err(|error| DataError::Gzip {
            path: path.to_path_buf(),
            error,
        })?;
    Ok(out)
}

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Checks an image file's header and returns the number of images and their pixels
/// (`N*784` bytes, row-major, 0 = background).
pub fn parse_images<'a>(path: &Path, bytes: &'a [u8]) -> Result<(usize, &'a [u8]), DataError> {
    let header = header(path, bytes, IMAGES_MAGIC, 4, "an image file")?;
    let (n, rows, cols) = (header[1], header[2], header[3]);
    if rows != SIDE || cols != SIDE {
        return Err(DataError::Dims {
            path: path.to_path_buf(),
            rows,
            cols,
        });
    }
    let pixels = exact_body(path, bytes, 16, n * SIDE * SIDE)?;
    Ok((n, pixels))
}

/// Checks a label file's header and every label, and returns the labels (each in 0..10).
pub fn parse_labels<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a [u8], DataError> {
    let header = header(path, bytes, LABELS_MAGIC, 2, "a label file")?;
    let labels = exact_body(path, bytes, 8, header[1])?;
    if let Some(index) = labels.iter().position(|&t| t >= 10) {
        return Err(DataError::Label {
            path: path.to_path_buf(),
            index,
            label: labels[index],
        });
    }
    Ok(labels)
}

/// Reads `words` big-endian u32s (magic first) and checks the magic number.
fn header(
    path: &Path,
    bytes: &[u8],
    magic: u32,
    words: usize,
    what: &'static str,
) -> Result<Vec<usize>, DataError> {
    let size_error = || DataError::Size {
        path: path.to_path_buf(),
        expected: 4 * words,
        found: bytes.len(),
    };
    let word = |i: usize| {
        let w = bytes.get(4 * i..4 * i + 4).ok_or_else(size_error)?;
        Ok(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    };
    // The magic number first: a wrong file is named as such even when it is short.
    let found = word(0)?;
    if found != magic {
        return Err(DataError::Magic {
            path: path.to_path_buf(),
            found,
            expected: magic,
            what,
        });
    }
    let header = (0..words)
        .map(word)
        .collect::<Result<Vec<u32>, DataError>>()?;
    Ok(header.into_iter().map(|w| w as usize).collect())
}

/// The `len` bytes after the header, which must be all there is.
fn exact_body<'a>(
    path: &Path,
    bytes: &'a [u8],
    start: usize,
    len: usize,
) -> Result<&'a [u8], DataError> {
    if bytes.len() != start + len {
        return Err(DataError::Size {
            path: path.to_path_buf(),
            expected: start + len,
            found: bytes.len(),
        });
    }
    Ok(&bytes[start..])
}

/// Builds an image file in memory: the inverse of [`parse_images`] (for tests and samples).
pub fn write_images(n: usize, pixels: &[u8]) -> Vec<u8> {
    assert_eq!(
        pixels.len(),
        n * SIDE * SIDE,
        "write_images: {n} images need {n}*784 pixels"
    );
    let mut out = Vec::with_capacity(16 + pixels.len());
    for w in [IMAGES_MAGIC, n as u32, SIDE as u32, SIDE as u32] {
        out.extend_from_slice(&w.to_be_bytes());
    }
    out.extend_from_slice(pixels);
    out
}

/// Builds a label file in memory: the inverse of [`parse_labels`].
pub fn write_labels(labels: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + labels.len());
    for w in [LABELS_MAGIC, labels.len() as u32] {
        out.extend_from_slice(&w.to_be_bytes());
    }
    out.extend_from_slice(labels);
    out
}

/// Gzip-compresses `bytes` at the best level (the header carries no time stamp, so the
/// output is the same on every run).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .expect("gzip into memory cannot fail");
    encoder.finish().expect("gzip into memory cannot fail")
}
