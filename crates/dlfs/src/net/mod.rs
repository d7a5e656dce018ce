//! Networks: layers in a row, ending in a loss layer.
//!
//! Each of the book's networks is a config struct (its constructor's arguments, with `Default`)
//! whose `build` returns a [`Sequential`]: `predict`, `loss`, `accuracy`, `gradient` and
//! `numerical_gradient` are written once there, as in the book's six-line loops.

mod deep_convnet;
mod multi_layer_net;
mod sequential;
mod simple_convnet;
mod two_layer_net;
mod weight_init;

pub use deep_convnet::DeepConvNet;
pub use multi_layer_net::{MultiLayerNet, MultiLayerNetExtend};
pub use sequential::Sequential;
pub use simple_convnet::{ConvParam, SimpleConvNet};
pub use two_layer_net::TwoLayerNet;
pub use weight_init::{Activation, WeightInit};
