#!/usr/bin/env bash
# Runs the Playwright suite against the release build: starts the server on a
# fresh SQLite database with demo data, waits for /healthz, runs the tests,
# and stops the server. Expects `cargo leptos build --release --split` done.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port="${E2E_PORT:-3100}"
work="$(mktemp -d)"
bin="$CARGO_TARGET_DIR/server-release/alliance"
export DATABASE_URL="sqlite:$work/e2e.db" ALLIANCE_DATA_DIR="$work/data" LEPTOS_SITE_ROOT="$SITE_ROOT"
# Every browser test signs in from 127.0.0.1: allow more attempts than in production.
export ALLIANCE_LOGIN_LIMIT=500/60 ALLIANCE_ACCOUNT_LOGIN_LIMIT=500/60 ALLIANCE_REGISTER_LIMIT=500/60
export OUTBOX_DIR="$work/data/outbox"

"$bin" seed --demo >/dev/null
"$bin" serve --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done

cd end2end
rm -rf screenshots test-results
BASE_URL="http://127.0.0.1:$port" npx playwright test "$@"
