import type { DocumentDraft } from '../../../shared/jsonlImport';

/** Freezes a fixture and everything in it, so no test can change it for the next. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Four short articles for a new library: plain prose, curly quotes, and emoji (two UTF-16 units
 * each) so that offsets near surrogate pairs are exercised. One comes with spans and a relation.
 */
const DRAFTS: readonly DocumentDraft[] = deepFreeze<DocumentDraft[]>([
  {
    id: 'biden-putin',
    text: 'US President Joe Biden agreed to meet Vladimir Putin if Russia “does not invade Ukraine,” Jen Psaki said.',
    meta: { title: 'Biden agrees to meet Putin', source: 'sample' },
    status: 'todo',
    spans: [],
    relations: [],
  },
  {
    id: 'blinken-lavrov',
    text: 'Blinken said the meeting would follow talks with Lavrov. “We are always ready for diplomacy,” he said.',
    meta: { title: 'Blinken and Lavrov to meet' },
    status: 'in_progress',
    spans: [
      { id: 'q1', start: 57, end: 93, label: 'quote' },
      { id: 'a1', start: 0, end: 7, label: 'attribution' },
    ],
    relations: [{ id: 'r1', label: 'attributed_to', head: 0, child: 1 }],
  },
  {
    id: 'emoji-post',
    text: 'Officials 🇺🇸 said talks 🤝 could resume “very soon” 👩\u200d💻 — others were less sure 😀.',
    meta: { title: 'Emoji post' },
    status: 'todo',
    spans: [],
    relations: [],
  },
  {
    id: 'summit-plans',
    text: 'A summit is planned after February 24, the White House said, as long as there is no invasion.',
    meta: { title: 'Summit plans' },
    status: 'done',
    spans: [{ id: null, start: 0, end: 37, label: 'claim' }],
    relations: [],
  },
]);

/** Fresh copies of the sample drafts (callers may change them). */
export function sampleDrafts(): DocumentDraft[] {
  return structuredClone(DRAFTS) as DocumentDraft[];
}

export const SAMPLE_IDS: readonly string[] = DRAFTS.map((draft) => draft.id!);
