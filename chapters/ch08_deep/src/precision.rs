//! Fewer bits per weight: the book's `half_float_network.py` rounds the trained weights to
//! 16-bit floats and finds the same accuracy. Here the same for bfloat16 and 8-bit integers.
//!
//! The weights are rounded and then turned back into `f64`, so the network computes as before
//! and only the stored values change: what a smaller file, or a smaller memory, would hold.

use dlfs::net::Sequential;
use half::{bf16, f16};
use ndarray::ArrayD;

/// A number format to store the weights in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// 64-bit float, as the book's file holds them.
    F64,
    /// 32-bit float: 8 exponent bits, 23 fraction bits.
    F32,
    /// IEEE half: 5 exponent bits, 10 fraction bits (largest value 65,504).
    F16,
    /// bfloat16: float32's 8 exponent bits, only 7 fraction bits.
    Bf16,
    /// 8-bit integers, one scale per tensor ([`quantize_int8`]).
    Int8,
}

impl Format {
    /// Every format, from the most bits to the fewest.
    pub const ALL: [Format; 5] = [Self::F64, Self::F32, Self::F16, Self::Bf16, Self::Int8];

    /// The format's name in the table.
    pub fn name(self) -> &'static str {
        match self {
            Self::F64 => "float64 (file)",
            Self::F32 => "float32",
            Self::F16 => "float16",
            Self::Bf16 => "bfloat16",
            Self::Int8 => "int8 (scale per tensor)",
        }
    }

    /// Bytes to store one tensor of `n` values (int8: plus its `f32` scale).
    pub fn bytes(self, n: usize) -> usize {
        match self {
            Self::F64 => 8 * n,
            Self::F32 => 4 * n,
            Self::F16 | Self::Bf16 => 2 * n,
            Self::Int8 => n + 4,
        }
    }

    /// `w` stored in this format and read back as `f64`.
    pub fn round(self, w: &ArrayD<f64>) -> ArrayD<f64> {
        match self {
            Self::F64 => w.clone(),
            Self::F32 => w.mapv(|v| f64::from(v as f32)),
            Self::F16 => w.mapv(|v| f16::from_f64(v).to_f64()), // round to nearest even
            Self::Bf16 => w.mapv(|v| bf16::from_f64(v).to_f64()),
            Self::Int8 => quantize_int8(w),
        }
    }
}

// ANCHOR: int8
/// Symmetric 8-bit quantisation of one tensor, read back: with the scale $s = \max|w| / 127$
/// each weight is stored as the integer $q = \mathrm{round}(w / s) \in [-127, 127]$ and read as
/// $q \cdot s$. A tensor of zeros stays zeros.
pub fn quantize_int8(w: &ArrayD<f64>) -> ArrayD<f64> {
    let s = w.iter().fold(0.0_f64, |m, v| m.max(v.abs())) / 127.0;
    if s == 0.0 {
        return w.clone();
    }
    let s = f64::from(s as f32); // the scale is stored as a float32
    w.mapv(|v| (v / s).round().clamp(-127.0, 127.0) * s)
}
// ANCHOR_END: int8

// ANCHOR: round_params
/// Rounds every parameter of `net`, weights and biases, to `format`; returns the bytes they
/// take in that format.
pub fn round_params(net: &mut Sequential<f64>, format: Format) -> usize {
    let mut bytes = 0;
    for p in net.params_mut() {
        bytes += format.bytes(p.value.len());
        p.value = format.round(&p.value);
    }
    bytes
}
// ANCHOR_END: round_params

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr1;

    #[test]
    fn each_format_keeps_its_bits() {
        let w = arr1(&[0.1, -1.0 / 3.0, 1e-6, 0.0]).into_dyn();
        assert_eq!(Format::F64.round(&w), w);
        // float16 keeps 11 significant bits: 0.1 becomes 0.0999755859375
        assert_eq!(Format::F16.round(&w)[0], 0.0999755859375);
        // bfloat16 keeps 8: 0.1 becomes 0.10009765625
        assert_eq!(Format::Bf16.round(&w)[0], 0.10009765625);
        // 1e-6 is below float16's normal range (6.1e-5): a subnormal, 2^-24 steps
        assert_eq!(Format::F16.round(&w)[2], 17.0 * 2f64.powi(-24));
        for f in Format::ALL {
            let r = f.round(&w);
            assert!((r[1] - w[1]).abs() <= w[1].abs() / 127.0, "{f:?}");
            assert_eq!(r[3], 0.0);
        }
    }

    #[test]
    fn int8_keeps_the_largest_weight_and_steps_of_the_scale() {
        let w = arr1(&[-2.54, 1.0, 0.009, 0.011]).into_dyn();
        let q = quantize_int8(&w);
        let s = f64::from((2.54_f64 / 127.0) as f32);
        assert!((q[0] + 2.54).abs() < 1e-6, "max|w| is stored as -127 · s");
        assert_eq!(q[1], 50.0 * s); // 1.0 / 0.02 = 50
        assert_eq!(q[2], 0.0); // 0.009 / s = 0.45 rounds to 0
        assert_eq!(q[3], s); // 0.011 / s = 0.55 rounds to one step
        assert_eq!(
            quantize_int8(&arr1(&[0.0, 0.0]).into_dyn()),
            arr1(&[0.0, 0.0]).into_dyn()
        );
        assert_eq!(Format::Int8.bytes(100), 104);
        assert_eq!(Format::F16.bytes(100), 200);
    }
}
