import MiniSearch from 'minisearch';
import type { DocumentStatus, NewsDocument, Relation, Span } from '../../shared/model';
import type { TextRange } from '../../shared/spans';
import { matchPassage, MIN_SIMILARITY, sharedWordsBound, sourceWordsOf, targetNumbersOf, type KnownTarget, type PassageMatch } from '../../shared/storyMatch';
import { paragraphsOf, type Token } from '../../shared/storyText';
import { foldQuery } from '../../shared/textSearch';
import { articlesSharingPairs, paragraphsHolding } from './storyIndexPairs';
import { articlesMatching, occurrencesByArticle, occurrencesIn, prepareQuery, type Occurrences, type PostedArticle, type PreparedQuery } from './storyIndexSearch';
import { Postings, Spellings, tokensIn, WordBlocks, wordTableOf, type WordTable } from './storyIndexWords';

/**
 * The library's text index, in memory: every article's text, title and spans; a MiniSearch index of articles (each one document
 * of its text's and title's terms: which articles tell a quote with rare words again, by BM25; storyIndexPairs.ts for one of
 * common words); and where each word of each text and title is (storyIndexWords.ts), from which the library search is answered
 * exactly and the story view finds the paragraphs that tell a quote and aligns their words. Built from the article files, it
 * can be thrown away (storyIndexService.ts keeps it current and cached).
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

/** A match of a passage in another article (see findMatches). */
export interface IndexedMatch extends PassageMatch {
  documentId: string;
}

/** Articles fetched from the full-text index per story lookup, best first, before their paragraphs are weighed. */
const CANDIDATE_ARTICLES = 40;
/** Paragraphs of one article weighed as tellings of a quote, most shared words first. */
const PARAGRAPHS_PER_ARTICLE = 2;
/** Candidates aligned word by word beyond the number of matches asked for. */
const ALIGN_BEYOND_LIMIT = 10;
/** A term in more than this share of articles says little about which one tells a quote. */
const COMMON_TERM_SHARE = 0.02;
/** Terms of a quote looked up in the full-text index: its rarest ones. */
const LOOKUP_TERMS = 12;
/** Articles whose word places are found again between two pauses while a cache is opened in steps (a few ms of work). */
const ARTICLES_PER_STEP = 16;

/** Fields are given to MiniSearch as their terms joined by spaces (terms never hold a space), so each text is folded and cut once. */
const splitTerms = (text: string) => (text === '' ? [] : text.split(' '));
const asIs = (term: string) => term;
const INDEX_OPTIONS = { fields: ['terms'], tokenize: splitTerms, processTerm: asIs };

type ArticleIndex = MiniSearch<{ id: string; terms: string }>;
type AsPlainObject = ReturnType<MiniSearch['toJSON']>;

/** The serialised form, for the cache file: the articles and MiniSearch's index (word places and paragraphs are found again from the texts). */
export interface StoryIndexSnapshot {
  documents: IndexedDocument[];
  articleIndex: AsPlainObject;
}

export class StoryIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  /** Every term, with how many articles have it. */
  private readonly vocabulary = new Map<string, number>();
  /** Every spelling of a word in the library (never shrinks: a spelling no article has any more only costs its place). */
  private readonly spellings = new Spellings();
  /** Per article: where the words of its text and title are, and its paragraphs. */
  private readonly tables = new Map<string, { text: WordTable; title: WordTable; paragraphs: TextRange[] }>();
  /** Where each spelling occurs in the texts, by article slot; `slots` names each article's, `articles` holds each slot's (undefined once removed). */
  private readonly postings = new Postings();
  private readonly slots = new Map<string, number>();
  /** The texts' word ids by slot, in blocks (read by the story lookup's word pairs). */
  private readonly words = new WordBlocks();
  private readonly articles: (PostedArticle | undefined)[] = [];
  /** The same for the titles, under the same slots. */
  private readonly titlePostings = new Postings();
  private readonly titles: (PostedArticle | undefined)[] = [];
  /** Counts the changes of text (articles added, re-imported, removed): which articles match a query holds while it stays. */
  private textVersion = 0;
  /** The articles the last query matched (see `matcher`), while the texts are as they were. */
  private lastMatched: { query: string; textVersion: number; inTexts: Uint8Array; inTitles: Uint8Array } | null = null;

  private constructor(private readonly byArticle: ArticleIndex) {}

  static empty(): StoryIndex {
    return new StoryIndex(new MiniSearch(INDEX_OPTIONS));
  }

  /** The index from a snapshot; throws when the snapshot does not fit this version. */
  static fromSnapshot(snapshot: StoryIndexSnapshot): StoryIndex {
    const loading = StoryIndex.loading(snapshot);
    for (let step = loading.next(); ; step = loading.next()) if (step.done) return step.value;
  }

  /**
   * The same, in steps of a few articles with `pause` (the host's setImmediate) awaited between them, so that a large library's
   * cache is opened without holding up the requests meanwhile: finding the word places again is seconds of work at 10,000 articles.
   */
  static async fromSnapshotInSteps(snapshot: StoryIndexSnapshot, pause: () => Promise<void>): Promise<StoryIndex> {
    const loading = StoryIndex.loading(snapshot);
    for (let step = loading.next(); ; step = loading.next()) {
      if (step.done) return step.value;
      await pause();
    }
  }

  /** Opens a snapshot, yielding after every few articles; throws when it does not fit this version. */
  private static *loading(snapshot: StoryIndexSnapshot): Generator<void, StoryIndex> {
    const index = new StoryIndex(MiniSearch.loadJS(snapshot.articleIndex, INDEX_OPTIONS) as ArticleIndex);
    yield;
    for (const [order, document] of snapshot.documents.entries()) {
      if (!index.byArticle.has(document.id)) throw new RangeError(`The story index cache does not hold article "${document.id}" in its full-text index.`);
      index.documents.set(document.id, document);
      index.count(index.termsOfArticle(index.place(document)), 1);
      if (order % ARTICLES_PER_STEP === ARTICLES_PER_STEP - 1) yield;
    }
    if (index.byArticle.documentCount !== index.documents.size) throw new RangeError('The story index cache holds articles its full-text index does not.');
    return index;
  }

  snapshot(): StoryIndexSnapshot {
    return { documents: [...this.documents.values()], articleIndex: this.byArticle.toJSON() };
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

  /** Finds the words and paragraphs of an article, and gives it a slot in the postings. */
  private place(document: IndexedDocument): { text: WordTable; title: WordTable; paragraphs: TextRange[] } {
    const slot = this.articles.length;
    const tables = { text: wordTableOf(document.text, this.spellings, { blocks: this.words, slot }), title: wordTableOf(document.title, this.spellings), paragraphs: paragraphsOf(document.text) };
    this.tables.set(document.id, tables);
    this.articles.push({ id: document.id, text: document.text, table: tables.text });
    this.titles.push({ id: document.id, text: document.title, table: tables.title });
    this.slots.set(document.id, slot);
    this.postings.add(tables.text, slot);
    this.titlePostings.add(tables.title, slot);
    return tables;
  }

  /** The distinct folded terms of an article's text and title. */
  private termsOfArticle(tables: { text: WordTable; title: WordTable }): Set<string> {
    const terms = new Set<string>();
    for (const table of [tables.text, tables.title]) {
      for (const id of table.ids) for (const term of this.spellings.terms[id]!) terms.add(term);
    }
    return terms;
  }

  private count(terms: Iterable<string>, change: number): void {
    for (const term of terms) {
      // A term whose count falls to 0 stays: it only narrows candidates, which are checked anyway.
      this.vocabulary.set(term, Math.max(0, (this.vocabulary.get(term) ?? 0) + change));
    }
  }

  /** Whether the index holds `document` with its text and title as they are (only its spans may differ). */
  holdsTextOf(document: NewsDocument): boolean {
    const kept = this.documents.get(document.id);
    return kept !== undefined && kept.text === document.text && kept.title === document.meta.title;
  }

  /**
   * Adds or updates an article. Its text and title never change after import, so a document
   * already indexed with the same text only has its spans replaced. Returns whether the text
   * index changed (an article added or re-imported), not only spans.
   */
  put(document: NewsDocument): boolean {
    const sameText = this.holdsTextOf(document);
    const entry: IndexedDocument = { id: document.id, title: document.meta.title, text: document.text, status: document.status, updatedAt: document.updatedAt, spans: document.spans, relations: document.relations };
    if (sameText) {
      this.documents.set(document.id, entry);
      return false;
    }
    // A re-imported article's old words go first (removing one not there does nothing).
    this.remove(document.id);
    this.textVersion++;
    this.documents.set(document.id, entry);
    const tables = this.place(entry);
    // Each term once: how often an article repeats a word says little about whether it tells a quote, and it halves the work.
    const terms = this.termsOfArticle(tables);
    this.byArticle.add({ id: entry.id, terms: [...terms].join(' ') });
    this.count(terms, 1);
    return true;
  }

  /** Removes an article; removing one that is not there does nothing. */
  remove(id: string): void {
    const tables = this.tables.get(id);
    if (!tables) return;
    this.textVersion++;
    this.count(this.termsOfArticle(tables), -1);
    this.documents.delete(id);
    this.tables.delete(id);
    this.articles[this.slots.get(id)!] = undefined;
    this.titles[this.slots.get(id)!] = undefined;
    this.slots.delete(id);
    this.byArticle.discard(id);
  }

  /**
   * Passages of other articles that tell `source` (tokens of `sourceText`) again, best first: in
   * the candidate articles (`candidatesFor`), the paragraphs likeliest to tell it, aligned word by
   * word with the paragraphs either side (two neighbours as one window), so a match may cross a
   * paragraph break. At most one match per place; matches below MIN_SIMILARITY are left out.
   */
  findMatches(sourceText: string, source: readonly Token[], excludeId: string | null, limit: number): IndexedMatch[] {
    const candidates: { document: IndexedDocument; target: Token[]; bound: number; known: KnownTarget }[] = [];
    const words = sourceWordsOf(source);
    for (const { document, paragraphs } of this.candidatesFor(source, excludeId)) {
      const tables = this.tables.get(document.id)!;
      const neighbours = paragraphs.length === 2 && Math.abs(paragraphs[0]! - paragraphs[1]!) === 1;
      const windows = neighbours ? [{ first: Math.min(...paragraphs), last: Math.max(...paragraphs) }] : paragraphs.map((order) => ({ first: order, last: order }));
      for (const { first, last } of windows) {
        const { start } = tables.paragraphs[first - 1] ?? tables.paragraphs[first]!;
        const target = tokensIn(tables.text, this.spellings, start, (tables.paragraphs[last + 1] ?? tables.paragraphs[last]!).end);
        const numbers = targetNumbersOf(words, target);
        const bound = sharedWordsBound(source, target, words, numbers);
        candidates.push({ document, target, bound, known: { words, numbers, widest: bound } });
      }
    }
    // The word diffs cost the most: they run on the candidates that could share the most words,
    // as many as can be returned and a few more.
    candidates.sort((a, b) => b.bound - a.bound);
    const matches: IndexedMatch[] = [];
    for (const { document, target, bound, known } of candidates.slice(0, limit + ALIGN_BEYOND_LIMIT)) {
      // No match shares more words than its bound, so none after this one can reach the
      // similarity the weakest match kept has, or MIN_SIMILARITY: the rest are not aligned.
      const best = (2 * bound) / (source.length + bound);
      if (best < MIN_SIMILARITY) break;
      if (matches.length >= limit && best < Math.min(...matches.map((match) => match.similarity))) break;
      const match = matchPassage(sourceText, source, document.text, target, known);
      if (!match) continue;
      const overlaps = matches.some((other) => other.documentId === document.id && other.start < match.end && match.start < other.end);
      if (!overlaps) matches.push({ ...match, documentId: document.id });
    }
    return matches.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }

  /**
   * The articles (and their paragraphs) worth aligning with a quote (see storyIndexPairs.ts): by
   * the full-text index when the quote has rare terms; by shared word pairs when all its terms
   * are common, or when it has too few for the full-text index to tell its tellings apart.
   */
  private candidatesFor(source: readonly Token[], excludeId: string | null): { document: IndexedDocument; paragraphs: number[] }[] {
    const common = Math.max(2, this.documents.size * COMMON_TERM_SHARE);
    const byRarity = [...new Set(source.map((token) => token.folded))]
      .filter((term) => (this.vocabulary.get(term) ?? 0) > 0)
      .sort((a, b) => this.vocabulary.get(a)! - this.vocabulary.get(b)! || (a < b ? -1 : 1));
    const rare = byRarity.filter((term) => this.vocabulary.get(term)! <= common);
    if (rare.length < 2) {
      const paragraphsOf = (slot: number) => this.tables.get(this.articles[slot]!.id)!.paragraphs;
      const options = { excludeSlot: excludeId === null ? -1 : (this.slots.get(excludeId) ?? -1), maxArticles: CANDIDATE_ARTICLES, paragraphsPerArticle: PARAGRAPHS_PER_ARTICLE };
      const sharing = articlesSharingPairs(source, this.spellings, this.postings, this.articles, this.words, paragraphsOf, options);
      if (sharing.length > 0) return sharing.map(({ slot, paragraphs }) => ({ document: this.documents.get(this.articles[slot]!.id)!, paragraphs }));
    }
    // The rarest terms find the articles that tell the quote; common words would only make the index score most of the library.
    const query = (rare.length >= 2 ? rare : byRarity.slice(0, 3)).slice(0, LOOKUP_TERMS);
    if (query.length === 0) return [];
    const wanted = new Set(query);
    const found: { document: IndexedDocument; paragraphs: number[] }[] = [];
    for (const hit of this.byArticle.search({ combineWith: 'OR', queries: query })) {
      if (hit.id === excludeId) continue;
      if (found.length >= CANDIDATE_ARTICLES) break;
      const document = this.documents.get(hit.id as string)!;
      const tables = this.tables.get(document.id)!;
      found.push({ document, paragraphs: paragraphsHolding(tables.text, tables.paragraphs, this.spellings, wanted, PARAGRAPHS_PER_ARTICLE) });
    }
    return found;
  }

  /** The query prepared for `occurrences`, or null when only a scan of the texts can answer it (a query of punctuation alone). */
  prepareSearch(query: string): PreparedQuery | null {
    return prepareQuery(this.spellings, query);
  }

  /**
   * Every article whose text or title holds a prepared query, with how often and where first,
   * exactly as textSearch.ts's `findMatches` counts them (see storyIndexSearch.ts). The query
   * must have been prepared since the last article was added.
   */
  searchAll(prepared: PreparedQuery): Map<string, { text: Occurrences; title: Occurrences }> {
    const inTexts = occurrencesByArticle(prepared, this.postings, this.spellings, this.articles);
    const inTitles = occurrencesByArticle(prepared, this.titlePostings, this.spellings, this.titles);
    const found = new Map<string, { text: Occurrences; title: Occurrences }>();
    const none: Occurrences = { count: 0, first: null };
    for (const [id, slot] of this.slots) {
      const text = inTexts.get(slot);
      const title = inTitles.get(slot);
      if (text || title) found.set(id, { text: text ?? none, title: title ?? none });
    }
    return found;
  }

  /**
   * Whether an article (by id and text length) holds a prepared query, as `searchAll` finds (storyIndexSearch.ts); null: not
   * indexed so. A query that extends the last one asked (as the next keystroke does) is checked only in the articles that held
   * that one: every match of the longer query holds a match of the shorter.
   */
  matcher(prepared: PreparedQuery): (id: string, length: number) => boolean | null {
    const last = this.lastMatched;
    const extended = last !== null && last.textVersion === this.textVersion && extendsQuery(prepared.query, last.query) ? last : null;
    const inTexts = articlesMatching(prepared, this.postings, this.spellings, this.articles, extended?.inTexts ?? null);
    const inTitles = articlesMatching(prepared, this.titlePostings, this.spellings, this.titles, extended?.inTitles ?? null);
    this.lastMatched = { query: prepared.query, textVersion: this.textVersion, inTexts, inTitles };
    return (id, length) => {
      const slot = this.slots.get(id) ?? -1;
      return this.articles[slot]?.text.length === length ? inTexts[slot] === 1 || inTitles[slot] === 1 : null;
    };
  }

  /** How often a prepared query occurs in an article's text and title, as `searchAll` counts them (null: not indexed); prepare queries after adding. */
  occurrences(prepared: PreparedQuery, id: string): { text: Occurrences; title: Occurrences } | null {
    const document = this.documents.get(id);
    const tables = this.tables.get(id);
    if (!document || !tables) return null;
    return { text: occurrencesIn(prepared, document.text, tables.text, this.spellings), title: occurrencesIn(prepared, document.title, tables.title, this.spellings) };
  }
}

/**
 * Whether every text holding `query` holds `shorter` too: so when `shorter`, folded, begins
 * `query` folded (textSearch.ts), since each of `query`'s matches then begins with one of it.
 */
function extendsQuery(query: string, shorter: string): boolean {
  return query.startsWith(shorter) || foldQuery(query).startsWith(foldQuery(shorter));
}
