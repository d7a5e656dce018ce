//! Random search for the learning rate and the weight decay (the book's
//! `ch06/hyperparameter_optimization.py`).

use dlfs::net::MultiLayerNet;
use dlfs::optimizer::Sgd;
use dlfs::trainer::{TrainerConfig, train};
use dlfs_cli::OutArg;
use ndarray::{ArrayView1, ArrayViewD};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Where the search looks: exponents of ten, drawn uniformly.
#[derive(Debug, Clone, Copy)]
pub struct SearchSpace {
    /// lr = 10^u, u ~ U(lo, hi)
    pub log_lr: (f64, f64),
    /// weight decay λ = 10^u, u ~ U(lo, hi)
    pub log_weight_decay: (f64, f64),
}

impl Default for SearchSpace {
    /// The book's first, wide search: lr in [1e-6, 1e-2], λ in [1e-8, 1e-4].
    fn default() -> Self {
        SearchSpace {
            log_lr: (-6.0, -2.0),
            log_weight_decay: (-8.0, -4.0),
        }
    }
}

// ANCHOR: sample
impl SearchSpace {
    /// One random draw (lr, weight decay), uniform on a log scale: every factor of ten in the
    /// range is as likely as any other.
    pub fn sample(&self, rng: &mut impl Rng) -> (f64, f64) {
        let weight_decay =
            10f64.powf(rng.random_range(self.log_weight_decay.0..self.log_weight_decay.1));
        let lr = 10f64.powf(rng.random_range(self.log_lr.0..self.log_lr.1));
        (lr, weight_decay)
    }
}
// ANCHOR_END: sample

/// One trial's setting and what it measured.
#[derive(Debug, Clone)]
pub struct Trial {
    pub lr: f64,
    pub weight_decay: f64,
    /// Validation accuracy per epoch.
    pub val_acc: Vec<f64>,
    /// Training accuracy per epoch.
    pub train_acc: Vec<f64>,
}

impl Trial {
    /// The validation accuracy at the end: what the trials are ranked by.
    pub fn final_val_acc(&self) -> f64 {
        self.val_acc.last().copied().unwrap_or(0.0)
    }
}

// ANCHOR: trial
/// Trains a 784-100x6-10 net with SGD at `lr` and weight decay λ for `epochs` epochs on the
/// training part, measuring accuracy on it and on the validation part after each epoch.
/// The test set is never looked at: choosing by it would tune the net to the test set.
pub fn run_trial(
    train_set: (ArrayViewD<f32>, ArrayView1<usize>),
    validation: (ArrayViewD<f32>, ArrayView1<usize>),
    (lr, weight_decay): (f64, f64),
    epochs: usize,
    seed: u64,
) -> anyhow::Result<Trial> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut network = MultiLayerNet {
        hidden_size_list: vec![100; 6],
        weight_decay_lambda: weight_decay,
        ..Default::default()
    }
    .build::<f32>(&mut rng);
    let batch_size = 100.min(train_set.1.len());
    let config = TrainerConfig {
        iters: TrainerConfig::iters_for_epochs(epochs, train_set.1.len(), batch_size),
        batch_size,
        verbose: false,
        ..Default::default()
    };
    let history = train(
        &mut network,
        &mut Sgd::new(lr),
        train_set,
        validation,
        &config,
        &mut rng,
    )?;
    Ok(Trial {
        lr,
        weight_decay,
        val_acc: history.test_acc,
        train_acc: history.train_acc,
    })
}
// ANCHOR_END: trial

/// Prints each trial's final validation accuracy and setting (or that it diverged), as the
/// book's script does; returns the trials that finished, best first.
pub fn print_trials(results: Vec<((f64, f64), anyhow::Result<Trial>)>) -> Vec<Trial> {
    let mut trials: Vec<Trial> = Vec::new();
    for ((lr, weight_decay), trial) in results {
        match trial {
            Ok(trial) => {
                println!(
                    "val acc: {:.2} | lr: {lr:.3e}, weight decay: {weight_decay:.3e}",
                    trial.final_val_acc()
                );
                trials.push(trial);
            }
            Err(e) => {
                println!("diverged | lr: {lr:.3e}, weight decay: {weight_decay:.3e} ({e})")
            }
        }
    }
    trials.sort_by(|a, b| b.final_val_acc().total_cmp(&a.final_val_acc()));
    trials
}

/// The book's result table of the `best` trials (sorted best first), the best setting as
/// `name: value` lines, and the accuracy curves of the best trials.
pub fn report(trials: &[Trial], best: usize, out: &OutArg) -> anyhow::Result<()> {
    println!("=========== Hyper-Parameter Optimization Result ===========");
    let best: Vec<&Trial> = trials.iter().take(best).collect();
    for (k, trial) in best.iter().enumerate() {
        println!(
            "Best-{} (val acc: {:.2}) | lr: {:.3e}, weight decay: {:.3e}",
            k + 1,
            trial.final_val_acc(),
            trial.lr,
            trial.weight_decay
        );
    }
    let top = best
        .first()
        .ok_or_else(|| anyhow::anyhow!("every trial diverged: try a smaller --log-lr range"))?;
    println!("best validation accuracy: {:.4}", top.final_val_acc());
    println!("best lr: {:.3e}", top.lr);
    println!("best weight decay: {:.3e}", top.weight_decay);
    let path = crate::figures::best_trials(&best, out)?;
    println!("wrote {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_stay_in_the_space() {
        let space = SearchSpace::default();
        let mut rng = StdRng::seed_from_u64(0);
        let draws: Vec<_> = (0..1000).map(|_| space.sample(&mut rng)).collect();
        assert!(
            draws
                .iter()
                .all(|&(lr, wd)| (1e-6..1e-2).contains(&lr) && (1e-8..1e-4).contains(&wd))
        );
        // log-uniform: about a quarter of the learning rates in each decade
        let top = draws.iter().filter(|d| d.0 > 1e-3).count();
        assert!((200..300).contains(&top), "{top}");
    }
}
