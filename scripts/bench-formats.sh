#!/usr/bin/env bash
# Benchmark of the readers of PDF, Word 97-2003 .doc, RTF and scans, one line per format:
# documents/s and peak memory (of relatoria and the tools it runs, which GNU time counts
# as its children), by `relatoria ingest` of the ten converted corpus documents of
# scripts/convert-corpus.sh in each format, into a fresh archive. .docx is measured the same
# way, as the yardstick.
#
# Usage: scripts/bench-formats.sh                (needs the tools of .ci/run and GNU time)
#
# Work files go to $BENCH_DIR (default /tmp/relatoria-bench-formats).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
work=${BENCH_DIR:-/tmp/relatoria-bench-formats}
[[ -x /usr/bin/time ]] || { echo "GNU time missing: apt-get install time"; exit 1; }
mkdir -p "$work"
bash scripts/convert-corpus.sh "$shared/corpus" "$work/converted" >/dev/null
bin=$(scripts/build-release.sh 2> >(tail -1 >&2))
echo "## $(nproc) cores, $($bin --version 2>/dev/null || echo relatoria)"
for fmt in docx doc rtf pdf scan.pdf; do
    in="$work/in-$fmt"
    rm -rf "$in" "$work/archive-$fmt"
    mkdir -p "$in"
    cp "$work/converted/"*."$fmt" "$in/"
    [[ $fmt == pdf ]] && rm -f "$in/"*.scan.pdf
    docs=$(find "$in" -type f | wc -l)
    pages=$(for f in "$in"/*; do pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}' || true; done | awk '{s+=$1} END {print s+0}')
    /usr/bin/time -v "$bin" ingest --archive "$work/archive-$fmt" "$in" > "$work/ingest-$fmt.out" 2> "$work/ingest-$fmt.time" || true
    awk -v f="$fmt" -v d="$docs" -v p="$pages" -v out="$(tail -1 "$work/ingest-$fmt.out")" '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); w = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
        /Maximum resident set size/ { r = $NF }
        END {
            printf "%-9s %2d documents", f, d
            if (p > 0) printf " (%d pages)", p
            printf ": %.2f documents/s, %.1f s, peak %d MB", d / w, w, r / 1024
            if (p > 0) printf ", %.1f s a page", w / p
            printf "  [%s]\n", out }' "$work/ingest-$fmt.time"
done
