//! Chapter 3: activation functions, softmax, and a 3-layer network's forward pass.
//!
//! Draws the step, sigmoid, tanh and ReLU functions (one chart comparing them, one each),
//! then prints the softmax demo and the book's 3-layer example. Expected output ends with:
//!
//! ```text
//! 3-layer network y: [0.31682708 0.69627909]
//! ```

use std::process::ExitCode;

use ch03_activations::activations::{self, save};
use ch03_activations::{numpy::fmt_array, softmax_demo, three_layer};
use clap::Parser;
use ndarray::arr1;

/// Activation functions, softmax and the forward pass of a 3-layer network (chapter 3).
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: dlfs_cli::OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        save(&activations::compare_chart(), &args.out, "activations.png")?;
        save(&activations::step_chart(), &args.out, "step_function.png")?;
        save(&activations::sigmoid_chart(), &args.out, "sigmoid.png")?;
        save(&activations::tanh_chart(), &args.out, "tanh.png")?;
        save(&activations::relu_chart(), &args.out, "relu.png")?;
        println!();
        softmax_demo::print();
        println!();
        let y = three_layer::forward(&three_layer::init_network(), &arr1(&[1.0, 0.5]));
        println!(
            "3-layer network y: {}",
            fmt_array(y.as_slice().expect("contiguous"))
        );
        Ok(())
    })
}
