use rand::Rng;

use super::Sequential;
use crate::Float;
use crate::layers::{Affine, Convolution, Layer, Pooling, Relu};

// ANCHOR: conv_param
/// The convolution's settings: the book's `conv_param` dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvParam {
    /// Number of filters FN (output channels).
    pub filter_num: usize,
    /// Filters are `filter_size` × `filter_size`.
    pub filter_size: usize,
    pub pad: usize,
    pub stride: usize,
}

impl Default for ConvParam {
    fn default() -> Self {
        ConvParam {
            filter_num: 30,
            filter_size: 5,
            pad: 0,
            stride: 1,
        }
    }
}
// ANCHOR_END: conv_param

// ANCHOR: simple_convnet_params
/// The book's SimpleConvNet of chapter 7:
/// Convolution – ReLU – Pooling (2×2, stride 2) – Affine – ReLU – Affine – SoftmaxWithLoss.
///
/// Weights start as `weight_init_std` · N(0, 1), biases at 0 (parameters W1..W3, b1..b3, in
/// that order). With the defaults on MNIST: conv 30 filters 5×5 → (30, 24, 24), pooling →
/// (30, 12, 12) = 4320 values per image, Affine 4320 → 100, Affine 100 → 10.
///
/// # Shapes
/// - input: (N, C, H, W) = (N, `input_dim`)
/// - W1: (FN, C, FS, FS), W2: (FN·(OH/2)·(OW/2), hidden), W3: (hidden, output)
/// - scores: (N, `output_size`)
///
/// ```
/// # use rand::SeedableRng;
/// let mut rng = rand::rngs::StdRng::seed_from_u64(0);
/// let net = dlfs::net::SimpleConvNet::default().build::<f32>(&mut rng);
/// assert_eq!(net.layer_names(), ["Convolution", "Relu", "Pooling", "Affine", "Relu", "Affine"]);
/// assert_eq!(net.param("W2").unwrap().value.shape(), [4320, 100]);
/// ```
#[derive(Debug, Clone)]
pub struct SimpleConvNet {
    /// (C, H, W) of one input image.
    pub input_dim: (usize, usize, usize),
    pub conv_param: ConvParam,
    pub hidden_size: usize,
    pub output_size: usize,
    pub weight_init_std: f64,
}

// ANCHOR_END: simple_convnet_params

impl Default for SimpleConvNet {
    fn default() -> Self {
        SimpleConvNet {
            input_dim: (1, 28, 28),
            conv_param: ConvParam::default(),
            hidden_size: 100,
            output_size: 10,
            weight_init_std: 0.01,
        }
    }
}

impl SimpleConvNet {
    /// The convolution's output size (OH, OW): (H + 2P − FS)/S + 1.
    pub fn conv_output_size(&self) -> (usize, usize) {
        let p = self.conv_param;
        let (_, h, w) = self.input_dim;
        dlfs_engine::conv::Window::new(p.filter_size, p.filter_size, p.stride, p.pad).out_size(h, w)
    }

    /// Values per image after pooling: FN · (OH/2) · (OW/2), the input size of the first Affine.
    pub fn pool_output_size(&self) -> usize {
        let (oh, ow) = self.conv_output_size();
        self.conv_param.filter_num * (oh / 2) * (ow / 2)
    }
}

// ANCHOR: simple_convnet
impl SimpleConvNet {
    /// The network, its weights `weight_init_std` · N(0, 1) drawn from `rng` in the order W1,
    /// W2, W3, its biases 0.
    pub fn build<F: Float>(&self, rng: &mut impl Rng) -> Sequential<F> {
        let std = F::lit(self.weight_init_std);
        let p = self.conv_param;
        let (c, _, _) = self.input_dim;
        let filters = (p.filter_num, c, p.filter_size, p.filter_size); // (FN, C, FS, FS)
        let (hidden, output) = (self.hidden_size, self.output_size);
        let layers: Vec<Box<dyn Layer<F>>> = vec![
            Box::new(Convolution::init(1, filters, p.stride, p.pad, std, rng)),
            Box::new(Relu::new()),
            Box::new(Pooling::new(2, 2, 2, 0)),
            Box::new(Affine::init(2, self.pool_output_size(), hidden, std, rng)),
            Box::new(Relu::new()),
            Box::new(Affine::init(3, hidden, output, std, rng)),
        ];
        Sequential::new(layers)
    }
}
// ANCHOR_END: simple_convnet
