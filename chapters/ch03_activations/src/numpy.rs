//! Printing arrays the way NumPy does, so the output can be compared with the book's.

/// Formats values like NumPy's default `print(array)`: `[0.31682708 0.69627909]`, or in
/// scientific notation `[9.99954600e-01 4.53978686e-05]` when the values span more than three
/// orders of magnitude (or are very small or large), and `nan`/`inf` as NumPy writes them.
pub fn fmt_array(values: &[f64]) -> String {
    let finite: Vec<f64> = values
        .iter()
        .filter(|v| v.is_finite() && **v != 0.0)
        .map(|v| v.abs())
        .collect();
    let (lo, hi) = finite.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    let scientific = !finite.is_empty() && (hi >= 1e8 || lo < 1e-4 || hi / lo > 1e3);
    // NumPy gives each value the decimals it needs (at most 8) and pads them to one width
    let needed = |v: f64| {
        let s = format!("{v:.8}");
        let trimmed = s.trim_end_matches('0');
        trimmed.len() - trimmed.find('.').map_or(trimmed.len(), |p| p + 1)
    };
    let fixed = |v: f64| {
        let d = needed(v);
        if d == 0 {
            format!("{v:.0}.")
        } else {
            format!("{v:.d$}")
        }
    };
    let one = |v: f64| -> String {
        if v.is_nan() {
            "nan".into()
        } else if v.is_infinite() {
            if v > 0.0 { "inf".into() } else { "-inf".into() }
        } else if scientific {
            scientific_8(v)
        } else {
            fixed(v)
        }
    };
    let parts: Vec<String> = values.iter().map(|&v| one(v)).collect();
    let point = |s: &str| s.find('.').unwrap_or(s.len());
    let left = parts.iter().map(|s| point(s)).max().unwrap_or(0);
    let right = parts.iter().map(|s| s.len() - point(s)).max().unwrap_or(0);
    let padded: Vec<String> = parts
        .iter()
        .map(|s| {
            let (l, r) = (point(s), s.len() - point(s));
            format!("{}{s}{}", " ".repeat(left - l), " ".repeat(right - r))
        })
        .collect();
    format!("[{}]", padded.join(" "))
}

/// `9.99954600e-01`: 8 decimals and a signed exponent of at least two digits.
fn scientific_8(v: f64) -> String {
    let s = format!("{v:.8e}"); // Rust writes 9.99954600e-1
    let (mantissa, exp) = s.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("an integer exponent");
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exp.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_numpy() {
        assert_eq!(
            fmt_array(&[0.31682707, 0.69627909]),
            "[0.31682707 0.69627909]"
        );
        assert_eq!(
            fmt_array(&[9.99954600e-01, 4.53978686e-05, 2.06106005e-09]),
            "[9.99954600e-01 4.53978686e-05 2.06106005e-09]"
        );
        assert_eq!(fmt_array(&[f64::NAN, f64::NAN]), "[nan nan]");
        assert_eq!(fmt_array(&[0.5, 0.25]), "[0.5  0.25]");
        assert_eq!(fmt_array(&[1.0, 2.0]), "[1. 2.]");
        assert_eq!(fmt_array(&[-1.0, 2.5]), "[-1.   2.5]");
        assert_eq!(fmt_array(&[1.0e10]), "[1.00000000e+10]");
    }
}
