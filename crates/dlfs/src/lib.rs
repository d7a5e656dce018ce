//! # dlfs — the shared core of "Deep Learning from Scratch" in Rust
//!
//! This crate is the book's `common/` and `dataset/` folders: everything more than one chapter
//! uses. Each module is one concept; the chapter crates under `chapters/` hold the experiments.
//!
//! | module | the book's file | what it holds |
//! |---|---|---|
//! | [`functions`] | `common/functions.py` | step, sigmoid, ReLU, softmax, the losses |
//! | [`gradient`] | `common/gradient.py` | numerical differentiation |
//! | [`im2col`] | `common/util.py` | im2col/col2im: convolution as a matrix product |
//! | [`param`] | — | `Tensor`, `Param` (a value and its gradient), `Mode` (train or test) |
//! | [`layers`] | `common/layers.py` | one file per layer, each with `forward`/`backward` |
//! | [`net`] | `ch05/two_layer_net.py`, `common/multi_layer_net.py`, ... | networks built from layers |
//! | [`optimizer`] | `common/optimizer.py` | SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam |
//! | [`trainer`] | `common/trainer.py` | the mini-batch training loop and its history |
//! | [`batch`] | — | drawing a random mini-batch |
//! | [`augment`] | — | data augmentation: shifted and rotated copies of the images (chapter 8) |
//! | [`io`] | `pickle` | parameters as NumPy `.npz` |
//! | [`util`] | `common/util.py` | smooth_curve |
//!
//! The data sets (the book's `dataset/`) are the `dataset` crate; what exists only for speed is
//! the engine room, `dlfs_engine`; figures are `dlfs_plot`; flags and progress bars `dlfs_cli`.

pub mod augment;
pub mod batch;
pub mod functions;
pub mod gradient;
pub mod im2col;
pub mod io;
pub mod layers;
pub mod net;
pub mod optimizer;
pub mod param;
pub mod trainer;
pub mod util;

pub use dlfs_engine::{Float, float};
pub use layers::Layer;
pub use param::{Mode, Param, Tensor};
