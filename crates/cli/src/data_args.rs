//! The data flags every binary that trains shares: `--data-dir` and `--dataset`.

use std::path::PathBuf;

use dataset::{DataError, DatasetKind, LoadOptions, Loader, Mnist};

/// `--data-dir DIR` and `--dataset mnist|fashion`; flatten it into a binary's clap struct:
///
/// ```no_run
/// use clap::Parser;
/// #[derive(Parser)]
/// struct Args {
///     #[command(flatten)]
///     data: dlfs_cli::DataArgs,
/// }
/// let args = Args::parse();
/// let mnist = args.data.load(dataset::LoadOptions::default())?;
/// # Ok::<(), dataset::DataError>(())
/// ```
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DataArgs {
    /// Folder with the four IDX files (directly, or under mnist/ or fashion-mnist/) [default:
    /// $DLFS_DATA_DIR, else the cache, else a download, else the bundled sample]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Which data set: handwritten digits or Zalando's clothes
    #[arg(long, value_parser = crate::choice::<DatasetKind>(), default_value = "mnist")]
    pub dataset: DatasetKind,
}

impl DataArgs {
    /// The loader these flags and the environment describe ([`Loader::from_env`]).
    pub fn loader(&self) -> Loader {
        Loader::from_env(self.dataset, self.data_dir.clone())
    }

    /// Loads the chosen data set from the first source that has it.
    pub fn load(&self, opts: LoadOptions) -> Result<Mnist, DataError> {
        self.loader().load(opts)
    }
}
