import { promises as fs, type BigIntStats } from 'node:fs';
import path from 'node:path';
import type { ImportProblem } from '../../shared/importProblem';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { mappingProblem } from '../../shared/importMapping';
import { emptyImportReport, mergeImportReport, type ImportReport } from '../../shared/importReport';
import type { DocumentSummary } from '../../shared/model';
import { notAnArticleReason } from '../../shared/formats/notAnArticle';
import { documentDraftFromTextFile } from '../../shared/textImport';
import { detectFileKind, unsupportedTypeMessage } from '../../shared/formats/fileKind';
import { fileTooLargeMessage, MAX_IMPORT_FILE_BYTES } from '../../shared/formats/importLimits';
import { readRecordFile } from '../../shared/formats/recordFile';
import { RECORD_FORMAT_NAMES } from '../../shared/formats/recordFormat';
import type { LibraryStore } from '../store/libraryStore';
import { addDrafts, type AddedDrafts, type ImportOptions } from './addDrafts';


/**
 * Decodes a file's bytes: UTF-8 (with or without BOM) or UTF-16 with BOM. Anything else is
 * reported rather than guessed into mojibake. Returns null and records a problem on failure.
 */
export function decodeText(file: string, bytes: Uint8Array, problems: ImportProblem[]): string | null {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  // UTF-32's byte order marks begin like UTF-16's; decoded as UTF-16 they would give mojibake.
  const utf32 = (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff);
  if (utf32) {
    problems.push({ file, message: 'UTF-32 text is not read (save it as UTF-8 and import it again)' });
    return null;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  try {
    // TextDecoder drops the BOM of the encoding it decodes.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    problems.push({ file, message: `not UTF-8 or UTF-16 text (save it as UTF-8 and import it again)` });
    return null;
  }
}

function sizeProblem(file: string, bytes: number): ImportProblem {
  return { file, message: fileTooLargeMessage(bytes) };
}

/** What one file gave: its drafts and, for the report, what it was read as. */
export interface FileReading {
  drafts: DocumentDraft[];
  /** "Prodigy", "HTML page", … ; null when nothing could be read. */
  format: string | null;
  /** Why the file was passed over as not an article (also noted in the problems). */
  notAnArticle?: string;
}

/**
 * Reads one file's bytes into drafts, whatever format it is in (plain text, Markdown, HTML,
 * JSONL or JSON of any known record format). `file` names it in reports. What cannot be read
 * goes to `problems`.
 */
export async function readImportBytes(file: string, bytes: Uint8Array, problems: ImportProblem[]): Promise<FileReading> {
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    problems.push(sizeProblem(file, bytes.length));
    return { drafts: [], format: null };
  }
  const content = decodeText(file, bytes, problems);
  if (content === null) return { drafts: [], format: null };
  const notArticle = notAnArticleReason(file, content);
  if (notArticle !== null) {
    problems.push({ file, message: notArticle, severity: 'note' });
    return { drafts: [], format: null, notAnArticle: notArticle };
  }
  const kind = detectFileKind(file, content);
  if (kind === null) {
    problems.push({ file, message: unsupportedTypeMessage(file) });
    return { drafts: [], format: null };
  }
  if (kind === 'html') {
    // jsdom is large: loaded only when a page is imported.
    const { documentDraftFromHtml } = await import('../../shared/formats/htmlArticle');
    const draft = documentDraftFromHtml(file, content, problems);
    return { drafts: draft ? [draft] : [], format: 'HTML page' };
  }
  if (kind === 'records') {
    const { drafts, formats } = readRecordFile(file, content, problems);
    const names = [...formats.keys()].map((format) => RECORD_FORMAT_NAMES[format]);
    return { drafts, format: names.length > 0 ? names.join(' + ') : null };
  }
  const draft = documentDraftFromTextFile(file, content, problems);
  return { drafts: draft ? [draft] : [], format: 'text' };
}

/** Reads one file from disk, reporting what cannot be read. */
export async function readImportPath(filePath: string, problems: ImportProblem[], name = path.basename(filePath)): Promise<FileReading> {
  const stat = await fs.stat(filePath);
  if (stat.size > MAX_IMPORT_FILE_BYTES) {
    problems.push(sizeProblem(name, stat.size));
    return { drafts: [], format: null };
  }
  return readImportBytes(name, await fs.readFile(filePath), problems);
}

/** Reads one file from disk into drafts, reporting what cannot be read. */
export async function readImportFile(filePath: string, problems: ImportProblem[], name = path.basename(filePath)): Promise<DocumentDraft[]> {
  return (await readImportPath(filePath, problems, name)).drafts;
}

/** A file an import will read, and the name its reports give it. */
export interface ImportSource {
  path: string;
  /** The file's name, or for a file inside a given folder its path from that folder's parent. */
  name: string;
}

/**
 * The files behind the paths a user gave: files as they are, folders walked recursively in
 * name order. Hidden files and folders (".git", ".DS_Store") are passed over. Each real file
 * and folder is taken once, however many links or given paths lead to it: a link back up the
 * tree (a loop) or a second way to a file is passed over, with a note in `notes`.
 */
export async function listImportSources(paths: readonly string[], notes: ImportProblem[] = []): Promise<ImportSource[]> {
  const sources: ImportSource[] = [];
  const seen = new Map<string, string>();
  /** True the first time the real file or folder behind `filePath` is met. */
  const firstMeeting = async (filePath: string, stat: BigIntStats, name: string): Promise<boolean> => {
    // Device and inode name a file on every system Node runs on; the real path where they are 0.
    const key = stat.ino !== 0n ? `${stat.dev}:${stat.ino}` : await fs.realpath(filePath);
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, name);
      return true;
    }
    notes.push({ file: name, message: `the same ${stat.isDirectory() ? 'folder' : 'file'} as ${earlier} (a link or a second path to it); read once`, severity: 'note' });
    return false;
  };
  const walk = async (filePath: string, name: string): Promise<void> => {
    const stat = await fs.stat(filePath, { bigint: true }).catch(() => null);
    // A path that cannot be read is kept, so reading it reports the reason under its name.
    if (!stat) {
      sources.push({ path: filePath, name });
      return;
    }
    if (!(await firstMeeting(filePath, stat, name))) return;
    if (!stat.isDirectory()) {
      sources.push({ path: filePath, name });
      return;
    }
    const entries = await fs.readdir(filePath).catch(() => null);
    if (!entries) {
      sources.push({ path: filePath, name });
      return;
    }
    for (const entry of entries.filter((entry) => !entry.startsWith('.')).sort()) await walk(path.join(filePath, entry), `${name}/${entry}`);
  };
  for (const given of paths) await walk(given, path.basename(path.resolve(given)));
  return sources;
}

export interface ImportOutcome extends ImportReport {
  /** The added articles' list rows. */
  summaries: DocumentSummary[];
  renamed: AddedDrafts['renamed'];
  /** Problems and notes, in the order found. */
  problems: ImportProblem[];
  /** Files read (whatever they held). */
  files: number;
}

/** Progress of an import, after each file. */
export type ImportProgressListener = (done: number, total: number, file: string) => void;

/**
 * Imports files and folders into the library, one file at a time: good records are added,
 * each bad one reported with its file and line; nothing already in the library changes.
 * `shouldStop` is asked before each file, so an import can be cancelled between files.
 */
export async function importFiles(
  store: LibraryStore,
  paths: readonly string[],
  { onProgress, shouldStop, ...options }: ImportOptions & { onProgress?: ImportProgressListener; shouldStop?: () => boolean } = {},
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { ...emptyImportReport(), summaries: [], renamed: [], problems: [], files: 0 };
  if (options.mapping) {
    const problem = mappingProblem(options.mapping, store.settings);
    if (problem) throw new RangeError(problem);
  }
  const sources = await listImportSources(paths, outcome.problems);
  for (const source of sources) {
    if (shouldStop?.()) break;
    let reading: FileReading = { drafts: [], format: null };
    try {
      reading = await readImportPath(source.path, outcome.problems, source.name);
    } catch (error) {
      outcome.problems.push({ file: source.name, message: `cannot be read (${(error as Error).message})` });
    }
    if (reading.notAnArticle) outcome.notArticles.push({ file: source.name, reason: reading.notAnArticle });
    const added = await addDrafts(store, source.name, reading.drafts, outcome.problems, options);
    mergeImportReport(outcome, added, Number.POSITIVE_INFINITY);
    outcome.summaries.push(...(added.summaries ?? []));
    outcome.renamed.push(...added.renamed);
    outcome.files++;
    onProgress?.(outcome.files, sources.length, source.name);
  }
  return outcome;
}
