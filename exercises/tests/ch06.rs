//! Checks for chapter 6's exercises: one module per exercise (`learn` groups tests by it).
#![cfg(feature = "check")]

mod check;
mod layers;

/// What the optimizer checks share: the book's one-weight function and a run beside the
/// library's optimizer.
mod steps {
    use super::layers::{expect_array, input};
    use dlfs::Param;
    use dlfs::optimizer::Optimizer;

    /// Two updates of one weight w0 on f(w) = w²/2, whose gradient is w: (w after 1, after 2).
    pub fn two_steps(opt: &mut dyn Optimizer<f64>, w0: f64) -> [f64; 2] {
        let mut p = Param::new("W1", ndarray::arr1(&[w0]).into_dyn(), true);
        let mut out = [0.0; 2];
        for o in &mut out {
            p.grad = p.value.clone(); // ∂(w²/2)/∂w = w
            opt.update(vec![&mut p]);
            *o = p.value[0];
        }
        out
    }

    /// Five updates of two parameters (3, 4) and (4,) with the same random gradients, by
    /// `yours` and by the library's `library`: the values must agree after every step.
    #[track_caller]
    pub fn like_the_library(
        name: &str,
        yours: &mut dyn Optimizer<f64>,
        library: &mut dyn Optimizer<f64>,
    ) {
        let params = || {
            vec![
                Param::new("W1", input(&[3, 4], 1), true),
                Param::new("b1", input(&[4], 2), false),
            ]
        };
        let (mut a, mut b) = (params(), params());
        for step in 1..=5 {
            for (i, (pa, pb)) in a.iter_mut().zip(&mut b).enumerate() {
                let grad = input(pa.value.shape(), 10 * step + i as u64);
                pa.grad = grad.clone();
                pb.grad = grad;
            }
            yours.update(a.iter_mut().collect());
            library.update(b.iter_mut().collect());
            for (pa, pb) in a.iter().zip(&b) {
                let what = format!("{name}: {} after update {step}", pa.name);
                expect_array(&what, &pa.value, &pb.value, 1e-9);
            }
        }
    }
}

mod sgd {
    use super::check::expect_close;
    use super::steps::{like_the_library, two_steps};
    use exercises::ch06::sgd::Sgd;

    #[test]
    fn two_steps_by_hand() {
        // w1 = 1 - 0.1·1 = 0.9; w2 = 0.9 - 0.1·0.9 = 0.81
        let w = two_steps(&mut Sgd::new(0.1), 1.0);
        expect_close(
            "SGD (lr 0.1) on w²/2 from w = 1, two steps",
            &w,
            &[0.9, 0.81],
            1e-12,
        );
    }

    #[test]
    fn steps_like_the_librarys_sgd() {
        let library = &mut dlfs::optimizer::Sgd::new(0.05);
        like_the_library("SGD", &mut Sgd::new(0.05), library);
    }
}

mod momentum {
    use super::check::expect_close;
    use super::steps::{like_the_library, two_steps};
    use exercises::ch06::momentum::Momentum;

    #[test]
    fn two_steps_by_hand() {
        // v1 = -0.1, w1 = 0.9; v2 = 0.9·(-0.1) - 0.1·0.9 = -0.18, w2 = 0.72
        let w = two_steps(&mut Momentum::new(0.1), 1.0);
        expect_close(
            "Momentum (lr 0.1) on w²/2 from w = 1",
            &w,
            &[0.9, 0.72],
            1e-12,
        );
    }

    #[test]
    fn steps_like_the_librarys_momentum() {
        let library = &mut dlfs::optimizer::Momentum::new(0.05);
        like_the_library("Momentum", &mut Momentum::new(0.05), library);
    }
}

mod nesterov {
    use super::check::expect_close;
    use super::steps::{like_the_library, two_steps};
    use exercises::ch06::nesterov::Nesterov;

    #[test]
    fn two_steps_by_hand() {
        // w1 = 1 + 0.81·0 - 1.9·0.1·1 = 0.81; v1 = -0.1
        // w2 = 0.81 + 0.81·(-0.1) - 1.9·0.1·0.81 = 0.5751
        let w = two_steps(&mut Nesterov::new(0.1), 1.0);
        expect_close(
            "Nesterov (lr 0.1) on w²/2 from w = 1",
            &w,
            &[0.81, 0.5751],
            1e-12,
        );
    }

    #[test]
    fn steps_like_the_librarys_nesterov() {
        let library = &mut dlfs::optimizer::Nesterov::new(0.05);
        like_the_library("Nesterov", &mut Nesterov::new(0.05), library);
    }
}

mod adagrad {
    use super::check::expect_close;
    use super::steps::{like_the_library, two_steps};
    use exercises::ch06::adagrad::AdaGrad;

    #[test]
    fn two_steps_by_hand() {
        // h1 = 1, w1 = 1 - 0.1·1/1 = 0.9; h2 = 1 + 0.81 = 1.81, w2 = 0.9 - 0.1·0.9/√1.81
        let w = two_steps(&mut AdaGrad::new(0.1), 1.0);
        let expected = [0.9, 0.9 - 0.09 / 1.81f64.sqrt()];
        expect_close("AdaGrad (lr 0.1) on w²/2 from w = 1", &w, &expected, 1e-6);
    }

    #[test]
    fn steps_like_the_librarys_adagrad() {
        let library = &mut dlfs::optimizer::AdaGrad::new(0.05);
        like_the_library("AdaGrad", &mut AdaGrad::new(0.05), library);
    }
}

mod rmsprop {
    use super::check::expect_close;
    use super::steps::{like_the_library, two_steps};
    use exercises::ch06::rmsprop::RmsProp;

    #[test]
    fn two_steps_by_hand() {
        // lr 0.01: h1 = 0.01·1² = 0.01, w1 = 1 - 0.01·1/(√0.01 + 1e-7) ≈ 0.9;
        // h2 = 0.99·0.01 + 0.01·w1², w2 = w1 - 0.01·w1/(√h2 + 1e-7) ≈ 0.8329 (AdaGrad: 0.890)
        let w = two_steps(&mut RmsProp::new(0.01), 1.0);
        let w1 = 1.0 - 0.01 / (0.01f64.sqrt() + 1e-7);
        let h2 = 0.99 * 0.01 + 0.01 * w1 * w1;
        let expected = [w1, w1 - 0.01 * w1 / (h2.sqrt() + 1e-7)];
        expect_close("RMSprop (lr 0.01) on w²/2 from w = 1", &w, &expected, 1e-9);
    }

    #[test]
    fn steps_like_the_librarys_rmsprop() {
        let library = &mut dlfs::optimizer::RmsProp::new(0.05);
        like_the_library("RMSprop", &mut RmsProp::new(0.05), library);
    }
}

mod adam {
    use super::check::expect_close;
    use super::steps::{like_the_library, two_steps};
    use exercises::ch06::adam::Adam;

    #[test]
    fn two_steps_by_hand() {
        // t = 1: lr_t = 0.1·√0.001/0.1, m = 0.1, v = 0.001: the step is 0.1, w1 = 0.9
        // t = 2: m = 0.1 + 0.1·(0.9 - 0.1) = 0.18, v = 0.001 + 0.001·(0.81 - 0.001) = 0.001809
        let w = two_steps(&mut Adam::new(0.1), 1.0);
        let lr_t = 0.1 * (1.0 - 0.999f64.powi(2)).sqrt() / (1.0 - 0.9f64.powi(2));
        let expected = [0.9, 0.9 - lr_t * 0.18 / (0.001809f64.sqrt() + 1e-7)];
        expect_close("Adam (lr 0.1) on w²/2 from w = 1", &w, &expected, 1e-5);
    }

    #[test]
    fn steps_like_the_librarys_adam() {
        let library = &mut dlfs::optimizer::Adam::new(0.01);
        like_the_library("Adam", &mut Adam::new(0.01), library);
    }
}

mod weight_init {
    use super::check::{expect_close, expect_eq};
    use exercises::ch06::weight_init::{he_std, init_weight, xavier_std};
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn the_two_scales() {
        expect_close(
            "xavier_std(100) = √(1/100)",
            &[xavier_std(100)],
            &[0.1],
            1e-12,
        );
        expect_close("he_std(50) = √(2/50)", &[he_std(50)], &[0.2], 1e-12);
        expect_close("he_std(784)", &[he_std(784)], &[0.050_507_627], 1e-6);
    }

    #[test]
    fn a_large_sample_has_the_chosen_spread() {
        let mut rng = StdRng::seed_from_u64(3);
        for (label, std) in [("Xavier", xavier_std(784)), ("He", he_std(784))] {
            let w = init_weight::<f64>(784, 100, std, &mut rng);
            expect_eq("init_weight(784, 100, ..) shape", w.dim(), (784, 100));
            let n = w.len() as f64;
            let mean = w.sum() / n;
            let sample_std = (w.mapv(|v| (v - mean) * (v - mean)).sum() / n).sqrt();
            let what = format!("standard deviation of 78,400 {label} weights");
            expect_close(&what, &[sample_std / std], &[1.0], 0.02);
            let what = format!("mean of 78,400 {label} weights, in standard deviations");
            expect_close(&what, &[mean / std], &[0.0], 0.02);
        }
    }
}

mod dropout {
    use super::check::{expect_close, expect_eq};
    use super::layers::{expect_array, input};
    use dlfs::{Layer, Mode};
    use exercises::ch06::dropout::Dropout;
    use ndarray::{ArrayD, IxDyn, Zip};
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn layer(ratio: f64, seed: u64) -> Dropout {
        Dropout::new(ratio, &mut StdRng::seed_from_u64(seed))
    }

    #[test]
    fn training_drops_about_ratio_of_the_units() {
        let x = ArrayD::<f64>::ones(IxDyn(&[100, 100]));
        let y = layer(0.3, 1).forward(x, Mode::Train);
        let kept = y.iter().filter(|&&v| v == 1.0).count() as f64 / 1e4;
        let zeros = y.iter().filter(|&&v| v == 0.0).count() as f64 / 1e4;
        expect_close(
            "fraction kept of 10,000 ones (ratio 0.3)",
            &[kept],
            &[0.7],
            0.02,
        );
        expect_close("fraction of ones and zeros", &[kept + zeros], &[1.0], 1e-12);
    }

    #[test]
    fn each_forward_draws_a_new_mask() {
        let x = ArrayD::<f64>::ones(IxDyn(&[10, 10]));
        let mut layer = layer(0.5, 2);
        let first = layer.forward(x.clone(), Mode::Train);
        let second = layer.forward(x, Mode::Train);
        expect_eq(
            "two training forwards give the same mask",
            first == second,
            false,
        );
    }

    #[test]
    fn backward_lets_dout_through_where_forward_kept_x() {
        let x = input(&[8, 6], 3);
        let dout = input(&[8, 6], 4);
        let mut layer = layer(0.5, 5);
        let y = layer.forward(x.clone(), Mode::Train);
        let dx = Layer::<f64>::backward(&mut layer, dout.clone());
        let mut expected = dout;
        Zip::from(&mut expected).and(&y).for_each(|d, &y| {
            if y == 0.0 {
                *d = 0.0;
            }
        });
        expect_array(
            "Dropout backward (dout where y ≠ 0, else 0)",
            &dx,
            &expected,
            1e-12,
        );
    }

    #[test]
    fn test_mode_scales_by_one_minus_ratio() {
        let x = input(&[4, 5], 6);
        let y = layer(0.3, 7).forward(x.clone(), Mode::Test);
        expect_array("Dropout (ratio 0.3) in Mode::Test", &y, &(&x * 0.7), 1e-12);
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        // a new layer from the same seed draws the same mask: L(x) = Σ forward(x) ⊙ r is then
        // one fixed function of x, and backward(r) must be its gradient
        let mut x = input(&[5, 4], 8);
        let r = input(&[5, 4], 9);
        let loss = |x: &ArrayD<f64>| (layer(0.4, 10).forward(x.clone(), Mode::Train) * &r).sum();
        let numerical = dlfs::gradient::numerical_gradient(loss, &mut x);
        let mut dropout = layer(0.4, 10);
        dropout.forward(x, Mode::Train);
        let dx = Layer::<f64>::backward(&mut dropout, r.clone());
        expect_array(
            "Dropout dx against the numerical gradient",
            &dx,
            &numerical,
            1e-6,
        );
    }
}

mod batch_norm_backward {
    use super::layers::{expect_array, expect_gradients, forward_backward, input};
    use dlfs::Layer;
    use exercises::ch06::batch_norm_backward::BatchNormalization;

    /// A layer over `d` features with random γ and β, yours and the library's.
    fn pair(
        d: usize,
        seed: u64,
    ) -> (
        BatchNormalization<f64>,
        dlfs::layers::BatchNormalization<f64>,
    ) {
        let mut yours = BatchNormalization::new(1, d);
        let mut library = dlfs::layers::BatchNormalization::new(1, d);
        yours.gamma.value = input(&[d], seed);
        yours.beta.value = input(&[d], seed + 1);
        library.gamma.value = yours.gamma.value.clone();
        library.beta.value = yours.beta.value.clone();
        (yours, library)
    }

    #[test]
    fn dx_dgamma_dbeta_like_the_librarys() {
        let (mut yours, mut library) = pair(4, 1);
        let x = input(&[5, 4], 3);
        let dout = input(&[5, 4], 4);
        let (_, dx) = forward_backward(&mut yours, &x, &dout);
        let (_, lib_dx) = forward_backward(&mut library, &x, &dout);
        expect_array(
            "BatchNormalization dbeta (beta.grad)",
            &yours.beta.grad,
            &library.beta.grad,
            1e-9,
        );
        expect_array(
            "BatchNormalization dgamma (gamma.grad)",
            &yours.gamma.grad,
            &library.gamma.grad,
            1e-9,
        );
        expect_array("BatchNormalization dx", &dx, &lib_dx, 1e-9);
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        let (mut yours, _) = pair(3, 5);
        expect_gradients("BatchNormalization", &mut yours, &input(&[6, 3], 6));
        let (mut yours, _) = pair(8, 7);
        expect_gradients("BatchNormalization", &mut yours, &input(&[4, 2, 2, 2], 8));
    }

    #[test]
    fn dx_of_images_has_their_shape() {
        let (mut yours, _) = pair(12, 9);
        let x = input(&[3, 3, 2, 2], 10);
        let dx = {
            yours.forward(x.clone(), dlfs::Mode::Train);
            yours.backward(input(&[3, 3, 2, 2], 11))
        };
        super::check::expect_eq("dx shape for (3, 3, 2, 2) images", dx.shape(), x.shape());
    }
}
