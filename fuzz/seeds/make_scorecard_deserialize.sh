#!/bin/sh
# Remake the seeds of fuzz/corpus/scorecard_deserialize/ with the current
# library: partials (`carealign report --partial-out`) of the small fuzzing
# framework (tests/scorecard/small_framework.h) over an empty data set, the
# first 12 rows of the sample's FFT counts, and the sample's first 10 people with their
# contacts and responses. A partial carries the methods version, and a
# library refuses partials of another: run this after every methods-version
# bump (the ctest fuzz_scorecard_seeds_current fails until then: it makes
# them into a temporary folder and compares).
# usage: fuzz/seeds/make_scorecard_deserialize.sh <carealign tool> [out dir]
# (with an out dir the seeds are made there and compared with the committed)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
tool=$1
out=${2:-"$src/fuzz/corpus/scorecard_deserialize"}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the framework text, as the fuzz target loads it
printf '#include <stdio.h>\n#include "%s/tests/scorecard/small_framework.h"\nint main(void){fputs(framework_json, stdout);return 0;}\n' \
    "$src" > "$tmp/fw.c"
${CC:-cc} -o "$tmp/fw" "$tmp/fw.c"
"$tmp/fw" > "$tmp/fw.json"
d="$src/examples/data"
mkdir "$tmp/empty" "$tmp/fft" "$tmp/people"
for f in people organisations populations responses fft contacts; do
    head -n 1 "$d/$f.csv" > "$tmp/empty/$f.csv"
    head -n 1 "$d/$f.csv" > "$tmp/fft/$f.csv"
    cp "$d/$f.csv" "$tmp/people/$f.csv"
done
cp "$d/organisations.csv" "$tmp/fft/organisations.csv"
head -n 13 "$d/fft.csv" > "$tmp/fft/fft.csv"
head -n 11 "$d/people.csv" > "$tmp/people/people.csv"
head -n 1 "$d/fft.csv" > "$tmp/people/fft.csv"
for set in empty fft people; do
    s="$tmp/$set"
    # rows of people not in the subset are rejected (exit status 3): expected
    "$tool" report --framework "$tmp/fw.json" --people "$s/people.csv" \
        --organisations "$s/organisations.csv" --populations "$s/populations.csv" \
        --responses "$s/responses.csv" --fft "$s/fft.csv" --contacts "$s/contacts.csv" \
        --partial-out "$out/$set.casc" --quiet 2> /dev/null || [ $? -eq 3 ]
    echo "$out/$set.casc: $(wc -c < "$out/$set.casc") bytes"
done
if [ $# -ge 2 ]; then # compare with the committed seeds
    for set in empty fft people; do
        cmp "$out/$set.casc" "$src/fuzz/corpus/scorecard_deserialize/$set.casc" || {
            echo "fuzz/corpus/scorecard_deserialize/$set.casc is stale: run $0 <tool>" >&2
            exit 1
        }
    done
fi
