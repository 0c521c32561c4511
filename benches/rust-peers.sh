#!/usr/bin/env bash
# brief beside the Rust crates `summary` (0.1) and `pithy` (0.1.7, its own command line's
# settings), whole process on the same inputs as
# benches/process.py (a 3 KB and a 1 MB text of BBC articles from ../shared, or the project's
# samples): builds the peer in benches/rust-peers/ (its own lock file, outside the workspace)
# and runs process.py with it.
#
# usage: bash benches/rust-peers.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p brief-cli
cargo build --release --locked -q --manifest-path benches/rust-peers/Cargo.toml
BRIEF_PEER_BIN=benches/rust-peers/target/release/rust-peers python3 benches/process.py "${1:-20}"
