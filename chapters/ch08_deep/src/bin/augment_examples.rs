//! What `train_deepnet --augment` adds to the training set: a few training digits and moved
//! copies of them, drawn as a grid (ch08_augment.png).
use std::process::ExitCode;

use clap::Parser;
use dlfs_cli::{DataArgs, OutArg, SeedArg};

/// Draws the first --count training digits, each with copies shifted by up to 2 pixels and
/// rotated by up to 10°, as the --augment flag of train_deepnet and train_convnet makes them
/// (ch08_augment.png under --out).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How many digits to draw, one per row
    #[arg(long, default_value_t = 6, value_parser = dlfs_cli::ranges::at_least(1))]
    count: usize,
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
        let mnist = ch08_deep::load_images(&args.data)?;
        println!("data: {mnist}");
        let mut rng = args.seed.rng();
        let grid = ch08_deep::figures::augment_grid(mnist.x_train.view(), args.count, &mut rng);
        let path = args.out.path("ch08_augment.png")?;
        grid.save(&path)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
