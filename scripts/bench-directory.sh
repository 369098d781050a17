#!/usr/bin/env bash
# Load test of the member directory with 10 000 synthetic organisations:
# requests/s, p50 and p99 of the directory page filtered by one sector, of the
# open-data API, and of a static file of the same size as the page served by
# the same server (the ceiling), all in one run on one machine.
#
#   scripts/bench-directory.sh            # SQLite file (the default storage)
#   DATABASE=postgres scripts/bench-directory.sh
#   BENCH_BIN=path/to/another/alliance scripts/bench-directory.sh   # another build
#
# Besides one fixed filter, it measures a combination of filters with a
# search, and a mix where every request asks for another filter and search
# text (so no kept answer helps, whatever the cache setting).
#
# Needs the release build (`make build`); installs wrk from Debian if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port="${BENCH_PORT:-3200}"
duration="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-8}"
count="${BENCH_ORGANISATIONS:-10000}"
sector="${BENCH_SECTOR:-C}"
bin="${BENCH_BIN:-$CARGO_TARGET_DIR/server-release/alliance}"

[ -x "$bin" ] || { echo "no release build: run 'make build' first"; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

work="$(mktemp -d)"
cp -r "$SITE_ROOT" "$work/site"
if [ "${DATABASE:-sqlite}" = postgres ]; then
  db="alliance_bench_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
else
  export DATABASE_URL="sqlite:$work/bench.db"
fi
export ALLIANCE_DATA_DIR="$work/data" LEPTOS_SITE_ROOT="$work/site" RUST_LOG=warn
cleanup() {
  kill "${server:-}" 2>/dev/null; wait "${server:-}" 2>/dev/null || true
  [ -n "${db:-}" ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" migrate >/dev/null
start=$(date +%s.%N)
"$bin" seed --synthetic "$count" >/dev/null
printf 'seeded %s organisations in %.1f s (%s)\n' "$count" "$(echo "$(date +%s.%N) - $start" | bc)" "${DATABASE:-sqlite}"

# Serves with directory answers reused for $1 seconds (0: every request queries).
start_server() {
  if [ -n "${server:-}" ]; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  ALLIANCE_DIRECTORY_CACHE_SECONDS=$1 "$bin" serve --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
}
start_server 5

base="http://127.0.0.1:$port"
page="/members?sector=$sector"
api="/api/v1/members"
api_sector="/api/v1/members?sector=$sector"
combined="/members?sector=$sector&region=GE-TB&impact=youth&q=organisation+00"
# Every request another sector, region and four-digit search text.
cat >"$work/varied.lua" <<'LUA'
local sectors = {"A","B","C","D","E","F","G","H","I","J","K","L","M","N","O","P","Q","R","S","T","U"}
local regions = {"GE-TB","GE-AJ","GE-GU","GE-IM","GE-KA","GE-KK","GE-MM","GE-RL","GE-SZ","GE-SJ","GE-SK"}
request = function()
  local path = string.format("/members?sector=%s&region=%s&q=%04d",
    sectors[math.random(#sectors)], regions[math.random(#regions)], math.random(0, 9999))
  return wrk.format(nil, path)
end
LUA
rss_before=$(ps -o rss= -p "$server" | tr -d ' ')
size=$(curl -fsS "$base$page" | wc -c)
printf 'server memory (RSS): %s KB before the first directory request, %s KB after\n' \
  "$rss_before" "$(ps -o rss= -p "$server" | tr -d ' ')"
head -c "$size" /dev/zero | tr '\0' 'x' >"$work/site/same-size.html"
echo "page $page: $size bytes; static file /same-size.html: $(wc -c <"$work/site/same-size.html") bytes"
echo "api $api: $(curl -fsS "$base$api" | wc -c) bytes"

# "Requests/sec" and the 50% and 99% latency lines of wrk --latency, in ms.
measure() {
  local path=$1 c=$2 out script=()
  if [ "$path" = varied ]; then script=(-s "$work/varied.lua"); path=/members; fi
  wrk -t1 -c"$c" -d3s "${script[@]}" "$base$path" >/dev/null # warm-up
  out=$(wrk -t1 -c"$c" -d"${duration}s" --latency "${script[@]}" "$base$path")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%s %s %s %s\n' "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "${errors:-0}"
}
to_ms() {
  local v=$1
  case "$v" in
    *us) echo "scale=3; ${v%us} / 1000" | bc ;;
    *ms) echo "${v%ms}" ;;
    *s) echo "scale=3; ${v%s} * 1000" | bc ;;
  esac
}

for cache in 5 0; do
start_server "$cache"
if [ "$cache" = 0 ]; then mode="off: every request is answered and rendered afresh"; else mode="answers reused up to ${cache} s"; fi
printf '\ndirectory cache: %s\n' "$mode"
printf '%-32s %6s %10s %9s %9s %8s %8s\n' "target ($duration s each, wrk -t1)" conns "req/s" "p50 ms" "p99 ms" "non-2xx" "% static"
for c in "$connections" 1; do
  read -r s_rps s_p50 s_p99 s_err < <(measure /same-size.html "$c")
  read -r p_rps p_p50 p_p99 p_err < <(measure "$page" "$c")
  read -r a_rps a_p50 a_p99 a_err < <(measure "$api" "$c")
  read -r b_rps b_p50 b_p99 b_err < <(measure "$api_sector" "$c")
  read -r m_rps m_p50 m_p99 m_err < <(measure "$combined" "$c")
  read -r v_rps v_p50 v_p99 v_err < <(measure varied "$c")
  pct() { echo "scale=0; 100 * $1 / $s_rps" | bc; }
  printf '%-32s %6s %10s %9s %9s %8s %8s\n' "static file (ceiling)" "$c" "$s_rps" "$s_p50" "$s_p99" "$s_err" 100
  printf '%-32s %6s %10s %9s %9s %8s %8s\n' "$page" "$c" "$p_rps" "$p_p50" "$p_p99" "$p_err" "$(pct "$p_rps")"
  printf '%-32s %6s %10s %9s %9s %8s %8s\n' "$api" "$c" "$a_rps" "$a_p50" "$a_p99" "$a_err" "$(pct "$a_rps")"
  printf '%-32s %6s %10s %9s %9s %8s %8s\n' "$api_sector" "$c" "$b_rps" "$b_p50" "$b_p99" "$b_err" "$(pct "$b_rps")"
  printf '%-32s %6s %10s %9s %9s %8s %8s\n' "combined filters + search" "$c" "$m_rps" "$m_p50" "$m_p99" "$m_err" "$(pct "$m_rps")"
  printf '%-32s %6s %10s %9s %9s %8s %8s\n' "varied filters + search" "$c" "$v_rps" "$v_p50" "$v_p99" "$v_err" "$(pct "$v_rps")"
done
done
