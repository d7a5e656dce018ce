//! The first layer's 30 filters before and after training: the book's
//! `ch07/visualize_filter.py`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dlfs::net::SimpleConvNet;
use dlfs_cli::DataArgs;
use dlfs_cli::ranges::at_least;
use dlfs_cli::{OutArg, SeedArg};
use dlfs_plot::Figure;

/// Draws the 30 filters (5x5) of SimpleConvNet's convolution as grey images: as initialised
/// (random noise) and after training. The trained ones come from --weights (e.g. saved by
/// `train_convnet --save`), else from a short training run here.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Trained parameters to show; without it, trains for --epochs on --train-size images
    #[arg(long, value_name = "FILE.npz")]
    weights: Option<PathBuf>,
    /// Epochs of the short training run (without --weights)
    #[arg(long, default_value_t = 1, value_parser = at_least(1))]
    epochs: usize,
    /// Training images of the short run (without --weights)
    #[arg(long, default_value_t = 60000, value_parser = at_least(1))]
    train_size: usize,
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
        let mut rng = args.seed.rng();
        let mut net = SimpleConvNet::default().build::<f32>(&mut rng);
        let before = net.param("W1").expect("W1").value.clone(); // (30, 1, 5, 5)
        let source = match &args.weights {
            Some(path) => {
                ch07_cnn::load_weights(&mut net, path)?;
                format!("from {}", path.display())
            }
            None => {
                let mnist = ch07_cnn::short_training(
                    &mut net,
                    &args.data,
                    args.train_size,
                    args.epochs,
                    &mut rng,
                )?;
                format!(
                    "after {} epoch(s) on {} images",
                    args.epochs,
                    mnist.t_train.len()
                )
            }
        };
        println!("trained filters: {source}");
        // ANCHOR: draw
        let after = &net.param("W1").expect("W1").value;
        let path = args.out.path("ch07_filters.png")?;
        Figure::new("The 30 first-layer filters (5x5)")
            .cols(1)
            .panel(ch07_cnn::filter_grid(
                "before training (random, std 0.01)",
                &before,
            ))
            .panel(ch07_cnn::filter_grid("after training", after))
            .save(&path)?;
        // ANCHOR_END: draw
        println!("wrote {}", path.display());
        Ok(())
    })
}
