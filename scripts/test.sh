#!/usr/bin/env bash
# Sets up what is missing and runs every test: formatting and lints, Rust
# unit and integration tests on SQLite and on PostgreSQL, then the Playwright
# suite in Chromium against the release build. The last line sums them all.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
source scripts/env.sh

logs="$(mktemp -d)"
passed=0 failed=0 skipped=0
report=()

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
loud() { printf '\n\033[1;31m!!!!!!!!!! %s !!!!!!!!!!\033[0m\n\n' "$*"; }

# Adds the counts of every "test result:" line of a cargo test log.
count_cargo() {
  local log=$1 name=$2 status=$3 p f i
  read -r p f i < <(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed; ([0-9]+) ignored.*/\1 \2 \3/' \
    | awk '{p+=$1; f+=$2; i+=$3} END {print p+0, f+0, i+0}')
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # a build failure counts as a failure
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + i))
  report+=("$(printf '%-34s %4d passed, %d failed, %d skipped' "$name" "$p" "$f" "$i")")
}

check() {
  local name=$1; shift
  if "$@" >"$logs/check.log" 2>&1; then
    passed=$((passed + 1)); report+=("$(printf '%-34s    1 passed' "$name")")
  else
    cat "$logs/check.log"; failed=$((failed + 1)); report+=("$(printf '%-34s    0 passed, 1 failed' "$name")")
  fi
}

# A full disk fails the build halfway with errors that say little; say it first.
mkdir -p "$CARGO_TARGET_DIR"
free_gb=$(df -Pk "$CARGO_TARGET_DIR" | awk 'NR==2 {print int($4/1048576)}')
echo "free disk space: ${free_gb} GB"
if [ "${free_gb:-0}" -lt 12 ]; then
  loud "ONLY ${free_gb} GB FREE ON THIS DISK — A FULL BUILD NEEDS ABOUT 12 GB; BUILDS MAY FAIL"
fi

say "formatting and lints"
check "cargo fmt --check" cargo fmt --all -- --check
check "clippy (server build)" cargo clippy -p app -p alliance --features app/ssr --all-targets -- -D warnings
check "clippy (browser build)" cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

say "Rust unit and integration tests on SQLite"
ALLIANCE_TEST_DB=sqlite cargo test --no-fail-fast -p app -p alliance --features app/ssr 2>&1 | tee "$logs/sqlite.log"
count_cargo "$logs/sqlite.log" "Rust tests (SQLite)" "${PIPESTATUS[0]}"

say "Rust integration tests on PostgreSQL"
pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_ready && [ -d /etc/postgresql ]; then
  echo "PostgreSQL is installed but not answering: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start 2>&1 || true
  for _ in $(seq 1 30); do pg_ready && break; sleep 0.5; done
fi
if pg_ready; then
  ALLIANCE_TEST_DB=postgres cargo test --no-fail-fast -p alliance --test '*' 2>&1 | tee "$logs/postgres.log"
  count_cargo "$logs/postgres.log" "Rust integration tests (PostgreSQL)" "${PIPESTATUS[0]}"
else
  loud "NO POSTGRESQL AT 127.0.0.1:5432 — THE POSTGRESQL SUITE DID NOT RUN"
  n=$(cargo test -p alliance --test '*' -- --list 2>/dev/null | grep -c ': test$')
  skipped=$((skipped + n)); report+=("$(printf '%-34s    0 passed, 0 failed, %d skipped (no PostgreSQL)' "Rust integration tests (PostgreSQL)" "$n")")
fi

say "release build (server and WebAssembly)"
if cargo leptos build --release --split 2>&1 | tee "$logs/build.log"; then
  say "browser tests (Playwright in Chromium)"
  scripts/e2e.sh 2>&1 | tee "$logs/e2e.log"
  results=end2end/test-results/results.json
  if [ -f "$results" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]).stats; console.log(r.expected+r.flaky, r.unexpected, r.skipped)' "$PWD/$results")
  else
    p=0 f=1 s=0
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  report+=("$(printf '%-34s %4d passed, %d failed, %d skipped' "Browser tests (Chromium)" "$p" "$f" "$s")")
else
  failed=$((failed + 1)); report+=("$(printf '%-34s    0 passed, 1 failed (release build failed)' "Browser tests (Chromium)")")
fi

# What failed, once more at the end: a log read from its end should say it
# (why here, and the failed tests' names after the summary).
if [ "$failed" -gt 0 ]; then
  say "what failed"
  for log in "$logs/sqlite.log" "$logs/postgres.log"; do
    [ -f "$log" ] && grep -E '^error(\[E[0-9]+\])?: ' "$log" | sort -u | sed "s|^|$(basename "$log" .log): |"
  done
  [ -f end2end/test-results/results.json ] && [ "${f:-0}" -gt 0 ] && node end2end/failures.mjs end2end/test-results/results.json
fi

say "summary"
printf '%s\n' "${report[@]}"
# The failed tests' names last of all, where a cut log still shows them.
if [ "$failed" -gt 0 ]; then
  for log in "$logs/sqlite.log" "$logs/postgres.log"; do
    [ -f "$log" ] && grep -E '^test .* \.\.\. FAILED$' "$log" | sort -u | sed "s|^|✘ $(basename "$log" .log): |"
  done
  [ -f end2end/test-results/results.json ] && [ "${f:-0}" -gt 0 ] && node end2end/failures.mjs --names end2end/test-results/results.json
fi
rm -rf "$logs"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
