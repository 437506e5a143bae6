#!/bin/sh
# Differential check of the journey layer against another revision (main by
# default): builds a Release libcarealign.a of this tree and of the
# revision's sources (git archive, so no checkout is touched), runs
# differential.c against each and compares the per-configuration digests of
# all results, row statuses, rejected counts, error messages and discharges.
# usage: bench/journey/differential.sh [revision=main] [configurations=400]
# Work files go to $CAREALIGN_DIFF_DIR (default /tmp/carealign-journey-diff).
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
rev=${1:-main}
cfg=${2:-400}
dir=${CAREALIGN_DIFF_DIR:-/tmp/carealign-journey-diff}
mkdir -p "$dir"
rm -rf "$dir/ref-src"
mkdir "$dir/ref-src"
git -C "$src" archive "$rev" | tar -x -C "$dir/ref-src"
for side in ref new; do
    if [ $side = ref ]; then tree=$dir/ref-src; else tree=$src; fi
    cmake -S "$tree" -B "$dir/$side-build" -DCMAKE_BUILD_TYPE=Release \
        -DCAREALIGN_BUILD_TESTS=OFF -DCAREALIGN_BUILD_TOOLS=OFF \
        -DCAREALIGN_BUILD_EXAMPLES=OFF > /dev/null
    cmake --build "$dir/$side-build" -j2 --target carealign_static > /dev/null
    ${CC:-cc} -O1 -DCAREALIGN_STATIC -I "$tree/include" -I "$dir/$side-build/include" \
        "$src/bench/journey/differential.c" "$dir/$side-build/lib/libcarealign.a" -lm \
        -o "$dir/differential-$side"
    "$dir/differential-$side" "$cfg" > "$dir/$side.txt"
done
if cmp -s "$dir/ref.txt" "$dir/new.txt"; then
    echo "differential: $cfg configurations identical to $rev"
else
    echo "differential: results differ from $rev:" >&2
    diff "$dir/ref.txt" "$dir/new.txt" | head -20 >&2
    exit 1
fi
