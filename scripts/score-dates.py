#!/usr/bin/env python3
"""Scores the meeting date of generated documents against their gold.

Usage: scripts/score-dates.py CORPUS_DIR BINARY [--verbose]

Runs `BINARY extract --json` over every document of CORPUS_DIR (written by
gencorpus.py --gold) in batches, and prints: how many of the documents whose gold has a date
got it right, how many got another date or none, and how many records without a date say why
in `warnings`. With --verbose, lists each miss (file, gold date, predicted date, warnings).
"""
import json
import subprocess
import sys
from pathlib import Path

corpus, binary = Path(sys.argv[1]), sys.argv[2]
verbose = "--verbose" in sys.argv[3:]
golds = sorted(corpus.rglob("*.gold.json"))
docs = []
for g in golds:
    name = g.name[: -len(".gold.json")]
    doc = g.with_name(name)
    if not doc.exists():
        doc = next((p for p in g.parent.glob(name + ".*") if not p.name.endswith(".gold.json")), doc)
    docs.append((doc, json.loads(g.read_text())))

records = {}
batch = 200
for start in range(0, len(docs), batch):
    chunk = docs[start:start + batch]
    r = subprocess.run([binary, "extract", "--json"] + [str(d) for d, _ in chunk], capture_output=True, text=True)
    by_name = {}
    for line in r.stdout.splitlines():
        rec = json.loads(line)
        by_name[rec["source"]["filename"]] = rec
    for d, _ in chunk:
        records[d] = by_name.get(d.name)

dated = right = wrong = missing = failed = 0
undated_records = explained = 0
spurious = 0
misses = []
for doc, gold in docs:
    rec = records.get(doc)
    g = gold.get("date")
    if rec is None:
        failed += 1
        misses.append((doc, g, "(no record)", []))
        continue
    p = rec.get("date")
    warnings = rec.get("warnings") or []
    if p is None:
        undated_records += 1
        if any("date" in w for w in warnings):
            explained += 1
    if g:
        dated += 1
        if p == g:
            right += 1
        elif p is None:
            missing += 1
            misses.append((doc, g, p, warnings))
        else:
            wrong += 1
            misses.append((doc, g, p, warnings))
    elif p is not None:
        spurious += 1
        misses.append((doc, g, p, warnings))

pct = 100.0 * right / dated if dated else 100.0
print(f"dates: {right}/{dated} right = {pct:.1f}% ({wrong} another date, {missing} none, {failed} not read); "
      f"{spurious} dated where the gold has none")
print(f"records without a date: {undated_records}, of which {explained} say why in warnings")
if verbose:
    for doc, g, p, w in misses:
        print(f"  {doc.relative_to(corpus)}: gold {g}, predicted {p}; warnings {w}")
