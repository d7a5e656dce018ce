//! Mini-batch training: the book's `common/trainer.py`.
//!
//! [`train_step`] is the book's `train_step`: one mini-batch, backprop, one update. [`train`]
//! repeats it and measures accuracy once per epoch. Two helper threads of the engine keep the
//! loop to learning alone (`dlfs_engine::helpers`): one draws the mini-batches ahead, the other
//! measures accuracy on a copy of the network while training goes on. Neither changes a number
//! (a test compares with a plain loop).

use std::sync::Arc;

use dlfs_engine::helpers::with_helpers;
use ndarray::{ArrayView1, ArrayViewD, Axis, s};
use rand::Rng;

use crate::Float;
use crate::batch::random_batch;
use crate::net::Sequential;
use crate::optimizer::Optimizer;

/// A data set as the trainer reads it: images `x` and labels `t`.
pub type DataSet<'a, F> = (ArrayViewD<'a, F>, ArrayView1<'a, usize>);

/// How to train: the arguments of the book's `Trainer`, with its defaults.
#[derive(Clone)]
pub struct TrainerConfig {
    /// Number of updates (the book's ch05 script: 10,000; `Trainer` uses epochs × iterations per epoch).
    pub iters: usize,
    pub batch_size: usize,
    /// Accuracy is measured every epoch (train size / batch size iterations) on the first this many
    /// images of each set; `None` measures on the whole sets.
    pub evaluate_sample: Option<usize>,
    /// Whether to measure accuracy at all (the optimizer comparison only needs the loss).
    pub evaluate: bool,
    /// Report one line per epoch through the monitor (the book's `verbose`).
    pub verbose: bool,
    /// Who hears about the run as it goes: printing by default, a progress bar on the command line.
    pub monitor: Arc<dyn Monitor>,
}

impl Default for TrainerConfig {
    fn default() -> Self {
        TrainerConfig {
            iters: 10_000,
            batch_size: 100,
            evaluate_sample: None,
            evaluate: true,
            verbose: true,
            monitor: Arc::new(Print),
        }
    }
}

impl TrainerConfig {
    /// `epochs` passes over `train_size` images, in iterations, as the book's `Trainer` counts them.
    pub fn iters_for_epochs(epochs: usize, train_size: usize, batch_size: usize) -> usize {
        epochs * (train_size / batch_size).max(1)
    }

    /// Iterations per epoch, after checking that a batch can be drawn from `train_size` images.
    pub fn iter_per_epoch(&self, train_size: usize) -> Result<usize, TrainError> {
        match self.batch_size {
            0 => Err(TrainError::EmptyBatch),
            b if b > train_size => Err(TrainError::BatchTooLarge {
                batch_size: b,
                train_size,
            }),
            b => Ok(train_size / b),
        }
    }

    /// The first `evaluate_sample` images of a set: what accuracy is measured on.
    fn sample<'a, F: Float>(&self, (x, t): DataSet<'a, F>) -> DataSet<'a, F> {
        let n = self.evaluate_sample.map_or(t.len(), |n| n.min(t.len()));
        (
            x.slice_axis_move(Axis(0), (0..n).into()),
            t.slice_move(s![..n]),
        )
    }
}

/// Hears about a run as it goes. The default prints each line; `dlfs_cli` adds a progress bar.
pub trait Monitor: Send + Sync {
    /// After each update, with the batch's loss.
    fn step(&self, _loss: f64) {}
    /// A line of the report (an epoch's accuracies).
    fn line(&self, line: &str) {
        println!("{line}");
    }
    /// The run is over.
    fn finish(&self) {}
}

/// The default [`Monitor`]: prints the lines, nothing else.
#[derive(Debug, Clone, Copy)]
pub struct Print;
impl Monitor for Print {}

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

    /// Adds one measurement and reports it (`epoch   3: train acc ..., test acc ..., loss ...`).
    fn record(&mut self, e: Evaluation, config: &TrainerConfig) {
        self.eval_iters.push(e.iter);
        self.train_acc.push(e.train_acc);
        self.test_acc.push(e.test_acc);
        let epoch = e.iter / self.iter_per_epoch;
        let is_final = !e.iter.is_multiple_of(self.iter_per_epoch);
        let epochs = config.iters / self.iter_per_epoch;
        if config.verbose && (is_final || reported_epoch(epoch, epochs)) {
            let when = match is_final {
                false => format!("epoch {epoch:>3}"),
                true => "final    ".into(),
            };
            let (train_acc, test_acc, loss) = (e.train_acc, e.test_acc, self.loss[e.iter]);
            let line =
                format!("{when}: train acc {train_acc:.4}, test acc {test_acc:.4}, loss {loss:.4}");
            config.monitor.line(&line);
        }
    }
}

/// Lines a run's report prints at most, whatever the number of epochs.
pub const REPORT_LINES: usize = 20;

/// Whether epoch `epoch` of a run of `epochs` gets a report line: all of them up to
/// [`REPORT_LINES`], otherwise every k-th so that about that many are printed (a run on the
/// bundled 5,000-image sample has 200 epochs; the figures still show every one).
pub fn reported_epoch(epoch: usize, epochs: usize) -> bool {
    epoch.is_multiple_of(epochs.div_ceil(REPORT_LINES).max(1))
}

/// The accuracies of the network as it was after iteration `iter`.
struct Evaluation {
    iter: usize,
    train_acc: f64,
    test_acc: f64,
}

/// Why training stopped early.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(
        "the loss became {loss} at iteration {iter}: the learning rate ({lr}) is probably too high"
    )]
    Diverged { iter: usize, loss: f64, lr: f64 },
    #[error("the batch size {batch_size} is larger than the {train_size} training images")]
    BatchTooLarge {
        batch_size: usize,
        train_size: usize,
    },
    #[error("the batch size must be at least 1")]
    EmptyBatch,
}

// ANCHOR: train_step
/// One step of the book's `Trainer.train_step`: backprop on one mini-batch, then one update.
/// Returns the batch's loss.
pub fn train_step<F: Float>(
    net: &mut Sequential<F>,
    optimizer: &mut dyn Optimizer<F>,
    (x_batch, t_batch): (crate::Tensor<F>, ndarray::Array1<usize>),
) -> f64 {
    let loss = net.gradient(x_batch, t_batch.view()); // forward, then backward: every grad
    optimizer.update(net.params_mut()); // W -= lr * dW (or Momentum, AdaGrad, Adam, ...)
    loss.to_f64().unwrap_or(f64::NAN)
}
// ANCHOR_END: train_step

// ANCHOR: train
/// Trains `net` with `optimizer` for `config.iters` steps on random mini-batches (drawn with
/// replacement, the book's `np.random.choice`), measuring train and test accuracy at the start
/// of every epoch and after the last step.
pub fn train<F: Float>(
    net: &mut Sequential<F>,
    optimizer: &mut dyn Optimizer<F>,
    train_set: DataSet<F>,
    test_set: DataSet<F>,
    config: &TrainerConfig,
    rng: &mut (impl Rng + Send),
) -> Result<History, TrainError> {
    let iter_per_epoch = config.iter_per_epoch(train_set.1.len())?;
    let mut history = History {
        iter_per_epoch,
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let samples = &(config.sample(train_set.clone()), config.sample(test_set));
    let run = with_helpers(|helpers| {
        let batches = helpers.prefetch(config.iters, || {
            random_batch(train_set.clone(), config.batch_size, rng)
        });
        let mut evaluation = helpers.background(); // accuracies, measured beside training
        for (i, batch) in batches.enumerate() {
            let loss = train_step(net, optimizer, batch);
            if !loss.is_finite() {
                return Err(TrainError::Diverged {
                    iter: i,
                    loss,
                    lr: optimizer.lr(),
                });
            }
            history.loss.push(loss);
            config.monitor.step(loss);
            if config.evaluate && (i % iter_per_epoch == 0 || i + 1 == config.iters) {
                let mut net = net.clone(); // the parameters after step i
                let done = evaluation.start(move || Evaluation {
                    iter: i,
                    train_acc: net.accuracy(samples.0.0.view(), samples.0.1),
                    test_acc: net.accuracy(samples.1.0.view(), samples.1.1),
                });
                done.into_iter().for_each(|e| history.record(e, config));
            }
            evaluation
                .finished()
                .into_iter()
                .for_each(|e| history.record(e, config));
        }
        evaluation
            .wait()
            .into_iter()
            .for_each(|e| history.record(e, config));
        Ok(())
    });
    config.monitor.finish();
    run?;
    history.seconds = start.elapsed().as_secs_f64();
    Ok(history)
}
// ANCHOR_END: train
