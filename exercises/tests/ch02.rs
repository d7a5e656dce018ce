//! Checks for chapter 2's exercises: one module per exercise (`learn` groups tests by it).
#![cfg(feature = "check")]

mod check;

mod gates {
    use super::check::expect_eq;
    use exercises::ch02::gates::{and, nand, or, perceptron};

    const INPUTS: [(f64, f64); 4] = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];

    fn table(gate: fn(f64, f64) -> u8) -> Vec<u8> {
        INPUTS.iter().map(|&(x1, x2)| gate(x1, x2)).collect()
    }

    #[test]
    fn perceptron_fires_above_zero() {
        expect_eq(
            "perceptron(1, 1, [0.5, 0.5], -0.7)",
            perceptron(1.0, 1.0, [0.5, 0.5], -0.7),
            1,
        );
        expect_eq(
            "perceptron(1, 0, [0.5, 0.5], -0.7)",
            perceptron(1.0, 0.0, [0.5, 0.5], -0.7),
            0,
        );
        expect_eq(
            "perceptron(0, 0, [0.0, 0.0], 0.0) (0 is not above 0)",
            perceptron(0.0, 0.0, [0.0, 0.0], 0.0),
            0,
        );
    }

    #[test]
    fn and_truth_table() {
        expect_eq(
            "AND for (0,0) (1,0) (0,1) (1,1)",
            table(and),
            vec![0, 0, 0, 1],
        );
    }

    #[test]
    fn nand_truth_table() {
        expect_eq(
            "NAND for (0,0) (1,0) (0,1) (1,1)",
            table(nand),
            vec![1, 1, 1, 0],
        );
    }

    #[test]
    fn or_truth_table() {
        expect_eq(
            "OR for (0,0) (1,0) (0,1) (1,1)",
            table(or),
            vec![0, 1, 1, 1],
        );
    }
}

mod xor {
    use super::check::expect_eq;
    use exercises::ch02::xor::xor;

    #[test]
    fn xor_truth_table() {
        let got: Vec<u8> = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
            .iter()
            .map(|&(x1, x2)| xor(x1, x2))
            .collect();
        expect_eq("XOR for (0,0) (1,0) (0,1) (1,1)", got, vec![0, 1, 1, 0]);
    }
}
