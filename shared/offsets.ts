/**
 * Offsets inside the app are JavaScript string indices (UTF-16 code units). Python, spaCy and
 * Prodigy index strings by Unicode code points, so exports and imports convert between the two.
 *
 * A lone surrogate counts as one code point, as it does in a Python `str` decoded from JSON.
 */

export type OffsetUnit = 'codepoint' | 'utf16';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair (one emoji, say). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  return createOffsetConverter(text).codePointLength;
}

export interface OffsetConverter {
  readonly codePointLength: number;
  /**
   * UTF-16 offset (0..text.length) → code point offset.
   * Throws RangeError for an offset outside the text or inside a surrogate pair.
   */
  toCodePoint(utf16Offset: number): number;
  /**
   * Code point offset (0..codePointLength) → UTF-16 offset.
   * Throws RangeError for an offset outside the text.
   */
  toUtf16(codePointOffset: number): number;
}

/** Index of the last element of a sorted array that is <= value, or -1. */
function lastAtMost(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * Builds a converter for one text in one pass. Text without surrogate pairs (most news) gets
 * the identity; otherwise each conversion is a binary search over the pairs' positions.
 */
export function createOffsetConverter(text: string): OffsetConverter {
  const pairStarts: number[] = [];
  for (let index = 0; index < text.length - 1; index++) {
    if (isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1))) {
      pairStarts.push(index);
      index++;
    }
  }
  const utf16Length = text.length;
  const codePointLength = utf16Length - pairStarts.length;

  if (pairStarts.length === 0) {
    return {
      codePointLength,
      toCodePoint(offset) {
        checkRange(offset, utf16Length, 'UTF-16');
        return offset;
      },
      toUtf16(offset) {
        checkRange(offset, codePointLength, 'code point');
        return offset;
      },
    };
  }

  // The code point index at which each pair starts: its UTF-16 index less the pairs before it.
  const pairCodePoints = Int32Array.from(pairStarts, (start, order) => start - order);
  return {
    codePointLength,
    toCodePoint(offset) {
      checkRange(offset, utf16Length, 'UTF-16');
      const before = lastAtMost(pairStarts, offset - 1);
      if (before >= 0 && pairStarts[before] === offset - 1) {
        throw new RangeError(`UTF-16 offset ${offset} splits a surrogate pair`);
      }
      // Pairs that end at or before the offset each took two code units for one code point.
      return offset - (before + 1);
    },
    toUtf16(offset) {
      checkRange(offset, codePointLength, 'code point');
      const before = lastAtMost(pairCodePoints, offset - 1);
      return offset + (before + 1);
    },
  };
}

function checkRange(offset: number, length: number, unit: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > length) {
    throw new RangeError(`${unit} offset ${offset} is outside the text (0–${length})`);
  }
}
