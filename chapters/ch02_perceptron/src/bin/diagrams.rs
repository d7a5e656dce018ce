//! Draws the chapter's perceptron diagrams as SVG files (the page's figures/*.svg).
use std::process::ExitCode;

use clap::Parser;
use dlfs_cli::OutArg;

/// Draws a perceptron (with the AND gate's weights) and XOR's two layers with the truth table
/// the chapter's gates compute, as SVG.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    let args = Args::parse();
    dlfs_cli::run(|| {
        for path in dlfs_diagram::write_all(&args.out.out, &ch02_perceptron::diagrams::all())? {
            println!("wrote {}", path.display());
        }
        Ok(())
    })
}
