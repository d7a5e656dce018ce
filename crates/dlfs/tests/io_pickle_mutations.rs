//! Damaged pickles, deterministically: a small real pickle cut at every byte, and a few
//! thousand random mutations of it and of NumPy's own pickles. Each must give an error or
//! arrays, never a panic, and never a large allocation: this test binary counts the largest
//! single allocation, and the reader may not ask for more than a small multiple of its input.

mod pickle_common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use dlfs::io::pickle::{ErrorKind, read_arrays};
use pickle_common::small_pickle;

/// The system allocator, noting the largest single request. (The only `unsafe` here: a
/// `GlobalAlloc` must be an `unsafe impl`; it forwards every call unchanged.)
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

/// The largest allocation any input of these tests may cause: their inputs are < 1 KiB, and
/// a reader that trusted a declared length or shape would ask for far more.
const ALLOWED: usize = 1 << 20;

/// A small deterministic generator (xorshift64*), so every run tries the same mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One random change: flip a bit, set a byte (often to a size-like 0xff or 0x7f), insert or
/// delete a byte, or duplicate a run of bytes.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let i = rng.below(bytes.len());
    match rng.below(6) {
        0 => bytes[i] ^= 1 << rng.below(8),
        1 => bytes[i] = rng.next() as u8,
        2 => bytes[i] = [0xff, 0x7f, 0x00, 0x80][rng.below(4)],
        3 => bytes.insert(i, rng.next() as u8),
        4 if bytes.len() > 1 => {
            bytes.remove(i);
        }
        _ => {
            let len = 1 + rng.below(16.min(bytes.len() - i));
            let run: Vec<u8> = bytes[i..i + len].to_vec();
            let at = rng.below(bytes.len());
            bytes.splice(at..at, run);
        }
    }
}

/// Reads `bytes`, which must not panic; an `Ok` must be arrays that hold their shapes.
fn read_any(bytes: &[u8]) -> Result<(), ErrorKind> {
    match read_arrays(bytes) {
        Ok(arrays) => {
            for (_, a) in arrays {
                assert_eq!(a.len(), a.shape().iter().product::<usize>());
            }
            Ok(())
        }
        Err(e) => {
            assert!(!e.message.contains('\n'), "one line: {e}");
            assert!(
                e.at <= bytes.len(),
                "{e} is past the end of {} bytes",
                bytes.len()
            );
            Err(e.kind)
        }
    }
}

#[test]
fn every_truncation_is_an_error() {
    let full = small_pickle();
    assert_eq!(read_any(&full), Ok(()));
    for n in 0..full.len() {
        let kind = read_any(&full[..n]).expect_err("a cut pickle must not read");
        assert!(
            matches!(kind, ErrorKind::Truncated | ErrorKind::Refused),
            "cut at {n}: {kind:?}"
        );
    }
    assert!(LARGEST.load(Ordering::Relaxed) <= ALLOWED);
}

#[test]
fn thousands_of_mutations_never_panic_nor_allocate_much() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pickle");
    let seeds = [
        small_pickle(),
        std::fs::read(dir.join("numpy2_protocol2.pkl")).unwrap(),
        std::fs::read(dir.join("numpy2_protocol5.pkl")).unwrap(),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut read, mut refused) = (0, 0);
    for seed in &seeds {
        for round in 0..3000 {
            let mut bytes = seed.clone();
            for _ in 0..=round % 4 {
                mutate(&mut bytes, &mut rng);
            }
            match read_any(&bytes) {
                Ok(()) => read += 1,
                Err(_) => refused += 1,
            }
        }
    }
    let largest = LARGEST.load(Ordering::Relaxed);
    println!("{read} mutants read, {refused} refused; largest allocation {largest} bytes");
    // most mutations break the file; some only change a value (a flipped bit in the data)
    assert!(
        refused > 5000 && read > 100,
        "{read} read, {refused} refused"
    );
    assert!(largest <= ALLOWED, "an allocation of {largest} bytes");
}
