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
use dlfs_cli::ranges::at_least;
use dlfs_cli::{Book, DataArgs, OutArg, SeedArg, TrainArgs};

/// The script's settings: max_epochs = 20, mini_batch_size = 100, Adam's lr = 0.001.
const BOOK: Book = Book::epochs(20, 100).lr(0.001);

/// Trains the simple convolutional network (conv 5x5x30 – ReLU – max pool 2x2 – Affine 100 –
/// ReLU – Affine 10) on MNIST with Adam, printing accuracy once per epoch, then the accuracy on
/// the whole test set, and draws the accuracy curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    train: TrainArgs,
    /// Train on only the first N training images (an epoch is then N / batch-size iterations)
    #[arg(long, value_name = "N", value_parser = at_least(1))]
    train_size: Option<usize>,
    #[command(flatten)]
    augment: ch07_cnn::AugmentArg,
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
        let args: Args = dlfs_cli::parse(BOOK);
        let mut mnist = ch07_cnn::load_images(&args.data)?;
        ch07_cnn::take_train(&mut mnist, args.train_size);
        args.augment.apply(&mut mnist, args.seed.seed);
        println!("data: {mnist}");
        let mut rng = args.seed.rng();

        // ANCHOR: train
        let mut net = SimpleConvNet::default().build::<f32>(&mut rng);
        let iters = args.train.iters(mnist.t_train.len());
        let config = TrainerConfig {
            // like the book's Trainer: each epoch's accuracy on the first 1,000 images of each set
            evaluate_sample: Some(1000),
            monitor: dlfs_cli::progress("train_convnet", iters),
            ..args.train.config(mnist.t_train.len())
        };
        let history = train(
            &mut net,
            &mut Adam::new(args.train.lr()),
            (mnist.x_train.view(), mnist.t_train.view()),
            (mnist.x_test.view(), mnist.t_test.view()),
            &config,
            &mut rng,
        )?;
        // the final test accuracy on the whole test set, 1,000 images at a time
        let test_acc = net.accuracy(mnist.x_test.view(), mnist.t_test.view());
        // ANCHOR_END: train

        let save = args.save.as_deref();
        ch07_cnn::figures::report(&net, (&history, &config), test_acc, save, &args.out)
    })
}
