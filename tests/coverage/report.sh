#!/bin/sh
# Line and branch coverage of the library (lib/) and the command (tools/)
# after the test suite has run in a `coverage` build (gcc --coverage), and a
# check that every exported function ran at least once.
# usage: tests/coverage/report.sh [BUILD_DIR] (default build/coverage)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$src/build/coverage}" && pwd)
lib=$(find "$build/lib" -name 'libcarealign.so.1' | head -n 1)
[ -n "$lib" ] || { echo "coverage: no libcarealign.so.1 under $build/lib" >&2; exit 1; }

gcovr --root "$src" --object-directory "$build" \
      --filter "$src/lib/" --filter "$src/tools/" \
      --exclude-unreachable-branches --exclude-directories '.*/CMakeFiles/[0-9.]*/CompilerId.*' \
      --json "$build/coverage.json" --txt "$build/coverage.txt" --print-summary

nm -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort -u \
    >"$build/exports.txt"
python3 "$src/tests/coverage/check_exports_covered.py" "$build/coverage.json" "$build/exports.txt"
