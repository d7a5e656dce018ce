//! Checks for chapter 3's exercises: one module per exercise (`learn` groups tests by it).
#![cfg(feature = "check")]

mod check;

mod step_function {
    use super::check::expect_array;
    use exercises::ch03::step_function::step_function;
    use ndarray::array;

    #[test]
    fn one_above_zero_else_zero() {
        let y = step_function(&array![-1.0, 1.0, 2.0]);
        expect_array("step_function([-1, 1, 2])", &y, &[3], &[0.0, 1.0, 1.0], 0.0);
    }

    #[test]
    fn zero_is_not_above_zero() {
        let y = step_function(&array![0.0, -0.0, 1e-9]);
        expect_array(
            "step_function([0, -0, 1e-9])",
            &y,
            &[3],
            &[0.0, 0.0, 1.0],
            0.0,
        );
    }
}

mod sigmoid {
    use super::check::expect_array;
    use exercises::ch03::sigmoid::sigmoid;
    use ndarray::array;

    #[test]
    fn the_books_values() {
        let y = sigmoid(&array![-1.0, 1.0, 2.0]);
        let expected = [0.26894142, 0.73105858, 0.88079708];
        expect_array("sigmoid([-1, 1, 2])", &y, &[3], &expected, 1e-8);
    }

    #[test]
    fn one_half_at_zero_and_flat_far_out() {
        let y = sigmoid(&array![0.0, -1000.0, 1000.0]);
        expect_array(
            "sigmoid([0, -1000, 1000])",
            &y,
            &[3],
            &[0.5, 0.0, 1.0],
            1e-12,
        );
    }
}

mod relu {
    use super::check::expect_array;
    use exercises::ch03::relu::relu;
    use ndarray::array;

    #[test]
    fn negatives_become_zero() {
        let y = relu(&array![-1.0, 0.0, 2.0, -0.5, 0.25]);
        let expected = [0.0, 0.0, 2.0, 0.0, 0.25];
        expect_array("relu([-1, 0, 2, -0.5, 0.25])", &y, &[5], &expected, 0.0);
    }
}

mod softmax {
    use super::check::{expect_array, expect_near};
    use exercises::ch03::softmax::softmax;
    use ndarray::array;

    #[test]
    fn the_books_example() {
        let y = softmax(&array![0.3, 2.9, 4.0]);
        let expected = [0.01821127, 0.24519181, 0.73659691];
        expect_array("softmax([0.3, 2.9, 4.0])", &y, &[3], &expected, 1e-8);
        expect_near("the sum of softmax([0.3, 2.9, 4.0])", y.sum(), 1.0, 1e-12);
    }

    #[test]
    fn large_scores_do_not_overflow() {
        let y = softmax(&array![1010.0, 1000.0, 990.0]);
        let expected = [9.99954600e-01, 4.53978686e-05, 2.06106005e-09];
        expect_array("softmax([1010, 1000, 990])", &y, &[3], &expected, 1e-8);
    }
}

mod forward_3layer {
    use super::check::expect_array;
    use exercises::ch03::forward_3layer::{forward, init_network};
    use ndarray::array;

    #[test]
    fn the_books_output() {
        let y = forward(&init_network(), &array![1.0, 0.5]);
        let expected = [0.31682708, 0.69627909];
        expect_array(
            "forward(init_network(), [1.0, 0.5])",
            &y,
            &[2],
            &expected,
            1e-8,
        );
    }
}

mod accuracy {
    use super::check::expect_near;
    use exercises::ch03::accuracy::accuracy;
    use ndarray::array;

    #[test]
    fn three_of_four_rows_right() {
        let y = array![
            [0.1, 0.8, 0.1],
            [0.3, 0.1, 0.6],
            [0.2, 0.5, 0.3],
            [0.8, 0.1, 0.1]
        ];
        let t = [1, 2, 0, 0];
        expect_near(
            "accuracy of 4 rows with labels [1, 2, 0, 0]",
            accuracy(&y, &t),
            0.75,
            1e-12,
        );
    }

    #[test]
    fn all_right_and_all_wrong() {
        let y = array![[0.9, 0.1], [0.2, 0.8]];
        expect_near(
            "accuracy with labels [0, 1]",
            accuracy(&y, &[0, 1]),
            1.0,
            1e-12,
        );
        expect_near(
            "accuracy with labels [1, 0]",
            accuracy(&y, &[1, 0]),
            0.0,
            1e-12,
        );
    }
}
