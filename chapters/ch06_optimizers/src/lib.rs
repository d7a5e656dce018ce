//! Chapter 6: learning-related techniques.
//!
//! The optimizers (SGD, Momentum, AdaGrad, Adam, ...), the weight initialisations, Dropout,
//! Batch Normalization and the fully connected nets built from them live in the core crate
//! (`dlfs::optimizer`, `dlfs::layers`, `dlfs::net`), as the book keeps them in `common/`.
//! This crate holds the chapter's experiments: each binary under `src/bin/` is one of the
//! book's scripts, and the loops they share are here.

pub mod activations;
pub mod batch_norm;
pub mod compare;
pub mod figures;
pub mod naive;
pub mod overfit;
pub mod search;
