#!/usr/bin/env python3
"""Reliability run of `relatoria watch`: drops COUNT generated documents into the inbox
while killing the daemon with SIGKILL at random moments (at least KILLS times) and starting
it again, then checks the accounting:

  - every dropped file's bytes are in the archive exactly once (a record, or a copy in
    failed/): 0 lost, 0 duplicated;
  - files dropped = archived + duplicates + failed (each file's last outcome in the ingest log);
  - nothing is left in the inbox; `relatoria verify` is clean; SIGTERM exits 0 promptly.

Usage: scripts/reliability.py BINARY [--count 10000] [--kills 20] [--work DIR] [--seed 7]
(scripts/reliability.sh builds the release binary and calls this.)
"""
import argparse, hashlib, json, os, random, shutil, signal, sqlite3, subprocess, sys, threading, time
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("--count", type=int, default=10000)
ap.add_argument("--kills", type=int, default=20)
ap.add_argument("--work", default="/tmp/relatoria-reliability")
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
args = ap.parse_args()

root = Path(__file__).resolve().parent.parent
work = Path(args.work)
corpus = work / f"corpus-{args.count}-{args.seed}"
inbox, archive, config, staging = work / "inbox", work / "archive", work / "config", work / "staging"
rng = random.Random(args.seed)

if not corpus.exists():
    subprocess.run([sys.executable, f"{args.shared}/tools/gencorpus.py", "--out", str(corpus), "--count", str(args.count),
                    "--seed", str(args.seed), "--quiet"], check=True, stdout=subprocess.DEVNULL)
for d in (inbox, archive, config, staging):
    shutil.rmtree(d, ignore_errors=True)
inbox.mkdir(parents=True); staging.mkdir(parents=True)
shutil.copytree(root / "config" / "lexicon", config / "lexicon")
shutil.copy(root / "config" / "topics.yaml", config / "topics.yaml")
(config / "relatoria.yaml").write_text(f"""inbox: {inbox}
archive: {archive}
log_format: json
watch:
  settle_delay: 0.5
  rescan_interval: 5
""")
sources = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.endswith(".gold.json"))
print(f"{len(sources)} files to drop from {corpus}, {args.kills} kills at least", flush=True)

log = open(work / "watch.log", "wb")  # one run per log; every start writes through this shared descriptor
daemon = None
def start():
    global daemon
    daemon = subprocess.Popen([args.binary, "watch", "--config", str(config)], stdout=log, stderr=log)

dropped = {}  # inbox path -> sha256
def dropper():
    i = 0
    n = 0
    while i < len(sources):
        batch = sources[i:i + rng.randint(1, 60)]
        way = rng.random()
        if way < 0.5:    # copied straight in (close-write)
            for s in batch:
                dest = inbox / f"{n:05d}-{s.name}"; n += 1
                shutil.copyfile(s, dest); dropped[str(dest)] = None
        elif way < 0.8:  # saved under a temporary name, then renamed (an atomic save)
            for s in batch:
                dest = inbox / f"{n:05d}-{s.name}"; n += 1
                tmp = inbox / (dest.name + ".part")
                shutil.copyfile(s, tmp); os.rename(tmp, dest); dropped[str(dest)] = None
        else:            # a folder prepared elsewhere, moved in at once
            folder = staging / f"lote-{n:05d}"
            folder.mkdir()
            for s in batch:
                dest = folder / f"{n:05d}-{s.name}"; n += 1
                shutil.copyfile(s, dest); dropped[str(inbox / folder.name / dest.name)] = None
            os.rename(folder, inbox / folder.name)
        i += len(batch)
        time.sleep(rng.uniform(0, 0.2))

t0 = time.time()
start()
t = threading.Thread(target=dropper); t.start()
kills = 0
while t.is_alive() or kills < args.kills:
    time.sleep(rng.uniform(0.5, 4.0))
    daemon.send_signal(signal.SIGKILL); daemon.wait(); kills += 1
    time.sleep(rng.uniform(0, 0.5))
    start()
t.join()
print(f"dropping done in {time.time() - t0:.0f} s, {kills} kills", flush=True)

def inbox_files():
    return [p for p in inbox.rglob("*") if p.is_file()]
deadline = time.time() + 3600
while inbox_files() and time.time() < deadline:
    time.sleep(1)
# The last start may be very recent: SIGTERM is handled once the daemon says "watching"
# (before that it is a plain kill, harmless but not the graceful stop being measured).
starts = kills + 1
while (work / "watch.log").read_bytes().count(b'"message":"watching"') < starts and daemon.poll() is None:
    time.sleep(0.05)
t1 = time.time()
daemon.send_signal(signal.SIGTERM)
code = daemon.wait(timeout=30)
stop_s = time.time() - t1
print(f"inbox empty {t1 - t0:.0f} s after the first drop; SIGTERM: exit {code} in {stop_s:.2f} s", flush=True)

# The accounting.
def sha(p):
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()
name_sha = {}
for s in sources:
    name_sha[s.name] = sha(s)
for path in dropped:
    dropped[path] = name_sha[Path(path).name.split("-", 1)[1]]
held = {}
for rec in (archive / "records").rglob("*.json"):
    h = json.loads(rec.read_text())["source"]["sha256"]
    held[h] = held.get(h, 0) + 1
failed_dir = archive / "failed"
for f in (failed_dir.iterdir() if failed_dir.exists() else []):
    if not f.name.endswith(".error.txt"):
        h = sha(f)
        held[h] = held.get(h, 0) + 1
contents = set(dropped.values())
lost = [h for h in contents if h not in held]
duplicated = [h for h, c in held.items() if c > 1]
extra = [h for h in held if h not in contents]

db = sqlite3.connect(archive / "index.sqlite")
last = {}
seen = {}
for file, outcome in db.execute("SELECT file, outcome FROM ingestLog ORDER BY seq"):
    last[file] = outcome
    seen[file] = seen.get(file, 0) + 1
outcomes = {"archived": 0, "duplicate": 0, "failed": 0}
never = 0
for path in dropped:
    if path in last:
        outcomes[last[path]] += 1
    else:
        never += 1
again = sum(1 for p in dropped if seen.get(p, 0) > 1)
verify = subprocess.run([args.binary, "verify", "--archive", str(archive), "--config", str(config)], capture_output=True, text=True)
left = inbox_files()

print()
print(f"files dropped            {len(dropped)} ({len(contents)} distinct contents)")
print(f"archived + dup + failed  {outcomes['archived']} + {outcomes['duplicate']} + {outcomes['failed']} = {sum(outcomes.values())}")
print(f"never logged             {never}")
print(f"logged more than once    {again} (taken again after a kill that came between the archive write and the inbox removal)")
print(f"lost                     {len(lost)}")
print(f"duplicated in archive    {len(duplicated)}")
print(f"unexpected in archive    {len(extra)}")
print(f"left in inbox            {len(left)}")
print(f"kills                    {kills}")
print(f"SIGTERM                  exit {code} in {stop_s:.2f} s")
print(f"verify                   exit {verify.returncode}: {verify.stdout.strip().splitlines()[-1] if verify.stdout.strip() else verify.stderr.strip()}")
ok = (not lost and not duplicated and not extra and not left and never == 0 and sum(outcomes.values()) == len(dropped)
      and verify.returncode == 0 and code == 0 and kills >= args.kills)
print("RESULT", "PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
