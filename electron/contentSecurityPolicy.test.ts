import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

/** Directives as a map, so two policies compare without regard to order and spacing. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources.sort()]),
  );
}

const INDEX_HTML = readFileSync(fileURLToPath(new URL('../renderer/index.html', import.meta.url)), 'utf8');
const metaPolicy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(INDEX_HTML)?.[1];

test('the page’s meta policy is the header policy (less frame-ancestors, which a meta tag cannot carry)', () => {
  expect(metaPolicy).toBeDefined();
  const header = directives(CONTENT_SECURITY_POLICY);
  header.delete('frame-ancestors');
  expect(directives(metaPolicy!)).toEqual(header);
});

test.each([
  ['the header', CONTENT_SECURITY_POLICY],
  ['the meta tag', metaPolicy ?? ''],
])('%s allows no eval, no inline code, nothing remote', (_where, policy) => {
  const parsed = directives(policy);
  expect(parsed.get('default-src')).toEqual(["'none'"]);
  expect(parsed.get('script-src')).toEqual(["'self'"]);
  expect(parsed.get('style-src')).toEqual(["'self'"]);
  expect(parsed.get('object-src') ?? parsed.get('default-src')).toEqual(["'none'"]);
  expect(parsed.get('base-uri')).toEqual(["'none'"]);
  for (const [name, sources] of parsed) {
    for (const source of sources) {
      expect(source, `${name} ${source}`).not.toMatch(/unsafe-|https?:|\*|wss?:|blob:/);
    }
  }
});
