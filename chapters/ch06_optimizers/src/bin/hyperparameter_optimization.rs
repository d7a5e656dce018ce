//! Random search over the learning rate and the weight decay: the book's
//! `ch06/hyperparameter_optimization.py`.
//!
//! Expect (full MNIST, default flags): only trials with a learning rate around 0.001 to 0.01
//! learn within 50 epochs (validation accuracy 0.6 to 0.85); below that the net barely moves.
//! The weight decay matters much less over this range.
use std::process::ExitCode;

use ch06_optimizers::search::{SearchSpace, print_trials, report, run_trial};
use clap::Parser;
use dataset::LoadOptions;
use dlfs_cli::DataArgs;
use dlfs_cli::ranges::{at_least, at_most, fraction};
use dlfs_cli::{OutArg, SeedArg};
use dlfs_engine::parallel::par_map_tasks;
use ndarray::{Axis, s};
use rand::Rng;
use rand::seq::SliceRandom;

/// Tries 100 random (learning rate, weight decay) pairs on a 784-100x6-10 net, each trained for
/// 50 epochs on 400 MNIST images and scored on 100 held-out validation images, prints the best
/// and draws the accuracy curves of the best 20.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Number of random settings to try
    #[arg(long, default_value_t = 100, value_parser = at_least(1))]
    trials: usize,
    /// Passes over the training images in each trial
    #[arg(long, default_value_t = 50, value_parser = at_least(1))]
    epochs: usize,
    /// Images used in all (the first ones of the training set), validation included
    #[arg(long, default_value_t = 500, value_parser = at_least(2))]
    train_size: usize,
    /// Fraction of them held out for validation
    #[arg(long, default_value_t = 0.2, value_parser = fraction())]
    validation_rate: f64,
    /// Learning rates 10^u with u drawn uniformly from this range
    #[arg(long, num_args = 2, value_names = ["LO", "HI"], default_values_t = [-6.0, -2.0], allow_negative_numbers = true, value_parser = at_most(0.0))]
    log_lr: Vec<f64>,
    /// Weight decays 10^u with u drawn uniformly from this range
    #[arg(long, num_args = 2, value_names = ["LO", "HI"], default_values_t = [-8.0, -4.0], allow_negative_numbers = true, value_parser = at_most(0.0))]
    log_weight_decay: Vec<f64>,
    /// How many of the best trials to print and draw
    #[arg(long, default_value_t = 20, value_parser = at_least(1))]
    best: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let space = SearchSpace {
            log_lr: exponents("log-lr", &args.log_lr)?,
            log_weight_decay: exponents("log-weight-decay", &args.log_weight_decay)?,
        };
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let n = args.train_size.min(mnist.t_train.len());
        let validation_num = (n as f64 * args.validation_rate) as usize;
        anyhow::ensure!(
            validation_num >= 1 && validation_num < n,
            "--train-size {n} with --validation-rate {} leaves no images for validation or training",
            args.validation_rate
        );
        let mut rng = args.seed.rng();

        // ANCHOR: split
        // shuffle the first n images, then hold out the first validation_num of them
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut rng);
        let x = mnist.x_train.select(Axis(0), &order);
        let t = mnist.t_train.select(Axis(0), &order);
        let (x_val, t_val) = (
            x.slice_axis(Axis(0), (..validation_num).into()),
            t.slice(s![..validation_num]),
        );
        let (x_train, t_train) = (
            x.slice_axis(Axis(0), (validation_num..).into()),
            t.slice(s![validation_num..]),
        );
        // ANCHOR_END: split

        // ANCHOR: search
        let settings: Vec<((f64, f64), u64)> = (0..args.trials)
            .map(|_| (space.sample(&mut rng), rng.random()))
            .collect();
        let bar = dlfs_cli::progress_bar(settings.len() as u64, "trials");
        let results = par_map_tasks(settings, |(setting, seed)| {
            let trial = run_trial(
                (x_train.view(), t_train.view()),
                (x_val.view(), t_val.view()),
                setting,
                args.epochs,
                seed,
            );
            bar.inc(1);
            (setting, trial)
        });
        bar.finish_and_clear();
        let trials = print_trials(results);
        // ANCHOR_END: search

        report(&trials, args.best, &args.out)
    })
}

/// The two exponents of a `--log-...` range, refused unless LO < HI.
fn exponents(name: &str, r: &[f64]) -> anyhow::Result<(f64, f64)> {
    anyhow::ensure!(
        r[0] < r[1],
        "--{name} takes two exponents LO < HI <= 0, such as -6 -2"
    );
    Ok((r[0], r[1]))
}
