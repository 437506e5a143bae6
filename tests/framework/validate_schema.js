// Checks docs/framework.schema.json (JSON Schema draft-07) with Ajv from the
// npm prefix used for the FHIR check: the schema compiles, every good
// framework validates, and each listed malformed variant is rejected.
//
// usage: node validate_schema.js NODE_PREFIX SCHEMA --good FILE... --bad FILE...
'use strict';
const fs = require('fs');
const path = require('path');

const [prefix, schemaFile, ...args] = process.argv.slice(2);
const Ajv = require(path.join(prefix, 'node_modules', 'ajv'));
const ajv = new Ajv({ allErrors: true, logger: false, format: 'full' });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

let mode = null, failures = 0, checked = 0;
for (const arg of args) {
  if (arg === '--good' || arg === '--bad') { mode = arg; continue; }
  const doc = JSON.parse(fs.readFileSync(arg, 'utf8'));
  const ok = validate(doc);
  checked++;
  if (mode === '--good' && !ok) {
    console.error(`FAIL ${arg}: rejected by the schema:\n${JSON.stringify(validate.errors.slice(0, 5), null, 2)}`);
    failures++;
  } else if (mode === '--bad' && ok) {
    console.error(`FAIL ${arg}: accepted by the schema`);
    failures++;
  }
}
console.log(`${checked} files checked against ${schemaFile}, ${failures} failures`);
process.exit(failures || checked === 0 ? 1 : 0);
