//! The training loop of the book's `ch04/train_neuralnet.py`: random mini-batches, a gradient
//! (numerical or analytic), a step downhill, and the accuracy once per epoch.

use std::time::Instant;

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, s};
use rand::Rng;

use dlfs::Float;
use dlfs::batch::random_choice;

use crate::two_layer_net::TwoLayerNet;

/// How to train (the script's hyperparameters).
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub iters: usize,
    pub batch_size: usize,
    pub lr: f64,
    /// Use the numerical gradient instead of the analytic one.
    pub numerical: bool,
    /// Threads for the numerical gradient (1: the sequential `numerical_gradient`).
    pub threads: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            iters: 10_000,
            batch_size: 100,
            lr: 0.1,
            numerical: false,
            threads: 1,
        }
    }
}

impl TrainConfig {
    /// Refuses a batch that cannot be drawn from `train_size` images, naming the flag.
    pub fn check(&self, train_size: usize) -> anyhow::Result<()> {
        anyhow::ensure!(
            (1..=train_size).contains(&self.batch_size),
            "--batch-size {} is not between 1 and the {train_size} training images",
            self.batch_size
        );
        Ok(())
    }
}

/// `--numerical` and `--threads`: which gradient a run follows, and how its work is shared.
#[derive(Debug, Clone, clap::Args)]
pub struct GradientArgs {
    /// Use the numerical gradient (79,520 loss evaluations per update) instead of the analytic
    /// one; --iters is then 1 unless given
    #[arg(long)]
    pub numerical: bool,
    /// Threads sharing the numerical gradient's work; 1 runs the plain `numerical_gradient`,
    /// the book's way [default: the number of CPUs]
    #[arg(long, value_parser = dlfs_cli::ranges::at_least(1))]
    pub threads: Option<usize>,
}

impl GradientArgs {
    /// `cmd` with one iteration as the default of `--iters` when `--numerical` is given.
    pub fn one_iteration_if_numerical(cmd: clap::Command) -> clap::Command {
        use clap::builder::ArgPredicate::IsPresent;
        cmd.mut_arg("iters", |a| a.default_value_if("numerical", IsPresent, "1"))
    }

    /// The run these flags and `train` ask for, over `train_size` images.
    pub fn config(&self, train: &dlfs_cli::TrainArgs, train_size: usize) -> TrainConfig {
        let cpus = || std::thread::available_parallelism().map_or(1, usize::from);
        TrainConfig {
            iters: train.iters(train_size),
            batch_size: train.batch_size,
            lr: train.lr(),
            numerical: self.numerical,
            threads: self.threads.unwrap_or_else(cpus),
        }
    }
}

/// What a run measured.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The mini-batch's loss after each update.
    pub loss: Vec<f64>,
    /// Accuracy on the whole training and test sets, once per epoch (after the first update
    /// of each epoch, as the book measures it).
    pub train_acc: Vec<f64>,
    pub test_acc: Vec<f64>,
    /// Seconds spent computing gradients, over all iterations.
    pub gradient_seconds: f64,
    /// Wall-clock seconds of the whole run.
    pub seconds: f64,
}

/// A batch of f32 images as the net's float type.
fn to_float<F: Float>(x: ArrayView2<f32>) -> Array2<F> {
    x.mapv(|v| F::lit(f64::from(v)))
}

/// Accuracy over a whole set, 10,000 rows at a time.
pub fn accuracy<F: Float>(net: &TwoLayerNet<F>, x: ArrayView2<f32>, t: ArrayView1<usize>) -> f64 {
    let chunk = 10_000;
    let mut correct = 0.0;
    for start in (0..t.len()).step_by(chunk) {
        let end = (start + chunk).min(t.len());
        let xb = to_float::<F>(x.slice(s![start..end, ..]));
        correct += net.accuracy(xb.view(), t.slice(s![start..end])) * (end - start) as f64;
    }
    correct / t.len().max(1) as f64
}

/// The gradient a run follows: the analytic one, or the numerical one (threaded or, with one
/// thread, the book's plain loop).
fn gradient<F: Float>(
    net: &mut TwoLayerNet<F>,
    (x, t): (ArrayView2<F>, ArrayView1<usize>),
    config: &TrainConfig,
) -> crate::two_layer_net::Grads<F> {
    match (config.numerical, config.threads) {
        (false, _) => net.gradient(x, t),
        (true, 1) => net.numerical_gradient(x, t),
        (true, threads) => net.numerical_gradient_threaded(x, t, threads),
    }
}

/// The bookkeeping around the loop: the history, the progress bar, the epoch lines (at most
/// about 20), and the stop when the loss is no longer a number.
struct Progress {
    history: History,
    bar: dlfs_cli::ProgressBar,
    start: Instant,
    epochs: usize,
}

impl Progress {
    fn new(config: &TrainConfig, iter_per_epoch: usize) -> Self {
        Progress {
            history: History::default(),
            bar: dlfs_cli::progress_bar(config.iters as u64, "training"),
            start: Instant::now(),
            epochs: config.iters / iter_per_epoch,
        }
    }

    /// Records iteration `i`'s loss, or stops the run if it is not a number.
    fn loss(&mut self, i: usize, loss: f64, lr: f64) -> anyhow::Result<()> {
        if !loss.is_finite() {
            self.bar.finish_and_clear();
            anyhow::bail!(
                "the loss became {loss} at iteration {i}: the learning rate ({lr:?}) is probably too high; try a smaller --lr"
            );
        }
        self.history.loss.push(loss);
        self.bar.inc(1);
        Ok(())
    }

    /// Records an epoch's accuracies and prints them (every k-th epoch of a long run).
    fn epoch(&mut self, epoch: usize, train_acc: f64, test_acc: f64, loss: f64) {
        self.history.train_acc.push(train_acc);
        self.history.test_acc.push(test_acc);
        if dlfs::trainer::reported_epoch(epoch, self.epochs) {
            let line = format!(
                "epoch {epoch:>3}: train acc {train_acc:.4}, test acc {test_acc:.4}, loss {loss:.4}"
            );
            self.bar.suspend(|| println!("{line}"));
        }
    }

    fn finish(mut self) -> History {
        self.bar.finish_and_clear();
        self.history.seconds = self.start.elapsed().as_secs_f64();
        self.history
    }
}

// ANCHOR: train
/// Trains `net` by gradient descent on random mini-batches of (`x_train`, `t_train`),
/// measuring the training and test accuracy once per epoch: the book's `train_neuralnet.py`.
pub fn train<F: Float>(
    net: &mut TwoLayerNet<F>,
    (x_train, t_train): (ArrayView2<f32>, ArrayView1<usize>),
    (x_test, t_test): (ArrayView2<f32>, ArrayView1<usize>),
    config: &TrainConfig,
    rng: &mut impl Rng,
) -> anyhow::Result<History> {
    let train_size = x_train.nrows();
    config.check(train_size)?;
    let iter_per_epoch = (train_size / config.batch_size).max(1);
    let mut progress = Progress::new(config, iter_per_epoch);
    for i in 0..config.iters {
        let batch_mask = random_choice(train_size, config.batch_size, rng);
        let x_batch = to_float::<F>(x_train.select(Axis(0), &batch_mask).view());
        let t_batch: Array1<usize> = t_train.select(Axis(0), &batch_mask);

        let timer = Instant::now();
        let grad = gradient(net, (x_batch.view(), t_batch.view()), config);
        progress.history.gradient_seconds += timer.elapsed().as_secs_f64();
        net.update(&grad, F::lit(config.lr)); // params[key] -= lr * grad[key]

        let loss = net.loss(x_batch.view(), t_batch.view()).to_f64().unwrap();
        progress.loss(i, loss, config.lr)?;
        if i % iter_per_epoch == 0 {
            let train_acc = accuracy(net, x_train, t_train);
            let test_acc = accuracy(net, x_test, t_test);
            progress.epoch(i / iter_per_epoch, train_acc, test_acc, loss);
        }
    }
    Ok(progress.finish())
}
// ANCHOR_END: train
