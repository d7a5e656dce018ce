use rand::Rng;

use super::{ConvParam, Sequential, WeightInit};
use crate::Float;
use crate::layers::{Affine, Convolution, Dropout, Layer, Pooling, Relu};
use dlfs_engine::conv::Window;

/// A 3 × 3 convolution with `filter_num` filters, stride 1 and padding `pad`.
const fn conv3x3(filter_num: usize, pad: usize) -> ConvParam {
    ConvParam {
        filter_num,
        filter_size: 3,
        pad,
        stride: 1,
    }
}

// ANCHOR: deep_convnet_params
/// The book's DeepConvNet of chapter 8, a small VGG-like network:
///
/// (Convolution – ReLU – Convolution – ReLU – Pooling 2×2) three times, then
/// Affine – ReLU – Dropout – Affine – Dropout – SoftmaxWithLoss.
///
/// With the defaults on MNIST the six 3×3 convolutions have 16, 16, 32, 32, 64, 64 filters
/// (padding 1, except 2 on the fourth), the images shrink 28 → 14 → 8 → 4, and the first
/// Affine takes 64·4·4 = 1024 values to 50. Weights start with He's scale √(2/n), n the
/// number of inputs of one output (C·3·3 for a convolution); biases at 0. Parameters W1..W8,
/// b1..b8, in that order.
///
/// # Shapes
/// - input: (N, C, H, W) = (N, `input_dim`)
/// - W1..W6: (FN, C, 3, 3); W7: (64·4·4, hidden); W8: (hidden, output)
/// - scores: (N, `output_size`)
///
/// ```
/// # use rand::SeedableRng;
/// let mut rng = rand::rngs::StdRng::seed_from_u64(0);
/// let net = dlfs::net::DeepConvNet::default().build::<f32>(&mut rng);
/// assert_eq!(net.layers.len(), 20); // 6 conv, 6 ReLU, 3 pooling, then 5
/// assert_eq!(net.param("W4").unwrap().value.shape(), [32, 32, 3, 3]);
/// assert_eq!(net.param("W7").unwrap().value.shape(), [1024, 50]);
/// ```
#[derive(Debug, Clone)]
pub struct DeepConvNet {
    /// (C, H, W) of one input image.
    pub input_dim: (usize, usize, usize),
    /// The six convolutions; a 2×2 max pooling follows every second one.
    pub conv_params: [ConvParam; 6],
    pub hidden_size: usize,
    pub output_size: usize,
    /// The probability that each Dropout silences a unit while training.
    pub dropout_ratio: f64,
}

impl Default for DeepConvNet {
    fn default() -> Self {
        DeepConvNet {
            input_dim: (1, 28, 28),
            conv_params: [
                conv3x3(16, 1),
                conv3x3(16, 1),
                conv3x3(32, 1),
                conv3x3(32, 2),
                conv3x3(64, 1),
                conv3x3(64, 1),
            ],
            hidden_size: 50,
            output_size: 10,
            dropout_ratio: 0.5,
        }
    }
}
// ANCHOR_END: deep_convnet_params

impl DeepConvNet {
    /// The image shape (C, H, W) after each convolution (and its ReLU) and each pooling, in
    /// order: 9 shapes for the 6 convolutions and 3 poolings.
    pub fn shapes(&self) -> Vec<(usize, usize, usize)> {
        let (_, mut h, mut w) = self.input_dim;
        let mut shapes = Vec::new();
        for (k, p) in self.conv_params.iter().enumerate() {
            (h, w) = Window::new(p.filter_size, p.filter_size, p.stride, p.pad).out_size(h, w);
            shapes.push((p.filter_num, h, w));
            if k % 2 == 1 {
                (h, w) = Window::new(2, 2, 2, 0).out_size(h, w);
                shapes.push((p.filter_num, h, w));
            }
        }
        shapes
    }

    /// Values per image after the last pooling: the input size of the first Affine (1024 on
    /// MNIST).
    pub fn flat_size(&self) -> usize {
        let (c, h, w) = self.shapes().last().copied().unwrap_or(self.input_dim);
        c * h * w
    }
}

// ANCHOR: deep_convnet
impl DeepConvNet {
    /// The network, its weights He-initialised from `rng` in the order W1, ..., W8, its biases
    /// 0 (each Dropout seeds its own generator from `rng` as it is made).
    pub fn build<F: Float>(&self, rng: &mut impl Rng) -> Sequential<F> {
        let he = |n_in: usize| F::lit(WeightInit::He.scale(n_in)); // √(2 / n_in)
        let mut layers: Vec<Box<dyn Layer<F>>> = Vec::new();
        let mut channels = self.input_dim.0;
        for (k, p) in self.conv_params.iter().enumerate() {
            let filters = (p.filter_num, channels, p.filter_size, p.filter_size); // (FN, C, 3, 3)
            let std = he(channels * p.filter_size * p.filter_size);
            layers.push(Box::new(Convolution::init(
                k + 1,
                filters,
                p.stride,
                p.pad,
                std,
                rng,
            )));
            layers.push(Box::new(Relu::new()));
            if k % 2 == 1 {
                layers.push(Box::new(Pooling::new(2, 2, 2, 0)));
            }
            channels = p.filter_num;
        }
        let (flat, hidden, output) = (self.flat_size(), self.hidden_size, self.output_size);
        let ratio = self.dropout_ratio;
        layers.push(Box::new(Affine::init(7, flat, hidden, he(flat), rng)));
        layers.push(Box::new(Relu::new()));
        layers.push(Box::new(Dropout::new(ratio, rng)));
        layers.push(Box::new(Affine::init(8, hidden, output, he(hidden), rng)));
        layers.push(Box::new(Dropout::new(ratio, rng)));
        Sequential::new(layers)
    }
}
// ANCHOR_END: deep_convnet

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_books_shapes_and_scales() {
        let config = DeepConvNet::default();
        let shapes = config.shapes();
        assert_eq!(shapes[2], (16, 14, 14));
        assert_eq!(shapes[4], (32, 16, 16), "the 4th conv pads by 2");
        assert_eq!(shapes[8], (64, 4, 4));
        assert_eq!(config.flat_size(), 1024);

        let net = config.build::<f64>(&mut rand::rngs::StdRng::seed_from_u64(3));
        let names: Vec<_> = net.params().iter().map(|p| p.name.clone()).collect();
        let expected: Vec<_> = (1..=8)
            .flat_map(|k| [format!("W{k}"), format!("b{k}")])
            .collect();
        assert_eq!(names, expected);
        // the book's pre_node_nums: 1·9, 16·9, 16·9, 32·9, 32·9, 64·9, 64·4·4, 50
        let fan_in = [9, 144, 144, 288, 288, 576, 1024, 50];
        for (k, n) in fan_in.iter().enumerate() {
            let w = &net.param(&format!("W{}", k + 1)).unwrap().value;
            let var = w.iter().map(|v| v * v).sum::<f64>() / w.len() as f64;
            let ratio = var / (2.0 / *n as f64);
            assert!(
                (0.7..1.3).contains(&ratio),
                "W{}: variance ratio {ratio}",
                k + 1
            );
        }
        let layers = net.layer_names();
        assert_eq!(layers.iter().filter(|&&l| l == "Pooling").count(), 3);
        assert_eq!(layers[layers.len() - 3..], ["Dropout", "Affine", "Dropout"]);
    }
}
