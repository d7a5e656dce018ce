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
use ndarray::arr1;

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let out = dlfs_cli::out_only(
            "Activation functions, softmax and the forward pass of a 3-layer network (chapter 3).",
        );
        save(&activations::compare_chart(), &out, "activations.png")?;
        save(&activations::step_chart(), &out, "step_function.png")?;
        save(&activations::sigmoid_chart(), &out, "sigmoid.png")?;
        save(&activations::tanh_chart(), &out, "tanh.png")?;
        save(&activations::relu_chart(), &out, "relu.png")?;
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
