//! Training speed of SimpleConvNet: seconds per epoch, GFLOP/s, and the GEMM peak.
use std::process::ExitCode;

use ch07_cnn::speed::{Clock, gemm_peak, iteration_flops, timed_iterations};
use clap::Parser;
use dlfs::cli::SeedArg;
use dlfs::data::{DataArgs, LoadOptions};
use dlfs::net::SimpleConvNet;
use dlfs::optimizer::Adam;

/// Times one epoch of SimpleConvNet training (600 iterations of 100 images with Adam, no
/// evaluation), layer by layer, and compares its arithmetic rate with a large matrix product.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Iterations to time (600 = one epoch of 60,000 images)
    #[arg(long, default_value_t = 600)]
    iters: usize,
    /// Images per mini-batch
    #[arg(long, default_value_t = 100)]
    batch_size: usize,
    /// Runs of the whole measurement; the best is reported
    #[arg(long, default_value_t = 1)]
    repeats: usize,
    /// Side of the square f32 matrices of the GEMM peak measurement
    #[arg(long, default_value_t = 2048)]
    gemm_size: usize,
    /// Time the stages with the wall clock, or with this thread's CPU time (exact on a busy
    /// machine, for runs with RAYON_NUM_THREADS=1 MATMUL_NUM_THREADS=1)
    #[arg(long, value_enum, default_value_t = Clock::Wall)]
    clock: Clock,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs::cli::run(|| {
        let args = Args::parse();
        let mnist = args.data.load(LoadOptions {
            flatten: false,
            ..Default::default()
        })?;
        println!("data: {mnist}");
        let cfg = SimpleConvNet::default();
        let (book_flops, flops) = iteration_flops(&cfg, args.batch_size);
        let peak = gemm_peak(args.gemm_size, 5);
        println!(
            "gemm peak: {peak:.1} GFLOP/s ({0}x{0}x{0} f32)",
            args.gemm_size
        );
        let mut best = f64::INFINITY;
        for _ in 0..args.repeats {
            let mut rng = args.seed.rng();
            let mut net = cfg.build::<f32>(&mut rng);
            let mut adam = Adam::new(0.001);
            let b = timed_iterations(
                &mut net,
                &mut adam,
                (mnist.x_train.view(), mnist.t_train.view()),
                args.batch_size,
                args.iters,
                args.clock,
                &mut rng,
            );
            let ms = |s: f64| s * 1e3;
            let (mut sum_min, mut sum_median) = (0.0, 0.0);
            for (i, stage) in b.stages.iter().enumerate() {
                println!(
                    "  {stage:<22} min {:6.2} ms  median {:6.2} ms",
                    ms(b.min(i)),
                    ms(b.median(i))
                );
                sum_min += b.min(i);
                sum_median += b.median(i);
            }
            println!(
                "  sum of minimums {:.2} ms, of medians {:.2} ms, mean iteration {:.2} ms",
                ms(sum_min),
                ms(sum_median),
                ms(b.total / args.iters as f64)
            );
            best = best.min(b.total);
        }
        let epoch = best / args.iters as f64 * 600.0;
        let gflops_book = book_flops * 600.0 / 1e9;
        println!("epoch: {epoch:.2} s");
        println!(
            "gflop per epoch: {gflops_book:.1} (book's count; {:.1} computed)",
            flops * 600.0 / 1e9
        );
        let rate = gflops_book / epoch;
        println!("gflop/s: {rate:.1}");
        println!("of gemm peak: {:.0}%", rate / peak * 100.0);
        Ok(())
    })
}
