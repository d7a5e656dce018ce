//! Training speed of SimpleConvNet (`cargo run --release -p dlfs_bench --bin bench_convnet`)
//! or of chapter 8's DeepConvNet (`-- --net deep --iters 50`): seconds per epoch, stage by
//! stage and summed by kind of stage, GFLOP/s, and the GEMM peak.
//!
//! Expect on 2 quiet cores (AMD EPYC, AVX2): a SimpleConvNet epoch of 60,000 images in about
//! 5-6 s, some 60 GFLOP/s; on a busy machine, look at the "fastest" column and the estimate
//! built from it.
use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::net::{DeepConvNet, SimpleConvNet};
use dlfs::optimizer::Adam;
use dlfs_bench::speed::{deep_iteration_flops, gemm_peak, iteration_flops, timed_iterations};
use dlfs_cli::ranges::{at_least, between};
use dlfs_cli::{Choice, DataArgs, SeedArg, choice};

/// The network to time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Net {
    /// Chapter 7's SimpleConvNet.
    Simple,
    /// Chapter 8's DeepConvNet.
    Deep,
}

impl Choice for Net {
    const ALL: &'static [Self] = &[Net::Simple, Net::Deep];
    fn flag_name(self) -> &'static str {
        match self {
            Net::Simple => "simple",
            Net::Deep => "deep",
        }
    }
}

/// Times one epoch of SimpleConvNet (or DeepConvNet) training (600 iterations of 100 images
/// with Adam, no evaluation), layer by layer, and compares its arithmetic rate with a large
/// matrix product.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// The network: simple (chapter 7) or deep (chapter 8)
    #[arg(long, value_parser = choice::<Net>(), default_value = "simple")]
    net: Net,
    /// Iterations to time (600 = one epoch of 60,000 images)
    #[arg(long, default_value_t = 600, value_parser = at_least(1))]
    iters: usize,
    /// Images per mini-batch
    #[arg(long, default_value_t = 100, value_parser = between(1, 60_000))]
    batch_size: usize,
    /// Runs of the whole measurement; the best is reported
    #[arg(long, default_value_t = 1, value_parser = at_least(1))]
    repeats: usize,
    /// Side of the square f32 matrices of the GEMM peak measurement
    #[arg(long, default_value_t = 2048, value_parser = at_least(1))]
    gemm_size: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let mnist = args.data.load(LoadOptions {
            flatten: false,
            ..Default::default()
        })?;
        println!("data: {mnist}");
        // (work per iteration as the book's code does it, as dlfs does it)
        let (book_flops, flops) = match args.net {
            Net::Simple => iteration_flops(&SimpleConvNet::default(), args.batch_size),
            Net::Deep => deep_iteration_flops(&DeepConvNet::default(), args.batch_size),
        };
        let peak = gemm_peak(args.gemm_size, 5);
        println!(
            "gemm peak: {peak:.1} GFLOP/s ({0}x{0}x{0} f32)",
            args.gemm_size
        );
        println!("own loops (ReLU, pooling): {}", dlfs_engine::simd::level());
        let (mut best, mut best_undisturbed) = (f64::INFINITY, f64::INFINITY);
        for run in 1..=args.repeats {
            let mut rng = args.seed.rng();
            let mut net = match args.net {
                Net::Simple => SimpleConvNet::default().build::<f32>(&mut rng),
                Net::Deep => DeepConvNet::default().build::<f32>(&mut rng),
            };
            let mut adam = Adam::new(0.001);
            let b = timed_iterations(
                &mut net,
                &mut adam,
                (mnist.x_train.view(), mnist.t_train.view()),
                args.batch_size,
                args.iters,
                &mut rng,
            );
            println!(
                "run {run}: milliseconds per iteration, fastest and median of {}",
                args.iters
            );
            let ms = |s: f64| s * 1e3;
            for (i, stage) in b.stages.iter().enumerate() {
                println!("  {stage:<22} {:6.2} {:6.2}", ms(b.min(i)), ms(b.median(i)));
            }
            let fastest: f64 = (0..b.stages.len()).map(|i| b.min(i)).sum();
            println!(
                "  all stages             {:6.2} {:6.2}   (mean {:.2})",
                ms(fastest),
                ms((0..b.stages.len()).map(|i| b.median(i)).sum()),
                ms(b.total / args.iters as f64)
            );
            println!("  by kind of stage, summed over the layers:");
            for (kind, fastest, median) in b.by_kind() {
                println!("  {kind:<22} {:6.2} {:6.2}", ms(fastest), ms(median));
            }
            best = best.min(b.total / args.iters as f64);
            best_undisturbed = best_undisturbed.min(fastest);
        }
        // one epoch = 60,000 images: 600 iterations of 100
        let iters_per_epoch = 60_000.0 / args.batch_size as f64;
        let epoch = best * iters_per_epoch;
        let gflop = book_flops * iters_per_epoch / 1e9;
        let rate = gflop / epoch;
        println!("epoch: {epoch:.2} s (60,000 images)");
        println!(
            "epoch without interruptions: {:.2} s (every stage at its fastest)",
            best_undisturbed * iters_per_epoch
        );
        println!(
            "gflop per epoch: {gflop:.1} (the book's code; {:.1} here, without the first layer's dx)",
            flops * iters_per_epoch / 1e9
        );
        println!("gflop/s: {rate:.1}");
        println!("ratio to gemm peak: {:.2}", rate / peak);
        Ok(())
    })
}
