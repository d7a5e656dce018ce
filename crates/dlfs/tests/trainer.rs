//! The trainer's two helper threads (batches drawn ahead, accuracies measured on a copy of the
//! network) must give exactly what a plain loop on one thread gives.

use dataset::{DatasetKind, LoadOptions, load_sample};
use dlfs::batch::random_choice;
use dlfs::batch::select_rows;
use dlfs::net::TwoLayerNet;
use dlfs::optimizer::{Optimizer, Sgd};
use dlfs::trainer::{TrainerConfig, train};
use ndarray::{Axis, s};
use rand::SeedableRng;
use rand::rngs::StdRng;

#[test]
fn the_threads_change_no_number() {
    let m = load_sample(DatasetKind::Mnist, LoadOptions::default()).unwrap();
    let spec = TwoLayerNet {
        input_size: 784,
        hidden_size: 20,
        output_size: 10,
        weight_init_std: 0.01,
    };
    let config = TrainerConfig {
        iters: 120,
        batch_size: 50,
        evaluate_sample: Some(500),
        verbose: false,
        ..Default::default()
    };
    let (train_set, test_set) = (
        (m.x_train.view(), m.t_train.view()),
        (m.x_test.view(), m.t_test.view()),
    );

    let mut net = spec.build::<f32>(&mut StdRng::seed_from_u64(1));
    let mut rng = StdRng::seed_from_u64(2);
    let history = train(
        &mut net,
        &mut Sgd::new(0.1),
        train_set,
        test_set,
        &config,
        &mut rng,
    )
    .unwrap();

    // the same work in a plain loop, evaluating in line
    let mut plain = spec.build::<f32>(&mut StdRng::seed_from_u64(1));
    let mut rng = StdRng::seed_from_u64(2);
    let mut sgd = Sgd::new(0.1);
    let train_size = m.x_train.shape()[0];
    let iter_per_epoch = train_size / config.batch_size;
    let (mut loss, mut train_acc, mut test_acc) = (vec![], vec![], vec![]);
    for i in 0..config.iters {
        let mask = random_choice(train_size, config.batch_size, &mut rng);
        let x = select_rows(m.x_train.view(), &mask);
        let t = m.t_train.select(Axis(0), &mask);
        loss.push(f64::from(plain.gradient(x, t.view())));
        sgd.update(plain.params_mut());
        if i % iter_per_epoch == 0 || i + 1 == config.iters {
            let x = m.x_train.slice_axis(Axis(0), (0..500).into());
            train_acc.push(plain.accuracy(x, m.t_train.slice(s![..500])));
            let x = m.x_test.slice_axis(Axis(0), (0..500).into());
            test_acc.push(plain.accuracy(x, m.t_test.slice(s![..500])));
        }
    }
    assert_eq!(history.loss, loss);
    assert_eq!(history.train_acc, train_acc);
    assert_eq!(history.test_acc, test_acc);
    assert_eq!(history.eval_iters.len(), train_acc.len());
    assert!(
        train_acc.last().unwrap() > &0.5,
        "it learned: {train_acc:?}"
    );
    assert_eq!(
        net.accuracy(m.x_test.view(), m.t_test.view()),
        plain.accuracy(m.x_test.view(), m.t_test.view())
    );
}
