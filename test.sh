#!/usr/bin/env bash
# Runs every test: the Rust core (unit and integration), a short fuzz run of the readers,
# the UI (types, unit tests, build), the check that the generated TypeScript bindings are
# current, and the end-to-end suite that drives the real app window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh --test

echo "== core: cargo test"
cargo test --locked

echo "== fuzz: a short run of every reader (scripts/fuzz.sh; FUZZ_SECONDS per target)"
# A fixed seed: the same exploration each run, so CI is not red by chance; longer and
# unseeded runs (scripts/fuzz.sh 600) are where new inputs are looked for.
FUZZ_SEED="${FUZZ_SEED:-1121}" scripts/fuzz.sh "${FUZZ_SECONDS:-30}"

echo "== ui: unit tests"
(cd ui && npm test)

echo "== app: build"
(cd ui && npm run build)
cargo build --locked -p qiao-app

echo "== bindings are current"
fresh=$(mktemp --suffix=.ts)
target/debug/qiao-app --export-bindings "$fresh"
if ! diff -u ui/src/lib/bindings.ts "$fresh"; then
  echo "ui/src/lib/bindings.ts is stale: run 'target/debug/qiao-app --export-bindings ui/src/lib/bindings.ts'" >&2
  exit 1
fi
rm -f "$fresh"
(cd ui && npm run check)

echo "== end-to-end: the real window under Xvfb"
QIAO_APP="$PWD/target/debug/qiao-app" xvfb-run -a --server-args="-screen 0 1440x900x24" \
  node --test --test-concurrency=1 tests/e2e/*.test.mjs
