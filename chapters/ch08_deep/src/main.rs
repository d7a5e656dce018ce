//! Evaluates DeepConvNet parameters on the MNIST test set: the accuracy of the book's
//! `ch08/deep_convnet.py` network with its published weights.
//!
//! With the book's weights (`--weights book`: its `deep_convnet_params.pkl` of 2016, or the
//! .npz conversion `ch08_deep_convnet_params.npz`, see `../shared/data/README.md`) it prints
//! `test accuracy: 0.9935` and `correct: 9935 of 10000`.
use std::process::ExitCode;

use clap::Parser;
use dlfs::net::DeepConvNet;
use dlfs_cli::DataArgs;
use rand::SeedableRng;

/// Loads DeepConvNet parameters from a .npz file or the book's .pkl (W1..W6 for the six 3x3 convolutions, W7
/// (1024, 50), W8 (50, 10) and their biases, as the book publishes them and `train_deepnet
/// --save` writes them) and prints their accuracy on the MNIST test images, computed in
/// float64 like the book's NumPy code.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    weights: ch08_deep::WeightsArg,
    #[command(flatten)]
    data: DataArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let weights = args.weights.path(&args.data)?;
        // the seed only draws initial weights, which the file then replaces
        let mut rng = rand::rngs::StdRng::seed_from_u64(0);
        // ANCHOR: evaluate
        let mut net = DeepConvNet::default().build::<f64>(&mut rng);
        ch08_deep::load_weights(&mut net, &weights)?;
        let mnist = ch08_deep::load_images(&args.data)?;
        // the book multiplies float32 pixels with float64 weights: NumPy computes in float64
        let x_test = mnist.x_test.mapv(f64::from);
        let y = ch08_deep::classify(&mut net, x_test.view());
        let correct = ch08_deep::count_correct(&y, mnist.t_test.view());
        let total = mnist.t_test.len();
        // ANCHOR_END: evaluate
        println!("data: {mnist}");
        println!("test accuracy: {:.4}", correct as f64 / total as f64);
        println!("correct: {correct} of {total}");
        Ok(())
    })
}
