//! Solution: the accuracy of a batch, argmax per row.

use ndarray::Array2;

/// The share of rows of `y` whose largest entry is at the column named by `t`.
pub fn accuracy(y: &Array2<f64>, t: &[usize]) -> f64 {
    let mut accuracy_cnt = 0;
    for (row, &label) in y.rows().into_iter().zip(t) {
        let mut p = 0; // np.argmax(row)
        for (k, &v) in row.iter().enumerate() {
            if v > row[p] {
                p = k;
            }
        }
        if p == label {
            accuracy_cnt += 1;
        }
    }
    accuracy_cnt as f64 / y.nrows() as f64
}
