#!/bin/sh
# Build the journey benchmark against a release build of libcarealign.a and
# run it. usage: bench/journey/run.sh [people] [contacts] [reps]
#
# The figures must not change with the code's speed: for the sizes below the
# FNV-1a digest of all results is checked against the one printed by main at
# e84d546 (before the fused per-person pass); the run fails if it differs.
# For other sizes set CAREALIGN_BENCH_DIGEST to the expected digest.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${CAREALIGN_BENCH_BUILD:-/tmp/carealign-bench-build}
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCAREALIGN_BUILD_TESTS=OFF \
      -DCAREALIGN_BUILD_TOOLS=OFF -DCAREALIGN_BUILD_EXAMPLES=OFF > /dev/null
cmake --build "$build" -j2 --target carealign_static > /dev/null
${CC:-cc} -O2 -DCAREALIGN_STATIC -I "$src/include" -I "$build/include" \
    "$src/bench/journey/bench_journey.c" "$build/lib/libcarealign.a" -lm -o "$build/bench_journey"
people=${1:-10000000}
contacts=${2:-100000000}
expect=${CAREALIGN_BENCH_DIGEST:-}
case "$people/$contacts" in
100000/1000000) expect=${expect:-d12825cae0a1fa32} ;;
1000000/10000000) expect=${expect:-26b763d240a1270e} ;;
esac
out=$("$build/bench_journey" "$@")
echo "$out"
if [ -n "$expect" ]; then
    got=$(echo "$out" | sed -n 's/^digest //p')
    if [ "$got" != "$expect" ]; then
        echo "digest $got differs from the expected $expect: the figures changed" >&2
        exit 1
    fi
    echo "digest matches main ($expect)"
fi
