//! Trains SimpleConvNet with *your* Convolution and Pooling (exercises/src/ch07, using your
//! im2col and col2im) and the library's Relu and Affine, on a subset of MNIST.
//!
//! Expect (default flags, solutions in place): test accuracy about 0.87 after two epochs on
//! 5,000 images, in about a minute on two cores.
use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::layers::{Affine, Relu};
use dlfs::net::{Sequential, SimpleConvNet};
use dlfs::optimizer::Adam;
use dlfs::trainer::{TrainerConfig, train};
use dlfs::{Layer, Mode};
use dlfs_cli::ranges::at_least;
use dlfs_cli::{Book, DataArgs, SeedArg, TrainArgs};
use exercises::ch07::col2im::col2im;
use exercises::ch07::convolution::Convolution;
use exercises::ch07::im2col::im2col;
use exercises::ch07::pooling::Pooling;
use ndarray::{Array2, Array4, ArrayD, Axis, IxDyn};
use rand::SeedableRng;
use rand::rngs::StdRng;

mod shared;

/// The book's ch07/train_convnet.py with Adam's lr = 0.001 and batches of 100, shortened to
/// two epochs (on 5,000 images by default).
const BOOK: Book = Book::epochs(2, 100).lr(0.001);

/// Trains the simple convolutional network (conv 5x5x30 – ReLU – max pool 2x2 – Affine 100 –
/// ReLU – Affine 10) built with your Convolution and Pooling on the first --train-size MNIST
/// images with Adam, then prints its accuracy on the 10,000 test images.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    train: TrainArgs,
    /// Train on the first N training images
    #[arg(long, value_name = "N", default_value_t = 5000, value_parser = at_least(1))]
    train_size: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(BOOK);
        shared::ensure_finished(&[
            ("im2col", &probe_im2col),
            ("col2im", &probe_col2im),
            ("convolution", &probe_convolution),
            ("pooling", &probe_pooling),
        ])?;
        let mut mnist = args.data.load(LoadOptions {
            flatten: false, // (N, 1, 28, 28): images, as a convolution takes them
            ..Default::default()
        })?;
        let n = args.train_size.min(mnist.t_train.len());
        mnist.x_train = mnist.x_train.slice_axis(Axis(0), (0..n).into()).to_owned();
        mnist.t_train = mnist.t_train.slice(ndarray::s![..n]).to_owned();
        println!("data: {mnist}");

        let mut rng = args.seed.rng();
        let mut net = your_convnet(&mut rng);
        println!("layers: {}", net.layer_names().join(" – "));
        let iters = args.train.iters(n);
        let config = TrainerConfig {
            // like the book's Trainer: each epoch's accuracy on the first 1,000 images of each set
            evaluate_sample: Some(1000),
            monitor: dlfs_cli::progress("your convnet", iters),
            ..args.train.config(n)
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
        println!(
            "test accuracy: {test_acc:.4} (all {} test images)",
            mnist.t_test.len()
        );
        println!("time: {:.1} s of training", history.seconds);
        Ok(())
    })
}

// ANCHOR: your_convnet
/// The library's SimpleConvNet (conv 30 filters 5×5 – ReLU – pool 2×2 – Affine 4320 → 100 –
/// ReLU – Affine 100 → 10) with your Convolution and Pooling in their places, its weights
/// 0.01 · N(0, 1) drawn in the same order.
fn your_convnet(rng: &mut StdRng) -> Sequential<f32> {
    let shape = SimpleConvNet::default();
    let (hidden, std) = (shape.hidden_size, 0.01f32);
    let layers: Vec<Box<dyn Layer<f32>>> = vec![
        Box::new(Convolution::init(1, (30, 1, 5, 5), 1, 0, std, rng)),
        Box::new(Relu::new()),
        Box::new(Pooling::new(2, 2, 2, 0)),
        Box::new(Affine::init(2, shape.pool_output_size(), hidden, std, rng)),
        Box::new(Relu::new()),
        Box::new(Affine::init(3, hidden, 10, std, rng)),
    ];
    Sequential::new(layers)
}
// ANCHOR_END: your_convnet

fn probe_im2col() {
    im2col(Array4::<f32>::zeros((1, 1, 4, 4)).view(), 2, 2, 2, 0);
}

fn probe_col2im() {
    col2im(
        Array2::<f32>::zeros((4, 4)).view(),
        (1, 1, 4, 4),
        2,
        2,
        2,
        0,
    );
}

fn probe_convolution() {
    let mut conv =
        Convolution::<f32>::init(1, (2, 1, 3, 3), 1, 0, 0.1, &mut StdRng::seed_from_u64(0));
    let out = conv.forward(ArrayD::ones(IxDyn(&[2, 1, 5, 5])), Mode::Train);
    conv.backward(out);
}

fn probe_pooling() {
    let mut pool = Pooling::new(2, 2, 2, 0);
    let out = pool.forward(ArrayD::<f32>::ones(IxDyn(&[2, 1, 4, 4])), Mode::Train);
    Layer::<f32>::backward(&mut pool, out);
}
