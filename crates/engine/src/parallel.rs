//! Work split over the cores without changing the result.
//!
//! The layers cut a batch into tasks of a fixed size ([`IMAGES_PER_TASK`] images), independent of
//! the number of cores, and rayon runs the tasks on whichever core is free. Each task writes its
//! own part of the output, and sums over tasks (a convolution's dW) are added in task order
//! afterwards, so a run gives the same numbers bit for bit on one core or many.

use ndarray::{Array, Dimension, ShapeBuilder};
use rayon::prelude::*;

use crate::Float;

/// Whether the calling thread is one of rayon's, where a `rayon::join` is cheap.
pub fn in_pool() -> bool {
    rayon::current_thread_index().is_some()
}

/// Runs `f` on one of rayon's threads and waits for it, so that the parallel work `f` starts
/// (the matrix products' halves, a batch's images) is handed out at a join's cost.
pub fn run_in_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    rayon::scope(|_| f())
}

/// Images per parallel task. Fixed (not derived from the number of cores) so that sums over
/// tasks, such as a convolution's dW, are added in the same order on every machine.
pub const IMAGES_PER_TASK: usize = 4;

/// Runs `f` on every task, spread over rayon's threads; with one thread (`RAYON_NUM_THREADS=1`)
/// simply in a loop on the calling thread.
pub fn par_tasks<T: Send>(tasks: Vec<T>, f: impl Fn(T) + Sync + Send) {
    if rayon::current_num_threads() > 1 && tasks.len() > 1 {
        tasks.into_par_iter().for_each(f);
    } else {
        tasks.into_iter().for_each(f);
    }
}

/// Like [`par_tasks`], with a scratch value made by `init` for each run of tasks on one thread
/// (a buffer reused from task to task instead of allocated for each). `f` must not depend on
/// what an earlier task left in it.
pub fn par_tasks_with<T: Send, S>(
    tasks: Vec<T>,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, T) + Sync + Send,
) {
    if rayon::current_num_threads() > 1 && tasks.len() > 1 {
        tasks.into_par_iter().for_each_init(init, f);
    } else {
        let mut scratch = init();
        tasks.into_iter().for_each(|t| f(&mut scratch, t));
    }
}

/// Like [`par_tasks`], collecting the results in task order (whichever thread ran them).
pub fn par_map_tasks<T: Send, R: Send>(tasks: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if rayon::current_num_threads() > 1 && tasks.len() > 1 {
        tasks.into_par_iter().map(f).collect()
    } else {
        tasks.into_iter().map(f).collect()
    }
}

/// [`par_map_tasks`] with a scratch value made by `init` for each run of tasks on one thread,
/// as in [`par_tasks_with`].
pub fn par_map_tasks_with<T: Send, S, R: Send>(
    tasks: Vec<T>,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, T) -> R + Sync + Send,
) -> Vec<R> {
    if rayon::current_num_threads() > 1 && tasks.len() > 1 {
        tasks.into_par_iter().map_init(init, f).collect()
    } else {
        let mut scratch = init();
        tasks.into_iter().map(|t| f(&mut scratch, t)).collect()
    }
}

/// Elements from which an element-wise pass (ReLU's) is split over the cores: below it a pass
/// takes a few microseconds, less than handing half of it to another thread.
pub const SPLIT_ELEMENTS: usize = 1 << 16;

/// Elements per piece of a long element-wise pass handed to a core.
pub(crate) const PIECE: usize = SPLIT_ELEMENTS / 2;

/// Runs `f` on every pair of elements of `a` and `b` (of equal length), in chunks spread over
/// rayon's threads when the slices are long and the caller is one of them. Each pair is
/// computed on its own, so the result is the same however the work is split.
pub fn zip_for_each<A: Send, B: Send>(
    a: &mut [A],
    b: &mut [B],
    f: impl Fn(&mut A, &mut B) + Sync + Send,
) {
    assert_eq!(
        a.len(),
        b.len(),
        "zip_for_each: slices of different lengths"
    );
    split_long(
        a.len(),
        (a, b),
        |(a, b)| a.chunks_mut(PIECE).zip(b.chunks_mut(PIECE)).collect(),
        |(a, b)| crate::simd::widest(|| a.iter_mut().zip(b).for_each(|(a, b)| f(a, b))),
    );
}

/// [`zip_for_each`] with `b` read only.
pub fn zip_for_each_ref<A: Send, B: Sync>(
    a: &mut [A],
    b: &[B],
    f: impl Fn(&mut A, &B) + Sync + Send,
) {
    assert_eq!(
        a.len(),
        b.len(),
        "zip_for_each_ref: slices of different lengths"
    );
    split_long(
        a.len(),
        (a, b),
        |(a, b)| a.chunks_mut(PIECE).zip(b.chunks(PIECE)).collect(),
        |(a, b)| crate::simd::widest(|| a.iter_mut().zip(b).for_each(|(a, b)| f(a, b))),
    );
}

/// `pass(whole)`, or `pass` on each of `chunks(whole)` over the cores when `len` is at least
/// [`SPLIT_ELEMENTS`] and the caller is one of rayon's threads.
pub(crate) fn split_long<T: Send>(
    len: usize,
    whole: T,
    chunks: impl FnOnce(T) -> Vec<T>,
    pass: impl Fn(T) + Sync + Send,
) {
    if len >= SPLIT_ELEMENTS && in_pool() {
        par_tasks(chunks(whole), pass);
    } else {
        pass(whole);
    }
}

/// An array of zeros, written by every core when it is large and the caller is one of rayon's
/// threads: zeroing a batch's feature maps (7 MB) on one core takes a quarter of a millisecond
/// while the other waits.
pub fn zeros<F: Float, Sh: ShapeBuilder<Dim = D>, D: Dimension>(shape: Sh) -> Array<F, D> {
    let shape = shape.into_shape_with_order().raw_dim().clone();
    let len = shape.size();
    if len < SPLIT_ELEMENTS || !in_pool() {
        return Array::zeros(shape);
    }
    let mut v = Vec::with_capacity(len);
    v.par_extend(rayon::iter::repeat_n(F::zero(), len));
    Array::from_shape_vec(shape, v).expect("as many zeros as the shape holds")
}

/// `rayon::join(a, b)` when the work is `large` and the caller is one of rayon's threads, where
/// a join is cheap; otherwise `a` then `b` on the calling thread.
pub fn join_if<RA: Send, RB: Send>(
    large: bool,
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    if large && in_pool() {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// `(a(), b())`, the two on both cores when `work` (multiply-adds, say) is at least
/// [`crate::linalg::SPLIT_WORK`]: the one line a layer writes where its backward has two
/// independent products, such as Affine's dx and dW.
pub fn both<RA: Send, RB: Send>(
    work: usize,
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    join_if(work >= crate::linalg::SPLIT_WORK, a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_helpers_inside_the_pool_match_plain_loops() {
        let n = 3 * SPLIT_ELEMENTS + 17; // several chunks and a short last one
        let x: Vec<f32> = (0..n).map(|i| ((i * 37) % 101) as f32 - 50.0).collect();
        let (mut a, mut mask) = (x.clone(), vec![false; n]);
        run_in_pool(|| {
            assert!(in_pool());
            zip_for_each(&mut a, &mut mask, |v, m| {
                *m = *v <= 0.0;
                *v = v.max(0.0);
            });
        });
        for ((&x, &a), &m) in x.iter().zip(&a).zip(&mask) {
            assert_eq!((a, m), (x.max(0.0), x <= 0.0));
        }
        let z = run_in_pool(|| zeros::<f32, _, _>((3, SPLIT_ELEMENTS, 2)));
        assert_eq!(z.shape(), [3, SPLIT_ELEMENTS, 2]);
        assert!(z.iter().all(|&v| v == 0.0) && z.is_standard_layout());
        let (left, right) = run_in_pool(|| join_if(true, || 1 + 1, || "two"));
        assert_eq!((left, right), (2, "two"));
    }
}
