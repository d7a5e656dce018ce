//! What DeepConvNet gets wrong: the book's `ch08/misclassified_mnist.py`, plus a confusion
//! matrix.
//!
//! With the book's weights it finds the 65 misclassified test digits, draws them with their
//! true and predicted labels, and draws the 10 × 10 table of which digit was taken for which.
use std::process::ExitCode;

use clap::Parser;
use dlfs_cli::{DataArgs, OutArg};

/// Classifies the MNIST test images with saved DeepConvNet parameters, prints the accuracy and
/// the misclassified images' (true, predicted) labels, and draws them
/// (ch08_misclassified.png) and the confusion matrix (ch08_confusion.png) under --out.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    weights: ch08_deep::WeightsArg,
    /// How many misclassified digits to draw at most (the book shows 20)
    #[arg(long, default_value_t = 100)]
    max_view: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let mut net = ch08_deep::load_net(&args.weights, &args.data)?;
        anyhow::ensure!(args.max_view >= 1, "--max-view must be at least 1");
        let mnist = ch08_deep::load_images(&args.data)?;
        println!("data: {mnist}");

        // ANCHOR: misclassified
        let x_test = mnist.x_test.mapv(f64::from);
        let t = mnist.t_test.view();
        let y = ch08_deep::classify(&mut net, x_test.view());
        let correct = ch08_deep::count_correct(&y, t);
        let wrong: Vec<usize> = (0..t.len()).filter(|&i| y[i] != t[i]).collect();
        let matrix = ch08_deep::confusion_matrix(t, &y, 10);
        // ANCHOR_END: misclassified
        println!("test accuracy: {:.4}", correct as f64 / t.len() as f64);
        println!("misclassified: {} of {}", wrong.len(), t.len());
        let pairs: Vec<String> = wrong
            .iter()
            .take(args.max_view)
            .map(|&i| format!("{}→{}", t[i], y[i]))
            .collect();
        println!("true→predicted: {}", pairs.join(" "));

        let grid =
            ch08_deep::figures::misclassified_grid(mnist.x_test.view(), t, &y, args.max_view);
        let grid_path = args.out.path("ch08_misclassified.png")?;
        grid.save(&grid_path)?;
        println!("wrote {}", grid_path.display());
        let chart = ch08_deep::figures::confusion_chart(&matrix, wrong.len());
        let chart_path = args.out.path("ch08_confusion.png")?;
        chart.save(&chart_path)?;
        println!("wrote {}", chart_path.display());
        Ok(())
    })
}
