#!/usr/bin/env bash
# Installs what is missing, builds Qiao and starts it. The first start opens a demo
# catalogue; later starts reopen the catalogue used last.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
(cd ui && npm run build)
cargo build -p qiao-app
exec target/debug/qiao-app "$@"
