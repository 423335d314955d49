import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { resolveStaticFile } from './staticFile';
import { makeTemporaryFolder, removeFolder } from './store/testing/temporaryFolder';

let outside: string;
let build: string;

beforeAll(async () => {
  // outside/secret.txt beside outside/build/{index.html, assets/app.js, links}.
  outside = await makeTemporaryFolder('newsmark-static-');
  build = path.join(outside, 'build');
  await fs.mkdir(path.join(build, 'assets'), { recursive: true });
  await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
  await fs.writeFile(path.join(build, 'index.html'), '<!doctype html>');
  await fs.writeFile(path.join(build, 'assets', 'app.js'), '0');
  await fs.symlink(path.join(outside, 'secret.txt'), path.join(build, 'assets', 'leak.txt'));
  await fs.symlink(outside, path.join(build, 'up'));
  await fs.symlink(path.join(build, 'assets', 'app.js'), path.join(build, 'alias.js'));
});

afterAll(async () => {
  await removeFolder(outside);
});

test('files inside the folder are found; "/" is index.html', async () => {
  expect(await resolveStaticFile(build, '/')).toBe(await fs.realpath(path.join(build, 'index.html')));
  expect(await resolveStaticFile(build, '/index.html')).toBe(await fs.realpath(path.join(build, 'index.html')));
  expect(await resolveStaticFile(build, '/assets/app.js')).toBe(await fs.realpath(path.join(build, 'assets', 'app.js')));
  expect(await resolveStaticFile(build, '/assets/%61pp.js')).toBe(await fs.realpath(path.join(build, 'assets', 'app.js')));
  // A link that stays inside the folder is served as what it points at.
  expect(await resolveStaticFile(build, '/alias.js')).toBe(await fs.realpath(path.join(build, 'assets', 'app.js')));
});

test.each([
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E%2Fsecret.txt',
  '/..%2fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/assets/%2e%2e/%2e%2e/secret.txt',
  '/..\\secret.txt',
  '/%5c..%5csecret.txt',
  '/assets\\..\\..\\secret.txt',
  `/${'../'.repeat(20)}etc/passwd`,
  '//etc/passwd',
  '/%2fetc%2fpasswd',
  '/assets/leak.txt',
  '/up/secret.txt',
  '/assets',
  '/assets/',
  '/missing.js',
  '/index.html%00.js',
  '/%E0%A4%A',
])('%s is not served', async (pathname) => {
  expect(await resolveStaticFile(build, pathname)).toBeNull();
});

test('an absolute path outside, given as the whole path, is not served', async () => {
  expect(await resolveStaticFile(build, path.join(outside, 'secret.txt'))).toBeNull();
});
