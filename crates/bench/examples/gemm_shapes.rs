//! Measures the two GEMM kernels of `dlfs_engine::linalg` (`matrixmultiply`, and the `gemm` crate that
//! `matmul` uses) on the products SimpleConvNet computes, each on one thread:
//! `cargo run --release -p dlfs_bench --example gemm_shapes [ROUNDS]`.
//!
//! The kernels take turns, round after round, and each keeps its best time: on a machine busy
//! with other work the best of many short runs is the closest to the uninterrupted speed.
use std::time::Instant;

use dlfs_engine::linalg::{Backend, matmul, matmul_with};
use ndarray::Array2;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    // (name, m, k, n, a given transposed, b given transposed)
    let shapes = [
        (
            "conv forward per image: col·col_wᵀ",
            576,
            25,
            30,
            false,
            true,
        ),
        ("conv dW per image: dout·col", 30, 576, 25, false, false),
        ("conv dx per image: doutᵀ·col_w", 576, 30, 25, true, false),
        (
            "conv forward, whole batch (the book's)",
            57600,
            25,
            30,
            false,
            false,
        ),
        ("affine forward: x·W", 100, 4320, 100, false, false),
        ("affine dW: xᵀ·dout", 4320, 100, 100, true, false),
        ("affine dx: dout·Wᵀ", 100, 100, 4320, false, true),
        (
            "affine forward, evaluation batch",
            1000,
            4320,
            100,
            false,
            false,
        ),
        ("square 1024", 1024, 1024, 1024, false, false),
        ("square 2048", 2048, 2048, 2048, false, false),
    ];
    println!(
        "{:<40} {:>22} {:>22} {:>22}",
        "product (m, k, n)", "matrixmultiply", "gemm", "matmul"
    );
    for (name, m, k, n, ta, tb) in shapes {
        let fill = |r: usize, c: usize| {
            Array2::<f32>::from_shape_fn((r, c), |(i, j)| ((i * 7 + j * 3) % 13) as f32 * 0.1)
        };
        let a = if ta { fill(k, m) } else { fill(m, k) };
        let b = if tb { fill(n, k) } else { fill(k, n) };
        let (av, bv) = (
            if ta { a.t() } else { a.view() },
            if tb { b.t() } else { b.view() },
        );
        let mut c = Array2::<f32>::zeros((m, n));
        let flops = 2.0 * (m * k * n) as f64;
        let reps = ((2e8 / flops) as usize).clamp(1, 2000); // about 4 ms per timing
        let backends = [Some(Backend::MatrixMultiply), Some(Backend::Gemm), None];
        let mut best = [f64::INFINITY; 3];
        for _ in 0..rounds {
            for (i, &backend) in backends.iter().enumerate() {
                let start = Instant::now();
                for _ in 0..reps {
                    match backend {
                        Some(backend) => {
                            matmul_with(backend, 1.0, &av, &bv, 0.0, &mut c.view_mut())
                        }
                        None => matmul(1.0, &av, &bv, 0.0, &mut c.view_mut()), // as the layers call it
                    }
                }
                best[i] = best[i].min(start.elapsed().as_secs_f64() / reps as f64);
            }
        }
        let cell = |t: f64| format!("{:7.3} ms {:5.1} GF/s", t * 1e3, flops / t / 1e9);
        println!(
            "{:<40} {:>22} {:>22} {:>22}   ({m}, {k}, {n}) → {:?}",
            name,
            cell(best[0]),
            cell(best[1]),
            cell(best[2]),
            Backend::choose(m, k, n)
        );
    }
}
