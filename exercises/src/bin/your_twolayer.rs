//! Trains the two-layer net of chapter 5 built from *your* Affine, Relu and SoftmaxWithLoss
//! (exercises/src/ch05) on MNIST, then the library's TwoLayerNet the same way, and draws both
//! accuracy curves in one figure.
//!
//! Expect (full MNIST, default flags, solutions in place): test accuracy about 0.97 for both.
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use dataset::{LoadOptions, Mnist};
use dlfs::batch::random_batch;
use dlfs::net::{Sequential, TwoLayerNet};
use dlfs::optimizer::{Optimizer, Sgd};
use dlfs::trainer::{History, TrainerConfig};
use dlfs::{Layer, Mode, Tensor};
use dlfs_cli::ranges::at_least;
use dlfs_cli::{Book, DataArgs, OutArg, SeedArg, TrainArgs};
use dlfs_plot::{LineChart, Series};
use exercises::ch05::affine::Affine;
use exercises::ch05::relu::Relu;
use exercises::ch05::softmax_with_loss::SoftmaxWithLoss;
use ndarray::{Array1, ArrayD};
use rand::SeedableRng;
use rand::rngs::StdRng;

mod shared;

/// The book's ch05/train_neuralnet.py: iters_num = 10000, batch_size = 100, learning_rate = 0.1.
const BOOK: Book = Book::iters(10_000, 100).lr(0.1);

/// Trains a two-layer net (Affine – ReLU – Affine – softmax) made of your chapter-5 layers on
/// MNIST with SGD, then the library's TwoLayerNet with the same settings and seed, and draws
/// both accuracy curves in one figure.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    train: TrainArgs,
    /// Neurons in the hidden layer
    #[arg(long, default_value_t = 50, value_parser = at_least(1))]
    hidden: usize,
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
        shared::ensure_finished(&[
            ("relu", &probe_relu),
            ("affine", &probe_affine),
            ("softmax_with_loss", &probe_softmax_with_loss),
        ])?;
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let (lr, batch_size) = (args.train.lr(), args.train.batch_size);
        let iters = args.train.iters(mnist.t_train.len());
        let config = TrainerConfig {
            iters,
            batch_size,
            ..Default::default()
        };
        config.iter_per_epoch(mnist.t_train.len())?; // a batch size that fits the data

        println!("your layers:");
        let mut rng = args.seed.rng();
        let mut net = your_net(args.hidden, &mut rng);
        let yours = train_yours(&mut net, &mnist, lr, &config, &mut rng)?;

        println!("the library's TwoLayerNet:");
        let mut rng = args.seed.rng();
        let mut library = TwoLayerNet {
            hidden_size: args.hidden,
            ..Default::default()
        }
        .build::<f32>(&mut rng);
        let config = TrainerConfig {
            monitor: dlfs_cli::progress("library", iters),
            ..config
        };
        let train_set = (mnist.x_train.view(), mnist.t_train.view());
        let test_set = (mnist.x_test.view(), mnist.t_test.view());
        let theirs = dlfs::trainer::train(
            &mut library,
            &mut Sgd::new(lr),
            train_set,
            test_set,
            &config,
            &mut rng,
        )?;

        let last = |v: &[f64]| v.last().copied().unwrap_or(f64::NAN);
        for (who, h) in [("yours", &yours), ("library", &theirs)] {
            let (train, test) = (last(&h.train_acc), last(&h.test_acc));
            println!(
                "{who:>7}: train acc {train:.4}, test acc {test:.4}, {:.1} s",
                h.seconds
            );
        }
        let path = args.out.path("your_twolayer_accuracy.png")?;
        LineChart::new("Your layers and the library's", "epoch", "accuracy")
            .series(Series::new("yours: test", yours.eval_epochs(), &yours.test_acc).markers())
            .series(Series::new("yours: train", yours.eval_epochs(), &yours.train_acc).dashed())
            .series(Series::new("library: test", theirs.eval_epochs(), &theirs.test_acc).markers())
            .series(Series::new("library: train", theirs.eval_epochs(), &theirs.train_acc).dashed())
            .y_range(0.0, 1.0)
            .save(&path)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}

/// Affine(784 → hidden) – Relu – Affine(hidden → 10), yours, weights 0.01 · N(0, 1) as the
/// library's TwoLayerNet draws them. The Sequential only holds the layers: the loss is yours.
fn your_net(hidden: usize, rng: &mut StdRng) -> Sequential<f32> {
    let layers: Vec<Box<dyn Layer<f32>>> = vec![
        Box::new(Affine::init(1, 784, hidden, 0.01, rng)),
        Box::new(Relu::new()),
        Box::new(Affine::init(2, hidden, 10, 0.01, rng)),
    ];
    Sequential::new(layers)
}

// ANCHOR: train_yours
/// The book's training loop (ch05/train_neuralnet.py) with your SoftmaxWithLoss at the end:
/// a random mini-batch, forward through your layers, your loss, backward from it through your
/// layers in reverse, one SGD step; accuracy on the train and test sets once per epoch.
fn train_yours(
    net: &mut Sequential<f32>,
    mnist: &Mnist,
    lr: f64,
    config: &TrainerConfig,
    rng: &mut StdRng,
) -> anyhow::Result<History> {
    let train_set = (mnist.x_train.view(), mnist.t_train.view());
    let iter_per_epoch = config.iter_per_epoch(mnist.t_train.len())?;
    let mut history = History {
        iter_per_epoch,
        ..Default::default()
    };
    let (mut last, mut optimizer) = (SoftmaxWithLoss::<f32>::new(), Sgd::new(lr));
    let bar = dlfs_cli::progress_bar(config.iters as u64, "yours");
    let start = Instant::now();
    for i in 0..config.iters {
        let (x_batch, t_batch) = random_batch(train_set.clone(), config.batch_size, rng);
        let loss = gradient(net, &mut last, x_batch, &t_batch);
        optimizer.update(net.params_mut()); // W -= lr * dW, for every parameter
        if !loss.is_finite() {
            anyhow::bail!("the loss became {loss} at iteration {i}: try a smaller --lr");
        }
        history.loss.push(f64::from(loss));
        bar.inc(1);
        if i % iter_per_epoch == 0 || i + 1 == config.iters {
            let train_acc = net.accuracy(mnist.x_train.view(), mnist.t_train.view());
            let test_acc = net.accuracy(mnist.x_test.view(), mnist.t_test.view());
            let when = match i % iter_per_epoch {
                0 => format!("epoch {:>3}", i / iter_per_epoch),
                _ => "final    ".to_string(),
            };
            bar.suspend(|| {
                println!("{when}: train acc {train_acc:.4}, test acc {test_acc:.4}, loss {loss:.4}")
            });
            history.eval_iters.push(i);
            history.train_acc.push(train_acc);
            history.test_acc.push(test_acc);
        }
    }
    bar.finish_and_clear();
    history.seconds = start.elapsed().as_secs_f64();
    Ok(history)
}

/// Forward through the layers and your loss, then backward through both: every parameter's
/// gradient is filled. Returns the loss.
fn gradient(
    net: &mut Sequential<f32>,
    last: &mut SoftmaxWithLoss<f32>,
    x: ArrayD<f32>,
    t: &Array1<usize>,
) -> f32 {
    let y = net.predict(x, Mode::Train); // (N, 10) scores
    let loss = last.forward(y, t.view());
    let mut dout = last.backward(); // dL/dscores, from dL/dL = 1
    for layer in net.layers.iter_mut().rev() {
        dout = layer.backward(dout);
    }
    loss
}
// ANCHOR_END: train_yours

fn probe_relu() {
    let x: Tensor<f32> = ndarray::array![[1.0, -1.0]].into_dyn();
    let mut relu = Relu::new();
    relu.forward(x.clone(), Mode::Train);
    Layer::<f32>::backward(&mut relu, x);
}

fn probe_affine() {
    let mut affine = Affine::<f32>::init(1, 4, 3, 0.1, &mut StdRng::seed_from_u64(0));
    let out = affine.forward(ArrayD::ones(ndarray::IxDyn(&[2, 4])), Mode::Train);
    affine.backward(out);
}

fn probe_softmax_with_loss() {
    let mut last = SoftmaxWithLoss::<f32>::new();
    last.forward(
        ArrayD::zeros(ndarray::IxDyn(&[2, 3])),
        ndarray::array![0, 2].view(),
    );
    last.backward();
}
