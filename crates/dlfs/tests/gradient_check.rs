//! Every layer's backward against numerical differentiation, in f64, on several shapes.

use dlfs::Mode;
use dlfs::gradient::check_layer;
use dlfs::layers::{Affine, Layer, Relu, Sigmoid};
use ndarray::{Array1, ArrayD, IxDyn};
use rand::SeedableRng;
use rand::rngs::StdRng;

const TOLERANCE: f64 = 1e-6;

fn assert_checks(layer: &mut dyn Layer<f64>, x: &ArrayD<f64>, rng: &mut StdRng) {
    for check in check_layer(layer, x, rng) {
        println!(
            "{} {:?} {}: relative error {:e}",
            layer.name(),
            x.shape(),
            check.name,
            check.relative_error
        );
        assert!(
            check.relative_error <= TOLERANCE,
            "{} on {:?}: d{} relative error {:e} > {TOLERANCE:e}",
            layer.name(),
            x.shape(),
            check.name,
            check.relative_error
        );
    }
}

/// N(0, 1) inputs kept at least 0.01 from 0, where ReLU has its kink.
fn input(shape: &[usize], rng: &mut StdRng) -> ArrayD<f64> {
    dlfs::float::randn::<f64, _>(IxDyn(shape), rng).mapv(|v| {
        if v.abs() < 0.01 {
            v.signum() * 0.05 + v
        } else {
            v
        }
    })
}

#[test]
fn relu_backward_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(1);
    for shape in [&[1, 1][..], &[4, 7], &[3, 2, 5, 5]] {
        assert_checks(&mut Relu::new(), &input(shape, &mut rng), &mut rng);
    }
}

#[test]
fn sigmoid_backward_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(2);
    for shape in [&[1, 1][..], &[5, 3], &[2, 3, 4, 4]] {
        assert_checks(&mut Sigmoid::new(), &input(shape, &mut rng), &mut rng);
    }
}

#[test]
fn affine_backward_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(3);
    // (input shape, output size): plain rows, one sample, and an image batch flattened to rows.
    for (shape, m) in [(&[4, 6][..], 3), (&[1, 5], 1), (&[3, 2, 3, 3], 4)] {
        let d: usize = shape[1..].iter().product();
        let mut layer = Affine::<f64>::init(1, d, m, 1.0, &mut rng);
        layer.b.value = dlfs::float::randn::<f64, _>(m, &mut rng).into_dyn();
        assert_checks(&mut layer, &input(shape, &mut rng), &mut rng);
    }
}

#[test]
fn softmax_with_loss_backward_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(4);
    for (n, k) in [(1, 3), (5, 10), (8, 4)] {
        let t: Array1<usize> = (0..n).map(|i| (i * 7 + 3) % k).collect();
        // The loss is -log(y_t + 1e-7), whose gradient differs from backward's exact (y - t)/N by a
        // relative 1e-7/y_t: a right answer moves y_t away from 0 so the check measures backward.
        let mut x = input(&[n, k], &mut rng);
        for (i, &k) in t.iter().enumerate() {
            x[[i, k]] += 2.0;
        }
        let mut layer = dlfs::layers::SoftmaxWithLoss::<f64>::new();
        layer.forward(x.clone(), t.view());
        let backprop = layer.backward();
        let numerical =
            dlfs::gradient::numerical_gradient(|x| layer.forward(x.clone(), t.view()), &mut x);
        let err = dlfs::gradient::relative_error(&numerical, &backprop);
        println!("SoftmaxWithLoss ({n}, {k}): relative error {err:e}");
        assert!(
            err <= TOLERANCE,
            "SoftmaxWithLoss ({n}, {k}): relative error {err:e}"
        );
    }
}

#[test]
fn two_layer_net_gradient_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(5);
    let mut net = dlfs::net::TwoLayerNet {
        input_size: 12,
        hidden_size: 6,
        output_size: 4,
        weight_init_std: 0.3,
    }
    .build::<f64>(&mut rng);
    let x = input(&[5, 12], &mut rng);
    let t = ndarray::arr1(&[0usize, 3, 1, 2, 3]);
    let numerical = net.numerical_gradient(&x, t.view(), Mode::Train);
    net.gradient(x.clone(), t.view());
    // The whole net's loss carries the 1e-7 guard of -log(y_t + 1e-7) (see the SoftmaxWithLoss
    // check), a relative bias of about 1e-7 / y_t ≈ 4e-7 here, which the chain passes to every
    // parameter: 1e-5 bounds it with room, and a wrong backward gives errors near 1.
    for (p, num) in net.params().iter().zip(&numerical) {
        let err = dlfs::gradient::relative_error(num, &p.grad);
        println!("{}: relative error {err:e}", p.name);
        assert!(err <= 1e-5, "{}: relative error {err:e}", p.name);
    }
}
