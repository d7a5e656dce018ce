//! Evaluates saved SimpleConvNet parameters on the MNIST test set, in float64 like the book.
//!
//! With the book's own parameters (`--weights book`, its `params.pkl` of 2016, or the .npz
//! conversion `ch07_simple_convnet_params.npz`, see `../shared/data/README.md`) it prints
//! `accuracy: 0.9890` and `correct: 9890 / 10000`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dlfs::net::SimpleConvNet;
use dlfs_cli::DataArgs;
use rand::SeedableRng;

/// Loads SimpleConvNet parameters from a .npz file or the book's .pkl (W1 (30, 1, 5, 5), b1,
/// W2 (4320, 100), b2, W3 (100, 10), b3 — as `train_convnet --save` writes them) and prints
/// their accuracy on the 10,000 MNIST test images, computed in float64.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// The parameters to evaluate; `book` for the book's params.pkl (found in
    /// DIR/book-weights/, the cache, or downloaded)
    #[arg(long, value_name = "FILE.npz|FILE.pkl|book")]
    weights: PathBuf,
    #[command(flatten)]
    data: DataArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        // the seed only draws initial weights, which the file then replaces
        let mut rng = rand::rngs::StdRng::seed_from_u64(0);
        // ANCHOR: evaluate
        let mut net = SimpleConvNet::default().build::<f64>(&mut rng);
        let weights = ch07_cnn::weights_file(&args.weights, &args.data)?;
        ch07_cnn::load_weights(&mut net, &weights)?;
        let mnist = ch07_cnn::load_images(&args.data)?;
        // the book multiplies float32 pixels with float64 weights: NumPy computes in float64
        let x_test = mnist.x_test.mapv(f64::from);
        let correct = net.correct(x_test.view(), mnist.t_test.view());
        let total = mnist.t_test.len();
        // ANCHOR_END: evaluate
        println!("data: {mnist}");
        println!("accuracy: {:.4}", correct as f64 / total as f64);
        println!("correct: {correct} / {total}");
        Ok(())
    })
}
