import type { TextRange } from '../../shared/spans';
import { paragraphsOf } from '../../shared/storyText';
import { ArticleTerms, type ArticleTermsJSON } from './articleTerms';
import { DistinctTerms } from './storyIndexCounts';
import { Spellings, wordTableOf, type WordTable } from './storyIndexWords';

/**
 * The story index's reader: it finds the words of each article put in the index (where each word
 * is, its spelling's number, the paragraphs, the distinct terms) and keeps the full-text half
 * (articleTerms.ts). That is nearly all the work of building the index, so the app runs it on a
 * worker thread (storyIndexWorker.ts), beside an import on the other core and with its many small
 * objects out of the main thread's heap; the index (storyIndex.ts) only files what it reads.
 *
 * The reader numbers spellings as it meets them; each answer carries the spellings new since the
 * last one, so the index's copy of them, added in order, numbers them the same.
 */

/** An article to read; `seq` tells its answer apart from an earlier one's for the same article. */
export interface ReadRequest {
  seq: number;
  id: string;
  text: string;
  title: string;
  /** Whether its terms go into the full-text half (not when that is loaded from a cache instead). */
  addTerms: boolean;
}

/** What the reader found in an article. */
export interface ReadArticle {
  seq: number;
  id: string;
  text: WordTable;
  title: WordTable;
  paragraphs: TextRange[];
  /** The numbers of its distinct folded terms. */
  terms: Int32Array;
  /** The spellings (and their terms) met for the first time since the last answer, in the order numbered. */
  spellings: [string, readonly string[]][];
}

/** The reader as the index reaches it: in this thread, or on a worker (workerReading.ts). Calls take effect in the order made. */
export interface ArticleReading {
  /** Where answers go, in the order asked; given once, before the first read. */
  listen(onRead: (read: ReadArticle) => void): void;
  read(request: ReadRequest): void;
  /** Forgets an article's terms (forgetting one not there does nothing). */
  discard(id: string): void;
  /** The articles holding any of `queries`, best first, without `excludeId`: at most `max` ids. */
  search(queries: readonly string[], excludeId: string | null, max: number): Promise<string[]>;
  /** The full-text half serialised, as JSON text. */
  toJSON(): Promise<string>;
  /** Replaces the full-text half with a serialised one; rejects with a RangeError unless it holds exactly the articles `ids`. */
  load(index: ArticleTermsJSON, ids: readonly string[]): Promise<void>;
  /** Resolves once every read asked before it has been answered (rejects if the reader failed). */
  settled(): Promise<void>;
  /** Lets the reader go (a worker is stopped). */
  close(): Promise<void>;
}

export class ArticleReader {
  private readonly spellings = new Spellings();
  private readonly distinct = new DistinctTerms(this.spellings);
  /** Spellings already told in an answer. */
  private told = 0;
  readonly terms = new ArticleTerms();

  read({ seq, id, text, title, addTerms }: ReadRequest): ReadArticle {
    const tables = { text: wordTableOf(text, this.spellings), title: wordTableOf(title, this.spellings) };
    // Each term once: how often an article repeats a word says little about whether it tells a quote, and it halves the work.
    const terms = this.distinct.of(tables);
    if (addTerms) this.terms.put(id, terms.map((term) => this.spellings.termList[term]).join(' '));
    const spellings: [string, readonly string[]][] = [];
    for (; this.told < this.spellings.size; this.told++) spellings.push([this.spellings.spellings[this.told]!, this.spellings.terms[this.told]!]);
    return { seq, id, ...tables, paragraphs: paragraphsOf(text), terms: Int32Array.from(terms), spellings };
  }
}

/** The reader in the calling thread, answering at once (the tests', the command line's and the bench's single-thread build). */
export class InlineReading implements ArticleReading {
  private readonly reader = new ArticleReader();
  private onRead: (read: ReadArticle) => void = () => undefined;

  listen(onRead: (read: ReadArticle) => void): void {
    this.onRead = onRead;
  }

  read(request: ReadRequest): void {
    this.onRead(this.reader.read(request));
  }

  discard(id: string): void {
    this.reader.terms.discard(id);
  }

  async search(queries: readonly string[], excludeId: string | null, max: number): Promise<string[]> {
    return this.reader.terms.search(queries, excludeId, max);
  }

  async toJSON(): Promise<string> {
    return this.reader.terms.toJSON();
  }

  async load(index: ArticleTermsJSON, ids: readonly string[]): Promise<void> {
    this.reader.terms.load(index, ids);
  }

  async settled(): Promise<void> {}

  async close(): Promise<void> {}
}
