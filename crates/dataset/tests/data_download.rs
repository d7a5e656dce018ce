//! The downloader against a tiny HTTP server on 127.0.0.1 that serves good, corrupt and
//! cut-short files. The server answers a bounded number of requests and stops by itself.

mod data_common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use data_common::{TempDir, sums_of, tiny_set, write_set};
use dataset::{
    BOOK_COMMIT, BookWeights, DataError, DatasetKind, FILES, LoadOptions, Loader, Origin,
    WeightsLoader, download_files, idx,
};

/// What the server answers for one path.
#[derive(Clone)]
enum Reply {
    /// 200 with these bytes and their Content-Length.
    Good(Vec<u8>),
    /// 200 announcing the full length, then only half the bytes and a closed connection.
    CutShort(Vec<u8>),
    /// 200 without Content-Length: the body ends when the connection closes.
    NoLength(Vec<u8>),
}

/// A test HTTP server: GET only, one connection at a time, `Connection: close`.
struct Server {
    base: String,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(routes: HashMap<String, Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (stop2, requests2) = (stop.clone(), requests.clone());
        let thread = std::thread::spawn(move || {
            // Bounded: at most 100 requests and 60 seconds, then it stops by itself.
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut served = 0;
            while !stop2.load(Ordering::Relaxed) && Instant::now() < deadline && served < 100 {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        if let Some(path) = serve(stream, &routes) {
                            requests2.lock().unwrap().push(path);
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            base,
            stop,
            requests,
            thread: Some(thread),
        }
    }

    fn url(&self, mirror: &str) -> String {
        format!("{}/{mirror}/", self.base)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers one request; returns the path asked for.
fn serve(mut stream: TcpStream, routes: &HashMap<String, Reply>) -> Option<String> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    // Skip the headers up to the empty line.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? <= 2 {
            break;
        }
    }
    let head = |len: Option<usize>| {
        let len = len.map_or(String::new(), |n| format!("Content-Length: {n}\r\n"));
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n{len}Connection: close\r\n\r\n"
        )
    };
    let _ = match routes.get(&path) {
        Some(Reply::Good(b)) => stream
            .write_all(head(Some(b.len())).as_bytes())
            .and_then(|()| stream.write_all(b)),
        Some(Reply::CutShort(b)) => stream
            .write_all(head(Some(b.len())).as_bytes())
            .and_then(|()| stream.write_all(&b[..b.len() / 2])),
        Some(Reply::NoLength(b)) => stream
            .write_all(head(None).as_bytes())
            .and_then(|()| stream.write_all(b)),
        None => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
    Some(path)
}

/// The tiny set's files: raw bytes and `(name, sha256)` pairs.
fn tiny() -> ([Vec<u8>; 4], Vec<(String, String)>) {
    let files = tiny_set(3, 2);
    let sums = sums_of(&files);
    (files, sums)
}

fn pairs(sums: &[(String, String)]) -> Vec<(&str, &str)> {
    sums.iter().map(|(f, h)| (f.as_str(), h.as_str())).collect()
}

/// The folder's file names but the checksum memo, sorted (temporary files and locks would show
/// up here).
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name != ".verified")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_good_mirror_gives_verified_cached_files() {
    let (files, sums) = tiny();
    let routes = FILES
        .iter()
        .zip(&files)
        .map(|(name, b)| (format!("/good/{name}.gz"), Reply::Good(idx::gzip(b))))
        .collect();
    let server = Server::start(routes);
    let tmp = TempDir::new("dl-good");
    let dir = tmp.join("mnist");
    download_files(&dir, &pairs(&sums), &[&server.url("good")]).unwrap();
    let mut expected: Vec<String> = FILES.iter().map(|f| format!("{f}.gz")).collect();
    expected.sort();
    assert_eq!(listing(&dir), expected);
    for (name, bytes) in FILES.iter().zip(&files) {
        let got = idx::read_file(&dir.join(format!("{name}.gz"))).unwrap();
        assert_eq!(&got, bytes);
    }
    // A second call finds everything there and asks for nothing.
    let before = server.requests().len();
    download_files(&dir, &pairs(&sums), &[&server.url("good")]).unwrap();
    assert_eq!(server.requests().len(), before);
}

#[test]
fn a_bad_first_mirror_is_skipped_for_the_next() {
    let (files, sums) = tiny();
    let mut routes = HashMap::new();
    for (i, (name, b)) in FILES.iter().zip(&files).enumerate() {
        let gz = idx::gzip(b);
        // Mirror 1 fails a different way for each file.
        let bad = match i {
            0 => Reply::Good(idx::gzip(&files[2])), // valid gzip, wrong bytes: checksum
            1 => Reply::CutShort(gz.clone()),       // cut short against Content-Length
            2 => Reply::NoLength(gz[..gz.len() - 10].to_vec()), // truncated gzip
            _ => Reply::Good(b"not gzip, not IDX".to_vec()), // junk
        };
        routes.insert(format!("/m1/{name}.gz"), bad);
        routes.insert(format!("/m2/{name}.gz"), Reply::Good(gz));
    }
    let server = Server::start(routes);
    let tmp = TempDir::new("dl-fallback");
    let dir = tmp.join("mnist");
    download_files(&dir, &pairs(&sums), &[&server.url("m1"), &server.url("m2")]).unwrap();
    for (name, bytes) in FILES.iter().zip(&files) {
        assert_eq!(
            &idx::read_file(&dir.join(format!("{name}.gz"))).unwrap(),
            bytes
        );
    }
    let asked = server.requests();
    for name in FILES {
        assert!(asked.contains(&format!("/m1/{name}.gz")), "{asked:?}");
        assert!(asked.contains(&format!("/m2/{name}.gz")), "{asked:?}");
    }
    assert_eq!(
        listing(&dir).len(),
        4,
        "no temporary files: {:?}",
        listing(&dir)
    );
}

#[test]
fn a_dead_mirror_and_a_404_are_skipped_too() {
    let (files, sums) = tiny();
    let routes = FILES
        .iter()
        .zip(&files)
        .map(|(name, b)| (format!("/ok/{name}.gz"), Reply::Good(b.clone()))) // served raw
        .collect();
    let server = Server::start(routes);
    // A port where nothing listens: bind one, then free it.
    let dead = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/x/", l.local_addr().unwrap())
    };
    let tmp = TempDir::new("dl-dead");
    let dir = tmp.path().join("c");
    let mirrors = [dead.as_str(), &server.url("missing"), &server.url("ok")];
    download_files(&dir, &pairs(&sums), &mirrors).unwrap();
    // Served uncompressed, so stored under the plain names.
    let mut expected: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    expected.sort();
    assert_eq!(listing(&dir), expected);
}

#[test]
fn every_mirror_bad_is_a_clear_error_and_leaves_no_file() {
    let (files, sums) = tiny();
    let name = FILES[0];
    let gz = idx::gzip(&files[0]);
    let routes = HashMap::from([
        (format!("/a/{name}.gz"), Reply::CutShort(gz.clone())),
        (format!("/b/{name}.gz"), Reply::Good(idx::gzip(&files[1]))),
    ]);
    let server = Server::start(routes);
    let tmp = TempDir::new("dl-allbad");
    let dir = tmp.join("mnist");
    let e = download_files(&dir, &pairs(&sums), &[&server.url("a"), &server.url("b")])
        .expect_err("every mirror is bad");
    let msg = e.to_string();
    eprintln!("{msg}");
    assert!(
        matches!(e, DataError::Download { ref file, .. } if file == name),
        "{e:?}"
    );
    assert!(!msg.contains('\n'));
    assert!(
        msg.contains(&server.url("a")) && msg.contains(&server.url("b")),
        "{msg}"
    );
    assert!(msg.contains("SHA-256"), "{msg}");
    assert_eq!(
        listing(&dir),
        Vec::<String>::new(),
        "no file, no temporary file"
    );
}

#[test]
fn the_loader_downloads_into_the_cache_then_reads_it_from_there() {
    let (files, sums) = tiny();
    let routes = FILES
        .iter()
        .zip(&files)
        .map(|(name, b)| (format!("/fashion/{name}.gz"), Reply::Good(idx::gzip(b))))
        .collect();
    let server = Server::start(routes);
    let tmp = TempDir::new("dl-loader");
    let loader = Loader {
        cache_dir: Some(tmp.join("cache")),
        download: true,
        mirrors: vec![server.url("fashion")],
        sha256: sums,
        ..Loader::new(DatasetKind::Fashion)
    };
    let dir = tmp.join("cache/fashion-mnist");
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Downloaded(dir.clone()));
    assert_eq!(m.t_train.to_vec(), vec![0, 1, 2]);
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Cache(dir));
}

#[test]
fn the_loader_falls_back_to_the_sample_when_the_download_fails() {
    let server = Server::start(HashMap::new()); // every path is a 404
    let tmp = TempDir::new("dl-sample");
    let loader = Loader {
        cache_dir: Some(tmp.join("cache")),
        download: true,
        mirrors: vec![server.url("nothing")],
        ..Loader::new(DatasetKind::Mnist)
    };
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Sample);
    assert_eq!(listing(&tmp.join("cache/mnist")), Vec::<String>::new());
}

/// Routes serving the tiny set gzipped under `/good/`.
fn good_routes(files: &[Vec<u8>; 4]) -> HashMap<String, Reply> {
    FILES
        .iter()
        .zip(files)
        .map(|(name, b)| (format!("/good/{name}.gz"), Reply::Good(idx::gzip(b))))
        .collect()
}

#[test]
fn a_damaged_cached_file_is_downloaded_again() {
    let (files, sums) = tiny();
    let server = Server::start(good_routes(&files));
    let tmp = TempDir::new("dl-damaged");
    let dir = tmp.join("cache/mnist");
    write_set(&dir, &files, true);
    // The cached test labels changed: still a valid gzip and a valid IDX file, wrong content.
    let mut labels = files[3].clone();
    *labels.last_mut().unwrap() = 7;
    std::fs::write(dir.join(format!("{}.gz", FILES[3])), idx::gzip(&labels)).unwrap();
    let loader = Loader {
        cache_dir: Some(tmp.join("cache")),
        download: true,
        mirrors: vec![server.url("good")],
        sha256: sums,
        ..Loader::new(DatasetKind::Mnist)
    };
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Downloaded(dir.clone()));
    assert_eq!(m.t_test.to_vec(), vec![0, 1], "the right labels");
    assert_eq!(
        server.requests(),
        [format!("/good/{}.gz", FILES[3])],
        "only the damaged file is fetched"
    );
    // From then on it comes from the cache, verified, without a request.
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Cache(dir));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn download_files_replaces_a_damaged_file_it_finds() {
    let (files, sums) = tiny();
    let server = Server::start(good_routes(&files));
    let tmp = TempDir::new("dl-replace");
    let dir = tmp.join("mnist");
    write_set(&dir, &files, false);
    std::fs::write(dir.join(FILES[0]), &files[2]).unwrap(); // the test images as training images
    download_files(&dir, &pairs(&sums), &[&server.url("good")]).unwrap();
    assert_eq!(server.requests(), [format!("/good/{}.gz", FILES[0])]);
    assert!(!dir.join(FILES[0]).exists(), "the damaged file is gone");
    assert_eq!(
        idx::read_file(&dir.join(format!("{}.gz", FILES[0]))).unwrap(),
        files[0]
    );
}

#[test]
fn two_threads_downloading_the_same_files_fetch_each_once() {
    let (files, sums) = tiny();
    let server = Server::start(good_routes(&files));
    let tmp = TempDir::new("dl-threads");
    let dir = tmp.join("mnist");
    let url = server.url("good");
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..3)
            .map(|_| scope.spawn(|| download_files(&dir, &pairs(&sums), &[&url])))
            .collect();
        for run in runs {
            run.join().unwrap().unwrap();
        }
    });
    let mut asked = server.requests();
    asked.sort();
    let mut expected: Vec<String> = FILES.iter().map(|f| format!("/good/{f}.gz")).collect();
    expected.sort();
    assert_eq!(asked, expected, "each file fetched once");
    let mut names: Vec<String> = FILES.iter().map(|f| format!("{f}.gz")).collect();
    names.sort();
    assert_eq!(listing(&dir), names, "no temporary file or lock left");
}

#[test]
fn a_stale_lock_is_taken_over() {
    let (files, sums) = tiny();
    let server = Server::start(good_routes(&files));
    let tmp = TempDir::new("dl-stale");
    let dir = tmp.join("mnist");
    std::fs::create_dir_all(&dir).unwrap();
    // A lock left by a run killed 11 minutes ago.
    let lock = dir.join(format!(".{}.lock", FILES[0]));
    let file = std::fs::File::create(&lock).unwrap();
    file.set_modified(std::time::SystemTime::now() - Duration::from_secs(11 * 60))
        .unwrap();
    drop(file);
    let started = Instant::now();
    download_files(&dir, &pairs(&sums), &[&server.url("good")]).unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!lock.exists());
    assert_eq!(server.requests().len(), 4);
}

/// `--weights book`: the book's file from its repository (here the test server) at the 2016
/// commit, refused when its SHA-256 is wrong, cached when right, then read from the cache
/// without asking again (offline too).
#[test]
fn the_books_weights_are_downloaded_checked_and_cached() {
    let test = "the_books_weights_are_downloaded_checked_and_cached";
    let Some(pkl) = dataset::testing::shared_file(test, "book-weights/ch03_sample_weight.pkl")
    else {
        return;
    };
    let bytes = std::fs::read(&pkl).unwrap();
    let at = format!("/{BOOK_COMMIT}/ch03/sample_weight.pkl");
    let mut routes = HashMap::new();
    routes.insert(
        format!("/bad{at}"),
        Reply::Good(b"\x80\x03}q\x00.".to_vec()),
    );
    routes.insert(format!("/good{at}"), Reply::Good(bytes.clone()));
    let server = Server::start(routes);
    let tmp = TempDir::new("book-weights");
    let cached = tmp.join("cache/book-weights/ch03_sample_weight.pkl");
    let loader = WeightsLoader {
        data_dir: None,
        cache_dir: Some(tmp.join("cache")),
        download: true,
        base_url: server.url("bad"),
    };
    let e = loader.find(BookWeights::Ch03).unwrap_err().to_string();
    assert!(
        e.contains("wrong SHA-256") && e.contains(&cached.display().to_string()),
        "{e}"
    );
    assert!(!e.contains('\n'));
    assert!(!cached.exists());
    let loader = WeightsLoader {
        base_url: server.url("good"),
        ..loader
    };
    assert_eq!(loader.find(BookWeights::Ch03).unwrap(), cached);
    assert_eq!(std::fs::read(&cached).unwrap(), bytes);
    let asked = server.requests().len();
    let offline = WeightsLoader {
        download: false,
        ..loader
    };
    assert_eq!(offline.find(BookWeights::Ch03).unwrap(), cached);
    assert_eq!(server.requests().len(), asked, "the cache answered");
}
