//! The first layer's 30 filters before and after training: the book's
//! `ch07/visualize_filter.py`.
use std::process::ExitCode;

use ch07_cnn::TrainedWeights;
use clap::Parser;
use dlfs::net::SimpleConvNet;
use dlfs_cli::DataArgs;
use dlfs_cli::{OutArg, SeedArg};
use dlfs_plot::Figure;

/// Draws the 30 filters (5x5) of SimpleConvNet's convolution as grey images: as initialised
/// (random noise) and after training. The trained ones come from --weights (e.g. saved by
/// `train_convnet --save`), else from a short training run here.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    trained: TrainedWeights,
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
        let mnist = args.trained.load_into(&mut net, &args.data, &mut rng)?;
        let source = args.trained.source(mnist.as_ref());
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
