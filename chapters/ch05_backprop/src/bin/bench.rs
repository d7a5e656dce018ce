//! Benchmark of the chapter's training run: time, GFLOP/s, and the machine's GEMM throughput
//! measured in the same process, so the ratio to what the hardware can do is visible.
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::net::TwoLayerNet;
use dlfs_cli::DataArgs;
use dlfs_cli::SeedArg;
use ndarray::Array2;

/// Runs the default `train_neuralnet` work (10,000 iterations of batch 100 plus the per-epoch
/// evaluations on the full sets) several times and prints the median time, the arithmetic done,
/// the GFLOP/s reached, and the GEMM throughput of the same shapes and of a large square product.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How many timed runs (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Number of mini-batch updates per run
    #[arg(long, default_value_t = 10_000)]
    iters: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        anyhow::ensure!(
            args.runs >= 1 && args.iters >= 1,
            "--runs and --iters must be at least 1"
        );
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let (batch, hidden) = (100, 50);
        let mut times = Vec::new();
        let mut evals = 0;
        for run in 0..args.runs {
            let mut rng = args.seed.rng();
            let mut net = TwoLayerNet::default().build::<f32>(&mut rng);
            let start = Instant::now();
            let history =
                ch05_backprop::train_net(&mut net, &mnist, 0.1, args.iters, batch, &mut rng)?;
            times.push(start.elapsed().as_secs_f64());
            evals = history.eval_iters.len();
            println!(
                "run {run}: {:.2} s, test accuracy {:.4}",
                times[run],
                history.test_acc.last().unwrap_or(&f64::NAN)
            );
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let (d, k) = (784.0, 10.0);
        let (b, h) = (batch as f64, hidden as f64);
        // forward x·W1, h·W2; backward dW1 = xᵀ·dout, dW2, dx2 (the first layer skips dx)
        let per_iter = 2.0 * b * (d * h + h * k) + 2.0 * b * (d * h + h * k) + 2.0 * b * h * k;
        let per_eval = 2.0 * (mnist.t_train.len() + mnist.t_test.len()) as f64 * (d * h + h * k);
        let flop = per_iter * args.iters as f64 + per_eval * evals as f64;
        println!("evaluations per run: {evals}");
        println!("GFLOP per run: {:.1}", flop / 1e9);
        println!("time (median of {}): {median:.2} s", args.runs);
        println!("GFLOP/s: {:.1}", flop / median / 1e9);
        // (M, K, N, what, whether on both cores): the evaluations run on a thread of their own
        let shapes = [
            (100, 784, 50, "forward x·W1", true),
            (784, 100, 50, "backward xᵀ·dout", true),
            (250, 784, 50, "evaluation, one core", false),
            (2048, 2048, 2048, "square, one core", false),
            (2048, 2048, 2048, "square (peak)", true),
        ];
        for (m, kk, n, what, pool) in shapes {
            println!(
                "GEMM GFLOP/s {m}x{kk}x{n} ({what}): {:.1}",
                gemm_gflops(m, kk, n, pool)
            );
        }
        Ok(())
    })
}

/// Best-of-several throughput of dlfs_engine::linalg::matmul on an (m, k)·(k, n) f32 product, called
/// from rayon's pool as training calls it (on every core when the product is large enough), or
/// from a thread of its own as the evaluations call it (`pool` false: one core).
fn gemm_gflops(m: usize, k: usize, n: usize, pool: bool) -> f64 {
    let a = Array2::<f32>::from_shape_fn((m, k), |(i, j)| ((i + j) % 7) as f32);
    let b = Array2::<f32>::from_shape_fn((k, n), |(i, j)| ((i * j) % 5) as f32);
    let mut c = Array2::<f32>::zeros((m, n));
    let reps = (2e9 / (2.0 * (m * k * n) as f64)).clamp(3.0, 2000.0) as usize;
    let mut time = || {
        let mut best = f64::MAX;
        for _ in 0..reps {
            let start = Instant::now();
            dlfs_engine::linalg::matmul(1.0, &a.view(), &b.view(), 0.0, &mut c.view_mut());
            best = best.min(start.elapsed().as_secs_f64());
        }
        best
    };
    let best = if pool {
        dlfs_engine::parallel::run_in_pool(time)
    } else {
        time()
    };
    2.0 * (m * k * n) as f64 / best / 1e9
}
