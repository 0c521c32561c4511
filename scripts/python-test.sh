#!/usr/bin/env bash
# Builds the Python wheel with maturin in a throwaway virtualenv, installs it with pytest,
# pandas and Dask, and runs the Python tests against the release binary. The two commands a
# user runs are in the README: `pip install ./crates/python` and `pytest crates/python/tests`.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${BRIEF_PY_VENV:-$(mktemp -d)/venv}
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet "maturin>=1.5,<2" pytest pandas "dask[dataframe,distributed]"
cargo build --release --locked -p brief-cli
wheels=$(mktemp -d)
"$venv/bin/maturin" build --release --locked --manifest-path crates/python/Cargo.toml \
  --out "$wheels" --quiet
# Reinstalled even if a wheel of the same version is there (a reused BRIEF_PY_VENV).
"$venv/bin/pip" install --quiet --force-reinstall --no-deps "$wheels"/*.whl
BRIEF_BIN="$PWD/target/release/brief" "$venv/bin/python" -m pytest -q crates/python/tests
