//! The same network with fewer bits per weight: the book's `ch08/half_float_network.py`, plus
//! bfloat16 and 8-bit integers.
//!
//! With the book's weights the float64, float32 and float16 rows all print 0.9935.
use std::process::ExitCode;

use ch08_deep::precision::{Format, round_params};
use clap::Parser;
use dlfs_cli::DataArgs;

/// Loads DeepConvNet parameters (as deep_convnet does), rounds them to float32, float16,
/// bfloat16 and int8 (a symmetric scale max|w|/127 per tensor), and prints for each format the
/// bytes of the parameters, the accuracy on the MNIST test images, and how many predictions
/// differ from the file's own float64 weights. The rounded weights are read back as float64
/// and the network computes in float64: only the stored values change.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    weights: ch08_deep::WeightsArg,
    #[command(flatten)]
    data: DataArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let net = ch08_deep::load_net(&args.weights, &args.data)?;
        let mnist = ch08_deep::load_images(&args.data)?;
        println!("data: {mnist}");
        let x_test = mnist.x_test.mapv(f64::from);
        let t = mnist.t_test.view();

        println!("| format | bytes | test accuracy | changed predictions |");
        println!("|---|---:|---:|---:|");
        // ANCHOR: table
        let mut reference: Option<Vec<usize>> = None; // the float64 predictions
        for format in Format::ALL {
            let mut rounded = net.clone();
            let bytes = round_params(&mut rounded, format);
            let y = ch08_deep::classify(&mut rounded, x_test.view());
            let accuracy = ch08_deep::count_correct(&y, t) as f64 / t.len() as f64;
            let reference = reference.get_or_insert_with(|| y.clone());
            let changed = y
                .iter()
                .zip(reference.iter())
                .filter(|(a, b)| a != b)
                .count();
            let name = format.name();
            println!("| {name} | {bytes} | {accuracy:.4} | {changed} |");
        }
        // ANCHOR_END: table
        println!("int8: q = round(w / s) in [-127, 127] with s = max |w| / 127, one s per tensor");
        println!("changed predictions: test images classified differently from float64");
        Ok(())
    })
}
