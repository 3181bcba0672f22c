//! Sets `KEZHI_BUILD_ID`: a hash of the sources, `Cargo.toml` and `Cargo.lock`, the same for the page's
//! and the worker's wasm built from one tree and different for any other tree. The worker says it in
//! `Response::Ready`; a page that meets a worker of another build (a new version went onto the server
//! while the page was open, then the worker restarted) says to reload instead of misreading it.
//!
//! FNV-1a, 64 bits: a few lines, the same on every machine and Rust version (std's `DefaultHasher`
//! promises neither), and an id, not a defence against anyone.

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut paths = vec![PathBuf::from("Cargo.toml"), PathBuf::from("Cargo.lock")];
    files(Path::new("src"), &mut paths);
    paths.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &paths {
        let name = p.to_string_lossy().replace('\\', "/");
        for b in name.bytes().chain([0]).chain(fs::read(p).unwrap_or_default()).chain([0]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=KEZHI_BUILD_ID={h:016x}");
    for watched in ["src", "Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo:rerun-if-changed={watched}");
    }
}
