//! The figures of the chapter's small scripts, each drawn into the path it is given.

use std::path::Path;

use ndarray::{Array1, Array2};

use dlfs_plot::{Contour, Figure, LineChart, PALETTE, Series, linspace};

use crate::functions::{function_1, tangent_line};
use crate::simple_net::SimpleNet;

/// f(x) = 0.01x² + 0.1x with its tangent lines at x = 5 and x = 10 (`gradient_1d`).
pub fn tangents(path: &Path) -> anyhow::Result<()> {
    let (slope_5, tangent_5) = tangent_line(function_1, 5.0);
    let (slope_10, tangent_10) = tangent_line(function_1, 10.0);
    let x = linspace(0.0, 20.0, 201);
    LineChart::new("f(x) = 0.01x² + 0.1x and its tangents", "x", "f(x)")
        .series(Series::from_fn("f(x)", &x, function_1))
        .series(
            Series::from_fn(
                format!("tangent at x=5 (slope {slope_5:.3})"),
                &x,
                tangent_5,
            )
            .dashed(),
        )
        .series(
            Series::from_fn(
                format!("tangent at x=10 (slope {slope_10:.3})"),
                &x,
                tangent_10,
            )
            .dotted(),
        )
        .series(
            Series::from_points("", [(5.0, function_1(5.0)), (10.0, function_1(10.0))])
                .points_only()
                .color(PALETTE[3]),
        )
        .y_range(-1.0, 6.0)
        .save(path)
}

/// The points of a descent on x0² + x1² over the function's contour lines (`gradient_method`).
pub fn descent_path(title: String, points: Vec<(f64, f64)>, path: &Path) -> anyhow::Result<()> {
    Contour::new(title, "x0", "x1")
        .function((-3.5, 3.5), (-4.5, 4.5), |x0, x1| x0 * x0 + x1 * x1)
        .levels([0.5, 2.0, 4.5, 8.0, 12.5, 18.0, 24.5])
        .path(Series::from_points("x at each step", points).markers())
        .size(560, 680)
        .save(path)
}

/// Each run's distance from the minimum at every step, on a log scale, one line per learning
/// rate (`gradient_method`).
pub fn distance_by_lr(runs: &[(f64, Vec<Array1<f64>>)], path: &Path) -> anyhow::Result<()> {
    let mut chart = LineChart::new(
        "Distance from the minimum, by learning rate",
        "step",
        "‖x‖ (log scale)",
    )
    .log_y();
    for (k, (lr, xs)) in runs.iter().enumerate() {
        let norms = xs.iter().map(|x| x.dot(x).sqrt());
        chart = chart.series(Series::from_values(format!("lr = {lr:?}"), norms).color(PALETTE[k]));
    }
    chart.save(path)
}

/// One panel per weight of the 2×3 net: the loss as that weight alone moves ±1, and the tangent
/// whose slope is its entry of dW (`gradient_simplenet`).
pub fn loss_along_weights(
    net: &SimpleNet,
    (x, t): (&Array1<f64>, &Array1<f64>),
    dw: &Array2<f64>,
    path: &Path,
) -> anyhow::Result<()> {
    let mut fig = Figure::new("The loss along each weight, and the slope dL/dW gives it").cols(3);
    let loss0 = net.loss(x, t);
    for ((i, j), &w0) in net.w.indexed_iter() {
        let ws = linspace(w0 - 1.0, w0 + 1.0, 81);
        let loss_at = |w: f64| {
            let mut moved = net.clone();
            moved.w[[i, j]] = w;
            moved.loss(x, t)
        };
        let slope = dw[[i, j]];
        fig = fig.panel(
            LineChart::new(
                format!("W[{i}][{j}]: dL/dW = {slope:.3}"),
                format!("W[{i}][{j}]"),
                "loss",
            )
            .series(Series::from_fn("loss", &ws, loss_at))
            .series(Series::from_fn("tangent", &ws, |w| loss0 + slope * (w - w0)).dashed())
            .series(Series::from_points("", [(w0, loss0)]).points_only())
            .y_range(0.0, 2.0)
            .size(420, 340),
        );
    }
    fig.save(path)
}
