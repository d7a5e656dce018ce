//! Independent runs spread over the CPU's cores.

/// `f` applied to every item, the items split into one contiguous group per core, results in
/// the items' order. Each run depends only on its own item (give each its own seed), so the
/// results are the same on any number of cores.
pub fn parallel_map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = items.len().div_ceil(threads).max(1);
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        groups.push(items.by_ref().take(per_thread).collect());
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .into_iter()
            .map(|group| scope.spawn(move || group.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    })
}

/// Keeps each matrix product on the thread that asks for it (unless `MATMUL_NUM_THREADS` says
/// otherwise). The experiments already give every core a network of its own with
/// [`parallel_map`]; products that split themselves over the cores too only make the threads
/// queue for them (measured: 12-14 s instead of 6.5-10 s for `optimizer_compare_mnist`).
///
/// Call it first thing in `main`, before any thread starts.
pub fn one_thread_per_product() {
    if std::env::var_os("MATMUL_NUM_THREADS").is_none() {
        // SAFETY: changing the environment is unsound only while another thread may read it;
        // this runs at the start of `main`, when the program has no other thread.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("MATMUL_NUM_THREADS", "1");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order() {
        let out = super::parallel_map((0..17).collect(), |i: i32| i * i);
        assert_eq!(out, (0..17).map(|i| i * i).collect::<Vec<_>>());
        assert!(super::parallel_map(Vec::<i32>::new(), |i| i).is_empty());
    }
}
