//! The chapter's computational graphs, drawn as SVG by `--bin ch05_diagrams` into `figures/`.
//!
//! The shopping graphs carry the numbers the chapter's MulLayer and AddLayer compute (the
//! functions take the bills that `buy_apple` and `buy_apple_orange` return); the layer graphs
//! (sigmoid, Affine, Softmax-with-Loss) carry formulas and shapes.

use dlfs_diagram::{Diagram, NAME, NODE, num};

use crate::{AppleBill, FruitBill, buy_apple, buy_apple_orange};

/// The inputs of the apple example: price of one apple, how many, tax factor.
pub const APPLE_INPUTS: [f64; 3] = [100.0, 2.0, 1.1];
/// The inputs of the apple-and-orange example: apple, count, orange, count, tax.
pub const FRUIT_INPUTS: [f64; 5] = [100.0, 2.0, 150.0, 3.0, 1.1];

/// Every diagram of the page with its file name.
pub fn all() -> Vec<(&'static str, Diagram)> {
    vec![
        ("graph_apple.svg", apple_graph(APPLE_INPUTS, &buy_apple())),
        (
            "graph_apple_orange.svg",
            apple_orange_graph(FRUIT_INPUTS, &buy_apple_orange()),
        ),
        ("graph_sigmoid.svg", sigmoid_graph()),
        ("graph_affine.svg", affine_graph()),
        ("graph_softmax_with_loss.svg", softmax_with_loss_graph()),
    ]
}

/// 2 apples × 100, × tax 1.1 = 220: forward values above the arrows, backward below.
pub fn apple_graph([apple, apple_num, tax]: [f64; 3], bill: &AppleBill) -> Diagram {
    let mut d = Diagram::new(
        720.0,
        240.0,
        "Computational graph of buying 2 apples with tax",
    );
    let y = 80.0;
    let apple_in = d.pill(50.0, y, "apple", NAME);
    let mul_apple = d.node(270.0, y, "×");
    let count_in = d.pill(270.0, 215.0, "apple count", NAME);
    let mul_tax = d.node(490.0, y, "×");
    let tax_in = d.pill(490.0, 215.0, "tax", NAME);
    let price = d.pill(665.0, y, "price", NAME);
    let f = |v: f64| Some(num(v));
    d.arrow(
        &apple_in,
        &mul_apple,
        f(apple).as_deref(),
        f(bill.dapple).as_deref(),
    );
    d.arrow(
        &count_in,
        &mul_apple,
        f(apple_num).as_deref(),
        f(bill.dapple_num).as_deref(),
    );
    let (apple_price, dapple_price) = (f(bill.apple_price), f(bill.dapple_price));
    d.arrow(
        &mul_apple,
        &mul_tax,
        apple_price.as_deref(),
        dapple_price.as_deref(),
    );
    d.arrow(
        &tax_in,
        &mul_tax,
        f(tax).as_deref(),
        f(bill.dtax).as_deref(),
    );
    d.arrow(&mul_tax, &price, f(bill.price).as_deref(), Some("1"));
    d
}

/// 2 apples × 100 and 3 oranges × 150, summed, × tax 1.1 = 715.
pub fn apple_orange_graph(
    [apple, apple_num, orange, orange_num, tax]: [f64; 5],
    bill: &FruitBill,
) -> Diagram {
    let mut d = Diagram::new(
        740.0,
        420.0,
        "Computational graph of buying apples and oranges with tax",
    );
    let (ya, yo, ym) = (125.0, 305.0, 215.0);
    let apple_in = d.pill(45.0, ya, "apple", NAME);
    let orange_in = d.pill(45.0, yo, "orange", NAME);
    let mul_apple = d.node(230.0, ya, "×");
    let mul_orange = d.node(230.0, yo, "×");
    let apple_count = d.pill(230.0, 22.0, "apple count", NAME);
    let orange_count = d.pill(230.0, 398.0, "orange count", NAME);
    let add = d.node(420.0, ym, "+");
    let mul_tax = d.node(580.0, ym, "×");
    let tax_in = d.pill(580.0, 335.0, "tax", NAME);
    let price = d.pill(695.0, ym, "price", NAME);
    let [apple_price, orange_price, all_price] = bill.subtotals.map(num);
    let [dapple_price, dorange_price, dall_price] = bill.dsubtotals.map(num);
    let edges = [
        (&apple_in, &mul_apple, num(apple), num(bill.dapple)),
        (
            &apple_count,
            &mul_apple,
            num(apple_num),
            num(bill.dapple_num),
        ),
        (&orange_in, &mul_orange, num(orange), num(bill.dorange)),
        (
            &orange_count,
            &mul_orange,
            num(orange_num),
            num(bill.dorange_num),
        ),
        (&mul_apple, &add, apple_price, dapple_price),
        (&mul_orange, &add, orange_price, dorange_price),
        (&add, &mul_tax, all_price, dall_price),
        (&tax_in, &mul_tax, num(tax), num(bill.dtax)),
        (&mul_tax, &price, num(bill.price), "1".to_string()),
    ];
    for (a, b, forward, backward) in edges {
        d.arrow(a, b, Some(&forward), Some(&backward));
    }
    d
}

/// The sigmoid as four nodes, top to bottom: forward values on the left, the backward values
/// (∂L/∂y times each node's local derivative) on the right; beside it the same as one node.
pub fn sigmoid_graph() -> Diagram {
    let mut d = Diagram::new(
        720.0,
        560.0,
        "Computational graph of the sigmoid, forward and backward",
    );
    let x = 250.0;
    let input = d.pill(x, 30.0, "x", NAME);
    let neg = d.node(x, 125.0, "×");
    let exp = d.node(x, 225.0, "exp");
    let add = d.node(x, 325.0, "+");
    let div = d.node(x, 425.0, "/");
    let output = d.pill(x, 525.0, "y", NAME);
    let minus_one = d.pill(120.0, 125.0, "−1", NODE);
    let one = d.pill(120.0, 325.0, "1", NODE);
    d.arrow(&minus_one, &neg, None, None);
    d.arrow(&one, &add, None, None);
    let dy = "∂L/∂y";
    let steps = [
        (&input, &neg, "x", format!("{dy} · y² · exp(−x)")),
        (&neg, &exp, "−x", format!("−{dy} · y² · exp(−x)")),
        (&exp, &add, "exp(−x)", format!("−{dy} · y²")),
        (&add, &div, "1 + exp(−x)", format!("−{dy} · y²")),
        (&div, &output, "y", dy.to_string()),
    ];
    for (a, b, forward, backward) in steps {
        d.arrow(a, b, Some(forward), Some(&backward));
    }
    let x = 560.0;
    let input = d.pill(x, 150.0, "x", NAME);
    let sigmoid = d.box_node(x, 260.0, "sigmoid");
    let output = d.pill(x, 370.0, "y", NAME);
    d.arrow(
        &input,
        &sigmoid,
        Some("x"),
        Some(&format!("{dy} · y(1 − y)")),
    );
    d.arrow(&sigmoid, &output, Some("y"), Some(dy));
    d.pill(x, 470.0, "y² · exp(−x) = y (1 − y)", NODE);
    d
}

/// Affine with a batch: X (N, 2) · W (2, 3) + B (3,), and the shapes of the gradients.
pub fn affine_graph() -> Diagram {
    let mut d = Diagram::new(
        740.0,
        275.0,
        "Computational graph of the Affine layer with batch shapes",
    );
    let y = 130.0;
    let x_in = d.pill(40.0, y, "X", NAME);
    let dot = d.box_node(270.0, y, "dot");
    let w_in = d.pill(270.0, 20.0, "W", NAME);
    let add = d.node(520.0, y, "+");
    let b_in = d.pill(520.0, 252.0, "B", NAME);
    let y_out = d.pill(700.0, y, "Y", NAME);
    d.arrow(&x_in, &dot, Some("X  (N, 2)"), Some("dX = dY · Wᵀ  (N, 2)"));
    d.arrow(&w_in, &dot, Some("W  (2, 3)"), Some("dW = Xᵀ · dY  (2, 3)"));
    d.arrow(&dot, &add, Some("X · W  (N, 3)"), Some("dY  (N, 3)"));
    d.arrow(&b_in, &add, Some("B  (3,)"), Some("dB = Σₙ dY  (3,)"));
    d.arrow(&add, &y_out, Some("Y  (N, 3)"), Some("dY  (N, 3)"));
    d
}

/// Softmax followed by the cross-entropy error: backward, the two collapse to y − t.
pub fn softmax_with_loss_graph() -> Diagram {
    let mut d = Diagram::new(740.0, 215.0, "Computational graph of Softmax-with-Loss");
    let y = 80.0;
    let a_in = d.pill(30.0, y, "a", NAME);
    let softmax = d.box_node(200.0, y, "Softmax");
    let loss = d.box_node(470.0, y, "Cross Entropy Error");
    let l_out = d.pill(700.0, y, "L", NAME);
    let t_in = d.pill(470.0, 190.0, "t (one-hot label)", NAME);
    d.arrow(&a_in, &softmax, Some("a"), Some("y − t"));
    d.arrow(&softmax, &loss, Some("y"), Some("−t / y"));
    d.arrow(&t_in, &loss, None, None);
    d.arrow(&loss, &l_out, Some("L"), Some("1"));
    d.pill(150.0, 190.0, "a batch of N: (y − t) / N", NODE);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(d: &Diagram, label: &str) -> bool {
        d.texts().iter().any(|t| t == label)
    }

    #[test]
    fn the_apple_graph_shows_what_the_layers_compute() {
        let bill = buy_apple();
        let [apple, apple_num, tax] = APPLE_INPUTS;
        // the drawn inputs are the ones the layers multiplied
        assert_eq!(bill.apple_price, apple * apple_num);
        assert_eq!(bill.price, bill.apple_price * tax);
        let d = apple_graph(APPLE_INPUTS, &bill);
        // the book's numbers: forward 100, 2, 200, 1.1, 220; backward 1, 1.1, 200, 2.2, 110
        let labels: Vec<&str> = d.texts().iter().map(String::as_str).collect();
        let arrows = &labels[labels.len() - 10..];
        assert_eq!(
            arrows,
            [
                "100", "2.2", "2", "110", "200", "1.1", "1.1", "200", "220", "1"
            ]
        );
    }

    #[test]
    fn the_apple_orange_graph_shows_what_the_layers_compute() {
        let bill = buy_apple_orange();
        let [apple, apple_num, orange, orange_num, tax] = FRUIT_INPUTS;
        assert_eq!(bill.subtotals[0], apple * apple_num);
        assert_eq!(bill.subtotals[1], orange * orange_num);
        assert_eq!(bill.price, bill.subtotals[2] * tax);
        let d = apple_orange_graph(FRUIT_INPUTS, &bill);
        let labels: Vec<&str> = d.texts().iter().map(String::as_str).collect();
        let arrows = &labels[labels.len() - 18..];
        #[rustfmt::skip]
        let book = [
            "100", "2.2", "2", "110", "150", "3.3", "3", "165",
            "200", "1.1", "450", "1.1", "650", "1.1", "1.1", "650", "715", "1",
        ];
        assert_eq!(arrows, book);
    }

    #[test]
    fn the_layer_graphs_carry_the_books_formulas() {
        assert!(has(&sigmoid_graph(), "∂L/∂y · y(1 − y)"));
        assert!(has(&affine_graph(), "dW = Xᵀ · dY  (2, 3)"));
        assert!(has(&softmax_with_loss_graph(), "y − t"));
    }
}
