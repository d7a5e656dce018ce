//! Overfitting on purpose, and two ways to hold it back (the book's
//! `ch06/overfit_weight_decay.py` and `ch06/overfit_dropout.py`).

use dataset::{LoadOptions, Mnist};
use dlfs::net::MultiLayerNetExtend;
use dlfs::optimizer::Sgd;
use dlfs::trainer::{History, TrainerConfig, train};
use dlfs_cli::ranges::at_least;
use dlfs_cli::{Book, DataArgs, OutArg, SeedArg, TrainArgs};
use dlfs_engine::parallel::par_map_tasks;
use ndarray::{Axis, s};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The book's settings of both scripts: max_epochs = 201, batch_size = 100, SGD's lr = 0.01.
pub const BOOK: Book = Book::epochs(201, 100).lr(0.01);

/// The flags both overfitting experiments take (each adds the one its remedy needs); read them
/// with `dlfs_cli::parse(BOOK)`.
#[derive(clap::Args)]
pub struct OverfitArgs {
    /// Training images (the first ones of the training set)
    #[arg(long, default_value_t = 300, value_parser = at_least(1))]
    pub train_size: usize,
    #[command(flatten)]
    pub train: TrainArgs,
    /// Test images to measure on each epoch (the first ones of the test set)
    #[arg(long, default_value_t = 10_000, value_parser = at_least(1))]
    pub test_size: usize,
    /// Print the accuracies every this many epochs
    #[arg(long, default_value_t = 20, value_parser = at_least(1))]
    pub print_every: usize,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub seed: SeedArg,
    #[command(flatten)]
    pub out: OutArg,
}

impl OverfitArgs {
    /// The experiment these flags ask for (checked) and the MNIST it runs on.
    pub fn setup(&self) -> anyhow::Result<(Overfit, Mnist)> {
        let overfit = Overfit {
            train_size: self.train_size,
            epochs: self.train.epochs()?,
            batch_size: self.train.batch_size,
            lr: self.train.lr(),
            test_size: self.test_size,
            ..Default::default()
        };
        overfit.check()?;
        let mnist = self.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        Ok((overfit, mnist))
    }

    /// Prints the runs' accuracies and draws their train/test panels into `file`.
    pub fn report(
        &self,
        runs: &[(String, History, Vec<f32>)],
        title: &str,
        file: &str,
    ) -> anyhow::Result<()> {
        let runs: Vec<(String, History)> = runs
            .iter()
            .map(|(l, h, _)| (l.clone(), h.clone()))
            .collect();
        print_runs(&runs, self.print_every);
        let path = crate::figures::train_test_panels(title, &runs, file, &self.out)?;
        println!("wrote {}", path.display());
        Ok(())
    }
}

/// A big net, few images, many epochs: the book's recipe for overfitting.
#[derive(Debug, Clone)]
pub struct Overfit {
    /// Training images: the first ones of the training set.
    pub train_size: usize,
    pub epochs: usize,
    pub batch_size: usize,
    pub lr: f64,
    pub hidden_layers: usize,
    /// Test images the accuracy is measured on each epoch (the first ones of the test set).
    pub test_size: usize,
}

impl Default for Overfit {
    fn default() -> Self {
        Overfit {
            train_size: 300,
            epochs: 201,
            batch_size: 100,
            lr: 0.01,
            hidden_layers: 6,
            test_size: 10_000,
        }
    }
}

impl Overfit {
    /// Refuses a batch larger than the training images, naming the flag.
    pub fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.batch_size <= self.train_size,
            "--batch-size must be between 1 and --train-size ({})",
            self.train_size
        );
        Ok(())
    }

    // ANCHOR: run
    /// Trains a 784-100x6-10 ReLU net built from `net` (which adds weight decay or dropout) on
    /// the first `train_size` images with SGD, measuring train and test accuracy once per epoch;
    /// returns the accuracies and the trained weights (every W, the values weight decay acts on).
    pub fn run(
        &self,
        net: MultiLayerNetExtend,
        mnist: &Mnist,
        progress: bool,
        rng: &mut (impl Rng + Send),
    ) -> anyhow::Result<(History, Vec<f32>)> {
        let n = self.train_size.min(mnist.t_train.len());
        let x_train = mnist.x_train.slice_axis(Axis(0), (0..n).into());
        let t_train = mnist.t_train.slice(s![..n]);
        let n_test = self.test_size.min(mnist.t_test.len());
        let x_test = mnist.x_test.slice_axis(Axis(0), (0..n_test).into());
        let t_test = mnist.t_test.slice(s![..n_test]);
        let mut network = MultiLayerNetExtend {
            hidden_size_list: vec![100; self.hidden_layers],
            ..net
        }
        .build::<f32>(rng);
        let iter_per_epoch = (n / self.batch_size).max(1);
        let config = TrainerConfig {
            // an accuracy measurement at the start of each epoch, the last one after the
            // first update of the last epoch, as the book's loop does
            iters: (self.epochs - 1) * iter_per_epoch + 1,
            batch_size: self.batch_size,
            verbose: false,
            monitor: match progress {
                true => dlfs_cli::progress("training", (self.epochs - 1) * iter_per_epoch + 1),
                false => std::sync::Arc::new(dlfs::trainer::Print),
            },
            ..Default::default()
        };
        let history = train(
            &mut network,
            &mut Sgd::new(self.lr),
            (x_train, t_train),
            (x_test, t_test),
            &config,
            rng,
        )?;
        let params = network.params();
        let weights = params.iter().filter(|p| p.decay);
        Ok((
            history,
            weights.flat_map(|p| p.value.iter().copied()).collect(),
        ))
    }

    /// [`Overfit::run`] for each labelled net, side by side on the CPU's cores, each from a
    /// generator seeded with `seed`: the same initial weights and mini-batches for all of them.
    pub fn run_all(
        &self,
        nets: Vec<(String, MultiLayerNetExtend)>,
        mnist: &Mnist,
        seed: u64,
    ) -> anyhow::Result<Vec<(String, History, Vec<f32>)>> {
        let runs = nets.into_iter().enumerate().collect();
        par_map_tasks(runs, |(k, (label, net))| {
            // the runs take equally long: the first one's progress bar speaks for all
            let (history, w) = self.run(net, mnist, k == 0, &mut StdRng::seed_from_u64(seed))?;
            Ok((label, history, w))
        })
        .into_iter()
        .collect()
    }
    // ANCHOR_END: run
}

/// Prints both runs' accuracies every `every` epochs in a table, then for each run its final
/// `train accuracy (label)`, `test accuracy (label)` and `gap (label)` lines.
pub fn print_runs(runs: &[(String, History)], every: usize) {
    // each column as wide as its name, so that the table fits a 100-column page
    let names: Vec<String> = runs
        .iter()
        .flat_map(|(label, _)| [format!("train ({label})"), format!("test ({label})")])
        .collect();
    let widths: Vec<usize> = names.iter().map(|n| n.chars().count().max(6)).collect();
    let mut header = format!("{:>5}", "epoch");
    for (name, &w) in names.iter().zip(&widths) {
        header += &format!("  {name:>w$}");
    }
    println!("{header}");
    let epochs = runs.first().map_or(0, |(_, h)| h.train_acc.len());
    for e in (0..epochs)
        .step_by(every.max(1))
        .chain(std::iter::once(epochs - 1))
    {
        let mut line = format!("{e:>5}");
        let values = runs
            .iter()
            .flat_map(|(_, h)| [h.train_acc[e], h.test_acc[e]]);
        for (v, &w) in values.zip(&widths) {
            line += &format!("  {v:>w$.4}");
        }
        println!("{line}");
        if e == epochs - 1 {
            break;
        }
    }
    for (label, h) in runs {
        let (train, test) = (h.train_acc[epochs - 1], h.test_acc[epochs - 1]);
        println!("train accuracy ({label}): {train:.4}");
        println!("test accuracy ({label}): {test:.4}");
        println!("gap ({label}): {:.4}", train - test);
    }
}
