//! Learned filters applied to one MNIST digit: what the first layer of SimpleConvNet sees.
use std::process::ExitCode;

use ch07_cnn::TrainedWeights;
use clap::Parser;
use dlfs::Mode;
use dlfs::net::SimpleConvNet;
use dlfs_cli::DataArgs;
use dlfs_cli::ranges::between;
use dlfs_cli::{OutArg, SeedArg};
use ndarray::{Axis, Ix4};

/// Runs one test digit through SimpleConvNet's trained convolution and draws a few filters next
/// to the feature maps they produce (the convolution's output, before ReLU). The filters come
/// from --weights (e.g. saved by `train_convnet --save`), else from a short training run here.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Which test image to filter
    #[arg(long, default_value_t = 0)]
    index: usize,
    /// How many filters to show (of 30)
    #[arg(long, default_value_t = 8, value_parser = between(1, 30))]
    filters: usize,
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
        let mnist = match args.trained.load_into(&mut net, &args.data, &mut rng)? {
            Some(mnist) => mnist,
            None => ch07_cnn::load_images(&args.data)?,
        };
        let n_test = mnist.t_test.len();
        anyhow::ensure!(
            args.index < n_test,
            "--index {} is out of range: the test set has {n_test} images (0..{n_test})",
            args.index
        );
        // ANCHOR: apply
        let digit = mnist
            .x_test
            .slice_axis(Axis(0), (args.index..args.index + 1).into())
            .to_owned(); // (1, 1, 28, 28)
        let maps = net.layers[0].forward(digit.clone(), Mode::Test); // (1, 30, 24, 24)
        let maps = maps.into_dimensionality::<Ix4>()?;
        let w1 = &net.param("W1").expect("W1").value; // (30, 1, 5, 5)
        // ANCHOR_END: apply

        let path = args.out.path("ch07_apply_filter.png")?;
        let label = mnist.t_test[args.index];
        ch07_cnn::figures::filters_and_maps(
            (digit, label, args.index),
            w1,
            maps.view(),
            args.filters,
            &path,
        )?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
