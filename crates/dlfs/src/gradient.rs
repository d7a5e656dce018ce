//! Numerical gradients.
