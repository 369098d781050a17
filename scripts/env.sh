# Sourced by the other scripts: puts the project's wasm-opt first on PATH
# (never Debian's older binaryen, whose output breaks hydration).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# Where cargo-leptos writes the site (`site-root` in Cargo.toml): under the
# project, whatever CARGO_TARGET_DIR says.
export SITE_ROOT="$ROOT/target/site"
