import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportProblem } from '../../shared/importProblem';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { DEFAULT_LABELS, type DocumentSummary, type LabelDefinition } from '../../shared/model';
import { documentDraftFromTextFile } from '../../shared/textImport';
import { detectFileKind, unsupportedTypeMessage } from '../../shared/formats/fileKind';
import { fileTooLargeMessage, MAX_IMPORT_FILE_BYTES } from '../../shared/formats/importLimits';
import { readRecordFile } from '../../shared/formats/recordFile';
import { RECORD_FORMAT_NAMES } from '../../shared/formats/recordFormat';
import { mergeAnnotatedDrafts } from './annotatorMerge';
import type { LibraryStore } from '../store/libraryStore';


/** The most labels a label set holds (settingsSchema). */
const MAX_LABELS = 50;

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
  return { drafts: [documentDraftFromTextFile(file, content)], format: 'text' };
}

/** Reads one file from disk into drafts, reporting what cannot be read. */
export async function readImportFile(filePath: string, problems: ImportProblem[], name = path.basename(filePath)): Promise<DocumentDraft[]> {
  const stat = await fs.stat(filePath);
  if (stat.size > MAX_IMPORT_FILE_BYTES) {
    problems.push(sizeProblem(name, stat.size));
    return [];
  }
  return (await readImportBytes(name, await fs.readFile(filePath), problems)).drafts;
}

/** A file an import will read, and the name its reports give it. */
export interface ImportSource {
  path: string;
  /** The file's name, or for a file inside a given folder its path from that folder's parent. */
  name: string;
}

/**
 * The files behind the paths a user gave: files as they are, folders walked recursively in
 * name order. Hidden files and folders (".git", ".DS_Store") are passed over.
 */
export async function listImportSources(paths: readonly string[]): Promise<ImportSource[]> {
  const sources: ImportSource[] = [];
  const walk = async (filePath: string, name: string): Promise<void> => {
    const stat = await fs.stat(filePath).catch(() => null);
    // A path that cannot be read is kept, so reading it reports the reason under its name.
    if (!stat?.isDirectory()) {
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

// Further colours for labels that imports bring in (Okabe–Ito, then Paul Tol's muted scheme).
const EXTRA_COLOURS = ['#d55e00', '#cc79a7', '#56b4e9', '#f0e442', '#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#882255'];

/**
 * The label set with the labels the drafts use and the set lacks, each added with a colour,
 * up to the 50 a label set holds. `refused` lists the labels that did not fit.
 */
export function labelsWithDrafts(labels: readonly LabelDefinition[], drafts: readonly DocumentDraft[]): { labels: LabelDefinition[]; refused: string[] } {
  const result = [...labels];
  const known = new Set(labels.map((label) => label.name));
  const refused = new Set<string>();
  for (const draft of drafts) {
    for (const span of draft.spans) {
      if (known.has(span.label) || refused.has(span.label)) continue;
      if (result.length >= MAX_LABELS) {
        refused.add(span.label);
        continue;
      }
      known.add(span.label);
      const used = new Set(result.map((label) => label.color));
      const color = [...DEFAULT_LABELS.map((label) => label.color), ...EXTRA_COLOURS].find((candidate) => !used.has(candidate)) ?? '#777777';
      result.push({ name: span.label, color, key: '' });
    }
  }
  return { labels: result, refused: [...refused] };
}

export interface AddedDrafts {
  added: DocumentSummary[];
  addedLabels: string[];
  /** Ids the library changed because they were taken or unusable (also noted in problems). */
  renamed: { from: string | null; to: string }[];
}

/**
 * Adds drafts read from `file` to the library: new labels join the label set (those past its
 * 50 are reported: their spans are kept, shown without a colour of their own), a taken id gets
 * a new one (a note). An annotated draft (an export) whose text the library already has is merged
 * into that article instead, its spans kept apart by annotator (annotatorMerge.ts; a note); nothing
 * else already in the library changes.
 */
export async function addDrafts(store: LibraryStore, file: string, drafts: readonly DocumentDraft[], problems: ImportProblem[]): Promise<AddedDrafts> {
  if (drafts.length === 0) return { added: [], addedLabels: [], renamed: [] };
  const { labels, refused } = labelsWithDrafts(store.settings.labels, drafts);
  const addedLabels = labels.slice(store.settings.labels.length).map((label) => label.name);
  if (addedLabels.length > 0) {
    await store.updateSettings({ ...store.settings, labels });
    problems.push({ file, message: `added ${addedLabels.length === 1 ? 'label' : 'labels'} ${addedLabels.map((label) => `"${label}"`).join(', ')} to the label set`, severity: 'note' });
  }
  if (refused.length > 0) {
    problems.push({
      file,
      message: `the label set is full (${MAX_LABELS} labels), so ${refused.length} ${refused.length === 1 ? 'label was' : 'labels were'} not added: ${refused.map((label) => `"${label}"`).join(', ')}. Their spans are imported but have no colour or key until a label is removed.`,
    });
  }
  // Several annotators' exports of the same articles: one article per text (annotatorMerge.ts).
  const result = await store.addDocuments(await mergeAnnotatedDrafts(store, file, drafts, problems), store.settings.annotator);
  for (const { from, to } of result.renamed) {
    // A draft without an id (an HTML page's is its file name) is named by the library: no news.
    if (from !== null) problems.push({ file, message: `the id "${from}" is taken or unusable; imported as "${to}"`, severity: 'note' });
  }
  return { added: result.added, addedLabels, renamed: result.renamed };
}

export interface ImportOutcome {
  added: DocumentSummary[];
  renamed: AddedDrafts['renamed'];
  /** Problems and notes, in the order found. */
  problems: ImportProblem[];
  addedLabels: string[];
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
  { onProgress, shouldStop }: { onProgress?: ImportProgressListener; shouldStop?: () => boolean } = {},
): Promise<ImportOutcome> {
  const problems: ImportProblem[] = [];
  const added: DocumentSummary[] = [];
  const addedLabels: string[] = [];
  const renamed: AddedDrafts['renamed'] = [];
  const sources = await listImportSources(paths);
  let files = 0;
  for (const source of sources) {
    if (shouldStop?.()) break;
    let drafts: DocumentDraft[] = [];
    try {
      drafts = await readImportFile(source.path, problems, source.name);
    } catch (error) {
      problems.push({ file: source.name, message: `cannot be read (${(error as Error).message})` });
    }
    const outcome = await addDrafts(store, source.name, drafts, problems);
    added.push(...outcome.added);
    addedLabels.push(...outcome.addedLabels);
    renamed.push(...outcome.renamed);
    files++;
    onProgress?.(files, sources.length, source.name);
  }
  return { added, renamed, problems, addedLabels, files };
}
