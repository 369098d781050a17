#!/usr/bin/env bash
# Runs the Playwright suite against the release build. Starts two servers:
#   - on E2E_PORT (3100), a fresh SQLite database with demo data;
#   - on E2E_PORT+1, an empty database as an installation starts: only
#     `alliance migrate` and one administrator made with `alliance user
#     create` (the "first month" test runs the Alliance from there).
# Waits for /healthz on both, runs the tests, and stops the servers.
# Expects `cargo leptos build --release --split` done.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
source scripts/env.sh

port="${E2E_PORT:-3100}"
empty_port=$((port + 1))
work="$(mktemp -d)"
bin="$CARGO_TARGET_DIR/server-release/alliance"
export DATABASE_URL="sqlite:$work/e2e.db" ALLIANCE_DATA_DIR="$work/data" LEPTOS_SITE_ROOT="$SITE_ROOT"
# Every browser test signs in from 127.0.0.1: allow more attempts than in production.
export ALLIANCE_LOGIN_LIMIT=500/60 ALLIANCE_ACCOUNT_LOGIN_LIMIT=500/60 ALLIANCE_REGISTER_LIMIT=500/60
# Where the tests read the demo server's mail (the server writes it to
# ALLIANCE_DATA_DIR/outbox when no SMTP_URL is set).
export OUTBOX_DIR="$work/data/outbox"

# The empty installation: its own database, uploads and outbox.
empty_db="sqlite:$work/empty.db"
empty_data="$work/empty-data"
empty_admin="first-admin@alliance.example.org"
empty_password="first-month-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

servers=()
stop() {
  for pid in ${servers[@]+"${servers[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${servers[@]+"${servers[@]}"}; do wait "$pid" 2>/dev/null || true; done
  # The servers' logs stay with the test results.
  mkdir -p "$root/end2end/test-results"
  cp "$work"/*.log "$root/end2end/test-results/" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

# wait_ready PORT PID LOG: until /healthz answers, or the server is gone.
wait_ready() {
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.1
  done
  echo "the server on port $1 did not answer /healthz" >&2
  cat "$3"
  exit 1
}

"$bin" seed --demo >/dev/null
"$bin" serve --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
servers+=($!)

DATABASE_URL="$empty_db" ALLIANCE_DATA_DIR="$empty_data" "$bin" migrate >/dev/null
# The password piped on standard input is the one chosen (none: one is generated and printed).
printf '%s\n' "$empty_password" |
  DATABASE_URL="$empty_db" ALLIANCE_DATA_DIR="$empty_data" \
    "$bin" user create --email "$empty_admin" --role admin --name "First Admin" >/dev/null
DATABASE_URL="$empty_db" ALLIANCE_DATA_DIR="$empty_data" \
  "$bin" serve --addr "127.0.0.1:$empty_port" >"$work/empty-server.log" 2>&1 &
servers+=($!)

wait_ready "$port" "${servers[0]}" "$work/server.log"
wait_ready "$empty_port" "${servers[1]}" "$work/empty-server.log"

cd end2end
rm -rf screenshots test-results
BASE_URL="http://127.0.0.1:$port" \
  EMPTY_BASE_URL="http://127.0.0.1:$empty_port" \
  EMPTY_OUTBOX="$empty_data/outbox" \
  EMPTY_ADMIN_EMAIL="$empty_admin" \
  EMPTY_ADMIN_PASSWORD="$empty_password" \
  npx playwright test "$@"
