import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportProblem } from '../../shared/importProblem';
import { draftsFromJsonl, type DocumentDraft } from '../../shared/jsonlImport';
import { DEFAULT_LABELS, type LabelDefinition } from '../../shared/model';
import { documentDraftFromTextFile } from '../../shared/textImport';
import type { AddResult, LibraryStore } from '../store/libraryStore';

/** Largest file we read, with a clear message past it. */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/**
 * Decodes a file's bytes: UTF-8 (with or without BOM) or UTF-16 with BOM. Anything else is
 * reported rather than guessed into mojibake. Returns null and records a problem on failure.
 */
export function decodeText(file: string, bytes: Uint8Array, problems: ImportProblem[]): string | null {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
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

/** Reads one file into drafts, reporting what cannot be read. */
export async function readImportFile(filePath: string, problems: ImportProblem[]): Promise<DocumentDraft[]> {
  const file = path.basename(filePath);
  const extension = path.extname(filePath).toLowerCase();
  if (!TEXT_EXTENSIONS.has(extension) && !JSONL_EXTENSIONS.has(extension)) {
    problems.push({ file, message: `unsupported file type "${extension || '(none)'}"; use .txt, .md or .jsonl` });
    return [];
  }
  const stat = await fs.stat(filePath);
  if (stat.size > MAX_IMPORT_FILE_BYTES) {
    problems.push({ file, message: `the file is ${Math.round(stat.size / 1024 / 1024)} MB; the largest Newsmark imports is ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB` });
    return [];
  }
  const text = decodeText(file, await fs.readFile(filePath), problems);
  if (text === null) return [];
  if (JSONL_EXTENSIONS.has(extension)) {
    const { drafts, problems: found } = draftsFromJsonl(file, text);
    problems.push(...found);
    return drafts;
  }
  return [documentDraftFromTextFile(file, text)];
}

// Further colours for labels that imports bring in (Okabe–Ito, then Paul Tol's muted scheme).
const EXTRA_COLOURS = ['#d55e00', '#cc79a7', '#56b4e9', '#f0e442', '#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#882255'];

/** The label set with any label the drafts use and the set lacks, each added with a colour. */
export function labelsWithDrafts(labels: readonly LabelDefinition[], drafts: readonly DocumentDraft[]): LabelDefinition[] {
  const result = [...labels];
  const known = new Set(labels.map((label) => label.name));
  for (const draft of drafts) {
    for (const span of draft.spans) {
      if (known.has(span.label)) continue;
      known.add(span.label);
      const used = new Set(result.map((label) => label.color));
      const color = [...DEFAULT_LABELS.map((label) => label.color), ...EXTRA_COLOURS].find((candidate) => !used.has(candidate)) ?? '#777777';
      result.push({ name: span.label, color, key: '' });
    }
  }
  return result;
}

export interface ImportOutcome extends AddResult {
  problems: ImportProblem[];
  addedLabels: string[];
}

/**
 * Imports files into the library: good records are added, each bad one reported with its file
 * and line; nothing already in the library changes (a taken id gets a new one, reported).
 */
export async function importFiles(store: LibraryStore, filePaths: readonly string[]): Promise<ImportOutcome> {
  const problems: ImportProblem[] = [];
  const drafts: DocumentDraft[] = [];
  for (const filePath of filePaths) {
    try {
      drafts.push(...(await readImportFile(filePath, problems)));
    } catch (error) {
      problems.push({ file: path.basename(filePath), message: `cannot be read (${(error as Error).message})` });
    }
  }
  const labels = labelsWithDrafts(store.settings.labels, drafts);
  const addedLabels = labels.slice(store.settings.labels.length).map((label) => label.name);
  if (addedLabels.length > 0) await store.updateSettings({ ...store.settings, labels });
  const result = await store.addDocuments(drafts, store.settings.annotator);
  return { ...result, problems, addedLabels };
}
