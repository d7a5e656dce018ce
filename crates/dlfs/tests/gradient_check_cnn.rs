//! Convolution and Pooling backward against numerical differentiation, in f64, on shapes that
//! exercise every index path: several channels, non-square images, stride 2, padding, odd sizes.

use dlfs::gradient::check_layer;
use dlfs::layers::{Convolution, Layer, Pooling};
use dlfs::net::{ConvParam, SimpleConvNet};
use dlfs::{Mode, Tensor};
use ndarray::{Array4, IxDyn};
use rand::SeedableRng;
use rand::rngs::StdRng;

const TOLERANCE: f64 = 1e-6;

fn input(shape: (usize, usize, usize, usize), rng: &mut StdRng) -> Tensor<f64> {
    dlfs::float::randn::<f64, _>(shape, rng).into_dyn()
}

fn assert_close(what: &str, checks: &[dlfs::gradient::GradCheck<f64>]) {
    for c in checks {
        println!("{what} {}: relative error {:.2e}", c.name, c.relative_error);
        assert!(
            c.relative_error <= TOLERANCE,
            "{what}: gradient of {} is off by {:e}",
            c.name,
            c.relative_error
        );
    }
}

#[test]
fn convolution_backward_matches_numerical_gradients() {
    let mut rng = StdRng::seed_from_u64(7);
    // (N, C, H, W), (FN, FH, FW), stride, pad
    let cases = [
        ((2, 1, 6, 6), (3, 3, 3), 1, 0),
        ((2, 3, 5, 7), (4, 3, 3), 1, 0), // multi-channel, non-square image
        ((3, 2, 7, 6), (2, 3, 2), 2, 0), // stride 2, non-square filter
        ((2, 2, 5, 5), (3, 3, 3), 1, 1), // padding 1
        ((1, 3, 7, 9), (2, 3, 3), 2, 1), // stride 2 and padding 1, odd sizes
        ((5, 1, 9, 9), (2, 5, 5), 1, 2), // more images than one task, padding 2
    ];
    for ((n, c, h, w), (filter_num, fh, fw), stride, pad) in cases {
        let mut conv =
            Convolution::<f64>::init(1, (filter_num, c, fh, fw), stride, pad, 0.5, &mut rng);
        let x = input((n, c, h, w), &mut rng);
        let what = format!(
            "conv x {:?} W {:?} s{stride} p{pad}",
            (n, c, h, w),
            (filter_num, c, fh, fw)
        );
        // a nonzero bias, so that the check sees b's gradient through a realistic output
        conv.b.value.mapv_inplace(|_| 0.1);
        assert_close(&what, &check_layer(&mut conv, &x, &mut rng));
    }
}

#[test]
fn pooling_backward_matches_numerical_gradients() {
    let mut rng = StdRng::seed_from_u64(8);
    // (N, C, H, W), (PH, PW), stride, pad
    let cases = [
        ((2, 3, 4, 4), (2, 2), 2, 0), // the book's pooling
        ((2, 2, 5, 7), (2, 2), 2, 0), // odd sizes: the last row/column is never covered
        ((1, 3, 6, 5), (3, 2), 1, 0), // overlapping windows
        ((2, 1, 5, 5), (3, 3), 2, 1), // padding 1
        ((6, 2, 4, 6), (2, 3), 2, 0), // more images than one task
    ];
    for (shape, (ph, pw), stride, pad) in cases {
        let mut pool = Pooling::new(ph, pw, stride, pad);
        // distinct values, away from ties, so the arg max is stable under ±1e-4 nudges
        let mut x = input(shape, &mut rng);
        for (i, v) in x.iter_mut().enumerate() {
            *v += i as f64 * 1e-2;
        }
        let what = format!("pool x {shape:?} {ph}x{pw} s{stride} p{pad}");
        assert_close(&what, &check_layer(&mut pool, &x, &mut rng));
    }
}

#[test]
fn convolution_skips_dx_for_the_first_layer() {
    let mut rng = StdRng::seed_from_u64(9);
    let mut conv = Convolution::<f64>::init(1, (2, 1, 3, 3), 1, 0, 0.1, &mut rng);
    let x = input((2, 1, 5, 5), &mut rng);
    let out = conv.forward(x.clone(), Mode::Train);
    let dx = conv.backward(out.clone());
    let dw = conv.w.grad.clone();
    conv.set_needs_dx(false);
    conv.forward(x, Mode::Train);
    assert_eq!(conv.backward(out).shape(), [0], "no dx");
    assert_eq!(conv.w.grad, dw, "dW is the same");
    assert_eq!(dx.shape(), [2, 1, 5, 5]);
}

#[test]
fn convolution_matches_a_direct_loop() {
    // out[n, f, oy, ox] = Σ W[f, c, fy, fx] x[n, c, oy·S + fy − P, ox·S + fx − P] + b[f]
    let mut rng = StdRng::seed_from_u64(10);
    let (n, c, h, w, filter_num, fh, fw, s, p) = (3, 2, 6, 5, 3, 3, 2, 2, 1);
    let mut conv = Convolution::<f64>::init(1, (filter_num, c, fh, fw), s, p, 1.0, &mut rng);
    conv.b.value = ndarray::arr1(&[0.5, -1.0, 2.0]).into_dyn();
    let x = input((n, c, h, w), &mut rng);
    let out = conv.forward(x.clone(), Mode::Test);
    let (oh, ow) = ((h + 2 * p - fh) / s + 1, (w + 2 * p - fw) / s + 1);
    assert_eq!(out.shape(), [n, filter_num, oh, ow]);
    let wv = &conv.w.value;
    let direct = Array4::from_shape_fn((n, filter_num, oh, ow), |(i, f, oy, ox)| {
        let mut sum = conv.b.value[[f]];
        for ch in 0..c {
            for fy in 0..fh {
                for fx in 0..fw {
                    let iy = (oy * s + fy) as isize - p as isize;
                    let ix = (ox * s + fx) as isize - p as isize;
                    if (0..h as isize).contains(&iy) && (0..w as isize).contains(&ix) {
                        sum += wv[IxDyn(&[f, ch, fy, fx])]
                            * x[IxDyn(&[i, ch, iy as usize, ix as usize])];
                    }
                }
            }
        }
        sum
    });
    approx::assert_abs_diff_eq!(out, direct.into_dyn(), epsilon = 1e-12);
    // training mode computes the same output
    approx::assert_abs_diff_eq!(conv.forward(x, Mode::Train), out, epsilon = 0.0);
}

#[test]
fn pooling_takes_the_maximum_of_each_window() {
    let x = ndarray::Array::from_shape_vec(
        (1, 1, 4, 4),
        vec![
            1.0, 2.0, 0.0, 1.0, //
            4.0, 3.0, 1.0, 2.0, //
            0.0, 0.0, 5.0, 5.0, //
            -1.0, 6.0, 5.0, 0.0,
        ],
    )
    .unwrap()
    .into_dyn();
    let mut pool = Pooling::new(2, 2, 2, 0);
    let out = Layer::<f64>::forward(&mut pool, x, Mode::Train);
    assert_eq!(
        out.iter().copied().collect::<Vec<_>>(),
        [4.0, 2.0, 6.0, 5.0]
    );
    // the gradient goes to the first maximum of each window only
    let dx = pool.backward(ndarray::Array::from_elem(IxDyn(&[1, 1, 2, 2]), 1.0));
    let expected = [
        0., 0., 0., 0., //
        1., 0., 0., 1., //
        0., 0., 1., 0., //
        0., 1., 0., 0.,
    ];
    assert_eq!(dx.iter().copied().collect::<Vec<_>>(), expected);
}

/// The smallest distance of `values` from a kink: from 0 (ReLU) and, when `pool` is given,
/// between the two largest values of each `pool` × `pool` window.
fn kink_margin(values: &Tensor<f64>, pool: Option<usize>) -> f64 {
    let mut margin = values.iter().fold(f64::INFINITY, |m, v| m.min(v.abs()));
    if let Some(p) = pool {
        let v = values.view().into_dimensionality::<ndarray::Ix4>().unwrap();
        let (n, c, h, w) = v.dim();
        for (i, ch, oy, ox) in positions(n, c, h / p, w / p) {
            let mut win: Vec<f64> = (0..p * p)
                .map(|k| v[[i, ch, oy * p + k / p, ox * p + k % p]].max(0.0))
                .collect();
            win.sort_by(|a, b| b.total_cmp(a));
            if win[0] > 0.0 {
                margin = margin.min(win[0] - win[1]);
            }
        }
    }
    margin
}

fn positions(
    a: usize,
    b: usize,
    c: usize,
    d: usize,
) -> impl Iterator<Item = (usize, usize, usize, usize)> {
    (0..a).flat_map(move |i| {
        (0..b).flat_map(move |j| (0..c).flat_map(move |k| (0..d).map(move |l| (i, j, k, l))))
    })
}

#[test]
fn the_books_small_simple_convnet_gradient_check() {
    // the book's gradient_check.py for ch07: input (1, 10, 10), 10 filters 3x3, hidden 10,
    // one image of uniform noise
    let mut rng = StdRng::seed_from_u64(1);
    let mut net = SimpleConvNet {
        input_dim: (1, 10, 10),
        conv_param: ConvParam {
            filter_num: 10,
            filter_size: 3,
            pad: 0,
            stride: 1,
        },
        hidden_size: 10,
        output_size: 10,
        weight_init_std: 0.01,
    }
    .build::<f64>(&mut rng);
    // Central differences nudge each weight by h = 1e-4, which moves a conv output by up to
    // 1e-4. With the book's W1 (std 0.01) some output is almost always that close to 0 (ReLU's
    // kink) or to its pooling neighbour (max's kink), and there the numerical gradient is wrong,
    // not backprop. Filters with std 1 keep every output well away from the kinks (checked
    // below), so the comparison is exact to rounding.
    net.params_mut()[0].value.mapv_inplace(|w| w * 100.0);
    let x = ndarray::Array::from_shape_fn((1, 1, 10, 10), |(_, _, i, j)| {
        ((i * 10 + j) as f64 * 0.618).fract()
    })
    .into_dyn();
    let t = ndarray::arr1(&[1usize]);
    let conv_out = net.layers[0].forward(x.clone(), Mode::Test);
    let margin = kink_margin(&conv_out, Some(2));
    assert!(margin > 1e-3, "a conv output is {margin:e} from a kink");
    let relu_out = net.layers[1].forward(conv_out, Mode::Test);
    let pooled = net.layers[2].forward(relu_out, Mode::Test);
    let hidden = net.layers[3].forward(pooled, Mode::Test);
    let margin = kink_margin(&hidden, None);
    assert!(
        margin > 1e-3,
        "a hidden value is {margin:e} from ReLU's kink"
    );

    let numerical = net.numerical_gradient(&x, t.view(), Mode::Train);
    net.gradient(x, t.view());
    for (p, g) in net.params().iter().zip(&numerical) {
        let err = dlfs::gradient::relative_error(&p.grad, g);
        let diff = dlfs::gradient::mean_abs_diff(&p.grad, g);
        println!(
            "{}: relative error {err:.2e}, mean |diff| {diff:.2e}",
            p.name
        );
        // the loss's 1e-7 log guard biases the numerical gradient by about 1e-7 / y_t ≈ 1e-6
        // (relative, per element) for an untrained net; a wrong backward is off by far more
        assert!(err <= TOLERANCE, "{}: {err:e}", p.name);
    }
}
