//! Checks for chapter 7's exercises: one module per exercise (`learn` groups tests by it).
#![cfg(feature = "check")]

mod check;
mod layers;

/// The shapes the im2col and col2im checks run on: (input shape, FH, FW, stride, pad).
type Case = ((usize, usize, usize, usize), usize, usize, usize, usize);
const CASES: [Case; 6] = [
    ((1, 3, 7, 7), 5, 5, 1, 0),   // the book's example: col (9, 75)
    ((2, 2, 6, 7), 3, 2, 2, 1),   // a filter wider than it is high, stride 2
    ((2, 3, 5, 4), 3, 3, 1, 2),   // more padding than the image has rows to spare
    ((1, 2, 10, 9), 4, 3, 3, 1),  // stride 3: windows that skip pixels
    ((2, 1, 12, 12), 5, 5, 1, 0), // one channel, like MNIST
    ((3, 2, 8, 8), 2, 2, 2, 0),   // pooling's windows: no overlap
];

/// N(0, 1) images of `shape`.
fn images(shape: (usize, usize, usize, usize), seed: u64) -> ndarray::Array4<f64> {
    let (n, c, h, w) = shape;
    layers::input(&[n, c, h, w], seed)
        .into_dimensionality()
        .expect("4-D")
}

mod im2col {
    use super::check::expect_eq;
    use super::layers::expect_array;
    use super::{CASES, images};
    use exercises::ch07::im2col::im2col;

    #[test]
    fn the_books_shapes() {
        let col = im2col(images((1, 3, 7, 7), 1).view(), 5, 5, 1, 0);
        expect_eq(
            "im2col of (1, 3, 7, 7), 5×5 filter: col shape",
            col.dim(),
            (9, 75),
        );
        let col = im2col(images((10, 3, 7, 7), 2).view(), 5, 5, 1, 0);
        expect_eq(
            "im2col of (10, 3, 7, 7), 5×5 filter: col shape",
            col.dim(),
            (90, 75),
        );
    }

    #[test]
    fn a_small_image_by_hand() {
        // a 3×3 image, 2×2 windows, stride 1: four windows, row by row
        let x = ndarray::Array::from_shape_vec((1, 1, 3, 3), (1..=9).map(f64::from).collect())
            .expect("9 values");
        let col = im2col(x.view(), 2, 2, 1, 0).into_dyn();
        let expected = ndarray::array![
            [1.0, 2.0, 4.0, 5.0],
            [2.0, 3.0, 5.0, 6.0],
            [4.0, 5.0, 7.0, 8.0],
            [5.0, 6.0, 8.0, 9.0]
        ];
        expect_array(
            "im2col of [[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2×2",
            &col,
            &expected.into_dyn(),
            0.0,
        );
    }

    #[test]
    fn like_the_librarys_with_padding_and_stride() {
        for (i, (shape, fh, fw, s, p)) in CASES.into_iter().enumerate() {
            let x = images(shape, 10 + i as u64);
            let yours = im2col(x.view(), fh, fw, s, p).into_dyn();
            let library = dlfs::im2col::im2col(x.view(), fh, fw, s, p).into_dyn();
            let what = format!("im2col of {shape:?}, {fh}×{fw} filter, stride {s}, pad {p}");
            expect_array(&what, &yours, &library, 0.0);
        }
    }
}

mod col2im {
    use super::check::expect_close;
    use super::layers::{expect_array, input};
    use super::{CASES, images};
    use exercises::ch07::col2im::col2im;
    use ndarray::Array2;

    #[test]
    fn overlapping_windows_add_up() {
        // a col of ones for a 4×4 image, 3×3 windows, stride 1, pad 1: each pixel collects
        // one 1 per window that covers it
        let dx = col2im(
            Array2::<f64>::ones((16, 9)).view(),
            (1, 1, 4, 4),
            3,
            3,
            1,
            1,
        );
        let got = [dx[[0, 0, 0, 0]], dx[[0, 0, 0, 1]], dx[[0, 0, 1, 1]]];
        expect_close(
            "col2im of ones at a corner, an edge, inside",
            &got,
            &[4.0, 6.0, 9.0],
            0.0,
        );
    }

    #[test]
    fn like_the_librarys_with_padding_and_stride() {
        for (i, (shape, fh, fw, s, p)) in CASES.into_iter().enumerate() {
            let rows = dlfs::im2col::im2col(images(shape, 1).view(), fh, fw, s, p).nrows();
            let col = input(&[rows, shape.1 * fh * fw], 20 + i as u64);
            let col = col.into_dimensionality().expect("2-D");
            let yours = col2im(col.view(), shape, fh, fw, s, p).into_dyn();
            let library = dlfs::im2col::col2im(col.view(), shape, fh, fw, s, p).into_dyn();
            let what = format!("col2im to {shape:?}, {fh}×{fw} filter, stride {s}, pad {p}");
            expect_array(&what, &yours, &library, 1e-12);
        }
    }

    #[test]
    fn is_the_adjoint_of_im2col() {
        // Σ im2col(x) ⊙ col = Σ x ⊙ col2im(col)
        for (i, (shape, fh, fw, s, p)) in CASES.into_iter().enumerate() {
            let x = images(shape, 30 + i as u64);
            let col_x = dlfs::im2col::im2col(x.view(), fh, fw, s, p);
            let col = input(&[col_x.nrows(), col_x.ncols()], 40 + i as u64);
            let col = col.into_dimensionality::<ndarray::Ix2>().expect("2-D");
            let left = (&col_x * &col).sum();
            let right = (&x * &col2im(col.view(), shape, fh, fw, s, p)).sum();
            let what = format!("Σ x ⊙ col2im(col) for {shape:?}, {fh}×{fw}, stride {s}, pad {p}");
            expect_close(&what, &[right], &[left], 1e-9);
        }
    }
}

mod convolution {
    use super::layers::{expect_array, expect_gradients, forward_backward, input};
    use dlfs::Param;
    use exercises::ch07::convolution::Convolution;

    /// Yours and the library's with the same filters `filters` (FN, C, FH, FW) and bias.
    fn pair(
        filters: [usize; 4],
        stride: usize,
        pad: usize,
        seed: u64,
    ) -> (Convolution<f64>, dlfs::layers::Convolution<f64>) {
        let w = Param::new("W1", input(&filters, seed), true);
        let b = Param::new("b1", input(&filters[..1], seed + 1), false);
        let library = dlfs::layers::Convolution::new(w.clone(), b.clone(), stride, pad);
        (Convolution::new(w, b, stride, pad), library)
    }

    #[test]
    fn like_the_librarys_forward_and_backward() {
        // (x shape, filters, stride, pad)
        let cases: [([usize; 4], [usize; 4], usize, usize); 3] = [
            ([2, 3, 7, 7], [4, 3, 3, 3], 1, 0),
            ([2, 3, 7, 7], [4, 3, 3, 3], 2, 1),
            ([3, 1, 8, 6], [5, 1, 4, 2], 2, 2),
        ];
        for (i, (x_shape, filters, stride, pad)) in cases.into_iter().enumerate() {
            let seed = 10 * i as u64;
            let (mut yours, mut library) = pair(filters, stride, pad, seed);
            let x = input(&x_shape, seed + 2);
            let out_shape =
                dlfs::layers::Layer::forward(&mut library.clone(), x.clone(), dlfs::Mode::Train);
            let dout = input(out_shape.shape(), seed + 3);
            let (out, dx) = forward_backward(&mut yours, &x, &dout);
            let (lib_out, lib_dx) = forward_backward(&mut library, &x, &dout);
            let what = format!("Convolution {filters:?} stride {stride} pad {pad} on {x_shape:?}");
            expect_array(&format!("{what}: out"), &out, &lib_out, 1e-9);
            expect_array(&format!("{what}: dx"), &dx, &lib_dx, 1e-9);
            expect_array(&format!("{what}: dW"), &yours.w.grad, &library.w.grad, 1e-9);
            expect_array(&format!("{what}: db"), &yours.b.grad, &library.b.grad, 1e-9);
        }
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        let (mut yours, _) = pair([3, 2, 3, 3], 1, 1, 50);
        expect_gradients("Convolution", &mut yours, &input(&[2, 2, 5, 5], 51));
        let (mut yours, _) = pair([2, 3, 2, 2], 2, 0, 52);
        expect_gradients("Convolution", &mut yours, &input(&[2, 3, 6, 6], 53));
    }
}

mod pooling {
    use super::layers::{expect_array, expect_gradients, forward_backward, input};
    use exercises::ch07::pooling::Pooling;
    use ndarray::{ArrayD, IxDyn};
    use rand::SeedableRng;
    use rand::seq::SliceRandom;

    /// Distinct values 0.03 apart, shuffled: no two in a window are within a nudge of each
    /// other, so the max of every window is clear.
    fn distinct(shape: &[usize], seed: u64) -> ArrayD<f64> {
        let len = shape.iter().product::<usize>();
        let mut values: Vec<f64> = (0..len).map(|k| k as f64 * 0.03 - 1.0).collect();
        values.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
        ArrayD::from_shape_vec(IxDyn(shape), values).expect("len values")
    }

    #[test]
    fn forward_by_hand() {
        let x = ndarray::array![[[
            [1.0, 2.0, 0.0, 1.0],
            [3.0, 0.0, 4.0, 2.0],
            [0.0, 1.0, 1.0, 0.0],
            [2.0, 5.0, 0.0, 3.0]
        ]]]
        .into_dyn();
        let dout = ndarray::array![[[[10.0, 20.0], [30.0, 40.0]]]].into_dyn();
        let (out, dx) = forward_backward(&mut Pooling::new(2, 2, 2, 0), &x, &dout);
        let expected = ndarray::array![[[[3.0, 4.0], [5.0, 3.0]]]].into_dyn();
        expect_array("2×2 max pooling of a 4×4 image", &out, &expected, 0.0);
        let expected = ndarray::array![[[
            [0.0, 0.0, 0.0, 0.0],
            [10.0, 0.0, 20.0, 0.0],
            [0.0, 0.0, 0.0, 0.0],
            [0.0, 30.0, 0.0, 40.0]
        ]]]
        .into_dyn();
        expect_array("dx: each dout at its window's max", &dx, &expected, 0.0);
    }

    #[test]
    fn like_the_librarys_forward_and_backward() {
        // (x shape, pool, stride)
        let cases: [([usize; 4], usize, usize); 3] = [
            ([2, 3, 6, 6], 2, 2),
            ([1, 2, 7, 7], 3, 1),
            ([2, 2, 9, 8], 3, 2),
        ];
        for (i, (x_shape, pool, stride)) in cases.into_iter().enumerate() {
            let x = input(&x_shape, i as u64);
            let mut library = dlfs::layers::Pooling::new(pool, pool, stride, 0);
            let out = dlfs::layers::Layer::forward(&mut library, x.clone(), dlfs::Mode::Train);
            let dout = input(out.shape(), 10 + i as u64);
            let (lib_out, lib_dx) = forward_backward(&mut library, &x, &dout);
            let (out, dx) = forward_backward(&mut Pooling::new(pool, pool, stride, 0), &x, &dout);
            let what = format!("{pool}×{pool} max pooling, stride {stride}, of {x_shape:?}");
            expect_array(&format!("{what}: out"), &out, &lib_out, 0.0);
            expect_array(&format!("{what}: dx"), &dx, &lib_dx, 1e-12);
        }
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        expect_gradients(
            "Pooling 2×2",
            &mut Pooling::new(2, 2, 2, 0),
            &distinct(&[2, 3, 4, 4], 1),
        );
        expect_gradients(
            "Pooling 3×3 stride 1",
            &mut Pooling::new(3, 3, 1, 0),
            &distinct(&[1, 2, 5, 5], 2),
        );
    }
}
