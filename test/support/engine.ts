import * as path from 'node:path';
import { PackageContents } from '../../server/src/catalog/packageContents';
import type { SchemaPackage } from '../../server/src/catalog/schemaPackage';
import { productRoot } from '../../server/src/productPaths';
import type { ValidationReport } from '../../server/src/validation/documentValidator';
import type { Lang } from '../../server/src/validation/messages';
import { ValidationEngine, createValidationEngine } from '../../server/src/validation/validationEngine';

/** The real engine (libxml2-wasm) shared by a test run, and the tests' own tiny package. */
let engine: Promise<ValidationEngine> | undefined;

export function testEngine(): Promise<ValidationEngine> {
  return (engine ??= createValidationEngine());
}

export const MINI_PACKAGE_ROOT = path.join(productRoot(), 'test', 'fixtures', 'mini-package');

export const miniPackage: SchemaPackage = { key: 'folder:mini', version: '1.1.0.0', origin: 'folder', root: MINI_PACKAGE_ROOT };

let mini: PackageContents | undefined;
export function miniContents(): PackageContents {
  return (mini ??= new PackageContents(miniPackage));
}

/** Schema validation of the tests' package; the rules beyond the XSD have their own tests. */
export async function checkMini(text: string, lang: Lang = 'ru', maxProblems = 100): Promise<ValidationReport> {
  const e = await testEngine();
  return e.validator.validate(text, miniContents(), { lang, maxProblems, rules: { enabled: false } });
}

export const NS = {
  base: 'http://dom.gosuslugi.ru/schema/integration/base/',
  demo: 'http://dom.gosuslugi.ru/schema/integration/demo/',
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
};

export const GUIDS = [
  '0f0c3b1e-7a52-4c1d-9e3f-2b6a8d4c1e01',
  '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c02',
  '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d03',
];

/** A valid importThingsRequest (bare), one Thing per name. */
export function thingsRequest(names: string[] = ['Стол']): string {
  const things = names
    .map((n, i) => `  <d:Thing>\n    <base:TransportGUID>${GUIDS[i % GUIDS.length]}</base:TransportGUID>\n    <d:Name>${n}</d:Name>\n  </d:Thing>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<d:importThingsRequest xmlns:d="${NS.demo}" xmlns:base="${NS.base}" base:version="1.0.0.1">\n${things}\n</d:importThingsRequest>\n`;
}
