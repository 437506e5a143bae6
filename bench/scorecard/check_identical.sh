#!/bin/sh
# Byte-identity check of two builds of the `carealign` tool (the scorecard's
# speed work must not change a figure or a byte of any output):
#   sh bench/scorecard/check_identical.sh REF_TOOL NEW_TOOL [SRC_DIR]
# REF_TOOL: the tool of the reference build (e.g. main's), NEW_TOOL: the
# candidate's. SRC_DIR (default: the current directory) holds examples/.
# Compares: the demo's report.json; JSON, CSV and FHIR of `report` on
# examples/data; JSON and CSV of a generated 3,000-person set with 1 and 2
# threads; and the partial (--partial-out) of both data sets. Exit 0 when
# every file is identical.
set -u
ref=$1 new=$2 src=${3:-.}
fw=$src/examples/frameworks/england-integrated-care.json
d=$src/examples/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT; [ -n "${KEEP:-}" ] && trap - EXIT && echo "$tmp"
"$ref" generate --people 3000 --organisations 40 --months 12 --seed 7 --out "$tmp/gen" >/dev/null 2>&1
bad=0
for side in ref new; do
    eval tool=\$$side
    o=$tmp/$side
    mkdir -p "$o"
    "$tool" demo --out "$o/demo" >/dev/null 2>&1
    rm -f "$o/demo/report.html" # holds the run's paths and time
    for data in ex gen; do
        if [ $data = ex ]; then dd=$d; else dd=$tmp/gen; fi
        args="--framework $fw --people $dd/people.csv --organisations $dd/organisations.csv --populations $dd/populations.csv --responses $dd/responses.csv --fft $dd/fft.csv --contacts $dd/contacts.csv --quiet"
        for t in 1 2; do
            for f in json csv fhir; do
                [ $data = gen ] && [ $f = fhir ] && continue
                [ $data = ex ] && [ $t = 2 ] && continue
                $tool report $args --format $f --threads $t --out "$o/$data-$t.$f" 2>/dev/null
            done
        done
        $tool report $args --partial-out "$o/$data.partial" 2>/dev/null
    done
done
for f in $(cd "$tmp/ref" && find . -type f | sort); do
    if ! cmp -s "$tmp/ref/$f" "$tmp/new/$f"; then
        echo "DIFFERS: $f"
        bad=1
    fi
done
n=$(cd "$tmp/ref" && find . -type f | wc -l)
m=$(cd "$tmp/new" && find . -type f | wc -l)
if [ "$n" -ne 10 ] || [ "$m" -ne 10 ]; then
    # a run that failed wrote nothing: fewer files would compare as equal
    echo "expected 10 files from each tool, got $n (reference) and $m (new)" >&2
    bad=1
fi
[ $bad = 0 ] && echo "identical: $n files"
exit $bad
