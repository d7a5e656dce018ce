//! # Exercises
//!
//! One file per exercise, in the order of the book: `src/ch02/gates.rs` is chapter 2's first.
//! Each file holds a stub that compiles (`todo!()`), a doc comment with the task, the formula and
//! the shapes. Replace the `todo!()`s, then run `cargo run -p learn` to check your work.
//!
//! The checks live in `tests/chNN.rs`, one module per exercise; the reference solutions in
//! `solutions/` (compiled instead of `src/` with `--features solutions`). Try first.

// The stubs are `todo!()` on purpose; the solutions must not hold one.
#![cfg_attr(not(feature = "solutions"), allow(clippy::todo))]

pub mod ch02;
pub mod ch03;
pub mod ch04;
pub mod ch05;
pub mod ch06;
pub mod ch07;
