#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, mobile defaults: simulated slow 4G and a
# 4× slower CPU) in Debian's Chromium on every public page a visitor opens
# first, against the release build with the demo data; prints the scores
# (performance, accessibility, best practices, SEO), the main timings, and
# every audit that cost points.
#
#   make lighthouse                 # scripts/lighthouse.sh
#   PAGES="/ /members" scripts/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
source scripts/env.sh
if [ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]; then
  (cd bench/lighthouse && npm ci --no-audit --no-fund >/dev/null)
fi
bin="$CARGO_TARGET_DIR/server-release/alliance"
[ -x "$bin" ] && [ -d "$SITE_ROOT/pkg" ] || cargo leptos build --release --split

port="${LIGHTHOUSE_PORT:-3400}"
work="$(mktemp -d)"
export DATABASE_URL="sqlite:$work/lighthouse.db" ALLIANCE_DATA_DIR="$work/data" RUST_LOG=warn
"$bin" seed --demo >/dev/null
LEPTOS_SITE_ROOT="$SITE_ROOT" "$bin" serve --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

article=$(curl -fsS "$base/news" | grep -o 'href="/news/[a-z0-9-]*"' | head -n1 | cut -d'"' -f2)
pages="${PAGES:-/ /about /news $article /board /members /members?sector=C /members/nakargi /apply /login}"
reports=()
for path in $pages; do
  out="$work/$(echo "$path" | tr -c 'a-zA-Z0-9' '_').json"
  bench/lighthouse/node_modules/.bin/lighthouse "$base$path" \
    --chrome-path="$(command -v chromium)" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$out" --quiet
  reports+=("$out")
done
node bench/lighthouse/table.mjs "${reports[@]}"
