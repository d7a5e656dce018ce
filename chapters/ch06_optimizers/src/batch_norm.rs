//! Training with and without batch normalization from the same weight scale
//! (the book's `ch06/batch_norm_test.py`).

use dlfs::net::{MultiLayerNetExtend, WeightInit};
use dlfs::optimizer::{Optimizer, Sgd};
use ndarray::{ArrayView1, ArrayViewD, Axis};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The setting shared by every run: the book's defaults.
#[derive(Debug, Clone)]
pub struct BnTest {
    pub hidden_size_list: Vec<usize>,
    pub epochs: usize,
    pub batch_size: usize,
    pub lr: f64,
}

impl Default for BnTest {
    fn default() -> Self {
        BnTest {
            hidden_size_list: vec![100; 5],
            epochs: 20,
            batch_size: 100,
            lr: 0.01,
        }
    }
}

/// Accuracy on the training images after each epoch, with and without batch normalization.
#[derive(Debug, Clone)]
pub struct BnRun {
    pub weight_init_std: f64,
    pub with_bn: Vec<f64>,
    pub without: Vec<f64>,
}

/// `n` weight scales evenly spaced in log scale from 1 down to 10⁻⁴ (`np.logspace(0, -4, n)`).
pub fn weight_scales(n: usize) -> Vec<f64> {
    dlfs_plot::linspace(0.0, -4.0, n)
        .into_iter()
        .map(|e| 10f64.powf(e))
        .collect()
}

// ANCHOR: train_pair
/// Trains two nets whose weights start at `weight_init_std` · N(0, 1), one with batch
/// normalization after every hidden Affine layer, on the same mini-batches with SGD, and
/// measures both on the training images once per epoch.
pub fn train_pair(
    (x_train, t_train): (ArrayViewD<f32>, ArrayView1<usize>),
    weight_init_std: f64,
    test: &BnTest,
    seed: u64,
) -> BnRun {
    let mut rng = StdRng::seed_from_u64(seed);
    let config = MultiLayerNetExtend {
        hidden_size_list: test.hidden_size_list.clone(),
        weight_init: WeightInit::Std(weight_init_std),
        ..Default::default()
    };
    let mut bn_network = MultiLayerNetExtend {
        use_batchnorm: true,
        ..config.clone()
    }
    .build::<f32>(&mut rng);
    let mut network = config.build::<f32>(&mut rng);
    let (mut bn_opt, mut opt) = (Sgd::new(test.lr), Sgd::new(test.lr));

    let train_size = t_train.len();
    let iter_per_epoch = (train_size / test.batch_size).max(1);
    let mut run = BnRun {
        weight_init_std,
        with_bn: Vec::new(),
        without: Vec::new(),
    };
    for i in 0.. {
        let batch_mask: Vec<usize> = (0..test.batch_size)
            .map(|_| rng.random_range(0..train_size))
            .collect();
        let x_batch = x_train.select(Axis(0), &batch_mask);
        let t_batch = t_train.select(Axis(0), &batch_mask);
        bn_network.gradient(x_batch.clone(), t_batch.view());
        bn_opt.update(bn_network.params_mut());
        network.gradient(x_batch, t_batch.view());
        opt.update(network.params_mut());

        if i % iter_per_epoch == 0 {
            run.with_bn
                .push(bn_network.accuracy(x_train.view(), t_train.view()));
            run.without
                .push(network.accuracy(x_train.view(), t_train.view()));
            if run.with_bn.len() >= test.epochs {
                break;
            }
        }
    }
    run
}
// ANCHOR_END: train_pair

/// Each scale's final training accuracies with and without batch normalization, how often
/// batch normalization came out ahead, and the grid of accuracy curves.
pub fn report(runs: &[BnRun], out: &dlfs_cli::OutArg) -> anyhow::Result<()> {
    let mut ahead = 0;
    for run in runs {
        let (bn, plain) = (run.with_bn.last().unwrap(), run.without.last().unwrap());
        println!(
            "W std {:>7}: train accuracy with batch norm {bn:.3}, without {plain:.3}",
            scale_label(run.weight_init_std)
        );
        ahead += usize::from(bn > plain);
    }
    println!("batch norm ahead: {ahead}");
    println!("scales: {}", runs.len());
    let path = crate::figures::batch_norm_grid(runs, out)?;
    println!("wrote {}", path.display());
    Ok(())
}

/// A weight scale as a short label: "1", "0.54", "2.5e-3".
pub fn scale_label(w: f64) -> String {
    if w >= 0.01 {
        let s = format!("{w:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{w:.1e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logspace_like_numpy() {
        let w = weight_scales(16);
        assert_eq!(w.len(), 16);
        assert!((w[0] - 1.0).abs() < 1e-12 && (w[15] - 1e-4).abs() < 1e-16);
        assert!((w[1] - 10f64.powf(-4.0 / 15.0)).abs() < 1e-12);
    }

    #[test]
    fn labels() {
        assert_eq!(scale_label(1.0), "1");
        assert_eq!(scale_label(0.5412), "0.54");
        assert_eq!(scale_label(0.0025), "2.5e-3");
    }
}
