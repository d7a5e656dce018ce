//! Learned filters applied to one MNIST digit: what the first layer of SimpleConvNet sees.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dlfs::Mode;
use dlfs::net::SimpleConvNet;
use dlfs_cli::DataArgs;
use dlfs_cli::{OutArg, SeedArg};
use dlfs_plot::{Cmap, Figure, Image, ImageGrid};
use ndarray::{Axis, Ix4, s};

/// Runs one test digit through SimpleConvNet's trained convolution and draws a few filters next
/// to the feature maps they produce (the convolution's output, before ReLU). The filters come
/// from --weights (e.g. saved by `train_convnet --save`), else from a short training run here.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Trained parameters; without it, trains for --epochs on --train-size images
    #[arg(long, value_name = "FILE.npz")]
    weights: Option<PathBuf>,
    /// Which test image to filter
    #[arg(long, default_value_t = 0)]
    index: usize,
    /// How many filters to show (of 30)
    #[arg(long, default_value_t = 8)]
    filters: usize,
    /// Epochs of the short training run (without --weights)
    #[arg(long, default_value_t = 1)]
    epochs: usize,
    /// Training images of the short run (without --weights)
    #[arg(long, default_value_t = 60000)]
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
        anyhow::ensure!(
            (1..=30).contains(&args.filters),
            "--filters must be between 1 and 30 (SimpleConvNet has 30)"
        );
        let mut rng = args.seed.rng();
        let mut net = SimpleConvNet::default().build::<f32>(&mut rng);
        let mnist = match &args.weights {
            Some(path) => {
                ch07_cnn::load_weights(&mut net, path)?;
                ch07_cnn::load_images(&args.data)?
            }
            None => ch07_cnn::short_training(
                &mut net,
                &args.data,
                args.train_size,
                args.epochs,
                &mut rng,
            )?,
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

        let label = mnist.t_test[args.index];
        let digit = digit.into_dimensionality::<Ix4>()?;
        let input = ImageGrid::new(format!("test image {} (a {label})", args.index))
            .image(Image::from_array(digit.slice(s![0, 0, .., ..])))
            .cmap(Cmap::GreyReversed);
        let mut filters = ImageGrid::new("filters (black = negative)").cols(args.filters);
        let mut responses =
            ImageGrid::new("feature maps (white = strong response)").cols(args.filters);
        for k in 0..args.filters {
            let filter = w1.slice(s![k, 0, .., ..]).into_dimensionality()?;
            filters = filters.image(Image::from_array(filter).caption(format!("filter {}", k + 1)));
            let map = maps.slice(s![0, k, .., ..]);
            responses = responses.image(Image::from_array(map).caption(format!("map {}", k + 1)));
        }
        let path = args.out.path("ch07_apply_filter.png")?;
        Figure::new("A digit through the first convolution")
            .cols(1)
            .panel_size(100 * args.filters as u32 + 40, 170)
            .panel(input)
            .panel(filters)
            .panel(responses)
            .save(&path)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
