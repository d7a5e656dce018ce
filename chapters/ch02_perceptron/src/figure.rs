//! The chapter's figure: each gate's decision line and regions in the (x1, x2) plane.

use dlfs_plot::{Figure, PALETTE, ScatterChart, Series};

use crate::{AND, INPUTS, NAND, OR, Perceptron, xor};

/// The plotted square of the (x1, x2) plane.
const RANGE: (f64, f64) = (-0.5, 1.5);

// ANCHOR: boundary
/// Two points of the perceptron's decision line w1 x1 + w2 x2 + b = 0, at x1 = lo and
/// x1 = hi: solving for x2 gives x2 = -(w1 x1 + b) / w2 (w2 must not be 0).
pub fn boundary(p: &Perceptron, (lo, hi): (f64, f64)) -> [(f64, f64); 2] {
    let x2 = |x1: f64| -(p.w[0] * x1 + p.b) / p.w[1];
    [(lo, x2(lo)), (hi, x2(hi))]
}
// ANCHOR_END: boundary

/// A panel: regions where `gate` outputs 0 and 1, the four inputs coloured by output.
fn panel(title: &str, gate: impl Fn(f64, f64) -> u8) -> ScatterChart {
    let output = |y: u8| {
        INPUTS
            .iter()
            .filter(|&&(x1, x2)| gate(f64::from(x1), f64::from(x2)) == y)
            .copied()
            .collect::<Vec<_>>()
    };
    ScatterChart::new(title, "x1", "x2")
        .x_range(RANGE.0, RANGE.1)
        .y_range(RANGE.0, RANGE.1)
        .class("", output(0)) // the figure's title explains the markers
        .class("", output(1))
}

/// The firing rule as text: `0.5 x1 + 0.5 x2 - 0.7 > 0`.
fn rule(p: &Perceptron) -> String {
    format!("{} x1 + {} x2 + {} > 0", p.w[0], p.w[1], p.b).replace("+ -", "- ")
}

/// One perceptron: its line and the half-planes on either side.
fn gate_panel(name: &str, p: Perceptron) -> ScatterChart {
    panel(&format!("{name}: 1 if {}", rule(&p)), |x1, x2| {
        p.fire(x1, x2)
    })
    .line(Series::from_points("", boundary(&p, RANGE)))
    .regions(|x1, x2| usize::from(p.fire(x1, x2)))
}

/// XOR: the NAND and OR lines of the first layer; between them the AND of both fires.
fn xor_panel() -> ScatterChart {
    panel("XOR = AND(NAND, OR): no single line", crate::xor)
        .line(
            Series::from_points("NAND line", boundary(&NAND, RANGE))
                .color(PALETTE[2])
                .dashed(),
        )
        .line(
            Series::from_points("OR line", boundary(&OR, RANGE))
                .color(PALETTE[4])
                .dashed(),
        )
        .regions(|x1, x2| usize::from(xor(x1, x2)))
}

// ANCHOR: figure
/// AND, NAND, OR and XOR side by side.
pub fn gates_figure() -> Figure {
    Figure::new("Perceptrons as logic gates: ▲ output 1 (orange side), ● output 0 (blue side)")
        .cols(2)
        .panel_size(460, 460)
        .panel(gate_panel("AND", AND))
        .panel(gate_panel("NAND", NAND))
        .panel(gate_panel("OR", OR))
        .panel(xor_panel())
}
// ANCHOR_END: figure

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_is_where_the_sum_is_zero() {
        for p in [AND, NAND, OR] {
            for (x1, x2) in boundary(&p, RANGE) {
                assert!((p.w[0] * x1 + p.w[1] * x2 + p.b).abs() < 1e-12);
            }
        }
        assert_eq!(rule(&AND), "0.5 x1 + 0.5 x2 - 0.7 > 0");
        assert_eq!(rule(&NAND), "-0.5 x1 - 0.5 x2 + 0.7 > 0");
    }
}
