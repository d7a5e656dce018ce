//! The book's trained weights, as its public repository holds them (`--weights book`): the
//! Python pickles `sample_weight.pkl` (chapter 3), `params.pkl` (7) and
//! `deep_convnet_params.pkl` (8), pinned to the commit of 2016 behind the book's printed
//! accuracies and checked against their SHA-256.
//!
//! Where a file comes from, first match wins (as for MNIST):
//! 1. the data folder (`--data-dir DIR`, else `DLFS_DATA_DIR`): `DIR/book-weights/NAME`;
//! 2. the cache (`DLFS_CACHE_DIR`, else `~/.cache/dlfs`): `book-weights/NAME`;
//! 3. a download into the cache, unless `DLFS_OFFLINE=1`.
//!
//! Otherwise the error says what to download and where to put it.

use std::path::{Path, PathBuf};

use super::{
    DataError, cache,
    download::download_file,
    source::{default_cache_dir, env_data_dir, env_offline},
};

/// The commit of the book's repository the files are taken from: 2016-07-07, "add src
/// files". Later commits replaced chapter 7's and 8's files with weaker one-epoch runs.
pub const BOOK_COMMIT: &str = "0dda3d1715e2431b76eb4089b60881948853ba2a";

/// Raw files of the book's repository (`BASE/COMMIT/PATH`).
pub const BOOK_RAW_BASE: &str =
    "https://raw.githubusercontent.com/oreilly-japan/deep-learning-from-scratch";

/// The subfolder of the data folder and of the cache that holds the files.
pub const BOOK_WEIGHTS_DIR: &str = "book-weights";

/// One of the book's trained-weight files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookWeights {
    /// `ch03/sample_weight.pkl`: the 784-50-100-10 sigmoid network (0.9352 on MNIST).
    Ch03,
    /// `ch07/params.pkl`: SimpleConvNet (0.9890).
    Ch07,
    /// `ch08/deep_convnet_params.pkl`: DeepConvNet (0.9935).
    Ch08,
}

impl BookWeights {
    /// The local file name (the one `../shared/data/book-weights/` uses).
    pub fn file_name(self) -> &'static str {
        match self {
            BookWeights::Ch03 => "ch03_sample_weight.pkl",
            BookWeights::Ch07 => "ch07_params_2016.pkl",
            BookWeights::Ch08 => "ch08_deep_convnet_params_2016.pkl",
        }
    }

    /// The path in the book's repository.
    pub fn repo_path(self) -> &'static str {
        match self {
            BookWeights::Ch03 => "ch03/sample_weight.pkl",
            BookWeights::Ch07 => "ch07/params.pkl",
            BookWeights::Ch08 => "ch08/deep_convnet_params.pkl",
        }
    }

    /// The file's SHA-256 at [`BOOK_COMMIT`].
    pub fn sha256(self) -> &'static str {
        match self {
            BookWeights::Ch03 => "b7f55a27988ba34c3777b0f1bbd464817c8a4db855723e6ff26f703501917a13",
            BookWeights::Ch07 => "290ab40c1b1218b392cdc155b633a5df642d829453702fa421ce5f3c6c55f779",
            BookWeights::Ch08 => "8c81d1d6ddedd08c8277c957f3af30a91e455a1d65474ec2b5a0e3527b7422cc",
        }
    }

    /// The file's address at [`BOOK_COMMIT`] under `base` (normally [`BOOK_RAW_BASE`]).
    pub fn url(self, base: &str) -> String {
        format!(
            "{}/{BOOK_COMMIT}/{}",
            base.trim_end_matches('/'),
            self.repo_path()
        )
    }
}

/// Where to look for the book's files, tried in order by [`WeightsLoader::find`].
#[derive(Debug, Clone)]
pub struct WeightsLoader {
    /// The data folder (`--data-dir`, `DLFS_DATA_DIR`), looked in first, under `book-weights/`.
    pub data_dir: Option<PathBuf>,
    /// The cache folder; the files live in its `book-weights/`.
    pub cache_dir: Option<PathBuf>,
    /// Whether to download a missing file (`false` when `DLFS_OFFLINE=1`).
    pub download: bool,
    /// Where the book's repository serves raw files ([`BOOK_RAW_BASE`]; a test server in tests).
    pub base_url: String,
}

impl WeightsLoader {
    /// The places a binary uses: `data_dir` from `--data-dir` if given, else `DLFS_DATA_DIR`;
    /// the cache and `DLFS_OFFLINE` as for MNIST.
    pub fn from_env(data_dir: Option<PathBuf>) -> Self {
        WeightsLoader {
            data_dir: data_dir.or_else(env_data_dir),
            cache_dir: default_cache_dir(),
            download: !env_offline(),
            base_url: BOOK_RAW_BASE.to_string(),
        }
    }

    /// The path of the book's file `which`, checked against its SHA-256: from the data
    /// folder, the cache, or just downloaded into the cache.
    pub fn find(&self, which: BookWeights) -> Result<PathBuf, DataError> {
        let name = which.file_name();
        if let Some(dir) = &self.data_dir {
            let path = dir.join(BOOK_WEIGHTS_DIR).join(name);
            if path.is_file() {
                cache::read_verified(&path, which.sha256())?;
                return Ok(path);
            }
        }
        let url = which.url(&self.base_url);
        let Some(cache_dir) = &self.cache_dir else {
            return Err(missing(which, &url, None, "there is no cache folder"));
        };
        let dir = cache_dir.join(BOOK_WEIGHTS_DIR);
        let path = dir.join(name);
        if path.is_file() && cache::read_verified(&path, which.sha256()).is_ok() {
            return Ok(path);
        }
        if !self.download {
            return Err(missing(
                which,
                &url,
                Some(&path),
                "downloads are off (DLFS_OFFLINE)",
            ));
        }
        match download_file(&dir, name, which.sha256(), std::slice::from_ref(&url)) {
            Ok(()) => Ok(path),
            Err(DataError::Download { reasons, .. }) => {
                let cause = reasons
                    .split_once(": ")
                    .map_or(reasons.as_str(), |(_, c)| c);
                let why = format!("the download failed ({cause})");
                Err(missing(which, &url, Some(&path), &why))
            }
            Err(e) => Err(e),
        }
    }
}

/// What to download and where to put it, in one line.
fn missing(which: BookWeights, url: &str, path: Option<&Path>, why: &str) -> DataError {
    let place = match path {
        Some(p) => p.display().to_string(),
        None => format!(
            "DIR/{BOOK_WEIGHTS_DIR}/{} with --data-dir DIR",
            which.file_name()
        ),
    };
    DataError::BookWeights {
        file: which.file_name().to_string(),
        why: why.to_string(),
        url: url.to_string(),
        place,
    }
}

/// `--weights FILE`, where the word `book` means the book's file `which` ([`WeightsLoader`]
/// from the environment and `data_dir`); any other value is the path itself.
pub fn weights_path(
    arg: &Path,
    which: BookWeights,
    data_dir: Option<PathBuf>,
) -> Result<PathBuf, DataError> {
    if arg == Path::new("book") {
        WeightsLoader::from_env(data_dir).find(which)
    } else {
        Ok(arg.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_pinned_to_the_2016_commit() {
        assert_eq!(
            BookWeights::Ch07.url(BOOK_RAW_BASE),
            "https://raw.githubusercontent.com/oreilly-japan/deep-learning-from-scratch/\
             0dda3d1715e2431b76eb4089b60881948853ba2a/ch07/params.pkl"
        );
        assert_eq!(
            BookWeights::Ch03.url("http://127.0.0.1:8/x/"),
            format!("http://127.0.0.1:8/x/{BOOK_COMMIT}/ch03/sample_weight.pkl")
        );
    }

    #[test]
    fn offline_and_absent_says_what_to_download_and_where() {
        let tmp = std::env::temp_dir().join(format!("dlfs-bw-offline-{}", std::process::id()));
        let loader = WeightsLoader {
            data_dir: Some(tmp.join("no-such-data")),
            cache_dir: Some(tmp.join("cache")),
            download: false,
            base_url: BOOK_RAW_BASE.to_string(),
        };
        let e = loader.find(BookWeights::Ch08).unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e}");
        assert!(e.contains("DLFS_OFFLINE"), "{e}");
        assert!(e.contains(&BookWeights::Ch08.url(BOOK_RAW_BASE)), "{e}");
        let place = tmp.join("cache/book-weights/ch08_deep_convnet_params_2016.pkl");
        assert!(e.contains(&place.display().to_string()), "{e}");
        let no_cache = WeightsLoader {
            cache_dir: None,
            ..loader
        };
        let e = no_cache.find(BookWeights::Ch03).unwrap_err().to_string();
        assert!(e.contains("DIR/book-weights/ch03_sample_weight.pkl"), "{e}");
    }

    #[test]
    fn a_path_is_a_path_and_book_is_the_books_file() {
        let p = weights_path(Path::new("w.pkl"), BookWeights::Ch03, None).unwrap();
        assert_eq!(p, Path::new("w.pkl"));
    }
}
