//! `rust-version` in Cargo.toml is the true minimum: no dependency in
//! Cargo.lock asks for a newer compiler, and the language features the code
//! uses (`if let … && let …` chains: Rust 1.88) are covered. Only one toolchain
//! can be installed where CI runs, so the minimum is checked against what the
//! dependencies declare rather than built with that compiler.

use std::process::Command;

fn version(v: &str) -> (u32, u32) {
    let mut parts = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[test]
fn declared_rust_version_covers_dependencies_and_language_features() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--locked", "--offline", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    let packages = meta["packages"].as_array().expect("packages");
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needed = p["rust_version"].as_str()?;
            (version(needed) > ours).then(|| format!("{} needs {needed}", p["name"]))
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "rust-version {} is below: {too_new:?}",
        env!("CARGO_PKG_RUST_VERSION")
    );
    // `if let … && let …` chains are stable since 1.88.
    assert!(ours >= (1, 88), "let chains need 1.88");
}
