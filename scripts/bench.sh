#!/usr/bin/env bash
# Benchmark of ingest and search on synthetic corpora, beside recoll in the same run.
#
# Usage: scripts/bench.sh [COUNT ...]        (default: 2000 20000)
#
# For each COUNT it generates ../shared/tools/gencorpus.py --count COUNT --seed 1, builds the
# release binary, and reports: ingest documents/s and MB/s, peak memory, index size against
# corpus size, and search latency (median and p99) over a fixed mix of 24 queries, in one
# process (relatoria benchmark-search) and as CLI calls, both by the command alone (--no-daemon)
# and answered by a watcher running on the archive (relatoria watch). When recoll is installed
# (apt-get install recollcmd time), ../shared/tools/peer-recoll.sh runs on the same corpus
# and its summary is printed beside ours, then both CLIs timed side by side, query by query
# (paired_*: the fairer comparison on a machine whose speed drifts), then
# scripts/plain-pipeline.py's speed (the issue's yardstick for the machine). Work files go to $BENCH_DIR (default /tmp/relatoria-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
work=${BENCH_DIR:-/tmp/relatoria-bench}
counts=("$@"); [[ ${#counts[@]} -gt 0 ]] || counts=(2000 20000)
mkdir -p "$work"

# The installation build (scripts/build-release.sh: static Swift runtime, position-dependent).
echo "## build (scripts/build-release.sh)"
bin=$(scripts/build-release.sh 2> >(tail -1 >&2))
[[ -x /usr/bin/time ]] || { echo "GNU time missing: apt-get install time"; exit 1; }

for n in "${counts[@]}"; do
    corpus="$work/corpus-$n"
    archive="$work/archive-$n"
    [[ -d "$corpus" ]] || python3 "$shared/tools/gencorpus.py" --out "$corpus" --count "$n" --seed 1 --quiet >/dev/null
    docs=$(find "$corpus" -type f ! -name manifest.tsv ! -name '*.gold.json' | wc -l)
    bytes=$(find "$corpus" -type f ! -name manifest.tsv ! -name '*.gold.json' -printf '%s\n' | awk '{s+=$1} END {print s}')
    # A previous archive is moved aside and deleted at the end: ext4 skips inodes freed in the
    # last minute when it allocates new ones, so deleting 40,000 files just before the ingest
    # slowed its file creation (measured: +1 s of system time on 2,000 documents).
    if [[ -e "$archive" ]]; then mkdir -p "$work/trash"; mv "$archive" "$work/trash/archive-$n.$$"; fi
    echo
    echo "## relatoria, $docs documents ($((bytes / 1024)) KiB) — $(nproc) cores"
    /usr/bin/time -v "$bin" ingest --archive "$archive" "$corpus" > "$work/ingest-$n.out" 2> "$work/ingest-$n.time" || true
    tail -1 "$work/ingest-$n.out"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/ingest-$n.time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/ingest-$n.time")
    index_bytes=$(du -cb "$archive"/index.sqlite* | tail -1 | cut -f1)
    awk -v d="$docs" -v b="$bytes" -v w="$wall" -v r="$rss" -v i="$index_bytes" 'BEGIN {
        printf "ingest_wall_s=%.2f\ningest_docs_per_s=%.0f\ningest_mb_per_s=%.2f\ningest_peak_rss_kb=%d\n", w, d / w, b / w / 1048576, r
        printf "index_bytes=%d\nindex_to_corpus=%.2f\n", i, i / b }'
    "$bin" benchmark-search --archive "$archive" --repeat 20 | grep -E '^search_'
    # CLI calls: a fresh process per query, as a user types them, timed as peer-recoll.sh times
    # recollq (bash's clock around a command substitution, median of 3 runs per query), over
    # the same 20 queries in our query language (title:acta has no equivalent: acta); first by
    # the command alone, then answered by a watcher running on the archive.
    queries=('desplazamiento' 'Cancillería' 'reunion' 'Bogota' '"Comisión de Seguimiento"' '"Ley de Justicia y Paz"'
             '"comision de enlace"' 'Suecia bosques' '"derechos humanos" -OACNUDH' 'desplaz*' '"ACCIÓN SOCIAL"' 'acuerdos'
             'displacement' '"human rights defenders"' 'recommendation' 'OHCHR OR UNDP' 'Keller' 'acta'
             'comisión from:2006-01-01 to:2006-12-31' 'zzqxjv')
    # The same queries as peer-recoll.sh writes them for recollq, in the same order.
    recoll_queries=("${queries[@]}")
    recoll_queries[17]='title:acta'
    recoll_queries[18]='comisión date:2006-01-01/2006-12-31'
    cli_times() {  # NAME [ARGS...]: prints NAME_ms_median and NAME_ms_max
        local name=$1 q a b medians=() runs
        shift
        "$bin" search --archive "$archive" --limit 10 "$@" desplazamiento > /dev/null  # warm-up, as peer-recoll
        for q in "${queries[@]}"; do
            runs=()
            for _ in 1 2 3; do
                a=$EPOCHREALTIME
                out=$("$bin" search --archive "$archive" --limit 10 "$@" "$q" 2>/dev/null || true)
                b=$EPOCHREALTIME
                runs+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
            done
            medians+=("$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)")
        done
        printf '%s\n' "${medians[@]}" | sort -g | awk -v n="$name" '{ v[NR] = $1 } END {
            printf "%s_ms_median=%.2f\n%s_ms_max=%.2f\n", n, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, n, v[NR] }'
    }
    cli_times search_cli_alone --no-daemon
    mkdir -p "$work/inbox-$n"
    "$bin" watch --config config --inbox "$work/inbox-$n" --archive "$archive" > "$work/watch-$n.log" 2>&1 &
    watcher=$!
    for _ in $(seq 100); do [[ -S "$archive/watch/search.sock" ]] && break; sleep 0.1; done
    cli_times search_cli_watcher
    echo "watcher_rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$watcher/status")"
    sleep 1.2  # the watcher's status file is rewritten at most once a second
    echo "watcher_searches_answered=$("$bin" status --archive "$archive" --json | sed -n 's/^ *"searches" : \([0-9]*\).*/\1/p') of 61"
    kill -TERM "$watcher"
    wait "$watcher" || true
    if command -v recollindex >/dev/null; then
        echo
        echo "## recoll on the same corpus"
        rm -rf "$work/recoll-$n"
        bash "$shared/tools/peer-recoll.sh" "$corpus" "$work/recoll-$n" > "$work/recoll-$n.out" 2>&1 || true
        grep -E '^(index_wall_s|index_docs_per_s|index_mb_per_s|index_peak_rss_kb|index_bytes|query_ms_median|query_ms_max|errors_total)=' "$work/recoll-$n/summary.txt" || tail -5 "$work/recoll-$n.out"
        # The two CLIs side by side: each query by our command alone, then by recollq, three
        # times over, so that both see the same spells of the machine (its speed drifts by a
        # quarter within minutes; the figures above are minutes apart). Median per query, then
        # the median of those; and the queries where ours was no slower.
        if [[ -d "$work/recoll-$n/conf" ]]; then
            ours=() theirs=()
            for i in "${!queries[@]}"; do
                a=() b=()
                for _ in 1 2 3; do
                    t0=$EPOCHREALTIME
                    out=$("$bin" search --archive "$archive" --limit 10 --no-daemon "${queries[$i]}" 2>/dev/null || true)
                    t1=$EPOCHREALTIME
                    out=$(recollq -c "$work/recoll-$n/conf" -n 10 -E "${recoll_queries[$i]}" 2>/dev/null || true)
                    t2=$EPOCHREALTIME
                    a+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
                    b+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
                done
                ours+=("$(printf '%s\n' "${a[@]}" | sort -g | sed -n 2p)")
                theirs+=("$(printf '%s\n' "${b[@]}" | sort -g | sed -n 2p)")
            done
            median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
            faster=0
            for i in "${!ours[@]}"; do
                if awk -v a="${ours[$i]}" -v b="${theirs[$i]}" 'BEGIN { exit !(a <= b) }'; then faster=$((faster + 1)); fi
            done
            echo "paired_cli_alone_ms_median=$(median "${ours[@]}")"
            echo "paired_recollq_ms_median=$(median "${theirs[@]}")"
            echo "paired_queries_cli_no_slower=$faster of ${#queries[@]}"
        fi
    else
        echo "(recoll not installed: apt-get install recollcmd time, to compare)"
    fi
    echo
    echo "## the issue's yardstick: a plain single-core pipeline (strip tags, insert into FTS5)"
    python3 scripts/plain-pipeline.py "$corpus"
done
rm -rf "$work/trash"
