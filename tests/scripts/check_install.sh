#!/bin/sh
# Installs the build into a temporary prefix and builds the consumer three
# ways: find_package (shared and static targets), pkg-config (shared) and
# pkg-config --static. Each must run and print the expected line.
# usage: check_install.sh BUILD_DIR SOURCE_DIR WORK_DIR C_COMPILER
set -eu
build=$1 src=$2 work=$3 cc=$4
rm -rf "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
expected="carealign $(sed -n 's/^project(carealign VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt") day=20779 sha256=ba7816bf"
libdir=$(dirname "$(find "$prefix" -name 'libcarealign.so.1' | head -n 1)")

check() { # name command...
    name=$1; shift
    out=$("$@") || { echo "FAIL $name: exit $?"; exit 1; }
    [ "$out" = "$expected" ] || { echo "FAIL $name: got '$out', want '$expected'"; exit 1; }
    echo "ok $name"
}

for f in include/carealign/carealign.h include/carealign/common.h include/carealign/version.h; do
    [ -f "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
[ -f "$libdir/libcarealign.a" ] && [ -f "$libdir/pkgconfig/carealign.pc" ] &&
    [ -f "$libdir/cmake/carealign/carealignConfig.cmake" ] &&
    [ -f "$libdir/cmake/carealign/carealignConfigVersion.cmake" ] ||
    { echo "FAIL: library, .pc or CMake package missing under $libdir"; exit 1; }
[ "$(readlink "$libdir/libcarealign.so")" = libcarealign.so.1 ] ||
    { echo "FAIL: libcarealign.so is not a link to the SONAME"; exit 1; }

# find_package
cmake -S "$src/tests/consumer" -B "$work/cmake" -DCMAKE_C_COMPILER="$cc" \
      -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_RPATH="$libdir" >/dev/null
cmake --build "$work/cmake" >/dev/null
check find_package_shared "$work/cmake/consumer_shared"
check find_package_static "$work/cmake/consumer_static"

# pkg-config, shared and static
export PKG_CONFIG_PATH="$libdir/pkgconfig"
[ "$(pkg-config --modversion carealign)" != "" ] || { echo "FAIL: pkg-config"; exit 1; }
# shellcheck disable=SC2046
"$cc" -o "$work/pc_shared" "$src/tests/consumer/main.c" $(pkg-config --cflags --libs carealign) \
      -Wl,-rpath,"$libdir"
check pkg_config_shared "$work/pc_shared"
static_libs=$(pkg-config --static --libs carealign | sed 's/-lcarealign/-l:libcarealign.a/')
# shellcheck disable=SC2046,SC2086
"$cc" -o "$work/pc_static" "$src/tests/consumer/main.c" $(pkg-config --cflags carealign) $static_libs
if readelf -d "$work/pc_static" | grep -q 'libcarealign'; then
    echo "FAIL: the static consumer depends on the shared library"; exit 1
fi
check pkg_config_static "$work/pc_static"
echo "packaging: all consumers ran"
