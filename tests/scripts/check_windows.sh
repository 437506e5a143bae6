#!/bin/sh
# Cross-builds libcarealign-1.dll (with its import library) and the static
# library with mingw-w64, builds the consumer against each, and runs both
# under wine. The layout static asserts in lib/*/layout.c are compiled by
# mingw here too.
# usage: check_windows.sh SOURCE_DIR WORK_DIR
set -eu
src=$1 work=$2
rm -rf "$work"
cmake -S "$src" -B "$work/build" -DCMAKE_TOOLCHAIN_FILE="$src/cmake/mingw-w64-x86_64.cmake" \
      -DCMAKE_BUILD_TYPE=Release -DCAREALIGN_BUILD_TESTS=OFF -DCAREALIGN_BUILD_TOOLS=OFF \
      -DCAREALIGN_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$work/build" -j2 >/dev/null
dll=$work/build/lib/libcarealign-1.dll
implib=$work/build/lib/libcarealign.dll.a
[ -f "$dll" ] || { echo "FAIL: $dll not built"; ls "$work/build/lib"; exit 1; }
[ -f "$implib" ] || { echo "FAIL: import library not built"; exit 1; }
exports=$(x86_64-w64-mingw32-objdump -p "$dll" | sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/p' |
          sed -n 's/^[[:space:]]*\[ *[0-9]*\] //p')
[ -n "$exports" ] || { echo "FAIL: no exports found in $dll"; exit 1; }
if echo "$exports" | grep -v '^carealign_[a-z0-9]'; then
    echo "FAIL: the DLL exports the names above, without the carealign_ prefix"; exit 1
fi
echo "ok $(echo "$exports" | wc -l) DLL exports, all carealign_"
imports=$(x86_64-w64-mingw32-objdump -p "$dll" | sed -n 's/^[[:space:]]*DLL Name: //p')
if echo "$imports" | grep -viE '^(kernel32|msvcrt|api-ms-win-crt-[a-z0-9-]+)\.dll$'; then
    echo "FAIL: the DLL needs the libraries above; vendors must need nothing but Windows"; exit 1
fi
echo "ok DLL imports only:" $imports

inc="-I$src/include -I$work/build/include"
# shellcheck disable=SC2086
x86_64-w64-mingw32-gcc -std=c11 -Wall -Werror $inc -o "$work/consumer_dll.exe" \
    "$src/tests/consumer/main.c" "$implib"
# shellcheck disable=SC2086
x86_64-w64-mingw32-gcc -std=c11 -Wall -Werror -DCAREALIGN_STATIC $inc -static \
    -o "$work/consumer_static.exe" "$src/tests/consumer/main.c" "$work/build/lib/libcarealign.a"
cp "$dll" "$work/"

export WINEPREFIX="$work/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
expected="carealign $(sed -n 's/^project(carealign VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt") day=20779 sha256=ba7816bf"
for exe in consumer_dll consumer_static; do
    out=$(cd "$work" && wine "./$exe.exe" 2>"$work/$exe.stderr" | tr -d '\r') ||
        { echo "FAIL: $exe.exe exited non-zero under wine:"; grep -v wine32 "$work/$exe.stderr"; exit 1; }
    [ "$out" = "$expected" ] || { echo "FAIL: $exe.exe printed '$out', want '$expected'"; exit 1; }
    echo "ok $exe.exe under wine"
done
