#!/usr/bin/env bash
# Runs every check Attune has, in the order a failure is cheapest to find:
# formatting, lints (native and wasm32), native tests, one release build,
# its size budget, then the real app in headless Chromium against that build.
# Installs what is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"
# A clean clone builds once: incremental caches would only take disk.
export CARGO_INCREMENTAL=0

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "the docs match the tree (folder map, links)"
python3 docs/check.py

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings

step "clippy (wasm32, the app itself)"
cargo clippy --target wasm32-unknown-unknown --locked -- -D warnings

step "native tests"
cargo test --locked

step "release build (built once, reused by every browser test)"
bash scripts/build.sh

step "size budget"
node tests/browser/size.mjs dist

step "browser tests (headless Chromium)"
ATTUNE_DIST="$PWD/dist" npm test --prefix tests/browser

if [ -f bench/run.mjs ]; then
  step "benchmark, quick mode (figures only, no timing assertions)"
  node bench/run.mjs --quick
fi
step "all checks passed"
