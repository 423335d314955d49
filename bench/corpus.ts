import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LABELS, newsDocumentSchema, type NewsDocument, type Span } from '../shared/model';
import { compareSpans } from '../shared/spans';
import { LibraryStore, DOCUMENTS_FOLDER } from '../electron/store/libraryStore';
import { randomInteger, randomItem, seededRandom } from '../electron/store/testing/seededRandom';

/** The repo's sample articles, whose words every generated text is made of. */
const SAMPLE_CORPUS_FOLDER = path.resolve(__dirname, '..', 'data');
const LABEL_NAMES = DEFAULT_LABELS.map((label) => label.name);
const CREATED_AT = '2026-01-01T00:00:00.000Z';
/** Document files older than this carry a stamp the store trusts on its next open. */
const SETTLED_FILE_AGE_MS = 60_000;

/**
 * A first-order word chain over the sample corpus: which words follow which. Generated text
 * reads like the corpus (its words, punctuation, quotation marks and non-Latin names) without
 * copying it.
 */
export class WordChain {
  private readonly followers = new Map<string, string[]>();
  private readonly openers: string[] = [];

  constructor(texts: readonly string[]) {
    for (const text of texts) {
      const words = text.split(/\s+/).filter((word) => word.length > 0);
      words.forEach((word, index) => {
        const previous = words[index - 1];
        if (previous === undefined || endsSentence(previous)) this.openers.push(word);
        if (previous !== undefined) {
          const list = this.followers.get(previous) ?? [];
          list.push(word);
          this.followers.set(previous, list);
        }
      });
    }
    if (this.openers.length === 0) throw new RangeError('the sample corpus holds no text');
  }

  static fromSampleCorpus(folder = SAMPLE_CORPUS_FOLDER): WordChain {
    const names = readdirSync(folder).filter((name) => name.endsWith('.txt')).sort();
    return new WordChain(names.map((name) => readFileSync(path.join(folder, name), 'utf8')));
  }

  sentence(random: () => number): string {
    const words = [randomItem(random, this.openers)];
    while (words.length < 45 && !endsSentence(words[words.length - 1]!)) {
      const next = this.followers.get(words[words.length - 1]!);
      words.push(next ? randomItem(random, next) : randomItem(random, this.openers));
    }
    return words.join(' ');
  }

  /** Paragraphs ("\n"-separated) of 2–5 sentences, about `length` UTF-16 units in all. */
  text(random: () => number, length: number): string {
    const paragraphs: string[] = [];
    let size = 0;
    while (size < length) {
      const sentences: string[] = [];
      for (let count = randomInteger(random, 2, 5); count > 0; count--) sentences.push(this.sentence(random));
      const paragraph = sentences.join(' ');
      paragraphs.push(paragraph);
      size += paragraph.length + 1;
    }
    return paragraphs.join('\n');
  }
}

function endsSentence(word: string): boolean {
  return /[.?!]["”’)]?$/.test(word);
}

/**
 * `count` labelled spans over `text` at word boundaries, deduplicated by range and label. About
 * a third nest inside an earlier span; the rest fall at random and overlap wherever they meet.
 */
export function generateSpans(text: string, count: number, random: () => number, annotator = 'bench'): Span[] {
  const words = [...text.matchAll(/\S+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  if (words.length === 0) return [];
  const spans: Span[] = [];
  const seen = new Set<string>();
  for (let attempts = 0; spans.length < count && attempts < count * 20; attempts++) {
    let first: number;
    let last: number;
    const outer = spans.length > 0 && random() < 0.35 ? randomItem(random, spans) : null;
    if (outer) {
      const inside = words.map((word, index) => ({ word, index })).filter(({ word }) => word.start >= outer.start && word.end <= outer.end);
      if (inside.length < 2) continue;
      first = randomInteger(random, inside[0]!.index, inside[inside.length - 1]!.index);
      last = randomInteger(random, first, inside[inside.length - 1]!.index);
    } else {
      first = randomInteger(random, 0, words.length - 1);
      last = Math.min(words.length - 1, first + randomInteger(random, 0, 24));
    }
    const start = words[first]!.start;
    const end = words[last]!.end;
    const label = randomItem(random, LABEL_NAMES);
    const key = `${start}:${end}:${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    spans.push({ id: `s${spans.length + 1}`, start, end, label, createdAt: CREATED_AT, updatedAt: CREATED_AT, annotator });
  }
  return spans.sort(compareSpans);
}

/** A stored document (valid by the store's schema) over `text` with `spanCount` spans. */
export function generateDocument(id: string, text: string, spanCount: number, random: () => number): NewsDocument {
  const title = text.slice(0, text.search(/[.?!](\s|$)/) + 1 || 80).slice(0, 120);
  return newsDocumentSchema.parse({
    id,
    text,
    meta: { title, source: 'bench' },
    status: 'in_progress',
    spans: generateSpans(text, spanCount, random),
    relations: [],
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    annotator: 'bench',
    revision: 0,
  });
}

export interface CorpusShape {
  documents: number;
  /** Characters of text per document (about). */
  textLength: number;
  spansPerDocument: number;
  seed: number;
}

export function documentId(index: number): string {
  return `doc-${String(index).padStart(5, '0')}`;
}

/** The corpus's documents in order, generated one at a time; the same shape gives the same documents. */
export function* generateCorpus(shape: CorpusShape, chain = WordChain.fromSampleCorpus()): Generator<NewsDocument> {
  const random = seededRandom(shape.seed);
  for (let index = 1; index <= shape.documents; index++) {
    yield generateDocument(documentId(index), chain.text(random, shape.textLength), shape.spansPerDocument, random);
  }
}

/**
 * Fills a new data folder with `documents` in the store's layout (one JSON file per document,
 * written plainly: a benchmark fixture needs no fsync), dated a minute back so the store trusts
 * their stamps, then opens it once with the real LibraryStore, which builds its index from the
 * files as it does for any folder whose index is missing.
 */
export async function writeLibraryFolder(folder: string, documents: Iterable<NewsDocument>): Promise<number> {
  const documentsFolder = path.join(folder, DOCUMENTS_FOLDER);
  await fs.mkdir(documentsFolder, { recursive: true });
  const settled = new Date(Date.now() - SETTLED_FILE_AGE_MS);
  let count = 0;
  for (const document of documents) {
    const file = path.join(documentsFolder, `${document.id}.json`);
    await fs.writeFile(file, JSON.stringify(document));
    await fs.utimes(file, settled, settled);
    count++;
  }
  const store = await LibraryStore.open(folder, { holder: 'benchmark corpus' });
  await store.close();
  return count;
}
