//! Chapter 4: learning from data by following the numerical gradient.
//!
//! The chapter-local pieces: the example functions and their tangents ([`functions`]), the
//! 2×3 [`simple_net`], the chapter's own [`two_layer_net`] with both its numerical and its
//! hand-derived gradient, a faster numerical gradient that gives the same bits
//! ([`fast_numerical`]), and the training loop of the book's script ([`train`]) with what it
//! prints and draws at the end ([`report`]). The numerical differentiation itself (`numerical_diff`,
//! `numerical_gradient`, `gradient_descent`) lives in the core crate, `dlfs::gradient`,
//! because chapter 5 checks backpropagation against it.

pub mod fast_numerical;
pub mod figures;
pub mod functions;
pub mod report;
pub mod simple_net;
pub mod train;
pub mod two_layer_net;
