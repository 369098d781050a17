#!/usr/bin/env bash
# Builds the release site and server, prepares a SQLite database with demo
# data, and serves the platform at http://127.0.0.1:3000 (ALLIANCE_ADDR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

cargo leptos build --release --split
bin="$CARGO_TARGET_DIR/server-release/alliance"
export DATABASE_URL="${DATABASE_URL:-sqlite:data/alliance.db}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$SITE_ROOT}"
"$bin" seed --demo
echo "Open http://${ALLIANCE_ADDR:-127.0.0.1:3000} — stop with Ctrl-C"
exec "$bin" serve
