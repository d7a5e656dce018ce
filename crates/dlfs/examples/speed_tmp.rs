use dlfs::Mode;
use rand::{Rng, SeedableRng};
use std::time::Instant;
fn main() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(0);
    let x = ndarray::Array2::<f32>::from_shape_fn((60000, 784), |_| rng.random::<f32>()).into_dyn();
    let t: ndarray::Array1<usize> = (0..60000).map(|i| i % 10).collect();
    let xt = ndarray::Array2::<f32>::from_shape_fn((10000, 784), |_| rng.random::<f32>()).into_dyn();
    let tt: ndarray::Array1<usize> = (0..10000).map(|i| i % 10).collect();
    let mut net = dlfs::net::TwoLayerNet::default().build::<f32>(&mut rng);
    let mut opt = dlfs::optimizer::Sgd::new(0.1);
    let start = Instant::now();
    let cfg = dlfs::trainer::TrainerConfig { iters: 1000, evaluate: false, ..Default::default() };
    dlfs::trainer::train(&mut net, &mut opt, (x.view(), t.view()), (xt.view(), tt.view()), &cfg, &mut rng).unwrap();
    println!("1000 iters: {:.3}s", start.elapsed().as_secs_f64());
    let start = Instant::now();
    let a = net.accuracy(x.view(), t.view());
    let b = net.accuracy(xt.view(), tt.view());
    println!("one eval: {:.3}s {a} {b}", start.elapsed().as_secs_f64());
    let _ = Mode::Test;
}
