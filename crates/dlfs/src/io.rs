//! Parameters as NumPy `.npz` files: what the book does with `pickle`, in a format that both
//! NumPy (`np.load("params.npz")`) and this crate read. The book's own `.pkl` files (a pickled
//! dict of arrays) are read too, by the restricted reader of [`pickle`]: [`Npz::open`] and
//! everything built on it take either kind of file.
//!
//! ```no_run
//! use dlfs::io::Npz;
//! // The book's ch03 weights: W1 (784, 50), b1 (50,), ...
//! let mut npz = Npz::open("../shared/data/book-weights/ch03_sample_weight.npz")?;
//! let w1: ndarray::ArrayD<f32> = npz.get("W1", &[784, 50])?;
//! # Ok::<(), dlfs::io::NpzError>(())
//! ```
//!
//! Files are written compressed, as float32 when `F = f32` and float64 when `F = f64`; reading
//! accepts either and converts to the `F` asked for (the book's ch03 weights are float32, its
//! ch07/ch08 weights float64).

pub mod pickle;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use ndarray::{ArrayD, IxDyn, OwnedRepr};
use ndarray_npy::{NpzReader, NpzWriter, ReadNpyError, ReadNpzError};

use crate::{Float, Param};

/// An error reading or writing a `.npz` file; each names the file and, where there is one,
/// the array.
#[derive(Debug, thiserror::Error)]
pub enum NpzError {
    /// The file cannot be opened. (The cause is part of the message, not a `source`: a binary
    /// prints the error chain on one line, and a `source` would repeat it.)
    #[error("cannot open {}: {error}", .path.display())]
    Open {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file is not a zip archive of `.npy` arrays.
    #[error("{} is not a .npz file ({reason})", .path.display())]
    Format { path: PathBuf, reason: String },
    /// The file is a pickle, but not one this crate reads: damaged, or holding something else
    /// than a dict of NumPy arrays, or asking for code to run (refused).
    #[error("{}: not a readable pickle of NumPy arrays: {error}", .path.display())]
    Pickle {
        path: PathBuf,
        error: pickle::PickleError,
    },
    /// No array by that name; says which names there are.
    #[error("{} has no array {name:?} (it has: {})", .path.display(), .names.join(", "))]
    Missing {
        path: PathBuf,
        name: String,
        names: Vec<String>,
    },
    /// The array exists with another shape.
    #[error(
        "{}: array {name:?} has shape {}, expected {}",
        .path.display(), shape(.found), shape(.expected)
    )]
    Shape {
        path: PathBuf,
        name: String,
        expected: Vec<usize>,
        found: Vec<usize>,
    },
    /// The array is not float32 or float64 (or is damaged).
    #[error("{}: cannot read array {name:?} as float32 or float64 ({reason})", .path.display())]
    Read {
        path: PathBuf,
        name: String,
        reason: String,
    },
    /// Writing failed; the file that was there before is untouched.
    #[error("cannot write {}: {reason} (the previous file, if any, is unchanged)", .path.display())]
    Write { path: PathBuf, reason: String },
    /// Two arrays to save have the same name.
    #[error("cannot save {}: two arrays are named {name:?}", .path.display())]
    Duplicate { path: PathBuf, name: String },
}

/// A shape the NumPy way: `(784, 50)`, `(50,)`, `()`.
fn shape(dims: &[usize]) -> String {
    match dims {
        [d] => format!("({d},)"),
        _ => {
            let dims: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
            format!("({})", dims.join(", "))
        }
    }
}

/// An open `.npz` file whose arrays are read one by one, by name; or a pickle of NumPy arrays
/// (the book's `.pkl` files), read whole when opened.
pub struct Npz {
    path: PathBuf,
    source: Source,
    names: Vec<String>,
}

/// Where the arrays come from.
enum Source {
    /// A `.npz` archive, read array by array.
    Zip(NpzReader<File>),
    /// A pickle's arrays, in file order, as `f64` (every float32 and float64 is one exactly).
    Pickle(Vec<(String, ArrayD<f64>)>),
}

impl std::fmt::Debug for Npz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Npz")
            .field("path", &self.path)
            .field("names", &self.names)
            .finish()
    }
}

impl Npz {
    /// Opens a `.npz` file and lists its arrays; a pickle (a file that starts like one, or
    /// is named `*.pkl`/`*.pickle`) is read whole with [`pickle::read_arrays`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self, NpzError> {
        let path = path.as_ref().to_path_buf();
        let open_error = |error| NpzError::Open {
            path: path.clone(),
            error,
        };
        let mut file = File::open(&path).map_err(open_error)?;
        let mut magic = [0u8; 2];
        let n = file.read(&mut magic).map_err(open_error)?;
        let named_pickle = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pkl") || e.eq_ignore_ascii_case("pickle"));
        if named_pickle || pickle::looks_like_pickle(&magic[..n]) {
            return Npz::open_pickle(path);
        }
        file.rewind().map_err(open_error)?;
        let format = |e: ReadNpzError| NpzError::Format {
            path: path.clone(),
            reason: e.to_string(),
        };
        let mut reader = NpzReader::new(file).map_err(format)?;
        let names = reader.names().map_err(format)?;
        Ok(Npz {
            path,
            source: Source::Zip(reader),
            names,
        })
    }

    /// Reads a pickle's arrays.
    fn open_pickle(path: PathBuf) -> Result<Self, NpzError> {
        let bytes = std::fs::read(&path).map_err(|error| NpzError::Open {
            path: path.clone(),
            error,
        })?;
        let arrays = pickle::read_arrays(&bytes).map_err(|error| NpzError::Pickle {
            path: path.clone(),
            error,
        })?;
        let names = arrays.iter().map(|(name, _)| name.clone()).collect();
        Ok(Npz {
            path,
            source: Source::Pickle(arrays),
            names,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The names of the arrays in the file, in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Array `name`, which must have shape `expected`, converted to `F`.
    pub fn get<F: Float>(&mut self, name: &str, expected: &[usize]) -> Result<ArrayD<F>, NpzError> {
        let array = self.get_any_shape(name)?;
        if array.shape() != expected {
            return Err(NpzError::Shape {
                path: self.path.clone(),
                name: name.to_string(),
                expected: expected.to_vec(),
                found: array.shape().to_vec(),
            });
        }
        Ok(array)
    }

    /// Array `name` whatever its shape, converted to `F` (float32 and float64 are accepted),
    /// in standard (row-major) layout even when NumPy saved it with `fortran_order: True`.
    pub fn get_any_shape<F: Float>(&mut self, name: &str) -> Result<ArrayD<F>, NpzError> {
        if !self.names.iter().any(|n| n == name) {
            return Err(NpzError::Missing {
                path: self.path.clone(),
                name: name.to_string(),
                names: self.names.clone(),
            });
        }
        let reader = match &mut self.source {
            Source::Zip(reader) => reader,
            Source::Pickle(arrays) => {
                let (_, a) = arrays.iter().find(|(n, _)| n == name).expect("listed");
                return Ok(a.mapv(F::lit)); // standard layout, as the reader made it
            }
        };
        let read_error = |e: ReadNpzError| NpzError::Read {
            path: self.path.clone(),
            name: name.to_string(),
            reason: e.to_string(),
        };
        // Try float32, then float64: the descriptor in the array's header says which it is.
        match reader.by_name::<OwnedRepr<f32>, IxDyn>(name) {
            Ok(a) => return Ok(row_major(&a, |x| F::lit(f64::from(x)))),
            Err(ReadNpzError::Npy(ReadNpyError::WrongDescriptor(_))) => {}
            Err(e) => return Err(read_error(e)),
        }
        match reader.by_name::<OwnedRepr<f64>, IxDyn>(name) {
            Ok(a) => Ok(row_major(&a, F::lit)),
            Err(e) => Err(read_error(e)),
        }
    }
}

/// `a` converted element by element into a new array in standard (C, row-major) layout.
/// An array NumPy stored column-major (`fortran_order: True`) is read with Fortran strides;
/// `mapv` would keep them, and code that walks the memory (`as_slice`, reshapes) would then
/// see the values transposed.
fn row_major<A: Copy, F>(a: &ArrayD<A>, f: impl Fn(A) -> F) -> ArrayD<F> {
    let values: Vec<F> = a.iter().map(|&x| f(x)).collect(); // logical (row-major) order
    ArrayD::from_shape_vec(a.raw_dim(), values).expect("as many values as the shape holds")
}

/// Writes named arrays to a compressed `.npz` file (creating its folder), as float32 when
/// `F = f32` and float64 when `F = f64`. `np.load(path)` reads it back in Python.
///
/// The arrays go to a temporary file in the same folder, which is flushed to disk and then
/// renamed to `path`: a save that fails half-way (a full disk) leaves the previous file as it
/// was, and no half-written archive under either name.
pub fn save_npz<F: Float>(
    path: impl AsRef<Path>,
    arrays: &[(&str, &ArrayD<F>)],
) -> Result<(), NpzError> {
    let path = path.as_ref();
    for (i, (name, _)) in arrays.iter().enumerate() {
        if arrays[..i].iter().any(|(other, _)| other == name) {
            return Err(NpzError::Duplicate {
                path: path.to_path_buf(),
                name: name.to_string(),
            });
        }
    }
    let write_error = |reason: String| NpzError::Write {
        path: path.to_path_buf(),
        reason,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| write_error(format!("cannot create its folder ({e})")))?;
    }
    let tmp = temp_path(path);
    let written = write_npz(&tmp, arrays)
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| e.to_string()));
    written.map_err(|reason| {
        let _ = std::fs::remove_file(&tmp);
        write_error(reason)
    })
}

/// Writes the archive to `tmp` and flushes it to disk; the reason if anything fails.
fn write_npz<F: Float>(tmp: &Path, arrays: &[(&str, &ArrayD<F>)]) -> Result<(), String> {
    let file = File::create(tmp).map_err(|e| e.to_string())?;
    let mut npz = NpzWriter::new_compressed(QuietAfterError {
        file,
        failed: false,
    });
    // Our Float is f32 or f64: its size says which NumPy dtype to store.
    let is_f32 = std::mem::size_of::<F>() == 4;
    for (name, array) in arrays {
        let added = if is_f32 {
            npz.add_array(*name, &array.mapv(|x| x.to_f32().expect("f32 to f32")))
        } else {
            npz.add_array(*name, &array.mapv(|x| x.to_f64().expect("f64 to f64")))
        };
        added.map_err(|e| format!("array {name:?}: {e}"))?;
    }
    let written = npz.finish().map_err(|e| e.to_string())?;
    written.file.sync_all().map_err(|e| e.to_string())
}

/// The temporary file, which after a failed write takes (and drops) whatever else comes: the
/// zip writer, dropped unfinished after the error, would otherwise try to finish the archive
/// and print a second message of its own beside our one error line.
struct QuietAfterError {
    file: File,
    failed: bool,
}

impl std::io::Write for QuietAfterError {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            return Ok(buf.len());
        }
        self.file.write(buf).inspect_err(|_| self.failed = true)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.file.flush().inspect_err(|_| self.failed = true)
    }
}

impl std::io::Seek for QuietAfterError {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.file.seek(pos)
    }
}

/// A temporary name beside `path`, unique to this write (process id and a counter shared by
/// the process's threads): `.params.npz.1234-0.part`.
fn temp_path(path: &Path) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.{}-{n}.part", std::process::id()))
}

/// Reads every array of a `.npz` file, converted to `F`, by name.
pub fn load_npz<F: Float>(path: impl AsRef<Path>) -> Result<BTreeMap<String, ArrayD<F>>, NpzError> {
    let mut npz = Npz::open(path)?;
    let mut arrays = BTreeMap::new();
    for name in npz.names().to_vec() {
        let array = npz.get_any_shape(&name)?;
        arrays.insert(name, array);
    }
    Ok(arrays)
}

/// Saves a network's parameters, each under its [`Param::name`] ("W1", "b1", ...).
pub fn save_params<F: Float>(path: impl AsRef<Path>, params: &[&Param<F>]) -> Result<(), NpzError> {
    let arrays: Vec<(&str, &ArrayD<F>)> =
        params.iter().map(|p| (p.name.as_str(), &p.value)).collect();
    save_npz(path, &arrays)
}

/// Loads a network's parameters by [`Param::name`], each with the shape it already has.
///
/// Either every parameter is loaded or none is: all arrays are read and checked before any
/// value is replaced. Arrays in the file that no parameter asks for are ignored.
pub fn load_params<F: Float>(
    path: impl AsRef<Path>,
    params: Vec<&mut Param<F>>,
) -> Result<(), NpzError> {
    let mut npz = Npz::open(path)?;
    let values = params
        .iter()
        .map(|p| npz.get(&p.name, p.value.shape()))
        .collect::<Result<Vec<_>, _>>()?;
    for (p, value) in params.into_iter().zip(values) {
        p.value = value;
    }
    Ok(())
}
