//! Trains DeepConvNet on MNIST: the book's `ch08/train_deepnet.py`.
//!
//! The book's run (20 epochs of 60,000 images, Adam 0.001, batch 100) takes hours in NumPy;
//! `--train-size` and `--epochs` give a shorter one.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dlfs::net::DeepConvNet;
use dlfs::optimizer::Adam;
use dlfs::trainer::{TrainerConfig, train};
use dlfs_cli::ranges::at_least;
use dlfs_cli::{Book, DataArgs, SeedArg, TrainArgs};

/// The script's settings: max_epochs = 20, mini_batch_size = 100, Adam's lr = 0.001.
const BOOK: Book = Book::epochs(20, 100).lr(0.001);

/// Trains the deep convolutional network of chapter 8 (six 3x3 convolutions, three poolings,
/// Affine 50, dropout, Affine 10) on MNIST with Adam, printing accuracy once per epoch, then
/// the accuracy on the whole test set; --save writes the parameters for deep_convnet and
/// misclassified_mnist.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    train: TrainArgs,
    /// Train on only the first N training images (an epoch is then N / batch-size iterations)
    #[arg(long, value_name = "N", value_parser = at_least(1))]
    train_size: Option<usize>,
    #[command(flatten)]
    augment: ch08_deep::AugmentArg,
    /// Save the trained parameters (W1, b1, ..., W8, b8) to this .npz file
    #[arg(long, value_name = "FILE.npz")]
    save: Option<PathBuf>,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(BOOK);
        let mut mnist = ch08_deep::load_images(&args.data)?;
        ch08_deep::take_train(&mut mnist, args.train_size);
        args.augment.apply(&mut mnist, args.seed.seed);
        println!("data: {mnist}");
        let mut rng = args.seed.rng();

        // ANCHOR: train
        let mut net = DeepConvNet::default().build::<f32>(&mut rng);
        let iters = args.train.iters(mnist.t_train.len());
        let config = TrainerConfig {
            // like the book's Trainer: each epoch's accuracy on the first 1,000 images of each set
            evaluate_sample: Some(1000),
            monitor: dlfs_cli::progress("train_deepnet", iters),
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
        let test_acc = net.accuracy(mnist.x_test.view(), mnist.t_test.view());
        // ANCHOR_END: train

        println!("test accuracy: {test_acc:.4}");
        println!("time: {:.1} s", history.seconds);
        println!(
            "seconds per iteration: {:.3}",
            history.seconds / config.iters as f64
        );
        if let Some(path) = &args.save {
            dlfs::io::save_params(path, &net.params())?;
            println!("saved {}", path.display());
        }
        Ok(())
    })
}
