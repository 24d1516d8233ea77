#!/usr/bin/env bash
# Fuzzes the JSON API against its OpenAPI description (config/web/openapi.json) with
# schemathesis (pip install schemathesis): a temporary archive of two minutes, an admin,
# relatoria serve on a free loopback port, then every operation but sign-out with a session
# and its CSRF token. Passes when no answer is a server error (5xx).
#
# Usage: scripts/fuzz-api.sh [MAX_EXAMPLES]   (default 50; uses .build/debug/relatoria)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${RELATORIA_BIN:-.build/debug/relatoria}
examples=${1:-50}
work=$(mktemp -d /tmp/relatoria-fuzz-XXXXXX)
mkdir -p "$work/source"
printf 'Acta de la reunión de la Comisión de Enlace\n\nFecha: 8 de febrero de 2006\nLugar: Bogotá\n\nACUERDOS\n\n1. Aprobar la agenda del semestre.\n' > "$work/source/acta.txt"
printf 'Minutes of the Forest Board\n\nDate: 3 March 2007\n\nDECISIONS\n\n1. Publish the report.\n' > "$work/source/minutes.txt"
"$bin" ingest "$work/source" --archive "$work/archive" --config config >/dev/null
echo "a long password" | "$bin" user add fuzz --role admin --password-stdin --archive "$work/archive" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --config config --archive "$work/archive" --inbox "$work/inbox" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 0.1; done
session=$(curl -s -D - -o "$work/session.json" -H 'Content-Type: application/json' \
  -d '{"user":"fuzz","password":"a long password"}' "http://127.0.0.1:$port/api/v1/session" \
  | sed -n 's/^[Ss]et-[Cc]ookie: relatoria_session=\([0-9a-f]*\).*/\1/p')
csrf=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['csrf'])" "$work/session.json")
spec=$PWD/config/web/openapi.json
cd "$work"  # schemathesis keeps its cache (.schemathesis/) in the current folder
schemathesis run "$spec" --url "http://127.0.0.1:$port/api/v1" \
  -H "Cookie: relatoria_session=$session" -H "X-CSRF-Token: $csrf" \
  --checks not_a_server_error --max-examples "$examples" --exclude-operation-id signOut
