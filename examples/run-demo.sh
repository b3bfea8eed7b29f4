#!/usr/bin/env bash
# `make demo`: start the sandbox in the background, register examples/demo, run its workflow
# remotely, wait for it, and print the outputs and how to look at the execution.
# Re-running is fine: a sandbox already started by this script is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
STATE=.demo
DATA_DIR="$STATE/sandbox"
GRPC_PORT="${FLYTE_DEMO_GRPC_PORT:-8089}"
HTTP_PORT="${FLYTE_DEMO_HTTP_PORT:-8088}"
CONFIG="$STATE/config.yaml"
mkdir -p "$STATE"

healthy() { "$BIN/python" - "$HTTP_PORT" <<'PY'
import sys, urllib.request
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthcheck", timeout=1).read()
except Exception:
    sys.exit(1)
PY
}

if [ -f "$STATE/sandbox.pid" ] && kill -0 "$(cat "$STATE/sandbox.pid")" 2>/dev/null && healthy; then
  echo "==> Reusing the sandbox already running (pid $(cat "$STATE/sandbox.pid"))"
else
  echo "==> Starting the sandbox (data in $DATA_DIR, log in $STATE/sandbox.log)"
  nohup "$BIN/flyte" start --data-dir "$DATA_DIR" --grpc-port "$GRPC_PORT" --http-port "$HTTP_PORT" \
    >"$STATE/sandbox.log" 2>&1 &
  echo $! >"$STATE/sandbox.pid"
  for _ in $(seq 1 150); do
    healthy && break
    if ! kill -0 "$(cat "$STATE/sandbox.pid")" 2>/dev/null; then
      echo "The sandbox exited during start-up; its log:" >&2
      cat "$STATE/sandbox.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  healthy || { echo "The sandbox did not become healthy in 30 s; see $STATE/sandbox.log" >&2; exit 1; }
fi

cat >"$CONFIG" <<YAML
admin:
  endpoint: dns:///localhost:$GRPC_PORT
  insecure: true
console:
  endpoint: http://localhost:$HTTP_PORT
YAML

echo "==> Registering examples/demo"
"$BIN/pyflyte" -c "$CONFIG" register --project flytesnacks --domain development examples/demo

echo "==> Running demo.stats.stats_wf remotely and waiting for it"
"$BIN/pyflyte" -c "$CONFIG" run --remote --wait --project flytesnacks --domain development \
  examples/demo/stats.py stats_wf --n 6 --title squares | tee "$STATE/run.txt"

EXEC=$(sed -n 's/^Execution \([a-z0-9-]*\) has succeeded.*/\1/p' "$STATE/run.txt" | head -n 1)
[ -n "$EXEC" ] || { echo "The execution did not succeed; see above and $STATE/sandbox.log" >&2; exit 1; }
cat <<TXT

==> Inspect the execution $EXEC:
  REST:     curl -s http://localhost:$HTTP_PORT/api/v1/executions/flytesnacks/development/$EXEC
  data:     curl -s http://localhost:$HTTP_PORT/api/v1/data/executions/flytesnacks/development/$EXEC
  nodes:    curl -s 'http://localhost:$HTTP_PORT/api/v1/node_executions/flytesnacks/development/$EXEC?limit=20'
  flytectl: $BIN/flytectl --config $CONFIG get execution -p flytesnacks -d development $EXEC
  task logs: listed in each task execution's closure.logs (served at http://localhost:$HTTP_PORT/api/v1/logs/...)
  python:   FlyteRemote(Config.auto(config_file="$CONFIG")).fetch_execution(project="flytesnacks", domain="development", name="$EXEC")
==> Stop the sandbox: make demo-stop   (or: kill \$(cat $STATE/sandbox.pid))
TXT
