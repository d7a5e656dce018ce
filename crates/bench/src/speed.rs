//! How fast a network trains: timing its iterations stage by stage, counting their arithmetic,
//! and the GEMM rates they are compared with.

use std::time::Instant;

use dlfs::batch::random_batch;
use dlfs::net::{DeepConvNet, Sequential, SimpleConvNet};
use dlfs::optimizer::{Adam, Optimizer};
use dlfs::{Mode, Param};
use dlfs_engine::linalg::matmul;
use ndarray::{Array2, ArrayViewD};
use rand::Rng;

// ANCHOR: flops
/// Floating-point operations of one training iteration (forward and backward) of
/// SimpleConvNet on `batch` images, counting a multiply-add as 2.
///
/// Each of the three matrix products of a layer (forward, dW, dx) costs 2·rows·inner·cols:
/// 2·(N·OH·OW)·(C·FH·FW)·FN for the convolution, 2·N·D·M for an Affine D → M. Returns
/// (with the first layer's dx, as the book's code computes it; without it, as dlfs runs it).
pub fn iteration_flops(cfg: &SimpleConvNet, batch: usize) -> (f64, f64) {
    let (c, _, _) = cfg.input_dim;
    let (oh, ow) = cfg.conv_output_size();
    let p = cfg.conv_param;
    let n = batch as f64;
    let conv = 2.0
        * n
        * (oh * ow) as f64
        * (c * p.filter_size * p.filter_size) as f64
        * p.filter_num as f64;
    let affine2 = 2.0 * n * cfg.pool_output_size() as f64 * cfg.hidden_size as f64;
    let affine3 = 2.0 * n * cfg.hidden_size as f64 * cfg.output_size as f64;
    let without_dx = 2.0 * conv + 3.0 * affine2 + 3.0 * affine3;
    (without_dx + conv, without_dx)
}
// ANCHOR_END: flops

/// Floating-point operations of one training iteration of DeepConvNet on `batch` images,
/// counting a multiply-add as 2: each convolution's three products (forward, dW, dx) cost
/// 2·(N·OH·OW)·(C·3·3)·FN, each Affine's 2·N·D·M. Returns (with the first convolution's dx, as
/// the book's code computes it; without it, as dlfs runs it), like [`iteration_flops`].
pub fn deep_iteration_flops(cfg: &DeepConvNet, batch: usize) -> (f64, f64) {
    let n = batch as f64;
    let shapes = cfg.shapes(); // after conv 1, conv 2, pool, conv 3, conv 4, pool, ...
    let mut channels = cfg.input_dim.0;
    let (mut total, mut first_dx) = (0.0, 0.0);
    for (k, p) in cfg.conv_params.iter().enumerate() {
        let (fn_count, oh, ow) = shapes[k + k / 2]; // conv k's output, skipping the poolings
        let inner = channels * p.filter_size * p.filter_size; // C·FH·FW
        let product = 2.0 * n * (oh * ow * inner * fn_count) as f64;
        total += 3.0 * product; // forward, dW, dx
        first_dx = if k == 0 { product } else { first_dx };
        channels = fn_count;
    }
    let affines = [
        (cfg.flat_size(), cfg.hidden_size),
        (cfg.hidden_size, cfg.output_size),
    ];
    total += affines
        .iter()
        .map(|&(d, m)| 3.0 * 2.0 * n * (d * m) as f64)
        .sum::<f64>();
    (total, total - first_dx)
}

/// GFLOP/s of an `n` × `n` × `n` f32 product on every core, the best of `repeats` runs: the
/// peak the training speed is compared with.
pub fn gemm_peak(n: usize, repeats: usize) -> f64 {
    gemm_gflops((n, n, n), true, repeats)
}

/// GFLOP/s of an (m, k)·(k, n) f32 product through [`dlfs_engine::linalg::matmul`], the best of
/// `repeats` runs: called from rayon's pool as training calls it (`pool`: on every core when the
/// product is large enough), or from a thread of its own as the evaluations call it (one core).
pub fn gemm_gflops((m, k, n): (usize, usize, usize), pool: bool, repeats: usize) -> f64 {
    let a = Array2::<f32>::from_shape_fn((m, k), |(i, j)| ((i * 7 + j * 3) % 17) as f32 * 0.01);
    let b = Array2::<f32>::from_shape_fn((k, n), |(i, j)| ((i * 5 + j * 11) % 13) as f32 * 0.01);
    let mut c = Array2::<f32>::zeros((m, n));
    let mut best = || {
        (0..repeats.max(1))
            .map(|_| {
                let start = Instant::now();
                matmul(1.0, &a.view(), &b.view(), 0.0, &mut c.view_mut());
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let seconds = if pool {
        dlfs_engine::parallel::run_in_pool(best)
    } else {
        best()
    };
    2.0 * (m * k * n) as f64 / seconds / 1e9
}

/// Time spent in each stage of the training iterations, iteration by iteration.
#[derive(Debug, Clone, Default)]
pub struct Breakdown {
    /// Stage names: "Convolution forward", ..., "loss", "update", "batch".
    pub stages: Vec<String>,
    /// `seconds[i][s]`: iteration i, stage s.
    pub seconds: Vec<Vec<f64>>,
    /// Wall-clock seconds of the whole run.
    pub total: f64,
}

impl Breakdown {
    /// The shortest time of stage `s` over the iterations: what it costs when nothing else
    /// interrupts it (robust on a busy machine, where the mean is not).
    pub fn min(&self, s: usize) -> f64 {
        self.seconds
            .iter()
            .map(|it| it[s])
            .fold(f64::INFINITY, f64::min)
    }

    /// The stages summed by kind ("Convolution forward" over every convolution, "update", ...),
    /// in order of first appearance: (kind, sum of the fastest times, sum of the medians).
    pub fn by_kind(&self) -> Vec<(String, f64, f64)> {
        let mut kinds: Vec<(String, f64, f64)> = Vec::new();
        for (s, stage) in self.stages.iter().enumerate() {
            let (min, median) = (self.min(s), self.median(s));
            match kinds.iter_mut().find(|(kind, _, _)| kind == stage) {
                Some((_, a, b)) => (*a, *b) = (*a + min, *b + median),
                None => kinds.push((stage.clone(), min, median)),
            }
        }
        kinds
    }

    /// The median time of stage `s` over the iterations.
    pub fn median(&self, s: usize) -> f64 {
        let mut v: Vec<f64> = self.seconds.iter().map(|it| it[s]).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    }
}

/// Runs `iters` training iterations like [`dlfs::trainer::train`] (random mini-batches, Adam,
/// on one of rayon's threads, subnormal numbers flushed to zero), without evaluations, timing
/// every stage of every iteration with the wall clock.
pub fn timed_iterations(
    net: &mut Sequential<f32>,
    optimizer: &mut Adam<f32>,
    (x_train, t_train): (ArrayViewD<f32>, ndarray::ArrayView1<usize>),
    batch_size: usize,
    iters: usize,
    rng: &mut (impl Rng + Send),
) -> Breakdown {
    if !dlfs_engine::parallel::in_pool() {
        return dlfs_engine::parallel::run_in_pool(|| {
            dlfs_engine::denormal::flushed(|| {
                timed_iterations(net, optimizer, (x_train, t_train), batch_size, iters, rng)
            })
        });
    }
    let names = net.layer_names();
    let mut stages: Vec<String> = names.iter().map(|n| format!("{n} forward")).collect();
    stages.push("loss".into());
    stages.extend(names.iter().rev().map(|n| format!("{n} backward")));
    stages.extend(["update".into(), "batch".into()]);
    let start = Instant::now();
    let mut seconds = Vec::with_capacity(iters);
    for _ in 0..iters {
        let mut times = Vec::with_capacity(stages.len());
        let lap = Instant::now();
        let (mut x, t) = random_batch((x_train.view(), t_train), batch_size, rng);
        let batch = lap.elapsed().as_secs_f64();
        let mut lap = Instant::now();
        let mut tick = |times: &mut Vec<f64>| {
            let now = Instant::now();
            times.push((now - lap).as_secs_f64());
            lap = now;
        };
        for layer in net.layers.iter_mut() {
            x = layer.forward(x, Mode::Train);
            tick(&mut times);
        }
        net.last.forward(x, t.view());
        let mut dout = net.last.backward();
        tick(&mut times);
        for layer in net.layers.iter_mut().rev() {
            dout = layer.backward(dout);
            tick(&mut times);
        }
        let params: Vec<&mut Param<f32>> = net.params_mut();
        optimizer.update(params);
        tick(&mut times);
        times.push(batch);
        seconds.push(times);
    }
    Breakdown {
        stages,
        seconds,
        total: start.elapsed().as_secs_f64(),
    }
}
