#!/bin/sh
# The ABI gate: compares the built shared library with the committed
# baseline. Any non-zero abidiff exit fails (1 error, 2 usage, 4 ABI change
# such as a struct layout change, 8 incompatible change such as a removed
# function); added functions are allowed (--no-added-syms), and so are
# fields appended to size-prefixed structs (abi/suppressions.abignore).
# usage: check_abi.sh SOURCE_DIR LIBRARY
set -u
src=$1 lib=$2
abidiff --no-added-syms --drop-private-types --fail-no-debug-info \
        --suppressions "$src/abi/suppressions.abignore" \
        --headers-dir2 "$src/include/carealign" \
        "$src/abi/libcarealign.abi" "$lib"
status=$?
if [ "$status" -ne 0 ]; then
    echo "FAIL: abidiff exit $status against abi/libcarealign.abi (see docs/abi.md)"
    exit 1
fi
echo "ABI matches abi/libcarealign.abi (additions only)"
