#!/usr/bin/env bash
# Prints the JavaScript + WebAssembly + CSS a browser downloads to show the
# home page (raw and brotli), next to a minimal Leptos page built the same way
# in the same run (bench/minimal). Both are release builds with wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
source scripts/env.sh

cargo leptos build --release --split >/dev/null 2>&1 || cargo leptos build --release --split
(cd bench/minimal && CARGO_TARGET_DIR="$ROOT/bench/minimal/target" cargo leptos build --release >/dev/null 2>&1 \
  || CARGO_TARGET_DIR="$ROOT/bench/minimal/target" cargo leptos build --release)

work="$(mktemp -d)"
bin="$CARGO_TARGET_DIR/server-release/alliance"
DATABASE_URL="sqlite:$work/size.db" "$bin" seed --demo >/dev/null
DATABASE_URL="sqlite:$work/size.db" LEPTOS_SITE_ROOT="$SITE_ROOT" "$bin" serve --addr 127.0.0.1:3300 >"$work/app.log" 2>&1 &
app=$!
(cd bench/minimal && LEPTOS_SITE_ADDR=127.0.0.1:3301 LEPTOS_SITE_ROOT=target/site target/server-release/minimal >"$work/minimal.log" 2>&1) &
minimal=$!
trap 'kill $app $minimal 2>/dev/null; rm -rf "$work"' EXIT
for port in 3300 3301; do
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
done

cd end2end && node size.mjs "http://127.0.0.1:3301/" "http://127.0.0.1:3300/" "http://127.0.0.1:3300/about" "http://127.0.0.1:3300/news" "http://127.0.0.1:3300/members"
