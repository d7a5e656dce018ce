//! Trains DeepConvNet on MNIST: the book's `ch08/train_deepnet.py`.
//!
//! The book's run (20 epochs of 60,000 images, Adam 0.001, batch 100) takes hours in NumPy;
//! `--train-size` and `--epochs` give a shorter one.
use std::process::ExitCode;

use ch08_deep::{TrainImagesArgs, train_with_adam};
use dlfs::net::DeepConvNet;
use dlfs_cli::Book;

/// The script's settings: max_epochs = 20, mini_batch_size = 100, Adam's lr = 0.001.
const BOOK: Book = Book::epochs(20, 100).lr(0.001);

/// Trains the deep convolutional network of chapter 8 (six 3x3 convolutions, three poolings,
/// Affine 50, dropout, Affine 10) on MNIST with Adam, printing accuracy once per epoch, then
/// the accuracy on the whole test set; --save writes the parameters for deep_convnet and
/// misclassified_mnist.
#[derive(clap::Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    run: TrainImagesArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(BOOK);
        let mnist = args.run.load()?;
        let mut rng = args.run.seed.rng();
        // ANCHOR: train
        let mut net = DeepConvNet::default().build::<f32>(&mut rng);
        let run = train_with_adam(&mut net, &mnist, &args.run.train, "train_deepnet", &mut rng)?;
        // ANCHOR_END: train
        ch08_deep::print_report(&net, &run, args.run.save.as_deref())
    })
}
