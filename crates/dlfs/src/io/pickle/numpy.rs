//! The NumPy side of a pickled array: the few globals such a pickle names, dtypes, and arrays
//! made from raw bytes.
//!
//! NumPy pickles an array as a call and a state: `_reconstruct(ndarray, (0,), b"b")` makes an
//! empty array, then `BUILD` hands it `(1, shape, dtype, is_fortran, raw_bytes)`. The dtype is
//! itself a call, `dtype("f4", False, True)`, whose `BUILD` state says the byte order. Protocol 5
//! uses `_frombuffer(raw_bytes, dtype, shape, order)` instead, a NumPy scalar is
//! `scalar(dtype, raw_bytes)`, and Python 3 at protocol 2 (which has no bytes opcode) writes
//! bytes as `_codecs.encode(text, "latin1")`. These are the only functions the reader knows;
//! it interprets them itself, it does not call them.

use ndarray::{ArrayD, IxDyn, ShapeBuilder};

use crate::io::shape as shape_text; // `(2, 3)`, `(5,)`, `()`

/// The globals a pickle of NumPy arrays may name; any other is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Global {
    /// `numpy.core.multiarray._reconstruct` (NumPy 2: `numpy._core.multiarray`).
    Reconstruct,
    /// `numpy.ndarray`, the first argument of `_reconstruct`.
    Ndarray,
    /// `numpy.dtype`.
    Dtype,
    /// `numpy.core.multiarray.scalar`: a NumPy scalar such as `np.float64(0.5)`.
    Scalar,
    /// `numpy.core.numeric._frombuffer`: arrays at protocol 5.
    FromBuffer,
    /// `_codecs.encode`: bytes at protocol 2 written by Python 3.
    CodecsEncode,
}

impl Global {
    /// The global `module.name`, if it is one of the allowed ones.
    pub(super) fn lookup(module: &str, name: &str) -> Option<Global> {
        let multiarray = matches!(module, "numpy.core.multiarray" | "numpy._core.multiarray");
        let numeric = matches!(module, "numpy.core.numeric" | "numpy._core.numeric");
        Some(match (module, name) {
            (_, "_reconstruct") if multiarray => Global::Reconstruct,
            (_, "scalar") if multiarray => Global::Scalar,
            (_, "_frombuffer") if numeric => Global::FromBuffer,
            ("numpy", "ndarray") => Global::Ndarray,
            ("numpy", "dtype") => Global::Dtype,
            ("_codecs", "encode") => Global::CodecsEncode,
            _ => return None,
        })
    }

    /// Its Python name, for messages.
    pub(super) fn name(self) -> &'static str {
        match self {
            Global::Reconstruct => "numpy.core.multiarray._reconstruct",
            Global::Ndarray => "numpy.ndarray",
            Global::Dtype => "numpy.dtype",
            Global::Scalar => "numpy.core.multiarray.scalar",
            Global::FromBuffer => "numpy.core.numeric._frombuffer",
            Global::CodecsEncode => "_codecs.encode",
        }
    }
}

/// The kind of number an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Float,
    Int,
    Uint,
    Bool,
}

/// An array's element type: kind, size in bytes and byte order. Floats of 2, 4 and 8 bytes,
/// integers of 1, 2, 4 and 8 bytes, and bools; not complex, strings, objects or records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Dtype {
    kind: Kind,
    size: usize,
    big_endian: bool,
}

impl Dtype {
    /// From NumPy's type string, e.g. `f4`, `<f8`, `>i2`, `u1`, `b1`. Without a byte-order
    /// prefix the order is this machine's until a `BUILD` sets it.
    pub(super) fn parse(name: &str) -> Result<Dtype, String> {
        let unsupported =
            || format!("dtype {name:?} is not supported (float16/32/64, integers and bool are)");
        let (order, code) = match name.as_bytes().first() {
            Some(b'<' | b'>' | b'=' | b'|') => name.split_at(1),
            _ => ("=", name),
        };
        let mut chars = code.chars();
        let kind = match chars.next() {
            Some('f') => Kind::Float,
            Some('i') => Kind::Int,
            Some('u') => Kind::Uint,
            Some('b') => Kind::Bool,
            _ => return Err(unsupported()),
        };
        let size: usize = chars.as_str().parse().map_err(|_| unsupported())?;
        let valid = match kind {
            Kind::Float => matches!(size, 2 | 4 | 8),
            Kind::Int | Kind::Uint => matches!(size, 1 | 2 | 4 | 8),
            Kind::Bool => size == 1,
        };
        if !valid {
            return Err(unsupported());
        }
        let native = Dtype {
            kind,
            size,
            big_endian: cfg!(target_endian = "big"),
        };
        native.with_byte_order(order)
    }

    /// The same type in byte order `order`: `<` little, `>` big, `=` this machine's, `|` not
    /// applicable (one-byte types).
    pub(super) fn with_byte_order(self, order: &str) -> Result<Dtype, String> {
        let big_endian = match order {
            "<" => false,
            ">" => true,
            "=" => cfg!(target_endian = "big"),
            "|" if self.size == 1 => self.big_endian,
            _ => return Err(format!("byte order {order:?} is not one of <, >, =, |")),
        };
        Ok(Dtype { big_endian, ..self })
    }

    /// `float32`, `int16`, `bool`.
    fn name(self) -> String {
        match self.kind {
            Kind::Float => format!("float{}", 8 * self.size),
            Kind::Int => format!("int{}", 8 * self.size),
            Kind::Uint => format!("uint{}", 8 * self.size),
            Kind::Bool => "bool".to_string(),
        }
    }

    /// One element's `size` bytes as `f64` (exact for floats, and integers up to 2^53).
    fn decode(self, b: &[u8]) -> f64 {
        let mut le = [0u8; 8]; // little-endian, zero-extended
        le[..b.len()].copy_from_slice(b);
        if self.big_endian {
            le[..b.len()].reverse();
        }
        let bits = u64::from_le_bytes(le);
        match (self.kind, self.size) {
            (Kind::Float, 2) => f16_to_f64(bits as u16),
            (Kind::Float, 4) => f64::from(f32::from_bits(bits as u32)),
            (Kind::Float, _) => f64::from_bits(bits),
            (Kind::Int, size) => {
                let shift = 64 - 8 * size as u32; // sign-extend from the top of `size` bytes
                ((bits << shift) as i64 >> shift) as f64
            }
            (Kind::Uint, _) => bits as f64,
            (Kind::Bool, _) => f64::from(u8::from(bits != 0)),
        }
    }
}

/// An IEEE half-precision number as `f64`: `(-1)^s · 2^(e-15) · 1.f`, or `2^-14 · 0.f` when
/// `e = 0`; `e = 31` is infinity (`f = 0`) or NaN.
fn f16_to_f64(h: u16) -> f64 {
    let sign = if h >> 15 == 1 { -1.0 } else { 1.0 };
    let e = i32::from((h >> 10) & 0x1f);
    let f = f64::from(h & 0x3ff);
    sign * match e {
        0 => f * 2f64.powi(-24),
        31 if f == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    }
}

/// The array of `shape` whose elements, of type `dtype`, are the bytes `data` in row-major
/// order (`fortran = false`) or column-major order (`true`); returned in standard layout.
/// The shape must account for every byte: `product(shape) · itemsize == data.len()`.
pub(super) fn array_from_bytes(
    dtype: Dtype,
    shape: &[usize],
    fortran: bool,
    data: &[u8],
) -> Result<ArrayD<f64>, String> {
    let mismatch = || {
        format!(
            "an array of shape {} and dtype {} needs {} bytes, the pickle holds {}",
            shape_text(shape),
            dtype.name(),
            shape
                .iter()
                .try_fold(dtype.size, |n, &d| n.checked_mul(d))
                .map_or("more than 2^64".to_string(), |n| n.to_string()),
            data.len()
        )
    };
    let count = shape
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d))
        .ok_or_else(mismatch)?;
    if count.checked_mul(dtype.size) != Some(data.len()) {
        return Err(mismatch());
    }
    // only now, with the bytes known to be there, is anything allocated
    let values: Vec<f64> = data
        .chunks_exact(dtype.size)
        .map(|b| dtype.decode(b))
        .collect();
    let dim = IxDyn(shape);
    let array = if fortran {
        ArrayD::from_shape_vec(dim.f(), values).map(|a| a.as_standard_layout().into_owned())
    } else {
        ArrayD::from_shape_vec(dim, values)
    };
    array.map_err(|e| format!("shape {}: {e}", shape_text(shape)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtypes_parse_and_decode() {
        let f4 = Dtype::parse("f4").unwrap();
        assert_eq!(f4.size, 4);
        assert_eq!(
            f4.with_byte_order("<")
                .unwrap()
                .decode(&1.5f32.to_le_bytes()),
            1.5
        );
        assert_eq!(
            Dtype::parse(">f8")
                .unwrap()
                .decode(&(-0.25f64).to_be_bytes()),
            -0.25
        );
        assert_eq!(
            Dtype::parse("<i2")
                .unwrap()
                .decode(&(-300i16).to_le_bytes()),
            -300.0
        );
        assert_eq!(
            Dtype::parse(">u4").unwrap().decode(&70000u32.to_be_bytes()),
            70000.0
        );
        assert_eq!(Dtype::parse("|b1").unwrap().decode(&[1]), 1.0);
        assert_eq!(Dtype::parse("|i1").unwrap().decode(&[0xff]), -1.0);
        // float16: 1.0 is 0x3c00, -2.0 is 0xc000, the smallest subnormal 0x0001 is 2^-24
        let f2 = Dtype::parse("<f2").unwrap();
        assert_eq!(f2.decode(&0x3c00u16.to_le_bytes()), 1.0);
        assert_eq!(f2.decode(&0xc000u16.to_le_bytes()), -2.0);
        assert_eq!(f2.decode(&1u16.to_le_bytes()), 2f64.powi(-24));
        assert_eq!(f2.decode(&0x7c00u16.to_le_bytes()), f64::INFINITY);
        assert!(f2.decode(&0x7e00u16.to_le_bytes()).is_nan());
        for bad in [
            "O8", "U5", "c16", "f16", "f3", "b2", "", "<", "V8", "M8[ns]", "f",
        ] {
            assert!(Dtype::parse(bad).is_err(), "{bad}");
        }
        assert!(f4.with_byte_order("!").is_err());
        assert!(f4.with_byte_order("|").is_err());
    }

    #[test]
    fn fortran_order_comes_back_row_major() {
        let f8 = Dtype::parse("<f8").unwrap();
        // column-major bytes of [[0, 1, 2], [3, 4, 5]]: 0, 3, 1, 4, 2, 5
        let data: Vec<u8> = [0.0, 3.0, 1.0, 4.0, 2.0, 5.0f64]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let a = array_from_bytes(f8, &[2, 3], true, &data).unwrap();
        assert!(a.is_standard_layout());
        assert_eq!(a.as_slice().unwrap(), &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        let c = array_from_bytes(f8, &[3, 2], false, &data).unwrap();
        assert_eq!(c.as_slice().unwrap(), &[0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    }

    #[test]
    fn the_shape_must_account_for_every_byte() {
        let f4 = Dtype::parse("<f4").unwrap();
        let e = array_from_bytes(f4, &[2, 3], false, &[0; 20]).unwrap_err();
        assert_eq!(
            e,
            "an array of shape (2, 3) and dtype float32 needs 24 bytes, the pickle holds 20"
        );
        let huge = [usize::MAX / 2, 4];
        let e = array_from_bytes(f4, &huge, false, &[0; 8]).unwrap_err();
        assert!(e.contains("more than 2^64"), "{e}");
        assert_eq!(array_from_bytes(f4, &[], false, &[0; 4]).unwrap().ndim(), 0);
        assert_eq!(array_from_bytes(f4, &[0, 5], false, &[]).unwrap().len(), 0);
        // zero elements, however large the other axes: no bytes, and ndarray refuses the shape
        assert!(array_from_bytes(f4, &[0, usize::MAX, 4], false, &[]).is_err());
    }

    #[test]
    fn only_numpys_reconstruction_globals_are_known() {
        assert_eq!(
            Global::lookup("numpy.core.multiarray", "_reconstruct"),
            Some(Global::Reconstruct)
        );
        assert_eq!(
            Global::lookup("numpy._core.numeric", "_frombuffer"),
            Some(Global::FromBuffer)
        );
        for (m, n) in [
            ("os", "system"),
            ("builtins", "eval"),
            ("numpy", "load"),
            ("numpy.core.multiarray", "system"),
            ("subprocess", "Popen"),
            ("numpy.core.multiarray ", "_reconstruct"),
        ] {
            assert_eq!(Global::lookup(m, n), None, "{m}.{n}");
        }
    }
}
