//! The convolution's kernels on SimpleConvNet's MNIST shapes (a batch of 100 images):
//! `cargo bench -p ch07_cnn`.

use criterion::{Criterion, criterion_group, criterion_main};
use dlfs::layers::{Convolution, Layer, Pooling};
use dlfs::{Mode, Tensor};
use dlfs_engine::conv::{Window, col2im, im2col};
use ndarray::Ix4;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::hint::black_box;

fn images(shape: (usize, usize, usize, usize), rng: &mut StdRng) -> Tensor {
    dlfs::float::randn::<f32, _>(shape, rng).into_dyn()
}

fn kernels(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(0);
    let x = images((100, 1, 28, 28), &mut rng); // a mini-batch of MNIST
    let win = Window::new(5, 5, 1, 0);
    let x4 = x.view().into_dimensionality::<Ix4>().unwrap();

    c.bench_function("im2col 100x1x28x28, 5x5", |b| {
        b.iter(|| black_box(im2col(x4, win)))
    });
    let col = im2col(x4, win); // (57600, 25)
    c.bench_function("col2im 57600x25 -> 100x1x28x28", |b| {
        b.iter(|| black_box(col2im(col.view(), (100, 1, 28, 28), win)))
    });

    let mut conv = Convolution::<f32>::init(1, (30, 1, 5, 5), 1, 0, 0.01, &mut rng);
    conv.set_needs_dx(false); // as the first layer of SimpleConvNet
    let out = conv.forward(x.clone(), Mode::Train); // (100, 30, 24, 24)
    c.bench_function("conv forward (train) 30 filters 5x5", |b| {
        b.iter(|| black_box(conv.forward(x.clone(), Mode::Train)))
    });
    c.bench_function("conv forward + backward (dW, db)", |b| {
        b.iter(|| {
            conv.forward(x.clone(), Mode::Train);
            black_box(conv.backward(out.clone()))
        })
    });
    conv.set_needs_dx(true);
    c.bench_function("conv forward + backward (dW, db, dx)", |b| {
        b.iter(|| {
            conv.forward(x.clone(), Mode::Train);
            black_box(conv.backward(out.clone()))
        })
    });

    let mut pool = Pooling::new(2, 2, 2, 0);
    let pooled = Layer::<f32>::forward(&mut pool, out.clone(), Mode::Train); // (100, 30, 12, 12)
    c.bench_function("pooling forward 2x2 s2 on 100x30x24x24", |b| {
        b.iter(|| black_box(Layer::<f32>::forward(&mut pool, out.clone(), Mode::Train)))
    });
    c.bench_function("pooling forward + backward", |b| {
        b.iter(|| {
            Layer::<f32>::forward(&mut pool, out.clone(), Mode::Train);
            black_box(Layer::<f32>::backward(&mut pool, pooled.clone()))
        })
    });
}

criterion_group!(benches, kernels);
criterion_main!(benches);
