#!/usr/bin/env node
// Validates SBOM files with real validators, for the test suite:
//   node validate.cjs cyclonedx-1.6|cyclonedx-1.5|spdx-2.3 FILE...
// CycloneDX files are checked against the official JSON schema by @cyclonedx/cyclonedx-library (ajv with formats).
// SPDX files have their declared license expressions parsed by spdx-expression-parse. No SPDX 2.3 JSON schema is
// published as a package; set SPDX_SCHEMA to a copy of the official schemas/spdx-schema.json (spdx/spdx-spec, branch
// support/2.3) to also check the documents against it with ajv.
// Prints every problem found and exits 1 when there is one, 2 on bad usage.
'use strict';
const fs = require('node:fs');
const { Spec, Validation } = require('@cyclonedx/cyclonedx-library');
const parseSpdx = require('spdx-expression-parse');

const cdxVersions = { 'cyclonedx-1.6': Spec.Version.v1dot6, 'cyclonedx-1.5': Spec.Version.v1dot5 };

function checkExpression(expression, where, problems) {
  if (expression === 'NOASSERTION' || expression === 'NONE') return;
  try {
    parseSpdx(expression);
  } catch (e) {
    problems.push(`${where}: '${expression}' is not a valid SPDX license expression (${e.message})`);
  }
}

async function validate(kind, file) {
  const text = fs.readFileSync(file, 'utf8');
  const problems = [];
  if (kind in cdxVersions) {
    const errors = await new Validation.JsonValidator(cdxVersions[kind]).validate(text);
    if (errors !== null) problems.push(`schema: ${JSON.stringify(errors, null, 1)}`);
    for (const c of JSON.parse(text).components ?? []) {
      for (const l of c.licenses ?? []) {
        if (l.expression !== undefined) checkExpression(l.expression, c['bom-ref'], problems);
      }
    }
  } else if (kind === 'spdx-2.3') {
    const doc = JSON.parse(text);
    if (process.env.SPDX_SCHEMA) {
      const Ajv = require('ajv');
      const addFormats = require('ajv-formats');
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const check = ajv.compile(JSON.parse(fs.readFileSync(process.env.SPDX_SCHEMA, 'utf8')));
      if (!check(doc)) problems.push(`schema: ${JSON.stringify(check.errors, null, 1)}`);
    }
    const refs = new Set((doc.hasExtractedLicensingInfos ?? []).map((l) => l.licenseId));
    for (const p of doc.packages ?? []) {
      const declared = p.licenseDeclared;
      if (!refs.has(declared)) checkExpression(declared, p.SPDXID, problems);
    }
  } else {
    console.error(`unknown kind '${kind}'; use cyclonedx-1.6, cyclonedx-1.5 or spdx-2.3`);
    process.exit(2);
  }

  return problems.map((p) => `${file}: ${p}`);
}

(async () => {
  const [kind, ...files] = process.argv.slice(2);
  if (!kind || files.length === 0) {
    console.error('usage: node validate.cjs cyclonedx-1.6|cyclonedx-1.5|spdx-2.3 FILE...');
    process.exit(2);
  }

  const problems = (await Promise.all(files.map((f) => validate(kind, f)))).flat();
  for (const p of problems) console.log(p);
  if (problems.length === 0) console.log(`valid ${kind}: ${files.join(', ')}`);
  process.exit(problems.length === 0 ? 0 : 1);
})().catch((e) => {
  console.error(e.stack ?? String(e));
  process.exit(2);
});
