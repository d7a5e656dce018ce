use rand::Rng;

use super::{Activation, Sequential, WeightInit};
use crate::Float;
use crate::layers::{Affine, BatchNormalization, Dropout, Layer};

// ANCHOR: multi_layer_net
/// The book's fully connected net of any depth (`common/multi_layer_net.py`):
/// (Affine – activation) for each hidden layer, then Affine – SoftmaxWithLoss.
///
/// Parameters W1, b1, ..., Wn, bn with n = hidden layers + 1; W_k = scale · N(0, 1) with the
/// scale of `weight_init` for the layer's n_in inputs, b_k = 0. With `weight_decay_lambda` = λ
/// the loss gains ½ λ Σ_k ‖W_k‖².
///
/// ```
/// # use rand::SeedableRng;
/// use dlfs::net::{MultiLayerNet, WeightInit};
/// let mut rng = rand::rngs::StdRng::seed_from_u64(0);
/// let net = MultiLayerNet {
///     hidden_size_list: vec![100; 2],
///     weight_init: WeightInit::Xavier,
///     ..Default::default()
/// }
/// .build::<f32>(&mut rng);
/// assert_eq!(net.layer_names(), ["Affine", "Relu", "Affine", "Relu", "Affine"]);
/// ```
#[derive(Debug, Clone)]
pub struct MultiLayerNet {
    pub input_size: usize,
    /// Neurons in each hidden layer, e.g. `vec![100; 5]`.
    pub hidden_size_list: Vec<usize>,
    pub output_size: usize,
    pub activation: Activation,
    pub weight_init: WeightInit,
    /// λ of weight decay (0 turns it off).
    pub weight_decay_lambda: f64,
}

impl Default for MultiLayerNet {
    fn default() -> Self {
        MultiLayerNet {
            input_size: 784,
            hidden_size_list: vec![100; 5],
            output_size: 10,
            activation: Activation::Relu,
            weight_init: WeightInit::He,
            weight_decay_lambda: 0.0,
        }
    }
}

impl MultiLayerNet {
    /// The network, its weights drawn from `rng`.
    pub fn build<F: Float>(&self, rng: &mut impl Rng) -> Sequential<F> {
        MultiLayerNetExtend::from(self.clone()).build(rng)
    }
}
// ANCHOR_END: multi_layer_net

// ANCHOR: multi_layer_net_extend
/// [`MultiLayerNet`] with the chapter's two extras (`common/multi_layer_net_extend.py`): each
/// hidden layer becomes Affine – [BatchNormalization] – activation – [Dropout].
///
/// Batch normalization adds gamma_k (starting at 1) and beta_k (at 0) for each hidden layer k;
/// neither is decayed. Each Dropout layer gets its own generator seeded from `rng` after all
/// weights are drawn, so the same seed gives the same weights with or without dropout.
#[derive(Debug, Clone)]
pub struct MultiLayerNetExtend {
    pub input_size: usize,
    pub hidden_size_list: Vec<usize>,
    pub output_size: usize,
    pub activation: Activation,
    pub weight_init: WeightInit,
    pub weight_decay_lambda: f64,
    pub use_dropout: bool,
    /// The probability of dropping a unit while training.
    pub dropout_ratio: f64,
    pub use_batchnorm: bool,
}

impl Default for MultiLayerNetExtend {
    fn default() -> Self {
        MultiLayerNet::default().into()
    }
}

impl From<MultiLayerNet> for MultiLayerNetExtend {
    /// The same network, neither dropout nor batch normalization.
    fn from(net: MultiLayerNet) -> Self {
        MultiLayerNetExtend {
            input_size: net.input_size,
            hidden_size_list: net.hidden_size_list,
            output_size: net.output_size,
            activation: net.activation,
            weight_init: net.weight_init,
            weight_decay_lambda: net.weight_decay_lambda,
            use_dropout: false,
            dropout_ratio: 0.5,
            use_batchnorm: false,
        }
    }
}

impl MultiLayerNetExtend {
    /// The network, its weights (and the dropout layers' seeds) drawn from `rng`.
    pub fn build<F: Float>(&self, rng: &mut impl Rng) -> Sequential<F> {
        // all_size_list = [input_size] + hidden_size_list + [output_size]
        let sizes: Vec<usize> = std::iter::once(self.input_size)
            .chain(self.hidden_size_list.iter().copied())
            .chain(std::iter::once(self.output_size))
            .collect();
        let affines: Vec<Affine<F>> = (1..sizes.len())
            .map(|k| {
                let (n_in, n_out) = (sizes[k - 1], sizes[k]);
                let scale = F::lit(self.weight_init.scale(n_in));
                Affine::init(k, n_in, n_out, scale, rng) // W{k}, b{k}
            })
            .collect();
        let last = affines.len();
        let mut layers: Vec<Box<dyn Layer<F>>> = Vec::new();
        for (k, affine) in (1..).zip(affines) {
            layers.push(Box::new(affine));
            if k == last {
                break; // the last Affine feeds the softmax directly
            }
            if self.use_batchnorm {
                layers.push(Box::new(BatchNormalization::new(k, sizes[k]))); // gamma{k}, beta{k}
            }
            layers.push(self.activation.layer());
            if self.use_dropout {
                layers.push(Box::new(Dropout::new(self.dropout_ratio, rng)));
            }
        }
        let mut net = Sequential::new(layers);
        net.weight_decay_lambda = F::lit(self.weight_decay_lambda);
        net
    }
}
// ANCHOR_END: multi_layer_net_extend

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn layers_and_names_as_the_book() {
        let mut rng = StdRng::seed_from_u64(0);
        let net = MultiLayerNetExtend {
            input_size: 6,
            hidden_size_list: vec![5, 4],
            output_size: 3,
            activation: Activation::Sigmoid,
            use_dropout: true,
            use_batchnorm: true,
            ..Default::default()
        }
        .build::<f64>(&mut rng);
        assert_eq!(
            net.layer_names(),
            [
                "Affine",
                "BatchNormalization",
                "Sigmoid",
                "Dropout",
                "Affine",
                "BatchNormalization",
                "Sigmoid",
                "Dropout",
                "Affine"
            ]
        );
        let names: Vec<_> = net.params().iter().map(|p| p.name.clone()).collect();
        assert_eq!(
            names,
            [
                "W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"
            ]
        );
        assert_eq!(net.param("W2").unwrap().value.shape(), [5, 4]);
        assert_eq!(net.param("gamma2").unwrap().value.shape(), [4]);
    }

    #[test]
    fn he_and_xavier_scale_by_the_inputs() {
        let mut rng = StdRng::seed_from_u64(1);
        for (init, want) in [
            (WeightInit::He, (2.0f64 / 400.0).sqrt()),
            (WeightInit::Xavier, (1.0f64 / 400.0).sqrt()),
            (WeightInit::Std(0.01), 0.01),
        ] {
            let net = MultiLayerNet {
                input_size: 400,
                hidden_size_list: vec![300],
                weight_init: init,
                ..Default::default()
            }
            .build::<f64>(&mut rng);
            let w = &net.param("W1").unwrap().value;
            let std = w.mapv(|v| v * v).mean().unwrap().sqrt();
            assert!((std / want - 1.0).abs() < 0.01, "{init}: {std} vs {want}");
        }
    }

    #[test]
    fn dropout_does_not_change_the_weights_of_a_seed() {
        let config = MultiLayerNetExtend {
            input_size: 10,
            hidden_size_list: vec![8, 8],
            ..Default::default()
        };
        let plain = config.build::<f32>(&mut StdRng::seed_from_u64(3));
        let with_dropout = MultiLayerNetExtend {
            use_dropout: true,
            ..config
        }
        .build::<f32>(&mut StdRng::seed_from_u64(3));
        for (a, b) in plain.params().iter().zip(with_dropout.params()) {
            assert_eq!(a.value, b.value);
        }
    }
}
