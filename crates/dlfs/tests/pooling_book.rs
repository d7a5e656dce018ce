//! The Pooling layer runs the engine's in-place max pooling; the book computes it with im2col,
//! a max and an arg max per row, and col2im on the way back. This writes the book's version
//! with `dlfs::im2col` and checks that both give the same numbers, bit for bit, and that a NaN
//! propagates through a window as it does in NumPy.

use dlfs::im2col::{col2im, im2col};
use dlfs::layers::{Layer, Pooling};
use dlfs::{Mode, Tensor};
use ndarray::{Array, Array2, Array4, Axis, Ix4};

/// The book's `Pooling.forward` and `backward`: out (N, C, OH, OW) and dx (N, C, H, W).
fn book_pooling(
    x: &Array4<f32>,
    dout: &Array4<f32>,
    pool: usize,
    stride: usize,
) -> (Array4<f32>, Array4<f32>) {
    let (n, c, h, w) = x.dim();
    let (out_h, out_w) = ((h - pool) / stride + 1, (w - pool) / stride + 1);
    let col = im2col(x.view(), pool, pool, stride, 0);
    let col = col
        .into_shape_with_order((n * out_h * out_w * c, pool * pool))
        .unwrap(); // (-1, PH·PW)
    let arg_max: Vec<usize> = col
        .rows()
        .into_iter()
        .map(|row| {
            // np.argmax: the first maximum, or the first NaN
            let mut best = 0;
            for (k, &v) in row.iter().enumerate() {
                if row[best].is_nan() {
                    break;
                }
                if v > row[best] || v.is_nan() {
                    best = k;
                }
            }
            best
        })
        .collect();
    let out: Vec<f32> = col
        .rows()
        .into_iter()
        .zip(&arg_max)
        .map(|(r, &k)| r[k])
        .collect();
    let out = Array::from_shape_vec((n, out_h, out_w, c), out)
        .unwrap()
        .permuted_axes([0, 3, 1, 2]);

    let dout = dout.view().permuted_axes([0, 2, 3, 1]); // (N, OH, OW, C)
    let mut dmax = Array2::<f32>::zeros((dout.len(), pool * pool));
    for ((mut row, &k), &d) in dmax.axis_iter_mut(Axis(0)).zip(&arg_max).zip(dout.iter()) {
        row[k] = d; // dmax[arange, arg_max] = dout.flatten()
    }
    let dcol = dmax
        .into_shape_with_order((n * out_h * out_w, c * pool * pool))
        .unwrap();
    let dx = col2im(dcol.view(), (n, c, h, w), pool, pool, stride, 0);
    (out.as_standard_layout().into_owned(), dx)
}

fn layer_pooling(
    x: &Array4<f32>,
    dout: &Array4<f32>,
    pool: usize,
    stride: usize,
) -> (Array4<f32>, Array4<f32>) {
    let mut layer = Pooling::new(pool, pool, stride, 0);
    let out: Tensor<f32> = layer.forward(x.clone().into_dyn(), Mode::Train);
    let dx = layer.backward(dout.clone().into_dyn());
    (
        out.into_dimensionality::<Ix4>().unwrap(),
        dx.into_dimensionality::<Ix4>().unwrap(),
    )
}

fn values(shape: (usize, usize, usize, usize), seed: f32) -> Array4<f32> {
    let mut k = 0.0f32;
    Array::from_shape_simple_fn(shape, || {
        k += 1.0;
        ((k * seed).sin() * 4.0).round() / 4.0 // many ties: the first maximum must win
    })
}

#[test]
fn the_engines_pooling_is_the_books_bit_for_bit() {
    for (shape, pool, stride) in [
        ((2, 3, 8, 8), 2, 2),
        ((3, 2, 24, 24), 2, 2), // windows that tile the plane: the engine's tree of maxima
        ((2, 2, 9, 7), 2, 2),   // odd sides: the last row and column are in no window
        ((1, 2, 9, 7), 3, 3),
    ] {
        let x = values(shape, 0.37);
        let (n, c, h, w) = shape;
        let dout = values(
            (n, c, (h - pool) / stride + 1, (w - pool) / stride + 1),
            0.71,
        );
        let (book_out, book_dx) = book_pooling(&x, &dout, pool, stride);
        let (out, dx) = layer_pooling(&x, &dout, pool, stride);
        assert_eq!(out, book_out, "{shape:?}: forward");
        assert_eq!(dx, book_dx, "{shape:?}: backward");
    }
}

#[test]
fn a_nan_propagates_through_its_window() {
    let mut x = values((1, 1, 4, 4), 0.37);
    x[[0, 0, 1, 1]] = f32::NAN;
    let dout = Array4::ones((1, 1, 2, 2));
    let (out, dx) = layer_pooling(&x, &dout, 2, 2);
    let (book_out, book_dx) = book_pooling(&x, &dout, 2, 2);
    assert!(out[[0, 0, 0, 0]].is_nan() && book_out[[0, 0, 0, 0]].is_nan());
    assert_eq!(dx[[0, 0, 1, 1]], 1.0, "the gradient goes to the NaN");
    assert_eq!(dx, book_dx);
    assert!(out.iter().skip(1).all(|v| !v.is_nan()));
}

#[test]
fn backward_twice_gives_the_same_dx() {
    let x = values((2, 3, 8, 8), 0.37);
    let mut layer = Pooling::new(2, 2, 2, 0);
    layer.forward(x.into_dyn(), Mode::Train);
    let dout = values((2, 3, 4, 4), 0.71).into_dyn();
    let first = Layer::<f32>::backward(&mut layer, dout.clone());
    assert_eq!(first, layer.backward(dout));
}
