import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { realWorldPath } from './realWorld';

/**
 * The W3C Web Annotation Working Group's MUST-level test of a single annotation, run as its own
 * harness ran it (wpt annotation-model/scripts/JSONtest.js): one Ajv with allErrors and no
 * schema validation, the definitions added first, each assertion compiled and run; an assertion
 * passes when the outcome equals its expectedResult. The schemas are draft-04, hence
 * ajv-draft-04; the two formats they use are checked with ajv-formats' "fast" patterns (the
 * harness's Ajv 4 default).
 */

const FORMATS = {
  uri: /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,
  'date-time': /^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,
};

interface Assertion {
  file: string;
  expectedResult: 'valid' | 'invalid';
  check: (annotation: unknown) => boolean;
}

export interface MustFailure {
  assertion: string;
  message: string;
}

const W3C_FOLDER = () => realWorldPath('w3c-annotation-tests');

function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Compiles the 54 assertions of annotations/annotationMusts.test. */
export function loadAnnotationMusts(): (annotation: unknown) => MustFailure[] {
  const folder = W3C_FOLDER();
  const ajv = new Ajv({ allErrors: true, validateSchema: false, strict: false, formats: FORMATS });
  for (const file of readdirSync(path.join(folder, 'definitions'))) ajv.addSchema(readJson(path.join(folder, 'definitions', file)));
  const test = readJson(path.join(folder, 'annotations', 'annotationMusts.test')) as { assertions: string[] };
  const assertions: Assertion[] = test.assertions.map((file) => {
    const schema = readJson(path.join(folder, file));
    const validate = ajv.compile(schema);
    return { file, expectedResult: schema.expectedResult ?? 'valid', check: (annotation) => validate(annotation) as boolean };
  });
  return (annotation) =>
    assertions
      .filter((assertion) => (assertion.check(annotation) ? 'valid' : 'invalid') !== assertion.expectedResult)
      .map((assertion) => ({ assertion: assertion.file, message: readJson(path.join(folder, assertion.file)).errorMessage ?? 'failed' }));
}

export function annotationMustCount(): number {
  return (readJson(path.join(W3C_FOLDER(), 'annotations', 'annotationMusts.test')) as { assertions: string[] }).assertions.length;
}

/** The Working Group's sample annotations: name → parsed JSON (null when it does not parse). */
export function w3cSamples(kind: 'correct' | 'incorrect'): Map<string, unknown> {
  const folder = path.join(W3C_FOLDER(), 'tools', 'samples', kind);
  const samples = new Map<string, unknown>();
  for (const file of readdirSync(folder).sort()) {
    try {
      samples.set(file, readJson(path.join(folder, file)));
    } catch {
      // A sample that is not JSON fails the test as the harness would: it cannot be an annotation.
      samples.set(file, null);
    }
  }
  return samples;
}
