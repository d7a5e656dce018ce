//! The widest vector instructions this CPU has, chosen when the program runs.
//!
//! The compiler builds for the x86-64 baseline (SSE2, 4 floats an instruction) so that one
//! binary runs on every x86 machine. [`widest`] compiles a loop two more times, for AVX2 with
//! FMA (8 floats) and for AVX-512 (16 floats), and runs the version the CPU can execute (the
//! `pulp` crate's run-time dispatch, which the `gemm` crate's kernels use too). Nothing in the
//! loop changes: the same operations on the same values, in the same order for each element, so
//! the results are the same on every level (pooling and ReLU compare, select and copy; the
//! optimizers' steps add, multiply, divide and take square roots, which round exactly and
//! which Rust never fuses or reorders; `row_products` uses `mul_add`, one rounding on every
//! level, with its partial sums fixed at 16 whatever the vector width).
//! `DLFS_SIMD=baseline` in the environment turns the choice off, to measure what it gains.

/// Runs `f` compiled for AVX-512 when the CPU has it, else for AVX2 + FMA, else as it is.
/// `f`'s loops must be inlined into it (short closures and `#[inline(always)]` functions are;
/// for a large loop, see [`widest_op`]) for the wider instructions to reach them.
#[inline(always)]
pub fn widest<R>(f: impl FnOnce() -> R) -> R {
    if baseline_only() {
        return f();
    }
    pulp::Arch::new().dispatch(f)
}

/// [`widest`] for a loop too large for the compiler to inline from a closure: `op`'s
/// `with_simd`, marked `#[inline(always)]`, holds it (a closure's body is a function of its
/// own, compiled for the baseline alone when it is not inlined).
#[inline(always)]
pub fn widest_op<Op: pulp::WithSimd>(op: Op) -> Op::Output {
    if baseline_only() {
        return op.with_simd(pulp::Scalar::new());
    }
    pulp::Arch::new().dispatch(op)
}

/// Whether `DLFS_SIMD=baseline` asks [`widest`] to run the baseline build of every loop, to
/// measure what the wider instructions gain (read once).
fn baseline_only() -> bool {
    static BASELINE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *BASELINE.get_or_init(|| std::env::var_os("DLFS_SIMD").is_some_and(|v| v == "baseline"))
}

/// Whether [`widest`] runs the AVX-512 build of its loops here (the CPU has it and
/// `DLFS_SIMD=baseline` does not turn it off).
pub fn avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        !baseline_only() && pulp::x86::V4::try_new().is_some()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The SIMD level [`widest`] picks on this CPU, for reports: "AVX-512", "AVX2" or "baseline".
pub fn level() -> &'static str {
    if baseline_only() {
        return "baseline";
    }
    #[cfg(target_arch = "x86_64")]
    {
        if avx512() {
            return "AVX-512";
        }
        if pulp::x86::V3::try_new().is_some() {
            return "AVX2";
        }
    }
    "baseline"
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_numbers_on_every_level() {
        let x: Vec<f32> = (0..1000).map(|i| ((i * 37) % 101) as f32 - 50.0).collect();
        let widest: Vec<f32> = super::widest(|| x.iter().map(|v| v.max(0.0)).collect());
        let plain: Vec<f32> = x.iter().map(|v| v.max(0.0)).collect();
        assert_eq!(widest, plain);
        assert!(["AVX-512", "AVX2", "baseline"].contains(&super::level()));
    }
}
