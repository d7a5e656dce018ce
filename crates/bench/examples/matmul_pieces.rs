//! Times products of chapters 5 and 7 in one piece on one thread, and through `matmul` from
//! rayon's pool, where those of `SPLIT_WORK` or more are cut in pieces over the cores
//! (`dlfs_engine::linalg`):
//! `cargo run --release -p dlfs_bench --example matmul_pieces`.
use std::time::Instant;

use dlfs_engine::linalg::{Backend, matmul, matmul_with};
use ndarray::Array2;

fn median_us(mut f: impl FnMut(), reps: usize) -> f64 {
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[reps / 2]
}

fn main() {
    for (m, k, n) in [
        (100, 784, 50),
        (1000, 784, 50),
        (100, 4320, 100),
        (4320, 100, 100),
    ] {
        let a = Array2::from_shape_fn((m, k), |(i, j)| ((i * 7 + j * 3) % 11) as f32 * 0.1);
        let b = Array2::from_shape_fn((k, n), |(i, j)| ((i * 5 + j * 2) % 13) as f32 * 0.1);
        let mut c = Array2::<f32>::zeros((m, n));
        let reps = 2000;
        let one = median_us(
            || {
                matmul_with(
                    Backend::Gemm,
                    1.0,
                    &a.view(),
                    &b.view(),
                    0.0,
                    &mut c.view_mut(),
                )
            },
            reps,
        );
        let pool = dlfs_engine::parallel::run_in_pool(|| {
            median_us(
                || matmul(1.0, &a.view(), &b.view(), 0.0, &mut c.view_mut()),
                reps,
            )
        });
        let cut = if m * k * n >= dlfs_engine::linalg::SPLIT_WORK {
            "cut"
        } else {
            "whole"
        };
        println!("{m}x{k}x{n}: one piece {one:.1} µs, from the pool {pool:.1} µs ({cut})");
    }
}
