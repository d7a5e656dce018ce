//! Several networks trained side by side on the same mini-batches, to compare their losses.

use dlfs::net::{MultiLayerNet, Sequential};
use dlfs::optimizer::OptimizerKind;
use dlfs_cli::ranges::at_least;
use dlfs_cli::{DataArgs, OutArg, SeedArg, TrainArgs};
use dlfs_engine::parallel::par_map_tasks;
use ndarray::{ArrayView1, ArrayViewD, Axis};
use rand::Rng;

/// One network of a comparison, with the optimizer that trains it.
pub struct Contestant {
    /// The legend's name ("SGD", "He", ...).
    pub label: String,
    pub net: Sequential<f32>,
    pub optimizer: OptimizerKind,
    pub lr: f64,
}

// ANCHOR: contestant
impl Contestant {
    /// The book's net for the optimizer comparison, 784-100-100-100-100-10 with ReLU and He
    /// initialisation, trained by `optimizer` at `lr` or, without one, at the book's rate:
    /// 0.01, and 0.001 for Adam.
    pub fn with_optimizer(optimizer: OptimizerKind, lr: Option<f64>, rng: &mut impl Rng) -> Self {
        let net = MultiLayerNet {
            hidden_size_list: vec![100; 4],
            ..Default::default() // 784 in, 10 out, ReLU, He initialisation
        };
        let book_lr = match optimizer {
            OptimizerKind::Adam => 0.001,
            _ => 0.01,
        };
        Contestant {
            label: optimizer.label().to_string(),
            net: net.build(rng),
            optimizer,
            lr: lr.unwrap_or(book_lr),
        }
    }
}
// ANCHOR_END: contestant

// ANCHOR: side_by_side
/// Trains every contestant for `iters` updates on the same random mini-batches and returns the
/// loss of each at every iteration.
///
/// The book computes each loss again after the update; we keep the one that backpropagation's
/// forward pass computed just before it (one step earlier on the curve, a third less work).
/// The contestants are independent, so rayon spreads them over the CPU's cores.
pub fn train_side_by_side(
    contestants: &mut [Contestant],
    (x_train, t_train): (ArrayViewD<f32>, ArrayView1<usize>),
    iters: usize,
    batch_size: usize,
    rng: &mut impl Rng,
) -> anyhow::Result<Vec<Vec<f64>>> {
    let train_size = t_train.len();
    anyhow::ensure!(
        (1..=train_size).contains(&batch_size),
        "--batch-size must be between 1 and the {train_size} training images, got {batch_size}"
    );
    // batch_mask = np.random.choice(train_size, batch_size), drawn once for everybody
    let batches: Vec<Vec<usize>> = (0..iters)
        .map(|_| {
            (0..batch_size)
                .map(|_| rng.random_range(0..train_size))
                .collect()
        })
        .collect();
    let bar = dlfs_cli::progress_bar((iters * contestants.len()) as u64, "training");
    let losses: anyhow::Result<Vec<Vec<f64>>> =
        par_map_tasks(contestants.iter_mut().collect(), |c| {
            train_one(c, (x_train.view(), t_train.view()), &batches, &bar)
        })
        .into_iter()
        .collect();
    bar.finish_and_clear();
    losses
}

/// One contestant's whole run on the given batches: its loss at each iteration.
fn train_one(
    c: &mut Contestant,
    (x_train, t_train): (ArrayViewD<f32>, ArrayView1<usize>),
    batches: &[Vec<usize>],
    bar: &indicatif::ProgressBar,
) -> anyhow::Result<Vec<f64>> {
    let mut optimizer = c.optimizer.build::<f32>(c.lr);
    let mut loss = Vec::with_capacity(batches.len());
    for (i, batch_mask) in batches.iter().enumerate() {
        let x_batch = x_train.select(Axis(0), batch_mask);
        let t_batch = t_train.select(Axis(0), batch_mask);
        let l = f64::from(c.net.gradient(x_batch, t_batch.view())); // forward and backward
        anyhow::ensure!(
            l.is_finite(),
            "{}: the loss became {l} at iteration {i}: the learning rate {:e} is too high; \
             try a smaller --lr",
            c.label,
            c.lr
        );
        optimizer.update(c.net.params_mut());
        loss.push(l);
        bar.inc(1);
    }
    Ok(loss)
}
// ANCHOR_END: side_by_side

/// The flags the comparisons share: the run's length, batch size and learning rate, how often
/// to print, the data, the seed and where the figure goes.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub train: TrainArgs,
    /// Print the losses every this many iterations
    #[arg(long, default_value_t = 500, value_parser = at_least(1))]
    pub print_every: usize,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub seed: SeedArg,
    #[command(flatten)]
    pub out: OutArg,
}

impl CompareArgs {
    /// MNIST as flat images (N, 784), after printing what was loaded.
    pub fn load(&self) -> anyhow::Result<dataset::Mnist> {
        let mnist = self.data.load(dataset::LoadOptions::default())?;
        println!("data: {mnist}");
        Ok(mnist)
    }

    /// Trains `contestants` side by side on the same mini-batches of `mnist`, then prints their
    /// losses and draws the chart (`title`, the y axis up to `y_max`, in `file`).
    pub fn compare(
        &self,
        contestants: &mut [Contestant],
        mnist: &dataset::Mnist,
        chart: (&str, f64, &str),
        rng: &mut impl Rng,
    ) -> anyhow::Result<()> {
        let start = std::time::Instant::now();
        let losses = train_side_by_side(
            contestants,
            (mnist.x_train.view(), mnist.t_train.view()),
            self.train.iters(mnist.t_train.len()),
            self.train.batch_size,
            rng,
        )?;
        let run = (start.elapsed().as_secs_f64(), self.print_every);
        report(contestants, losses, run, chart, &self.out)
    }
}

/// What a comparison prints and draws: the losses every `every` iterations, the run's time, and
/// the smoothed loss curves (`title`, the y axis up to `y_max`) in `file` under `out`.
pub fn report(
    contestants: &[Contestant],
    losses: Vec<Vec<f64>>,
    (seconds, every): (f64, usize),
    (title, y_max, file): (&str, f64, &str),
    out: &OutArg,
) -> anyhow::Result<()> {
    let labels: Vec<String> = contestants.iter().map(|c| c.label.clone()).collect();
    print_losses(&labels, &losses, every);
    println!("time: {seconds:.2} s");
    let runs: Vec<(String, Vec<f64>)> = labels.into_iter().zip(losses).collect();
    let path = crate::figures::loss_curves(title, &runs, y_max, file, out)?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Prints the losses every `every` iterations, one line per iteration with every run, then each
/// run's mean loss over the last 100 iterations as `label: value` lines.
pub fn print_losses(labels: &[String], losses: &[Vec<f64>], every: usize) {
    let iters = losses.first().map_or(0, Vec::len);
    for i in (0..iters).step_by(every.max(1)) {
        let row: Vec<String> = labels
            .iter()
            .zip(losses)
            .map(|(label, l)| format!("{label} {:.4}", l[i]))
            .collect();
        println!("iteration {i}: {}", row.join(", "));
    }
    let tail = 100.min(iters).max(1);
    println!("final loss (mean of the last {tail} iterations):");
    for (label, l) in labels.iter().zip(losses) {
        let last = &l[l.len().saturating_sub(tail)..];
        println!(
            "{label}: {:.4}",
            last.iter().sum::<f64>() / last.len().max(1) as f64
        );
    }
}
