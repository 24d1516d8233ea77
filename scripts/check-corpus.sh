#!/usr/bin/env bash
# Checks `relatoria extract` on the shared corpus: every record validates against the
# contract's JSON Schema, every gold item's words appear in the record's text, and the
# scorer reports no failed document. Usage: scripts/check-corpus.sh [SHARED_DIR] [BINARY]
# With CONVERTED=DIR (scripts/convert-corpus.sh's output), the records of every file there
# (.docx, .doc, .rtf, PDF, scans) are validated against the schema too.
set -euo pipefail
shared=${1:-../shared}
bin=${2:-.build/debug/relatoria}
python3 -c 'import jsonschema' 2>/dev/null || pip install -q jsonschema >/dev/null
python3 - "$shared" "$bin" <<'PY'
import json, os, subprocess, sys, unicodedata, re
from pathlib import Path
import jsonschema
shared, binary = Path(sys.argv[1]), sys.argv[2]
schema = json.loads((shared / "contract/record.schema.json").read_text())
def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return re.sub(r"[^0-9a-z]+", " ", "".join(c for c in s if not unicodedata.combining(c)).lower()).strip()
problems = 0
docs = 0
for corpus in ("corpus", "corpus-real"):
    for gold_file in sorted((shared / corpus).glob("*.gold.json")):
        name = gold_file.name[: -len(".gold.json")]
        doc = gold_file.with_name(name)
        if not doc.exists():
            doc = next(p for p in gold_file.parent.glob(name + ".*") if not p.name.endswith(".gold.json"))
        r = subprocess.run([binary, "extract", "--json", str(doc)], capture_output=True, text=True, timeout=60)
        docs += 1
        if r.returncode != 0:
            print(f"FAIL {doc.name}: exit {r.returncode}: {r.stderr.strip()}"); problems += 1; continue
        record = json.loads(r.stdout)
        try:
            jsonschema.validate(record, schema)
        except jsonschema.ValidationError as e:
            print(f"FAIL {doc.name}: schema: {e.message}"); problems += 1
        text = set(fold(record["text"]).split())
        stems = {w[:5] for w in text}
        gold = json.loads(gold_file.read_text())
        for field in ("attendees", "decisions", "consensus", "dissent", "actions"):
            for item in gold.get(field) or []:
                words = [w for w in fold(item.get("name") or item.get("text") or "").split() if len(w) > 3]
                # Gold texts paraphrase ("circularlo" for "lo circulará"): compare word stems.
                missing = [w for w in words if w not in text and w[:5] not in stems]
                if corpus == "corpus" and len(missing) > len(words) // 3:
                    print(f"FAIL {doc.name}: {field} item's words not in text: {missing[:5]}"); problems += 1
        for item in record.get("attendees", []) + record.get("decisions", []) + record.get("actions", []):
            a = item.get("anchor")
            if a and not (0 <= a["start"] <= a["end"] <= len(record["text"])):
                print(f"FAIL {doc.name}: anchor out of range {a}"); problems += 1
converted = os.environ.get("CONVERTED")
for f in sorted(Path(converted).iterdir()) if converted else []:
    if f.name.startswith(".") or not f.is_file():
        continue
    r = subprocess.run([binary, "extract", "--json", str(f)], capture_output=True, text=True, timeout=600)
    docs += 1
    if r.returncode != 0:
        print(f"FAIL {f.name}: exit {r.returncode}: {r.stderr.strip()}"); problems += 1; continue
    try:
        jsonschema.validate(json.loads(r.stdout), schema)
    except jsonschema.ValidationError as e:
        print(f"FAIL {f.name}: schema: {e.message}"); problems += 1
print(f"check-corpus: {docs} documents, {problems} problems")
sys.exit(1 if problems else 0)
PY
# Extraction quality gate: every field at least 0.90 on the shared corpus (issue #3).
python3 "$shared/tools/score.py" "$shared/corpus" --cmd "$bin extract --json {}" --min 0.90
# The real-world minutes of other organizations: reported, not gated.
python3 "$shared/tools/score.py" "$shared/corpus-real" --cmd "$bin extract --json {}" | tail -1
