//! The book's `mnist_show.py`: the first images of the data set with their labels, as one
//! figure (`mnist_show.png` under `--out`), and the arrays' shapes.

use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs_plot::{Image, ImageGrid, ImageScale};
use ndarray::Axis;

/// Shows the first images of MNIST (or Fashion-MNIST) with their labels.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    data: dlfs_cli::DataArgs,
    #[command(flatten)]
    out: dlfs_cli::OutArg,
    /// How many images to show
    #[arg(long, default_value_t = 20, value_parser = dlfs_cli::ranges::at_least(1))]
    count: usize,
    /// Show the test images instead of the training images
    #[arg(long)]
    test: bool,
}

/// A shape the NumPy way: `(60000, 784)`, `(60000,)`.
fn shape(dims: &[usize]) -> String {
    match dims {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            dims.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        // ANCHOR: load
        let mnist = args.data.load(LoadOptions {
            normalize: false,
            flatten: true,
        })?;
        println!("data: {mnist}");
        println!("x_train: {}", shape(mnist.x_train.shape())); // (60000, 784): an image a row
        println!("t_train: {}", shape(mnist.t_train.shape()));
        println!("x_test: {}", shape(mnist.x_test.shape()));
        println!("t_test: {}", shape(mnist.t_test.shape()));
        // ANCHOR_END: load
        let (split, x, t) = if args.test {
            ("test", &mnist.x_test, &mnist.t_test)
        } else {
            ("training", &mnist.x_train, &mnist.t_train)
        };
        let n = args.count.min(t.len());
        let names = mnist.kind.class_names();
        println!("first label: {}", names[t[0]]);
        // ANCHOR: grid
        let mut grid = ImageGrid::new(format!(
            "The first {n} {split} images of {}",
            mnist.kind.name()
        ))
        .cols(10)
        .scale(ImageScale::Fixed(0.0, 255.0));
        for (img, &label) in x.axis_iter(Axis(0)).zip(t).take(n) {
            // each row of 784 pixels is a 28 x 28 picture, row by row (img.reshape(28, 28))
            grid = grid
                .image(Image::new(28, 28, img.iter()).caption(format!("label {}", names[label])));
        }
        // ANCHOR_END: grid
        let path = args.out.path("mnist_show.png")?;
        grid.save(&path)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
