import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentPage } from '../../shared/contract';
import type { Settings } from '../../shared/model';
import { SCHEMA_VERSION } from './indexMigrations';

/**
 * The list's head: the first screen of the document list, its totals and the settings in
 * effect, kept in a small file beside the index and written after it each time it is written.
 * A host answers a window's first requests from it while the library itself still opens
 * (index parsed, folder listed), which at 100,000 articles takes seconds.
 *
 * It is trusted only while it describes the files beside it: it records the index's and the
 * settings file's stamp (size, time, inode: each is replaced by a rename on every write, so a
 * rewrite gets a new inode) and the schema version, and carries a hash of its own text. A head
 * that is missing, damaged, of another version, or older than either file is ignored, and the
 * window waits for the library as it did without one. Even a head taken for current shows
 * only what the index said: the answers built from it say that files are still being
 * checked and carry a list version no open library has, so the window fetches every page, and
 * the notices, again from the library once it is open.
 */
export const LIST_HEAD_FILE_NAME = 'list-head.json';
/** Rows the head keeps: more than a first screen asks for. */
export const LIST_HEAD_ROWS = 200;
/** The list version of answers built from a head: never one an open library has (they count from 0). */
export const LIST_HEAD_VERSION = -1;
const FORMAT = 1;
/** The files a head describes (INDEX_FILE_NAME and SETTINGS_FILE_NAME, named here so a host reads a head without loading the store). */
export const HEAD_OF = { index: 'index.json', settings: 'settings.json' } as const;

interface FileMark {
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface ListHead {
  format: number;
  schemaVersion: number;
  index: FileMark;
  settingsFile: FileMark | null;
  page: DocumentPage;
  settings: Settings;
}

function markOf(filePath: string): FileMark | null {
  const stat = statSync(filePath, { throwIfNoEntry: false });
  return stat ? { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino } : null;
}

function sameMark(a: FileMark | null, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  const mark = b as Partial<FileMark> | undefined;
  return mark?.size === a.size && mark.mtimeMs === a.mtimeMs && mark.ino === a.ino;
}

/** The file is JSON, {"sha256": hash of the head's text, "head": the head}, the hash taken over the exact text. */
const HASH_KEY = '{"sha256":"';
const BODY_KEY = '","head":';

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

let temporaryCounter = 0;

/**
 * Writes the head of `page` and `settings` for the index and settings file now in `folder`:
 * called right after the index is written. Written whole (a temporary file renamed over it, so
 * a reader never sees half of one) but not flushed: it is a cache, and whatever a power cut
 * leaves of it — the old head, which names the old index; an empty or torn file, which fails its
 * hash — is ignored. Its flushes would have competed with the saves' for the disk.
 */
export function writeListHead(folder: string, page: DocumentPage, settings: Settings): void {
  const index = markOf(path.join(folder, HEAD_OF.index));
  if (!index) return;
  const head: ListHead = { format: FORMAT, schemaVersion: SCHEMA_VERSION, index, settingsFile: markOf(path.join(folder, HEAD_OF.settings)), page, settings };
  const body = JSON.stringify(head);
  // Named as durableWrite names its temporary files, so one a crash leaves is removed on the next open.
  const temporary = path.join(folder, `.${LIST_HEAD_FILE_NAME}.${process.pid}.${++temporaryCounter}.tmp`);
  try {
    writeFileSync(temporary, `${HASH_KEY}${hashOf(body)}${BODY_KEY}${body}}`, { flag: 'wx' });
    renameSync(temporary, path.join(folder, LIST_HEAD_FILE_NAME));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function isPage(value: unknown): value is DocumentPage {
  const page = value as Partial<DocumentPage> | null;
  return (
    typeof page === 'object' &&
    page !== null &&
    page.offset === 0 &&
    Number.isInteger(page.total) &&
    Array.isArray(page.rows) &&
    page.rows.length <= page.total! &&
    page.rows.every((row) => typeof row?.id === 'string' && typeof row.title === 'string' && typeof row.status === 'string' && typeof row.counts === 'object') &&
    typeof page.statusCounts === 'object' &&
    page.statusCounts !== null
  );
}

/**
 * The head in `folder` when it is whole and describes the index and settings file there now
 * (see above); null otherwise. Synchronous and small (a few kilobytes and two stats), so a host
 * can read it before it loads the store's code.
 */
export function readListHead(folder: string): ListHead | null {
  let text: string;
  try {
    text = readFileSync(path.join(folder, LIST_HEAD_FILE_NAME), 'utf8');
  } catch {
    return null;
  }
  const bodyAt = HASH_KEY.length + 64 + BODY_KEY.length;
  const body = text.slice(bodyAt, -1);
  if (!text.startsWith(HASH_KEY) || text.slice(bodyAt - BODY_KEY.length, bodyAt) !== BODY_KEY || !text.endsWith('}')) return null;
  if (hashOf(body) !== text.slice(HASH_KEY.length, HASH_KEY.length + 64)) return null;
  let head: ListHead;
  try {
    head = JSON.parse(body) as ListHead;
  } catch {
    return null;
  }
  if (head?.format !== FORMAT || head.schemaVersion !== SCHEMA_VERSION || !isPage(head.page) || typeof head.settings !== 'object' || head.settings === null) return null;
  if (!sameMark(markOf(path.join(folder, HEAD_OF.index)), head.index)) return null;
  if (!sameMark(markOf(path.join(folder, HEAD_OF.settings)), head.settingsFile)) return null;
  return head;
}
