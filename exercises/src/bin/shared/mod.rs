//! What the `your_*` binaries share: a probe that runs your layers once on a tiny input before
//! training, so that an unfinished exercise is named in one line instead of a panic mid-run.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs each `(exercise, probe)` in order, silently; the first one that panics (a `todo!()`
/// left in, a shape that does not fit) becomes a one-line error naming the exercise.
pub fn ensure_finished(probes: &[(&str, &dyn Fn())]) -> anyhow::Result<()> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {})); // the probe's panic is reported below instead
    let failed = probes.iter().find_map(|&(name, probe)| {
        catch_unwind(AssertUnwindSafe(probe))
            .err()
            .map(|payload| (name, panic_message(payload.as_ref())))
    });
    std::panic::set_hook(hook);
    match failed {
        None => Ok(()),
        Some((name, message)) if message.starts_with("not yet implemented") => anyhow::bail!(
            "finish the exercise `{name}` first ({message}): cargo run -p learn -- check {name}"
        ),
        Some((name, message)) => anyhow::bail!(
            "your `{name}` panicked on a tiny input ({message}): cargo run -p learn -- check {name}"
        ),
    }
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(s), _) => s.to_string(),
        (_, Some(s)) => s.clone(),
        _ => "a panic".to_string(),
    }
}
