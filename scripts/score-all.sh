#!/usr/bin/env bash
# Scores extraction on every evaluation set and prints one table each:
#   1. the tuning half of ../shared/corpus-world (config/eval/corpus-world-split.tsv)
#   2. its check half (scored only: never read or tuned to)
#   3. ../shared/corpus (the G24 corpus the rules began with; CI gates it at 0.95)
#   4. ../shared/corpus-real (real minutes of other organizations)
#   5. corpus-extra, further real records kept outside the repository (further tuning material;
#      scripts/collect-extra.py fetches them from config/eval/corpus-extra.tsv), when its folder
#      exists; skipped silently otherwise
#   6. the dates of a generated corpus (gencorpus.py --count COUNT --seed 7 --gold)
#
# Usage: scripts/score-all.sh [COUNT] [--verbose]   (COUNT default 3000; 300 is quicker;
# 0 skips the generated corpus)
# Environment: SHARED (default ../shared), EXTRA (default ../corpus-extra), BIN (default
# .build/debug/relatoria, built with `swift build` when BIN is not given), WORK (default
# /tmp/relatoria-score: the generated corpus is kept there between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
count=3000
verbose=()
for a in "$@"; do
    case "$a" in
        --verbose|-v) verbose=(--verbose) ;;
        *[!0-9]*|'') echo "usage: scripts/score-all.sh [COUNT] [--verbose]" >&2; exit 64 ;;
        *) count=$a ;;
    esac
done
shared=${SHARED:-../shared}
work=${WORK:-/tmp/relatoria-score}
if [[ -z "${BIN:-}" ]]; then
    swift build 2>&1 | tail -1 >&2
    bin=.build/debug/relatoria
else
    bin=$BIN
fi
bin=$(realpath "$bin")
mkdir -p "$work"
cmd="$bin extract --config $(pwd)/config --json {}"

# A half of corpus-world: a folder of copies of its documents and golds (the extractor refuses
# to open symbolic links).
half() {
    local side=$1 dir="$work/world-$1"
    rm -rf "$dir"; mkdir -p "$dir"
    awk -F'\t' -v side="$side" '!/^#/ && $2 == side {print $1}' config/eval/corpus-world-split.tsv | while read -r name; do
        cp "$shared/corpus-world/$name" "$shared/corpus-world/$name.gold.json" "$dir/"
    done
    echo "$dir"
}

for side in tuning check; do
    echo "## corpus-world, $side half"
    python3 "$shared/tools/score.py" "$(half $side)" --cmd "$cmd" "${verbose[@]}"
    echo
done
echo "## corpus"
python3 "$shared/tools/score.py" "$shared/corpus" --cmd "$cmd" "${verbose[@]}"
echo
echo "## corpus-real"
python3 "$shared/tools/score.py" "$shared/corpus-real" --cmd "$cmd" "${verbose[@]}"
echo
extra=${EXTRA:-../corpus-extra}
if [[ -d "$extra" ]]; then
    echo "## corpus-extra (further tuning material)"
    python3 "$shared/tools/score.py" "$extra" --cmd "$cmd" "${verbose[@]}"
    echo
fi
[[ $count -gt 0 ]] || exit 0
gen="$work/generated-seed7-$count"
if [[ ! -f "$gen/.complete" ]]; then
    rm -rf "$gen"
    python3 "$shared/tools/gencorpus.py" --out "$gen" --count "$count" --seed 7 --gold --quiet >/dev/null
    touch "$gen/.complete"
fi
echo "## dates of $count generated documents (gencorpus.py --seed 7 --gold)"
python3 scripts/score-dates.py "$gen" "$bin" "${verbose[@]}"
