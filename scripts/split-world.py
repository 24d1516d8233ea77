#!/usr/bin/env python3
"""Splits ../shared/corpus-world into a tuning half and a check half, by organization.

Documents of one organization share a template, so they go to the same side. Two documents
belong to the same group when they share the first word of their file name ("ietf-",
"congreso-", "uam-") or their source repository (INDEX.tsv's source_repo): the IETF working
groups, the two Akoma Ntoso samples of one archive, the two PPROG teams of one course each
make one group. Groups are then ordered by the SHA-256 of their key (the smallest file-name
prefix of the group) and, language by language, each goes to the side that has fewer documents
of that language so far (ties to the tuning half). Nothing here looks at scores: the split was
made and committed before any rule was tuned.

Usage: scripts/split-world.py [CORPUS_WORLD_DIR] > config/eval/corpus-world-split.tsv
"""
import collections
import csv
import hashlib
import sys
from pathlib import Path

corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus-world")
rows = list(csv.DictReader(open(corpus / "INDEX.tsv", encoding="utf-8"), delimiter="\t"))

parent = {}
def find(x):
    while parent.setdefault(x, x) != x:
        x = parent[x]
    return x
def union(a, b):
    parent[find(a)] = find(b)

for r in rows:
    union("doc:" + r["name"], "prefix:" + r["name"].split("-")[0])
    union("doc:" + r["name"], "repo:" + r["source_repo"])

groups = collections.defaultdict(list)
for r in rows:
    groups[find("doc:" + r["name"])].append(r)

def key(rs):
    return min(r["name"].split("-")[0] for r in rs)

ordered = sorted(groups.values(), key=lambda rs: hashlib.sha256(key(rs).encode()).hexdigest())
counts = collections.Counter()
side_of = {}
for rs in ordered:
    lang = collections.Counter(r["language"] for r in rs).most_common(1)[0][0]
    side = "tuning" if counts[("tuning", lang)] <= counts[("check", lang)] else "check"
    counts[(side, lang)] += len(rs)
    for r in rs:
        side_of[r["name"]] = (side, key(rs))

print("# corpus-world split by organization: made by scripts/split-world.py (see its docstring)")
print("name\tside\tgroup\tlanguage\tformat\torganization")
for r in sorted(rows, key=lambda r: (side_of[r["name"]][0] != "tuning", side_of[r["name"]][1], r["name"])):
    side, group = side_of[r["name"]]
    print(f"{r['name']}\t{side}\t{group}\t{r['language']}\t{r['format']}\t{r['organization']}")
