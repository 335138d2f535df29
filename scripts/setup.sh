#!/usr/bin/env bash
# Installs what Qiao needs on Debian/Ubuntu and is missing: build libraries for Tauri
# (WebKitGTK), fonts that render Chinese and Cyrillic, Rust and Node if absent, the UI's npm
# packages, and — with `--test` — Xvfb, WebKitWebDriver and tauri-driver for the
# end-to-end tests. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(build-essential pkg-config libssl-dev file curl libwebkit2gtk-4.1-dev libgtk-3-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  fonts-noto-core fonts-noto-cjk fonts-dejavu-core)
if $want_test; then
  packages+=(xvfb xauth x11-utils webkit2gtk-driver)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt_install() {
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
  }
  sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 update -qq
  # A concurrent apt run can remove downloaded packages mid-install: try once more.
  apt_install || apt_install
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v npm >/dev/null 2>&1; then
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules ]; then
  (cd ui && npm ci --no-audit --no-fund)
fi

if $want_test && ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked --version 2.1.0
fi
