//! Trains the chapter's two-layer net (sigmoid hidden layer) on MNIST: the book's
//! `ch04/train_neuralnet.py` (named `ch04_train_neuralnet` because chapter 5's binary of the
//! same script is `train_neuralnet`, and binaries share one output folder).
//!
//! Expect (full MNIST, default flags): test accuracy about 0.95 after 10,000 iterations with
//! the analytic gradient; with `--numerical`, one iteration of the numerical gradient and the
//! time it took (seconds, where the analytic gradient takes a fraction of a millisecond).
use std::process::ExitCode;

use clap::Parser;
use ndarray::Ix2;

use ch04_gradient::train::{TrainConfig, accuracy, train};
use ch04_gradient::two_layer_net::TwoLayerNet;
use dataset::{LoadOptions, Mnist};
use dlfs::Float;
use dlfs_cli::DataArgs;
use dlfs_cli::{OutArg, SeedArg};
use dlfs_plot::{LineChart, Series};

/// Trains a 784-50-10 net with a sigmoid hidden layer by gradient descent on MNIST mini-batches,
/// printing the train and test accuracy once per epoch, and draws the loss and accuracy curves.
/// With --numerical the gradient comes from numerical differentiation (in f64): slow enough
/// that one iteration is the default.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Use the numerical gradient (79,520 loss evaluations per update) instead of the analytic one
    #[arg(long)]
    numerical: bool,
    /// Number of mini-batch updates [default: 10000, or 1 with --numerical]
    #[arg(long)]
    iters: Option<usize>,
    /// Images per mini-batch
    #[arg(long, default_value_t = 100)]
    batch_size: usize,
    /// Learning rate
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    lr: f64,
    /// Threads sharing the numerical gradient's work; 1 runs the plain `numerical_gradient`,
    /// the book's way [default: the number of CPUs]
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let config = TrainConfig {
            iters: args
                .iters
                .unwrap_or(if args.numerical { 1 } else { 10_000 }),
            batch_size: args.batch_size,
            lr: args.lr,
            numerical: args.numerical,
            threads: args
                .threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)),
        };
        config.check(usize::MAX)?; // the flags alone; the batch size is checked against the data
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        if config.numerical {
            // the book's way, in float64 (f32 is too coarse for differences of 1e-4)
            run::<f64>(&args, &config, &mnist)
        } else {
            run::<f32>(&args, &config, &mnist)
        }
    })
}

/// The flattened images as the (N, 784) matrix they are.
fn as_2d(x: &ndarray::ArrayD<f32>) -> ndarray::ArrayView2<'_, f32> {
    x.view()
        .into_dimensionality::<Ix2>()
        .expect("flattened images are (N, 784)")
}

fn run<F: Float>(args: &Args, config: &TrainConfig, mnist: &Mnist) -> anyhow::Result<()> {
    let (x_train, x_test) = (as_2d(&mnist.x_train), as_2d(&mnist.x_test));
    let mut rng = args.seed.rng();

    // ANCHOR: main
    let mut net = TwoLayerNet::<F>::new(784, 50, 10, 0.01, &mut rng);
    let history = train(
        &mut net,
        (x_train, mnist.t_train.view()),
        (x_test, mnist.t_test.view()),
        config,
        &mut rng,
    )?;
    // ANCHOR_END: main

    let train_acc = accuracy(&net, x_train, mnist.t_train.view());
    let test_acc = accuracy(&net, x_test, mnist.t_test.view());
    println!("train accuracy: {train_acc:.4}");
    println!("test accuracy: {test_acc:.4}");
    let gradient = if config.numerical {
        format!("numerical, f64, {} thread(s)", config.threads)
    } else {
        "analytic, f32".to_string()
    };
    println!("gradient: {gradient}");
    println!(
        "time per gradient: {:.6} s",
        history.gradient_seconds / config.iters as f64
    );
    if config.numerical {
        // two forward passes per parameter element, each two matrix products (multiply + add)
        let (input, hidden) = net.w1.dim();
        let output = net.w2.ncols();
        let passes = 2 * net.len();
        let flop = passes as f64
            * 2.0
            * config.batch_size as f64
            * (input * hidden + hidden * output) as f64;
        let seconds = history.gradient_seconds / config.iters as f64;
        println!("forward passes per gradient: {passes}");
        println!("work per gradient: {:.0} GFLOP", flop / 1e9);
        println!("throughput: {:.1} GFLOP/s", flop / seconds / 1e9);
    }
    println!("time: {:.2} s", history.seconds);

    let loss = args.out.path("train_neuralnet_loss.png")?;
    LineChart::new(
        format!(
            "Mini-batch loss ({} gradient)",
            if config.numerical {
                "numerical"
            } else {
                "analytic"
            }
        ),
        "iteration",
        "loss",
    )
    .series(Series::from_values("loss after each update", &history.loss))
    .save(&loss)?;
    println!("wrote {}", loss.display());

    let acc = args.out.path("train_neuralnet_accuracy.png")?;
    let epochs: Vec<f64> = (0..history.train_acc.len()).map(|e| e as f64).collect();
    LineChart::new("Accuracy per epoch", "epoch", "accuracy")
        .series(Series::new("train", &epochs, &history.train_acc).markers())
        .series(
            Series::new("test", &epochs, &history.test_acc)
                .markers()
                .dashed(),
        )
        .y_range(0.0, 1.0)
        .save(&acc)?;
    println!("wrote {}", acc.display());
    Ok(())
}
