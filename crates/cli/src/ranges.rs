//! Value parsers for numbers that must lie in a range: `#[arg(long, value_parser = positive())]`.
//!
//! clap refuses a value outside the range, or one that is not a number, before the binary runs,
//! in one line that names the flag and the range, and exits with code 2:
//! `error: invalid value '0' for '--lr <LR>': must be a positive number`.
//!
//! Whole-number parsers take and give `usize` (every count flag is one), the others `f64`, so
//! the flag's field type is never left to inference.

use clap::builder::TypedValueParser;

/// A parser of `T` that lets through the values `ok` accepts; anything else, including text
/// that is not a number, is refused with "must be ..." (`must`).
fn checked<T>(
    must: String,
    ok: impl Fn(&T) -> bool + Clone + Send + Sync + 'static,
) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
{
    move |s: &str| match s.trim().parse::<T>() {
        Ok(v) if ok(&v) => Ok(v),
        _ => Err(format!("must be {must}")),
    }
}

/// A number above 0 (a learning rate, a standard deviation).
pub fn positive() -> impl TypedValueParser<Value = f64> {
    checked("a positive number".into(), |&v: &f64| {
        v.is_finite() && v > 0.0
    })
}

/// A number of 0 or more (a weight decay λ).
pub fn non_negative() -> impl TypedValueParser<Value = f64> {
    checked("0 or a positive number".into(), |&v: &f64| {
        v.is_finite() && v >= 0.0
    })
}

/// Any finite number (a starting point, a learning rate allowed to be negative).
pub fn finite() -> impl TypedValueParser<Value = f64> {
    checked("a finite number".into(), |v: &f64| v.is_finite())
}

/// A number of at most `hi` (an exponent of ten, at most 0).
pub fn at_most(hi: f64) -> impl TypedValueParser<Value = f64> {
    checked(format!("a number of at most {hi}"), move |&v: &f64| {
        v.is_finite() && v <= hi
    })
}

/// A ratio in [0, 1): a probability that may be 0 but not 1 (a dropout ratio).
pub fn ratio() -> impl TypedValueParser<Value = f64> {
    checked("at least 0 and below 1".into(), |&v: &f64| {
        (0.0..1.0).contains(&v)
    })
}

/// A fraction strictly between 0 and 1 (the share of images held out for validation).
pub fn fraction() -> impl TypedValueParser<Value = f64> {
    checked("between 0 and 1 (both excluded)".into(), |&v: &f64| {
        v > 0.0 && v < 1.0
    })
}

/// A whole number of at least `lo` (a count of iterations, images, layers).
pub fn at_least(lo: usize) -> impl TypedValueParser<Value = usize> {
    checked(format!("a whole number of at least {lo}"), move |&v| {
        v >= lo
    })
}

/// A whole number from `lo` to `hi`, both included.
pub fn between(lo: usize, hi: usize) -> impl TypedValueParser<Value = usize> {
    checked(format!("a whole number from {lo} to {hi}"), move |&v| {
        (lo..=hi).contains(&v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Args {
        #[arg(long, value_parser = positive(), default_value_t = 0.1, allow_negative_numbers = true)]
        lr: f64,
        #[arg(long, value_parser = at_least(1), default_value_t = 100)]
        batch_size: usize,
        #[arg(long, value_parser = ratio(), default_value_t = 0.2)]
        dropout_ratio: f64,
        #[arg(long, value_parser = between(1, 20))]
        layers: Option<usize>,
        #[arg(long, num_args = 2, value_parser = at_most(0.0), allow_negative_numbers = true)]
        log_lr: Vec<f64>,
    }

    fn error(args: &[&str]) -> String {
        let args = std::iter::once("bin").chain(args.iter().copied());
        Args::try_parse_from(args).unwrap_err().to_string()
    }

    #[test]
    fn values_in_range_pass_and_defaults_parse() {
        let a = Args::try_parse_from(["bin", "--layers", "20", "--log-lr", "-6", "-2"]).unwrap();
        assert_eq!((a.lr, a.batch_size, a.dropout_ratio), (0.1, 100, 0.2));
        assert_eq!((a.layers, a.log_lr), (Some(20), vec![-6.0, -2.0]));
    }

    #[test]
    fn values_out_of_range_are_refused_in_one_line_naming_the_flag_and_range() {
        for (args, flag, range) in [
            (&["--lr", "0"][..], "--lr", "a positive number"),
            (&["--lr", "-1"], "--lr", "a positive number"),
            (&["--lr", "NaN"], "--lr", "a positive number"),
            (&["--lr", "inf"], "--lr", "a positive number"),
            (&["--lr", "abc"], "--lr", "a positive number"),
            (&["--batch-size", "0"], "--batch-size", "at least 1"),
            (&["--dropout-ratio", "1"], "--dropout-ratio", "below 1"),
            (&["--layers", "21"], "--layers", "from 1 to 20"),
            (&["--log-lr", "-6", "1"], "--log-lr", "at most 0"),
        ] {
            let e = error(args);
            let first = e.lines().next().unwrap();
            assert!(
                first.starts_with("error: invalid value")
                    && first.contains(flag)
                    && first.ends_with(range),
                "{args:?}: {e}"
            );
        }
    }
}
