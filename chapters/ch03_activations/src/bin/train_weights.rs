//! Trains the weights that `neuralnet_mnist` and `neuralnet_mnist_batch` use by default.
//!
//! The book ships its trained `sample_weight.pkl`; dlfs trains its own with the same shapes
//! (784-50-100-10, sigmoid hidden layers) using the core's layers, backprop and Adam from
//! chapters 5 and 6, and writes them in the book's layout (W1, b1, W2, b2, W3, b3).
use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::layers::{Affine, Layer, Sigmoid};
use dlfs::net::Sequential;
use dlfs::optimizer::Adam;
use dlfs::trainer::{TrainerConfig, train};
use dlfs_cli::DataArgs;
use dlfs_cli::SeedArg;

/// Trains the 784-50-100-10 sigmoid network of chapter 3 on MNIST and saves its weights as .npz.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Where to write the weights
    #[arg(long, default_value = "assets/weights/ch03_sigmoid_784_50_100_10.npz")]
    save: std::path::PathBuf,
    /// Passes over the training set
    #[arg(long, default_value_t = 10, value_parser = dlfs_cli::ranges::at_least(1))]
    epochs: usize,
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
        let mut rng = args.seed.rng();
        // ANCHOR: net
        // Xavier initialisation (std = 1/√n_in) suits sigmoid layers.
        let xavier = |n_in: usize| (1.0 / n_in as f32).sqrt();
        let layers: Vec<Box<dyn Layer<f32>>> = vec![
            Box::new(Affine::init(1, 784, 50, xavier(784), &mut rng)),
            Box::new(Sigmoid::new()),
            Box::new(Affine::init(2, 50, 100, xavier(50), &mut rng)),
            Box::new(Sigmoid::new()),
            Box::new(Affine::init(3, 100, 10, xavier(100), &mut rng)),
        ];
        let mut net = Sequential::new(layers);
        // ANCHOR_END: net
        let train_size = mnist.t_train.len();
        let config = TrainerConfig {
            iters: TrainerConfig::iters_for_epochs(args.epochs, train_size, 100),
            ..Default::default()
        };
        let train_data = (mnist.x_train.view(), mnist.t_train.view());
        let test_data = (mnist.x_test.view(), mnist.t_test.view());
        let history = train(
            &mut net,
            &mut Adam::new(0.001),
            train_data,
            test_data,
            &config,
            &mut rng,
        )?;
        println!(
            "test accuracy: {:.4}",
            history.test_acc.last().copied().unwrap_or(f64::NAN)
        );
        if let Some(dir) = args.save.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        dlfs::io::save_params(&args.save, &net.params())?;
        println!("wrote {}", args.save.display());
        Ok(())
    })
}
