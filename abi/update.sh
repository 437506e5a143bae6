#!/bin/sh
# Regenerates abi/libcarealign.abi from a gcc build with debug information
# (the `test` preset's build). Run it only on purpose: see docs/abi.md.
# usage: abi/update.sh [BUILD_DIR]   (default build/test)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build/test}
lib=$build/lib/libcarealign.so.1
[ -f "$lib" ] || { echo "no $lib: build the test preset first" >&2; exit 1; }
abidw --headers-dir "$src/include/carealign" --drop-private-types --no-corpus-path \
      --short-locs --out-file "$here/libcarealign.abi" "$lib"
# The build directory is not part of the ABI: keep the baseline reproducible.
sed -i "s| comp-dir-path='[^']*'||" "$here/libcarealign.abi"
echo "wrote $here/libcarealign.abi from $lib"
