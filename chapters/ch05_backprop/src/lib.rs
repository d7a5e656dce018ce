//! Chapter 5: backpropagation.
//!
//! The chapter-local pieces: the multiplication and addition nodes of the shopping example,
//! worked by hand. The real layers (Relu, Sigmoid, Affine, SoftmaxWithLoss) and the layered
//! two-layer net live in the core crate, `dlfs::layers` and `dlfs::net`, because later chapters
//! use them too.

// ANCHOR: mul_layer
/// A multiplication node: out = x · y. Backward swaps the inputs: ∂out/∂x = y, ∂out/∂y = x.
#[derive(Debug, Default)]
pub struct MulLayer {
    /// Both inputs: each one's gradient is the other one.
    xy: Option<(f64, f64)>,
}

impl MulLayer {
    pub fn forward(&mut self, x: f64, y: f64) -> f64 {
        self.xy = Some((x, y));
        x * y
    }

    /// Returns (dL/dx, dL/dy) from dL/dout.
    pub fn backward(&mut self, dout: f64) -> (f64, f64) {
        let (x, y) = self.xy.expect("MulLayer::backward called before forward");
        (dout * y, dout * x) // dx = dout * y, dy = dout * x
    }
}
// ANCHOR_END: mul_layer

// ANCHOR: add_layer
/// An addition node: out = x + y. Backward passes dout unchanged to both inputs.
#[derive(Debug, Default)]
pub struct AddLayer;

impl AddLayer {
    pub fn forward(&mut self, x: f64, y: f64) -> f64 {
        x + y
    }

    /// Returns (dL/dx, dL/dy) from dL/dout.
    pub fn backward(&mut self, dout: f64) -> (f64, f64) {
        (dout, dout)
    }
}
// ANCHOR_END: add_layer

/// The price and the derivatives of the price by each input, for the apple example (and the
/// middle arrow's value and derivative, which the graph on the page shows).
#[derive(Debug, Clone, PartialEq)]
pub struct AppleBill {
    pub price: f64,
    pub apple_price: f64,
    pub dapple_price: f64,
    pub dapple: f64,
    pub dapple_num: f64,
    pub dtax: f64,
}

// ANCHOR: buy_apple
/// 2 apples at 100 each, 10% tax: forward gives the price, backward from dprice = 1 gives how
/// much the price moves per unit change of each input.
pub fn buy_apple() -> AppleBill {
    let (apple, apple_num, tax) = (100.0, 2.0, 1.1);
    let mut mul_apple_layer = MulLayer::default();
    let mut mul_tax_layer = MulLayer::default();

    // forward
    let apple_price = mul_apple_layer.forward(apple, apple_num);
    let price = mul_tax_layer.forward(apple_price, tax);

    // backward, in the opposite order
    let dprice = 1.0;
    let (dapple_price, dtax) = mul_tax_layer.backward(dprice);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);
    AppleBill {
        price,
        apple_price,
        dapple_price,
        dapple,
        dapple_num,
        dtax,
    }
}
// ANCHOR_END: buy_apple

/// The price and its derivatives for the apple-and-orange example (and the inner arrows'
/// values and derivatives, which the graph on the page shows).
#[derive(Debug, Clone, PartialEq)]
pub struct FruitBill {
    pub price: f64,
    /// apple_price, orange_price, all_price
    pub subtotals: [f64; 3],
    /// dapple_price, dorange_price, dall_price
    pub dsubtotals: [f64; 3],
    pub dapple_num: f64,
    pub dapple: f64,
    pub dorange: f64,
    pub dorange_num: f64,
    pub dtax: f64,
}

// ANCHOR: buy_apple_orange
/// 2 apples at 100 and 3 oranges at 150, 10% tax: two products, a sum, then the tax.
pub fn buy_apple_orange() -> FruitBill {
    let (apple, apple_num, orange, orange_num, tax) = (100.0, 2.0, 150.0, 3.0, 1.1);
    let mut mul_apple_layer = MulLayer::default();
    let mut mul_orange_layer = MulLayer::default();
    let mut add_apple_orange_layer = AddLayer;
    let mut mul_tax_layer = MulLayer::default();

    // forward
    let apple_price = mul_apple_layer.forward(apple, apple_num);
    let orange_price = mul_orange_layer.forward(orange, orange_num);
    let all_price = add_apple_orange_layer.forward(apple_price, orange_price);
    let price = mul_tax_layer.forward(all_price, tax);

    // backward
    let dprice = 1.0;
    let (dall_price, dtax) = mul_tax_layer.backward(dprice);
    let (dapple_price, dorange_price) = add_apple_orange_layer.backward(dall_price);
    let (dorange, dorange_num) = mul_orange_layer.backward(dorange_price);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);
    FruitBill {
        price,
        subtotals: [apple_price, orange_price, all_price],
        dsubtotals: [dapple_price, dorange_price, dall_price],
        dapple_num,
        dapple,
        dorange,
        dorange_num,
        dtax,
    }
}
// ANCHOR_END: buy_apple_orange

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn buy_apple_matches_the_book() {
        let b = buy_apple();
        // the book prints price 220, dApple 2.2, dApple_num 110, dTax 200
        assert_abs_diff_eq!(b.price, 220.0, epsilon = 1e-9);
        assert_abs_diff_eq!(b.dapple, 2.2, epsilon = 1e-12);
        assert_abs_diff_eq!(b.dapple_num, 110.0, epsilon = 1e-9);
        assert_abs_diff_eq!(b.dtax, 200.0, epsilon = 1e-12);
    }

    #[test]
    fn buy_apple_orange_matches_the_book() {
        let b = buy_apple_orange();
        // the book prints price 715, dApple_num 110, dApple 2.2, dOrange 3.3, dOrange_num 165, dTax 650
        assert_abs_diff_eq!(b.price, 715.0, epsilon = 1e-9);
        assert_abs_diff_eq!(b.dapple_num, 110.0, epsilon = 1e-9);
        assert_abs_diff_eq!(b.dapple, 2.2, epsilon = 1e-12);
        assert_abs_diff_eq!(b.dorange, 3.3, epsilon = 1e-12);
        assert_abs_diff_eq!(b.dorange_num, 165.0, epsilon = 1e-9);
        assert_abs_diff_eq!(b.dtax, 650.0, epsilon = 1e-12);
    }
}

pub mod diagrams;
pub mod figures;

// ANCHOR: train_net
/// The book's training loop for chapter 5: plain SGD on random mini-batches, accuracy on the
/// full train and test sets once per epoch and at the end.
pub fn train_net(
    net: &mut dlfs::net::Sequential<f32>,
    mnist: &dataset::Mnist,
    lr: f64,
    iters: usize,
    batch_size: usize,
    rng: &mut (impl rand::Rng + Send),
) -> Result<dlfs::trainer::History, dlfs::trainer::TrainError> {
    let config = dlfs::trainer::TrainerConfig {
        iters,
        batch_size,
        ..Default::default()
    };
    let train_data = (mnist.x_train.view(), mnist.t_train.view());
    let test_data = (mnist.x_test.view(), mnist.t_test.view());
    dlfs::trainer::train(
        net,
        &mut dlfs::optimizer::Sgd::new(lr),
        train_data,
        test_data,
        &config,
        rng,
    )
}
// ANCHOR_END: train_net

/// Copies of the weight matrices (W1, W2, ...) by name, for the weight-distribution figure.
pub fn weights(net: &dlfs::net::Sequential<f32>) -> Vec<(String, Vec<f32>)> {
    net.params()
        .iter()
        .filter(|p| p.decay)
        .map(|p| (p.name.clone(), p.value.iter().copied().collect()))
        .collect()
}
