import type { Token } from '../../shared/storyText';
import { forEachWord } from './storyIndexTerms';

/**
 * Where each word of a text is: the positional part of the story index, which MiniSearch does not
 * keep. Words are cut as storyText.ts's `tokensOf` cuts them; each is stored as the id of its
 * spelling (shared by the whole library) and its start, a UTF-16 offset into the text.
 */

/** Every spelling of a word seen in the library, numbered from 0, with its folded terms (numbered from 0 too). */
export class Spellings {
  private readonly ids = new Map<string, number>();
  /** The spellings folding to each term. */
  private readonly byTerm = new Map<string, number[]>();
  private readonly numberOfTerm = new Map<string, number>();
  readonly spellings: string[] = [];
  readonly terms: (readonly string[])[] = [];
  /** Each spelling's terms by number (see `termNumberOf`). */
  readonly termNumbers: (readonly number[])[] = [];
  /** Every term, by number. */
  readonly termList: string[] = [];

  idOf(spelling: string, terms: readonly string[]): number {
    let id = this.ids.get(spelling);
    if (id === undefined) {
      id = this.spellings.length;
      this.ids.set(spelling, id);
      this.spellings.push(spelling);
      this.terms.push(terms);
      this.termNumbers.push(terms.map((term) => this.numberTerm(term)));
      for (const term of terms) {
        const ids = this.byTerm.get(term);
        if (ids) ids.push(id);
        else this.byTerm.set(term, [id]);
      }
    }
    return id;
  }

  /** A term's number, if a spelling seen folds to it. */
  termNumberOf(term: string): number | undefined {
    return this.numberOfTerm.get(term);
  }

  private numberTerm(term: string): number {
    let number = this.numberOfTerm.get(term);
    if (number === undefined) {
      number = this.termList.length;
      this.numberOfTerm.set(term, number);
      this.termList.push(term);
    }
    return number;
  }

  /** The ids of the spellings with `term` among their terms (read only). */
  idsOfTerm(term: string): readonly number[] {
    return this.byTerm.get(term) ?? [];
  }

  get size(): number {
    return this.spellings.length;
  }
}

/** The words of one text, in order. */
export interface WordTable {
  /** Spelling id of each word. */
  ids: Int32Array;
  /** Where each word starts (it ends after its spelling's length). */
  starts: Int32Array;
}

/** The word table of a text. */
export function wordTableOf(text: string, spellings: Spellings): WordTable {
  const ids: number[] = [];
  const starts: number[] = [];
  forEachWord(text, 0, text.length, (start, _end, terms, spelling) => {
    ids.push(spellings.idOf(spelling, terms));
    starts.push(start);
  });
  return { ids: Int32Array.from(ids), starts: Int32Array.from(starts) };
}

/** The index of the first word starting at or after `offset`. */
export function wordAt(table: WordTable, offset: number): number {
  let low = 0;
  let high = table.starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (table.starts[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The tokens (as `tokensOf` gives them) of the words starting in [from, to). */
export function tokensIn(table: WordTable, spellings: Spellings, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  for (let word = wordAt(table, from); word < table.starts.length && table.starts[word]! < to; word++) {
    const id = table.ids[word]!;
    const start = table.starts[word]!;
    const end = start + spellings.spellings[id]!.length;
    for (const folded of spellings.terms[id]!) tokens.push({ start, end, folded });
  }
  return tokens;
}

const EMPTY = new Int32Array(0);

/**
 * Where each spelling occurs in the library's texts: per spelling id, pairs of (article slot,
 * word index in that article's table), in the order articles were added. An article removed
 * leaves its pairs behind under a slot no longer live (skipped by readers).
 */
export class Postings {
  private slots: Int32Array[] = [];
  private words: Int32Array[] = [];
  /** Places per spelling id (0 past its end). */
  private lengths = new Int32Array(0);

  add(table: WordTable, slot: number): void {
    const { ids } = table;
    let { lengths } = this;
    for (let word = 0; word < ids.length; word++) {
      const id = ids[word]!;
      if (id >= lengths.length) {
        this.lengths = lengths = grownTo(lengths, id + 1);
        // Spellings with no place yet get empty arrays, so that the arrays below hold no holes.
        for (let next = this.slots.length; next < lengths.length; next++) {
          this.slots.push(EMPTY);
          this.words.push(EMPTY);
        }
      }
      const length = lengths[id]!;
      let slots = this.slots[id]!;
      let words = this.words[id]!;
      if (length === slots.length) {
        const size = Math.max(4, length * 2);
        const newSlots = new Int32Array(size);
        const newWords = new Int32Array(size);
        newSlots.set(slots);
        newWords.set(words);
        this.slots[id] = slots = newSlots;
        this.words[id] = words = newWords;
      }
      slots[length] = slot;
      words[length] = word;
      lengths[id] = length + 1;
    }
  }

  /** The spelling's places, in the order added: entries [0, length) of `slots` and `words` (read only). */
  placesOf(id: number): { slots: Int32Array; words: Int32Array; length: number } {
    const length = id < this.lengths.length ? this.lengths[id]! : 0;
    return length === 0 ? { slots: EMPTY, words: EMPTY, length } : { slots: this.slots[id]!, words: this.words[id]!, length };
  }
}

/** Words per block of `WordBlocks` (4 MB): an article longer than this gets a block of its own. */
const BLOCK_WORDS = 1 << 20;

/**
 * Every article's text word ids (its WordTable's `ids`), laid out by slot in a few large blocks,
 * with where each slot's are: the story lookup reads the words either side of thousands of places
 * across the library (storyIndexPairs.ts), and reading them here costs one memory access each,
 * where the tables' own arrays, each a separate object, cost several (measured: 2–4× slower).
 * An article's table keeps a view of its block, so nothing is held twice. Slots are added in
 * order and never reused; a removed article's words stay in their block (as its postings stay).
 */
export class WordBlocks {
  readonly blocks: Int32Array[] = [];
  /** Per slot: its block, where its words start in it, and how many there are. */
  blockOf = new Int32Array(64);
  startOf = new Int32Array(64);
  lengthOf = new Int32Array(64);
  private used = BLOCK_WORDS;

  /** Keeps `ids` as the words of `slot` (the next slot), and returns the view to use in their place. */
  keep(slot: number, ids: ArrayLike<number>): Int32Array {
    if (slot >= this.blockOf.length) {
      this.blockOf = grownTo(this.blockOf, slot + 1);
      this.startOf = grownTo(this.startOf, slot + 1);
      this.lengthOf = grownTo(this.lengthOf, slot + 1);
    }
    const last = this.blocks.at(-1);
    if (!last || this.used + ids.length > last.length) {
      this.blocks.push(new Int32Array(Math.max(BLOCK_WORDS, ids.length)));
      this.used = 0;
    }
    const block = this.blocks.length - 1;
    const view = this.blocks[block]!.subarray(this.used, this.used + ids.length);
    view.set(ids);
    this.blockOf[slot] = block;
    this.startOf[slot] = this.used;
    this.lengthOf[slot] = ids.length;
    this.used += ids.length;
    return view;
  }
}

/** A copy of `array` at least `size` long (and at least twice as long, so that growing one by one costs little), zeros after its end. */
export function grownTo(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(Math.max(size, array.length * 2, 1024));
  copy.set(array);
  return copy;
}
