//! The chapter's pictures, drawn as SVG by `--bin ch02_diagrams` into `figures/`: a perceptron (and
//! the AND gate's weights, taken from [`AND`]) and XOR as two layers of gates, with the truth
//! table the gates compute.

use dlfs_diagram::{CELL, Diagram, FORWARD, NAME, NODE, Shape, num};

use crate::{AND, INPUTS, Perceptron, nand, or, xor};

/// Every diagram of the page with its file name.
pub fn all() -> Vec<(&'static str, Diagram)> {
    vec![
        ("perceptron.svg", perceptron(&AND)),
        ("xor_layers.svg", xor_layers()),
    ]
}

/// A weighted edge: an arrow with its weight on a pill over the line, at `t` of the way.
fn weighted(d: &mut Diagram, a: &Shape, b: &Shape, weight: &str, t: f64) {
    d.arrow(a, b, None, None);
    let (x, y) = (a.cx + (b.cx - a.cx) * t, a.cy + (b.cy - a.cy) * t);
    d.pill(x, y, weight, FORWARD);
}

/// Two inputs, weights w₁ w₂ and a bias b: on the left in symbols, on the right the numbers of
/// `gate` (the chapter's AND).
pub fn perceptron(gate: &Perceptron) -> Diagram {
    let mut d = Diagram::new(
        720.0,
        310.0,
        "A perceptron with two inputs, two weights and a bias",
    );
    let panels = [
        (
            0.0,
            ["w₁".to_string(), "w₂".to_string(), "b".to_string()],
            "y",
        ),
        (
            370.0,
            [num(gate.w[0]), num(gate.w[1]), num(gate.b)],
            "AND(x₁, x₂)",
        ),
    ];
    for (left, [w1, w2, b], out) in panels {
        let x1 = d.node(left + 50.0, 90.0, "x₁");
        let x2 = d.node(left + 50.0, 210.0, "x₂");
        let one = d.node(left + 170.0, 30.0, "1");
        let y = d.node(left + 250.0, 150.0, "y");
        weighted(&mut d, &x1, &y, &w1, 0.45);
        weighted(&mut d, &x2, &y, &w2, 0.45);
        weighted(&mut d, &one, &y, &b, 0.5);
        if left > 0.0 {
            d.pill(left + 250.0, 200.0, out, NAME);
        }
    }
    d.pill(180.0, 262.0, "y = 1 if w₁x₁ + w₂x₂ + b > 0, else 0", NODE);
    d.pill(
        180.0,
        289.0,
        "threshold form: w₁x₁ + w₂x₂ > θ, b = −θ",
        NODE,
    );
    d.pill(545.0, 262.0, "fires only for x₁ = x₂ = 1", NODE);
    d
}

/// XOR = AND(NAND(x₁, x₂), OR(x₁, x₂)): two layers of perceptrons, and the truth table they
/// compute.
pub fn xor_layers() -> Diagram {
    let mut d = Diagram::new(
        720.0,
        300.0,
        "XOR as a two-layer perceptron: NAND and OR, then AND",
    );
    let x1 = d.node(50.0, 90.0, "x₁");
    let x2 = d.node(50.0, 210.0, "x₂");
    let s1 = d.node(210.0, 90.0, "NAND");
    let s2 = d.node(210.0, 210.0, "OR");
    let y = d.node(360.0, 150.0, "AND");
    let out = d.pill(450.0, 150.0, "y", NAME);
    for (a, b) in [(&x1, &s1), (&x1, &s2), (&x2, &s1), (&x2, &s2)] {
        d.arrow(a, b, None, None);
    }
    weighted(&mut d, &s1, &y, "s₁", 0.5);
    weighted(&mut d, &s2, &y, "s₂", 0.5);
    d.arrow(&y, &out, None, None);
    for (x, label) in [(50.0, "layer 0"), (210.0, "layer 1"), (360.0, "layer 2")] {
        d.pill(x, 275.0, label, NODE);
    }
    let mut rows = vec![["x₁", "x₂", "s₁", "s₂", "y"].map(String::from).to_vec()];
    for &(a, b) in &INPUTS {
        let (a, b) = (f64::from(a), f64::from(b));
        let row = [a as u8, b as u8, nand(a, b), or(a, b), xor(a, b)];
        rows.push(row.iter().map(u8::to_string).collect());
    }
    d.grid(515.0, 70.0, 36.0, &rows, |i, j| match (i, j) {
        (0, _) => NODE,
        (_, 4) => FORWARD,
        _ => CELL,
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_perceptron_shows_the_and_gates_weights() {
        let d = perceptron(&AND);
        for label in ["0.5", "-0.7", "w₁", "b"] {
            assert!(d.texts().iter().any(|t| t == label), "{label} missing");
        }
    }

    #[test]
    fn the_xor_table_is_what_the_gates_compute() {
        let d = xor_layers();
        let texts = d.texts();
        let table = &texts[texts.len() - 20..];
        // x1, x2, NAND, OR, XOR for (0,0), (1,0), (0,1), (1,1)
        #[rustfmt::skip]
        let book = [
            "0", "0", "1", "0", "0",
            "1", "0", "1", "1", "1",
            "0", "1", "1", "1", "1",
            "1", "1", "0", "1", "0",
        ];
        assert_eq!(table, book);
    }
}
