#!/usr/bin/env bash
# Reliability run of the watcher daemon: drops COUNT generated documents into an inbox while
# killing `relatoria watch` with SIGKILL at random moments, then checks that nothing was lost
# or archived twice. Usage: scripts/reliability.sh [COUNT] [KILLS]   (default 10000 20)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release 2>&1 | tail -1
bin=$(swift build -c release --show-bin-path)/relatoria
exec python3 scripts/reliability.py "$bin" --count "${1:-10000}" --kills "${2:-20}" --work "${RELIABILITY_DIR:-/tmp/relatoria-reliability}" --shared "${SHARED:-../shared}"
