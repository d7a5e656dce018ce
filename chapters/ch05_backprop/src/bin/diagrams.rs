//! Draws the chapter's computational graphs as SVG files (the page's figures/graph_*.svg).
use std::process::ExitCode;

use clap::Parser;
use dlfs_cli::OutArg;

/// Draws the apple, apple-and-orange, sigmoid, Affine and Softmax-with-Loss graphs as SVG; the
/// shopping graphs carry the values MulLayer and AddLayer compute.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    let args = Args::parse();
    dlfs_cli::run(|| {
        for path in dlfs_diagram::write_all(&args.out.out, &ch05_backprop::diagrams::all())? {
            println!("wrote {}", path.display());
        }
        Ok(())
    })
}
