#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) with cargo-fuzz on the stable toolchain
# (RUSTC_BOOTSTRAP=1 lets cargo-fuzz use its nightly flags). Seeds are ours, in fuzz/seeds/.
# Run longer by hand: `bash scripts/fuzz.sh 3600`, or one target:
#   RUSTC_BOOTSTRAP=1 cargo fuzz run summarize fuzz/seeds/text -- -max_total_time=3600
# A crash is saved under fuzz/artifacts/TARGET/ and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
export RUSTC_BOOTSTRAP=1
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked --quiet
fi
declare -A SEEDS=([analyze]=text [split]=text [stem]=text [decode]=text [summarize]=text [classify]=text [config]=json [jsonl]=json [model]=model [digest]=digest)
cargo fuzz build -O
for target in analyze split stem decode summarize classify config jsonl model digest; do
  corpus=$(mktemp -d)
  cp fuzz/seeds/"${SEEDS[$target]}"/* "$corpus"/
  echo "== fuzz $target for ${SECS}s"
  status=0
  cargo fuzz run -O "$target" "$corpus" -- -max_total_time="$SECS" -rss_limit_mb=4096 \
      -max_len=65536 -timeout=20 > "$corpus.log" 2>&1 || status=$?
  grep -E "^Done|SUMMARY|ERROR|panicked" "$corpus.log" || true
  rm -rf "$corpus" "$corpus.log"
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target failed (artifacts in fuzz/artifacts/$target)"; exit 1
  fi
done
echo "fuzz: every target ran ${SECS}s without a crash"
