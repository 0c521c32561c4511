//! Links the `brief` executable as a non-PIE binary on Linux with glibc.
//!
//! The binary carries large constant tables (stop words, dictionaries, models): as a position-
//! independent executable it needs about 73,000 run-time relocations, which the loader applies on
//! every start (a quarter of the time of summarizing a 3 KB text). A fixed-address executable
//! needs none. The libraries are unaffected: this only changes how the `brief` binary is linked.
//!
//! A statically linked build (`cargo dist`: `crt-static` with the static relocation model) is a
//! fixed-address executable already; `-no-pie` on top of it would ask the linker for a
//! dynamically loaded one and make a binary that crashes in the loader, so it is left out.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let crt_static = features.split(',').any(|f| f == "crt-static");
    if os == "linux" && env == "gnu" && !crt_static {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
