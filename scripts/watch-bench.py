#!/usr/bin/env python3
"""Latency and throughput of `relatoria watch`.

Latency: DROPS single files (default 200), one at a time, each written under a dotted
temporary name and renamed into the inbox; the time from the rename (the file is complete)
to the daemon's `archived` log line (written after the index transaction commits, so the
record is searchable at that moment). Reported as median and p99, in all and beyond the
settle delay. Throughput: BURST files (default 1000) moved in at once as a folder; the time
until the inbox is empty.

Usage: scripts/watch-bench.py BINARY [--drops 200] [--burst 1000] [--settle 1.0] [--work DIR]
"""
import argparse, json, os, shutil, signal, statistics, subprocess, sys, time
from datetime import datetime
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("--drops", type=int, default=200)
ap.add_argument("--burst", type=int, default=1000)
ap.add_argument("--settle", type=float, default=1.0)
ap.add_argument("--work", default="/tmp/relatoria-watch-bench")
ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
args = ap.parse_args()

root = Path(__file__).resolve().parent.parent
work = Path(args.work)
corpus = work / f"corpus-{args.drops + args.burst}"
inbox, archive, config = work / "inbox", work / "archive", work / "config"
if not corpus.exists():
    subprocess.run([sys.executable, f"{args.shared}/tools/gencorpus.py", "--out", str(corpus), "--count", str(args.drops + args.burst),
                    "--seed", "3", "--quiet"], check=True, stdout=subprocess.DEVNULL)
for d in (inbox, archive, config):
    shutil.rmtree(d, ignore_errors=True)
inbox.mkdir(parents=True)
shutil.copytree(root / "config" / "lexicon", config / "lexicon")
shutil.copy(root / "config" / "topics.yaml", config / "topics.yaml")
(config / "relatoria.yaml").write_text(f"inbox: {inbox}\narchive: {archive}\nlog_format: json\nwatch:\n  settle_delay: {args.settle}\n")
sources = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.endswith(".gold.json") and p.name != "manifest.tsv")
logpath = work / "watch.log"
logpath.write_bytes(b"")
daemon = subprocess.Popen([args.binary, "watch", "--config", str(config)], stdout=open(logpath, "ab"), stderr=subprocess.STDOUT)

log_offset = 0
events = {}
def read_log():
    global log_offset
    with open(logpath, "rb") as f:
        f.seek(log_offset)
        chunk = f.read()
    end = chunk.rfind(b"\n") + 1
    log_offset += end
    for line in chunk[:end].splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("message") in ("archived", "duplicate", "failed"):
            t = \
                datetime.fromisoformat(o["time"].replace("Z", "+00:00")).timestamp()
            events[o["file"]] = (o["message"], t)

while b"watching" not in logpath.read_bytes():
    time.sleep(0.05)

latencies = []
for s in sources[:args.drops]:
    dest = inbox / s.name
    tmp = inbox / ("." + s.name + ".tmp")
    shutil.copyfile(s, tmp)
    t0 = time.time()
    os.rename(tmp, dest)
    deadline = t0 + 60
    while str(dest) not in events and time.time() < deadline:
        time.sleep(0.002)
        read_log()
    if str(dest) in events:
        latencies.append(events[str(dest)][1] - t0)

burst = sources[args.drops:]
staging = work / "staging"
shutil.rmtree(staging, ignore_errors=True)
(staging / "lote").mkdir(parents=True)
for s in burst:
    shutil.copyfile(s, staging / "lote" / s.name)
size = sum(p.stat().st_size for p in burst)
t0 = time.time()
os.rename(staging / "lote", inbox / "lote")
while any(p.is_file() for p in (inbox / "lote").rglob("*")):
    time.sleep(0.05)
burst_s = time.time() - t0
daemon.send_signal(signal.SIGTERM)
code = daemon.wait(timeout=30)

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
ms = [x * 1000 for x in latencies]
beyond = [x - args.settle * 1000 for x in ms]
print(f"single drops             {len(ms)} of {args.drops} archived")
print(f"settle delay             {args.settle * 1000:.0f} ms")
print(f"close → searchable       median {statistics.median(ms):.0f} ms, p99 {pct(ms, 99):.0f} ms")
print(f"beyond the settle delay  median {statistics.median(beyond):.0f} ms, p99 {pct(beyond, 99):.0f} ms")
print(f"burst                    {len(burst)} files ({size / 1048576:.1f} MB) in {burst_s:.1f} s: {len(burst) / burst_s:.0f} files/s")
print(f"SIGTERM                  exit {code}")
