//! Mini-batches: the book's `np.random.choice(train_size, batch_size)`.

use rand::Rng;

// ANCHOR: random_choice
/// `batch_size` row indices drawn uniformly from `0..train_size`, with replacement (an index
/// may come up twice): the rows of one mini-batch, as `np.random.choice(train_size,
/// batch_size)` picks them.
///
/// The draws are the ones [`crate::trainer::train`] makes for each batch, in the same order,
/// so one seed picks the same batches here and there.
///
/// # Panics
/// If `train_size` is 0 and `batch_size` is not: there is nothing to choose from.
pub fn random_choice(train_size: usize, batch_size: usize, rng: &mut impl Rng) -> Vec<usize> {
    assert!(
        train_size > 0 || batch_size == 0,
        "random_choice: cannot draw {batch_size} indices from 0 rows"
    );
    (0..batch_size)
        .map(|_| rng.random_range(0..train_size))
        .collect()
}
// ANCHOR_END: random_choice

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn indices_are_in_range_and_repeatable() {
        let a = random_choice(60000, 10, &mut StdRng::seed_from_u64(7));
        let b = random_choice(60000, 10, &mut StdRng::seed_from_u64(7));
        assert_eq!(a, b);
        assert_eq!(a.len(), 10);
        assert!(a.iter().all(|&i| i < 60000));
        assert!(random_choice(0, 0, &mut StdRng::seed_from_u64(7)).is_empty());
    }

    #[test]
    fn every_row_can_come_up() {
        let mut rng = StdRng::seed_from_u64(1);
        let mut seen = [false; 5];
        for i in random_choice(5, 200, &mut rng) {
            seen[i] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }
}
