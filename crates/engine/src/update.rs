//! The optimizers' updates, fast: one pass over a parameter, its gradient and the optimizer's
//! state, split over the cores and built for the widest vector instructions ([`crate::simd`]).
//!
//! An update is a few operations per element (Adam's: a square root and a division among
//! them), done for every weight of the network at every step. Run as a plain loop it takes
//! one core and 4 floats an instruction; here each core takes its part of the weights and
//! AVX-512 does 16 at a time. Each element is computed on its own, with the same operations
//! in the same order, so the numbers are the same however the work is split and whichever
//! instructions run it.

use ndarray::{ArrayD, Zip};

use crate::Float;
use crate::parallel::{PIECE, split_long};
use crate::simd::widest;

/// `f(w, s, g)` for every element of a parameter `w`, the optimizer's state `s` for it (a
/// velocity, a sum of squares) and its gradient `g`: Momentum's, AdaGrad's or RMSprop's step.
///
/// # Shapes
/// `w`, `s`, `g`: the parameter's shape, all three.
pub fn zip3_for_each<F: Float>(
    w: &mut ArrayD<F>,
    s: &mut ArrayD<F>,
    g: &ArrayD<F>,
    f: impl Fn(&mut F, &mut F, &F) + Sync + Send,
) {
    same_shapes(&[w.shape(), s.shape(), g.shape()]);
    match (w.as_slice_mut(), s.as_slice_mut(), g.as_slice()) {
        (Some(w), Some(s), Some(g)) => {
            let len = w.len();
            split_long(
                len,
                (w, s, g),
                |(w, s, g)| {
                    let (w, s) = (w.chunks_mut(PIECE), s.chunks_mut(PIECE));
                    let pieces = w.zip(s).zip(g.chunks(PIECE));
                    pieces.map(|((w, s), g)| (w, s, g)).collect()
                },
                |(w, s, g)| {
                    widest(|| {
                        for ((w, s), g) in w.iter_mut().zip(s.iter_mut()).zip(g.iter()) {
                            f(w, s, g);
                        }
                    })
                },
            );
        }
        _ => Zip::from(w).and(s).and(g).for_each(f), // not row-major: ndarray's own loop
    }
}

/// `f(w, m, v, g)` for every element of a parameter `w`, the optimizer's two states `m` and
/// `v` for it and its gradient `g`: Adam's step.
///
/// # Shapes
/// `w`, `m`, `v`, `g`: the parameter's shape, all four.
pub fn zip4_for_each<F: Float>(
    w: &mut ArrayD<F>,
    m: &mut ArrayD<F>,
    v: &mut ArrayD<F>,
    g: &ArrayD<F>,
    f: impl Fn(&mut F, &mut F, &mut F, &F) + Sync + Send,
) {
    same_shapes(&[w.shape(), m.shape(), v.shape(), g.shape()]);
    match (
        w.as_slice_mut(),
        m.as_slice_mut(),
        v.as_slice_mut(),
        g.as_slice(),
    ) {
        (Some(w), Some(m), Some(v), Some(g)) => {
            let len = w.len();
            split_long(
                len,
                (w, m, v, g),
                |(w, m, v, g)| {
                    let (w, m) = (w.chunks_mut(PIECE), m.chunks_mut(PIECE));
                    let pieces = w.zip(m).zip(v.chunks_mut(PIECE)).zip(g.chunks(PIECE));
                    pieces.map(|(((w, m), v), g)| (w, m, v, g)).collect()
                },
                |(w, m, v, g)| {
                    widest(|| {
                        let wm = w.iter_mut().zip(m.iter_mut());
                        for ((w, m), (v, g)) in wm.zip(v.iter_mut().zip(g.iter())) {
                            f(w, m, v, g);
                        }
                    })
                },
            );
        }
        _ => Zip::from(w).and(m).and(v).and(g).for_each(f), // not row-major: ndarray's own loop
    }
}

/// Panics unless every array has the first one's shape.
fn same_shapes(shapes: &[&[usize]]) {
    for shape in &shapes[1..] {
        assert_eq!(
            *shape, shapes[0],
            "optimizer update: the parameter, its gradient and the optimizer's state must \
             have one shape"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::{SPLIT_ELEMENTS, run_in_pool};

    /// Adam's step, as the optimizer writes it.
    fn adam(w: &mut f32, m: &mut f32, v: &mut f32, &g: &f32) {
        *m += 0.1 * (g - *m);
        *v += 0.001 * (g * g - *v);
        *w -= 0.01 * *m / (v.sqrt() + 1e-7);
    }

    #[test]
    fn the_same_numbers_as_ndarrays_loop_in_the_pool_and_out() {
        let n = 3 * SPLIT_ELEMENTS + 17; // several pieces and a short last one
        let wave = |k: usize| {
            let values = (0..n).map(|i| ((i * k) % 101) as f32 / 7.0 - 5.0).collect();
            ArrayD::from_shape_vec(vec![n], values).unwrap()
        };
        let (w, m, v, g) = (wave(37), wave(11), wave(13).mapv(f32::abs), wave(29));
        let mut expected = (w.clone(), m.clone(), v.clone());
        Zip::from(&mut expected.0)
            .and(&mut expected.1)
            .and(&mut expected.2)
            .and(&g)
            .for_each(adam);
        for pool in [false, true] {
            let (mut w4, mut m4, mut v4) = (w.clone(), m.clone(), v.clone());
            let (mut w3, mut s3) = (w.clone(), m.clone());
            let mut step = || {
                zip4_for_each(&mut w4, &mut m4, &mut v4, &g, adam);
                zip3_for_each(&mut w3, &mut s3, &g, |w, s, &g| {
                    *s = 0.9 * *s - 0.01 * g;
                    *w += *s;
                });
            };
            if pool {
                run_in_pool(step)
            } else {
                step()
            }
            assert_eq!((&w4, &m4, &v4), (&expected.0, &expected.1, &expected.2));
            let s_expected = m.mapv(|s| s * 0.9) - g.mapv(|g| 0.01 * g);
            assert_eq!(s3, s_expected);
            assert_eq!(w3, &w + &s_expected);
        }
    }
}
