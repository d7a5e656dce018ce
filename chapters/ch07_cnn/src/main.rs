//! Trains SimpleConvNet on MNIST: the book's `ch07/train_convnet.py`.
//!
//! Expect (full MNIST, default flags): test accuracy about 0.989 on all 10,000 test images after
//! 20 epochs, in about two minutes on two cores.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dlfs::net::SimpleConvNet;
use dlfs::optimizer::Adam;
use dlfs::trainer::{TrainerConfig, train};
use dlfs_cli::DataArgs;
use dlfs_cli::{OutArg, SeedArg};

/// Trains the simple convolutional network (conv 5x5x30 – ReLU – max pool 2x2 – Affine 100 –
/// ReLU – Affine 10) on MNIST with Adam, printing accuracy once per epoch, then the accuracy on
/// the whole test set, and draws the accuracy curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Passes over the training images
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// Train on only the first N training images (an epoch is then N / batch-size iterations)
    #[arg(long, value_name = "N")]
    train_size: Option<usize>,
    /// Images per mini-batch
    #[arg(long, default_value_t = 100)]
    batch_size: usize,
    /// Learning rate of Adam
    #[arg(long, default_value_t = 0.001, allow_negative_numbers = true)]
    lr: f64,
    /// Save the trained parameters (W1, b1, ..., W3, b3) to this .npz file
    #[arg(long, value_name = "FILE.npz")]
    save: Option<PathBuf>,
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
        ch07_cnn::check_hyperparameters(args.lr, args.batch_size, args.epochs)?;
        let mut mnist = ch07_cnn::load_images(&args.data)?;
        ch07_cnn::take_train(&mut mnist, args.train_size)?;
        println!("data: {mnist}");
        let mut rng = args.seed.rng();

        // ANCHOR: train
        let mut net = SimpleConvNet::default().build::<f32>(&mut rng);
        let train_size = mnist.t_train.len();
        let iters = TrainerConfig::iters_for_epochs(args.epochs, train_size, args.batch_size);
        let config = TrainerConfig {
            iters,
            batch_size: args.batch_size,
            // like the book's Trainer: each epoch's accuracy on the first 1,000 images of each set
            evaluate_sample: Some(1000),
            monitor: dlfs_cli::progress("train_convnet", iters),
            ..Default::default()
        };
        let history = train(
            &mut net,
            &mut Adam::new(args.lr),
            (mnist.x_train.view(), mnist.t_train.view()),
            (mnist.x_test.view(), mnist.t_test.view()),
            &config,
            &mut rng,
        )?;
        // the final test accuracy on the whole test set, 1,000 images at a time
        let test_acc = net.accuracy(mnist.x_test.view(), mnist.t_test.view());
        // ANCHOR_END: train

        let iter_per_epoch = (train_size / args.batch_size).max(1);
        println!("test accuracy: {test_acc:.4}");
        println!("time: {:.1} s", history.seconds);
        println!(
            "seconds per epoch: {:.2}",
            history.seconds * iter_per_epoch as f64 / config.iters as f64
        );
        if let Some(path) = &args.save {
            dlfs::io::save_params(path, &net.params())?;
            println!("saved {}", path.display());
        }
        let chart = args.out.path("ch07_train_convnet.png")?;
        ch07_cnn::figures::accuracy_chart(&history, iter_per_epoch, &chart)?;
        println!("wrote {}", chart.display());
        Ok(())
    })
}
