//! The gradient of a loss with respect to a weight matrix: the book's `ch04/gradient_simplenet.py`.
//!
//! Expect (the book's W): predict [1.05414809, 0.63071653, 1.1328074], argmax 2, loss 0.928068,
//! dW ≈ [[0.219248, 0.143562, -0.362810], [0.328871, 0.215344, -0.544215]].
use std::process::ExitCode;

use ch04_gradient::report::{matrix, row};
use ch04_gradient::simple_net::{SimpleNet, numerical_dw};
use clap::Parser;
use dlfs::functions::softmax;
use dlfs_cli::{OutArg, SeedArg};
use ndarray::{Array1, arr1};

/// Prints the 2×3 net's prediction, loss and dL/dW for x = [0.6, 0.9] and t = [0, 0, 1], and
/// draws the loss along each weight with the slope dL/dW predicts.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Draw W from N(0, 1) with --seed instead of using the W the book prints
    #[arg(long)]
    random: bool,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        // ANCHOR: simplenet
        let net = if args.random {
            SimpleNet::new(&mut args.seed.rng())
        } else {
            SimpleNet::books()
        };
        let x = arr1(&[0.6, 0.9]);
        let t = arr1(&[0.0, 0.0, 1.0]); // the right answer is class 2
        let p = net.predict(&x);
        println!("W: {}", matrix(&net.w));
        println!("predict: {}", row(p.view()));
        println!("argmax: {}", argmax(&p));
        println!("loss: {}", net.loss(&x, &t));
        let dw = numerical_dw(&net, &x, &t);
        println!("dW: {}", matrix(&dw));
        // ANCHOR_END: simplenet
        // the book's printed loss leaves out the 1e-7 guard of the cross-entropy
        println!(
            "loss without the 1e-7 guard: {}",
            -softmax(&p)[argmax(&t)].ln()
        );

        let path = args.out.path("gradient_simplenet.png")?;
        ch04_gradient::figures::loss_along_weights(&net, (&x, &t), &dw, &path)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}

fn argmax(v: &Array1<f64>) -> usize {
    dlfs::functions::argmax_rows(v.view().insert_axis(ndarray::Axis(0)))[0]
}
