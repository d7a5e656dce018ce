//! # Chapter 3: neural networks
//!
//! From the perceptron's step to smooth activation functions, the forward pass of a 3-layer
//! network as three matrix products, softmax for the output, and the same network, with
//! trained weights, reading MNIST digits.
//!
//! The activation functions and softmax themselves live in the core
//! ([`dlfs::functions`]); this crate holds the chapter's experiments.

pub mod activations;
pub mod diagrams;
pub mod mnist_net;
pub mod numpy;
pub mod softmax_demo;
pub mod three_layer;
