import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { setWriteFaultHook, writeFileDurably } from '../store/durableWrite';
import { makeTemporaryFolder, removeFolder } from '../store/testing/temporaryFolder';
import { installTestFaultSwitch, TEST_FAULT_FILE_VARIABLE } from './testFaultSwitch';

let folder: string | null = null;
afterEach(async () => {
  setWriteFaultHook(null);
  if (folder) await removeFolder(folder);
  folder = null;
});

test('without the variable nothing is installed and writes succeed', async () => {
  folder = await makeTemporaryFolder('newsmark-fault-');
  expect(installTestFaultSwitch({})).toBeNull();
  await writeFileDurably(path.join(folder, 'a.json'), '{}');
  expect(await fs.readFile(path.join(folder, 'a.json'), 'utf8')).toBe('{}');
});

test('with it, writes fail with the code the switch file names, only while it exists, and leave the target as it was', async () => {
  folder = await makeTemporaryFolder('newsmark-fault-');
  const switchFile = path.join(folder, 'fault');
  const target = path.join(folder, 'a.json');
  expect(installTestFaultSwitch({ [TEST_FAULT_FILE_VARIABLE]: switchFile })).toBe(switchFile);
  await writeFileDurably(target, '"before"');

  await fs.writeFile(switchFile, 'ENOSPC\n');
  await expect(writeFileDurably(target, '"lost"')).rejects.toMatchObject({ code: 'ENOSPC' });
  await fs.writeFile(switchFile, 'EROFS');
  await expect(writeFileDurably(target, '"lost"')).rejects.toMatchObject({ code: 'EROFS' });
  // Anything else in the file is no fault code: writes go through.
  await fs.writeFile(switchFile, 'rm -rf /');
  await writeFileDurably(target, '"after"');
  await fs.writeFile(switchFile, 'EIO');
  await expect(writeFileDurably(target, '"lost"')).rejects.toMatchObject({ code: 'EIO' });
  await fs.rm(switchFile);
  expect(await fs.readFile(target, 'utf8')).toBe('"after"');
  await writeFileDurably(target, '"done"');
  expect(await fs.readFile(target, 'utf8')).toBe('"done"');
});
