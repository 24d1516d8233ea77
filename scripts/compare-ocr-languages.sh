#!/usr/bin/env bash
# Compares OCR's language settings on the 300-dpi scans of scripts/convert-corpus.sh: for each
# value of ocr.languages given (default: auto spa+eng spa), every scan's record against the
# record of its .docx, by FormatEquivalenceTests' rules (../shared/tools/score.py's matching):
# items matched, date and body right, the mean word confidence of the warnings line, and the
# CPU seconds a page (relatoria and its tesseract runs, so other work on the machine does not
# count). One line per setting.
#
#   bash scripts/compare-ocr-languages.sh CONVERTED [BINARY] [SETTING...]
#
# CONVERTED is convert-corpus.sh's output folder; BINARY defaults to .build/debug/relatoria.
set -euo pipefail
converted=${1:?folder of convert-corpus.sh output}
bin=${2:-.build/debug/relatoria}
shift $(( $# >= 2 ? 2 : $# ))
settings=("$@")
[[ ${#settings[@]} -gt 0 ]] || settings=(auto spa+eng spa)
root=$(cd "$(dirname "$0")/.." && pwd)
python3 - "$converted" "$bin" "$root" "${settings[@]}" <<'PY'
import json, os, re, resource, shutil, subprocess, sys, tempfile, time
from pathlib import Path
converted, binary, root, settings = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
sys.path.insert(0, str((root / "../shared/tools").resolve()))
import score  # the corpus scorer's matching rules

def extract(path, config):
    r = subprocess.run([binary, "extract", "--json", "--config", config, str(path)], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        sys.exit(f"compare-ocr-languages: {path.name}: exit {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)

def pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))

bases = sorted(p.name[: -len(".docx")] for p in converted.glob("*.docx"))
work = Path(tempfile.mkdtemp(prefix="relatoria-ocr-languages-"))
try:
    gold = {b: extract(converted / f"{b}.docx", str(root / "config")) for b in bases}
    for setting in settings:
        config = work / setting.replace("+", "-")
        shutil.copytree(root / "config", config)
        (config / "relatoria.yaml").write_text(f"ocr:\n  languages: {setting}\n")
        items = matched = dates = bodies = total_pages = 0
        confidences, used = [], {}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.time()
        for b in bases:
            scan = converted / f"{b}.scan.pdf"
            total_pages += pages(scan)
            rec = extract(scan, str(config))
            line = next((w for w in rec.get("warnings", []) if w.startswith("read by OCR in ")), "")
            m = re.match(r"read by OCR in (\S+).*: mean word confidence (\d+)%", line)
            if m:
                used[m.group(1)] = used.get(m.group(1), 0) + 1
                confidences.append(int(m.group(2)))
            g = gold[b]
            dates += g.get("date") == rec.get("date")
            bodies += score.scalar_ok("body", g, rec)
            for field in ("attendees", "decisions", "consensus", "dissent", "actions"):
                items += len(g.get(field) or [])
                matched += score.match(field, g.get(field) or [], rec.get(field) or [])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        langs = ", ".join(f"{k} {v}" for k, v in sorted(used.items()))
        print(f"{setting:8} items matched {matched}/{items} ({100 * matched / max(items, 1):.1f}%), dates {dates}/{len(bases)}, "
              f"bodies {bodies}/{len(bases)}, mean confidence {sum(confidences) / max(len(confidences), 1):.1f}%, "
              f"{cpu / total_pages:.2f} CPU s a page, {(time.time() - start) / total_pages:.2f} s a page ({total_pages} pages; read in {langs})")
finally:
    shutil.rmtree(work, ignore_errors=True)
PY
