//! A lock file, so that two downloads of the same file (two threads, or two runs started
//! together) do not both run: the first creates `.name.lock` (an atomic create-if-absent), the
//! others wait until it is gone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::DataError;

/// A lock older than this is left over from a run that was killed, and is taken over.
const STALE: Duration = Duration::from_secs(10 * 60);

/// How often a waiting download looks again.
const POLL: Duration = Duration::from_millis(100);

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub(super) struct Lock(PathBuf);

impl Lock {
    /// Creates the lock file at `path`, waiting while another holder has it.
    pub(super) fn acquire(path: &Path) -> Result<Lock, DataError> {
        let mut said = false;
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut file) => {
                    let _ = writeln!(file, "{}", std::process::id());
                    return Ok(Lock(path.to_path_buf()));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if is_stale(path) {
                        let _ = std::fs::remove_file(path);
                        continue;
                    }
                    if !said {
                        eprintln!(
                            "note: waiting for another download ({} exists)",
                            path.display()
                        );
                        said = true;
                    }
                    std::thread::sleep(POLL);
                }
                Err(error) => {
                    return Err(DataError::Write {
                        path: path.to_path_buf(),
                        error,
                    });
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Whether the lock at `path` was made more than [`STALE`] ago.
fn is_stale(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > STALE)
}
