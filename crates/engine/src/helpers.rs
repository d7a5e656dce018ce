//! Helper threads for a training loop: mini-batches drawn ahead, and work (measuring accuracy)
//! done in the background while the loop goes on learning.
//!
//! ```
//! let squares = dlfs_engine::helpers::with_helpers(|helpers| {
//!     let mut i = 0;
//!     let batches = helpers.prefetch(3, move || { i += 1; i }); // drawn on a helper thread
//!     let mut background = helpers.background();
//!     let mut done = Vec::new();
//!     for b in batches {
//!         done.extend(background.start(move || b * b)); // the previous job's result, if any
//!     }
//!     done.extend(background.wait());
//!     done
//! });
//! assert_eq!(squares, [1, 4, 9]);
//! ```
//!
//! Neither changes a number: the batches come in the order the one generator draws them, and a
//! background job works on its own copy of what it measures. The loop runs on one of rayon's
//! threads, so the larger matrix products inside it are cut over the cores ([`crate::linalg`]).

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{Scope, ScopedJoinHandle};

/// Mini-batches kept ready ahead of the loop: the helper draws until there are `AHEAD`, then
/// sleeps until the loop has taken them down to `REFILL_AT`. Waking a sleeping thread costs a
/// system call (about 10 µs on a virtual machine); woken for every batch, as a channel of
/// two wakes its sender, that was a twentieth of the two-layer net's training loop.
const AHEAD: usize = 8;
const REFILL_AT: usize = 2;

/// Runs `body` on one of rayon's threads with helper threads at hand, subnormal numbers
/// flushed to zero ([`crate::denormal`]); the helpers are all joined before this returns.
pub fn with_helpers<'env, R: Send>(
    body: impl for<'scope> FnOnce(Helpers<'scope, 'env>) -> R + Send,
) -> R {
    crate::parallel::run_in_pool(|| {
        crate::denormal::flushed(|| std::thread::scope(|scope| body(Helpers { scope })))
    })
}

/// The helper threads of [`with_helpers`].
#[derive(Clone, Copy)]
pub struct Helpers<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
}

impl<'scope, 'env> Helpers<'scope, 'env> {
    /// The `count` values `draw` gives, in order, computed on a helper thread up to eight
    /// ahead of the loop that takes them.
    pub fn prefetch<T: Send + 'scope>(
        &self,
        count: usize,
        mut draw: impl FnMut() -> T + Send + 'scope,
    ) -> impl Iterator<Item = T> + 'scope {
        let queue = Arc::new(Queue::default());
        let helper = Closes(Arc::clone(&queue));
        self.scope.spawn(move || {
            for _ in 0..count {
                if !helper.0.push(draw()) {
                    break; // the loop stopped early
                }
            }
        }); // the helper's end closes the queue, also when `draw` panics
        Closes(queue)
    }

    /// A slot for one background job at a time.
    pub fn background<T: Send + 'scope>(&self) -> Background<'scope, 'env, T> {
        Background {
            scope: self.scope,
            running: None,
        }
    }
}

/// The values a [`Helpers::prefetch`] helper has drawn and the loop not yet taken.
struct Queue<T> {
    state: Mutex<QueueState<T>>,
    /// Signalled when a value comes in (or the helper is done) while the loop waits.
    filled: Condvar,
    /// Signalled when the loop has taken the queue down to `REFILL_AT` (or stopped) while the
    /// helper sleeps.
    drained: Condvar,
}

struct QueueState<T> {
    values: VecDeque<T>,
    /// The helper has drawn its last value, or the loop has stopped taking them.
    closed: bool,
    loop_waits: bool,
    helper_waits: bool,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            state: Mutex::new(QueueState {
                values: VecDeque::with_capacity(AHEAD),
                closed: false,
                loop_waits: false,
                helper_waits: false,
            }),
            filled: Condvar::new(),
            drained: Condvar::new(),
        }
    }
}

impl<T> Queue<T> {
    fn lock(&self) -> MutexGuard<'_, QueueState<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The helper's side: adds `value`, first sleeping while the queue is full. `false` when
    /// the loop has stopped taking values.
    fn push(&self, value: T) -> bool {
        let mut state = self.lock();
        if state.values.len() >= AHEAD && !state.closed {
            state.helper_waits = true;
            state = self
                .drained
                .wait_while(state, |s| s.values.len() > REFILL_AT && !s.closed)
                .unwrap_or_else(|e| e.into_inner());
            state.helper_waits = false;
        }
        if state.closed {
            return false;
        }
        state.values.push_back(value);
        if state.loop_waits {
            self.filled.notify_one();
        }
        true
    }

    /// The loop's side: the next value, waiting for it if need be; `None` once the helper
    /// has drawn them all.
    fn pop(&self) -> Option<T> {
        let mut state = self.lock();
        if state.values.is_empty() && !state.closed {
            state.loop_waits = true;
            state = self
                .filled
                .wait_while(state, |s| s.values.is_empty() && !s.closed)
                .unwrap_or_else(|e| e.into_inner());
            state.loop_waits = false;
        }
        let value = state.values.pop_front();
        if state.helper_waits && state.values.len() <= REFILL_AT {
            self.drained.notify_one();
        }
        value
    }

    /// One side is done: the other stops waiting.
    fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        self.filled.notify_one();
        self.drained.notify_one();
    }
}

/// One end of a [`Helpers::prefetch`] queue, which closes it when dropped: the helper's end,
/// so that the loop stops waiting, and the loop's (an iterator), so that the helper stops.
struct Closes<T>(Arc<Queue<T>>);

impl<T> Iterator for Closes<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.0.pop()
    }
}

impl<T> Drop for Closes<T> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// One job at a time on a helper thread (see [`Helpers::background`]).
pub struct Background<'scope, 'env, T> {
    scope: &'scope Scope<'scope, 'env>,
    running: Option<ScopedJoinHandle<'scope, T>>,
}

impl<'scope, T: Send + 'scope> Background<'scope, '_, T> {
    /// Starts `job` on a helper thread. A job still running is waited for first, and its
    /// result returned: results come back in the order the jobs were started.
    pub fn start(&mut self, job: impl FnOnce() -> T + Send + 'scope) -> Option<T> {
        let previous = self.wait();
        self.running = Some(self.scope.spawn(job));
        previous
    }

    /// The result of the job, if it has finished (without waiting).
    pub fn finished(&mut self) -> Option<T> {
        if self.running.as_ref()?.is_finished() {
            return self.wait();
        }
        None
    }

    /// Waits for the job, if one is running, and returns its result.
    pub fn wait(&mut self) -> Option<T> {
        let job = self.running.take()?;
        Some(job.join().expect("a background job panicked"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetched_values_come_in_order_and_an_early_stop_ends_the_helper() {
        let taken = with_helpers(|helpers| {
            let mut i = 0;
            let all: Vec<usize> = helpers
                .prefetch(10 * AHEAD + 3, move || {
                    i += 1;
                    i
                })
                .collect();
            let mut j = 0;
            let first: Vec<usize> = helpers
                .prefetch(usize::MAX, move || {
                    j += 1;
                    j
                })
                .take(3 * AHEAD)
                .collect();
            (all, first) // with_helpers joins the helpers: an endless helper would hang here
        });
        assert_eq!(taken.0, (1..=10 * AHEAD + 3).collect::<Vec<_>>());
        assert_eq!(taken.1, (1..=3 * AHEAD).collect::<Vec<_>>());
    }

    #[test]
    fn a_helper_that_panics_ends_the_loop_instead_of_leaving_it_waiting() {
        let run = std::panic::catch_unwind(|| {
            with_helpers(|helpers| {
                let mut i = 0;
                let draw = move || {
                    i += 1;
                    assert!(i <= 3, "the fourth draw fails");
                    i
                };
                helpers.prefetch(10, draw).count()
            })
        });
        assert!(run.is_err(), "the helper's panic reaches the caller");
    }
}
