#!/bin/sh
# Proves the ABI gate bites: builds mutated copies of the library and runs
# tests/scripts/check_abi.sh on each.
#   unchanged copy                          -> must pass
#   a field appended to carealign_allocator -> must pass (size-prefixed)
#   a field inserted mid carealign_allocator -> must fail
#   an exported function deleted            -> must fail
# The layout static asserts are emptied in the copies, since they would
# (rightly) stop the mutated builds before the ABI gate is reached.
# usage: abi_selftest.sh SOURCE_DIR WORK_DIR C_COMPILER
set -eu
src=$1 work=$2 cc=$3
rm -rf "$work"
mkdir -p "$work"

variant() { # name -> prints the library path of a fresh copy, after edits by the caller
    copy=$work/$1/src
    mkdir -p "$copy"
    cp -r "$src/CMakeLists.txt" "$src/cmake" "$src/include" "$src/lib" "$src/abi" "$copy/"
    for layout in "$copy"/lib/*/layout*.c; do
        printf '/* pins removed for the ABI self-test */\ntypedef int carealign__layout_unchecked;\n' >"$layout"
    done
}

build() { # name
    cmake -S "$work/$1/src" -B "$work/$1/build" -DCMAKE_C_COMPILER="$cc" \
          -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAREALIGN_BUILD_TESTS=OFF -DCAREALIGN_WERROR=OFF \
          -DCAREALIGN_BUILD_TOOLS=OFF -DCAREALIGN_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build "$work/$1/build" --target carealign -j2 >"$work/$1.build.log" 2>&1 ||
        { echo "FAIL: variant $1 did not build:"; cat "$work/$1.build.log"; exit 1; }
}

expect() { # name pass|fail
    if sh "$src/tests/scripts/check_abi.sh" "$src" "$work/$1/build/lib/libcarealign.so.1" \
        >"$work/$1.log" 2>&1; then got=pass; else got=fail; fi
    if [ "$got" != "$2" ]; then
        echo "FAIL: variant '$1' should $2 the ABI gate but did $got:"; cat "$work/$1.log"; exit 1
    fi
    echo "ok: variant '$1' does $got the gate"
}

header=include/carealign/common.h

variant unchanged
build unchanged
expect unchanged pass

variant appended
sed -i 's|^    void \*user; *\(/\*\*<.*\)$|    void *user; \1\n    int64_t appended; /**< test */|' "$work/appended/src/$header"
grep -q 'appended;' "$work/appended/src/$header" || { echo "FAIL: could not append"; exit 1; }
build appended
expect appended pass

variant inserted
sed -i 's|^    size_t size; *\(/\*\*< sizeof(carealign_allocator).*\)$|    size_t size; \1\n    int64_t inserted; /**< test */|' "$work/inserted/src/$header"
grep -q 'inserted;' "$work/inserted/src/$header" || { echo "FAIL: could not insert"; exit 1; }
build inserted
expect inserted fail

variant deleted
python3 - "$work/deleted/src" <<'PY'
import re, sys
root = sys.argv[1]
path = root + "/lib/core/version.c"
text = open(path).read()
text, n = re.subn(r"const char \*carealign_version_string\(void\)\n\{[^}]*\}\n", "", text)
assert n == 1, "carealign_version_string not found"
open(path, "w").write(text)
PY
build deleted
expect deleted fail
echo "the ABI gate catches deletions and mid-struct insertions"
