//! Checks for chapter 5's exercises: one module per exercise (`learn` groups tests by it).
#![cfg(feature = "check")]

mod check;
mod layers;

mod mul_layer {
    use super::check::expect_close;
    use exercises::ch05::mul_layer::MulLayer;

    #[test]
    fn forward_multiplies() {
        let mut node = MulLayer::new();
        expect_close(
            "MulLayer forward(3, 4)",
            &[node.forward(3.0, 4.0)],
            &[12.0],
            1e-12,
        );
    }

    #[test]
    fn backward_swaps_the_inputs() {
        let mut node = MulLayer::new();
        node.forward(3.0, 4.0);
        let (dx, dy) = node.backward(2.0);
        expect_close(
            "MulLayer (dx, dy) after forward(3, 4), backward(2)",
            &[dx, dy],
            &[8.0, 6.0],
            1e-12,
        );
    }

    #[test]
    fn the_apple_example() {
        let (apple, apple_num, tax) = (100.0, 2.0, 1.1);
        let mut mul_apple_layer = MulLayer::new();
        let mut mul_tax_layer = MulLayer::new();
        let apple_price = mul_apple_layer.forward(apple, apple_num);
        let price = mul_tax_layer.forward(apple_price, tax);
        expect_close(
            "price of 2 apples at 100 with tax 1.1",
            &[price],
            &[220.0],
            1e-9,
        );
        let (dapple_price, dtax) = mul_tax_layer.backward(1.0);
        let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);
        expect_close(
            "(dapple, dapple_num, dtax)",
            &[dapple, dapple_num, dtax],
            &[2.2, 110.0, 200.0],
            1e-9,
        );
    }
}

mod add_layer {
    use super::check::expect_close;
    use exercises::ch05::add_layer::AddLayer;
    use exercises::ch05::mul_layer::MulLayer;

    #[test]
    fn forward_adds_and_backward_passes_dout_on() {
        let mut node = AddLayer::new();
        expect_close(
            "AddLayer forward(3, 4)",
            &[node.forward(3.0, 4.0)],
            &[7.0],
            1e-12,
        );
        let (dx, dy) = node.backward(1.5);
        expect_close("AddLayer backward(1.5)", &[dx, dy], &[1.5, 1.5], 1e-12);
    }

    #[test]
    fn the_apple_and_orange_example() {
        let (apple, apple_num, orange, orange_num, tax) = (100.0, 2.0, 150.0, 3.0, 1.1);
        let mut mul_apple_layer = MulLayer::new();
        let mut mul_orange_layer = MulLayer::new();
        let mut add_apple_orange_layer = AddLayer::new();
        let mut mul_tax_layer = MulLayer::new();

        let apple_price = mul_apple_layer.forward(apple, apple_num);
        let orange_price = mul_orange_layer.forward(orange, orange_num);
        let all_price = add_apple_orange_layer.forward(apple_price, orange_price);
        let price = mul_tax_layer.forward(all_price, tax);
        expect_close("price of 2 apples and 3 oranges", &[price], &[715.0], 1e-9);

        let (dall_price, dtax) = mul_tax_layer.backward(1.0);
        let (dapple_price, dorange_price) = add_apple_orange_layer.backward(dall_price);
        let (dorange, dorange_num) = mul_orange_layer.backward(dorange_price);
        let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);
        expect_close(
            "(dapple_num, dapple, dorange, dorange_num, dtax)",
            &[dapple_num, dapple, dorange, dorange_num, dtax],
            &[110.0, 2.2, 3.3, 165.0, 650.0],
            1e-9,
        );
    }
}

mod relu {
    use super::layers::{expect_array, expect_gradients, forward_backward, input};
    use dlfs::{Layer, Mode};
    use exercises::ch05::relu::Relu;
    use ndarray::array;

    #[test]
    fn forward_and_backward_on_the_books_example() {
        let x = array![[1.0, -0.5], [-2.0, 3.0]].into_dyn();
        let dout = array![[10.0, 20.0], [30.0, 40.0]].into_dyn();
        let (out, dx) = forward_backward(&mut Relu::new(), &x, &dout);
        let expected = array![[1.0, 0.0], [0.0, 3.0]].into_dyn();
        expect_array("Relu forward [[1, -0.5], [-2, 3]]", &out, &expected, 1e-12);
        let expected = array![[10.0, 0.0], [0.0, 40.0]].into_dyn();
        expect_array("Relu backward [[10, 20], [30, 40]]", &dx, &expected, 1e-12);
    }

    #[test]
    fn test_mode_gives_the_same_output() {
        let x = input(&[3, 4], 1);
        let out = Layer::<f64>::forward(&mut Relu::new(), x.clone(), Mode::Test);
        expect_array(
            "Relu forward in Mode::Test",
            &out,
            &x.mapv(|v| v.max(0.0)),
            1e-12,
        );
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        for (shape, seed) in [(&[4, 7][..], 1), (&[3, 2, 5, 5], 2)] {
            expect_gradients("Relu", &mut Relu::new(), &input(shape, seed));
        }
    }
}

mod sigmoid {
    use super::layers::{expect_array, expect_gradients, forward_backward, input};
    use exercises::ch05::sigmoid::Sigmoid;
    use ndarray::array;

    #[test]
    fn forward_and_backward_by_hand() {
        let x = array![[0.0, 2.0], [-1.0, 100.0]].into_dyn();
        let s = |v: f64| 1.0 / (1.0 + (-v).exp());
        let expected = x.mapv(s);
        let dout = array![[1.0, 2.0], [3.0, 4.0]].into_dyn();
        let (out, dx) = forward_backward(&mut Sigmoid::new(), &x, &dout);
        expect_array(
            "Sigmoid forward [[0, 2], [-1, 100]]",
            &out,
            &expected,
            1e-12,
        );
        // dx = dout · y (1 - y): 1 · 0.25 at x = 0
        let expected = &dout * &expected.mapv(|y| y * (1.0 - y));
        expect_array("Sigmoid backward [[1, 2], [3, 4]]", &dx, &expected, 1e-12);
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        for (shape, seed) in [(&[5, 3][..], 3), (&[2, 3, 4, 4], 4)] {
            expect_gradients("Sigmoid", &mut Sigmoid::new(), &input(shape, seed));
        }
    }
}

mod affine {
    use super::layers::{expect_array, expect_gradients, forward_backward, input};
    use dlfs::{Layer, Param};
    use exercises::ch05::affine::Affine;
    use ndarray::{ArrayD, array};

    /// The learner's layer and the library's, with the same W (D, M) and b (M,).
    fn pair(d: usize, m: usize, seed: u64) -> (Affine<f64>, dlfs::layers::Affine<f64>) {
        let w = Param::new("W1", input(&[d, m], seed), true);
        let b = Param::new("b1", input(&[m], seed + 100), false);
        (
            Affine::new(w.clone(), b.clone()),
            dlfs::layers::Affine::new(w, b),
        )
    }

    #[test]
    fn forward_by_hand() {
        let w = Param::new(
            "W1",
            array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]].into_dyn(),
            true,
        );
        let b = Param::new("b1", array![0.1, 0.2, 0.3].into_dyn(), false);
        let mut layer = Affine::new(w, b);
        let x = array![[1.0, 1.0], [2.0, -1.0]].into_dyn();
        let out = layer.forward(x, dlfs::Mode::Train);
        let expected = array![[5.1, 7.2, 9.3], [-1.9, -0.8, 0.3]].into_dyn();
        expect_array("Affine forward x·W + b", &out, &expected, 1e-12);
    }

    #[test]
    fn backward_gives_dx_dw_db_like_the_librarys() {
        let (mut yours, mut library) = pair(6, 4, 5);
        let x = input(&[3, 6], 6);
        let dout = input(&[3, 4], 7);
        let (out, dx) = forward_backward(&mut yours, &x, &dout);
        let (lib_out, lib_dx) = forward_backward(&mut library, &x, &dout);
        expect_array("Affine forward (3, 6) → (3, 4)", &out, &lib_out, 1e-9);
        expect_array("Affine dx", &dx, &lib_dx, 1e-9);
        expect_array("Affine dW (W.grad)", &yours.w.grad, &library.w.grad, 1e-9);
        expect_array("Affine db (b.grad)", &yours.b.grad, &library.b.grad, 1e-9);
    }

    #[test]
    fn images_are_taken_row_by_row_and_dx_has_their_shape() {
        let (mut yours, mut library) = pair(2 * 3 * 3, 5, 8);
        let x = input(&[4, 2, 3, 3], 9);
        let dout = input(&[4, 5], 10);
        let (out, dx) = forward_backward(&mut yours, &x, &dout);
        let (lib_out, lib_dx): (ArrayD<f64>, _) = forward_backward(&mut library, &x, &dout);
        expect_array(
            "Affine forward of (4, 2, 3, 3) images",
            &out,
            &lib_out,
            1e-9,
        );
        expect_array("Affine dx for (4, 2, 3, 3) images", &dx, &lib_dx, 1e-9);
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        let (mut yours, _) = pair(6, 4, 11);
        expect_gradients("Affine", &mut yours, &input(&[3, 6], 12));
        let (mut yours, _) = pair(12, 3, 13);
        expect_gradients("Affine", &mut yours, &input(&[2, 3, 2, 2], 14));
    }
}

mod softmax_with_loss {
    use super::check::expect_close;
    use super::layers::{expect_array, input};
    use dlfs::gradient::numerical_gradient;
    use exercises::ch05::softmax_with_loss::SoftmaxWithLoss;
    use ndarray::{ArrayD, array};

    #[test]
    fn loss_of_the_books_scores() {
        // softmax([0.3, 2.9, 4.0]) = [0.0182, 0.2451, 0.7365]; label 2
        let x = array![[0.3, 2.9, 4.0]].into_dyn();
        let mut layer = SoftmaxWithLoss::<f64>::new();
        let loss = layer.forward(x, array![2].view());
        let expected = -(0.736_6_f64).ln();
        expect_close(
            "loss of [[0.3, 2.9, 4.0]] with label 2",
            &[loss],
            &[expected],
            1e-3,
        );
    }

    #[test]
    fn large_scores_do_not_overflow() {
        let x = array![[1010.0, 1000.0, 990.0]].into_dyn();
        let mut layer = SoftmaxWithLoss::<f64>::new();
        let loss = layer.forward(x, array![0].view());
        // softmax = [0.99995, 4.54e-5, 2.06e-9]
        expect_close(
            "loss of [[1010, 1000, 990]] with label 0",
            &[loss],
            &[4.54e-5],
            1e-2,
        );
    }

    #[test]
    fn backward_is_y_minus_t_over_n() {
        let x = input(&[4, 5], 21);
        let t = array![0, 3, 4, 3];
        let mut yours = SoftmaxWithLoss::<f64>::new();
        let mut library = dlfs::layers::SoftmaxWithLoss::<f64>::new();
        let loss = yours.forward(x.clone(), t.view());
        let lib_loss = library.forward(x, t.view());
        expect_close("loss of a (4, 5) batch", &[loss], &[lib_loss], 1e-9);
        expect_array("dx", &yours.backward(), &library.backward(), 1e-9);
    }

    #[test]
    fn backward_matches_the_numerical_gradient() {
        let mut x = input(&[3, 4], 22);
        let t = array![1, 0, 3];
        let mut layer = SoftmaxWithLoss::<f64>::new();
        layer.forward(x.clone(), t.view());
        let dx = layer.backward();
        let numerical = numerical_gradient(
            |x: &ArrayD<f64>| SoftmaxWithLoss::new().forward(x.clone(), t.view()),
            &mut x,
        );
        expect_array("dx against the numerical gradient", &dx, &numerical, 1e-6);
    }
}
