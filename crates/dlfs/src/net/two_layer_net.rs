use rand::Rng;

use super::Sequential;
use crate::Float;
use crate::layers::{Affine, Layer, Relu};

// ANCHOR: two_layer_net
/// The book's two-layer net of chapter 5: Affine – ReLU – Affine – SoftmaxWithLoss.
///
/// Weights start as `weight_init_std` · N(0, 1), biases at 0 (parameters W1, b1, W2, b2).
///
/// ```
/// # use rand::SeedableRng;
/// let mut rng = rand::rngs::StdRng::seed_from_u64(0);
/// let shape = dlfs::net::TwoLayerNet { hidden_size: 50, ..Default::default() };
/// let net = shape.build::<f32>(&mut rng);
/// assert_eq!(net.layer_names(), ["Affine", "Relu", "Affine"]);
/// ```
#[derive(Debug, Clone)]
pub struct TwoLayerNet {
    pub input_size: usize,
    pub hidden_size: usize,
    pub output_size: usize,
    pub weight_init_std: f64,
}

impl Default for TwoLayerNet {
    fn default() -> Self {
        TwoLayerNet {
            input_size: 784,
            hidden_size: 50,
            output_size: 10,
            weight_init_std: 0.01,
        }
    }
}

impl TwoLayerNet {
    pub fn build<F: Float>(&self, rng: &mut impl Rng) -> Sequential<F> {
        let std = F::lit(self.weight_init_std);
        let layers: Vec<Box<dyn Layer<F>>> = vec![
            Box::new(Affine::init(1, self.input_size, self.hidden_size, std, rng)),
            Box::new(Relu::new()),
            Box::new(Affine::init(
                2,
                self.hidden_size,
                self.output_size,
                std,
                rng,
            )),
        ];
        Sequential::new(layers)
    }
}
// ANCHOR_END: two_layer_net
