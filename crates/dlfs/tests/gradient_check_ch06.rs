//! The layers of chapter 6 (Dropout, BatchNormalization) and the nets built from them, against
//! numerical differentiation in f64, on batches of several samples.

use dlfs::Mode;
use dlfs::gradient::{check_layer, relative_error};
use dlfs::layers::{Affine, BatchNormalization, Dropout, Layer, Relu};
use dlfs::net::{Activation, MultiLayerNetExtend, Sequential, WeightInit};
use ndarray::{Array1, ArrayD, IxDyn};
use rand::SeedableRng;
use rand::rngs::StdRng;

const TOLERANCE: f64 = 1e-6;

fn assert_checks(layer: &mut dyn Layer<f64>, x: &ArrayD<f64>, rng: &mut StdRng) {
    let checks = check_layer(layer, x, rng);
    for check in checks {
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

fn randn(shape: &[usize], rng: &mut StdRng) -> ArrayD<f64> {
    dlfs::float::randn::<f64, _>(IxDyn(shape), rng)
}

#[test]
fn batch_norm_backward_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(11);
    // rows of features, and images flattened to C·H·W features, with inputs off-centre and
    // spread unevenly so that the mean and variance terms of backward matter
    for shape in [&[4, 5][..], &[10, 3], &[16, 7], &[3, 2, 3, 3]] {
        let d: usize = shape[1..].iter().product();
        let mut layer = BatchNormalization::<f64>::new(1, d);
        layer.gamma.value = randn(&[d], &mut rng);
        layer.beta.value = randn(&[d], &mut rng);
        let x = randn(shape, &mut rng).mapv(|v| 3.0 * v + 1.5);
        assert_checks(&mut layer, &x, &mut rng);
    }
}

#[test]
fn dropout_backward_matches_numerical_with_a_fixed_mask() {
    let mut rng = StdRng::seed_from_u64(12);
    for (shape, ratio) in [(&[6, 8][..], 0.5), (&[4, 3, 2, 2], 0.2)] {
        let mut layer = Dropout::new(ratio, &mut rng);
        let x = randn(shape, &mut rng);
        let y: ArrayD<f64> = layer.forward(x.clone(), Mode::Train); // draws the mask
        assert!(y.iter().any(|&v| v == 0.0) && y.iter().any(|&v| v != 0.0));
        layer.freeze_mask(true);
        assert_checks(&mut layer, &x, &mut rng);
    }
}

/// The loss of a whole net carries the 1e-7 guard of -log(y_t + 1e-7), a relative bias of about
/// 1e-7 / y_t that the chain passes to every parameter (see gradient_check.rs): 1e-5 bounds it
/// with room, while a wrong backward gives errors near 1.
const NET_TOLERANCE: f64 = 1e-5;

fn assert_net_checks(net: &mut Sequential<f64>, x: &ArrayD<f64>, t: &Array1<usize>) {
    let numerical = net.numerical_gradient(x, t.view(), Mode::Train);
    net.gradient(x.clone(), t.view());
    for (p, num) in net.params().iter().zip(&numerical) {
        let largest = |a: &ArrayD<f64>| a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if largest(num) < 1e-9 && largest(&p.grad) < 1e-12 {
            // A bias just before BatchNormalization: the mean subtraction removes any shift,
            // so its true gradient is 0; both sides are rounding noise (the numerical one at
            // 1e-16 / 2h), and their relative error means nothing.
            println!(
                "{}: both zero ({:e}, {:e})",
                p.name,
                largest(num),
                largest(&p.grad)
            );
            continue;
        }
        let err = relative_error(num, &p.grad);
        println!("{}: relative error {err:e}", p.name);
        assert!(err <= NET_TOLERANCE, "{}: relative error {err:e}", p.name);
    }
}

#[test]
fn multi_layer_net_extend_with_batch_norm_and_weight_decay_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(13);
    for activation in [Activation::Relu, Activation::Sigmoid] {
        let mut net = MultiLayerNetExtend {
            input_size: 12,
            hidden_size_list: vec![7, 6],
            output_size: 4,
            activation,
            weight_init: WeightInit::Std(0.5),
            weight_decay_lambda: 0.1,
            use_batchnorm: true,
            ..Default::default()
        }
        .build::<f64>(&mut rng);
        let names: Vec<_> = net.params().iter().map(|p| p.name.clone()).collect();
        assert!(names.contains(&"gamma2".to_string()) && names.contains(&"beta1".to_string()));
        let x = randn(&[6, 12], &mut rng);
        let t = ndarray::arr1(&[0usize, 3, 1, 2, 3, 0]);
        assert_net_checks(&mut net, &x, &t);
    }
}

#[test]
fn net_with_batch_norm_and_frozen_dropout_matches_numerical() {
    let mut rng = StdRng::seed_from_u64(14);
    let x = randn(&[5, 9], &mut rng);
    let t = ndarray::arr1(&[1usize, 0, 2, 2, 1]);
    let mut dropout = Dropout::new(0.3, &mut rng);
    // draw the mask for this batch's (5, 8) activations, then keep it
    let _: ArrayD<f64> = dropout.forward(ArrayD::zeros(IxDyn(&[5, 8])), Mode::Train);
    dropout.freeze_mask(true);
    let layers: Vec<Box<dyn Layer<f64>>> = vec![
        Box::new(Affine::init(1, 9, 8, 0.5, &mut rng)),
        Box::new(BatchNormalization::new(1, 8)),
        Box::new(Relu::new()),
        Box::new(dropout),
        Box::new(Affine::init(2, 8, 3, 0.5, &mut rng)),
    ];
    let mut net = Sequential::new(layers);
    net.weight_decay_lambda = 0.05;
    assert_net_checks(&mut net, &x, &t);
}
