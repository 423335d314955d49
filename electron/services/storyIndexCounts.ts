import { grownTo, type Spellings, type WordTable } from './storyIndexWords';

/**
 * How many articles of the story index have each folded term (which tells the rare words of a
 * quote, those worth looking up), kept by the terms' numbers (Spellings.termNumberOf).
 */
export class TermCounts {
  private readonly articles: number[] = [];
  private readonly distinct: DistinctTerms;

  constructor(private readonly spellings: Spellings) {
    this.distinct = new DistinctTerms(spellings);
  }

  /** Counts an article in, by the numbers of its distinct terms (as `DistinctTerms.of` gives them). */
  add(terms: ArrayLike<number>): void {
    for (let index = 0; index < terms.length; index++) this.articles[terms[index]!] = (this.articles[terms[index]!] ?? 0) + 1;
  }

  /** Counts an article out, by its word tables. */
  remove(tables: { text: WordTable; title: WordTable }): void {
    // A term whose count falls to 0 stays: it only narrows candidates, which are checked anyway.
    for (const term of this.distinct.of(tables)) this.articles[term] = Math.max(0, (this.articles[term] ?? 0) - 1);
  }

  /** How many articles have a folded term. */
  articlesHolding(term: string): number {
    const number = this.spellings.termNumberOf(term);
    return number === undefined ? 0 : (this.articles[number] ?? 0);
  }
}

/** Finds the distinct folded terms of an article, looking at each spelling once. */
export class DistinctTerms {
  /** A spelling's or a term's number marked with the current round was seen in this article. */
  private seenSpellings: Int32Array = new Int32Array(0);
  private seenTerms: Int32Array = new Int32Array(0);
  private round = 0;

  constructor(private readonly spellings: Spellings) {}

  /** The numbers of the distinct folded terms of an article's text and title, in the order first met. */
  of(tables: { text: WordTable; title: WordTable }): number[] {
    const { spellings } = this;
    if (this.seenSpellings.length < spellings.size) this.seenSpellings = grownTo(this.seenSpellings, spellings.size);
    if (this.seenTerms.length < spellings.termList.length) this.seenTerms = grownTo(this.seenTerms, spellings.termList.length);
    const round = ++this.round;
    const { seenSpellings, seenTerms } = this;
    const terms: number[] = [];
    for (const table of [tables.text, tables.title]) {
      for (const id of table.ids) {
        if (seenSpellings[id] === round) continue;
        seenSpellings[id] = round;
        for (const term of spellings.termNumbers[id]!) {
          if (seenTerms[term] === round) continue;
          seenTerms[term] = round;
          terms.push(term);
        }
      }
    }
    return terms;
  }
}
