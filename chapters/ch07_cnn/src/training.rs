//! Training a convolutional network on MNIST images: what the book's `train_convnet.py`
//! (chapter 7) and `train_deepnet.py` (chapter 8) share, the same flags, the same `Trainer`
//! with Adam, the same report. Only the network differs.

use std::path::PathBuf;

use dataset::{LoadOptions, Mnist};
use dlfs::net::Sequential;
use dlfs::optimizer::Adam;
use dlfs::trainer::{History, TrainerConfig, train};
use dlfs_cli::ranges::at_least;
use dlfs_cli::{DataArgs, SeedArg, TrainArgs};

/// The flags of the two training scripts: `--epochs`, `--batch-size`, `--lr`, and which images.
#[derive(Debug, Clone, clap::Args)]
pub struct TrainImagesArgs {
    #[command(flatten)]
    pub train: TrainArgs,
    /// Train on only the first N training images (an epoch is then N / batch-size iterations)
    #[arg(long, value_name = "N", value_parser = at_least(1))]
    pub train_size: Option<usize>,
    #[command(flatten)]
    pub augment: AugmentArg,
    /// Save the trained parameters (W1, b1, W2, b2, ...) to this .npz file
    #[arg(long, value_name = "FILE.npz")]
    pub save: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub seed: SeedArg,
}

impl TrainImagesArgs {
    /// The training images: MNIST as (N, 1, 28, 28), cut to `--train-size`, with `--augment`'s
    /// moved copies; prints what was loaded.
    pub fn load(&self) -> anyhow::Result<Mnist> {
        let mut mnist = load_images(&self.data)?;
        take_train(&mut mnist, self.train_size);
        self.augment.apply(&mut mnist, self.seed.seed);
        println!("data: {mnist}");
        Ok(mnist)
    }
}

// ANCHOR: load_images
/// Loads MNIST (or, with `--dataset fashion`, Fashion-MNIST) as images, (N, 1, 28, 28): the
/// shape a convolution takes.
pub fn load_images(data: &DataArgs) -> anyhow::Result<Mnist> {
    let mnist = data.load(LoadOptions {
        flatten: false,
        ..Default::default()
    })?;
    Ok(mnist)
}
// ANCHOR_END: load_images

/// Keeps only the first `n` training images (`--train-size`).
pub fn take_train(mnist: &mut Mnist, n: Option<usize>) {
    if let Some(n) = n {
        let n = n.min(mnist.t_train.len());
        mnist.x_train = mnist
            .x_train
            .slice_axis(ndarray::Axis(0), (0..n).into())
            .to_owned();
        mnist.t_train = mnist.t_train.slice(ndarray::s![..n]).to_owned();
    }
}

/// `--augment`: train on the images plus a moved copy of each (chapter 8's data augmentation).
#[derive(Debug, Clone, clap::Args)]
pub struct AugmentArg {
    /// Add a copy of every training image, shifted by up to 2 pixels and rotated by up to 10°
    /// (twice the images, so twice the iterations per epoch)
    #[arg(long)]
    pub augment: bool,
}

impl AugmentArg {
    /// With `--augment`, appends the moved copies ([`dlfs::augment::Augment`]) to the training
    /// set, drawn from a generator of their own seeded with `seed`: the network starts from the
    /// same weights with or without them.
    pub fn apply(&self, mnist: &mut Mnist, seed: u64) {
        if self.augment {
            let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(seed);
            let moves = dlfs::augment::Augment::default();
            let (x, t) = moves.add_copies(mnist.x_train.view(), mnist.t_train.view(), &mut rng);
            (mnist.x_train, mnist.t_train) = (x, t);
        }
    }
}

/// What a training run gives: its history, its settings and the accuracy on the test set.
pub struct Trained {
    pub history: History,
    pub config: TrainerConfig,
    pub test_acc: f64,
}

// ANCHOR: train
/// The book's `Trainer(network, x_train, t_train, x_test, t_test, epochs=20,
/// mini_batch_size=100, optimizer='Adam', optimizer_param={'lr': 0.001},
/// evaluate_sample_num_per_epoch=1000)`, then `trainer.train()`.
pub fn train_with_adam(
    net: &mut Sequential<f32>,
    mnist: &Mnist,
    args: &TrainArgs,
    name: &str,
    rng: &mut (impl rand::Rng + Send),
) -> anyhow::Result<Trained> {
    let iters = args.iters(mnist.t_train.len());
    let config = TrainerConfig {
        // like the book's Trainer: each epoch's accuracy on the first 1,000 images of each set
        evaluate_sample: Some(1000),
        monitor: dlfs_cli::progress(name, iters),
        ..args.config(mnist.t_train.len())
    };
    let history = train(
        net,
        &mut Adam::new(args.lr()),
        (mnist.x_train.view(), mnist.t_train.view()),
        (mnist.x_test.view(), mnist.t_test.view()),
        &config,
        rng,
    )?;
    // the final test accuracy on the whole test set, 1,000 images at a time
    let test_acc = net.accuracy(mnist.x_test.view(), mnist.t_test.view());
    Ok(Trained {
        history,
        config,
        test_acc,
    })
}
// ANCHOR_END: train

/// Prints the run's test accuracy and time (in all, per iteration and per epoch), and saves the parameters if `--save` asked.
pub fn print_report(
    net: &Sequential<f32>,
    run: &Trained,
    save: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let Trained {
        history, config, ..
    } = run;
    let iter_per_epoch = history.iter_per_epoch.max(1);
    println!("test accuracy: {:.4}", run.test_acc);
    println!("time: {:.1} s", history.seconds);
    let per_iteration = history.seconds / config.iters.max(1) as f64;
    println!("seconds per iteration: {per_iteration:.3}");
    println!(
        "seconds per epoch: {:.2}",
        per_iteration * iter_per_epoch as f64
    );
    if let Some(path) = save {
        dlfs::io::save_params(path, &net.params())?;
        println!("saved {}", path.display());
    }
    Ok(())
}
