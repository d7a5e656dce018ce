//! The flags of a training run, `--iters` or `--epochs`, `--batch-size` and `--lr`, with each
//! binary's defaults taken from the book's script ([`Book`], given to [`parse`]).

use clap::builder::ArgPredicate;
use dlfs::trainer::TrainerConfig;

use crate::ranges::{at_least, positive};

/// How long a run trains: the book's scripts count either updates or passes over the images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// `iters_num` updates.
    Iters(usize),
    /// `epochs` passes over the training images, `train_size / batch_size` updates each.
    Epochs(usize),
}

/// A training script's settings as the book writes them at its top (`iters_num = 10000`,
/// `batch_size = 100`, `learning_rate = 0.1`): the defaults of a binary's [`TrainArgs`].
#[derive(Debug, Clone, Copy)]
pub struct Book {
    pub length: Length,
    pub batch_size: usize,
    /// `None` where the binary chooses the learning rate itself (one per optimizer).
    pub lr: Option<f64>,
}

impl Book {
    /// A script that trains for `iters` updates of `batch_size` images:
    /// `const BOOK: Book = Book::iters(10_000, 100).lr(0.1);`
    pub const fn iters(iters: usize, batch_size: usize) -> Book {
        Book {
            length: Length::Iters(iters),
            batch_size,
            lr: None,
        }
    }

    /// A script that trains for `epochs` passes over the images, `batch_size` at a time.
    pub const fn epochs(epochs: usize, batch_size: usize) -> Book {
        Book {
            length: Length::Epochs(epochs),
            batch_size,
            lr: None,
        }
    }

    /// With the script's learning rate.
    pub const fn lr(self, lr: f64) -> Book {
        Book {
            lr: Some(lr),
            ..self
        }
    }

    /// `cmd` with these settings as the defaults of its [`TrainArgs`] flags (shown by `--help`).
    pub fn defaults(self, cmd: clap::Command) -> clap::Command {
        let (flag, other, n) = match self.length {
            Length::Iters(n) => ("iters", "epochs", n),
            Length::Epochs(n) => ("epochs", "iters", n),
        };
        let cmd = cmd
            // the other count replaces the book's: no default when it is given
            .mut_arg(flag, |a| {
                a.default_value(n.to_string()).default_value_if(
                    other,
                    ArgPredicate::IsPresent,
                    None,
                )
            })
            .mut_arg("batch_size", |a| {
                a.default_value(self.batch_size.to_string())
            });
        match self.lr {
            Some(lr) => cmd.mut_arg("lr", |a| a.default_value(lr.to_string())),
            None => cmd,
        }
    }
}

/// Parses the command line of a binary that flattens [`TrainArgs`], with `book`'s defaults;
/// bad flags end the program with clap's one-line error and exit code 2.
pub fn parse<A: clap::Parser>(book: Book) -> A {
    parse_with(book, |cmd| cmd)
}

/// [`parse`], with a last change to the command (a default that depends on another flag).
pub fn parse_with<A: clap::Parser>(
    book: Book,
    change: impl FnOnce(clap::Command) -> clap::Command,
) -> A {
    let mut cmd = change(book.defaults(A::command()));
    let matches = cmd.get_matches_mut();
    A::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut cmd).exit())
}

/// `--iters N` or `--epochs N`, `--batch-size N`, `--lr LR`; flatten it into a binary's clap
/// struct and read the command line with [`parse`], which sets the book's defaults.
#[derive(Debug, Clone, clap::Args)]
pub struct TrainArgs {
    /// Number of mini-batch updates
    #[arg(long, value_parser = at_least(1), conflicts_with = "epochs")]
    pub iters: Option<usize>,
    /// Passes over the training images (an epoch is training images / batch size updates)
    #[arg(long, value_parser = at_least(1))]
    pub epochs: Option<usize>,
    /// Images per mini-batch
    #[arg(long, value_parser = at_least(1), default_value_t = 100)]
    pub batch_size: usize,
    /// Learning rate
    #[arg(long, value_parser = positive(), allow_negative_numbers = true)]
    pub lr: Option<f64>,
}

impl TrainArgs {
    /// How long to train: `--iters` or `--epochs`, whichever was given, else the book's.
    pub fn length(&self) -> Length {
        match (self.iters, self.epochs) {
            (_, Some(epochs)) => Length::Epochs(epochs),
            (Some(iters), None) => Length::Iters(iters),
            (None, None) => panic!("TrainArgs read without dlfs_cli::parse, which sets a default"),
        }
    }

    /// Updates of a run over `train_size` images (an epoch as the book's `Trainer` counts it).
    pub fn iters(&self, train_size: usize) -> usize {
        match self.length() {
            Length::Iters(iters) => iters,
            Length::Epochs(epochs) => {
                TrainerConfig::iters_for_epochs(epochs, train_size, self.batch_size)
            }
        }
    }

    /// The number of epochs, for a run that counts in epochs only: `--iters` is refused.
    pub fn epochs(&self) -> anyhow::Result<usize> {
        match self.length() {
            Length::Epochs(epochs) => Ok(epochs),
            Length::Iters(_) => anyhow::bail!("this run counts epochs: give --epochs, not --iters"),
        }
    }

    /// The learning rate: `--lr`, else the book's.
    pub fn lr(&self) -> f64 {
        self.lr
            .expect("TrainArgs read without dlfs_cli::parse, or with a Book without lr")
    }

    /// The trainer's settings for a run over `train_size` images: these flags' updates and
    /// batch size, the rest as [`TrainerConfig::default`].
    pub fn config(&self, train_size: usize) -> TrainerConfig {
        TrainerConfig {
            iters: self.iters(train_size),
            batch_size: self.batch_size,
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches, Parser};

    #[derive(Parser, Debug)]
    struct Args {
        #[command(flatten)]
        train: TrainArgs,
    }

    fn parse(book: Book, args: &[&str]) -> Result<TrainArgs, clap::Error> {
        let args = std::iter::once("bin").chain(args.iter().copied());
        let matches = book.defaults(Args::command()).try_get_matches_from(args)?;
        Ok(Args::from_arg_matches(&matches)?.train)
    }

    const CH05: Book = Book::iters(10_000, 100).lr(0.1);
    const CH07: Book = Book::epochs(20, 100).lr(0.001);

    #[test]
    fn the_books_defaults_and_what_replaces_them() {
        let a = parse(CH05, &[]).unwrap();
        assert_eq!(
            (a.length(), a.batch_size, a.lr()),
            (Length::Iters(10_000), 100, 0.1)
        );
        assert_eq!(a.config(60_000).iters, 10_000);
        let a = parse(CH07, &["--batch-size", "50", "--lr", "0.01"]).unwrap();
        assert_eq!(
            (a.length(), a.batch_size, a.lr()),
            (Length::Epochs(20), 50, 0.01)
        );
        assert_eq!(a.iters(60_000), 20 * 1200);
        // the other count replaces the book's
        assert_eq!(
            parse(CH05, &["--epochs", "2"]).unwrap().length(),
            Length::Epochs(2)
        );
        assert_eq!(
            parse(CH07, &["--iters", "7"]).unwrap().length(),
            Length::Iters(7)
        );
        assert_eq!(
            parse(CH07, &["--iters", "7"]).unwrap().config(60_000).iters,
            7
        );
    }

    #[test]
    fn bad_values_and_both_counts_are_refused() {
        for args in [
            &["--iters", "0"][..],
            &["--epochs", "0"],
            &["--batch-size", "0"],
            &["--lr", "0"],
            &["--lr", "-0.1"],
            &["--iters", "5", "--epochs", "1"],
        ] {
            let e = parse(CH05, args).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{args:?}");
            assert!(e.to_string().contains(args[0]), "{args:?}: {e}");
        }
    }

    #[test]
    fn help_shows_the_books_defaults() {
        let help = CH07.defaults(Args::command()).render_help().to_string();
        assert!(
            help.contains("[default: 20]") && help.contains("[default: 0.001]"),
            "{help}"
        );
    }
}
