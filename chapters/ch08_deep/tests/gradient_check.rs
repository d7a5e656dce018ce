//! Backpropagation through a whole (tiny) DeepConvNet against numerical differentiation, in
//! f64: six convolutions with padding 1 and 2, three poolings, two Affines, two Dropouts.

use dlfs::layers::{Dropout, Layer, Mode};
use dlfs::net::{ConvParam, DeepConvNet};
use ndarray::{ArrayD, IxDyn};
use rand::SeedableRng;
use rand::rngs::StdRng;

fn conv3x3(filter_num: usize, pad: usize) -> ConvParam {
    ConvParam {
        filter_num,
        filter_size: 3,
        pad,
        stride: 1,
    }
}

#[test]
fn a_tiny_deep_convnet_matches_numerical_gradients() {
    // 8x8 images: 8 → 8 → 4 (pool) → 4 → 6 (pad 2) → 3 (pool) → 3 → 3 → 1 (pool)
    let config = DeepConvNet {
        input_dim: (1, 8, 8),
        conv_params: [
            conv3x3(2, 1),
            conv3x3(2, 1),
            conv3x3(3, 1),
            conv3x3(3, 2),
            conv3x3(4, 1),
            conv3x3(4, 1),
        ],
        hidden_size: 6,
        output_size: 3,
        dropout_ratio: 0.5,
    };
    assert_eq!(config.flat_size(), 4);
    let mut rng = StdRng::seed_from_u64(5);
    let mut net = config.build::<f64>(&mut rng);
    let n = 2;
    // Dropout draws a new mask on every forward; the check needs one fixed mask per layer
    for (i, width) in [(17, config.hidden_size), (19, config.output_size)] {
        assert_eq!(net.layers[i].name(), "Dropout");
        let mut dropout = Dropout::new(0.5, &mut rng);
        let _: ArrayD<f64> = dropout.forward(ArrayD::zeros(IxDyn(&[n, width])), Mode::Train);
        dropout.freeze_mask(true);
        net.layers[i] = Box::new(dropout);
    }
    let x = dlfs::float::randn::<f64, _>((n, 1, 8, 8), &mut rng).into_dyn();
    let t = ndarray::arr1(&[2usize, 0]);

    let numerical = net.numerical_gradient(&x, t.view(), Mode::Train);
    net.gradient(x, t.view());
    for (p, g) in net.params().iter().zip(&numerical) {
        let err = dlfs::gradient::relative_error(&p.grad, g);
        println!("{}: relative error {err:.2e}", p.name);
        // the loss's 1e-7 log guard biases the numerical gradient by about a relative 1e-6; a
        // wrong backward (or a ReLU or max kink within the 1e-4 nudge) is off by far more
        assert!(err <= 1e-6, "{}: {err:e}", p.name);
    }
}
