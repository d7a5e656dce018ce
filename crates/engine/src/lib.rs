//! # dlfs_engine — the engine room
//!
//! The book's code (the `dlfs` crate) reads like the book; everything that exists only to make
//! it fast lives here, behind short named calls that a layer makes in one line where the book
//! does its heavy step. The appendix page "How dlfs is fast" (`chapters/engine.md`) explains it.
//!
//! | module | what it holds |
//! |---|---|
//! | [`float`] | `f32`/`f64`, the float type every generic item takes |
//! | [`linalg`] | `matmul`/`dot`: the `gemm` crate's kernels, large products cut over the cores |
//! | [`parallel`] | splitting work over the cores so that the result does not depend on how |
//! | [`conv`] | im2col/col2im and the convolution's products, a group of images at a time over the cores |
//! | [`pool`] | max pooling scanned in place, branch-free |
//! | [`relu`] | ReLU and its mask in one pass over the cores |
//! | [`row_products`] | `a · bᵀ` as dot products of rows, for the small dW of a convolution |
//! | [`simd`] | our own loops built for AVX-512 and AVX2 too, the widest chosen at run time |
//! | [`update`] | the optimizers' element-wise steps over the cores, as wide as the CPU allows |
//! | [`helpers`] | the trainer's helper threads: the next batch, background evaluations |
//! | [`denormal`] | training with numbers below the normal range flushed to zero |

pub mod conv;
pub mod denormal;
pub mod float;
pub mod helpers;
pub mod linalg;
pub mod parallel;
pub mod pool;
pub mod relu;
pub mod row_products;
pub mod simd;
pub mod update;

pub use float::Float;
pub use linalg::{dot, dot_bias, matmul};
