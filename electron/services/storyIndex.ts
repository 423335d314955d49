import type { DocumentStatus, NewsDocument, Relation, Span } from '../../shared/model';
import type { TextRange } from '../../shared/spans';
import { matchPassage, MIN_SIMILARITY, sharedWordsBound, sourceWordsOf, targetNumbersOf, type KnownTarget, type PassageMatch } from '../../shared/storyMatch';
import type { Token } from '../../shared/storyText';
import { foldQuery } from '../../shared/textSearch';
import type { ArticleTermsJSON } from './articleTerms';
import { articlesSharingPairs, paragraphsHolding } from './storyIndexPairs';
import { prepareQuery, type PreparedQuery } from './storyIndexQuery';
import { articlesMatching, occurrencesByArticle, occurrencesIn, type Occurrences, type PostedArticle } from './storyIndexSearch';
import { TermCounts } from './storyIndexCounts';
import { InlineReading, type ArticleReading, type ReadArticle } from './storyIndexReader';
import { Postings, Spellings, tokensIn, WordBlocks, type WordTable } from './storyIndexWords';

/**
 * The library's text index, in memory: every article's text, title and spans; a MiniSearch index of articles (articleTerms.ts:
 * which articles tell a quote with rare words again, by BM25; storyIndexPairs.ts for one of common words); and where each word
 * of each text and title is (storyIndexWords.ts), from which the library search is answered exactly and the story view finds
 * the paragraphs that tell a quote and aligns their words. Built from the article files, it can be thrown away
 * (storyIndexService.ts keeps it current and cached). The reading of each article and the MiniSearch index are the reader's
 * (storyIndexReader.ts), on a worker thread in the app: an article put in is held once its reading is back and filed here.
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

/** The serialised form, for the cache file: the articles and MiniSearch's index (word places and paragraphs are found again from the texts). */
export interface StoryIndexSnapshot {
  documents: IndexedDocument[];
  articleIndex: ArticleTermsJSON;
}

export class StoryIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  /** Articles put in and being read (their latest state, and the read that will be filed), not held yet. */
  private readonly reading = new Map<string, { seq: number; entry: IndexedDocument }>();
  private lastSeq = 0;
  /** Every spelling of a word in the library (never shrinks: a spelling no article has any more only costs its place). */
  private readonly spellings = new Spellings();
  /** How many articles have each term. */
  private readonly termCounts = new TermCounts(this.spellings);
  /** Per article: where the words of its text and title are, and its paragraphs. */
  private readonly tables = new Map<string, { text: WordTable; title: WordTable; paragraphs: TextRange[] }>();
  /**
   * Where each spelling occurs in the texts (postings, by article slot), their word ids by slot in blocks, and each slot's
   * article (undefined once removed); `slots` names each article's. The same for the titles, under the same slots.
   */
  private readonly texts = { postings: new Postings(), blocks: new WordBlocks(), articles: [] as (PostedArticle | undefined)[] };
  private readonly titles = { postings: new Postings(), blocks: new WordBlocks(), articles: [] as (PostedArticle | undefined)[] };
  private readonly slots = new Map<string, number>();
  /** Counts the changes of text (articles added, re-imported, removed): which articles match a query holds while it stays. */
  private textVersion = 0;
  /** The articles the last query matched (see `matcher`), while the texts are as they were. */
  private lastMatched: { query: string; textVersion: number; inTexts: Uint8Array; inTitles: Uint8Array } | null = null;

  /** `reader`: reads the articles put in, and holds the full-text half (storyIndexReader.ts). */
  private constructor(private readonly reader: ArticleReading) {
    reader.listen((read) => this.file(read));
  }

  static empty(reader: ArticleReading = new InlineReading()): StoryIndex {
    return new StoryIndex(reader);
  }

  /** The index from a snapshot, read by `reader`; rejects when the snapshot does not fit this version. */
  static async fromSnapshot(snapshot: StoryIndexSnapshot, reader: ArticleReading = new InlineReading()): Promise<StoryIndex> {
    const index = new StoryIndex(reader);
    // The full-text half is loaded, not built again: the articles are read for their words only.
    const loaded = reader.load(snapshot.articleIndex, snapshot.documents.map((document) => document.id));
    for (const document of snapshot.documents) index.enter(document, false);
    await loaded;
    await reader.settled();
    return index;
  }

  /**
   * The snapshot as JSON text: the articles put in (read or being read) and the full-text half,
   * which the reader serialises after every read asked before (so it holds the same articles).
   */
  async snapshotText(): Promise<string> {
    const documents = new Map(this.documents);
    for (const [id, { entry }] of this.reading) documents.set(id, entry);
    const articleIndex = await this.reader.toJSON();
    return `{"documents":${JSON.stringify([...documents.values()])},"articleIndex":${articleIndex}}`;
  }

  /** Resolves once every article put in has been read and is held. */
  settled(): Promise<void> {
    return this.reader.settled();
  }

  /** Lets the reader go (its worker stops). */
  close(): Promise<void> {
    return this.reader.close();
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

  /** Whether the index holds `document` (or is reading it) with its text and title as they are (only its spans may differ). */
  holdsTextOf(document: NewsDocument): boolean {
    const kept = this.reading.get(document.id)?.entry ?? this.documents.get(document.id);
    return kept !== undefined && kept.text === document.text && kept.title === document.meta.title;
  }

  /**
   * Adds or updates an article. Its text and title never change after import, so a document
   * already put in with the same text only has its spans replaced, at once. A new text is read
   * (by the reader, on its worker in the app) and held once filed; until then `get` gives what
   * was held before, if anything. Returns whether the text index changes (an article added or
   * re-imported), not only spans.
   */
  put(document: NewsDocument): boolean {
    const entry: IndexedDocument = { id: document.id, title: document.meta.title, text: document.text, status: document.status, updatedAt: document.updatedAt, spans: document.spans, relations: document.relations };
    if (!this.holdsTextOf(document)) {
      this.enter(entry, true);
      return true;
    }
    const reading = this.reading.get(document.id);
    if (reading) reading.entry = entry;
    else this.documents.set(document.id, entry);
    return false;
  }

  /** Has an article read; `addTerms`: into the full-text half too. */
  private enter(entry: IndexedDocument, addTerms: boolean): void {
    const seq = ++this.lastSeq;
    this.reading.set(entry.id, { seq, entry });
    this.reader.read({ seq, id: entry.id, text: entry.text, title: entry.title, addTerms });
  }

  /** Files an article's reading: its spellings, then (unless it was put in again or removed since) its words, in place of any held before. */
  private file(read: ReadArticle): void {
    for (const [spelling, terms] of read.spellings) this.spellings.idOf(spelling, terms);
    const reading = this.reading.get(read.id);
    if (!reading || reading.seq !== read.seq) return;
    this.reading.delete(read.id);
    this.drop(read.id);
    this.textVersion++;
    const { entry } = reading;
    this.documents.set(entry.id, entry);
    const slot = this.texts.articles.length;
    const keep = (texts: typeof this.texts, table: WordTable) => ({ ids: texts.blocks.keep(slot, table.ids), starts: table.starts });
    const tables = { text: keep(this.texts, read.text), title: keep(this.titles, read.title), paragraphs: read.paragraphs };
    this.tables.set(entry.id, tables);
    this.texts.articles.push({ id: entry.id, text: entry.text, table: tables.text });
    this.titles.articles.push({ id: entry.id, text: entry.title, table: tables.title });
    this.slots.set(entry.id, slot);
    this.texts.postings.add(tables.text, slot);
    this.titles.postings.add(tables.title, slot);
    this.termCounts.add(read.terms);
  }

  /** Removes an article, held or being read; removing one that is not there does nothing. */
  remove(id: string): void {
    this.reading.delete(id);
    this.drop(id);
    this.reader.discard(id);
  }

  /** Lets go of what the index holds of an article here (the reader's terms are its own). */
  private drop(id: string): void {
    const tables = this.tables.get(id);
    if (!tables) return;
    this.textVersion++;
    this.termCounts.remove(tables);
    this.documents.delete(id);
    this.tables.delete(id);
    this.texts.articles[this.slots.get(id)!] = undefined;
    this.titles.articles[this.slots.get(id)!] = undefined;
    this.slots.delete(id);
  }

  /**
   * Passages of other articles that tell `source` (tokens of `sourceText`) again, best first: in
   * the candidate articles (`candidatesFor`), the paragraphs likeliest to tell it, aligned word by
   * word with the paragraphs either side (two neighbours as one window), so a match may cross a
   * paragraph break. At most one match per place; matches below MIN_SIMILARITY are left out.
   */
  async findMatches(sourceText: string, source: readonly Token[], excludeId: string | null, limit: number): Promise<IndexedMatch[]> {
    const candidates: { document: IndexedDocument; target: Token[]; bound: number; known: KnownTarget }[] = [];
    const words = sourceWordsOf(source);
    for (const { document, paragraphs } of await this.candidatesFor(source, excludeId)) {
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
  private async candidatesFor(source: readonly Token[], excludeId: string | null): Promise<{ document: IndexedDocument; paragraphs: number[] }[]> {
    const common = Math.max(2, this.documents.size * COMMON_TERM_SHARE);
    const byRarity = [...new Set(source.map((token) => token.folded))]
      .filter((term) => this.termCounts.articlesHolding(term) > 0)
      .sort((a, b) => this.termCounts.articlesHolding(a) - this.termCounts.articlesHolding(b) || (a < b ? -1 : 1));
    const rare = byRarity.filter((term) => this.termCounts.articlesHolding(term) <= common);
    if (rare.length < 2) {
      const { postings, blocks, articles } = this.texts;
      const paragraphsOf = (slot: number) => this.tables.get(articles[slot]!.id)!.paragraphs;
      const options = { excludeSlot: excludeId === null ? -1 : (this.slots.get(excludeId) ?? -1), maxArticles: CANDIDATE_ARTICLES, paragraphsPerArticle: PARAGRAPHS_PER_ARTICLE };
      const sharing = articlesSharingPairs(source, this.spellings, postings, articles, blocks, paragraphsOf, options);
      if (sharing.length > 0) return sharing.map(({ slot, paragraphs }) => ({ document: this.documents.get(articles[slot]!.id)!, paragraphs }));
    }
    // The rarest terms find the articles that tell the quote; common words would only make the index score most of the library.
    const query = (rare.length >= 2 ? rare : byRarity.slice(0, 3)).slice(0, LOOKUP_TERMS);
    if (query.length === 0) return [];
    const wanted = new Set(query);
    const found: { document: IndexedDocument; paragraphs: number[] }[] = [];
    for (const id of await this.reader.search(query, excludeId, CANDIDATE_ARTICLES)) {
      // An article removed since the search was sent is left out.
      const document = this.documents.get(id);
      const tables = this.tables.get(id);
      if (document && tables) found.push({ document, paragraphs: paragraphsHolding(tables.text, tables.paragraphs, this.spellings, wanted, PARAGRAPHS_PER_ARTICLE) });
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
    const inTexts = occurrencesByArticle(prepared, this.texts, this.spellings);
    const inTitles = occurrencesByArticle(prepared, this.titles, this.spellings);
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
    const inTexts = articlesMatching(prepared, this.texts, this.spellings, extended?.inTexts ?? null);
    const inTitles = articlesMatching(prepared, this.titles, this.spellings, extended?.inTitles ?? null);
    this.lastMatched = { query: prepared.query, textVersion: this.textVersion, inTexts, inTitles };
    return (id, length) => {
      const slot = this.slots.get(id) ?? -1;
      return this.texts.articles[slot]?.text.length === length ? inTexts[slot] === 1 || inTitles[slot] === 1 : null;
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
