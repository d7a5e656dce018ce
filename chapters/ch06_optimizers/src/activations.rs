//! How the spread of the weights shapes the activations of deep layers
//! (the book's `ch06/weight_init_activation_histogram.py`).

use dlfs::float::randn;
use dlfs::net::WeightInit;
use dlfs_engine::linalg::dot;
use ndarray::Array2;
use rand::Rng;

/// The activation function of the experiment (tanh appears only here, so it is not a layer of
/// the core).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivationFn {
    Sigmoid,
    Relu,
    Tanh,
}

impl ActivationFn {
    pub fn apply(self, a: f32) -> f32 {
        match self {
            ActivationFn::Sigmoid => dlfs::functions::sigmoid(a),
            ActivationFn::Relu => dlfs::functions::relu(a),
            ActivationFn::Tanh => a.tanh(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActivationFn::Sigmoid => "sigmoid",
            ActivationFn::Relu => "ReLU",
            ActivationFn::Tanh => "tanh",
        }
    }

    /// The range the activations fall into, for the histograms.
    pub fn range(self) -> (f64, f64) {
        match self {
            ActivationFn::Tanh => (-1.0, 1.0),
            _ => (0.0, 1.0),
        }
    }
}

/// One setting of the experiment: a weight scale with an activation function.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub init: WeightInit,
    pub activation: ActivationFn,
}

impl Setting {
    /// The five settings of the chapter, in the book's order.
    pub const BOOK: [Setting; 5] = [
        Setting {
            init: WeightInit::Std(1.0),
            activation: ActivationFn::Sigmoid,
        },
        Setting {
            init: WeightInit::Std(0.01),
            activation: ActivationFn::Sigmoid,
        },
        Setting {
            init: WeightInit::Xavier,
            activation: ActivationFn::Sigmoid,
        },
        Setting {
            init: WeightInit::He,
            activation: ActivationFn::Relu,
        },
        Setting {
            init: WeightInit::Xavier,
            activation: ActivationFn::Tanh,
        },
    ];

    /// "std=1, sigmoid", "He, ReLU", ...
    pub fn label(&self) -> String {
        format!("{}, {}", self.init, self.activation.label())
    }

    /// A name for files: "std_1_sigmoid", "he_relu", ...
    pub fn file_stem(&self) -> String {
        let init = match self.init {
            WeightInit::Std(s) => format!("std_{s}"),
            WeightInit::Xavier => "xavier".into(),
            WeightInit::He => "he".into(),
        };
        format!("{init}_{}", self.activation.label().to_lowercase()).replace('.', "_")
    }
}

// ANCHOR: activations
/// The outputs of `hidden_layer_size` layers of `node_num` units each, for the inputs `x`
/// (one row per input): z_k = h(z_{k-1} · W_k), W_k = scale · N(0, 1), no bias.
pub fn activations(
    x: Array2<f32>,
    setting: Setting,
    hidden_layer_size: usize,
    node_num: usize,
    rng: &mut impl Rng,
) -> Vec<Array2<f32>> {
    let mut z = x; // (N, node_num)
    let mut layers = Vec::with_capacity(hidden_layer_size);
    for _ in 0..hidden_layer_size {
        let scale = setting.init.scale(z.ncols()) as f32;
        let w = randn::<f32, _>((z.ncols(), node_num), rng) * scale; // (n_in, node_num)
        let mut a = dot(&z.view(), &w.view()); // (N, node_num)
        a.mapv_inplace(|v| setting.activation.apply(v)); // z = h(a)
        layers.push(a.clone());
        z = a;
    }
    layers
}
// ANCHOR_END: activations

/// The standard deviation of all values of `a`.
pub fn std_dev(a: &Array2<f32>) -> f64 {
    let n = a.len().max(1) as f64;
    let mean = a.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    (a.iter()
        .map(|&v| (f64::from(v) - mean).powi(2))
        .sum::<f64>()
        / n)
        .sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn stds(setting: Setting) -> Vec<f64> {
        let mut rng = rand::rngs::StdRng::seed_from_u64(0);
        let x = randn::<f32, _>((1000, 100), &mut rng);
        activations(x, setting, 5, 100, &mut rng)
            .iter()
            .map(std_dev)
            .collect()
    }

    #[test]
    fn the_books_observations() {
        let [big, small, xavier, he, tanh] = Setting::BOOK.map(stds);
        // std 1: sigmoid saturates, the activations pile up at 0 and 1 (spread near 0.5)
        assert!(big.iter().all(|&s| s > 0.4), "{big:?}");
        // std 0.01: everything collapses to 0.5
        assert!(small.iter().all(|&s| s < 0.03), "{small:?}");
        // Xavier keeps a useful spread in every layer, He with ReLU too
        assert!(
            xavier.iter().all(|&s| (0.05..0.3).contains(&s)),
            "{xavier:?}"
        );
        assert!(he.iter().all(|&s| (0.5..2.0).contains(&s)), "{he:?}");
        assert!(tanh.iter().all(|&s| (0.2..0.8).contains(&s)), "{tanh:?}");
    }

    #[test]
    fn labels() {
        assert_eq!(Setting::BOOK[0].label(), "std=1, sigmoid");
        assert_eq!(Setting::BOOK[1].file_stem(), "std_0_01_sigmoid");
        assert_eq!(Setting::BOOK[3].file_stem(), "he_relu");
    }
}
