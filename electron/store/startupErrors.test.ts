import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { DataFolderError } from './dataFolderSetup';
import { LibraryStore } from './libraryStore';
import { sampleDrafts } from './testing/sampleDrafts';
import { listFilesBelow, makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

/**
 * Opening a data folder that cannot be written. Tests run as root here, which chmod does not
 * stop, so the file system is faked below a chosen folder: creating a folder fails as on a
 * read-only disk or without permission, and writing a file fails as on a full disk (which
 * makes the file, empty, before the write fails, as a real one does).
 */
const faults = vi.hoisted(() => ({
  /** mkdir and file writes below `root` fail with `code`, as on a read-only disk. */
  readOnly: null as { root: string; code: 'EROFS' | 'EACCES' } | null,
  /** File writes below this folder make the file, empty, then fail with ENOSPC. */
  fullDisk: null as string | null,
}));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const pathOf = (file: unknown) => String(file);
  const below = (root: string | undefined | null, file: unknown) => !!root && (pathOf(file) === root || pathOf(file).startsWith(`${root}/`));
  const fault = (code: string, syscall: string, file: unknown) => Object.assign(new Error(`${code}: simulated, ${syscall} '${pathOf(file)}'`), { code, syscall, path: pathOf(file) });
  const writeFileSync: typeof real.writeFileSync = (file, data, options) => {
    if (below(faults.readOnly?.root, file)) throw fault(faults.readOnly!.code, 'open', file);
    if (below(faults.fullDisk, file)) {
      real.writeFileSync(file, '', options);
      throw fault('ENOSPC', 'write', file);
    }
    real.writeFileSync(file, data, options);
  };
  const mkdir = (async (folder: string, options?: Parameters<typeof real.promises.mkdir>[1]) => {
    if (below(faults.readOnly?.root, folder)) throw fault(faults.readOnly!.code, 'mkdir', folder);
    return real.promises.mkdir(folder, options);
  }) as typeof real.promises.mkdir;
  const mocked = { ...real, writeFileSync, promises: { ...real.promises, mkdir } };
  return { ...mocked, default: mocked };
});

let parent: string;

beforeEach(async () => {
  parent = await makeTemporaryFolder('newsmark-startup-');
});

afterEach(async () => {
  faults.readOnly = null;
  faults.fullDisk = null;
  await removeFolder(parent);
});

const open = (folder: string) => LibraryStore.open(folder, { holder: 'startup test', seed: async () => sampleDrafts() });

/** Every file below `folder` with its bytes, to show a failed open changed nothing. */
async function contents(folder: string): Promise<[string, string][]> {
  return Promise.all((await listFilesBelow(folder)).map(async (file) => [file, await fs.readFile(path.join(folder, file), 'utf8')] as [string, string]));
}

async function openError(folder: string): Promise<DataFolderError> {
  const error: unknown = await open(folder).then(
    () => new Error('opened'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DataFolderError);
  return error as DataFolderError;
}

test.each(['EROFS', 'EACCES'] as const)('a new data folder on a read-only parent (%s) is named, with what is wrong, not "ENOENT … mkdir"', async (code) => {
  faults.readOnly = { root: parent, code };
  const folder = path.join(parent, 'library');
  const error = await openError(folder);
  expect(error.message).toBe(
    code === 'EROFS'
      ? `Newsmark cannot use the data folder ${folder}: it is on a read-only disk or share, so nothing could be saved there. Make it writable, or choose another data folder (--data-dir, or NEWSMARK_DATA_DIR).`
      : `Newsmark cannot use the data folder ${folder}: you do not have permission to write there. Give your user write access to it, or choose another data folder (--data-dir, or NEWSMARK_DATA_DIR).`,
  );
  expect(await fs.readdir(parent)).toEqual([]);
});

test('an existing library on a read-only disk is refused plainly, and no file is changed', async () => {
  const folder = path.join(parent, 'library');
  await (await open(folder)).close();
  const before = await contents(folder);
  faults.readOnly = { root: folder, code: 'EROFS' };
  expect((await openError(folder)).message).toMatch(new RegExp(`^Newsmark cannot use the data folder ${folder}: it is on a read-only disk`));
  expect(await contents(folder)).toEqual(before);
});

test('a full disk is said plainly, and leaves no lock or temporary file behind (nor the folder it was to make)', async () => {
  faults.fullDisk = parent;
  const folder = path.join(parent, 'library');
  const error = await openError(folder);
  expect(error.message).toBe(
    `Newsmark cannot use the data folder ${folder}: the disk it is on is full (or your disk quota is used up). Free some space and start Newsmark again, or choose another data folder (--data-dir, or NEWSMARK_DATA_DIR).`,
  );
  expect(error.code).toBe('ENOSPC');
  expect(await fs.readdir(parent)).toEqual([]);
});

test('a full disk under an existing library changes none of its files', async () => {
  const folder = path.join(parent, 'library');
  await (await open(folder)).close();
  const before = await contents(folder);
  faults.fullDisk = folder;
  expect((await openError(folder)).message).toMatch(/the disk it is on is full/);
  expect(await contents(folder)).toEqual(before);
});

test('a file where a folder of the path should be is named', async () => {
  await fs.writeFile(path.join(parent, 'notes.txt'), 'not a folder');
  const folder = path.join(parent, 'notes.txt', 'library');
  expect((await openError(folder)).message).toBe(
    `Newsmark cannot use the data folder ${folder}: ${path.join(parent, 'notes.txt')} is a file, not a folder. Move the file, or choose another data folder (--data-dir, or NEWSMARK_DATA_DIR).`,
  );
  expect((await openError(path.join(parent, 'notes.txt'))).message).toMatch(/: it is a file, not a folder\./);
});
