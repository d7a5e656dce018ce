//! Draws the chapter's network diagram as an SVG file (the page's figures/three_layer_net.svg).
use std::process::ExitCode;

use clap::Parser;
use dlfs_cli::OutArg;

/// Draws the book's 3-layer network with its weight notation (w⁽¹⁾₁₂) as SVG.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    let args = Args::parse();
    dlfs_cli::run(|| {
        for path in dlfs_diagram::write_all(&args.out.out, &ch03_activations::diagrams::all())? {
            println!("wrote {}", path.display());
        }
        Ok(())
    })
}
