#!/usr/bin/env bash
# Latency (file closed → record searchable) and burst throughput of `relatoria watch`.
# Usage: scripts/watch-bench.sh [extra arguments of scripts/watch-bench.py, e.g. --settle 0.5]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release 2>&1 | tail -1
bin=$(swift build -c release --show-bin-path)/relatoria
exec python3 scripts/watch-bench.py "$bin" --work "${WATCH_BENCH_DIR:-/tmp/relatoria-watch-bench}" --shared "${SHARED:-../shared}" "$@"
