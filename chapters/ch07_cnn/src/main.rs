//! Trains SimpleConvNet on MNIST: the book's `ch07/train_convnet.py`.
//!
//! Expect (full MNIST, default flags): test accuracy about 0.989 on all 10,000 test images after
//! 20 epochs, in about two minutes on two cores.
use std::process::ExitCode;

use ch07_cnn::{TrainImagesArgs, train_with_adam};
use dlfs::net::SimpleConvNet;
use dlfs_cli::{Book, OutArg};

/// The script's settings: max_epochs = 20, mini_batch_size = 100, Adam's lr = 0.001.
const BOOK: Book = Book::epochs(20, 100).lr(0.001);

/// Trains the simple convolutional network (conv 5x5x30 – ReLU – max pool 2x2 – Affine 100 –
/// ReLU – Affine 10) on MNIST with Adam, printing accuracy once per epoch, then the accuracy on
/// the whole test set, and draws the accuracy curves.
#[derive(clap::Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    run: TrainImagesArgs,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(BOOK);
        let mnist = args.run.load()?;
        let mut rng = args.run.seed.rng();
        // ANCHOR: train
        let mut net = SimpleConvNet::default().build::<f32>(&mut rng);
        let run = train_with_adam(&mut net, &mnist, &args.run.train, "train_convnet", &mut rng)?;
        // ANCHOR_END: train
        ch07_cnn::figures::report(&net, &run, args.run.save.as_deref(), &args.out)
    })
}
