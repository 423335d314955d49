import { assembleDraft } from './formats/draftAssembly';
import type { ImportProblem } from './importProblem';
import type { DocumentDraft } from './jsonlImport';
import { titleFromText } from './title';

/**
 * Plain text as read from a file, ready to become a document's text: a UTF-8 byte order mark
 * is dropped and Windows/old Mac line endings become "\n" (no offsets depend on them yet).
 */
export function normaliseImportedText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The document id for a file: its name without folder and extension, made id-safe. */
export function idFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]*$/, '');
  const safe = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  return safe.length > 0 ? safe : 'document';
}

export interface TextDocumentDraft {
  id: string;
  text: string;
  title: string;
  source: string;
}

/** A plain-text or Markdown article: the whole file is the text; the title its first real line. */
export function draftFromTextFile(fileName: string, raw: string): TextDocumentDraft {
  const text = normaliseImportedText(raw);
  const id = idFromFileName(fileName);
  const title = titleFromText(text.replace(/^#+\s*/gm, ''), id);
  return { id, text, title, source: fileName.split(/[\\/]/).pop() ?? fileName };
}

/**
 * A plain-text or Markdown file as a new, unlabelled document draft, checked as every
 * imported article is (assembleDraft): null, with the reason in `problems`, when its text is
 * longer than the longest article Newsmark imports.
 */
export function documentDraftFromTextFile(fileName: string, raw: string, problems: ImportProblem[]): DocumentDraft | null {
  const draft = draftFromTextFile(fileName, raw);
  return assembleDraft(
    { id: draft.id, text: draft.text, meta: { title: draft.title, source: draft.source }, unit: 'utf16', spans: [], relations: [] },
    { file: fileName, fallbackTitle: draft.id },
    problems,
  );
}
