#!/usr/bin/env python3
"""Re-collects corpus-extra, a further set of real meeting records used as tuning material.

The documents are public files of other people's repositories: their text is not ours to
commit, so the repository keeps only an index of them (config/eval/corpus-extra.tsv: name,
repository, path, commit, sha256, licence, organization, language, format) and our own gold
annotations (config/eval/corpus-extra-gold/NAME.gold.json). This script fetches each document
at its recorded commit from https://raw.githubusercontent.com/REPO/COMMIT/PATH, checks its
SHA-256 against the index, and writes it with its gold beside it into the destination folder
(default ../corpus-extra, beside the repository), the form ../shared/tools/score.py reads.

It never overwrites a gold file that is already in the destination (an annotator may be
correcting it there) nor a document whose bytes differ from the index (it says so and leaves
it); a document already present with the right SHA-256 is not fetched again.

Usage: scripts/collect-extra.py [--dest DIR] [--source DIR | --base-url URL] [--timeout S]
                                [NAME ...]
  NAME ...        only these documents (names from the index)
  --source DIR    copy documents from a folder of files named NAME instead of the network
  --base-url URL  fetch BASE/REPO/COMMIT/PATH instead of raw.githubusercontent.com (file:// works)

Exit status: 0 everything is in place; 64 bad arguments; 65 a fetched file is not the one the
index records (changed upstream, or a different file at that path); 66 the index, a gold file
or the --source folder is missing; 75 a document could not be fetched (network): run again later.
Standard library only.
"""
import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "config" / "eval" / "corpus-extra.tsv"
GOLD = ROOT / "config" / "eval" / "corpus-extra-gold"
DEFAULT_BASE = "https://raw.githubusercontent.com"
COLUMNS = ["name", "repository", "path", "commit", "sha256", "licence", "organization", "language", "format"]

EX_OK, EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_TEMPFAIL = 0, 64, 65, 66, 75


class Problem(Exception):
    """One document's failure: `status` is the exit status it calls for."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def read_index(path):
    """The index rows as dicts; lines starting with '#' are comments, the first other line is the header."""
    rows, header = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            if cells != COLUMNS:
                raise Problem(EX_DATAERR, "%s line %d: the header should be %s" % (path, number, " ".join(COLUMNS)))
            header = cells
            continue
        if len(cells) != len(COLUMNS):
            raise Problem(EX_DATAERR, "%s line %d: %d columns, %d expected" % (path, number, len(cells), len(COLUMNS)))
        rows.append(dict(zip(COLUMNS, cells)))
    return rows


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def url_for(base, row):
    path = urllib.parse.quote(row["path"], safe="/")
    return "%s/%s/%s/%s" % (base.rstrip("/"), row["repository"], row["commit"], path)


def fetch(row, args):
    """The document's bytes, from --source or over the network; raises Problem."""
    if args.source:
        candidate = Path(args.source) / row["name"]
        if not candidate.is_file():
            raise Problem(EX_NOINPUT, "%s: not in %s" % (row["name"], args.source))
        return candidate.read_bytes()
    url = url_for(args.base_url, row)
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        if e.code == 404:
            raise Problem(EX_DATAERR, "%s: %s answers 404: the file or that commit is gone upstream" % (row["name"], url))
        raise Problem(EX_TEMPFAIL, "%s: %s answers HTTP %d; try again later" % (row["name"], url, e.code))
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(e, urllib.error.URLError) and url.startswith("file:"):
            raise Problem(EX_NOINPUT, "%s: %s cannot be read: %s" % (row["name"], url, reason))
        raise Problem(EX_TEMPFAIL, "%s: network: %s could not be fetched (%s); try again later" % (row["name"], url, reason))


def write_atomically(path, data):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def collect(row, dest, args):
    """Puts one document and its gold in dest; returns a one-line report; raises Problem."""
    name, want = row["name"], row["sha256"].lower()
    gold_src = GOLD / (name + ".gold.json")
    if not gold_src.is_file():
        raise Problem(EX_NOINPUT, "%s: no gold file %s in the repository" % (name, gold_src.relative_to(ROOT)))
    target = dest / name
    notes = []
    if target.exists():
        have = sha256(target.read_bytes())
        if have != want:
            raise Problem(EX_DATAERR, "%s: %s exists with other bytes (sha256 %s, index %s); left as it is, move it away to fetch again"
                          % (name, target, have[:12], want[:12]))
        notes.append("document already present")
    else:
        data = fetch(row, args)
        got = sha256(data)
        if got != want:
            raise Problem(EX_DATAERR, "%s: changed file: the fetched copy has sha256 %s, the index records %s; not written"
                          % (name, got[:12], want[:12]))
        write_atomically(target, data)
        notes.append("document written (%d bytes)" % len(data))
    gold_dst = dest / (name + ".gold.json")
    if gold_dst.exists():
        if gold_dst.read_bytes() == gold_src.read_bytes():
            notes.append("gold already present")
        else:
            notes.append("gold kept: it differs from the repository's copy and is not overwritten")
    else:
        shutil.copyfile(gold_src, gold_dst)
        notes.append("gold copied")
    return "%s: %s" % (name, ", ".join(notes))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", metavar="NAME", help="only these documents")
    ap.add_argument("--dest", default=str(ROOT.parent / "corpus-extra"), help="destination folder (default ../corpus-extra)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--source", help="copy documents from this folder instead of fetching them")
    group.add_argument("--base-url", default=DEFAULT_BASE, help="fetch BASE/REPO/COMMIT/PATH (default %s)" % DEFAULT_BASE)
    ap.add_argument("--timeout", type=float, default=30, help="seconds per download (default 30)")
    ap.add_argument("--index", default=str(INDEX), help=argparse.SUPPRESS)
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return EX_USAGE if e.code else EX_OK
    if args.timeout <= 0:
        print("collect-extra: --timeout must be a positive number of seconds", file=sys.stderr)
        return EX_USAGE
    index = Path(args.index)
    if not index.is_file():
        print("collect-extra: the index %s is missing" % index, file=sys.stderr)
        return EX_NOINPUT
    if args.source and not Path(args.source).is_dir():
        print("collect-extra: --source %s is not a folder" % args.source, file=sys.stderr)
        return EX_NOINPUT
    try:
        rows = read_index(index)
    except Problem as p:
        print("collect-extra: %s" % p, file=sys.stderr)
        return p.status
    known = {r["name"] for r in rows}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        print("collect-extra: not in the index: %s" % ", ".join(unknown), file=sys.stderr)
        return EX_USAGE
    if args.names:
        rows = [r for r in rows if r["name"] in set(args.names)]
    dest = Path(args.dest)
    dest.mkdir(parents=True, exist_ok=True)

    statuses = []
    for row in rows:
        try:
            print(collect(row, dest, args))
        except Problem as p:
            print("FAILED %s" % p, file=sys.stderr)
            statuses.append(p.status)
    failed = len(statuses)
    done = len(rows) - failed
    print("%d %s in %s, %d failed" % (done, "document" if done == 1 else "documents", dest, failed))
    for status in (EX_DATAERR, EX_NOINPUT, EX_TEMPFAIL):
        if status in statuses:
            return status
    return EX_OK


if __name__ == "__main__":
    sys.exit(main())
