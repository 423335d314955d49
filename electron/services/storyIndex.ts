import MiniSearch from 'minisearch';
import type { DocumentStatus, NewsDocument, Relation, Span } from '../../shared/model';
import type { TextRange } from '../../shared/spans';
import { matchPassage, type PassageMatch } from '../../shared/storyMatch';
import { paragraphsOf, termsOf, tokensOf, type Token } from '../../shared/storyText';

/**
 * The library's text index, in memory: every article's text, title and spans, a MiniSearch
 * full-text index of whole articles (for the library search) and one of paragraphs (for the story
 * view and the drift report). It holds nothing the article files do not: it is built from them
 * and can be thrown away (see storyIndexService.ts for how it is kept current and cached).
 */

/** What the index keeps of one article. */
export interface IndexedDocument {
  id: string;
  title: string;
  text: string;
  status: DocumentStatus;
  updatedAt: string;
  spans: Span[];
  relations: Relation[];
}

interface Passage extends TextRange {
  documentId: string;
  /** Its place among the article's paragraphs. */
  order: number;
}

/** A match of a passage in another article (see findMatches). */
export interface IndexedMatch extends PassageMatch {
  documentId: string;
}

/** Paragraphs fetched from the index per story lookup, best first, before word alignment. */
const CANDIDATE_PASSAGES = 60;
/** A single-term query matched as a substring of more index terms than this is not narrowed. */
const MAX_SUBSTRING_TERMS = 2_000;

const termsOfField = (text: string) => termsOf(text);
const asIs = (term: string) => term;

function documentIndex(): MiniSearch<{ id: string; title: string; text: string }> {
  return new MiniSearch({ fields: ['title', 'text'], tokenize: termsOfField, processTerm: asIs });
}

function passageIndex(): MiniSearch<{ id: number; text: string }> {
  return new MiniSearch({ fields: ['text'], tokenize: termsOfField, processTerm: asIs });
}

type AsPlainObject = ReturnType<MiniSearch['toJSON']>;

/** The serialised form, for the cache file. */
export interface StoryIndexSnapshot {
  documents: IndexedDocument[];
  documentIndex: AsPlainObject;
  passageIndex: AsPlainObject;
  passages: [documentId: string, start: number, end: number, order: number, id: number][];
  nextPassageId: number;
}

export class StoryIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  private readonly passages = new Map<number, Passage>();
  private readonly passageIds = new Map<string, number[]>();
  private readonly vocabulary = new Set<string>();
  private nextPassageId = 0;

  private constructor(
    private readonly byDocument: MiniSearch<{ id: string; title: string; text: string }>,
    private readonly byPassage: MiniSearch<{ id: number; text: string }>,
  ) {}

  static empty(): StoryIndex {
    return new StoryIndex(documentIndex(), passageIndex());
  }

  /** The index from a snapshot; throws when the snapshot does not fit this version. */
  static fromSnapshot(snapshot: StoryIndexSnapshot): StoryIndex {
    const options = { fields: ['title', 'text'], tokenize: termsOfField, processTerm: asIs };
    const index = new StoryIndex(
      MiniSearch.loadJS(snapshot.documentIndex, options) as MiniSearch<{ id: string; title: string; text: string }>,
      MiniSearch.loadJS(snapshot.passageIndex, { ...options, fields: ['text'] }) as MiniSearch<{ id: number; text: string }>,
    );
    for (const document of snapshot.documents) {
      index.documents.set(document.id, document);
      for (const term of termsOf(document.title)) index.vocabulary.add(term);
      for (const term of termsOf(document.text)) index.vocabulary.add(term);
    }
    for (const [documentId, start, end, order, id] of snapshot.passages) {
      index.passages.set(id, { documentId, start, end, order });
      const ids = index.passageIds.get(documentId) ?? [];
      ids.push(id);
      index.passageIds.set(documentId, ids);
    }
    index.nextPassageId = snapshot.nextPassageId;
    return index;
  }

  snapshot(): StoryIndexSnapshot {
    return {
      documents: [...this.documents.values()],
      documentIndex: this.byDocument.toJSON(),
      passageIndex: this.byPassage.toJSON(),
      passages: [...this.passages].map(([id, passage]) => [passage.documentId, passage.start, passage.end, passage.order, id]),
      nextPassageId: this.nextPassageId,
    };
  }

  get size(): number {
    return this.documents.size;
  }

  get(id: string): IndexedDocument | undefined {
    return this.documents.get(id);
  }

  all(): IterableIterator<IndexedDocument> {
    return this.documents.values();
  }

  /**
   * Adds or updates an article. Its text and title never change after import, so a document
   * already indexed with the same text only has its spans replaced.
   */
  put(document: NewsDocument): void {
    const kept = this.documents.get(document.id);
    const entry: IndexedDocument = { id: document.id, title: document.meta.title, text: document.text, status: document.status, updatedAt: document.updatedAt, spans: document.spans, relations: document.relations };
    if (kept && kept.text === document.text && kept.title === entry.title) {
      this.documents.set(document.id, entry);
      return;
    }
    if (kept) this.remove(document.id);
    this.documents.set(document.id, entry);
    this.byDocument.add({ id: entry.id, title: entry.title, text: entry.text });
    for (const term of termsOf(entry.title)) this.vocabulary.add(term);
    for (const term of termsOf(entry.text)) this.vocabulary.add(term);
    const ids: number[] = [];
    paragraphsOf(entry.text).forEach((paragraph, order) => {
      const id = this.nextPassageId++;
      this.passages.set(id, { documentId: entry.id, ...paragraph, order });
      this.byPassage.add({ id, text: entry.text.slice(paragraph.start, paragraph.end) });
      ids.push(id);
    });
    this.passageIds.set(entry.id, ids);
  }

  /** Removes an article; removing one that is not there does nothing. */
  remove(id: string): void {
    if (!this.documents.delete(id)) return;
    this.byDocument.discard(id);
    for (const passageId of this.passageIds.get(id) ?? []) {
      this.passages.delete(passageId);
      this.byPassage.discard(passageId);
    }
    this.passageIds.delete(id);
    // The vocabulary may keep terms of removed articles: it only narrows candidates, which are
    // checked against the text anyway.
  }

  /**
   * The articles that may contain `query` by textSearch.ts's rules (a superset, checked by the
   * caller), or null when the index cannot narrow them. A query's inner words are whole words
   * of the text, its last word a word's beginning, its first a word's end (not narrowed on).
   */
  candidates(query: string): Set<string> | null {
    const terms = termsOf(query);
    if (terms.length === 0) return null;
    if (terms.length === 1) {
      const term = terms[0]!;
      const containing: string[] = [];
      for (const known of this.vocabulary) {
        if (!known.includes(term)) continue;
        containing.push(known);
        if (containing.length > MAX_SUBSTRING_TERMS) return null;
      }
      if (containing.length === 0) return new Set();
      return new Set(this.byDocument.search({ combineWith: 'OR', queries: containing }).map((result) => result.id as string));
    }
    const inner = terms.slice(1, -1).map((term) => ({ queries: [term], prefix: false }));
    const last = { queries: [terms.at(-1)!], prefix: true };
    const results = this.byDocument.search({ combineWith: 'AND', queries: [...inner, last] });
    return new Set(results.map((result) => result.id as string));
  }

  /**
   * Passages of other articles that tell `source` (tokens of `sourceText`) again, best first: the
   * paragraphs sharing most words with it (by the full-text index) are aligned word by word
   * together with the paragraphs either side, so a match may cross a paragraph break. At most one
   * match per place; matches below MIN_SIMILARITY are left out.
   */
  findMatches(sourceText: string, source: readonly Token[], excludeId: string | null, limit: number): IndexedMatch[] {
    const query = [...new Set(source.map((token) => token.folded))];
    if (query.length === 0) return [];
    const hits = this.byPassage.search({ combineWith: 'OR', queries: query }).slice(0, CANDIDATE_PASSAGES * 2);
    const matches: IndexedMatch[] = [];
    let aligned = 0;
    for (const hit of hits) {
      const passage = this.passages.get(hit.id as number);
      if (!passage || passage.documentId === excludeId) continue;
      if (aligned++ >= CANDIDATE_PASSAGES) break;
      const document = this.documents.get(passage.documentId)!;
      const ids = this.passageIds.get(passage.documentId)!;
      const before = this.passages.get(ids[passage.order - 1] ?? -1);
      const after = this.passages.get(ids[passage.order + 1] ?? -1);
      const target = tokensOf(document.text, (before ?? passage).start, (after ?? passage).end);
      const match = matchPassage(sourceText, source, document.text, target);
      if (!match) continue;
      const overlaps = matches.some((other) => other.documentId === document.id && other.start < match.end && match.start < other.end);
      if (!overlaps) matches.push({ ...match, documentId: document.id });
    }
    return matches.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}
