//! The restricted pickle reader: NumPy's own pickles at every protocol, the book's files (equal
//! bit for bit to their .npz conversions), and hostile files, each refused with one line.

mod pickle_common;

use dataset::testing::shared_file;
use dlfs::io::pickle::{ErrorKind, PickleError, read_arrays};
use dlfs::io::{Npz, NpzError, load_npz};
use ndarray::ArrayD;
use pickle_common::{P, f32_bytes, f64_bytes, one_array, small_pickle};

/// The fixtures `tests/data/pickle/numpy2_protocol{2,3,4,5}.pkl` were written by NumPy 2.4 on
/// Python 3.11:
/// ```python
/// a = {'W1': np.arange(6, dtype='<f4').reshape(2,3) - 2.5,
///      'b1': np.asfortranarray(np.arange(6, dtype='>f8').reshape(2,3) / 4),
///      'n': np.array([-1, 2, 300], dtype='<i2'),
///      's': np.float64(2.5)}
/// open(f'numpy2_protocol{p}.pkl', 'wb').write(pickle.dumps(a, protocol=p))
/// ```
/// Protocol 2 spells bytes as `_codecs.encode`, 4 adds frames and STACK_GLOBAL, 5 writes
/// `_frombuffer` with a BYTEARRAY8; `b1` is big-endian and column-major, `s` a NumPy scalar.
#[test]
fn numpys_pickles_read_at_every_protocol() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pickle");
    for protocol in 2..=5 {
        let bytes = std::fs::read(dir.join(format!("numpy2_protocol{protocol}.pkl"))).unwrap();
        let arrays = read_arrays(&bytes).unwrap_or_else(|e| panic!("protocol {protocol}: {e}"));
        let names: Vec<&str> = arrays.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["W1", "b1", "n", "s"], "protocol {protocol}");
        let w1 = &arrays[0].1;
        assert_eq!(w1.shape(), &[2, 3]);
        assert_eq!(w1.as_slice().unwrap(), &[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]);
        let b1 = &arrays[1].1;
        assert_eq!(b1.shape(), &[2, 3]);
        assert!(b1.is_standard_layout());
        assert_eq!(b1.as_slice().unwrap(), &[0.0, 0.25, 0.5, 0.75, 1.0, 1.25]);
        assert_eq!(arrays[2].1.as_slice().unwrap(), &[-1.0, 2.0, 300.0]);
        assert_eq!(arrays[3].1.ndim(), 0);
        assert_eq!(arrays[3].1.first(), Some(&2.5));
    }
}

/// The book's three pickles hold exactly the arrays of their .npz conversions, bit for bit,
/// and open through the same [`Npz`] as the .npz files do.
#[test]
fn the_books_pickles_equal_their_npz_bit_for_bit() {
    let test = "the_books_pickles_equal_their_npz_bit_for_bit";
    let pairs = [
        ("ch03_sample_weight.pkl", "ch03_sample_weight.npz", 6),
        ("ch07_params_2016.pkl", "ch07_simple_convnet_params.npz", 6),
        (
            "ch08_deep_convnet_params_2016.pkl",
            "ch08_deep_convnet_params.npz",
            16,
        ),
    ];
    for (pkl, npz, count) in pairs {
        let Some(pkl) = shared_file(test, &format!("book-weights/{pkl}")) else {
            return;
        };
        let Some(npz) = shared_file(test, &format!("book-weights/{npz}")) else {
            return;
        };
        let from_pkl = load_npz::<f64>(&pkl).unwrap();
        let from_npz = load_npz::<f64>(&npz).unwrap();
        assert_eq!(from_pkl.len(), count, "{}", pkl.display());
        assert_eq!(
            from_pkl.keys().collect::<Vec<_>>(),
            from_npz.keys().collect::<Vec<_>>()
        );
        for (name, a) in &from_pkl {
            let b = &from_npz[name];
            assert_eq!(a.shape(), b.shape(), "{name}");
            let same_bits = a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits());
            assert!(same_bits, "{}: {name} differs", pkl.display());
        }
        // float32 weights (ch03) come back as the same float32 values too
        let a32 = load_npz::<f32>(&pkl).unwrap();
        let b32 = load_npz::<f32>(&npz).unwrap();
        for (name, a) in &a32 {
            assert!(
                a.iter()
                    .zip(&b32[name])
                    .all(|(x, y)| x.to_bits() == y.to_bits())
            );
        }
    }
}

/// A Python 2 pickle (protocol 2): names and bytes as Python 2 `str` (SHORT_BINSTRING,
/// BINSTRING), which Python 3 reads with `encoding="latin1"`.
#[test]
fn python2_strings_are_bytes_in_latin1() {
    let data = f64_bytes(&(0..40).map(f64::from).collect::<Vec<_>>()); // 320 bytes: BINSTRING
    let dtype = P::default()
        .global("numpy", "dtype")
        .py2_str(b"f8")
        .int(0)
        .int(1)
        .raw(&[0x87, b'R'])
        .mark()
        .int(3)
        .py2_str(b"<")
        .raw(b"NNN")
        .int32(-1)
        .int32(-1)
        .int(0)
        .tuple()
        .raw(b"b");
    let pickle = P::proto(2)
        .raw(b"}")
        .py2_str(b"W\xe9") // "Wé" in latin-1
        .global("numpy.core.multiarray", "_reconstruct")
        .global("numpy", "ndarray")
        .int(0)
        .raw(&[0x85])
        .py2_str(b"b")
        .raw(&[0x87, b'R'])
        .mark()
        .int(1)
        .shape(&[4, 10])
        .raw(&dtype.0)
        .raw(&[0x89])
        .py2_str(&data)
        .tuple()
        .raw(b"b")
        .raw(b"s")
        .stop();
    let arrays = read_arrays(&pickle).unwrap();
    assert_eq!(arrays[0].0, "Wé");
    assert_eq!(arrays[0].1.shape(), &[4, 10]);
    assert_eq!(arrays[0].1[[3, 9]], 39.0);
}

#[test]
fn a_small_pickle_from_the_test_writer_reads() {
    let arrays = read_arrays(&small_pickle()).unwrap();
    assert_eq!(arrays[0].0, "W1");
    assert_eq!(
        arrays[0].1.as_slice().unwrap(),
        &[0.5, -1.0, 2.0, 0.25, 3.0, -4.5]
    );
    assert_eq!(arrays[1].1.as_slice().unwrap(), &[0.1, 0.2, 0.3]);
}

fn error_of(bytes: &[u8]) -> PickleError {
    match read_arrays(bytes) {
        Ok(arrays) => panic!("read {} arrays from a bad pickle", arrays.len()),
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "one line: {e}");
            e
        }
    }
}

fn assert_error(bytes: &[u8], kind: ErrorKind, words: &str) {
    let e = error_of(bytes);
    assert_eq!(e.kind, kind, "{e}");
    assert!(e.to_string().contains(words), "{e:?} should say {words:?}");
}

#[test]
fn unknown_globals_are_refused_by_name() {
    // the classic: os.system("...") through GLOBAL and REDUCE
    let p = P::proto(2)
        .global("os", "system")
        .str("echo hi")
        .raw(&[0x85, b'R'])
        .stop();
    assert_error(&p, ErrorKind::Refused, "refused global os.system");
    // the same through STACK_GLOBAL (protocol 4)
    let p = P::proto(4).str("builtins").str("eval").raw(&[0x93]).stop();
    assert_error(&p, ErrorKind::Refused, "refused global builtins.eval");
    let p = P::proto(3).global("numpy", "load").stop();
    assert_error(&p, ErrorKind::Refused, "numpy.load");
}

#[test]
fn reduce_and_build_of_anything_else_are_refused() {
    // a string called with a tuple
    let p = P::proto(3).str("os").mark().tuple().raw(b"R").stop();
    assert_error(
        &p,
        ErrorKind::Refused,
        "REDUCE (a call) of a str is refused",
    );
    // numpy.ndarray itself called
    let p = P::proto(3)
        .global("numpy", "ndarray")
        .mark()
        .tuple()
        .raw(b"R")
        .stop();
    assert_error(&p, ErrorKind::Refused, "REDUCE of numpy.ndarray");
    // _reconstruct of something else than ndarray
    let p = P::proto(3)
        .global("numpy.core.multiarray", "_reconstruct")
        .mark()
        .global("numpy", "dtype")
        .shape(&[0])
        .bytes(b"b")
        .tuple()
        .raw(b"R")
        .stop();
    assert_error(&p, ErrorKind::Malformed, "unexpected arguments");
    // BUILD (Python's __setstate__) of a list
    let p = P::proto(3).raw(b"]").mark().tuple().raw(b"b").stop();
    assert_error(&p, ErrorKind::Refused, "BUILD of a list is refused");
    // opcodes that make other objects
    for (op, name) in [
        (0x81, "NEWOBJ"),
        (b'i', "INST"),
        (b'o', "OBJ"),
        (b'Q', "BINPERSID"),
    ] {
        let p = P::proto(3).raw(&[op]).stop();
        assert_error(&p, ErrorKind::Refused, name);
    }
    // out-of-band data (protocol 5 with a buffer_callback)
    let p = P::proto(5).raw(&[0x97]).stop();
    assert_error(&p, ErrorKind::Refused, "out-of-band");
}

#[test]
fn protocols_outside_2_to_5_are_refused() {
    // protocol 0 is text: "(dp0\n..."
    assert_error(b"(dp0\nS'W'\np1\n.", ErrorKind::Refused, "protocols 2 to 5");
    assert_error(
        &P::proto(6).raw(b"}").stop(),
        ErrorKind::Refused,
        "protocol 6",
    );
    assert_error(b"", ErrorKind::Refused, "empty");
}

#[test]
fn wrong_dtypes_are_errors() {
    for dtype in ["O8", "U3", "c16", "V8", "f16"] {
        let p = one_array(dtype, "|", &[1], false, &[0; 8]);
        assert_error(&p, ErrorKind::Malformed, "is not supported");
    }
    // an object array's data is a list, not bytes
    let p = P::proto(3)
        .raw(b"}")
        .str("W")
        .empty_array()
        .mark()
        .int(1)
        .shape(&[1])
        .dtype("f8", "<")
        .raw(&[0x89, b']'])
        .tuple()
        .raw(b"b")
        .raw(b"s")
        .stop();
    assert_error(&p, ErrorKind::Refused, "an array of Python objects");
    // a structured dtype's state has field names
    let p = P::proto(3)
        .global("numpy", "dtype")
        .mark()
        .str("f8")
        .tuple()
        .raw(b"R")
        .mark()
        .int(3)
        .str("<")
        .raw(b"N")
        .mark()
        .str("x")
        .tuple()
        .raw(b"N")
        .int32(-1)
        .int32(-1)
        .int(0)
        .tuple()
        .raw(b"b")
        .stop();
    assert_error(&p, ErrorKind::Malformed, "structured");
}

#[test]
fn shape_and_bytes_must_agree() {
    let p = one_array("f4", "<", &[2, 3], false, &f32_bytes(&[1.0; 5]));
    assert_error(
        &p,
        ErrorKind::Malformed,
        "shape (2, 3) and dtype float32 needs 24 bytes, the pickle holds 20",
    );
    let p = one_array("f8", "<", &[3], false, &f64_bytes(&[1.0; 4]));
    assert_error(
        &p,
        ErrorKind::Malformed,
        "needs 24 bytes, the pickle holds 32",
    );
}

#[test]
fn huge_declared_sizes_fail_before_allocating() {
    // BINBYTES8 / BINUNICODE8 of 2^62 bytes, BINBYTES of 4 GiB - 1, in a 20-byte file
    for (op, width) in [
        (0x8e, 8),
        (0x8d, 8),
        (0x96, 8),
        (b'B', 4),
        (b'X', 4),
        (b'T', 4),
    ] {
        let mut len = vec![0xff; width];
        len[width - 1] = 0x3f;
        let p = P::proto(4).raw(&[op]).raw(&len).raw(b"abc").stop();
        assert_error(
            &p,
            ErrorKind::Truncated,
            "is declared but only 4 bytes are left",
        );
    }
    let p = P::proto(4).raw(&[0x95]).raw(&[0xff; 8]).stop();
    assert_error(&p, ErrorKind::Truncated, "a frame");
    // a shape of 2^40 x 2^40 x 2^40 elements with 8 bytes of data
    let big = P::proto(3)
        .raw(b"}")
        .str("W")
        .empty_array()
        .mark()
        .int(1)
        .mark()
        .raw(b"\x8a\x06\x00\x00\x00\x00\x00\x01")
        .raw(b"\x8a\x06\x00\x00\x00\x00\x00\x01")
        .raw(b"\x8a\x06\x00\x00\x00\x00\x00\x01")
        .tuple()
        .dtype("f8", "<")
        .raw(&[0x89])
        .bytes(&[0; 8])
        .tuple()
        .raw(b"b")
        .raw(b"s")
        .stop();
    assert_error(&big, ErrorKind::Malformed, "needs more than 2^64 bytes");
    // a negative dimension
    let p = P::proto(3)
        .global("numpy.core.numeric", "_frombuffer")
        .mark()
        .bytes(&[0; 8])
        .dtype("f8", "<")
        .mark()
        .int32(-1)
        .tuple()
        .str("C")
        .tuple()
        .raw(b"R")
        .stop();
    assert_error(&p, ErrorKind::Malformed, "not a tuple of sizes");
}

#[test]
fn deep_nesting_and_big_stacks_hit_the_bounds() {
    let p = P::proto(3).raw(&[b'('; 5000]).stop();
    assert_error(&p, ErrorKind::Limit, "nested MARKs");
    // a list pushed 200,000 times through the memo: 2 bytes each, but bounded
    let mut p = P::proto(3).raw(b"]q\x00");
    for _ in 0..200_000 {
        p = p.raw(b"h\x00");
    }
    assert_error(&p.stop(), ErrorKind::Limit, "values on the stack");
    // 100,000 nested one-tuples: no recursion anywhere, so just "not a dict"
    let mut p = P::proto(3).raw(b"N");
    for _ in 0..100_000 {
        p = p.raw(&[0x85]);
    }
    assert_error(&p.stop(), ErrorKind::Malformed, "holds a tuple, not a dict");
    // one array under 1,000 names: never copied, so the second name is refused
    let mut p = P::proto(3)
        .raw(b"}")
        .mark()
        .str("a")
        .array("f8", "<", &[2], false, &[0; 16]);
    p = p.raw(b"q\x07");
    for i in 0..1000 {
        p = p.str(&format!("k{i}")).raw(b"h\x07");
    }
    assert_error(
        &p.raw(b"u").stop(),
        ErrorKind::Malformed,
        "\"k0\" names an array",
    );
}

#[test]
fn dicts_of_other_things_are_errors() {
    let p = P::proto(3).raw(b"}").str("lr").int(1).raw(b"s").stop();
    assert_error(
        &p,
        ErrorKind::Malformed,
        "\"lr\" is a int, not a NumPy array",
    );
    let p = P::proto(3).raw(b"]").stop();
    assert_error(&p, ErrorKind::Malformed, "holds a list, not a dict");
    let p = P::proto(3).raw(b"}").int(1).int(2).raw(b"s").stop();
    assert_error(&p, ErrorKind::Malformed, "key is a int");
}

/// A pickle through [`Npz::open`]: by its first bytes whatever its name, and a damaged one is
/// a one-line [`NpzError::Pickle`] that names the file.
#[test]
fn npz_open_reads_pickles_and_names_the_file_in_errors() {
    let dir = std::env::temp_dir().join(format!("dlfs-io-pickle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let odd_name = dir.join("weights.bin");
    std::fs::write(&odd_name, small_pickle()).unwrap();
    let mut npz = Npz::open(&odd_name).unwrap();
    assert_eq!(npz.names(), ["W1", "b1"]);
    let w1: ArrayD<f32> = npz.get("W1", &[2, 3]).unwrap();
    assert_eq!(w1[[1, 2]], -4.5);
    let e = npz.get::<f32>("W1", &[3, 2]).unwrap_err();
    assert!(matches!(e, NpzError::Shape { .. }), "{e}");
    let e = npz.get::<f32>("W9", &[3, 2]).unwrap_err();
    assert!(matches!(e, NpzError::Missing { .. }), "{e}");

    let hostile = dir.join("hostile.pkl");
    let p = P::proto(2)
        .global("os", "system")
        .str("rm -rf /")
        .raw(&[0x85, b'R'])
        .stop();
    std::fs::write(&hostile, p).unwrap();
    let e = Npz::open(&hostile).unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, NpzError::Pickle { .. }));
    assert!(text.contains("hostile.pkl") && text.contains("refused global os.system"));
    assert!(!text.contains('\n'));
    // a text-protocol file named .pkl is a pickle error too, not a zip error
    let text_pickle = dir.join("old.pkl");
    std::fs::write(&text_pickle, b"(dp0\n.").unwrap();
    let e = Npz::open(&text_pickle).unwrap_err();
    assert!(matches!(e, NpzError::Pickle { .. }), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_name_given_twice_keeps_its_place_and_its_last_array() {
    let p = P::proto(3)
        .raw(b"}")
        .mark()
        .str("a")
        .array("f8", "<", &[1], false, &f64_bytes(&[1.0]))
        .str("b")
        .array("f8", "<", &[1], false, &f64_bytes(&[2.0]))
        .str("a")
        .array("f8", "<", &[1], false, &f64_bytes(&[3.0]))
        .raw(b"u")
        .stop();
    let arrays = read_arrays(&p).unwrap();
    let got: Vec<(&str, f64)> = arrays.iter().map(|(n, a)| (n.as_str(), a[0])).collect();
    assert_eq!(got, [("a", 3.0), ("b", 2.0)]);
}
