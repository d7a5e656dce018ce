//! Draws the chapter's pictures of convolution and pooling as SVG files (the page's figures/*.svg).
use std::process::ExitCode;

use clap::Parser;
use dlfs_cli::OutArg;

/// Draws the convolution (numbers, padding, stride, shapes), max pooling and im2col pictures as
/// SVG, every number computed by the library's Convolution, Pooling and im2col.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    let args = Args::parse();
    dlfs_cli::run(|| {
        for path in dlfs_diagram::write_all(&args.out.out, &ch07_cnn::diagrams::all())? {
            println!("wrote {}", path.display());
        }
        Ok(())
    })
}
