#!/usr/bin/env bash
# Load test of General Assembly voting on SQLite and on PostgreSQL: 10 000
# synthetic voting organisations each cast one secret ballot through the
# real server, next to a raw insert-and-commit loop with the same
# durability in the same run, while 1 000 live screens (server-sent events)
# watch the turnout: the time from each ballot's receipt to every screen
# showing it. See server/examples/bench_assembly.rs.
#
#   scripts/bench-assembly.sh                   # both databases
#   VOTERS=500 SCREENS=200 scripts/bench-assembly.sh
#   BENCH_BIN=path/to/bench_assembly scripts/bench-assembly.sh   # another build
#   ANSWERS=in-place scripts/bench-assembly.sh  # one kind of answer only
#
# Each database is run once per kind of answer to the final post: `page`
# (no script: the ballot page rendered again with the receipt) and
# `in-place` (the page's code is live: the receipt alone, as JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

voters="${VOTERS:-10000}"
in_flight="${IN_FLIGHT:-64}"
screens="${SCREENS:-1000}"
answers="${ANSWERS:-page in-place}"
# Each screen is two sockets in this one process (client and server side).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# BENCH_BIN: another build of the example (a baseline from an older tree).
if [ -n "${BENCH_BIN:-}" ]; then
  bin="$BENCH_BIN"
else
  cargo build -q --profile server-release -p alliance --example bench_assembly
  bin="$CARGO_TARGET_DIR/server-release/examples/bench_assembly"
fi

work="$(mktemp -d)"
db="alliance_bench_votes_$$"
cleanup() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

for answer in $answers; do
  echo "== SQLite, $answer answers"
  rm -f "$work"/bench.db*
  RUST_LOG=warn "$bin" "sqlite:$work/bench.db" "$voters" "$in_flight" "$screens" "$answer"
done
for answer in $answers; do
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  if psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null 2>&1; then
    echo "== PostgreSQL, $answer answers"
    RUST_LOG=warn "$bin" "postgres://postgres@127.0.0.1:5432/$db" "$voters" "$in_flight" "$screens" "$answer"
  else
    echo "== PostgreSQL: not reachable at 127.0.0.1:5432, skipped"
  fi
done
