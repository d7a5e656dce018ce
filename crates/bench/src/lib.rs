//! # dlfs_bench — how fast the book's networks train, and why
//!
//! The chapters' programs stay the book's scripts; measuring them lives here:
//!
//! | target | what it measures |
//! |---|---|
//! | `bench` (binary) | chapter 5's training run: time, GFLOP/s, the GEMM rate of its products |
//! | `bench_convnet` (binary) | an epoch of SimpleConvNet, stage by stage, against the GEMM peak |
//! | `gemm_shapes` (example) | the two GEMM kernels on SimpleConvNet's products, one thread |
//! | `matmul_pieces` (example) | products in one piece against `matmul` cut over the cores |
//! | `kernels` (criterion bench) | convolution, pooling and affine layers forward and backward |
//!
//! Everything goes through the public APIs of `dlfs` and `dlfs_engine`.

pub mod speed;
