//! Chapter 4: loss functions and numerical gradients.
//!
//! The exercises in the book's order, which `learn` follows (the blank lines keep rustfmt from
//! sorting them by name).

#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ch04/mean_squared_error.rs"
)]
pub mod mean_squared_error;

#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ch04/cross_entropy_error.rs"
)]
pub mod cross_entropy_error;

#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ch04/cross_entropy_batch.rs"
)]
pub mod cross_entropy_batch;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch04/numerical_diff.rs")]
pub mod numerical_diff;

#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ch04/numerical_gradient.rs"
)]
pub mod numerical_gradient;

#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ch04/gradient_descent.rs"
)]
pub mod gradient_descent;
