#!/usr/bin/env bash
# Installs what Attune needs to build (and, with --test, to test), at pinned
# versions, from package registries only. Idempotent: anything already present
# at the right version is skipped, so a warm machine spends seconds here.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
WANT_TEST=${1:-}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 13 minutes the first time)"
  # trunk 0.22 needs a newer rustc than this toolchain has.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked fails against the registry snapshot for this crate.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ] \
  || ! (cd scripts/tools && npm ls --depth=0 >/dev/null 2>&1); then
  say "installing wasm-opt 132 (npm binaryen) and esbuild (the release build's minifier)"
  npm ci --prefix scripts/tools --no-audit --no-fund --loglevel=error
fi

if [ "$WANT_TEST" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian chromium"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
  if ! (cd tests/browser && npm ls --depth=0 >/dev/null 2>&1); then
    say "installing browser test packages"
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
  fi
  if ! (cd tests/couch && npm ls --depth=0 >/dev/null 2>&1); then
    # The sync tests' CouchDB: pouchdb-server, always run --in-memory.
    say "installing the sync tests' server (pouchdb-server)"
    npm ci --prefix tests/couch --no-audit --no-fund --loglevel=error
  fi
  if ! (cd bench && npm ls --depth=0 >/dev/null 2>&1); then
    say "installing benchmark packages (lighthouse, playwright-core)"
    npm ci --prefix bench --no-audit --no-fund --loglevel=error
  fi
  if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then rustup component add clippy; fi
  if ! rustup component list --installed 2>/dev/null | grep -q '^rustfmt'; then rustup component add rustfmt; fi
fi
say "tools ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version | cut -d' ' -f1-3)"
