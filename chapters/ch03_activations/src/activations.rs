//! Figures of the activation functions: the book's `step_function.py`, `sigmoid.py`,
//! `relu.py` and `sig_step_compare.py`, plus tanh and one chart comparing all four.

use std::path::Path;

use dlfs::functions::{relu, sigmoid, step, tanh};
use dlfs_plot::{LineChart, Series, linspace};

/// The x values every activation figure uses: -5 to 5 in steps of 0.05.
fn xs() -> Vec<f64> {
    linspace(-5.0, 5.0, 201)
}

/// One activation function drawn alone.
/// The page shows these four two to a row, in a table whose cells take about 420 px each of
/// the 880-px column, so they are drawn 400 x 300 and shown at their own size: the ticks, the
/// smallest text, read about 11 px high (at 480 x 360 the table shrank them under 10 px).
fn single(title: &str, name: &str, h: fn(f64) -> f64, y: (f64, f64)) -> LineChart {
    LineChart::new(title, "x", "h(x)")
        .series(Series::from_fn(name, xs(), h))
        .y_range(y.0, y.1)
        .size(400, 300)
}

// ANCHOR: step_chart
/// The step function: 0 up to x = 0, then 1 (the perceptron's activation).
pub fn step_chart() -> LineChart {
    single("Step function", "step", step, (-0.1, 1.1))
}
// ANCHOR_END: step_chart

/// The sigmoid: a smooth step from 0 to 1.
pub fn sigmoid_chart() -> LineChart {
    single(
        "Sigmoid: 1 / (1 + exp(-x))",
        "sigmoid",
        sigmoid,
        (-0.1, 1.1),
    )
}

/// ReLU: 0 for negative x, x itself for positive x.
pub fn relu_chart() -> LineChart {
    single("ReLU: max(0, x)", "relu", relu, (-1.0, 5.5))
}

/// tanh: a sigmoid stretched to (-1, 1) and centred on 0.
pub fn tanh_chart() -> LineChart {
    single("tanh", "tanh", tanh, (-1.1, 1.1))
}

/// The sigmoid and the step on one chart (step dashed): same shape, one smooth, one abrupt.
pub fn sig_step_chart() -> LineChart {
    LineChart::new("Sigmoid and step", "x", "h(x)")
        .series(Series::from_fn("sigmoid", xs(), sigmoid))
        .series(Series::from_fn("step", xs(), step).dashed())
        .y_range(-0.1, 1.1)
}

/// All four activations on one chart.
pub fn compare_chart() -> LineChart {
    LineChart::new("Activation functions", "x", "h(x)")
        .series(Series::from_fn("step", xs(), step).dashed())
        .series(Series::from_fn("sigmoid", xs(), sigmoid))
        .series(Series::from_fn("tanh", xs(), tanh))
        .series(Series::from_fn("ReLU", xs(), relu))
        .y_range(-1.2, 2.2)
}

/// Saves `chart` as `name` under `out` and prints the path.
pub fn save(chart: &LineChart, out: &dlfs_cli::OutArg, name: &str) -> anyhow::Result<()> {
    let path = out.path(name)?;
    chart.save(&path)?;
    println!("wrote {}", display(&path));
    Ok(())
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
