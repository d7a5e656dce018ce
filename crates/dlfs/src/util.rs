//! Small helpers of the book's `common/util.py`.

// ANCHOR: smooth_curve
/// Smooths a noisy curve (a loss per mini-batch) for plotting: each point becomes a weighted
/// average of itself and its 5 neighbours on each side, the weights a Kaiser window
/// (11 points, β = 2) that favours the centre. Near the ends the curve is mirrored to supply
/// the missing neighbours (at the start without repeating the first point, at the end
/// repeating the last one, which is how the book pads it). The result has the input's length.
pub fn smooth_curve(x: &[f64]) -> Vec<f64> {
    const HALF: usize = 5; // window_len = 11
    let n = x.len();
    if n == 0 {
        return Vec::new();
    }
    let w = kaiser(2 * HALF + 1, 2.0);
    let total: f64 = w.iter().sum();
    // x[i + d], mirrored past the ends (clamped, for curves shorter than the window)
    let at = |i: isize| -> f64 {
        let n = n as isize;
        let j = if i < 0 {
            -i
        } else if i >= n {
            2 * n - 1 - i
        } else {
            i
        };
        x[j.clamp(0, n - 1) as usize]
    };
    (0..n as isize)
        .map(|i| {
            w.iter()
                .zip(-(HALF as isize)..)
                .map(|(w, d)| w * at(i + d))
                .sum::<f64>()
                / total
        })
        .collect()
}
// ANCHOR_END: smooth_curve

/// The Kaiser window of `m` points (`np.kaiser(m, beta)`): I₀(β √(1 - r²)) / I₀(β) with r
/// running from -1 to 1.
pub fn kaiser(m: usize, beta: f64) -> Vec<f64> {
    if m == 1 {
        return vec![1.0];
    }
    (0..m)
        .map(|k| {
            let r = 2.0 * k as f64 / (m - 1) as f64 - 1.0;
            bessel_i0(beta * (1.0 - r * r).max(0.0).sqrt()) / bessel_i0(beta)
        })
        .collect()
}

/// The modified Bessel function of the first kind, order 0: I₀(x) = Σ_k ((x/2)^k / k!)².
fn bessel_i0(x: f64) -> f64 {
    let (mut sum, mut term) = (1.0, 1.0);
    for k in 1..100 {
        term *= x / 2.0 / k as f64; // (x/2)^k / k!
        let add = term * term;
        sum += add;
        if add < sum * 1e-17 {
            break;
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn kaiser_window_of_the_book() {
        // The ends are I₀(0) / I₀(2) = 1 / 2.2795853 (I₀(2) from tables), the centre 1.
        let want = [
            0.43867628, 0.61139435, 0.767675, 0.89216143, 0.9723298, 1.0, 0.9723298, 0.89216143,
            0.767675, 0.61139435, 0.43867628,
        ];
        assert_abs_diff_eq!(bessel_i0(2.0), 2.2795853023360673, epsilon = 1e-12);
        for (a, b) in kaiser(11, 2.0).iter().zip(want) {
            assert_abs_diff_eq!(*a, b, epsilon = 1e-7);
        }
    }

    #[test]
    fn a_constant_stays_and_a_line_stays_inside() {
        assert_eq!(smooth_curve(&[2.0; 30]).len(), 30);
        for v in smooth_curve(&[2.0; 30]) {
            assert_abs_diff_eq!(v, 2.0, epsilon = 1e-12);
        }
        let line: Vec<f64> = (0..40).map(f64::from).collect();
        let s = smooth_curve(&line);
        for i in 5..35 {
            assert_abs_diff_eq!(s[i], line[i], epsilon = 1e-12); // symmetric weights
        }
        assert!(
            smooth_curve(&[1.0, 3.0])
                .iter()
                .all(|v| (1.0..=3.0).contains(v))
        );
        assert!(smooth_curve(&[]).is_empty());
    }

    #[test]
    fn noise_shrinks() {
        let zigzag: Vec<f64> = (0..100)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        let s = smooth_curve(&zigzag);
        assert!(s[10..90].iter().all(|v| v.abs() < 0.1));
    }
}
