#!/usr/bin/env bash
# Regenerates tests/golden/examples.jsonl from the current build. Review the
# diff before committing: it is the examples' expected output.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
"$BUILD_DIR/entente" extract -j 1 examples > tests/golden/examples.jsonl
git diff --stat tests/golden/examples.jsonl || true
