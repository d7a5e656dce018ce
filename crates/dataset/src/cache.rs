//! The cache, trusted only as far as it is checked: every file read from it must have the
//! published SHA-256, and every file written to it appears whole or not at all.
//!
//! Hashing the 55 MB of a data set on every run would cost a few tenths of a second, so a small
//! memo (`.verified`, beside the files) remembers, for each file that passed, its size and
//! modification time: while both are unchanged the file is not hashed again. A file that is
//! replaced or edited changes them and is hashed afresh.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use super::{DataError, download::sha256_hex, idx};

/// The memo's file name, in the folder of the files it vouches for.
pub(crate) const MEMO: &str = ".verified";

/// What identifies one version of a file cheaply: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    mtime_ns: u128,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: meta.len(),
            mtime_ns: mtime.as_nanos(),
        })
    }
}

/// Reads a file from the cache and decompresses it, checking that the decompressed bytes have
/// SHA-256 `expected` (unless the memo vouches for this very version of the file).
pub(crate) fn read_verified(path: &Path, expected: &str) -> Result<Vec<u8>, DataError> {
    let read_error = |error| DataError::Read {
        path: path.to_path_buf(),
        error,
    };
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    let stamp = file.metadata().ok().as_ref().and_then(Stamp::of);
    let mut raw = Vec::new();
    file.read_to_end(&mut raw).map_err(read_error)?;
    let bytes = idx::decode(path, raw)?;
    if stamp.is_some_and(|s| memo_vouches(path, s, expected)) {
        return Ok(bytes);
    }
    let found = sha256_hex(&bytes);
    if found != expected {
        return Err(DataError::Checksum {
            path: path.to_path_buf(),
            found,
            expected: expected.to_string(),
        });
    }
    if let Some(stamp) = stamp {
        remember(path, stamp, expected);
    }
    Ok(bytes)
}

/// Notes in the memo that `path`, as it is now, has SHA-256 `sha256` (best effort: a memo that
/// cannot be written only means hashing again next time).
pub(crate) fn remember_now(path: &Path, sha256: &str) {
    if let Some(stamp) = std::fs::metadata(path).ok().as_ref().and_then(Stamp::of) {
        remember(path, stamp, sha256);
    }
}

/// The memo's lines: `name size mtime_ns sha256`.
fn memo_lines(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(MEMO))
        .map(|s| s.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

fn memo_line(name: &str, stamp: Stamp, sha256: &str) -> String {
    format!("{name} {} {} {sha256}", stamp.size, stamp.mtime_ns)
}

/// The file's name and folder, for the memo.
fn name_and_dir(path: &Path) -> Option<(String, &Path)> {
    let name = path.file_name()?.to_str()?.to_string();
    let dir = path.parent()?;
    Some((name, dir))
}

fn memo_vouches(path: &Path, stamp: Stamp, sha256: &str) -> bool {
    let Some((name, dir)) = name_and_dir(path) else {
        return false;
    };
    let line = memo_line(&name, stamp, sha256);
    memo_lines(dir).contains(&line)
}

fn remember(path: &Path, stamp: Stamp, sha256: &str) {
    let Some((name, _)) = name_and_dir(path) else {
        return;
    };
    set_memo(path, Some(memo_line(&name, stamp, sha256)));
}

/// Forgets what the memo says about `path` (before it is replaced or removed).
pub(crate) fn forget(path: &Path) {
    set_memo(path, None);
}

/// Replaces the memo's line for `path` by `line` (or drops it).
fn set_memo(path: &Path, line: Option<String>) {
    let Some((name, dir)) = name_and_dir(path) else {
        return;
    };
    let prefix = format!("{name} ");
    let old = memo_lines(dir);
    let mut lines: Vec<String> = old
        .iter()
        .filter(|l| !l.starts_with(&prefix))
        .cloned()
        .collect();
    lines.extend(line);
    if lines != old {
        let _ = write_atomically(&dir.join(MEMO), (lines.join("\n") + "\n").as_bytes());
    }
}

/// A temporary name beside `path`, unique to this write: the process id and a counter shared
/// by the process's threads (`.name.1234-7.part`), so two threads never write the same file.
fn temp_path(path: &Path) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.{}-{n}.part", std::process::id()))
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it to
/// `path`: a rename within a folder is atomic, so readers see the old file or the whole new
/// one, never half a file. On failure the temporary file is removed and `path` is untouched.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), DataError> {
    let tmp = temp_path(path);
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|error| {
        let _ = std::fs::remove_file(&tmp);
        DataError::Write {
            path: path.to_path_buf(),
            error,
        }
    })
}
