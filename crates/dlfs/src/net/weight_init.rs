use crate::Float;
use crate::layers::{Layer, Relu, Sigmoid};

// ANCHOR: weight_init
/// How a layer's weights start: W = scale · N(0, 1), with the scale fixed or set by the number
/// of inputs n of the layer (the previous layer's size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WeightInit {
    /// A fixed standard deviation, e.g. 0.01.
    Std(f64),
    /// Xavier Glorot's scale √(1/n): keeps the spread of sigmoid and tanh activations steady
    /// from layer to layer.
    Xavier,
    /// Kaiming He's scale √(2/n): twice Xavier's variance, because ReLU zeroes half its inputs.
    He,
}

impl WeightInit {
    /// The standard deviation of the weights of a layer with `n_in` inputs.
    pub fn scale(self, n_in: usize) -> f64 {
        match self {
            WeightInit::Std(std) => std,
            WeightInit::Xavier => (1.0 / n_in as f64).sqrt(),
            WeightInit::He => (2.0 / n_in as f64).sqrt(),
        }
    }
}
// ANCHOR_END: weight_init

impl Default for WeightInit {
    /// He, the book's default (`weight_init_std='relu'`).
    fn default() -> Self {
        WeightInit::He
    }
}

impl std::fmt::Display for WeightInit {
    /// The legend's name: "std=0.01", "Xavier", "He".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WeightInit::Std(std) => write!(f, "std={std}"),
            WeightInit::Xavier => write!(f, "Xavier"),
            WeightInit::He => write!(f, "He"),
        }
    }
}

impl std::str::FromStr for WeightInit {
    type Err = String;

    /// "he", "xavier", or a standard deviation ("0.01" or "std=0.01"), for a `--weight-init` flag.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "he" | "relu" => Ok(WeightInit::He),
            "xavier" | "sigmoid" => Ok(WeightInit::Xavier),
            other => {
                let std = other.strip_prefix("std=").unwrap_or(other);
                match std.parse::<f64>() {
                    Ok(v) if v.is_finite() && v > 0.0 => Ok(WeightInit::Std(v)),
                    _ => Err(format!(
                        "expected he, xavier or a positive standard deviation such as 0.01, got `{s}`"
                    )),
                }
            }
        }
    }
}

/// The activation function after each hidden layer (the book's `activation='relu'`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Activation {
    #[default]
    Relu,
    Sigmoid,
}

impl Activation {
    /// A new layer computing this activation.
    pub fn layer<F: Float>(self) -> Box<dyn Layer<F>> {
        match self {
            Activation::Relu => Box::new(Relu::new()),
            Activation::Sigmoid => Box::new(Sigmoid::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales() {
        assert_eq!(WeightInit::Std(0.01).scale(784), 0.01);
        assert!((WeightInit::Xavier.scale(100) - 0.1).abs() < 1e-15);
        assert!((WeightInit::He.scale(50) - 0.2).abs() < 1e-15);
        assert_eq!(WeightInit::Std(0.01).to_string(), "std=0.01");
        for (s, w) in [
            ("He", WeightInit::He),
            ("xavier", WeightInit::Xavier),
            ("0.01", WeightInit::Std(0.01)),
            ("std=1", WeightInit::Std(1.0)),
        ] {
            assert_eq!(s.parse::<WeightInit>(), Ok(w));
        }
        assert!("-1".parse::<WeightInit>().is_err());
        assert!("kaiming".parse::<WeightInit>().is_err());
    }
}
