#!/usr/bin/env python3
"""The issue's yardstick: a plain single-core pipeline that only strips tags and inserts
into FTS5 ("about 2,500 documents/s" on the machine the targets were set on).

Usage: scripts/plain-pipeline.py CORPUS [RUNS]   prints plain_docs_per_s (median of RUNS, default 3)

Each file is read, .docx/.odt unzipped to their main XML part, markup stripped with one
regular expression, and the text inserted into an FTS5 table (unicode61, diacritics removed)
in one transaction: no extraction, no stemming, no archive. Printed beside recoll's figures
by scripts/bench.sh, it tells how fast the machine is that day, which recoll's own speed
(which drifts more than this) does not. Standard library only.
"""
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile

TAG = re.compile(rb"<[^>]*>")


def run(corpus: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        con = sqlite3.connect(os.path.join(tmp, "plain.sqlite"))
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(name, body, tokenize='unicode61 remove_diacritics 2')")
        start = time.perf_counter()
        n = 0
        con.execute("BEGIN")
        for root, _, files in os.walk(corpus):
            for name in files:
                ext = name.rsplit(".", 1)[-1].lower()
                path = os.path.join(root, name)
                if ext in ("docx", "odt"):
                    with zipfile.ZipFile(path) as z:
                        data = z.read("word/document.xml" if ext == "docx" else "content.xml")
                elif ext in ("txt", "md", "xml", "akn", "html", "htm"):
                    with open(path, "rb") as f:
                        data = f.read()
                else:
                    continue
                if ext in ("docx", "odt", "xml", "akn", "html", "htm"):
                    data = TAG.sub(b" ", data)
                con.execute("INSERT INTO t VALUES (?, ?)", (name, data.decode("utf-8", "replace")))
                n += 1
        con.execute("COMMIT")
        elapsed = time.perf_counter() - start
        con.close()
        return n / elapsed


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rates = [run(sys.argv[1]) for _ in range(runs)]
    print(f"plain_docs_per_s={statistics.median(rates):.0f}")


if __name__ == "__main__":
    main()
