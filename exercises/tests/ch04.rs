//! Checks for chapter 4's exercises: one module per exercise (`learn` groups tests by it).
#![cfg(feature = "check")]

mod check;

/// The book's example: the right answer is class 2.
fn t() -> ndarray::Array1<f64> {
    ndarray::array![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
}

/// The book's good guess: 0.6 on class 2.
fn y_good() -> ndarray::Array1<f64> {
    ndarray::array![0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
}

/// The book's bad guess: 0.6 on class 7, 0.1 on class 2.
fn y_bad() -> ndarray::Array1<f64> {
    ndarray::array![0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
}

mod mean_squared_error {
    use super::check::expect_near;
    use super::{t, y_bad, y_good};
    use exercises::ch04::mean_squared_error::mean_squared_error;

    #[test]
    fn the_books_two_guesses() {
        let e = mean_squared_error(&y_good(), &t());
        expect_near(
            "mean_squared_error(y = 0.6 on class 2, t = class 2)",
            e,
            0.0975,
            1e-12,
        );
        let e = mean_squared_error(&y_bad(), &t());
        expect_near(
            "mean_squared_error(y = 0.6 on class 7, t = class 2)",
            e,
            0.5975,
            1e-12,
        );
    }
}

mod cross_entropy_error {
    use super::check::expect_near;
    use super::{t, y_bad, y_good};
    use exercises::ch04::cross_entropy_error::cross_entropy_error;

    #[test]
    fn the_books_two_guesses() {
        let e = cross_entropy_error(&y_good(), &t());
        let name = "cross_entropy_error(y = 0.6 on class 2, t = class 2)";
        expect_near(name, e, 0.510825457099338, 1e-9);
        let e = cross_entropy_error(&y_bad(), &t());
        let name = "cross_entropy_error(y = 0.1 on class 2, t = class 2)";
        expect_near(name, e, 2.302584092994546, 1e-9);
    }

    #[test]
    fn a_zero_on_the_right_class_stays_finite() {
        let y = ndarray::array![0.0, 1.0];
        let t = ndarray::array![1.0, 0.0];
        let e = cross_entropy_error(&y, &t);
        expect_near(
            "cross_entropy_error([0, 1], [1, 0]) = -ln(1e-7)",
            e,
            16.11809565095832,
            1e-9,
        );
    }
}

mod cross_entropy_batch {
    use super::check::expect_near;
    use super::{t, y_bad, y_good};
    use exercises::ch04::cross_entropy_batch::{cross_entropy_labels, cross_entropy_one_hot};
    use ndarray::{Array2, Axis, stack};

    fn batch() -> Array2<f64> {
        stack(Axis(0), &[y_good().view(), y_bad().view()]).unwrap() // (2, 10)
    }

    #[test]
    fn one_hot_targets_average_over_the_batch() {
        let t = stack(Axis(0), &[t().view(), t().view()]).unwrap();
        let e = cross_entropy_one_hot(&batch(), &t);
        expect_near(
            "cross_entropy_one_hot(both guesses, class 2 twice)",
            e,
            1.406704775046942,
            1e-9,
        );
        let one = batch().slice_move(ndarray::s![..1, ..]);
        let t_one = t.slice_move(ndarray::s![..1, ..]);
        let e = cross_entropy_one_hot(&one, &t_one);
        expect_near(
            "cross_entropy_one_hot(a batch of 1)",
            e,
            0.510825457099338,
            1e-9,
        );
    }

    #[test]
    fn label_targets_read_one_entry_per_row() {
        let e = cross_entropy_labels(&batch(), &[2, 2]);
        expect_near(
            "cross_entropy_labels(both guesses, [2, 2])",
            e,
            1.406704775046942,
            1e-9,
        );
        let e = cross_entropy_labels(&batch(), &[2, 7]);
        expect_near(
            "cross_entropy_labels(both guesses, [2, 7])",
            e,
            0.510825457099338,
            1e-9,
        );
    }
}

mod numerical_diff {
    use super::check::expect_near;
    use exercises::ch04::numerical_diff::numerical_diff;

    /// The book's function_1: y = 0.01x² + 0.1x, whose slope is 0.02x + 0.1.
    fn function_1(x: f64) -> f64 {
        0.01 * x * x + 0.1 * x
    }

    #[test]
    fn the_books_slopes_at_5_and_10() {
        let d = numerical_diff(function_1, 5.0);
        expect_near(
            "numerical_diff(0.01x² + 0.1x, 5)",
            d,
            0.1999999999990898,
            1e-9,
        );
        let d = numerical_diff(function_1, 10.0);
        expect_near(
            "numerical_diff(0.01x² + 0.1x, 10)",
            d,
            0.2999999999986347,
            1e-9,
        );
    }

    #[test]
    fn a_cube_needs_the_central_difference() {
        // (x + h)³ - (x - h)³ = 6x²h + 2h³: the central difference is off by h² only.
        let d = numerical_diff(|x| x * x * x, 2.0);
        expect_near("numerical_diff(x³, 2)", d, 12.00000001, 1e-9);
    }
}

mod numerical_gradient {
    use super::check::{expect_array, expect_eq};
    use exercises::ch04::numerical_gradient::numerical_gradient;
    use ndarray::{Array1, array};

    /// The book's function_2: f(x0, x1) = x0² + x1².
    fn function_2(x: &Array1<f64>) -> f64 {
        x.mapv(|v| v * v).sum()
    }

    #[test]
    fn the_books_three_points() {
        for (x, expected) in [
            ([3.0, 4.0], [6.0, 8.0]),
            ([0.0, 2.0], [0.0, 4.0]),
            ([3.0, 0.0], [6.0, 0.0]),
        ] {
            let grad = numerical_gradient(function_2, &mut Array1::from(x.to_vec()));
            let name = format!("numerical_gradient(x0² + x1², {x:?})");
            expect_array(&name, &grad, &[2], &expected, 1e-7);
        }
    }

    #[test]
    fn x_is_restored() {
        let mut x = array![3.0, 4.0, -1.5];
        numerical_gradient(function_2, &mut x);
        expect_eq(
            "x after numerical_gradient(f, [3, 4, -1.5])",
            x.to_vec(),
            vec![3.0, 4.0, -1.5],
        );
    }
}

mod gradient_descent {
    use super::check::expect_array;
    use exercises::ch04::gradient_descent::gradient_descent;
    use ndarray::{Array1, array};

    fn function_2(x: &Array1<f64>) -> f64 {
        x.mapv(|v| v * v).sum()
    }

    #[test]
    fn a_hundred_steps_reach_the_minimum() {
        let x = gradient_descent(function_2, array![-3.0, 4.0], 0.1, 100);
        let expected = [-6.11110793e-10, 8.14814391e-10];
        let name = "gradient_descent(x0² + x1², from [-3, 4], lr 0.1, 100 steps)";
        expect_array(name, &x, &[2], &expected, 1e-15);
    }

    #[test]
    fn a_tiny_learning_rate_barely_moves() {
        let x = gradient_descent(function_2, array![-3.0, 4.0], 1e-10, 100);
        let name = "gradient_descent(x0² + x1², from [-3, 4], lr 1e-10, 100 steps)";
        expect_array(name, &x, &[2], &[-2.99999994, 3.99999992], 1e-9);
    }
}
