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

use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

/// Mini-batches kept ready ahead of the loop.
const AHEAD: usize = 2;

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
    /// The `count` values `draw` gives, computed on a helper thread up to two ahead of the loop
    /// that takes them.
    pub fn prefetch<T: Send + 'scope>(
        &self,
        count: usize,
        mut draw: impl FnMut() -> T + Send + 'scope,
    ) -> impl Iterator<Item = T> + 'scope {
        let (ready, next): (_, Receiver<T>) = sync_channel(AHEAD);
        self.scope.spawn(move || {
            for _ in 0..count {
                if ready.send(draw()).is_err() {
                    break; // the loop stopped early
                }
            }
        });
        next.into_iter()
    }

    /// A slot for one background job at a time.
    pub fn background<T: Send + 'scope>(&self) -> Background<'scope, 'env, T> {
        Background {
            scope: self.scope,
            running: None,
        }
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
