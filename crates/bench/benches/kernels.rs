//! SimpleConvNet's layers, one by one, forward and forward + backward on a batch of 100 MNIST
//! images, through the `Layer` trait as training calls them: `cargo bench -p dlfs_bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use dlfs::Mode;
use dlfs::net::SimpleConvNet;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::hint::black_box;

fn layers(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(0);
    let mut net = SimpleConvNet::default().build::<f32>(&mut rng);
    let names = net.layer_names();
    // a mini-batch of MNIST's shape, (100, 1, 28, 28), then each layer's output in turn
    let mut x = dlfs::float::randn::<f32, _>((100, 1, 28, 28), &mut rng).into_dyn();
    for (k, (layer, name)) in net.layers.iter_mut().zip(names).enumerate() {
        let out = layer.forward(x.clone(), Mode::Train);
        let what = format!("{k} {name} {:?}", x.shape());
        c.bench_function(&format!("{what} forward"), |b| {
            b.iter(|| black_box(layer.forward(x.clone(), Mode::Train)))
        });
        c.bench_function(&format!("{what} forward + backward"), |b| {
            b.iter(|| {
                layer.forward(x.clone(), Mode::Train);
                black_box(layer.backward(out.clone()))
            })
        });
        x = out;
    }
}

criterion_group!(benches, layers);
criterion_main!(benches);
