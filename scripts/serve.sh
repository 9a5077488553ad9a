#!/usr/bin/env bash
# Builds Attune (release) and serves it on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"
exec trunk serve --offline --release --address 127.0.0.1 --port 8080
