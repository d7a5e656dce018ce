//! A tiny pickle writer for the tests: enough opcodes to write what NumPy writes (protocols 2
//! to 5, Python 2's strings) and what a hostile file might hold instead.

#![allow(dead_code)]

/// A pickle being written, opcode by opcode.
#[derive(Debug, Clone, Default)]
pub struct P(pub Vec<u8>);

impl P {
    /// `PROTO n`.
    pub fn proto(n: u8) -> P {
        P(vec![0x80, n])
    }

    /// Raw bytes: an opcode and whatever follows.
    pub fn raw(mut self, bytes: &[u8]) -> P {
        self.0.extend_from_slice(bytes);
        self
    }

    /// `SHORT_BINUNICODE s` (protocol 4) or `BINUNICODE s` (protocol 2, 3).
    pub fn str(self, s: &str) -> P {
        let n = s.len() as u32;
        self.raw(b"X").raw(&n.to_le_bytes()).raw(s.as_bytes())
    }

    /// Python 2's `str`: `SHORT_BINSTRING`, or `BINSTRING` when longer than 255 bytes.
    pub fn py2_str(self, b: &[u8]) -> P {
        if b.len() < 256 {
            self.raw(&[b'U', b.len() as u8]).raw(b)
        } else {
            let n = b.len() as u32;
            self.raw(b"T").raw(&n.to_le_bytes()).raw(b)
        }
    }

    /// `BINBYTES b` (protocol 3).
    pub fn bytes(self, b: &[u8]) -> P {
        let n = b.len() as u32;
        self.raw(b"B").raw(&n.to_le_bytes()).raw(b)
    }

    /// `BININT1 n`.
    pub fn int(self, n: u8) -> P {
        self.raw(&[b'K', n])
    }

    /// `BININT n`.
    pub fn int32(self, n: i32) -> P {
        self.raw(b"J").raw(&n.to_le_bytes())
    }

    /// `GLOBAL module name` (the text form protocols 2 and 3 use).
    pub fn global(self, module: &str, name: &str) -> P {
        self.raw(b"c")
            .raw(module.as_bytes())
            .raw(b"\n")
            .raw(name.as_bytes())
            .raw(b"\n")
    }

    /// `MARK`.
    pub fn mark(self) -> P {
        self.raw(b"(")
    }

    /// `TUPLE` (everything since the mark).
    pub fn tuple(self) -> P {
        self.raw(b"t")
    }

    /// A tuple of small ints, `(a, b, ...)`.
    pub fn shape(self, dims: &[u8]) -> P {
        dims.iter().fold(self.mark(), |p, &d| p.int(d)).tuple()
    }

    /// `numpy.dtype(name, False, True)` with byte order `order` (what NumPy writes).
    pub fn dtype(self, name: &str, order: &str) -> P {
        self.global("numpy", "dtype")
            .mark()
            .str(name)
            .raw(&[0x89, 0x88])
            .tuple()
            .raw(b"R")
            .mark()
            .int(3)
            .str(order)
            .raw(b"NNN")
            .int32(-1)
            .int32(-1)
            .int(0)
            .tuple()
            .raw(b"b")
    }

    /// `_reconstruct(ndarray, (0,), b"b")`: the empty array a `BUILD` fills.
    pub fn empty_array(self) -> P {
        self.global("numpy.core.multiarray", "_reconstruct")
            .global("numpy", "ndarray")
            .shape(&[0])
            .bytes(b"b")
            .raw(&[0x87, b'R'])
    }

    /// An empty array and the `BUILD` that fills it: an array as NumPy pickles it at
    /// protocol 3.
    pub fn array(self, dtype: &str, order: &str, shape: &[u8], fortran: bool, data: &[u8]) -> P {
        self.empty_array()
            .mark()
            .int(1)
            .shape(shape)
            .dtype(dtype, order)
            .raw(if fortran { &[0x88] } else { &[0x89] })
            .bytes(data)
            .tuple()
            .raw(b"b")
    }

    /// `.` (STOP): the finished pickle.
    pub fn stop(self) -> Vec<u8> {
        self.raw(b".").0
    }
}

/// Little-endian bytes of f32 values.
pub fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Little-endian bytes of f64 values.
pub fn f64_bytes(values: &[f64]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// `{"W1": float32 (2, 3), "b1": float64 (3,)}` as a protocol 3 pickle: a small real file.
pub fn small_pickle() -> Vec<u8> {
    P::proto(3)
        .raw(b"}")
        .mark()
        .str("W1")
        .array(
            "f4",
            "<",
            &[2, 3],
            false,
            &f32_bytes(&[0.5, -1.0, 2.0, 0.25, 3.0, -4.5]),
        )
        .str("b1")
        .array("f8", "<", &[3], false, &f64_bytes(&[0.1, 0.2, 0.3]))
        .raw(b"u")
        .stop()
}

/// A pickle of `{"W": array}` with the given dtype, byte order, shape, order and bytes.
pub fn one_array(dtype: &str, order: &str, shape: &[u8], fortran: bool, data: &[u8]) -> Vec<u8> {
    P::proto(3)
        .raw(b"}")
        .str("W")
        .array(dtype, order, shape, fortran, data)
        .raw(b"s")
        .stop()
}
