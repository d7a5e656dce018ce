//! Downloading the IDX files and the book's weights: try each address in turn, verify, then
//! move into place.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::{DataError, cache, idx};

mod lock;

/// Largest body accepted (the biggest file, Fashion-MNIST's training images, is 26 MB gzipped).
const MAX_BYTES: u64 = 128 << 20;

/// Makes sure `dir` holds every file of `files`, verified, downloading the ones it lacks.
///
/// `files` are `(name, sha256)` pairs: the name without `.gz` and the SHA-256 of the
/// DECOMPRESSED bytes. A file already there (`name.gz` or `name`) is kept only if it has that
/// checksum; a damaged one is removed and downloaded again. Each file is fetched as
/// `<mirror><name>.gz` from the first mirror that gives the right bytes; any failure (HTTP
/// error, cut-short body, bad gzip, wrong checksum) moves on to the next mirror. A verified file
/// is written to a temporary file in `dir` and renamed into place, so `dir` never holds half a
/// file; a lock file (`.name.lock`) keeps two downloads of the same file, from two threads or
/// two processes, from both running: the second waits for the first and uses its file.
pub fn download_files(
    dir: &Path,
    files: &[(&str, &str)],
    mirrors: &[&str],
) -> Result<(), DataError> {
    let agent = agent();
    for &(file, sha256) in files {
        let urls: Vec<String> = mirrors
            .iter()
            .map(|m| format!("{}/{file}.gz", m.trim_end_matches('/')))
            .collect();
        fetch_into(&agent, dir, file, sha256, &urls)?;
    }
    Ok(())
}

/// Makes sure `dir` holds `file` with SHA-256 `sha256` (of its decompressed bytes, if it is
/// gzipped), downloading it from the first of `urls` that gives the right bytes; verified,
/// locked and moved into place as [`download_files`] does.
pub fn download_file(
    dir: &Path,
    file: &str,
    sha256: &str,
    urls: &[String],
) -> Result<(), DataError> {
    fetch_into(&agent(), dir, file, sha256, urls)
}

/// [`download_file`] with a given HTTP client.
fn fetch_into(
    agent: &ureq::Agent,
    dir: &Path,
    file: &str,
    sha256: &str,
    urls: &[String],
) -> Result<(), DataError> {
    std::fs::create_dir_all(dir).map_err(|error| DataError::Write {
        path: dir.to_path_buf(),
        error,
    })?;
    if has_verified(dir, file, sha256) {
        return Ok(());
    }
    let _lock = lock::Lock::acquire(&dir.join(format!(".{file}.lock")))?;
    // Another thread or process may have fetched it while we waited for the lock.
    if has_verified(dir, file, sha256) {
        return Ok(());
    }
    download_one(agent, dir, file, sha256, urls)
}

/// Whether `dir` holds `file` (`.gz` or raw) with the right checksum; a file that is there
/// but damaged is removed (with a note), so that it is downloaded again.
fn has_verified(dir: &Path, file: &str, sha256: &str) -> bool {
    let mut found = false;
    for path in [dir.join(format!("{file}.gz")), dir.join(file)] {
        if !path.is_file() {
            continue;
        }
        match cache::read_verified(&path, sha256) {
            Ok(_) => found = true,
            Err(e) => {
                eprintln!("note: {e}: removing it to download it again");
                cache::forget(&path);
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    found
}

/// Fetches one file from the first address that has it right and stores it in `dir`.
fn download_one(
    agent: &ureq::Agent,
    dir: &Path,
    file: &str,
    sha256: &str,
    urls: &[String],
) -> Result<(), DataError> {
    let mut reasons = Vec::new();
    for url in urls {
        match fetch_verified(agent, url, sha256) {
            Ok(body) => {
                let name = if idx::is_gzip(&body) {
                    format!("{file}.gz")
                } else {
                    file.to_string()
                };
                let path = dir.join(name);
                cache::write_atomically(&path, &body)?;
                cache::remember_now(&path, sha256);
                return Ok(());
            }
            Err(reason) => reasons.push(format!("{url}: {reason}")),
        }
    }
    if urls.is_empty() {
        reasons.push("no mirror given".to_string());
    }
    Err(DataError::Download {
        file: file.to_string(),
        reasons: reasons.join("; "),
    })
}

/// The SHA-256 of `bytes` as 64 lowercase hex digits (what `sha256sum` prints).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An HTTP client with timeouts, so a dead mirror fails in seconds instead of hanging.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_resolve(Some(Duration::from_secs(10)))
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_recv_response(Some(Duration::from_secs(30)))
        .timeout_per_read(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Fetches `url` with a progress bar and returns its body once the decompressed bytes have
/// the expected SHA-256; otherwise says what was wrong.
fn fetch_verified(agent: &ureq::Agent, url: &str, sha256: &str) -> Result<Vec<u8>, String> {
    let mut response = agent.get(url).call().map_err(|e| e.to_string())?;
    eprintln!("downloading {url}");
    let checked = check_body(response.body_mut(), url, sha256);
    if let Err(reason) = &checked {
        eprintln!("  failed: {reason}");
    }
    checked
}

/// Reads a body with a progress bar and checks its length, gzip and SHA-256.
fn check_body(body: &mut ureq::Body, url: &str, sha256: &str) -> Result<Vec<u8>, String> {
    let len = body.content_length();
    let bar =
        indicatif::ProgressBar::with_draw_target(len, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bytes}/{total_bytes} {wide_bar} {eta}")
            .expect("the template is valid"),
    );
    let mut bytes = Vec::new();
    let read = bar
        .wrap_read(body.with_config().limit(MAX_BYTES).reader())
        .read_to_end(&mut bytes);
    bar.finish_and_clear();
    read.map_err(|e| format!("body cut short after {} bytes ({e})", bytes.len()))?;
    if let Some(len) = len.filter(|&len| len != bytes.len() as u64) {
        return Err(format!("got {} of {len} bytes", bytes.len()));
    }
    let decompressed = idx::decode(Path::new(url), bytes.clone()).map_err(|e| match e {
        DataError::Gzip { error, .. } => format!("bad gzip ({error})"),
        DataError::Empty { .. } => "empty body".to_string(),
        e => e.to_string(),
    })?;
    let found = sha256_hex(&decompressed);
    if found != sha256 {
        return Err(format!("wrong SHA-256 {found}, expected {sha256}"));
    }
    Ok(bytes)
}
