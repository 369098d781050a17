#!/usr/bin/env bash
# Installs what building and running the platform needs, skipping whatever is
# already in place, so a second run costs nothing. Everything comes from the
# package registries: crates.io, npm and Debian.
#   scripts/setup.sh          build tools (Rust target, cargo-leptos, wasm-bindgen, wasm-opt, font)
#   scripts/setup.sh --test   also Chromium and the Playwright packages
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos splits the WebAssembly at the lazy routes with the crate
# wasm_split_cli_support. The lock file cargo-leptos is published with pins
# 0.2.3, which leaves all static data (every text of every page) in the main
# module as soon as one shared string would lengthen the split data; 0.2.4
# moves each page's data into that page's part. cargo-leptos is therefore
# built from its published source and lock with that one crate moved to 0.2.4
# (docs/PERFORMANCE.md has the measurement). A stamp beside the tool records it.
WASM_SPLIT_VERSION=0.2.4
stamp="${CARGO_HOME:-$HOME/.cargo}/cargo-leptos.wasm-split"
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ] \
  || [ "$(cat "$stamp" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION with wasm_split_cli_support $WASM_SPLIT_VERSION (several minutes, once)"
  work="$(mktemp -d)"
  # cargo info fetches the published crate into cargo's cache.
  (cd "$work" && cargo info "cargo-leptos@$CARGO_LEPTOS_VERSION" >/dev/null)
  crate="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"cargo-leptos-$CARGO_LEPTOS_VERSION.crate" | head -n1)"
  tar -xzf "$crate" -C "$work"
  src="$work/cargo-leptos-$CARGO_LEPTOS_VERSION"
  # The new splitter needs a newer rayon and wasm parser; every other crate stays as published.
  for pin in rayon@1.12.0 "wasm_split_cli_support@$WASM_SPLIT_VERSION"; do
    cargo update --quiet --manifest-path "$src/Cargo.toml" -p "${pin%@*}" --precise "${pin#*@}"
  done
  # Most of the tool's code (project templates, JavaScript tooling, HTTP,
  # git) never runs in this project's builds, so it is compiled without
  # optimisation; the crates that do the work of a release build (splitting
  # and reading WebAssembly, compressing, CSS, hashing) keep full
  # optimisation, and without the fat LTO. Half the build time, the same
  # speed and output (docs/PERFORMANCE.md, "A new machine's first make run").
  hot="cargo-leptos wasm_split_cli_support wasmparser wasm-encoder brotli brotli-decompressor flate2
       libflate libflate_lz77 miniz_oxide crc32fast adler2 lightningcss md-5 seahash rayon rayon-core"
  profile=(--config profile.release.opt-level=0 --config profile.release.lto=false
           --config profile.release.codegen-units=16 --config profile.release.debug=0)
  for crate in $hot; do profile+=(--config "profile.release.package.$crate.opt-level=3"); done
  CARGO_TARGET_DIR="$work/target" cargo "${profile[@]}" install --path "$src" --locked --force
  echo "$WASM_SPLIT_VERSION" >"$stamp"
  rm -rf "$work"
fi

# cargo-leptos calls wasm-bindgen; its version must equal the crate's exactly.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt (binaryen 132) and the Noto Sans Georgian font, pinned in tools/package-lock.json.
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  say "installing build tools from npm (binaryen, Noto Sans Georgian)"
  (cd tools && npm ci --no-audit --no-fund)
fi

font=tools/node_modules/@fontsource-variable/noto-sans-georgian
mkdir -p public/fonts
cp -u "$font/files/noto-sans-georgian-georgian-wght-normal.woff2" public/fonts/noto-sans-georgian.woff2
cp -u "$font/files/noto-sans-georgian-latin-wght-normal.woff2" public/fonts/noto-sans-georgian-latin.woff2
cp -u "$font/LICENSE" public/fonts/OFL.txt

if [ "${1:-}" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Chromium from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing the Playwright test packages"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
fi
