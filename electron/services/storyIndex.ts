import MiniSearch, { type Query } from 'minisearch';
import type { DocumentStatus, NewsDocument, Relation, Span } from '../../shared/model';
import type { TextRange } from '../../shared/spans';
import { matchPassage, sharedWordsBound, type PassageMatch } from '../../shared/storyMatch';
import { paragraphsOf, type Token } from '../../shared/storyText';
import { occurrencesIn, prepareQuery, type Occurrences, type PreparedQuery } from './storyIndexSearch';
import { indexTokensOf } from './storyIndexTerms';
import { Spellings, tokensIn, wordTableOf, type WordTable } from './storyIndexWords';

/**
 * The library's text index, in memory: every article's text, title and spans; a MiniSearch
 * full-text index of paragraphs and titles (which articles may hold a query or tell a quote); and
 * where each word of each text and title is (storyIndexWords.ts), from which the library search
 * is answered exactly and the story view aligns words. It holds nothing the article files do not:
 * it is built from them and can be thrown away (see storyIndexService.ts for how it is kept
 * current and cached).
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
const CANDIDATE_PASSAGES = 40;
/** Candidates aligned word by word beyond the number of matches asked for. */
const ALIGN_BEYOND_LIMIT = 10;
/** A single-term query matched as a substring of more index terms than this is not narrowed (looking them all up costs more than it saves). */
const MAX_SUBSTRING_TERMS = 100;
/** A condition met by more than this share of paragraphs narrows too little to be worth looking up. */
const SELECTIVE_SHARE = 0.3;
/** A query's last word shorter than this begins too many words to narrow on. */
const MIN_PREFIX = 3;

/** Fields are given to MiniSearch as their terms joined by spaces (terms never hold a space), so each text is folded and cut once. */
const splitTerms = (text: string) => (text === '' ? [] : text.split(' '));
const asIs = (term: string) => term;
/** A term in more than this share of paragraphs says little about which one tells a quote. */
const COMMON_TERM_SHARE = 0.02;
/** Terms of a quote looked up in the paragraph index: its rarest ones. */
const LOOKUP_TERMS = 12;

const INDEX_OPTIONS = { fields: ['text'], tokenize: splitTerms, processTerm: asIs };

function passageIndex(): MiniSearch<{ id: number; text: string }> {
  return new MiniSearch(INDEX_OPTIONS);
}

/** A passage's place in its article: its title is passage TITLE, its paragraphs 0, 1, … */
const TITLE = -1;

type AsPlainObject = ReturnType<MiniSearch['toJSON']>;

/** The serialised form, for the cache file. */
export interface StoryIndexSnapshot {
  documents: IndexedDocument[];
  passageIndex: AsPlainObject;
  passages: [documentId: string, start: number, end: number, order: number, id: number][];
  nextPassageId: number;
  /** Term → paragraphs that have it. */
  vocabulary: [term: string, paragraphs: number][];
}

export class StoryIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  private readonly passages = new Map<number, Passage>();
  private readonly passageIds = new Map<string, number[]>();
  /** Every term, with how many paragraphs have it (0 for a term only in titles). */
  private readonly vocabulary = new Map<string, number>();
  private nextPassageId = 0;
  /** Every spelling of a word in the library (never shrinks: a spelling no article has any more only costs its place). */
  private readonly spellings = new Spellings();
  /** Where the words of each article's text and title are. */
  private readonly tables = new Map<string, { text: WordTable; title: WordTable }>();

  private constructor(private readonly byPassage: MiniSearch<{ id: number; text: string }>) {}

  static empty(): StoryIndex {
    return new StoryIndex(passageIndex());
  }

  /** The index from a snapshot; throws when the snapshot does not fit this version or its own articles. */
  static fromSnapshot(snapshot: StoryIndexSnapshot): StoryIndex {
    const index = new StoryIndex(MiniSearch.loadJS(snapshot.passageIndex, INDEX_OPTIONS) as MiniSearch<{ id: number; text: string }>);
    for (const document of snapshot.documents) {
      index.documents.set(document.id, document);
      index.tables.set(document.id, index.tablesOf(document));
    }
    for (const [term, paragraphs] of snapshot.vocabulary) index.vocabulary.set(term, paragraphs);
    for (const [documentId, start, end, order, id] of snapshot.passages) {
      const document = index.documents.get(documentId);
      if (!document || !(start >= 0 && start <= end && end <= document.text.length)) throw new RangeError(`The story index cache's passage ${id} does not fit article "${documentId}".`);
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
      passageIndex: this.byPassage.toJSON(),
      passages: [...this.passages].map(([id, passage]) => [passage.documentId, passage.start, passage.end, passage.order, id]),
      nextPassageId: this.nextPassageId,
      vocabulary: [...this.vocabulary],
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

  private tablesOf(document: IndexedDocument): { text: WordTable; title: WordTable } {
    return { text: wordTableOf(document.text, this.spellings), title: wordTableOf(document.title, this.spellings) };
  }

  /** The folded terms of the words starting in [from, to) of a table. */
  private termsIn(table: WordTable, from: number, to: number): string[] {
    return tokensIn(table, this.spellings, from, to).map((token) => token.folded);
  }

  private count(terms: Iterable<string>, change: number): void {
    for (const term of terms) {
      // A term whose count falls to 0 stays: a title may still have it.
      this.vocabulary.set(term, Math.max(0, (this.vocabulary.get(term) ?? 0) + change));
    }
  }

  /**
   * Adds or updates an article. Its text and title never change after import, so a document
   * already indexed with the same text only has its spans replaced. Returns whether the text
   * index changed (an article added or re-imported), not only spans.
   */
  put(document: NewsDocument): boolean {
    const kept = this.documents.get(document.id);
    const entry: IndexedDocument = { id: document.id, title: document.meta.title, text: document.text, status: document.status, updatedAt: document.updatedAt, spans: document.spans, relations: document.relations };
    if (kept && kept.text === document.text && kept.title === entry.title) {
      this.documents.set(document.id, entry);
      return false;
    }
    if (kept) this.remove(document.id);
    this.documents.set(document.id, entry);
    const tables = this.tablesOf(entry);
    this.tables.set(entry.id, tables);
    const titleTerms = this.termsIn(tables.title, 0, entry.title.length);
    this.count(titleTerms, 0);
    const titleId = this.nextPassageId++;
    this.passages.set(titleId, { documentId: entry.id, start: 0, end: 0, order: TITLE });
    this.byPassage.add({ id: titleId, text: titleTerms.join(' ') });
    const ids: number[] = [titleId];
    paragraphsOf(entry.text).forEach((paragraph, order) => {
      const id = this.nextPassageId++;
      const terms = this.termsIn(tables.text, paragraph.start, paragraph.end);
      this.passages.set(id, { documentId: entry.id, ...paragraph, order });
      // Each term once: how often a paragraph repeats a word says little about whether it tells a quote, and halves the work.
      this.byPassage.add({ id, text: [...new Set(terms)].join(' ') });
      this.count(new Set(terms), 1);
      ids.push(id);
    });
    this.passageIds.set(entry.id, ids);
    return true;
  }

  /** Removes an article; removing one that is not there does nothing. */
  remove(id: string): void {
    const document = this.documents.get(id);
    if (!document) return;
    const tables = this.tables.get(id)!;
    this.documents.delete(id);
    this.tables.delete(id);
    for (const passageId of this.passageIds.get(id) ?? []) {
      const passage = this.passages.get(passageId)!;
      if (passage.order !== TITLE) this.count(new Set(this.termsIn(tables.text, passage.start, passage.end)), -1);
      this.passages.delete(passageId);
      this.byPassage.discard(passageId);
    }
    this.passageIds.delete(id);
    // Terms stay in the vocabulary (counted 0) even when no article has them any more: it only
    // narrows candidates, which are checked against the text anyway.
  }

  /**
   * The articles that may contain `query` by textSearch.ts's rules (a superset, checked by the
   * caller), or null when the index cannot narrow them. A query's inner words are whole words
   * of the text, its last word a word's beginning, its first a word's end (not narrowed on).
   */
  candidates(query: string): Set<string> | null {
    const terms = indexTokensOf(query).map((token) => token.folded);
    if (terms.length === 0) return null;
    // Each word is a condition any matching article meets (a query may run across paragraphs, so
    // they are not combined): the rarest one alone names the candidates, if it is rare enough.
    const conditions: { query: Query; paragraphs: number; terms: number }[] = [];
    if (terms.length === 1) {
      const term = terms[0]!;
      if (term.length < MIN_PREFIX) return null;
      const containing = this.termsWhere((known) => known.includes(term));
      if (containing === null) return null;
      conditions.push({ query: { combineWith: 'OR', queries: containing.terms }, paragraphs: containing.paragraphs, terms: containing.terms.length });
    } else {
      for (const [order, term] of terms.entries()) {
        if (order > 0 && order < terms.length - 1) conditions.push({ query: term, paragraphs: this.vocabulary.get(term) ?? 0, terms: 1 });
      }
      const last = terms.at(-1)!;
      const beginning = last.length >= MIN_PREFIX ? this.termsWhere((known) => known.startsWith(last)) : null;
      if (beginning) conditions.push({ query: { combineWith: 'OR', queries: beginning.terms }, paragraphs: beginning.paragraphs, terms: beginning.terms.length });
    }
    const rarest = conditions.sort((a, b) => a.paragraphs - b.paragraphs)[0];
    if (!rarest || rarest.paragraphs > this.passages.size * SELECTIVE_SHARE) return null;
    if (rarest.terms === 0) return new Set();
    return this.documentsWith(rarest.query);
  }

  /** The vocabulary's terms that pass `test` and how many paragraphs have them, or null when there are too many. */
  private termsWhere(test: (term: string) => boolean): { terms: string[]; paragraphs: number } | null {
    const terms: string[] = [];
    let paragraphs = 0;
    for (const [known, count] of this.vocabulary) {
      if (!test(known)) continue;
      terms.push(known);
      paragraphs += count;
      if (terms.length > MAX_SUBSTRING_TERMS) return null;
    }
    return { terms, paragraphs };
  }

  /** The articles with a passage (or title) that answers `query`. */
  private documentsWith(query: Query): Set<string> {
    const found = new Set<string>();
    for (const result of this.byPassage.search(query)) found.add(this.passages.get(result.id as number)!.documentId);
    return found;
  }

  /**
   * Passages of other articles that tell `source` (tokens of `sourceText`) again, best first: the
   * paragraphs sharing most words with it (by the full-text index) are aligned word by word
   * together with the paragraphs either side, so a match may cross a paragraph break. At most one
   * match per place; matches below MIN_SIMILARITY are left out.
   */
  findMatches(sourceText: string, source: readonly Token[], excludeId: string | null, limit: number): IndexedMatch[] {
    // The rarest terms find the paragraphs that tell the quote; common words would only make
    // the index score most of the library.
    const common = Math.max(2, this.passages.size * COMMON_TERM_SHARE);
    const byRarity = [...new Set(source.map((token) => token.folded))]
      .filter((term) => (this.vocabulary.get(term) ?? 0) > 0)
      .sort((a, b) => this.vocabulary.get(a)! - this.vocabulary.get(b)! || (a < b ? -1 : 1));
    const rare = byRarity.filter((term) => this.vocabulary.get(term)! <= common);
    const query = (rare.length >= 2 ? rare : byRarity.slice(0, 3)).slice(0, LOOKUP_TERMS);
    if (query.length === 0) return [];
    const hits = this.byPassage.search({ combineWith: 'OR', queries: query }).slice(0, CANDIDATE_PASSAGES * 2);
    const candidates: { document: IndexedDocument; target: Token[]; bound: number }[] = [];
    for (const hit of hits) {
      const passage = this.passages.get(hit.id as number);
      if (!passage || passage.order === TITLE || passage.documentId === excludeId) continue;
      if (candidates.length >= CANDIDATE_PASSAGES) break;
      const document = this.documents.get(passage.documentId)!;
      const ids = this.passageIds.get(passage.documentId)!;
      // ids[0] is the title; paragraph n is ids[n + 1].
      const before = passage.order > 0 ? this.passages.get(ids[passage.order]!) : undefined;
      const after = this.passages.get(ids[passage.order + 2] ?? -1);
      const target = tokensIn(this.tables.get(document.id)!.text, this.spellings, (before ?? passage).start, (after ?? passage).end);
      candidates.push({ document, target, bound: sharedWordsBound(source, target) });
    }
    // The word diffs cost the most: they run on the candidates that could share the most words,
    // as many as can be returned and a few more.
    candidates.sort((a, b) => b.bound - a.bound);
    const matches: IndexedMatch[] = [];
    for (const { document, target } of candidates.slice(0, limit + ALIGN_BEYOND_LIMIT)) {
      const match = matchPassage(sourceText, source, document.text, target);
      if (!match) continue;
      const overlaps = matches.some((other) => other.documentId === document.id && other.start < match.end && match.start < other.end);
      if (!overlaps) matches.push({ ...match, documentId: document.id });
    }
    return matches.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }

  /** The query prepared for `occurrences`, or null when only a scan of the texts can answer it (a query of punctuation alone). */
  prepareSearch(query: string): PreparedQuery | null {
    return prepareQuery(this.spellings, query);
  }

  /**
   * How often a prepared query occurs in an article's text and title, exactly as textSearch.ts's
   * `findMatches` counts them (see storyIndexSearch.ts), or null for an article not indexed.
   * A query must be prepared again after articles are added: new spellings are unknown to it.
   */
  occurrences(prepared: PreparedQuery, id: string): { text: Occurrences; title: Occurrences } | null {
    const document = this.documents.get(id);
    const tables = this.tables.get(id);
    if (!document || !tables) return null;
    return { text: occurrencesIn(prepared, document.text, tables.text, this.spellings), title: occurrencesIn(prepared, document.title, tables.title, this.spellings) };
  }
}
