//! The chapter's network diagram, drawn as SVG by `--bin ch03_diagrams` into `figures/`: the book's
//! 3-layer network (2 inputs, hidden layers of 3 and 2 units, 2 outputs) with its weight
//! notation on the first layer.

use dlfs_diagram::{Diagram, FORWARD, NAME, NODE, Shape};

/// Every diagram of the page with its file name.
pub fn all() -> Vec<(&'static str, Diagram)> {
    vec![("three_layer_net.svg", three_layer_net())]
}

/// A column of nodes at `x`: a bias node "1" on top (if `bias`), then `labels` from `y0` down.
fn column(
    d: &mut Diagram,
    x: f64,
    bias: bool,
    y0: f64,
    labels: &[&str],
) -> (Option<Shape>, Vec<Shape>) {
    let one = bias.then(|| d.node(x, 45.0, "1"));
    let units = labels
        .iter()
        .enumerate()
        .map(|(k, label)| d.node(x, y0 + k as f64 * 90.0, label))
        .collect();
    (one, units)
}

/// Input layer (x₁, x₂), hidden layers of 3 and 2 units, output layer (y₁, y₂); a bias node
/// "1" feeds every layer. The arrows into a⁽¹⁾₁ carry the book's names: w⁽¹⁾₁₂ is the weight
/// of layer 1 into unit 1 from unit 2 of the layer before.
pub fn three_layer_net() -> Diagram {
    let mut d = Diagram::new(
        720.0,
        420.0,
        "The book's 3-layer network with its weight notation",
    );
    let (one0, inputs) = column(&mut d, 60.0, true, 150.0, &["x₁", "x₂"]);
    let (one1, hidden1) = column(&mut d, 290.0, true, 120.0, &["a⁽¹⁾₁", "a⁽¹⁾₂", "a⁽¹⁾₃"]);
    let (one2, hidden2) = column(&mut d, 480.0, true, 165.0, &["a⁽²⁾₁", "a⁽²⁾₂"]);
    let (_, outputs) = column(&mut d, 650.0, false, 165.0, &["y₁", "y₂"]);
    let layers = [
        (one0, &inputs, &hidden1),
        (one1, &hidden1, &hidden2),
        (one2, &hidden2, &outputs),
    ];
    for (one, from, to) in layers {
        for b in to.iter() {
            for a in one.iter().chain(from.iter()) {
                d.arrow(a, b, None, None);
            }
        }
    }
    // the names of the arrows into a⁽¹⁾₁, on pills over the lines
    let target = &hidden1[0];
    let named = [
        (one0.as_ref().expect("bias"), "b⁽¹⁾₁", 0.45),
        (&inputs[0], "w⁽¹⁾₁₁", 0.5),
        (&inputs[1], "w⁽¹⁾₁₂", 0.55),
    ];
    for (a, name, t) in named {
        let (x, y) = (a.cx + (target.cx - a.cx) * t, a.cy + (target.cy - a.cy) * t);
        d.pill(x, y, name, FORWARD);
    }
    for (x, label) in [
        (60.0, "input layer"),
        (290.0, "hidden layer 1"),
        (480.0, "hidden layer 2"),
        (650.0, "output layer"),
    ] {
        d.pill(x, 345.0, label, NAME);
    }
    d.pill(
        360.0,
        395.0,
        "a⁽¹⁾₁ = w⁽¹⁾₁₁ x₁ + w⁽¹⁾₁₂ x₂ + b⁽¹⁾₁,   w⁽¹⁾₁₂: layer 1, into unit 1, from unit 2",
        NODE,
    );
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_layers_arrows_carry_the_books_names() {
        let d = three_layer_net();
        for label in ["b⁽¹⁾₁", "w⁽¹⁾₁₁", "w⁽¹⁾₁₂", "hidden layer 1"] {
            assert!(d.texts().iter().any(|t| t == label), "{label} missing");
        }
    }
}
