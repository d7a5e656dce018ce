//! What the training run prints and draws when it is done.

use ndarray::{ArrayView1, ArrayView2, ArrayViewD, Ix2};

use dlfs::Float;
use dlfs_cli::OutArg;
use dlfs_plot::{LineChart, Series};

use crate::train::{History, TrainConfig, accuracy};
use crate::two_layer_net::TwoLayerNet;

/// The flattened images as the (N, 784) matrix they are.
pub fn as_matrix(x: ArrayViewD<f32>) -> ArrayView2<f32> {
    x.into_dimensionality::<Ix2>()
        .expect("flattened images are (N, 784)")
}

/// Prints the final accuracies, the gradient's cost (and, for the numerical one, its arithmetic
/// rate), and draws the loss and accuracy curves.
pub fn report<F: Float>(
    net: &TwoLayerNet<F>,
    history: &History,
    config: &TrainConfig,
    (x_train, t_train): (ArrayView2<f32>, ArrayView1<usize>),
    (x_test, t_test): (ArrayView2<f32>, ArrayView1<usize>),
    out: &OutArg,
) -> anyhow::Result<()> {
    println!("train accuracy: {:.4}", accuracy(net, x_train, t_train));
    println!("test accuracy: {:.4}", accuracy(net, x_test, t_test));
    let gradient = if config.numerical {
        format!("numerical, f64, {} thread(s)", config.threads)
    } else {
        "analytic, f32".to_string()
    };
    println!("gradient: {gradient}");
    let seconds = history.gradient_seconds / config.iters as f64;
    println!("time per gradient: {seconds:.6} s");
    if config.numerical {
        // two forward passes per parameter element, each two matrix products (multiply + add)
        let (input, hidden) = net.w1.dim();
        let output = net.w2.ncols();
        let passes = 2 * net.len();
        let flop = passes as f64
            * 2.0
            * config.batch_size as f64
            * (input * hidden + hidden * output) as f64;
        println!("forward passes per gradient: {passes}");
        println!("work per gradient: {:.0} GFLOP", flop / 1e9);
        println!("throughput: {:.1} GFLOP/s", flop / seconds / 1e9);
    }
    println!("time: {:.2} s", history.seconds);

    let loss = out.path("train_neuralnet_loss.png")?;
    let way = if config.numerical {
        "numerical"
    } else {
        "analytic"
    };
    LineChart::new(
        format!("Mini-batch loss ({way} gradient)"),
        "iteration",
        "loss",
    )
    .series(Series::from_values("loss after each update", &history.loss))
    .save(&loss)?;
    println!("wrote {}", loss.display());

    let acc = out.path("train_neuralnet_accuracy.png")?;
    let epochs: Vec<f64> = (0..history.train_acc.len()).map(|e| e as f64).collect();
    let (train, test) = (&history.train_acc, &history.test_acc);
    LineChart::accuracy("Accuracy per epoch", &epochs, train, test).save(&acc)?;
    println!("wrote {}", acc.display());
    Ok(())
}

/// A vector as the book prints it, eight decimals: `[1.05414809, 0.63071653, 1.13280740]`.
pub fn row(v: ndarray::ArrayView1<f64>) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:.8}")).collect();
    format!("[{}]", items.join(", "))
}

/// A matrix as a list of [`row`]s.
pub fn matrix(m: &ndarray::Array2<f64>) -> String {
    let rows: Vec<String> = m.rows().into_iter().map(row).collect();
    format!("[{}]", rows.join(", "))
}
