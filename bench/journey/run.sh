#!/bin/sh
# Build the journey benchmark against a release build of libcarealign.a and
# run it. usage: bench/journey/run.sh [people] [contacts] [reps]
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${CAREALIGN_BENCH_BUILD:-/tmp/carealign-bench-build}
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCAREALIGN_BUILD_TESTS=OFF \
      -DCAREALIGN_BUILD_TOOLS=OFF -DCAREALIGN_BUILD_EXAMPLES=OFF > /dev/null
cmake --build "$build" -j2 --target carealign_static > /dev/null
${CC:-cc} -O2 -DCAREALIGN_STATIC -I "$src/include" -I "$build/include" \
    "$src/bench/journey/bench_journey.c" "$build/lib/libcarealign.a" -lm -o "$build/bench_journey"
"$build/bench_journey" "$@"
