//! The book's `.pkl` files, read without Python: a restricted reader for a pickled dict of
//! NumPy arrays, what `pickle.dump(params, f)` writes and what the book ships
//! (`sample_weight.pkl`, `params.pkl`, `deep_convnet_params.pkl`).
//!
//! ```no_run
//! let bytes = std::fs::read("../shared/data/book-weights/ch03_sample_weight.pkl")?;
//! let arrays = dlfs::io::pickle::read_arrays(&bytes)?;
//! assert_eq!(arrays[0].0, "b2"); // the dict's order: b2, W1, b1, W2, W3, b3
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A pickle is a small program: opcodes for a stack machine that can import any Python
//! function and call it. Loading one in Python runs that program, so a `.pkl` from elsewhere is
//! untrusted input. This reader runs the machine only as far as a dict of arrays needs:
//!
//! - protocols 2 to 5 (binary); the text protocols 0 and 1 are refused;
//! - the opcodes that build dicts, lists, tuples, strings, bytes, ints, floats, bools, `None`,
//!   and the memo that lets a pickle refer to an object twice;
//! - of the globals, only NumPy's reconstruction functions (`numpy`); any other global (say
//!   `os.system`) is refused where it is named, and `REDUCE` (the call) is interpreted for those
//!   functions only, never executed;
//! - the arrays' bytes in the file itself: protocol 5's out-of-band buffers are refused.
//!
//! Nothing is allocated before the file shows it is there: a declared length beyond the end
//! of the file is an error before any buffer is made, an array's shape must account for its
//! bytes exactly, and the stack, the marks and the memo have fixed bounds.

mod machine;
mod numpy;

use ndarray::ArrayD;

/// Most values on the stack at once (a dict is filled 1,000 items at a time by Python).
pub const MAX_STACK: usize = 100_000;
/// Most open marks at once: how deeply `MARK ... TUPLE` groups may nest.
pub const MAX_MARKS: usize = 1_000;
/// Most memo entries.
pub const MAX_MEMO: usize = 100_000;

/// What kind of problem a pickle has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file ends before an opcode or its argument does.
    Truncated,
    /// Something this reader will not do: an unknown global, a call of anything but NumPy's
    /// reconstruction, an opcode arrays do not need, a text protocol, out-of-band data.
    Refused,
    /// The bytes do not make sense: a bad opcode argument, a shape that does not match the
    /// bytes, a dict holding something else than arrays.
    Malformed,
    /// A bound of the reader is exceeded ([`MAX_STACK`], [`MAX_MARKS`], [`MAX_MEMO`]).
    Limit,
}

/// A pickle that cannot be read as a dict of NumPy arrays: what, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at byte {at})")]
pub struct PickleError {
    /// Offset of the opcode that failed.
    pub at: usize,
    /// The kind of problem.
    pub kind: ErrorKind,
    /// What went wrong, in a few words.
    pub message: String,
}

/// Reads a pickled dict of NumPy arrays: `(name, array)` in the dict's order, each array
/// in standard (row-major) layout and converted to `f64` (exactly: float16/32/64 and integers
/// up to 2^53 are all values of `f64`). A name given twice keeps its first place and its last
/// array, as a Python dict does.
///
/// # Errors
/// A [`PickleError`] for anything but a dict from strings to arrays; see the module docs.
pub fn read_arrays(bytes: &[u8]) -> Result<Vec<(String, ArrayD<f64>)>, PickleError> {
    machine::Machine::new(bytes).run()
}

/// Whether `bytes` start like a binary pickle (protocol 2 to 5): `0x80` and the protocol.
pub fn looks_like_pickle(bytes: &[u8]) -> bool {
    matches!(bytes, [0x80, 2..=5, ..])
}
