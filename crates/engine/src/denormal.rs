//! Tiny numbers: training with the CPU's flush-to-zero mode on.
//!
//! Below the smallest normal float (1.2·10⁻³⁸ in `f32`, 2.2·10⁻³⁰⁸ in `f64`) IEEE 754 keeps
//! going with "subnormal" (denormal) numbers, which lose precision gradually instead of
//! jumping to zero. Intel's cores compute with them through a slow microcode assist, of the
//! order of a hundred cycles for an operation that normally takes a few (AMD's Zen cores are
//! reported to pay much less). Training can make them: gradients through units that hardly
//! fire and Adam's running averages of gradients that stay near zero shrink step after step
//! until they leave the normal range. On the Intel machine chapter 7's epochs took 3.4-3.8 s
//! instead of 2.7-3.1 s (four-epoch runs, taking turns), and its 20 epochs 75-77 s instead of
//! 57-58 s.
//!
//! [`flushed`] runs a piece of work (the trainer's loop, [`crate::helpers::with_helpers`])
//! with x86's two modes for this on, on every thread of rayon's pool and the threads started
//! inside: a result that would be subnormal becomes zero (flush-to-zero) and a subnormal
//! operand is read as zero (denormals-are-zero). Normal numbers are computed exactly as
//! before; only values below 1.2·10⁻³⁸ change, and chapter 7's three seeds reach the same
//! accuracies as before, to the digit. It is on for every x86 CPU, so AMD and Intel machines
//! still compute the same numbers; other CPUs keep their default. `DLFS_DENORMALS=keep` turns
//! it off, to measure what it gains.

/// x86's MXCSR bits: flush-to-zero (bit 15) and denormals-are-zero (bit 6).
#[cfg(target_arch = "x86_64")]
const FLUSH: u32 = 0x8040;

/// Whether `DLFS_DENORMALS=keep` asks to compute with subnormal numbers as IEEE 754 does.
fn keep() -> bool {
    static KEEP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *KEEP.get_or_init(|| std::env::var_os("DLFS_DENORMALS").is_some_and(|v| v == "keep"))
}

/// Sets this thread's flush modes to `on` and returns whether they were on.
#[cfg(target_arch = "x86_64")]
fn set_flush(on: bool) -> bool {
    #[allow(deprecated)] // deprecated in favour of inline `ldmxcsr`/`stmxcsr`, which they are
    use std::arch::x86_64::{_mm_getcsr, _mm_setcsr};
    // SAFETY: MXCSR holds only this thread's rounding, exception-mask and flush modes; the two
    // flush bits change how subnormal values are rounded and read, nothing else, and every
    // x86-64 CPU has them (SSE2 is part of the baseline).
    #[allow(unsafe_code, deprecated)]
    unsafe {
        let csr = _mm_getcsr();
        _mm_setcsr(if on { csr | FLUSH } else { csr & !FLUSH });
        csr & FLUSH == FLUSH
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn set_flush(_on: bool) -> bool {
    false
}

/// Runs `f` on the calling thread with subnormal numbers flushed to zero on every thread of
/// rayon's pool (the threads `f` starts inherit the mode), then puts each thread's mode back.
/// Call it from one of rayon's threads, as [`crate::helpers::with_helpers`] does.
pub fn flushed<R>(f: impl FnOnce() -> R) -> R {
    if keep() {
        return f();
    }
    let before = rayon::broadcast(|_| set_flush(true)); // one per thread, in index order
    let caller = set_flush(true); // the same thread when called from the pool
    let result = f();
    set_flush(caller);
    rayon::broadcast(|ctx| set_flush(before[ctx.index()]));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest normal f32 halved: subnormal, computed where it is called (the compiler
    /// does not know that the mode changes arithmetic, and would otherwise move it).
    fn tiny() -> f32 {
        std::hint::black_box(std::hint::black_box(f32::MIN_POSITIVE) / 2.0)
    }

    #[test]
    fn subnormals_are_zero_inside_and_kept_outside() {
        let outside = tiny();
        assert!(
            outside > 0.0 && !outside.is_normal(),
            "IEEE 754 outside: {outside:e}"
        );
        let (inside, on_a_helper) = crate::parallel::run_in_pool(|| {
            flushed(|| {
                (
                    tiny(),
                    std::thread::scope(|s| s.spawn(tiny).join().unwrap()),
                )
            })
        });
        if cfg!(target_arch = "x86_64") && !keep() {
            assert_eq!(inside, 0.0);
            assert_eq!(on_a_helper, 0.0); // threads started inside inherit the mode
        }
        assert_eq!(tiny(), outside, "the mode is put back");
        let normal = std::hint::black_box(1.5f32) * 2.0;
        assert_eq!(
            crate::parallel::run_in_pool(|| flushed(|| normal * 2.0)),
            6.0
        );
    }
}
