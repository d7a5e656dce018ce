//! Benchmark of chapter 5's training run (`cargo run --release -p dlfs_bench --bin bench`): time,
//! GFLOP/s, and the machine's GEMM throughput measured in the same process, so the ratio to what
//! the hardware can do is visible.
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::net::TwoLayerNet;
use dlfs::optimizer::Sgd;
use dlfs::trainer::{TrainerConfig, train};
use dlfs_bench::speed::gemm_gflops;
use dlfs_cli::DataArgs;
use dlfs_cli::SeedArg;
use dlfs_cli::ranges::at_least;

/// Runs the default `train_neuralnet` work (10,000 iterations of batch 100 plus the per-epoch
/// evaluations on the full sets) several times and prints the median time, the arithmetic done,
/// the GFLOP/s reached, and the GEMM throughput of the same shapes and of a large square product.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How many timed runs (the median is reported)
    #[arg(long, default_value_t = 3, value_parser = at_least(1))]
    runs: usize,
    /// Number of mini-batch updates per run
    #[arg(long, default_value_t = 10_000, value_parser = at_least(1))]
    iters: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let (batch, hidden) = (100, 50);
        let mut times = Vec::new();
        let mut evals = 0;
        for run in 0..args.runs {
            let mut rng = args.seed.rng();
            let mut net = TwoLayerNet::default().build::<f32>(&mut rng);
            let start = Instant::now();
            // what ch05's train_neuralnet runs: SGD 0.1, accuracy on the full sets every epoch
            let config = TrainerConfig {
                iters: args.iters,
                batch_size: batch,
                ..Default::default()
            };
            let history = train(
                &mut net,
                &mut Sgd::new(0.1),
                (mnist.x_train.view(), mnist.t_train.view()),
                (mnist.x_test.view(), mnist.t_test.view()),
                &config,
                &mut rng,
            )?;
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
                gemm_gflops((m, kk, n), pool, reps(m * kk * n))
            );
        }
        Ok(())
    })
}

/// Repeats of a product of `mkn` multiply-adds: about 2 GFLOP in all, 3 to 2,000 times.
fn reps(mkn: usize) -> usize {
    (2e9 / (2.0 * mkn as f64)).clamp(3.0, 2000.0) as usize
}
