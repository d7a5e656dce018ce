//! The cache is checked, not trusted: a damaged file in it is never used (offline, the loader
//! falls back to the sample), and a folder is recognised by its content, so the other data
//! set's files are refused. No network here (see data_download.rs for the downloads).

mod data_common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use data_common::{TempDir, sums_of, tiny_set, write_set};
use dataset::{
    Cut, DataError, DatasetKind, FILES, Known, LoadOptions, Loader, Origin, idx, load_dir,
    sha256_hex,
};

/// A bundled sample folder under `assets/`.
fn assets(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets")
        .join(name)
}

/// An offline loader of the tiny set over the cache folder `cache`.
fn offline(cache: PathBuf, files: &[Vec<u8>; 4]) -> Loader {
    Loader {
        cache_dir: Some(cache),
        download: false,
        sha256: sums_of(files),
        ..Loader::new(DatasetKind::Mnist)
    }
}

fn memo(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(".verified")).unwrap_or_default()
}

#[test]
fn cached_files_are_hashed_once_and_remembered_by_size_and_time() {
    let files = tiny_set(3, 2);
    let tmp = TempDir::new("cache-memo");
    let dir = tmp.join("cache/mnist");
    write_set(&dir, &files, true);
    let loader = offline(tmp.join("cache"), &files);
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Cache(dir.clone()));
    let memo1 = memo(&dir);
    for (name, bytes) in FILES.iter().zip(&files) {
        let line = memo1
            .lines()
            .find(|l| l.starts_with(&format!("{name}.gz ")))
            .unwrap_or_else(|| panic!("{name} not in the memo:\n{memo1}"));
        assert!(line.ends_with(&sha256_hex(bytes)), "{line}");
    }
    // The memo is what saves the hash: a file with the same size and time is not read again
    // (so the same labels, rewritten and given back their old time, are still accepted) ...
    let labels = dir.join(format!("{}.gz", FILES[1]));
    let time = std::fs::metadata(&labels).unwrap().modified().unwrap();
    std::fs::write(&labels, idx::gzip(&files[1])).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&labels)
        .unwrap()
        .set_modified(time)
        .unwrap();
    assert_eq!(
        loader.load(LoadOptions::default()).unwrap().origin,
        Origin::Cache(dir.clone())
    );
    assert_eq!(memo(&dir), memo1);
    // ... but a file whose time changed is hashed again, and a wrong one refused.
    let mut wrong = files[1].clone();
    wrong[8] = 9;
    std::fs::write(&labels, idx::gzip(&wrong)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&labels)
        .unwrap()
        .set_modified(time + Duration::from_secs(1))
        .unwrap();
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Sample, "not the damaged cache");
}

#[test]
fn a_damaged_cache_offline_falls_back_to_the_sample() {
    let files = tiny_set(3, 2);
    type Damage = fn(&Path);
    let broken: [(&str, Damage); 3] = [
        ("changed labels", |dir| {
            let mut labels = tiny_set(3, 2)[3].clone();
            labels[9] = 3;
            std::fs::write(dir.join(format!("{}.gz", FILES[3])), idx::gzip(&labels)).unwrap();
        }),
        ("cut-short gzip", |dir| {
            let gz = idx::gzip(&tiny_set(3, 2)[0]);
            std::fs::write(dir.join(format!("{}.gz", FILES[0])), &gz[..gz.len() / 2]).unwrap();
        }),
        ("empty file", |dir| {
            std::fs::write(dir.join(format!("{}.gz", FILES[2])), b"").unwrap();
        }),
    ];
    for (what, damage) in broken {
        let tmp = TempDir::new("cache-damaged");
        let dir = tmp.join("cache/mnist");
        write_set(&dir, &files, true);
        damage(&dir);
        let m = offline(tmp.join("cache"), &files)
            .load(LoadOptions::default())
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(m.origin, Origin::Sample, "{what}");
        assert_eq!(m.t_train.len(), 5000, "{what}");
    }
}

#[test]
fn the_bundled_samples_are_in_the_known_table() {
    for (kind, folder) in [
        (DatasetKind::Mnist, "mnist-sample"),
        (DatasetKind::Fashion, "fashion-sample"),
    ] {
        let set = Known::set(kind, Cut::Sample);
        for (i, name) in FILES.iter().enumerate() {
            let bytes = idx::read_file(&assets(folder).join(format!("{name}.gz"))).unwrap();
            let known = Known::identify(&sha256_hex(&bytes)).expect("a known file");
            assert_eq!(known, set[i]);
            assert_eq!(
                (known.kind, known.cut, known.name()),
                (kind, Cut::Sample, *name)
            );
        }
        assert_eq!(
            kind.sha256().map(|(_, sum)| sum),
            Known::set(kind, Cut::Full).map(|k| k.sha256)
        );
    }
    let mut sums: Vec<&str> = Known::all().map(|k| k.sha256).collect();
    assert_eq!(sums.len(), 16);
    sums.sort();
    sums.dedup();
    assert_eq!(sums.len(), 16, "16 different files");
}

#[test]
fn a_sample_folder_loads_as_its_own_set_and_is_refused_as_the_other() {
    let m = load_dir(
        &assets("mnist-sample"),
        DatasetKind::Mnist,
        LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(m.t_train.len(), 5000);
    for (folder, wanted, found, flag) in [
        (
            "mnist-sample",
            DatasetKind::Fashion,
            DatasetKind::Mnist,
            "--dataset mnist",
        ),
        (
            "fashion-sample",
            DatasetKind::Mnist,
            DatasetKind::Fashion,
            "--dataset fashion",
        ),
    ] {
        let e = load_dir(&assets(folder), wanted, LoadOptions::default()).unwrap_err();
        let msg = e.to_string();
        eprintln!("{msg}");
        assert!(
            matches!(e, DataError::WrongDataset { wanted: w, found: k, .. }
                if w == wanted && k.kind == found && k.cut == Cut::Sample),
            "{e:?}"
        );
        assert!(!msg.contains('\n') && msg.contains(flag), "{msg}");
        assert!(msg.contains(&format!("the {found} sample's")), "{msg}");
    }
}

#[test]
fn known_files_under_the_wrong_names_are_refused() {
    let tmp = TempDir::new("mixed-up");
    for name in FILES {
        let from = assets("mnist-sample").join(format!("{name}.gz"));
        std::fs::copy(from, tmp.join(&format!("{name}.gz"))).unwrap();
    }
    // The test labels where the training labels should be.
    std::fs::copy(
        tmp.join(&format!("{}.gz", FILES[3])),
        tmp.join(&format!("{}.gz", FILES[1])),
    )
    .unwrap();
    let e = load_dir(tmp.path(), DatasetKind::Mnist, LoadOptions::default()).unwrap_err();
    let msg = e.to_string();
    eprintln!("{msg}");
    assert!(
        matches!(e, DataError::WrongFile { wanted, .. } if wanted == FILES[1]),
        "{e:?}"
    );
    assert!(
        msg.contains("t10k-labels-idx1-ubyte") && msg.contains("mixed up"),
        "{msg}"
    );
}

#[test]
fn a_file_given_as_the_data_folder_is_an_error_saying_so() {
    let tmp = TempDir::new("notadir");
    let file = tmp.join("mnist.tar");
    std::fs::write(&file, b"not a folder").unwrap();
    let loader = Loader {
        data_dir: Some(file.clone()),
        ..Loader::new(DatasetKind::Mnist)
    };
    let e = loader.load(LoadOptions::default()).unwrap_err();
    let msg = e.to_string();
    eprintln!("{msg}");
    assert!(matches!(e, DataError::NotADir { .. }), "{e:?}");
    assert!(
        msg.contains("mnist.tar") && msg.contains("is a file, not a folder"),
        "{msg}"
    );
}

#[test]
fn a_memo_that_cannot_be_written_only_costs_a_hash() {
    // A read-only cache folder: the files are verified, the memo is not written, no error.
    let files = tiny_set(2, 1);
    let tmp = TempDir::new("cache-ro");
    let dir = tmp.join("cache/mnist");
    write_set(&dir, &files, true);
    let before = std::fs::metadata(&dir).unwrap().permissions();
    let mut perms = before.clone();
    perms.set_readonly(true);
    std::fs::set_permissions(&dir, perms).unwrap();
    let result = offline(tmp.join("cache"), &files).load(LoadOptions::default());
    std::fs::set_permissions(&dir, before).unwrap();
    assert_eq!(result.unwrap().origin, Origin::Cache(dir.clone()));
}
