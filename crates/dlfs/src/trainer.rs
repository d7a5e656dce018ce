//! Mini-batch training: the book's `common/trainer.py`.

use std::time::Instant;

use std::sync::mpsc::Receiver;

use ndarray::{Array1, ArrayView1, ArrayViewD, Axis, s};
use rand::Rng;

use crate::Float;
use crate::data::random_batch;
use crate::layers::Tensor;
use crate::net::Sequential;
use crate::optimizer::Optimizer;

/// How to train: the arguments of the book's `Trainer`, with its defaults.
#[derive(Debug, Clone)]
pub struct TrainerConfig {
    /// Number of updates (the book's ch05 script: 10,000; `Trainer` uses epochs × iterations per epoch).
    pub iters: usize,
    pub batch_size: usize,
    /// Accuracy is measured every epoch (train size / batch size iterations) on the first this many
    /// images of each set; `None` measures on the whole sets.
    pub evaluate_sample: Option<usize>,
    /// Whether to measure accuracy at all (the optimizer comparison only needs the loss).
    pub evaluate: bool,
    /// Print one line per epoch (the progress bar shows regardless, on a terminal).
    pub verbose: bool,
    /// The progress bar's label.
    pub label: String,
    /// Show a progress bar (on a terminal); off for runs in parallel threads, whose bars would
    /// overwrite each other.
    pub progress: bool,
}

impl Default for TrainerConfig {
    fn default() -> Self {
        TrainerConfig {
            iters: 10_000,
            batch_size: 100,
            evaluate_sample: None,
            evaluate: true,
            verbose: true,
            label: "training".into(),
            progress: true,
        }
    }
}

impl TrainerConfig {
    /// `epochs` passes over `train_size` images, in iterations, as the book's `Trainer` counts them.
    pub fn iters_for_epochs(epochs: usize, train_size: usize, batch_size: usize) -> usize {
        epochs * (train_size / batch_size).max(1)
    }
}

/// What a run measured: a loss per iteration, accuracies per epoch.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The batch's loss at each iteration.
    pub loss: Vec<f64>,
    /// The iteration after which each accuracy was measured: the first of every epoch, and the
    /// last iteration.
    pub eval_iters: Vec<usize>,
    pub train_acc: Vec<f64>,
    pub test_acc: Vec<f64>,
    /// Wall-clock seconds of the whole run, evaluations included.
    pub seconds: f64,
    /// Iterations per epoch (training images / batch size).
    pub iter_per_epoch: usize,
}

impl History {
    /// When each accuracy was measured, in epochs (the last one usually falls between two).
    pub fn eval_epochs(&self) -> Vec<f64> {
        self.eval_iters
            .iter()
            .map(|&i| i as f64 / self.iter_per_epoch.max(1) as f64)
            .collect()
    }
}

/// Why training stopped early.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(
        "the loss became {loss} at iteration {iter}: the learning rate ({lr}) is probably too high; try a smaller --lr"
    )]
    Diverged { iter: usize, loss: f64, lr: String },
    #[error(
        "--batch-size {batch_size} is larger than the {train_size} training images: choose at most {train_size}"
    )]
    BatchTooLarge {
        batch_size: usize,
        train_size: usize,
    },
    #[error("--batch-size must be at least 1")]
    EmptyBatch,
}

// ANCHOR: train
/// Trains `net` with `optimizer` on random mini-batches (drawn with replacement, like the
/// book's `np.random.choice`), measuring train and test accuracy once per epoch and at the end.
///
/// Two helper threads keep the loop to learning alone: one draws and copies the mini-batches
/// ahead (`spawn_batches`), and each accuracy is measured on a copy of the network taken at
/// that iteration, on a thread of its own, while training goes on. The numbers are the same as
/// with one thread: the batches come in the order the one `rng` draws them, and the copy holds
/// exactly that iteration's parameters.
pub fn train<F: Float>(
    net: &mut Sequential<F>,
    optimizer: &mut dyn Optimizer<F>,
    (x_train, t_train): (ArrayViewD<F>, ArrayView1<usize>),
    (x_test, t_test): (ArrayViewD<F>, ArrayView1<usize>),
    config: &TrainerConfig,
    rng: &mut (impl Rng + Send),
) -> Result<History, TrainError> {
    if !crate::parallel::in_pool() {
        // on one of rayon's threads the larger matrix products use every core (see `linalg`)
        return crate::parallel::run_in_pool(|| {
            let (train_set, test_set) = ((x_train, t_train), (x_test, t_test));
            train(net, optimizer, train_set, test_set, config, rng)
        });
    }
    let train_size = x_train.shape()[0];
    if config.batch_size == 0 {
        return Err(TrainError::EmptyBatch);
    }
    if config.batch_size > train_size {
        return Err(TrainError::BatchTooLarge {
            batch_size: config.batch_size,
            train_size,
        });
    }
    let iter_per_epoch = (train_size / config.batch_size).max(1);
    let start = Instant::now();
    let mut history = History {
        iter_per_epoch,
        ..Default::default()
    };
    let bar = if config.progress {
        crate::cli::progress_bar(config.iters as u64, &config.label)
    } else {
        indicatif::ProgressBar::hidden()
    };
    // the first this many images of each set are evaluated
    let n = |len: usize| config.evaluate_sample.map_or(len, |s| s.min(len));
    let train_set = (
        x_train.slice_axis(Axis(0), (0..n(train_size)).into()),
        t_train.slice(s![..n(train_size)]),
    );
    let test_set = (
        x_test.slice_axis(Axis(0), (0..n(x_test.shape()[0])).into()),
        t_test.slice(s![..n(t_test.len())]),
    );
    std::thread::scope(|scope| {
        let batches = spawn_batches(scope, (x_train.view(), t_train.view()), config, rng);
        let mut evaluation: Option<Evaluation<'_>> = None; // at most one runs at a time
        for (i, (x_batch, t_batch)) in batches.iter().enumerate() {
            let loss = net.gradient(x_batch, t_batch.view()).to_f64().unwrap(); // backprop
            if !loss.is_finite() {
                bar.finish_and_clear();
                return Err(TrainError::Diverged {
                    iter: i,
                    loss,
                    lr: optimizer.lr().to_string(),
                });
            }
            optimizer.update(net.params_mut());
            history.loss.push(loss);
            bar.inc(1);

            if let Some(done) = evaluation.take_if(|e| e.handle.is_finished()) {
                done.record(&mut history, config.verbose, &bar);
            }
            // once per epoch, and after the last update (the book's "final test accuracy")
            let (epoch_start, last) = (i % iter_per_epoch == 0, i + 1 == config.iters);
            if config.evaluate && (epoch_start || last) {
                if let Some(previous) = evaluation.take() {
                    previous.record(&mut history, config.verbose, &bar);
                }
                let epoch = epoch_start.then_some(i / iter_per_epoch);
                let copy = net.clone(); // the parameters after update i
                evaluation = Some(Evaluation::start(
                    scope,
                    copy,
                    (i, epoch, loss),
                    train_set.clone(),
                    test_set.clone(),
                ));
            }
        }
        if let Some(last) = evaluation.take() {
            last.record(&mut history, config.verbose, &bar);
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    history.seconds = start.elapsed().as_secs_f64();
    Ok(history)
}
// ANCHOR_END: train

/// Starts a thread that draws `config.iters` mini-batches from the training set (with
/// replacement, like the book's `np.random.choice`) and copies their rows, keeping one or two
/// ready for the training loop, which takes them from the channel it returns.
fn spawn_batches<'scope, F: Float>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    (x_train, t_train): (ArrayViewD<'scope, F>, ArrayView1<'scope, usize>),
    config: &'scope TrainerConfig,
    rng: &'scope mut (impl Rng + Send),
) -> Receiver<(Tensor<F>, Array1<usize>)> {
    let (batches, next_batches) = std::sync::mpsc::sync_channel(2);
    scope.spawn(move || {
        for _ in 0..config.iters {
            let batch = random_batch((x_train.view(), t_train), config.batch_size, rng);
            if batches.send(batch).is_err() {
                break; // training stopped early
            }
        }
    });
    next_batches
}

/// Accuracies being measured on another thread for the network as it was after iteration `iter`.
struct Evaluation<'scope> {
    iter: usize,
    /// The epoch that iteration starts, or `None` for the last iteration.
    epoch: Option<usize>,
    /// The batch's loss at that iteration.
    loss: f64,
    /// Gives (train accuracy, test accuracy).
    handle: std::thread::ScopedJoinHandle<'scope, (f64, f64)>,
}

impl<'scope> Evaluation<'scope> {
    /// Measures the accuracy of `net` on the two sets on a new thread. The iteration, the epoch
    /// it starts (if it does) and the batch's loss are kept for the record.
    fn start<F: Float>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        mut net: Sequential<F>,
        (iter, epoch, loss): (usize, Option<usize>, f64),
        (x_train, t_train): (ArrayViewD<'scope, F>, ArrayView1<'scope, usize>),
        (x_test, t_test): (ArrayViewD<'scope, F>, ArrayView1<'scope, usize>),
    ) -> Self {
        let handle = scope.spawn(move || {
            let train_acc = net.accuracy(x_train, t_train);
            (train_acc, net.accuracy(x_test, t_test))
        });
        Evaluation {
            iter,
            epoch,
            loss,
            handle,
        }
    }

    /// Waits for the accuracies, adds them to `history` and prints them (above the progress bar).
    fn record(self, history: &mut History, verbose: bool, bar: &indicatif::ProgressBar) {
        let (train_acc, test_acc) = self.handle.join().expect("the evaluation thread panicked");
        history.eval_iters.push(self.iter);
        history.train_acc.push(train_acc);
        history.test_acc.push(test_acc);
        if verbose {
            let when = match self.epoch {
                Some(epoch) => format!("epoch {epoch:>3}"),
                None => "final    ".into(),
            };
            let loss = self.loss;
            bar.suspend(|| {
                println!("{when}: train acc {train_acc:.4}, test acc {test_acc:.4}, loss {loss:.4}")
            });
        }
    }
}
