//! Draws the chapter's pictures of convolution and pooling as SVG files (the page's figures): `--out DIR`.
use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_diagram::main(
        "Draws the convolution (numbers, padding, stride, shapes), max pooling and im2col pictures as SVG, every number computed by the library's Convolution, Pooling and im2col.",
        ch07_cnn::diagrams::all,
    )
}
