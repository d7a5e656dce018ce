//! Where the data comes from: a given folder, the cache, a download, or the bundled sample.

use std::path::{Path, PathBuf};

use super::{
    DataError, DatasetKind, FILES, FileBytes, Known, LoadOptions, Mnist, Origin, assemble, cache,
    download::{download_files, sha256_hex},
    idx, sample,
};

/// The places to look for a data set, tried in order by [`Loader::load`].
///
/// Binaries build it with [`Loader::from_env`] (usually through `dlfs_cli::DataArgs`);
/// tests fill the fields themselves so that nothing depends on the environment or the network.
#[derive(Debug, Clone)]
pub struct Loader {
    /// Which data set.
    pub kind: DatasetKind,
    /// A folder that must hold the data (`--data-dir`, `DLFS_DATA_DIR`). When set it is the
    /// only source tried: a missing folder or file is an error, not a fallback.
    pub data_dir: Option<PathBuf>,
    /// The cache folder; the data set lives in its subfolder `mnist/` or `fashion-mnist/`.
    /// `None` skips the cache and the download.
    pub cache_dir: Option<PathBuf>,
    /// Whether to download missing files into the cache (`false` when `DLFS_OFFLINE=1`).
    pub download: bool,
    /// Base URLs to download from, tried in order (default: [`DatasetKind::mirrors`]).
    pub mirrors: Vec<String>,
    /// `(file, sha256 of the decompressed file)` to download and verify
    /// (default: [`DatasetKind::sha256`]).
    pub sha256: Vec<(String, String)>,
}

impl Loader {
    /// A loader with no folder, no cache and no download: it only finds the bundled sample
    /// until you fill its fields.
    pub fn new(kind: DatasetKind) -> Self {
        Loader {
            kind,
            data_dir: None,
            cache_dir: None,
            download: false,
            mirrors: kind.mirrors().iter().map(|m| m.to_string()).collect(),
            sha256: kind
                .sha256()
                .iter()
                .map(|(f, h)| (f.to_string(), h.to_string()))
                .collect(),
        }
    }

    /// The loader a binary wants: `data_dir` from `--data-dir` if given, else `DLFS_DATA_DIR`;
    /// the cache from `DLFS_CACHE_DIR`, `XDG_CACHE_HOME` or `HOME`; downloads unless
    /// `DLFS_OFFLINE` is set (to anything but `0`).
    pub fn from_env(kind: DatasetKind, data_dir: Option<PathBuf>) -> Self {
        Loader {
            data_dir: data_dir.or_else(env_data_dir),
            cache_dir: default_cache_dir(),
            download: !env_offline(),
            ..Loader::new(kind)
        }
    }

    /// Loads the data set from the first source that has it (see the [module docs](super)).
    ///
    /// When it falls back to the bundled sample it prints two short lines on stderr: why, and
    /// how to get the full set.
    pub fn load(&self, opts: LoadOptions) -> Result<Mnist, DataError> {
        if let Some(dir) = &self.data_dir {
            return load_dir(dir, self.kind, opts);
        }
        let why_sample = match &self.cache_dir {
            None => "there is no cache folder (set DLFS_CACHE_DIR or HOME)".to_string(),
            Some(cache) => match self.load_cache(&cache.join(self.kind.subdir()), opts) {
                Ok(mnist) => return Ok(mnist),
                Err(why) => why,
            },
        };
        let mnist = sample::load_sample(self.kind, opts)?;
        eprintln!(
            "note: using the bundled {} sample ({} training + {} test images): {}.",
            self.kind,
            mnist.t_train.len(),
            mnist.t_test.len(),
            one_line(&why_sample),
        );
        eprintln!(
            "note: for the full set, connect to the internet once (it is then cached) \
             or pass --data-dir DIR / set DLFS_DATA_DIR."
        );
        Ok(mnist)
    }

    /// The data set from the cache folder `dir`, verified, after downloading what is missing
    /// or damaged when downloads are on; otherwise why not, in a few words.
    fn load_cache(&self, dir: &Path, opts: LoadOptions) -> Result<Mnist, String> {
        let damaged = match self.read_cache(dir, opts, Origin::Cache(dir.to_path_buf())) {
            Ok(mnist) => return Ok(mnist),
            Err(DataError::MissingDir { .. } | DataError::MissingFile { .. }) => None,
            Err(e) => Some(e),
        };
        if !self.download {
            return Err(match damaged {
                None => "downloads are off (DLFS_OFFLINE)".to_string(),
                Some(e) => {
                    format!("the cache is damaged ({e}) and downloads are off (DLFS_OFFLINE)")
                }
            });
        }
        // download_files replaces a damaged file, and says so.
        let files: Vec<(&str, &str)> = self
            .sha256
            .iter()
            .map(|(f, h)| (f.as_str(), h.as_str()))
            .collect();
        let mirrors: Vec<&str> = self.mirrors.iter().map(|m| m.as_str()).collect();
        match download_files(dir, &files, &mirrors) {
            Ok(()) => self
                .read_cache(dir, opts, Origin::Downloaded(dir.to_path_buf()))
                .map_err(|e| format!("the downloaded files cannot be used ({e})")),
            Err(DataError::Download { file, reasons }) => {
                // "mirror: cause; mirror: cause": each different cause once, without the
                // addresses, so that the note stays short (offline, every mirror fails alike)
                let mut causes: Vec<&str> = Vec::new();
                for reason in reasons.split("; ") {
                    let cause = reason.split_once(": ").map_or(reason, |(_, c)| c);
                    if !causes.contains(&cause) {
                        causes.push(cause);
                    }
                }
                Err(format!(
                    "{file} could not be downloaded ({})",
                    causes.join("; ")
                ))
            }
            Err(e) => Err(format!("the download failed ({e})")),
        }
    }

    /// Reads the four files of the cache folder `dir`, each checked against [`Loader::sha256`].
    fn read_cache(
        &self,
        dir: &Path,
        opts: LoadOptions,
        origin: Origin,
    ) -> Result<Mnist, DataError> {
        let paths = find_files(dir, self.kind)?;
        let read = |i: usize| {
            let expected = self.sha256.iter().find(|(f, _)| f == FILES[i]);
            let bytes = match expected {
                Some((_, sha256)) => cache::read_verified(&paths[i], sha256)?,
                None => idx::read_file(&paths[i])?,
            };
            Ok::<_, DataError>((paths[i].clone(), bytes))
        };
        let files: FileBytes = [read(0)?, read(1)?, read(2)?, read(3)?];
        assemble(self.kind, &files, opts, origin)
    }
}

/// The book's `load_mnist()`: MNIST from the first source that has it ([`Loader::from_env`]).
pub fn load_mnist(opts: LoadOptions) -> Result<Mnist, DataError> {
    Loader::from_env(DatasetKind::Mnist, None).load(opts)
}

/// Fashion-MNIST from the first source that has it ([`Loader::from_env`]).
pub fn load_fashion_mnist(opts: LoadOptions) -> Result<Mnist, DataError> {
    Loader::from_env(DatasetKind::Fashion, None).load(opts)
}

/// Loads a data set from a folder that must hold it (directly or in its subfolder).
///
/// Each file is recognised by its content (the [`Known`] table): the other data set's files,
/// or a known file under another file's name, are refused; files that are not the published
/// ones (your own data in the IDX format) are used as they are, with a note saying so.
pub fn load_dir(dir: &Path, kind: DatasetKind, opts: LoadOptions) -> Result<Mnist, DataError> {
    let paths = find_files(dir, kind)?;
    let read = |i: usize| Ok::<_, DataError>((paths[i].clone(), idx::read_file(&paths[i])?));
    let files: FileBytes = [read(0)?, read(1)?, read(2)?, read(3)?];
    let folder = paths[0].parent().unwrap_or(dir).to_path_buf();
    let unknown = identify(kind, &files)?;
    if !unknown.is_empty() {
        eprintln!(
            "note: {} of the 4 files in {} are not the published {kind} or sample files ({}): \
             using them as they are",
            unknown.len(),
            folder.display(),
            unknown.join(", "),
        );
    }
    assemble(kind, &files, opts, Origin::Dir(folder))
}

/// Recognises each file by its content: an error for a file of the other data set or a known
/// file in the wrong place; the names of the files that are not known.
fn identify(kind: DatasetKind, files: &FileBytes) -> Result<Vec<&'static str>, DataError> {
    let mut unknown = Vec::new();
    for (i, (path, bytes)) in files.iter().enumerate() {
        match Known::identify(&sha256_hex(bytes)) {
            Some(found) if found.kind != kind => {
                return Err(DataError::WrongDataset {
                    path: path.clone(),
                    wanted: kind,
                    found,
                });
            }
            Some(found) if found.file != i => {
                return Err(DataError::WrongFile {
                    path: path.clone(),
                    wanted: FILES[i],
                    found,
                });
            }
            Some(_) => {}
            None => unknown.push(FILES[i]),
        }
    }
    Ok(unknown)
}

/// The paths of the four files in `dir/<subdir>` if that folder exists, else in `dir`;
/// `name.gz` is preferred to `name`. An error names the folder and the first missing file.
pub fn find_files(dir: &Path, kind: DatasetKind) -> Result<[PathBuf; 4], DataError> {
    if dir.is_file() {
        return Err(DataError::NotADir {
            dir: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(DataError::MissingDir {
            dir: dir.to_path_buf(),
        });
    }
    let sub = dir.join(kind.subdir());
    let dir = if sub.is_dir() { sub } else { dir.to_path_buf() };
    let find = |file: &str| {
        [format!("{file}.gz"), file.to_string()]
            .into_iter()
            .map(|name| dir.join(name))
            .find(|path| path.is_file())
            .ok_or_else(|| DataError::MissingFile {
                dir: dir.clone(),
                file: file.to_string(),
                kind,
            })
    };
    Ok([
        find(FILES[0])?,
        find(FILES[1])?,
        find(FILES[2])?,
        find(FILES[3])?,
    ])
}

/// A non-empty environment variable as a path.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `DLFS_DATA_DIR`. A relative path that is not found from the current folder is looked up
/// from its parents too, so `DLFS_DATA_DIR=../shared/data` set at the workspace root still
/// works when `cargo test` runs a crate's tests from the crate's folder. Everything that reads
/// `DLFS_DATA_DIR` (the loader, the tests' [`crate::testing::shared_data_dir`]) resolves it here.
pub fn env_data_dir() -> Option<PathBuf> {
    let dir = env_path("DLFS_DATA_DIR")?;
    if dir.is_absolute() || dir.exists() {
        return Some(dir);
    }
    let cwd = std::env::current_dir().ok()?;
    let found = cwd.ancestors().map(|a| a.join(&dir)).find(|p| p.is_dir());
    Some(found.map_or(dir, |p| p.canonicalize().unwrap_or(p)))
}

/// `DLFS_CACHE_DIR`, else `$XDG_CACHE_HOME/dlfs`, else `$HOME/.cache/dlfs`.
pub(crate) fn default_cache_dir() -> Option<PathBuf> {
    env_path("DLFS_CACHE_DIR")
        .or_else(|| env_path("XDG_CACHE_HOME").map(|d| d.join("dlfs")))
        .or_else(|| env_path("HOME").map(|d| d.join(".cache").join("dlfs")))
}

/// Whether `DLFS_OFFLINE` is set to anything but empty or `0`.
pub(crate) fn env_offline() -> bool {
    std::env::var("DLFS_OFFLINE").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Joins the lines of a message, so that a note stays on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
